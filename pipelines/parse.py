"""Polars expressions that turn the text cells of real exports into typed values.

Every parser takes a string expression and returns a typed expression that is null
when the text cannot be read; the validator compares it with the raw cell to tell
"empty" from "unreadable".
"""

from __future__ import annotations

import functools

import polars as pl

MONTHS_ID = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6,
    "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11, "desember": 12, "des": 12, "dec": 12,
    "may": 5, "march": 3, "june": 6, "july": 7, "august": 8, "october": 10, "december": 12,
}
_MONTH_PATTERN = "|".join(sorted(MONTHS_ID, key=len, reverse=True))
EXCEL_EPOCH_DAYS = 25569  # Excel serial of 1970-01-01 (1900 date system)


def clean_text(col: pl.Expr) -> pl.Expr:
    """Trim, strip a leading apostrophe (Excel text marker), empty -> null."""
    return col.str.strip_chars(" \t\r\n'").replace("", None)  # (when/then would strip twice)


def parse_date(col: pl.Expr) -> pl.Expr:
    """`2026-01-12`, `12/01/2026`, `12-01-2026`, `12 Januari 2026`, `12 Jan 2026`,
    Excel cells read as `2026-01-12 00:00:00`, Excel serial numbers."""
    text = clean_text(col).str.to_lowercase()
    iso = text.str.extract(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ t]00:00(?::00)?(?:\.0+)?)?$", 1)
    dmy = text.str.extract(r"^(\d{1,2}[/\-.]\d{1,2}[/\-.]\d{4})$", 1).str.replace_all(r"[\-.]", "/")
    dmy_short = text.str.extract(r"^(\d{1,2}[/\-.]\d{1,2}[/\-.]\d{2})$", 1).str.replace_all(r"[\-.]", "/")
    named = text.str.extract_groups(
        rf"^(\d{{1,2}})[\s\-]+({_MONTH_PATTERN})\.?[\s\-]+(\d{{4}}|\d{{2}})$"
    )
    named_str = pl.concat_str(
        [
            pl.when(named.struct.field("3").str.len_chars() == 2)  # 14-Jul-25: 2025 (as %y reads it)
            .then(pl.when(named.struct.field("3").cast(pl.Int32, strict=False) < 69).then(pl.lit("20"))
                  .otherwise(pl.lit("19")) + named.struct.field("3"))
            .otherwise(named.struct.field("3")),
            named.struct.field("2").replace_strict(
                {k: f"{v:02d}" for k, v in MONTHS_ID.items()}, default=None, return_dtype=pl.String
            ),
            named.struct.field("1").str.zfill(2),
        ],
        separator="-",
    )
    serial = text.str.extract(r"^(\d{4,5})(?:\.0+)?$", 1).cast(pl.Int64, strict=False)
    serial_date = (
        pl.when(serial.is_between(20000, 80000))
        .then((serial - EXCEL_EPOCH_DAYS).cast(pl.Int32).cast(pl.Date))
        .otherwise(None)
    )
    return pl.coalesce(
        iso.str.to_date("%Y-%m-%d", strict=False),
        dmy.str.to_date("%d/%m/%Y", strict=False),
        dmy_short.str.to_date("%d/%m/%y", strict=False),  # 17/11/26: 2026 (00–68 -> 20xx, 69–99 -> 19xx)
        named_str.str.to_date("%Y-%m-%d", strict=False),
        serial_date,
    )


def parse_time(col: pl.Expr) -> pl.Expr:
    """`07:31`, `07.31`, `7:31:05`, Excel time cells (`1899-12-31 07:31:00`), day fractions."""
    text = clean_text(col)
    clock = text.str.extract(r"^(?:\d{4}-\d{2}-\d{2}[ T])?(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)(?:\.\d+)?$", 1)
    clock = clock.str.replace_all(r"\.", ":")
    clock = pl.when(clock.str.count_matches(":") == 1).then(clock + ":00").otherwise(clock)
    fraction = text.str.extract(r"^(0\.\d{3,})$", 1).cast(pl.Float64, strict=False)
    seconds = (fraction * 86400).round(0).cast(pl.Int64).clip(upper_bound=86399)  # 0.99999 is 23:59:59, not 24:00
    from_fraction = pl.when(fraction.is_not_null()).then(seconds * 1_000_000_000).cast(pl.Time)
    return pl.coalesce(clock.str.to_time("%H:%M:%S", strict=False), from_fraction)


def parse_number(col: pl.Expr) -> pl.Expr:
    """`2,5` (decimal comma), `2.5`, `1.234,5`, `1234`; rupiah as written: `Rp 4.000.000`
    (two or more groups of thousands; a single `4.000` stays a decimal point)."""
    text = clean_text(col).str.replace_all(r"\s", "").str.replace(r"^(?i)rp\.?", "")
    both = text.str.contains(r"\.") & text.str.contains(",")
    thousands = text.str.contains(r"^-?\d{1,3}(\.\d{3}){2,}$")
    normalised = (
        pl.when(both | thousands)
        .then(text.str.replace_all(r"\.", "").str.replace(",", "."))
        .otherwise(text.str.replace(",", "."))
    )
    return finite(normalised.cast(pl.Float64, strict=False))


def finite(number: pl.Expr) -> pl.Expr:
    """NaN and infinity are no numbers a source means: null, so the cell reads as unreadable."""
    return pl.when(number.is_finite()).then(number)


def parse_code(col: pl.Expr, mapping: dict[str, str]) -> pl.Expr:
    """Codes in any case and with stray spaces; `mapping` goes from the upper-cased
    spelling (synonyms included) to the canonical code. Unknown -> null."""
    key = clean_text(col).str.to_uppercase().str.replace_all(r"\s+", " ")
    return key.replace_strict(mapping, default=None, return_dtype=pl.String)


_HEADER_NOISE = str.maketrans("", "", "\ufeff ._-\t\r\n")


@functools.lru_cache(maxsize=65536)  # layouts test the same title cells of every file many times
def normalise_header(name: str) -> str:
    """`Jam Masuk`, `JAM_MASUK`, `jam.masuk` -> `JAMMASUK`."""
    return name.replace("\ufeff", "").upper().translate(_HEADER_NOISE)


def as_written(column: str) -> pl.Expr:
    """The cell of `column` as written (cleaned text), kept beside the parsed value while validating."""
    return pl.col(f"_txt_{column}")


def quoted(expr: pl.Expr) -> pl.Expr:
    """'text' for a reason; an empty cell shows as ''."""
    return pl.format("'{}'", expr.fill_null(""))
