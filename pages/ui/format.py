"""Bahasa Indonesia formatting that never depends on the browser locale.

Numbers `1.234,5`, percentages `12,5%`, dates `12 Jan 2026`, months `Jan 2026`.
Pure functions (no Streamlit) so they are unit-tested and reused by charts and exports.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from zoneinfo import ZoneInfo

import polars as pl

DASH = "–"  # shown for a missing value; never a silent zero
WIB = ZoneInfo("Asia/Jakarta")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
          "Agustus", "September", "Oktober", "November", "Desember")
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


_ID_SEPARATORS = str.maketrans(",.", ".,")


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def number(x, decimals: int = 1) -> str:
    """1234.5 -> '1.234,5'; None/NaN -> '–'."""
    if _missing(x):
        return DASH
    value = round(float(x), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    return f"{value:,.{decimals}f}".translate(_ID_SEPARATORS)


def integer(x) -> str:
    return number(x, 0)


def percent(x, decimals: int = 1, *, fraction: bool = True) -> str:
    """0.125 -> '12,5%' (fraction=True) or 12.5 -> '12,5%' (fraction=False)."""
    if _missing(x):
        return DASH
    return number(float(x) * (100 if fraction else 1), decimals) + "%"


def signed(x, decimals: int = 1, suffix: str = "") -> str:
    """A delta with its sign: '+1,2', '-0,5', '0,0' (ASCII minus: st.metric reads it for the arrow)."""
    if _missing(x):
        return DASH
    text = number(abs(float(x)), decimals)
    if text.strip("0,.") == "":
        return text + suffix
    return ("+" if x > 0 else "-") + text + suffix


def date(d: dt.date | dt.datetime | None) -> str:
    """date(2026, 1, 12) -> '12 Jan 2026'."""
    if d is None:
        return DASH
    return f"{d.day} {MONTHS_SHORT[d.month - 1]} {d.year}"


def date_long(d: dt.date | None) -> str:
    if d is None:
        return DASH
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month(d: dt.date | None, *, long: bool = False) -> str:
    """First-of-month date -> 'Jan 2026' (or 'Januari 2026')."""
    if d is None:
        return DASH
    return f"{(MONTHS if long else MONTHS_SHORT)[d.month - 1]} {d.year}"


def datetime(t: dt.datetime | None) -> str:
    """A timestamp in WIB: '26 Nov 2026 09.30 WIB' (naive values are taken as WIB)."""
    if t is None:
        return DASH
    if t.tzinfo is not None:
        t = t.astimezone(WIB)
    return f"{date(t)} {t.hour:02d}.{t.minute:02d} WIB"


ROMAN = ("I", "II", "III", "IV")
PERIOD_KINDS = {"S": "Semester", "TW": "Triwulan", "Q": "Triwulan"}


def period(code: str | None) -> str:
    """A survey / assessment period code in words: '2026-S2' -> 'Semester II 2026',
    '2026-TW3' -> 'Triwulan III 2026', '2026' -> 'Tahun 2026'; anything else unchanged."""
    if code is None:
        return DASH
    text = str(code).strip()
    found = re.fullmatch(r"(\d{4})-?(S|TW|Q)([1-4])", text, flags=re.IGNORECASE)
    if found:
        year, kind, n = found.groups()
        kind = kind.upper()
        if kind == "S" and n not in "12":
            return text
        return f"{PERIOD_KINDS[kind]} {ROMAN[int(n) - 1]} {year}"
    return f"Tahun {text}" if re.fullmatch(r"\d{4}", text) else text


def skp_period(year: int | None, code: str | None) -> str:
    """An SKP period in words: (2026, '9') -> 'Sep 2026', (2026, 'TW3') -> 'Triwulan III 2026',
    (2026, 'TAHUNAN') -> 'Tahunan 2026'."""
    if year is None or code is None:
        return DASH
    text = str(code).strip().upper()
    if re.fullmatch(r"\d{1,2}", text) and 1 <= int(text) <= 12:
        return month(dt.date(int(year), int(text), 1))
    if re.fullmatch(r"TW[1-4]", text):
        return f"Triwulan {ROMAN[int(text[2]) - 1]} {year}"
    return f"Tahunan {year}" if text == "TAHUNAN" else f"{text} {year}"


def yes_no(x) -> str:
    """A boolean as a person reads it: 'Ya' / 'Tidak' (– when missing)."""
    if x is None:
        return DASH
    if isinstance(x, str):
        x = x.strip().lower() in ("true", "1", "ya", "yes")
    return "Ya" if x else "Tidak"


def setting(text: str | None, kind) -> str:
    """A configuration value stored as text, shown as its kind says (percent, number, integer, bool,
    date, text, or a {value: words} map); text that does not parse is shown as it is."""
    if text is None:
        return DASH
    if isinstance(kind, dict):
        return kind.get(text, text)
    try:
        if kind == "bool":
            return yes_no(text)
        if kind == "date":
            return date(dt.date.fromisoformat(text))
        if kind == "integer":
            return integer(float(text))
        if kind == "percent":
            return percent(float(text), 0 if float(text) * 100 == round(float(text) * 100) else 1)
        if kind == "number":  # as many decimals as the setting has (at most 3)
            value = float(text)
            places = len(text.partition(".")[2].rstrip("0")) if "e" not in text.lower() else 2
            return number(value, min(places, 3))
    except ValueError:
        return text
    return text


def weekday(i: int) -> str:
    """ISO weekday 1..7 -> 'Senin'..'Minggu'."""
    return WEEKDAYS[int(i) - 1]


def parse_month(text: str) -> dt.date:
    """'Jan 2026' -> date(2026, 1, 1); the inverse of month()."""
    name, year = text.split()
    return dt.date(int(year), MONTHS_SHORT.index(name) + 1, 1)


# -- tables: pre-formatted text columns (st.dataframe has no id-ID number format) --

def format_frame(df: pl.DataFrame, formats: dict[str, str | tuple[str, int]]) -> pl.DataFrame:
    """Return a copy whose listed columns are Indonesian text.

    formats maps column -> kind or (kind, decimals); kinds: number, integer, signed,
    percent (0–1 fraction), date, month, datetime, text (as written: a year is 2026, not 2.026).
    """
    out = []
    for name in df.columns:
        spec = formats.get(name)
        if spec is None:
            out.append(df[name])
            continue
        kind, dec = spec if isinstance(spec, tuple) else (spec, 1)
        if kind in ("number", "integer", "signed", "percent"):
            one = {"number": number, "integer": lambda v, decimals: integer(v), "signed": signed, "percent": percent}[kind]
            out.append(_numbers(df[name], 0 if kind == "integer" else dec, functools.partial(one, decimals=dec),
                                sign=kind == "signed", scale=100 if kind == "percent" else 1,
                                suffix="%" if kind == "percent" else ""))
            continue
        out.append(_format_series(df[name], {"date": date, "month": month, "datetime": datetime,
                                                   "text": lambda v: "" if _missing(v) else str(v)}[kind]))
    return pl.DataFrame(out)


def _numbers(values: pl.Series, decimals: int, one, *, scale: float = 1, suffix: str = "",
             sign: bool = False) -> pl.Series:
    """number() (or percent() / signed()) of a whole column at once, the same text: a value that sits
    on a half after scaling (0,005 at 2 decimals) is left to `one`, the scalar function, which
    rounds the exact binary value as round() does."""
    raw = values.cast(pl.Float64).fill_nan(None) * scale * 10**decimals
    frame = pl.DataFrame({"n": raw.round(0).cast(pl.Int64)})
    whole = (pl.col("n").abs() // 10**decimals).cast(pl.String)
    text = whole.str.reverse().str.replace_all(r"(\d{3})", "$1.").str.reverse().str.strip_chars_start(".")
    if decimals:
        text = text + "," + (pl.col("n").abs() % 10**decimals).cast(pl.String).str.zfill(decimals)
    minus = pl.when(pl.col("n") < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    prefix = pl.when(pl.col("n") > 0).then(pl.lit("+")).otherwise(minus) if sign else minus
    formatted = pl.when(pl.col("n").is_null()).then(pl.lit(DASH)).otherwise(prefix + text + pl.lit(suffix))
    out = frame.select(formatted.alias(values.name)).to_series()
    halves = ((raw - raw.floor() - 0.5).abs() < 1e-6).fill_null(False).arg_true().to_list()
    if halves:
        out = out.scatter(halves, [one(values[i]) for i in halves])
    return out


def _format_series(values: pl.Series, fn) -> pl.Series:
    """fn over each distinct value once (a table repeats its days, levels and dates), mapped back."""
    if values.dtype.is_float():
        values = values.fill_nan(None)
    distinct = values.drop_nulls().unique()
    texts = pl.Series([fn(v) for v in distinct.to_list()], dtype=pl.String)
    mapped = values.replace_strict(distinct, texts, return_dtype=pl.String) if len(distinct) else (
        pl.Series(values.name, [None] * len(values), dtype=pl.String))
    return mapped.fill_null(fn(None)).alias(values.name)


def rupiah_short(x) -> str:
    """Rupiah for a tile: `Rp 1,58 M` (miliar), `Rp 31,5 jt` (juta), else whole rupiah."""
    if _missing(x):
        return DASH
    v = float(x)
    if abs(v) >= 1e9:
        return f"Rp {number(v / 1e9, 2)} M"
    if abs(v) >= 1e6:
        return f"Rp {number(v / 1e6, 1)} jt"
    return f"Rp {integer(v)}"
