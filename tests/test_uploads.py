"""Uploads an attacker or an unlucky admin sends: XLSX bombs whose zip lies about sizes, entity
expansion, broken archives, long multibyte names, the same base name from two folders; and
formula neutralisation of every variant in CSV and XLSX exports.

The bombs are made here: a real sheet of repeated rows, its sizes in the zip patched to lie.
Peak memory is read with `resource` in a wrapper process around the real upload path and CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pages.ui import export, manage  # noqa: E402
from pipelines.ingest import ingest_files  # noqa: E402
from warehouse import access  # noqa: E402

OPD_CSV = b"KODE_OPD;NAMA_OPD;SINGKATAN;RUMPUN\n9.99;Dinas Baru;DB;Dinas\n9.98;Dinas Lain;DL;Dinas\n"
LIBRARY_TEXT = ("Traceback", "kesalahan internal", "BadZipFile", "Error", "calamine", "CRC", "Errno")
PEAK_LIMIT_MB = 300

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
    '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
    'name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
SHEET = "xl/worksheets/sheet1.xml"


def _cell(text: str) -> bytes:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'.encode()


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main"><sheetData><row>' + _cell("NIP") + _cell("TANGGAL") + _cell("KETERANGAN")
              + b"</row>")
SHEET_ROW = b"<row>" + _cell("198501012010011001") + _cell("12/01/2026") + _cell("H") + b"</row>"
SHEET_TAIL = b"</sheetData></worksheet>"


def lying_workbook(path: Path, real_bytes: int, declared: int = 2_000_000) -> Path:
    """A real XLSX whose sheet holds `real_bytes` of rows, streamed into the zip (never whole in
    memory), then the sizes in its local header and central directory patched to `declared`."""
    block = SHEET_ROW * (2**20 // len(SHEET_ROW))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        info = zipfile.ZipInfo(SHEET, (2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as sheet:
            sheet.write(SHEET_HEAD)
            written = len(SHEET_HEAD)
            while written < real_bytes:
                sheet.write(block)
                written += len(block)
            sheet.write(SHEET_TAIL)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        local = z.getinfo(SHEET).header_offset
    struct.pack_into("<I", data, local + 22, declared)          # local header: uncompressed size
    name = SHEET.encode()
    central = data.find(b"PK\x01\x02")
    while data[central + 46:central + 46 + len(name)] != name:
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, declared)        # central directory: uncompressed size
    path.write_bytes(bytes(data))
    return path


def workbook(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def with_member(source: Path, dest: Path, member: str, data: bytes) -> Path:
    """A copy of an XLSX with one member replaced (or added)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != member:
                out.writestr(info, src.read(info))
        out.writestr(member, data)
    return dest


class Upload:
    """What st.file_uploader hands the page: a name and the bytes."""

    def __init__(self, name: str, data: bytes):
        self.name, self._data = name, data

    def getvalue(self) -> bytes:
        return self._data


def measured(args: list[str], env: dict | None = None) -> tuple[subprocess.CompletedProcess, float]:
    """Run a command in a fresh wrapper process; its output and its peak RSS in MB (ru_maxrss)."""
    wrapper = ("import json, resource, subprocess, sys\n"
               "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
               "print(json.dumps({'rc': p.returncode, 'out': p.stdout, 'err': p.stderr, 'peak_kb': peak}))\n")
    done = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=600, check=True)
    report = json.loads(done.stdout)
    return subprocess.CompletedProcess(args, report["rc"], report["out"], report["err"]), report["peak_kb"] / 1024


