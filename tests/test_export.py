"""Exports: formula neutralisation, Excel-id CSV, XLSX sheets, Parquet round trip, file names."""

import datetime as dt
import io
import sys
from pathlib import Path

import openpyxl
import polars as pl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pages.ui import export

WIB = dt.timezone(dt.timedelta(hours=7))
META = export.ExportMeta(
    title="Indeks Budaya Kerja per OPD-bulan",
    slug="indeks_budaya_kerja",
    filters={"OPD": "Semua", "Rumpun": "Dinas"},
    period=(dt.date(2026, 1, 1), dt.date(2026, 10, 1)),
    build_id="20261126T0930-abc",
    data_as_of="31 Okt 2026",
    exported_at=dt.datetime(2026, 11, 26, 9, 30, tzinfo=WIB),
)


@pytest.fixture
def frame():
    return pl.DataFrame({
        "opd_code": ["1.01", "=HYPERLINK(\"http://x\")", "+62", "-1+1", "@SUM(A1)", "\tx", "\rx", "ok"],
        "month": [dt.date(2026, 1, 1)] * 8,
        "culture_index": [71.25, -3.5, 0.0, None, 1234.5, 1.0, 2.0, 3.0],
        "employees": [120, 5, 0, 1, 2, 3, 4, 5],
    })


def test_file_name_says_what_and_when():
    assert export.file_name(META, "csv") == "indeks_budaya_kerja_2026-01_2026-10_20261126-0930.csv"
    no_period = export.ExportMeta(title="t", slug="Jelajah: mart_outliers", filters={},
                                  exported_at=META.exported_at)
    assert export.file_name(no_period, "xlsx") == "jelajah_mart_outliers_20261126-0930.xlsx"


def test_neutralise_prefixes_only_risky_text(frame):
    out = export.neutralise(frame)
    assert out["opd_code"].to_list() == [
        "1.01", "'=HYPERLINK(\"http://x\")", "'+62", "'-1+1", "'@SUM(A1)", "'\tx", "'\rx", "ok"]
    assert out["culture_index"].to_list() == frame["culture_index"].to_list()  # numbers untouched


def test_csv_excel_id_has_bom_semicolons_and_decimal_comma(frame):
    raw = export.to_csv(frame, excel_id=True)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "opd_code;month;culture_index;employees"
    assert lines[1] == "1.01;2026-01-01;71,25;120"
    assert lines[2].startswith('"\'=HYPERLINK')  # quoted because it holds quotes
    back = pl.read_csv(io.BytesIO(raw), separator=";", decimal_comma=True)
    assert back.height == frame.height
    assert back["culture_index"].to_list()[:3] == [71.25, -3.5, 0.0]


def test_csv_plain_uses_commas_and_decimal_point(frame):
    raw = export.to_csv(frame, excel_id=False)
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "opd_code,month,culture_index,employees"
    assert lines[1] == "1.01,2026-01-01,71.25,120"
    back = pl.read_csv(io.BytesIO(raw))
    assert back.columns == frame.columns and back.height == frame.height


def test_no_csv_cell_starts_a_formula(frame):
    for excel_id in (True, False):
        sep = ";" if excel_id else ","
        back = pl.read_csv(io.BytesIO(export.to_csv(frame, excel_id=excel_id)), separator=sep,
                           decimal_comma=excel_id, infer_schema=False)
        for v in back["opd_code"].to_list():
            assert not v.startswith(export.FORMULA_START)


