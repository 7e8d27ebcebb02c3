"""The 360° BerAKHLAK survey `berakhlak.csv`, per semester with >= 3 months in the period; every second
period has P01..P21 and leaves HARMONIS, ADAPTIF, KOLABORATIF empty."""

from __future__ import annotations

import numpy as np
import polars as pl

from demo_region.calendar import month_add
from demo_region.catalogue import BERAKHLAK_VALUES, HEADERS
from demo_region.context import Context
from demo_region.formats import csv_bytes
from demo_region.kinerja import Kinerja
from demo_region.plan import story_effects
from demo_region.rand import splitmix, stream_key

VALUE_OFFSET = np.array([0.05, 0.0, -0.15, 0.10, 0.20, -0.10, 0.0])
ITEM_VALUES_EMPTY = (3, 5, 6)  # in item periods: HARMONIS, ADAPTIF, KOLABORATIF only as P items


def _semesters(ctx: Context) -> list[tuple[str, list[int]]]:
    out = []
    years = range(ctx.months[0].year, ctx.months[-1].year + 1)
    for y in years:
        for s in (1, 2):
            ms = [k for k, mo in enumerate(ctx.months) if mo.year == y and (mo.month <= 6) == (s == 1)]
            if len(ms) >= 3 or (len(ctx.months) < 3 and ms):
                out.append((f"{y}-S{s}", ms))
    return out


