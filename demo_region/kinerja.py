"""Monthly SKP ratings `kinerja.csv` (~3 % predikat empty, ~0.4 % contradicting the matrix) and the
monthly per-employee statistics the BerAKHLAK survey draws on."""

from __future__ import annotations

from typing import BinaryIO

import numpy as np
import polars as pl

from demo_region.catalogue import DL, HEADERS, PREDIKAT, PREDIKAT_MATRIX, RATING, TK
from demo_region.context import Context
from demo_region.formats import csv_bytes


class Kinerja:
    """kinerja.csv, written month by month; keeps the contradicting rows and the monthly statistics."""

    def __init__(self, ctx: Context, fh: BinaryIO):
        self.ctx = ctx
        self.fh = fh
        self.rows = 0
        self.contra: list[pl.DataFrame] = []
        nm, n = len(ctx.months), ctx.region.n
        self.stat_late = np.zeros((nm, n), np.float32)
        self.stat_days = np.zeros((nm, n), np.float32)
        self.stat_prod = np.zeros((nm, n), np.float32)
        fh.write((",".join(HEADERS["kinerja"]) + "\n").encode())

    def write_month(self, m: int, S: dict, approved: np.ndarray) -> int:
        """Month m's ratings from its attendance `S` and `approved` minutes; returns the rows written."""
        R = self.ctx.region
        offset = self.rows
        rng = self.ctx.rngs("kinerja", m)
        n = R.n
        status = S["status"]
        active_days = S["active"].sum(axis=1)
        present = S["present"].sum(axis=1)
        worked = present + (status == DL).sum(axis=1)
        late_rate = S["late"].sum(axis=1) / np.maximum(present, 1)
        tkd = (status == TK).sum(axis=1)
        prod = approved / np.maximum(worked, 1)
        typical = np.median(prod[worked >= 5]) if (worked >= 5).any() else 1.0
        prod = prod / max(typical, 1.0)                 # relative to this month's regional median
        eff = S["eff"]
        opd = R.opd[:n]
        self.stat_late[m] = late_rate
        self.stat_days[m] = present
        self.stat_prod[m] = np.where(worked > 0, prod, np.nan)
        hs = (2.4 * np.clip(prod - 1, -1, 0.5) + 0.55 * R.q_hasil[:n] + rng.normal(0, 0.45, n) + eff["hasil"][opd])
        ps = (0.55 * R.q_perilaku[:n] - 3.0 * late_rate - 0.25 * tkd + rng.normal(0, 0.45, n) + eff["perilaku"][opd]
              + 0.25)
        h = np.where(hs > 0.5, 0, np.where(hs < -1.0, 2, 1))
        p = np.where(ps > 0.35, 0, np.where(ps < -1.35, 2, 1))
        pred = np.array(PREDIKAT_MATRIX, dtype=object)[h, p]
        keep = (active_days > 0) & (rng.random(n) > 0.008)
        idx = np.where(keep)[0]
        u = rng.random(len(idx))
        pred_out = pred[idx].astype(object)
        pred_out[u < 0.03] = ""
        contra = u > 0.996
        alt = np.array(PREDIKAT, dtype=object)[rng.integers(0, 5, len(idx))]
        alt = np.where(alt == pred_out, "BAIK", alt)
        alt = np.where(alt == pred_out, "SANGAT BAIK", alt)
        pred_out[contra] = alt[contra]
        month = self.ctx.months[m]
        df = pl.DataFrame({
            "NIP": R.nip_s.gather(idx),
            "TAHUN": pl.Series([str(month.year)] * len(idx), dtype=pl.String),
            "PERIODE": pl.Series([str(month.month)] * len(idx), dtype=pl.String),
            "RATING_HASIL_KERJA": pl.Series(np.array(RATING, dtype=object)[h[idx]].astype(str), dtype=pl.String),
            "RATING_PERILAKU_KERJA": pl.Series(np.array(RATING, dtype=object)[p[idx]].astype(str), dtype=pl.String),
            "PREDIKAT_KINERJA": pl.Series(pred_out.astype(str), dtype=pl.String),
            "_c": contra,
        })
        df = df.drop("_c").with_columns(_c=df["_c"].cast(pl.String))
        df, pos, reasons = self.ctx.bad.plant(df, rng, "NIP", 0.003,
                                              invalid={"RATING_HASIL_KERJA": ["BAIK SEKALI|invalid_rating"]})
        self.ctx.bad.add("kinerja.csv", pos + 1 + offset, reasons)
        c_rows = np.where((df["_c"] == "true").to_numpy())[0]
        ins = np.zeros(df.height, bool)
        ins[pos] = True
        c_rows = c_rows[~ins[c_rows]]
        self.contra.append(df[c_rows.tolist()].select("NIP", "TAHUN", "PERIODE", "PREDIKAT_KINERJA")
                           .with_columns(row_number=pl.Series(c_rows + 1 + offset)))
        df = df.drop("_c")
        self.fh.write(csv_bytes(df, header=False))
        self.rows += df.height
        return df.height