def test_xlsx_has_data_and_keterangan_sheets(frame):
    wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, META)))
    assert wb.sheetnames == ["Data", "Keterangan"]
    rows = list(wb["Data"].iter_rows(values_only=True))
    assert list(rows[0]) == frame.columns
    assert len(rows) == frame.height + 1
    assert rows[1][0] == "1.01" and rows[1][2] == 71.25 and rows[1][3] == 120
    assert rows[1][1].date() == dt.date(2026, 1, 1)
    assert rows[2][0] == "'=HYPERLINK(\"http://x\")"
    assert rows[4][2] is None  # a missing value stays empty, never zero
    for row in rows[1:]:  # no cell is a formula
        assert not (isinstance(row[0], str) and row[0].startswith("="))
    info = dict(wb["Keterangan"].iter_rows(values_only=True))
    assert info["Judul"] == META.title
    assert info["Periode"] == "Jan 2026 – Okt 2026"
    assert info["Filter: Rumpun"] == "Dinas"
    assert info["ID build"] == META.build_id
    assert info["Data per"] == "31 Okt 2026"
    assert info["Diekspor pada"] == "26 Nov 2026 09.30 WIB"
    assert info["Jumlah baris"] == "8"


def test_xlsx_tz_aware_timestamps_are_written_in_wib():
    df = pl.DataFrame({"t": [dt.datetime(2026, 1, 1, 2, 0, tzinfo=dt.UTC)]})
    wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(df, META)))
    assert wb["Data"]["A2"].value == dt.datetime(2026, 1, 1, 9, 0)


def test_parquet_round_trip_keeps_types_and_filters(frame):
    raw = export.to_parquet(frame, META)
    back = pl.read_parquet(io.BytesIO(raw))
    assert back.equals(frame)  # not neutralised: Parquet is for tools, not spreadsheets
    import pyarrow.parquet as pq
    kv = pq.read_metadata(io.BytesIO(raw)).metadata
    assert kv[b"ID build"] == META.build_id.encode()


def test_empty_frame_exports():
    empty = pl.DataFrame(schema={"opd_code": pl.String, "score": pl.Float64})
    assert export.to_csv(empty).decode("utf-8-sig").strip() == "opd_code;score"
    wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(empty, META)))
    assert [c.value for c in wb["Data"][1]] == ["opd_code", "score"]
    assert pl.read_parquet(io.BytesIO(export.to_parquet(empty))).schema == empty.schema


# -- an upload with formula-like cells, through load, build and every export format ----------

FORMULAS = ['=HYPERLINK("http://contoh.invalid/x","klik")', "+6281234567890", "@SUM(A1:A9)", "-1+2",
            "\t=1+1"]


class _Upload:
    def __init__(self, name: str, data: bytes):
        self.name, self._data = name, data

    def getvalue(self) -> bytes:
        return self._data