def batches(warehouse: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("select file_name, status, rows_loaded, message from ingest_batches").fetchall()
    finally:
        con.close()
    return {name: (status, loaded, message) for name, status, loaded, message in rows}


def plain(message: str) -> bool:
    return not any(word in message for word in LIBRARY_TEXT)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """The issue's case: a real 600 MB sheet in a small upload whose zip declares 2 MB."""
    path = lying_workbook(tmp_path_factory.mktemp("bom") / "rekap_absensi.xlsx", 600 * 2**20)
    assert path.stat().st_size < 5 * 2**20
    with zipfile.ZipFile(path) as z:
        assert z.getinfo(SHEET).file_size == 2_000_000  # the lie the old check trusted
    return path


# -- XLSX bombs -----------------------------------------------------------------------------

UPLOAD_SCRIPT = """
import json, sys
from pathlib import Path
from pages.ui import manage

class Upload:
    def __init__(self, name, data):
        self.name, self._data = name, data
    def getvalue(self):
        return self._data

bomb, warehouse = Path(sys.argv[1]), Path(sys.argv[2])
files = [Upload("opd.csv", sys.argv[3].encode()), Upload(bomb.name, bomb.read_bytes())]
outcome = manage.ingest_uploads(files, username="admin", warehouse=warehouse)
print(json.dumps({"error": outcome.error, "refused": outcome.refused, "results": len(outcome.results)}))
"""


def test_lying_zip_bomb_is_refused_on_upload_under_300_mb(bomb, tmp_path):
    warehouse = tmp_path / "ingest.duckdb"
    proc, peak_mb = measured([sys.executable, "-c", UPLOAD_SCRIPT, str(bomb), str(warehouse), OPD_CSV.decode()])
    assert proc.returncode == 0, proc.stderr
    outcome = json.loads(proc.stdout)
    assert outcome["error"] == "Tidak ada berkas yang dimuat." and outcome["results"] == 0
    (message,) = outcome["refused"]
    assert message.startswith("Berkas rekap_absensi.xlsx ditolak: isinya mengembang menjadi lebih dari")
    assert "bom dekompresi" in message and plain(message), message
    assert peak_mb < PEAK_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"
    assert not warehouse.exists()  # nothing loaded
    entry = access.read_audit(warehouse).row(0, named=True)
    assert entry["event"] == "unggah_ditolak"
    assert json.loads(entry["details"])["alasan"] == [message]


def test_lying_zip_bomb_is_refused_by_the_cli_under_300_mb_and_nothing_else_is_lost(bomb, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    opd = tmp_path / "opd.csv"
    opd.write_bytes(OPD_CSV)
    proc, peak_mb = measured([sys.executable, "-m", "pipelines", "ingest", "--warehouse", str(warehouse),
                              str(opd), str(bomb)])
    assert proc.returncode == 1, proc.stderr
    assert "DITOLAK  rekap_absensi.xlsx: Berkas rekap_absensi.xlsx ditolak: isinya mengembang" in proc.stderr
    assert "bom dekompresi" in proc.stderr and plain(proc.stderr), proc.stderr
    assert "Selesai: 2 berkas, 1 diterima, 1 ditolak." in proc.stdout
    assert peak_mb < PEAK_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"
    loaded = batches(warehouse)
    assert loaded["opd.csv"][:2] == ("loaded", 2)
    status, rows, message = loaded["rekap_absensi.xlsx"]
    assert (status, rows) == ("rejected", 0) and "bom dekompresi" in message


def test_the_unpacked_limit_is_configurable(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDAYA_MAX_XLSX_UNPACKED_MB", "10")
    path = lying_workbook(tmp_path / "rekap.xlsx", 30 * 2**20)
    (result,) = ingest_files([path], warehouse=tmp_path / "w.duckdb")
    assert result.status == "rejected"
    assert "lebih dari 10 MB saat dibuka (batas 10 MB per buku kerja), ciri bom dekompresi" in result.message


def test_sizes_that_lie_without_a_bomb_are_refused_as_tampered(tmp_path):
    path = lying_workbook(tmp_path / "rekap.xlsx", 3 * 2**20, declared=1_000_000)
    (result,) = ingest_files([path], warehouse=tmp_path / "w.duckdb")
    assert result.status == "rejected" and plain(result.message), result.message
    assert "arsipnya rusak atau dimanipulasi (bagian xl/worksheets/sheet1.xml berisi" in result.message
    assert manage.check_upload("rekap.xlsx", path.read_bytes()) == result.message


LAUGHS = ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1 or "") + ";") * 10}">' for i in range(1, 10))
          + ']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
          '<si><t>&lol9;</t></si></sst>')


