"""The metric registry equals the metric columns of the marts; MARTS.md documents every column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pages.ui.text import UNIT_FORMATS
from tests.conftest_metrics import nip_for, tiny  # noqa: F401  (fixture)
from warehouse.metrics import MART_FIELDS, METRICS, OUTLIER_KINDS, metric, metrics_for

UNITS = {"skor", "skor_1_5", "rasio", "hari", "menit", "menit_per_hari", "jp", "orang", "poin", "bobot",
         "kegiatan", "jumlah", "peringkat", "bulan", "rupiah", "kali", "persen_angka"}
MARTS_MD = Path(__file__).resolve().parent.parent / "warehouse" / "MARTS.md"


@pytest.fixture
def built(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(nip_for(1), "D1")
    tiny.day(nip_for(1), date(2026, 1, 6))
    tiny.build(today=date(2026, 12, 31))
    return tiny


def test_registry_equals_mart_columns(built):
    marts = {r[0] for r in built.query("select table_name from duckdb_tables() where table_name like 'mart_%'")}
    assert marts == {t for t in MART_FIELDS if t.startswith("mart_")}
    for mart, fields in MART_FIELDS.items():
        cols = [r[0] for r in built.query(
            "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
            [mart])]
        metric_cols = set(cols) - set(fields)
        assert metric_cols == {m.name for m in metrics_for(mart)}, mart
        assert set(fields) <= set(cols), mart


def test_every_metric_is_described():
    for m in METRICS:
        assert m.label and m.description and m.unit in UNITS, m.name
        assert m.unit in UNIT_FORMATS, m.name  # drawn as its unit says (pages/ui/text.py)
        assert m.better in ("up", "down", "none"), m.name
        assert all(mart in MART_FIELDS for mart in m.marts), m.name
    names = [(m.name, mart) for m in METRICS for mart in m.marts]
    assert len(names) == len(set(names))
    assert metric("culture_index").unit == "skor"
    assert metric("score", "mart_outliers").unit == "jumlah"
    assert set(OUTLIER_KINDS) == {"low_productivity", "present_not_working", "buddy_punching", "unit_decline"}


def test_marts_md_documents_every_published_mart_and_column(built):
    text = MARTS_MD.read_text(encoding="utf-8")
    tables = [r[0] for r in built.query(
        "select table_name from duckdb_tables() where table_name like 'mart_%' or table_name like 'dim_%' "
        "or table_name like 'fct_%'")]
    for table in tables:
        assert table in text, table
        for (col,) in built.query("select column_name from information_schema.columns where table_name = ?",
                                  [table]):
            assert col in text, f"{table}.{col}"
