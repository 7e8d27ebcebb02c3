"""The reason-code registry (pipelines/reasons.py) is the only place reason codes come from:
validation produces exactly the registry's codes for the sources it declares, no module
writes a code as a bare string, the README table lists the registry, and Kelola Data
explains a quarantined row's code from it."""

import ast
import datetime as dt
import re
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from pipelines import layouts, reasons, validate
from pipelines.readers import FileRejected, RawFile
from pipelines.reasons import REASONS
from pipelines.sources import SOURCES, Source

ROOT = Path(__file__).resolve().parents[1]
# pipelines modules that validate or load (the demo generator plants faults by name and is not one)
PRODUCERS = [p for p in (ROOT / "pipelines").glob("*.py") if p.name not in ("reasons.py", "generate.py")]
REFERENCE_REASON = {"opd_code": reasons.UNKNOWN_OPD, "nip": reasons.UNKNOWN_NIP, "pin": reasons.UNKNOWN_PIN}


def _reads_attlog(source: Source) -> bool:
    attlog = RawFile(headers=["PIN", "WAKTU", "MESIN"], frame=pl.DataFrame(), kind="attlog")
    try:
        validate._resolve_columns(attlog, source)
    except FileRejected:
        return False
    return True


def _codes_of(source: Source) -> set[str]:
    """Every code validation and loading can give a row of this source, from the rules they build
    (and the reasons its built-in layouts give rows themselves)."""
    today = dt.date.today()
    rules = [r for f in source.fields for r in validate._field_rules(f)] + validate._source_rules(source, today)
    codes = {code for _, code, _ in rules}
    if source.reference:
        codes.add(REFERENCE_REASON[source.reference].code)
    if source.natural_key:
        codes.add(reasons.CONFLICTING_DUPLICATE.code)
    if _reads_attlog(source):
        codes.add(reasons.UNPARSEABLE_LINE.code)
    codes |= {r.code for layout in layouts.LAYOUTS if layout.source == source.name for r in layout.reasons}
    return codes


def test_registry_sources_are_the_sources_that_produce_each_code():
    produced: dict[str, set[str]] = {}
    for source in SOURCES.values():
        for code in _codes_of(source):
            produced.setdefault(code, set()).add(source.name)
    assert produced == {code: set(r.sources) for code, r in REASONS.items()}


def test_no_module_writes_a_reason_code_as_a_string():
    """Codes come only from registry members: a bare "unknown_nip" in validate/ingest fails here."""
    found = []
    for path in PRODUCERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in REASONS:
                found.append(f"{path.name}:{node.lineno} {node.value}")
    assert not found


def test_every_registered_reason_is_used():
    used = {node.attr for path in PRODUCERS for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "reasons"}
    names = {name for name, value in vars(reasons).items() if isinstance(value, reasons.Reason)}
    assert names - used == set()


def test_readme_table_lists_exactly_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quarantine reason codes", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:3] for line in section.splitlines() if line.startswith("| `")]
    listed = {}
    for code_cell, sources_cell in rows:
        (code,) = re.findall(r"`([a-z_]+)`", code_cell)
        named = re.findall(r"`([a-z_]+)`", sources_cell)
        listed[code] = set(SOURCES) if sources_cell.strip() == "all" else set(named)
    assert listed == {code: set(r.sources) for code, r in REASONS.items()}
    assert [code for code in listed] == list(REASONS)  # one row per code, in registry order


def test_message_template_fills_literals_and_columns_alike():
    frame = pl.DataFrame({"v": ["12/13/2026", None]})
    literal = reasons.INVALID_DATE.message("date", column="TANGGAL", value="'x'")
    column = reasons.INVALID_DATE.message("date", column=pl.lit("TANGGAL"), value=pl.format("'{}'", pl.col("v")))
    assert frame.select(literal).item(0, 0) == "Tanggal tidak dikenali di kolom TANGGAL: 'x'."
    assert frame.select(column)[:, 0].to_list() == ["Tanggal tidak dikenali di kolom TANGGAL: '12/13/2026'.", None]
    with pytest.raises(KeyError):
        reasons.INVALID_DATE.message("jam", column="X", value="y")
    with pytest.raises(KeyError):  # a placeholder the caller did not give
        reasons.UNKNOWN_NIP.message(nipp=pl.col("v"))


def test_every_reason_explains_itself_in_bahasa_indonesia():
    for reason in REASONS.values():
        assert reason.explanation.endswith(".") and reason.action.endswith("."), reason.code
        assert reason.explanation != reason.action
    explanation, action = reasons.explain("kode_dari_versi_lama")
    assert "tidak ada di daftar" in explanation and action


@pytest.fixture
def published_with_quarantine(tmp_path, monkeypatch):
    """The dashboard fixture build, with its quarantined rows coded as the registry codes them."""
    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "dashboard"))
    from fixture_warehouse import make_fixture_warehouse

    from warehouse.paths import current_build_file

    warehouse = make_fixture_warehouse(tmp_path)
    con = duckdb.connect(str(current_build_file(warehouse)))
    con.execute("update quarantine set reason_code = 'nip_scientific_notation' where row_number = 3")
    con.execute("update quarantine set reason_code = 'invalid_date' where row_number = 7")
    con.close()
    monkeypatch.setenv("BUDAYA_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("BUDAYA_DEMO", "1")
    monkeypatch.setenv("BUDAYA_ACCOUNTS", str(tmp_path / "tidak-ada.toml"))
    return warehouse


def test_kelola_data_explains_each_quarantine_code(published_with_quarantine):
    from pages.ui import auth

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state[auth.SESSION_KEY] = "admin"
    at.run()
    at.switch_page("pages/manage_data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    tables = [t.value for t in at.dataframe if "Artinya" in t.value.columns]
    assert len(tables) == 1
    shown = {row["Kode alasan"]: (row["Artinya"], row["Yang perlu dilakukan"]) for _, row in tables[0].iterrows()}
    assert shown == {code: (REASONS[code].explanation, REASONS[code].action)
                     for code in ("nip_scientific_notation", "invalid_date")}