def write_berakhlak(ctx: Context, kinerja: Kinerja) -> int:
    """berakhlak.csv; scores follow each employee's habit, lateness (from `kinerja`'s monthly
    statistics) and the story."""
    R, P = ctx.region, ctx.plan
    n = R.n
    sems = _semesters(ctx)
    opd = R.opd[:n]
    with open(ctx.out / "berakhlak.csv", "wb") as fh:
        fh.write((",".join(HEADERS["berakhlak"]) + "\n").encode())
        written = 0
        # employees sorted by OPD for peer sampling
        order = np.argsort(opd, kind="stable")
        opd_start = np.searchsorted(opd[order], np.arange(R.n_opd))
        opd_cnt = np.bincount(opd, minlength=R.n_opd)
        struk_by_opd = [np.where((opd == o) & (R.jenis[:n] == 0))[0] for o in range(R.n_opd)]
        setda = struk_by_opd[R.opd_index["4.01.01"]]
        for si, (period, ms) in enumerate(sems):
            rng = ctx.rngs("berakhlak", period)
            first = np.datetime64(ctx.months[ms[0]], "D").astype(np.int64)
            last = np.datetime64(month_add(ctx.months[ms[-1]], 1), "D").astype(np.int64)
            alive = (R.start[:n] < last) & (R.end[:n] > first + 45)
            who = np.where(alive)[0]
            nw = len(who)
            eff = np.mean([story_effects(R, P, k)["beh"] for k in ms], axis=0)
            seen = kinerja.stat_days[ms][:, who] > 0
            late = np.where(seen.any(axis=0), (kinerja.stat_late[ms][:, who] * seen).sum(axis=0)
                            / np.maximum(seen.sum(axis=0), 1), 0.1)
            base = 3.95 + 0.3 * R.q_beh[who] - 1.2 * late + eff[opd[who]]
            # assessors
            groups = [(np.full(nw, 3), who, who)]  # (role, target, rater); DIRI
            # ATASAN: a struktural of the same OPD (or Setda)
            at = np.empty(nw, np.int64)
            for o in range(R.n_opd):
                sel = np.where(opd[who] == o)[0]
                pool = struk_by_opd[o]
                pool = pool if len(pool) > 1 else setda
                at[sel] = pool[rng.integers(0, len(pool), len(sel))]
            clash = at == who
            at[clash] = setda[0] if len(setda) and setda[0] != 0 else at[clash]
            groups.append((np.full(nw, 0), who, at))
            # REKAN: two or three colleagues of the same OPD
            for r in range(3):
                take = np.ones(nw, bool) if r < 2 else rng.random(nw) < 0.5
                o = opd[who[take]]
                cnt = opd_cnt[o]
                j = rng.integers(0, 1 << 30, take.sum()) % cnt
                mate = order[opd_start[o] + j]
                mate = np.where(mate == who[take], order[opd_start[o] + (j + 1) % cnt], mate)
                groups.append((np.full(take.sum(), 1), who[take], mate))
            # BAWAHAN for struktural
            sw = who[R.jenis[who] == 0]
            for _r in range(3):
                o = opd[sw]
                cnt = opd_cnt[o]
                j = rng.integers(0, 1 << 30, len(sw)) % cnt
                sub = order[opd_start[o] + j]
                groups.append((np.full(len(sw), 2), sw, sub))
            role, tgt, rat = (np.concatenate([g[i] for g in groups]) for i in range(3))
            ok = (rat != tgt) | (role == 3)
            ok &= rng.random(len(role)) < np.where(role == 3, 0.93, 0.88)   # response rate
            role, tgt, rat = role[ok], tgt[ok], rat[ok]
            hid = splitmix(R.nip_int[rat] ^ splitmix(np.full(len(rat), stream_key(period) + R.rngs.seed, np.uint64)))
            hid_s = [f"{x:016x}" for x in hid.tolist()]
            keep = pl.DataFrame({"t": tgt, "h": hid_s}).select(
                pl.struct("t", "h").is_first_distinct())[:, 0].to_numpy()  # one row per rater
            role, tgt, rat = role[keep], tgt[keep], rat[keep]
            hid_s = [h for h, k in zip(hid_s, keep, strict=True) if k]
            nr = len(role)
            pos = np.searchsorted(who, tgt)
            bias = np.array([-0.05, 0.08, 0.12, 0.4])[role]
            rater_sd = rng.normal(0, 0.3, nr)
            items = (base[pos][:, None] + bias[:, None] + rater_sd[:, None] + np.repeat(VALUE_OFFSET, 3)[None, :]
                     + rng.normal(0, 0.5, (nr, 21)))
            items_i = np.clip(np.round(items), 1, 5).astype(np.int64)
            vals = np.clip(np.round(items.reshape(nr, 7, 3).mean(axis=2) + rng.normal(0, 0.25, (nr, 7))), 1, 5).astype(
                np.int64)
            with_items = si % 2 == 1 and len(sems) > 1
            data = {"PERIODE": pl.Series([period] * nr, dtype=pl.String),
                    "NIP_DINILAI": R.nip_s.gather(tgt),
                    "PERAN_PENILAI": pl.Series(["ATASAN", "REKAN", "BAWAHAN", "DIRI"], dtype=pl.String).gather(role),
                    "ID_PENILAI": pl.Series(hid_s, dtype=pl.String)}
            for v, name in enumerate(BERAKHLAK_VALUES):
                col = pl.Series(vals[:, v]).cast(pl.String)
                if with_items and v in ITEM_VALUES_EMPTY:
                    col = pl.repeat(None, nr, dtype=pl.String, eager=True)
                data[name] = col
            for i in range(21):
                data[f"P{i + 1:02d}"] = (pl.Series(items_i[:, i]).cast(pl.String) if with_items
                                         else pl.repeat(None, nr, dtype=pl.String, eager=True))
            role_order = pl.Series("_r", np.array([1, 2, 3, 0])[role])  # DIRI, ATASAN, REKAN, BAWAHAN
            df = (pl.DataFrame(data).with_columns(role_order)
                  .sort("NIP_DINILAI", "_r", maintain_order=True).drop("_r"))
            df, pos, reasons = ctx.bad.plant(df, rng, "NIP_DINILAI", 0.003,
                                             invalid={"LOYAL": ["6|out_of_range", "0|out_of_range"]})
            ctx.bad.add("berakhlak.csv", pos + 1 + written, reasons)
            fh.write(csv_bytes(df, header=False))
            written += df.height
    ctx.files.append("berakhlak.csv")
    return written