@pytest.mark.parametrize(("member", "data"), [
    ("xl/sharedStrings.xml", LAUGHS.encode("utf-8")),
    (SHEET, LAUGHS.replace("sst", "worksheet").encode("utf-16")),  # UTF-16 does not hide it
])
def test_entity_expansion_is_refused_with_a_clear_message(tmp_path, member, data):
    good = workbook(tmp_path / "asli.xlsx", [["KODE_OPD", "NAMA_OPD", "SINGKATAN", "RUMPUN"],
                                             ["9.99", "Dinas Baru", "DB", "Dinas"]])
    path = with_member(good, tmp_path / "opd.xlsx", member, data)
    (result,) = ingest_files([path], warehouse=tmp_path / "w.duckdb")
    assert result.status == "rejected" and plain(result.message), result.message
    assert result.message.startswith(f"Berkas opd.xlsx ditolak: bagian {member} memuat deklarasi XML DOCTYPE/ENTITY")
    assert "ekspansi entitas" in result.message
    refused = manage.check_upload("opd.xlsx", path.read_bytes())
    assert refused == result.message


def _no_workbook(tmp_path: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr(SHEET, SHEET_HEAD + SHEET_ROW + SHEET_TAIL)
    return buf.getvalue()


def _garbage_sheet(tmp_path: Path) -> bytes:
    good = workbook(tmp_path / "asli.xlsx", [["NIP", "TANGGAL", "KETERANGAN"]])
    return with_member(good, tmp_path / "rusak.xlsx", SHEET, b"<worksheet><sheetData><row><c").read_bytes()


def _bzip2_member(tmp_path: Path) -> bytes:
    good = workbook(tmp_path / "asli.xlsx", [["NIP", "TANGGAL", "KETERANGAN"]])
    buf = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_BZIP2) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))
    return buf.getvalue()


@pytest.mark.parametrize("make", [_no_workbook, _garbage_sheet, _bzip2_member])
def test_a_broken_workbook_is_refused_with_a_plain_message(tmp_path, make):
    path = tmp_path / "rekap.xlsx"
    path.write_bytes(make(tmp_path))
    (result,) = ingest_files([path], warehouse=tmp_path / "w.duckdb")
    assert result.status == "rejected", result.message
    assert result.message.startswith("Berkas rekap.xlsx bukan XLSX yang sah: arsipnya rusak"), result.message
    assert plain(result.message), result.message


# -- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "é" * 130 + ".csv",
    "ꦲꦤꦕꦫꦏ" * 30 + ".csv",                      # Javanese script, 3 bytes a letter
    "Daftar OPD 😀 " + "ñ" * 150 + ".CSV",
])
def test_long_multibyte_name_loads_and_is_audited(tmp_path, name):
    warehouse = tmp_path / "ingest.duckdb"
    outcome = manage.ingest_uploads([Upload(name, OPD_CSV)], username="admin", warehouse=warehouse)
    assert outcome.error is None, outcome.error
    (result,) = outcome.results
    assert (result.file_name, result.status, result.rows_loaded) == (name, "loaded", 2)
    (stored,) = batches(warehouse)
    assert len(stored.encode("utf-8")) <= 120 and stored.endswith(".csv")
    assert stored.encode("utf-8").decode("utf-8") == stored  # cut at a character boundary
    entry = access.read_audit(warehouse).row(0, named=True)
    assert entry["event"] == "unggah" and json.loads(entry["details"])["berkas"] == [name]


def test_a_name_the_server_cannot_write_is_refused_and_audited(tmp_path, monkeypatch):
    def refuse(self, data):
        raise OSError(36, "File name too long")

    monkeypatch.setattr(Path, "write_bytes", refuse)
    warehouse = tmp_path / "ingest.duckdb"
    outcome = manage.ingest_uploads([Upload("opd.csv", OPD_CSV)], username="admin", warehouse=warehouse)
    assert outcome.results == [] and "nama berkas terlalu panjang" in outcome.error and plain(outcome.error)
    monkeypatch.undo()
    entry = access.read_audit(warehouse).row(0, named=True)
    assert entry["event"] == "unggah_gagal" and json.loads(entry["details"])["alasan"] == outcome.error


