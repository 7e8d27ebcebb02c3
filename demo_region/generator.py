"""`generate`: the region and the plan, then the files month by month, then the period's files and the key."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import polars as pl

from demo_region import activities, answer_key, attendance, master_data, recap, survey, tpp, training
from demo_region.attlog import Attlog
from demo_region.bad_rows import BadRows
from demo_region.calendar import PeriodCalendar, default_start, month_add
from demo_region.context import Context
from demo_region.kinerja import Kinerja
from demo_region.plan import make_plan
from demo_region.rand import Rngs
from demo_region.region import Region
from demo_region.summary import GenerateSummary


def generate(out_dir: Path, pegawai: int = 6000, bulan: int = 24, mulai: str | None = None,
             seed: int = 42) -> GenerateSummary:
    """Write a demo region's source exports into `out_dir` (see the package docstring)."""
    if pegawai < 40:
        raise ValueError("pegawai minimal 40")
    if bulan < 1:
        raise ValueError("bulan minimal 1")
    if mulai:
        y, mo = mulai.split("-")
        start = dt.date(int(y), int(mo), 1)
    else:
        start = default_start(bulan)
    rngs = Rngs(seed)
    months = [month_add(start, k) for k in range(bulan)]
    region = Region(pegawai, months, rngs)
    ctx = Context(Path(out_dir), rngs, months, region, make_plan(region), BadRows(region))
    return _run(ctx)


def _prepare(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "absensi_log").mkdir(exist_ok=True)
    (out / "_kunci").mkdir(exist_ok=True)
    if (out / "_kunci" / "anomali.csv").exists():
        # an earlier generator run: drop its monthly files and machines, which may not be rewritten
        for pattern in ("absensi_log/*_attlog.dat", "absensi_harian_*.csv", "aktivitas_*.csv"):
            for p in out.glob(pattern):
                p.unlink()


def _run(ctx: Context) -> GenerateSummary:
    t0 = time.perf_counter()
    _prepare(ctx.out)
    calendar = PeriodCalendar(ctx.months)
    rows: dict[str, int] = {}
    timings: dict[str, float] = {}
    tick = time.perf_counter()
    rows["opd"] = master_data.write_opd(ctx)
    rows["pegawai"] = master_data.write_pegawai(ctx)
    timings["pegawai"] = time.perf_counter() - tick
    rows["absensi_log"] = rows["absensi_harian"] = rows["aktivitas"] = 0
    attlog = Attlog(ctx)
    with open(ctx.out / "kinerja.csv", "wb") as kf:
        kinerja = Kinerja(ctx, kf)
        for m in range(len(ctx.months)):
            cal = calendar.month(m)
            if len(cal["d"]) == 0:
                continue
            S = attendance.simulate(ctx, m, cal)
            rows["absensi_log"] += attlog.write_month(m, cal, S)
            rows["absensi_harian"] += recap.write_recap(ctx, m, cal, S)
            na, approved = activities.write_activities(ctx, m, cal, S)
            rows["aktivitas"] += na
            kinerja.write_month(m, S, approved)
            del S
    rows["kinerja"] = kinerja.rows
    timings["bulanan"] = time.perf_counter() - tick - timings["pegawai"]
    ctx.files.append("kinerja.csv")
    attlog.finish()
    tick = time.perf_counter()
    rows["pelatihan"] = training.write_pelatihan(ctx)
    timings["pelatihan"] = time.perf_counter() - tick
    tick = time.perf_counter()
    rows["berakhlak"] = survey.write_berakhlak(ctx, kinerja)
    timings["berakhlak"] = time.perf_counter() - tick
    rows["tpp_dasar"] = tpp.write_tpp_dasar(ctx)  # last, from their own streams: the files above keep their bytes
    rows["hukuman_disiplin"] = tpp.write_hukuman(ctx)
    truth, bad, story = answer_key.write_key(ctx, kinerja.contra)
    anomalies = answer_key.anomaly_counts(truth)
    R = ctx.region
    return GenerateSummary(
        out_dir=ctx.out, mulai=f"{ctx.months[0]:%Y-%m}", sampai=f"{ctx.months[-1]:%Y-%m}", pegawai=R.n,
        opd=R.n_opd, files=sorted(ctx.files), rows=rows, anomalies=anomalies,
        anomaly_rows={k: truth.filter(pl.col("kind") == k).height for k in anomalies},
        bad_rows=dict(bad.group_by("expected_reason").len().sort("expected_reason").iter_rows()),
        story=story, seconds=time.perf_counter() - t0, timings=timings)
