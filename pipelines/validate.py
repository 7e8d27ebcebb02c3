"""Turn a file's text cells into typed rows, and give every bad row a reason.

`check()` returns the typed frame with `_code` / `_reason` set on rows that must go
to quarantine (the first failed rule wins). Reason codes are stable; reasons are in
Bahasa Indonesia and name the column and the value as written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from pipelines.parse import clean_text, normalise_header, parse_code, parse_date, parse_number, parse_time
from pipelines.readers import FileRejected, RawFile
from pipelines.sources import CORE_VALUES, Field, Source
from warehouse.rules import PREDIKAT_MATRIX

Rule = tuple[pl.Expr, str, pl.Expr]  # (row is bad, reason_code, reason)


def _txt(column: str) -> pl.Expr:
    return pl.col(f"_txt_{column}")


def _quoted(expr: pl.Expr) -> pl.Expr:
    return pl.format("'{}'", expr.fill_null(""))


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


def _parsed(f: Field) -> pl.Expr:
    text = _txt(f.column)
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
    text, value = _txt(f.column), pl.col(f.column)
    rules: list[Rule] = []
    if f.required:
        rules.append((text.is_null(), "missing_value", pl.lit(f"Kolom {f.header} kosong.")))
    if f.kind == "nip":
        rules += [
            (text.str.contains(r"(?i)^\d+([.,]\d+)?e\+?\d+$"), "nip_scientific_notation",
             pl.format("NIP rusak: tertulis dalam notasi ilmiah oleh Excel ({}); digit yang hilang tidak ditebak, "
                       "perbaiki di sumber (format sel sebagai teks).", _quoted(text))),
            (text.is_not_null() & ~value.str.contains(r"^\d{18}$"), "nip_invalid_format",
             pl.format("NIP harus 18 digit angka: {} ({} digit).", _quoted(text), value.str.len_chars())),
        ]
        return rules
    unreadable = text.is_not_null() & value.is_null()
    messages = {
        "date": ("invalid_date", "Tanggal tidak dikenali di kolom {}: {}."),
        "timestamp": ("invalid_date", "Waktu tidak dikenali di kolom {}: {}."),
        "time": ("invalid_time", "Jam tidak dikenali di kolom {}: {}."),
        "int": ("invalid_number", "Bukan bilangan bulat di kolom {}: {}."),
        "number": ("invalid_number", "Bukan angka di kolom {}: {}."),
        "code": ("unknown_code", "Kode tidak dikenal di kolom {}: {}."),
    }
    if f.kind in messages:
        code, template = messages[f.kind]
        if f.kind == "code" and f.column in ("rating_hasil", "rating_perilaku", "predikat_source"):
            code = "invalid_rating"
            template = "Nilai di kolom {} di luar pilihan PermenPANRB 6/2022: {}."
        rules.append((unreadable, code, pl.format(template, pl.lit(f.header), _quoted(text))))
    if f.low is not None or f.high is not None:
        low = f.low if f.low is not None else float("-inf")
        high = f.high if f.high is not None else float("inf")
        shown = f"{_num(low)}–{_num(high)}" if f.high is not None else f"≥ {_num(low)}"
        rules.append((
            value.is_not_null() & ~value.is_between(low, high), "out_of_range",
            pl.format("Nilai kolom {} di luar rentang {}: {}.", pl.lit(f.header), pl.lit(shown), _quoted(text)),
        ))
    return rules


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _nip_structure_rules() -> list[Rule]:
    """Pegawai only: NIP parts against the rest of the row (contract §1, pegawai)."""
    nip = pl.col("nip")
    is_pns = pl.col("employment_status") == "PNS"
    birth = nip.str.slice(0, 8).str.to_date("%Y%m%d", strict=False)
    tmt = (nip.str.slice(8, 6) + "01").str.to_date("%Y%m%d", strict=False)
    gender_digit = nip.str.slice(14, 1)
    return [
        (birth.is_null(), "nip_invalid_birth_date",
         pl.format("NIP tidak sah: digit 1–8 ({}) bukan tanggal lahir yang sah.", nip.str.slice(0, 8))),
        (is_pns & (tmt.is_null() | (tmt <= birth)), "nip_invalid_tmt",
         pl.format("NIP tidak sah: digit 9–14 ({}) bukan TMT CPNS (TTTTBB) setelah tanggal lahir.",
                   nip.str.slice(8, 6))),
        (is_pns & ~gender_digit.is_in(["1", "2"]), "nip_invalid_gender_digit",
         pl.format("NIP tidak sah: digit ke-15 ({}) harus 1 (laki-laki) atau 2 (perempuan).", gender_digit)),
        (pl.col("birth_date").is_not_null() & (pl.col("birth_date") != birth), "nip_birth_date_mismatch",
         pl.format("NIP tidak cocok dengan TANGGAL_LAHIR: NIP menyebut {}, kolom menyebut {}.",
                   birth.dt.strftime("%d-%m-%Y"), pl.col("birth_date").dt.strftime("%d-%m-%Y"))),
        (is_pns & pl.col("gender").is_not_null()
         & (pl.col("gender") != pl.when(gender_digit == "1").then(pl.lit("L")).otherwise(pl.lit("P"))),
         "nip_gender_mismatch",
         pl.format("NIP tidak cocok dengan JENIS_KELAMIN: digit ke-15 {} tetapi kolom menyebut {}.",
                   gender_digit, pl.col("gender"))),
    ]


def _period_start(source: Source) -> pl.Expr | None:
    if source.name == "kinerja":
        month = (
            pl.when(pl.col("period").str.starts_with("TW"))
            .then((pl.col("period").str.slice(2).cast(pl.Int32, strict=False) - 1) * 3 + 1)
            .when(pl.col("period") == "TAHUNAN").then(1)
            .otherwise(pl.col("period").cast(pl.Int32, strict=False))
        )
        return pl.date(pl.col("year"), month, 1)
    if source.name == "berakhlak":
        year = pl.col("period").str.slice(0, 4).cast(pl.Int32, strict=False)
        part = pl.col("period").str.slice(5)
        month = (
            pl.when(part == "S2").then(7)
            .when(part.str.starts_with("TW")).then((part.str.slice(2).cast(pl.Int32, strict=False) - 1) * 3 + 1)
            .otherwise(1)
        )
        return pl.date(year, month, 1)
    return None


def _source_rules(source: Source, today: date) -> list[Rule]:
    rules: list[Rule] = []
    if source.name == "pegawai":
        rules += _nip_structure_rules()
    if source.name == "absensi_log":
        rules.append((pl.col("pin").is_null() & pl.col("nip").is_null(), "missing_value",
                      pl.lit("Kolom PIN dan NIP kosong: punch tidak dapat dikaitkan ke pegawai.")))
    if source.name == "pelatihan":
        rules.append((pl.col("end_date") < pl.col("start_date"), "date_order",
                      pl.format("TANGGAL_SELESAI ({}) sebelum TANGGAL_MULAI ({}).",
                                pl.col("end_date").dt.strftime("%d-%m-%Y"),
                                pl.col("start_date").dt.strftime("%d-%m-%Y"))))
    if source.name == "berakhlak":
        rules.append((~pl.col("period").str.contains(r"^\d{4}-(S[12]|TW[1-4])$"), "invalid_period",
                      pl.format("PERIODE tidak dikenali: {} (contoh: 2026-S1, 2026-TW2).", _quoted(_txt("period")))))
        for value in CORE_VALUES:
            rules.append((pl.col(value).is_null(), "missing_value",
                          pl.lit(f"Nilai {value.upper()} kosong dan tiga butir perilakunya tidak lengkap.")))
    if source.future_column:
        column = pl.col(source.future_column)
        as_date = column.dt.date() if source.field(source.future_column).kind == "timestamp" else column
        rules.append((as_date > today, "future_date",
                      pl.format("Tanggal di masa depan: {} (hari ini {}).",
                                as_date.dt.strftime("%d-%m-%Y"), pl.lit(today.strftime("%d-%m-%Y")))))
    start = _period_start(source)
    if start is not None:
        rules.append((start > today, "future_date",
                      pl.format("Periode di masa depan: {} (hari ini {}).", _quoted(_txt("period")),
                                pl.lit(today.strftime("%d-%m-%Y")))))
    return rules


# Columns `_derive` adds beyond the source's fields (kept after validation).
DERIVED_COLUMNS = frozenset({"tmt_date", "status_raw", "raw_fields", "predikat", "predikat_matrix",
                             "is_predikat_derived", "is_predikat_mismatch"})


def _derive(frame: pl.DataFrame, source: Source, device: str | None) -> pl.DataFrame:
    """Source-specific derived columns after parsing."""
    if source.name == "pegawai":
        frame = frame.with_columns(
            tmt_date=pl.coalesce("tmt_cpns", "tmt_pppk"),
            is_active=pl.col("is_active").fill_null("Y") == "Y",
            pin_absen=pl.col("pin_absen").str.replace(r"\.0$", "").str.strip_chars_start("0").replace("", "0"),
        )
    if source.name == "absensi_harian":
        frame = frame.with_columns(status_raw=pl.col("_txt_status_code"))
    if source.name == "absensi_log":
        fields = pl.col("_fields") if "_fields" in frame.columns else pl.lit(None, dtype=pl.String)
        frame = frame.with_columns(
            raw_fields=fields,
            pin=pl.col("pin").str.strip_chars().str.strip_chars_start("0").replace("", "0"),
            device_id=pl.coalesce(pl.col("device_id"), pl.lit(device)).fill_null("TANPA-MESIN"),
        )
    if source.name == "berakhlak":
        frame = frame.with_columns(pl.col("period").str.to_uppercase().str.replace_all(r"\s", ""))
        frame = frame.with_columns(
            pl.coalesce(pl.col(v), pl.mean_horizontal([pl.col(f"p{3 * i + k:02d}") for k in (1, 2, 3)])
                        .fill_nan(None)).alias(v)
            for i, v in enumerate(CORE_VALUES)
        )
    if source.name == "kinerja":
        by_matrix = pl.concat_str(["rating_hasil", "rating_perilaku"], separator="|").replace_strict(
            {f"{h}|{p}": v for (h, p), v in PREDIKAT_MATRIX.items()}, default=None, return_dtype=pl.String
        )
        frame = frame.with_columns(predikat_matrix=by_matrix)
        frame = frame.with_columns(
            predikat=pl.coalesce("predikat_source", "predikat_matrix"),
            is_predikat_derived=pl.col("predikat_source").is_null(),
            is_predikat_mismatch=pl.col("predikat_source").is_not_null()
            & (pl.col("predikat_source") != pl.col("predikat_matrix")).fill_null(False),
        )
    return frame


FAST_FORMATS = {
    "date": ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"),
    "timestamp": ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"),
    "time": ("%H:%M:%S", "%H:%M", "%H.%M"),
}


def _fast_parsed(f: Field, sample: pl.DataFrame) -> pl.Expr | None:
    """The one common format this file uses for the column (chosen on a sample), by plain
    strptime; rows it misses take the full parser."""
    text = _txt(f.column)
    if f.kind in FAST_FORMATS:
        convert = {
            "date": lambda e, fmt: e.str.to_date(fmt, strict=False),
            "timestamp": lambda e, fmt: e.str.to_datetime(fmt, strict=False, time_unit="us"),
            "time": lambda e, fmt: e.str.to_time(fmt, strict=False),
        }[f.kind]
        hits = sample.select(convert(text, fmt).is_not_null().sum().alias(fmt) for fmt in FAST_FORMATS[f.kind])
        best = max(FAST_FORMATS[f.kind], key=lambda fmt: hits[fmt][0])
        return convert(text, best)
    if f.kind == "int":
        return text.cast(pl.Int64, strict=False)
    if f.kind == "number":
        return text.cast(pl.Float64, strict=False)
    return None


def _parse_all(frame: pl.DataFrame, source: Source) -> pl.DataFrame:
    sample = frame.head(2000)
    fast = {f.column: e for f in source.fields if (e := _fast_parsed(f, sample)) is not None}
    if not fast:
        return frame.with_columns(_parsed(f).alias(f.column) for f in source.fields)
    missed = pl.any_horizontal([_txt(c).is_not_null() & e.is_null() for c, e in fast.items()])
    frame = frame.with_columns(_slow=missed)
    easy = frame.filter(~pl.col("_slow")).with_columns(
        (fast[f.column] if f.column in fast else _parsed(f)).alias(f.column) for f in source.fields)
    hard = frame.filter(pl.col("_slow"))
    if hard.is_empty():
        return easy.drop("_slow")
    hard = hard.with_columns(_parsed(f).alias(f.column) for f in source.fields)
    hard = hard.with_columns(pl.col(c).cast(easy.schema[c]) for c in fast)
    return pl.concat([easy, hard]).sort("_row").drop("_slow").rechunk()


def check(raw: RawFile, source: Source, today: date, device: str | None = None) -> pl.DataFrame:
    resolved = _resolve_columns(raw, source)
    frame = raw.frame.with_columns(
        (clean_text(pl.col(header)) if header else pl.lit(None, dtype=pl.String)).alias(f"_txt_{column}")
        for column, header in resolved.items()
    )
    frame = _derive(_parse_all(frame, source), source, device)
    rules = [rule for f in source.fields for rule in _field_rules(f)] + _source_rules(source, today)
    if raw.kind == "attlog":
        rules.insert(0, (pl.col("PIN").is_null(), "unparseable_line",
                         pl.lit("Baris attlog tidak dapat dibaca: harus PIN, TAB, lalu waktu YYYY-MM-DD HH:MM:SS.")))
    frame = frame.with_columns(_bad=pl.any_horizontal([bad.fill_null(False) for bad, _, _ in rules]))
    if not frame["_bad"].any():
        frame = frame.drop("_bad").with_columns(_code=pl.lit(None, dtype=pl.String),
                                                _reason=pl.lit(None, dtype=pl.String))
        return frame.drop([c for c in frame.columns if c.startswith("_txt_")])
    first_failed = pl.lit(None, dtype=pl.Int32)
    for index in reversed(range(len(rules))):
        first_failed = pl.when(rules[index][0].fill_null(False)).then(pl.lit(index, pl.Int32)).otherwise(first_failed)
    bad_rows = frame.filter(pl.col("_bad")).rechunk().with_columns(_rule=first_failed)
    frame = pl.concat([frame.filter(~pl.col("_bad")).with_columns(_rule=pl.lit(None, dtype=pl.Int32)), bad_rows])
    frame = frame.drop("_bad").rechunk()
    # Reasons are formatted only for the rows that failed a rule, one rule at a time.
    parts = [frame.filter(pl.col("_rule").is_null()).with_columns(
        _code=pl.lit(None, dtype=pl.String), _reason=pl.lit(None, dtype=pl.String))]
    for index in frame["_rule"].drop_nulls().unique().sort().to_list():
        _, rule_code, rule_reason = rules[index]
        parts.append(frame.filter(pl.col("_rule") == index).rechunk().with_columns(
            _code=pl.lit(rule_code), _reason=rule_reason.cast(pl.String)))
    frame = pl.concat(parts).drop("_rule").rechunk()  # row order is restored where it matters
    return frame.drop([c for c in frame.columns if c.startswith("_txt_")])


def device_from_name(path: Path) -> str:
    """`DINKES-01_attlog.dat` -> `DINKES-01`."""
    stem = path.stem
    for marker in ("_attlog", "_ATTLOG", "-attlog"):
        if marker in stem:
            return stem.split(marker)[0] or stem
    return stem
