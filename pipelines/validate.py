"""Turn a file's text cells into typed rows, and give every bad row a reason.

`check()` returns the typed frame with `_code` / `_reason` set on rows that must go
to quarantine (the first failed rule wins). Codes and texts come from pipelines/reasons.py;
reasons are in Bahasa Indonesia and name the column and the value as written. Rules that
belong to one source are declared on it (pipelines/sources.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl

from pipelines import reasons
from pipelines.parse import (
    as_written,
    clean_text,
    finite,
    normalise_header,
    parse_code,
    parse_date,
    parse_number,
    parse_time,
    quoted,
)
from pipelines.readers import FileRejected, RawFile
from pipelines.reasons import Rule
from pipelines.sources import Field, Source


def _resolve_columns(raw: RawFile, source: Source) -> dict[str, str | None]:
    by_key = {normalise_header(h): h for h in raw.headers}
    resolved = {f.column: next((by_key[k] for k in f.keys if k in by_key), None) for f in source.fields}
    missing = [f.header for f in source.fields if f.required and resolved[f.column] is None]
    if missing:
        raise FileRejected(
            f"Kolom wajib untuk sumber {source.name} tidak ada: {', '.join(missing)}. "
            f"Judul kolom yang terbaca: {', '.join(raw.headers)}."
        )
    return resolved


def _parsed(f: Field, text: pl.Expr | None = None) -> pl.Expr:
    text = as_written(f.column) if text is None else text
    if f.kind == "date":
        return parse_date(text)
    if f.kind == "time":
        return parse_time(text)
    if f.kind == "timestamp":
        date_part = text.str.extract(r"^(\S+)", 1)
        time_part = text.str.extract(r"^\S+\s+(.+)$", 1)
        return parse_date(date_part).dt.combine(parse_time(time_part))
    if f.kind == "int":
        number = parse_number(text)
        return pl.when(number == number.round(0)).then(number).cast(pl.Int64)
    if f.kind == "number":
        return parse_number(text)
    if f.kind == "code":
        return parse_code(text, f.codes or {})
    if f.kind == "nip":
        return text.str.replace_all(r"[\s.\-]", "")
    return text


def _field_rules(f: Field) -> list[Rule]:
    text, value = as_written(f.column), pl.col(f.column)
    rules: list[Rule] = []
    if f.required:
        rules.append(reasons.MISSING_VALUE.rule(text.is_null(), "column", column=f.header))
    if f.kind == "nip":
        rules += [
            reasons.NIP_SCIENTIFIC_NOTATION.rule(text.str.contains(r"(?i)^\d+([.,]\d+)?e\+?\d+$"), value=quoted(text)),
            reasons.NIP_INVALID_FORMAT.rule(text.is_not_null() & ~value.str.contains(r"^[0-9]{18}$"),
                                            value=quoted(text), digits=value.str.len_chars()),
        ]
        return rules
    unreadable = text.is_not_null() & value.is_null()
    by_kind = {"date": reasons.INVALID_DATE, "timestamp": reasons.INVALID_DATE, "time": reasons.INVALID_TIME,
               "int": reasons.INVALID_NUMBER, "number": reasons.INVALID_NUMBER, "code": reasons.UNKNOWN_CODE}
    if f.kind in by_kind:
        reason = f.unreadable or by_kind[f.kind]
        form = f.kind if len(reason.templates) > 1 else None
        rules.append(reason.rule(unreadable, form, column=pl.lit(f.header), value=quoted(text)))
    if f.low is not None or f.high is not None:
        low = f.low if f.low is not None else float("-inf")
        high = f.high if f.high is not None else float("inf")
        shown = f"{_num(low)}–{_num(high)}" if f.high is not None else f"≥ {_num(low)}"
        rules.append(reasons.OUT_OF_RANGE.rule(value.is_not_null() & ~value.is_between(low, high),
                                               column=pl.lit(f.header), range=pl.lit(shown), value=quoted(text)))
    return rules


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _source_rules(source: Source, today: date) -> list[Rule]:
    rules = source.row_rules() if source.row_rules else []
    if source.future_column:
        column = pl.col(source.future_column)
        as_date = column.dt.date() if source.field(source.future_column).kind == "timestamp" else column
        rules.append(reasons.FUTURE_DATE.rule(as_date > today, "date", date=as_date.dt.strftime("%d-%m-%Y"),
                                              today=today.strftime("%d-%m-%Y")))
    if source.period_start:
        rules.append(reasons.FUTURE_DATE.rule(source.period_start() > today, "period",
                                              value=quoted(as_written("period")), today=today.strftime("%d-%m-%Y")))
    return rules


# Columns the sources' `derive` hooks add beyond their fields (kept after validation).
DERIVED_COLUMNS = frozenset({"tmt_date", "status_raw", "raw_fields", "predikat", "predikat_matrix", "basis_key", "sanction_raw",
                             "is_predikat_derived", "is_predikat_mismatch"})


FAST_FORMATS = {
    "date": ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"),
    "timestamp": ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"),
    "time": ("%H:%M:%S", "%H:%M", "%H.%M"),
}


def _fast_parsed(f: Field, sample: pl.DataFrame) -> tuple[pl.Expr, Callable[[pl.Expr], pl.Expr] | None] | None:
    """The one common format this file uses for the column (chosen on a sample), by plain
    strptime, and the check its value then passes (applied to the parsed column, so the
    parse runs once); rows it misses take the full parser."""
    text = as_written(f.column)
    if f.kind in FAST_FORMATS:
        read = {
            "date": lambda e, fmt: e.str.to_date(fmt, strict=False),
            "timestamp": lambda e, fmt: e.str.to_datetime(fmt, strict=False, time_unit="us"),
            "time": lambda e, fmt: e.str.to_time(fmt, strict=False),
        }[f.kind]
        # a year before 1900 is a two-digit year read by %Y: the full parser reads it
        after = _plausible if f.kind in ("date", "timestamp") else None
        hits = sample.select((after or (lambda e: e))(read(text, fmt)).is_not_null().sum().alias(fmt)
                             for fmt in FAST_FORMATS[f.kind])
        best = max(FAST_FORMATS[f.kind], key=lambda fmt: hits[fmt][0])
        return read(text, best), after
    if f.kind == "int":
        return text.cast(pl.Int64, strict=False), None
    if f.kind == "number":
        return text.cast(pl.Float64, strict=False), finite
    return None


def _plausible(value: pl.Expr) -> pl.Expr:
    return pl.when(value.dt.year() >= 1900).then(value)


def per_distinct(column: pl.Series, expr: Callable[[pl.Expr], pl.Expr]) -> pl.Series:
    """`expr` of every cell of `column`, computed once per distinct value when values repeat
    (codes, dates, NIPs: a few thousand values in a file of 200,000 rows)."""
    sample = column.gather_every(max(1, column.len() // 2000))  # spread over the file (sorted exports)
    if sample.n_unique() * 8 > sample.len():
        return column.to_frame("v").select(expr(pl.col("v"))).to_series().alias(column.name)
    distinct = column.unique()
    values = distinct.to_frame("v").select(expr(pl.col("v"))).to_series()
    known = distinct.is_not_null()
    if values.filter(~known).is_not_null().any():  # an empty cell that reads as a value: cell by cell
        return column.to_frame("v").select(expr(pl.col("v"))).to_series().alias(column.name)
    if not known.any():
        return pl.repeat(None, column.len(), dtype=values.dtype, eager=True).alias(column.name)
    return column.replace_strict(distinct.filter(known), values.filter(known), default=None,
                                 return_dtype=values.dtype).alias(column.name)


def _parsed_column(frame: pl.DataFrame, f: Field) -> pl.Series | pl.Expr:
    """A field parsed by the full parser; text kept as it is."""
    if f.kind == "text":
        return as_written(f.column).alias(f.column)
    return per_distinct(frame.get_column(f"_txt_{f.column}"), lambda text: _parsed(f, text)).alias(f.column)


def _parse_all(frame: pl.DataFrame, source: Source) -> pl.DataFrame:
    sample = frame.head(2000)
    fast = {f.column: e for f in source.fields if (e := _fast_parsed(f, sample)) is not None}
    if not fast:
        return frame.with_columns(_parsed_column(frame, f) for f in source.fields)
    frame = frame.with_columns(fast[f.column][0].alias(f.column) if f.column in fast else _parsed_column(frame, f)
                               for f in source.fields)
    frame = frame.with_columns(after(pl.col(c)).alias(c) for c, (_, after) in fast.items() if after)
    missed = pl.any_horizontal([as_written(c).is_not_null() & pl.col(c).is_null() for c in fast])
    positions = frame.select(missed.fill_null(False)).to_series().arg_true()
    if positions.is_empty():
        return frame
    # the rows a plain format missed take the full parser; their values go back at their positions
    hard = frame[positions].select(_parsed(source.field(c)).cast(frame.schema[c]).alias(c) for c in fast)
    return frame.with_columns(frame.get_column(c).clone().scatter(positions, hard.get_column(c)) for c in fast)


def _layout_rules(frame: pl.DataFrame) -> list[Rule]:
    """The reasons a layout gave rows itself (readers.layout_file `_pre_code`), checked first."""
    if "_pre_code" not in frame.columns:
        return []
    codes = frame["_pre_code"].drop_nulls().unique().sort().to_list()
    return [(pl.col("_pre_code") == reasons.REASONS[code].code, code, pl.col("_pre_reason")) for code in codes]


def check(raw: RawFile, source: Source, today: date, device: str | None = None) -> pl.DataFrame:
    resolved = _resolve_columns(raw, source)
    frame = raw.frame.with_columns(
        (clean_text(pl.col(header)) if header else pl.lit(None, dtype=pl.String)).alias(f"_txt_{column}")
        for column, header in resolved.items()
    )
    frame = _parse_all(frame, source)
    if source.derive:
        frame = source.derive(frame, device)
    rules = _layout_rules(frame) + [rule for f in source.fields for rule in _field_rules(f)] + _source_rules(source, today)
    if raw.kind == "attlog":
        rules.insert(0, reasons.UNPARSEABLE_LINE.rule(pl.col("PIN").is_null()))
    frame = frame.with_columns(_bad=pl.any_horizontal([bad.fill_null(False) for bad, _, _ in rules]))
    if not frame["_bad"].any():
        frame = frame.drop("_bad").with_columns(_code=pl.lit(None, dtype=pl.String),
                                                _reason=pl.lit(None, dtype=pl.String))
        return frame.drop([c for c in frame.columns if c.startswith("_txt_")])
    first_failed = pl.lit(None, dtype=pl.Int32)
    for index in reversed(range(len(rules))):
        first_failed = pl.when(rules[index][0].fill_null(False)).then(pl.lit(index, pl.Int32)).otherwise(first_failed)
    # Only the rows that failed a rule are taken out (by position), their first rule found and
    # its reason formatted; code and reason are then put back at those positions.
    positions = frame.get_column("_bad").arg_true()
    bad_rows = frame[positions].with_columns(_at=positions, _rule=first_failed)
    parts = []
    for index in bad_rows["_rule"].unique().sort().to_list():
        _, rule_code, rule_reason = rules[index]
        parts.append(bad_rows.filter(pl.col("_rule") == index).select(
            "_at", _code=pl.lit(rule_code, dtype=pl.String), _reason=rule_reason.cast(pl.String)))
    judged = pl.concat(parts).sort("_at")
    frame = frame.drop("_bad", *[c for c in frame.columns if c.startswith("_txt_")])
    return frame.with_columns(
        pl.repeat(None, frame.height, dtype=pl.String, eager=True).scatter(judged["_at"], judged["_code"]).alias("_code"),
        pl.repeat(None, frame.height, dtype=pl.String, eager=True).scatter(judged["_at"], judged["_reason"])
        .alias("_reason"))


def device_from_name(path: Path) -> str:
    """`DINKES-01_attlog.dat` -> `DINKES-01`; also `DINKES-01_laporan_kehadiran.xls`, `DINKES-01_log.txt`."""
    stem = path.stem
    for marker in ("_attlog", "_ATTLOG", "-attlog", "_laporan", "_LAPORAN", "_log", "_LOG"):
        if marker in stem:
            return stem.split(marker)[0] or stem
    return stem