def test_uploaded_formula_cells_come_back_neutralised_in_every_format(tmp_path):
    """A pegawai file whose NAMA cells look like formulas is uploaded (Kelola Data's path),
    published, and exported: CSV (;) and CSV (,) and XLSX carry them neutralised (`'` first),
    Parquet carries the original text unchanged."""
    from demo_region import generate
    from pages.ui import manage
    from pipelines.ingest import ingest_files
    from warehouse.access import read_audit
    from warehouse.paths import current_build_file
    from warehouse.query import ADMIN, Filters, Published

    sources, warehouse = tmp_path / "sumber", tmp_path / "budaya.duckdb"
    generate(sources, pegawai=60, bulan=2, mulai="2026-06", seed=3)
    ingest_files([sources], warehouse=warehouse)
    people = pl.read_excel(sources / "pegawai.xlsx", read_options={"header_row": 2}, infer_schema_length=0)
    people = people.head(len(FORMULAS)).with_columns(
        pl.Series("NAMA", FORMULAS),
        *(pl.col(c).str.replace(r" 00:00:00$", "") for c in ("TANGGAL_LAHIR", "TMT_CPNS", "TMT_PPPK")
          if c in people.columns))
    upload = _Upload("pegawai_koreksi.csv", people.drop("NO").write_csv(separator=";").encode("utf-8"))
    outcome = manage.ingest_uploads([upload], username="admin", warehouse=warehouse)
    assert outcome.error is None, outcome.refused
    assert outcome.results[0].status == "loaded", outcome.results[0].message
    assert outcome.results[0].rows_loaded == len(FORMULAS), manage.quarantine_frame(outcome.results)
    _summary, error = manage.publish(username="admin", warehouse=warehouse)
    assert error is None, error
    assert [e for e in read_audit(warehouse)["event"]] == ["terbit", "unggah"]

    pub = Published(current_build_file(warehouse))
    try:
        nips = people["NIP"].to_list()
        df = pub.table("dim_pegawai", ADMIN, Filters()).filter(pl.col("nip").is_in(nips)).sort("nip")
    finally:
        pub.close()
    expected = {n: v.strip() for n, v in zip(nips, FORMULAS)}  # the loader trims cells ("\t=1+1" -> "=1+1")
    assert dict(zip(df["nip"], df["name"])) == expected  # the warehouse keeps the text as uploaded

    spec = export.ExportSpec(fetch=lambda: df, meta=META, username="admin", page="jelajah", warehouse=warehouse)
    for fmt_, sep, nip, name in (("csv_id", ";", "NIP", "Nama"), ("csv", ",", "NIP", "Nama"),
                                 ("csv_teknis", ",", "nip", "name")):
        back = pl.read_csv(io.BytesIO(export.produce(spec, fmt_)), separator=sep, infer_schema=False)
        got = dict(zip(back[nip], back[name]))
        assert got == {n: "'" + v for n, v in expected.items()}, fmt_
    book = openpyxl.load_workbook(io.BytesIO(export.produce(spec, "xlsx")))
    rows = list(book["Data"].iter_rows(values_only=True))
    col = {c: i for i, c in enumerate(rows[0])}
    assert {r[col["NIP"]]: r[col["Nama"]] for r in rows[1:]} == {n: "'" + v for n, v in expected.items()}
    assert all(cell.data_type != "f" for row in book["Data"].iter_rows() for cell in row)  # no formula cell
    parquet = pl.read_parquet(io.BytesIO(export.produce(spec, "parquet")))
    assert dict(zip(parquet["nip"], parquet["name"])) == expected  # original text, for tools
    assert read_audit(warehouse, events=["ekspor"]).height == 5


def test_a_persons_file_reads_as_the_screen_and_the_technical_one_as_the_warehouse():
    df = pl.DataFrame({"opd_code": ["1.01"], "culture_index": [84.74032940160112], "is_conforming": [False],
                       "on_track_share": [0.6666666], "kind": ["buddy_punching"]})
    shown = export.Presentation(values={"kind": {"buddy_punching": "Dugaan titip absen"}})
    person = pl.read_csv(io.BytesIO(export.build(df, "csv_id", META, shown)), separator=";", decimal_comma=True,
                         schema_overrides={"Kode OPD": pl.String})
    assert person.columns[0] == "Kode OPD" and "opd_code" not in person.columns
    row = person.row(0, named=True)
    label = next(c for c in person.columns if c.startswith("Indeks"))
    assert row[label] == 84.7                      # as on screen (84,7), not 84,74032940160112
    assert row["Sesuai kurva"] == "Tidak"          # not "false"
    share = next(c for c in person.columns if c.endswith("(%)"))
    assert row[share] == 66.7
    assert row["Jenis"] == "Dugaan titip absen"
    technical = pl.read_csv(io.BytesIO(export.build(df, "csv_teknis", META, shown)),
                            schema_overrides={"opd_code": pl.String})
    assert technical.columns == df.columns and technical["culture_index"][0] == 84.74032940160112
    assert technical["is_conforming"][0] is False
    names = {f: export.file_name(META, ext, f) for f, (_, ext) in export.FORMATS.items()}
    assert len(set(names.values())) == len(names)  # every variant its own file name
    book = openpyxl.load_workbook(io.BytesIO(export.build(df, "xlsx", META, shown)))
    info = dict(book["Keterangan"].iter_rows(values_only=True))
    assert "Kode OPD = opd_code" in info["Kolom teknis"]
