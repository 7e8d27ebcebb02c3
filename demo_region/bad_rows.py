"""Planted bad rows and their ground truth (`_kunci/baris_rusak.csv`)."""

from __future__ import annotations

import numpy as np
import polars as pl

from demo_region.formats import sci_notation
from demo_region.region import Region


class BadRows:
    """Planted bad rows: inserted copies of real rows with a broken/unknown NIP, exact duplicates,
    or an invalid value. Records (file, row_number, expected_reason)."""

    def __init__(self, R: Region):
        self.R = R
        self.files: list[str] = []
        self.rows: list[np.ndarray] = []
        self.reasons: list[np.ndarray] = []
        self.unknown = R.nip[R.n + R.n_ghost:]

    def add(self, file: str, rows: np.ndarray, reasons: np.ndarray | str) -> None:
        rows = np.asarray(rows, np.int64)
        if len(rows) == 0:
            return
        self.files.append(file)
        self.rows.append(rows)
        self.reasons.append(np.broadcast_to(np.asarray(reasons, dtype=object), rows.shape))

    def plant(self, df: pl.DataFrame, rng: np.random.Generator, nip_col: str, frac: float,
              invalid: dict[str, list[str]] | None = None, dup_only: bool = False) -> tuple[pl.DataFrame, np.ndarray,
                                                                                            np.ndarray]:
        """Insert bad rows into an all-string frame; return (frame, 0-based positions, reasons)."""
        n = df.height
        k = int(rng.binomial(n, frac)) if n else 0
        if n >= 50:
            k = max(k, 1)
        if k == 0:
            return df, np.zeros(0, np.int64), np.zeros(0, object)
        k = min(k, n)
        src = np.sort(rng.choice(n, k, replace=False))   # at most one planted row after any real row
        kinds = np.array(["exact_duplicate"] * k, dtype=object)
        if not dup_only:
            choices = ["exact_duplicate", "nip_scientific_notation", "nip_invalid_format", "unknown_nip"]
            p = [0.35, 0.2, 0.15, 0.3]
            if invalid:
                choices.append("invalid")
                p = [x * 0.85 for x in p] + [0.15]
            kinds = np.array(choices, dtype=object)[rng.choice(len(choices), k, p=p)]
        ins = df[src.tolist()]
        nips = ins[nip_col].to_list()
        new_nips = []
        for nip, kind in zip(nips, kinds, strict=True):
            if kind == "nip_scientific_notation":
                new_nips.append(sci_notation(nip))
            elif kind == "nip_invalid_format":
                new_nips.append(nip[:-1])
            elif kind == "unknown_nip":
                new_nips.append(str(self.unknown[rng.integers(0, len(self.unknown))]))
            else:
                new_nips.append(nip)
        ins = ins.with_columns(pl.Series(nip_col, new_nips, dtype=pl.String))
        reasons = kinds.copy()
        if invalid and (kinds == "invalid").any():
            cols = sorted(invalid)
            for j in np.where(kinds == "invalid")[0]:
                col = cols[rng.integers(0, len(cols))]
                value, reason = invalid[col][rng.integers(0, len(invalid[col]))].split("|")
                ins[int(j), col] = value
                reasons[j] = reason
        key_old = np.arange(n, dtype=np.int64) * 2
        key_new = src * 2 + 1
        out = pl.concat([df.with_columns(_k=pl.Series(key_old), _b=pl.lit(False)),
                         ins.with_columns(_k=pl.Series(key_new), _b=pl.lit(True))]).sort("_k", maintain_order=True)
        pos = np.where(out["_b"].to_numpy())[0]
        # positions of inserted rows follow the order of src (stable sort keeps insertion order)
        return out.drop("_k", "_b"), pos.astype(np.int64), reasons

    def frame(self) -> pl.DataFrame:
        if not self.rows:
            return pl.DataFrame(schema={"file": pl.String, "row_number": pl.Int64, "expected_reason": pl.String})
        files = np.concatenate([np.full(len(r), f, dtype=object) for f, r in zip(self.files, self.rows,
                                                                                 strict=True)])
        return pl.DataFrame({"file": files.astype(str), "row_number": np.concatenate(self.rows),
                             "expected_reason": np.concatenate(self.reasons).astype(str)})