def test_same_base_name_from_two_folders_stays_two_files(tmp_path):
    warehouse = tmp_path / "ingest.duckdb"
    first = Upload("a/opd.csv", OPD_CSV)
    second = Upload("b/opd.csv", b"KODE_OPD;NAMA_OPD;SINGKATAN;RUMPUN\n9.97;Badan Baru;BB;Badan\n")
    outcome = manage.ingest_uploads([first, second], username="admin", warehouse=warehouse)
    assert outcome.error is None
    assert sorted((r.file_name, r.status, r.rows_loaded) for r in outcome.results) == [
        ("a/opd.csv", "loaded", 2), ("b/opd.csv", "loaded", 1)]
    assert {name: loaded for name, (_, loaded, _) in batches(warehouse).items()} == {"opd.csv": 2, "opd (2).csv": 1}
    details = json.loads(access.read_audit(warehouse).row(0, named=True)["details"])
    assert details["berkas"] == ["a/opd.csv", "b/opd.csv"]
    assert sorted((h["berkas"], h["dimuat"]) for h in details["hasil"]) == [("a/opd.csv", 2), ("b/opd.csv", 1)]


def test_same_base_name_from_two_folders_is_refused_on_its_own(tmp_path):
    warehouse = tmp_path / "ingest.duckdb"
    good = workbook(tmp_path / "good.xlsx", [["KODE_OPD", "NAMA_OPD", "SINGKATAN", "RUMPUN"],
                                             ["9.99", "Dinas Baru", "DB", "Dinas"]])
    bad = with_member(good, tmp_path / "bad.xlsx", "xl/sharedStrings.xml", LAUGHS.encode())
    files = [Upload("a/rekap.xlsx", good.read_bytes()), Upload("b/rekap.xlsx", bad.read_bytes())]
    outcome = manage.ingest_uploads(files, username="admin", warehouse=warehouse)
    (message,) = outcome.refused
    assert message.startswith("Berkas b/rekap.xlsx ditolak: bagian xl/sharedStrings.xml memuat deklarasi")
    details = json.loads(access.read_audit(warehouse).row(0, named=True)["details"])
    assert details["berkas"] == ["a/rekap.xlsx", "b/rekap.xlsx"] and details["alasan"] == [message]


# -- formula neutralisation -------------------------------------------------------------------

RISKY = [" =1+1", "  =HYPERLINK(\"http://x\")", "\n=1+1", "\r\n=1+1", "\u00a0=1+1", "\u3000=1+1",
         "\u200b=1+1", "＝1+1", "＋62", "－1+1", "＠SUM(A1)", " ＝1+1", "\t＝1", " +62", " -1", " @SUM(A1)"]
SAFE = ["ok", " ok", "a=b", "1-2", "Rp 1.000", ""]
META = export.ExportMeta(title="Uji", slug="uji", filters={"Catatan": " =1+1", "Kata": "＝HYPERLINK(\"x\")"},
                         exported_at=dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))))


@pytest.fixture
def cells() -> pl.DataFrame:
    return pl.DataFrame({"id": list(range(len(RISKY + SAFE))), "text": RISKY + SAFE})


@pytest.mark.parametrize(("excel_id", "sep"), [(True, ";"), (False, ",")])
def test_every_formula_variant_is_neutralised_in_csv(cells, excel_id, sep):
    back = pl.read_csv(io.BytesIO(export.to_csv(cells, excel_id=excel_id)), separator=sep, infer_schema=False)
    got = dict(zip(back["id"].cast(pl.Int64), back["text"].fill_null("")))
    assert [got[i] for i in range(len(RISKY))] == ["'" + v for v in RISKY]
    assert [got[i] for i in range(len(RISKY), len(RISKY + SAFE))] == SAFE


def test_every_formula_variant_is_neutralised_in_xlsx_and_keterangan(cells):
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(cells, META)))
    rows = list(book["Data"].iter_rows(min_row=2, values_only=True))
    got = {i: (text or "").replace("_x000D_", "\r") for i, text in rows}  # openpyxl leaves CR escaped
    assert [got[i] for i in range(len(RISKY))] == ["'" + v for v in RISKY]
    assert [got[i] for i in range(len(RISKY), len(RISKY + SAFE))] == SAFE
    info = {k: v for k, v in book["Keterangan"].iter_rows(values_only=True)}
    assert info["Filter: Catatan"] == "' =1+1" and info["Filter: Kata"] == "'＝HYPERLINK(\"x\")"
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)


def test_a_zip_of_too_many_parts_is_refused_before_they_are_listed(tmp_path):
    path = tmp_path / "rekap.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for i in range(10_001):
            z.writestr(f"x{i}", b"")
    message = manage.check_upload("rekap.xlsx", path.read_bytes())
    assert message.startswith("Berkas rekap.xlsx ditolak: arsipnya memuat 10.001 bagian"), message
