"""The model specs: dependency order, derived checks and docs, config-driven descriptions, privacy."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date

import duckdb
import pytest

from tests.conftest_metrics import nip_for, tiny, workdays_2026  # noqa: F401  (fixture)
from warehouse import metrics, spec
from warehouse.build import BuildError
from warehouse.config import build_params, load_config
from warehouse.query import Published, Scope, spec_disclosure

TODAY = date(2026, 12, 31)
INT_SPEC = 'description = "x"\ngrain = []\npublished = false\n'


@pytest.fixture
def models_dir(tmp_path, monkeypatch):
    """A copy of the shipped models that a test may add to; the build and the query layer read it."""
    root = tmp_path / "models"
    shutil.copytree(spec.MODELS_DIR, root)
    monkeypatch.setattr(spec, "MODELS_DIR", root)
    spec.reload()
    yield root
    spec.reload()


def _model(root, layer, name, sql, toml=INT_SPEC):
    (root / layer / f"{name}.sql").write_text(f"create or replace table {name} as\n{sql}\n", encoding="utf-8")
    (root / layer / f"{name}.toml").write_text(toml, encoding="utf-8")


def test_run_order_follows_the_tables_each_model_reads():
    order = [m.name for m in spec.models()]
    for m in spec.models():
        for read in m.reads:
            if read in order:
                assert order.index(read) < order.index(m.name), (read, m.name)
    assert order.index("int_employee_spans") < order.index("dim_pegawai") < order.index("fct_attendance_daily")


def test_a_cycle_is_an_error_naming_the_files(models_dir):
    _model(models_dir, "intermediate", "int_a", "select * from int_b")
    _model(models_dir, "intermediate", "int_b", "select * from int_a")
    with pytest.raises(spec.SpecError) as err:
        spec.models()
    assert "siklus" in str(err.value)
    assert "intermediate/int_a.sql" in str(err.value) and "intermediate/int_b.sql" in str(err.value)


def test_an_unknown_table_is_an_error_naming_the_file(models_dir):
    _model(models_dir, "intermediate", "int_c", "select * from raw_tidak_ada")
    with pytest.raises(BuildError) as err:
        from warehouse.build import models

        models()
    assert "int_c.sql" in str(err.value) and "raw_tidak_ada" in str(err.value)


def test_derived_checks_cover_every_published_mart():
    names = {n for m in spec.models() for n, _sql in spec.check_sql(m)}
    for m in spec.published().values():
        assert f"unique_grain__{m.name}" in names, m.name
        for c in m.grain:
            if m.column(c).not_null:
                assert f"not_null__{m.name}__{c}" in names


def test_a_duplicate_grain_row_fails_the_build_naming_the_mart(tiny, models_dir):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.pegawai(nip_for(1), "D1")
    tiny.day(nip_for(1), date(2026, 1, 6))
    sql = (models_dir / "dims" / "dim_opd.sql").read_text(encoding="utf-8")
    body = sql.split("create or replace table dim_opd as", 1)[1]
    (models_dir / "dims" / "dim_opd.sql").write_text(
        "create or replace table dim_opd as\nselect * from (" + body.rstrip().rstrip(";")
        + ") union all select * from (" + body.rstrip().rstrip(";") + ")\n", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        tiny.build(today=TODAY)
    assert "unique_grain__dim_opd" in str(err.value) and "tidak ada yang diterbitkan" in str(err.value)


def test_a_column_the_spec_does_not_declare_fails_the_build(tiny, models_dir):
    tiny.opd("D1", "Dinas Kesehatan")
    path = models_dir / "marts" / "mart_sanction_opd_yearly.sql"
    path.write_text(path.read_text(encoding="utf-8").replace("    opd_code,", "    opd_code, 1 as extra,", 1),
                    encoding="utf-8")
    with pytest.raises(BuildError) as err:
        tiny.build(today=TODAY)
    assert "mart_sanction_opd_yearly.extra" in str(err.value)


def test_marts_md_is_generated_from_the_current_specs():
    assert spec.MARTS_MD.read_text(encoding="utf-8") == spec.marts_md(), \
        "warehouse/MARTS.md is stale: run python -m warehouse.spec docs"


def test_descriptions_read_thresholds_and_weights_from_the_config():
    cfg = load_config()
    changed = dataclasses.replace(cfg, weights={**cfg.weights, "discipline": 40.0}, minutes_per_day=420,
                                  target_jp=24.0)
    found, _fields = metrics.registry(build_params(changed))
    by = {(m.name, mart): m for m in found for mart in m.marts}
    assert "40/30/15/25" in by[("culture_index", "mart_opd_monthly")].description
    assert "/ 420" in by[("equivalent_absent_days", "mart_opd_monthly")].description
    assert "24 JP" in by[("target_jp", "mart_competency_yearly")].description
    assert "30/30/15/25" in metrics.metric("culture_index").description  # the shipped config
    assert "420" in spec.marts_md(build_params(changed)) and "ada" in spec.marts_md()


TPP_TOML = """
description = "Satu baris per pegawai (uji nama kolom tak lazim)."
grain = ["employee_nip"]
published = true
opd_key = "unit_owner"

[tests]
unique = true

[columns.employee_nip]
type = "VARCHAR"
label = "NIP"
personal = "nip"
not_null = true

[columns.employee_name]
type = "VARCHAR"
label = "Nama"
personal = "name"

[columns.unit_owner]
type = "VARCHAR"
label = "OPD"

[columns.tpp_cut]
type = "INTEGER"
label = "Potongan TPP"
unit = "jumlah"
better = "down"
"""


def test_spec_personal_and_opd_key_columns_are_scoped_and_masked_whatever_their_names(tiny, models_dir):
    a, b = nip_for(1), nip_for(2)
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.opd("D2", "Dinas Pendidikan")
    tiny.pegawai(a, "D1")
    tiny.pegawai(b, "D2")
    for d in workdays_2026(date(2026, 1, 5), date(2026, 1, 9)):
        tiny.day(a, d)
        tiny.day(b, d)
    _model(models_dir, "marts", "mart_tpp_test",
           "select nip as employee_nip, name as employee_name, opd_code as unit_owner, 1 as tpp_cut "
           "from dim_pegawai order by nip", TPP_TOML)
    result = tiny.build(today=TODAY)
    assert "mart_tpp_test" in metrics.registry()[1]  # registered as a mart without anyone listing it
    pub = Published(result.published)
    try:
        sql = "select employee_nip, employee_name, unit_owner from mart_tpp_test order by 1"
        admin = pub.sql(sql, Scope())
        assert admin["employee_nip"].to_list() == [a, b]
        opd = pub.sql(sql, Scope(opd_codes=("D1",)))
        assert opd["unit_owner"].to_list() == ["D1"] and opd["employee_nip"].to_list() == [a]
        analis = pub.sql(sql, Scope(show_personal=False, pseudonym_key=b"kunci-uji-0123456789", k=1),
                         rule=spec_disclosure()["mart_tpp_test"])
        assert analis.height == 2
        assert not {a, b} & set(analis["employee_nip"].to_list())
        assert all(n.startswith("ASN-") for n in analis["employee_nip"].to_list())
        assert all(n.startswith("Pegawai ASN-") for n in analis["employee_name"].to_list())
    finally:
        pub.close()
    con = duckdb.connect(str(result.published), read_only=True)
    try:
        assert con.execute("select count(*) from mart_tpp_test").fetchone()[0] == 2  # published by its spec
    finally:
        con.close()
