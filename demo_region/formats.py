"""Formatting helpers shared by the writers: date and time strings, Excel's scientific NIP, CSV bytes."""

from __future__ import annotations

import io

import numpy as np
import polars as pl

CHUNK = 400_000  # rows formatted at once (bounds memory at pegawai=60000)


def day_strings(days: np.ndarray, style: str = "iso") -> pl.Series:
    """Epoch-day ints -> date strings (vectorised)."""
    s = pl.Series(days.astype("datetime64[D]")).cast(pl.Date)
    fmt = {"iso": "%Y-%m-%d", "dmy": "%d/%m/%Y", "dmy-": "%d-%m-%Y"}[style]
    return s.dt.strftime(fmt)


_TIME_TABLES: dict[str, pl.Series] = {}


def time_table(kind: str) -> pl.Series:
    """Lookup tables: minute-of-day -> 'HH:MM' / 'HH.MM'; second-of-day -> 'HH:MM:SS' / 'H:MM:SS'."""
    if kind not in _TIME_TABLES:
        if kind in ("hm", "hm."):
            sep = ":" if kind == "hm" else "."
            vals = [f"{m // 60:02d}{sep}{m % 60:02d}" for m in range(1440)]
        elif kind == "hms":
            vals = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400)]
        else:  # "h:mm:ss" without leading zero
            vals = [f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400)]
        _TIME_TABLES[kind] = pl.Series(vals, dtype=pl.String)
    return _TIME_TABLES[kind]


def sci_notation(nip: str) -> str:
    return f"{int(nip):.5E}"  # what Excel shows for an 18-digit number: 1.98503E+17



def csv_bytes(df: pl.DataFrame, sep: str = ",", header: bool = True, crlf: bool = False) -> bytes:
    buf = io.BytesIO()
    df = df.with_columns(pl.col(pl.String).replace("", None))  # empty cells unquoted
    df.write_csv(buf, separator=sep, include_header=header, line_terminator="\r\n" if crlf else "\n")
    return buf.getvalue()
