"""The monthly e-Kinerja activities `aktivitas_YYYY-MM.csv` (rejected extra entries, waiting entries
at the month's end, the low-productivity and present-not-working anomalies)."""

from __future__ import annotations

import numpy as np
import polars as pl

from demo_region.activity_pools import ACTIVITIES, AKT_CATS
from demo_region.catalogue import DL, H
from demo_region.context import Context
from demo_region.formats import CHUNK, csv_bytes, day_strings, time_table


def write_activities(ctx: Context, m: int, cal: dict, S: dict) -> tuple[int, np.ndarray]:
    R, P = ctx.region, ctx.plan
    rng = ctx.rngs("aktivitas", m)
    n = R.n
    status = S["status"]
    eff = S["eff"]
    work = (status == H) | (status == DL)
    pnw = np.zeros(n, bool)
    pnw[P.pnw.get(m, [])] = True
    low = np.zeros(n, bool)
    low[P.low.get(m, [])] = True
    # present-not-working: most present days without any activity
    drop = pnw[:, None] & (status == H) & (rng.random(status.shape, dtype=np.float32) < 0.88)
    e_idx, d_idx = np.nonzero(work & ~drop)
    na = len(e_idx)
    opd = R.opd[e_idx]
    mu = R.minutes[e_idx] * eff["min_mult"][opd]
    total = mu * np.clip(rng.normal(1.0, 0.12, na), 0.4, 1.6)
    total = np.where(low[e_idx], rng.uniform(70, 135, na), total)
    total = np.where(cal["ram"][d_idx], total * 0.87, total)
    k = rng.choice(np.array([1, 2, 3]), na, p=[0.38, 0.42, 0.20])
    k = np.where(low[e_idx], 1 + (rng.random(na) < 0.3), k)
    # an extra entry the atasan rejects (not counted in the day's work; ~8 % of rows)
    extra = (rng.random(na) < R.reject_p[e_idx]).astype(np.int64)
    rows = np.repeat(np.arange(na), k + extra)
    nr = len(rows)
    first = np.concatenate([[0], np.cumsum(k + extra)[:-1]])
    is_extra = (np.arange(nr) - first[rows]) >= k[rows]
    # activity pool per row
    ecat = R.cat[e_idx][rows]
    use_umum = rng.random(nr) < 0.25
    cat = np.where(use_umum, 0, ecat)
    pool_sizes = np.array([len(ACTIVITIES[c]) for c in AKT_CATS])
    pool_off = np.concatenate([[0], np.cumsum(pool_sizes)[:-1]])
    item = pool_off[cat] + (rng.integers(0, 1 << 30, nr) % pool_sizes[cat])
    flat = [x for c in AKT_CATS for x in ACTIVITIES[c]]
    weight_tab = np.array([x[4] for x in flat])
    w = np.where(is_extra, 0.0, weight_tab[item] * rng.uniform(0.6, 1.4, nr))
    wsum = np.add.reduceat(w, first) if na else np.zeros(0)
    dur = np.maximum(5, np.round(total[rows] * w / wsum[rows] / 5) * 5).astype(np.int64)
    dur = np.where(is_extra, rng.integers(3, 19, nr) * 5, dur)
    # status per row: extra entries rejected; entries of the month's last days still wait for the atasan
    recent = d_idx[rows] >= len(cal["d"]) - 2
    st = np.where(is_extra, 1, np.where(recent & (rng.random(nr) < 0.45), 2, 0))
    pnw_rows = pnw[e_idx][rows] & (status[e_idx, d_idx][rows] == H)
    st = np.where(pnw_rows, np.where(rng.random(nr) < 0.6, 1, 2), st)
    # times
    gap = rng.integers(0, 16, nr)
    step = dur + gap
    cums = np.cumsum(step)
    grp_start = cums[first] - step[first]
    begin_first = np.maximum(cal["start"][d_idx] // 60 + 10 + rng.integers(0, 25, na), 7 * 60)
    start = begin_first[rows] + (cums - step - grp_start[rows])
    start = np.where(start >= 12 * 60, start + 45, start)
    end = start + dur
    start = np.clip(start, 0, 1439)
    end = np.clip(end, 0, 1439)
    vol_lo = np.array([x[2] for x in flat])[item]
    vol_hi = np.array([x[3] for x in flat])[item]
    vol = vol_lo + (rng.integers(0, 1 << 30, nr) % (vol_hi - vol_lo + 1))
    uraian = pl.Series([x[0] for x in flat], dtype=pl.String)
    satuan = pl.Series([x[1] for x in flat], dtype=pl.String)
    style = (m * 5 + 1) % 7
    d_fmt = "dmy" if style in (2, 5) else "iso"
    t_tab = time_table("hm." if style == 3 else "hm")
    no_time = rng.random(nr) < 0.06
    approved = np.bincount(e_idx[rows], weights=dur * (st == 0), minlength=n)
    name = f"aktivitas_{ctx.months[m]:%Y-%m}.csv"
    dates = day_strings(cal["d"], d_fmt)
    status_s = pl.Series(["DISETUJUI", "DITOLAK", "MENUNGGU"], dtype=pl.String)
    written = 0
    with open(ctx.out / name, "wb") as fh:
        for lo in range(0, max(nr, 1), CHUNK):
            sl = slice(lo, min(nr, lo + CHUNK))
            df = pl.DataFrame({
                "NIP": R.nip_s.gather(e_idx[rows[sl]]),
                "TANGGAL": dates.gather(d_idx[rows[sl]]),
                "URAIAN": uraian.gather(item[sl]),
                "DURASI_MENIT": pl.Series(dur[sl]).cast(pl.String),
                "VOLUME": pl.Series(vol[sl]).cast(pl.String),
                "SATUAN": satuan.gather(item[sl]),
                "STATUS": status_s.gather(st[sl]),
                "JAM_MULAI": t_tab.gather(start[sl]),
                "JAM_SELESAI": t_tab.gather(end[sl]),
                "_nt": no_time[sl],
            }).with_columns(
                JAM_MULAI=pl.when("_nt").then(pl.lit(None, pl.String)).otherwise("JAM_MULAI"),
                JAM_SELESAI=pl.when("_nt").then(pl.lit(None, pl.String)).otherwise("JAM_SELESAI"),
            ).drop("_nt")
            df, pos, reasons = ctx.bad.plant(df, rng, "NIP", 0.002,
                                             invalid={"DURASI_MENIT": ["0|out_of_range", "2000|out_of_range"]})
            ctx.bad.add(name, pos + 1 + written, reasons)
            fh.write(csv_bytes(df, header=written == 0))
            written += df.height
    ctx.files.append(name)
    return written, approved
