"""The build runner: checks gate the build, publish swaps CURRENT atomically, idempotence."""

from __future__ import annotations

import re
from datetime import date, time

import duckdb
import pytest

from tests.conftest_metrics import nip_for, tiny, workdays_2026  # noqa: F401  (fixture)
from warehouse import spec
from warehouse.build import BuildError, all_checks, checks, models
from warehouse.paths import current_build_file, published_dir

TODAY = date(2026, 12, 31)
A, B = nip_for(1), nip_for(2)


def small_region(tiny):
    tiny.opd("D1", "Dinas Kesehatan")
    tiny.opd("D2", "Dinas Pendidikan")
    tiny.pegawai(A, "D1")
    tiny.pegawai(B, "D2", position_type="Fungsional")
    for i, d in enumerate(workdays_2026(date(2026, 1, 5), date(2026, 2, 27))):
        tiny.day(A, d)
        if i % 7:
            tiny.day(B, d, time(7, 45), time(16, 0))
        tiny.activity(A, d, 330)
        tiny.activity(B, d, 280)
    tiny.kinerja(A, 2026, "TW1", "SESUAI EKSPEKTASI", "SESUAI EKSPEKTASI")
    tiny.kinerja(B, 2026, "TW1", "DI BAWAH EKSPEKTASI", "SESUAI EKSPEKTASI")
    tiny.training(A, date(2026, 1, 20), 8)
    tiny.berakhlak("2026-S1", A, "ATASAN", "k1", 4.0)
    tiny.berakhlak("2026-S1", B, "ATASAN", "k2", 3.0)


def test_valid_build_passes_every_check_and_publishes(tiny):
    small_region(tiny)
    result = tiny.build(today=TODAY)
    assert result.checks and all(c.passed for c in result.checks)
    assert [c.name for c in result.checks] == [name for name, _sql in all_checks()]
    assert {"unique_grain__mart_outliers", "not_null__mart_opd_monthly__opd_code",
            "accepted_range__mart_opd_monthly__culture_index", "assert_culture_weights"} <= set(result.row_counts
            and [c.name for c in result.checks])
    assert result.published.exists() and result.published.parent == published_dir(tiny.path)
    assert current_build_file(tiny.path) == result.published
    assert result.period_start == date(2026, 1, 5) and result.period_end == date(2026, 2, 27)
    assert result.row_counts["mart_opd_monthly"] == 4
    assert "Build " in result.summary() and "lulus" in result.summary()
    pub = duckdb.connect(str(result.published), read_only=True)
    try:
        tables = {r[0] for r in pub.execute("select table_name from duckdb_tables()").fetchall()}
        info = pub.execute("select build_id, weights_json, period_end from build_info").fetchone()
        sources = dict(pub.execute("select source, max_data_date from build_sources").fetchall())
    finally:
        pub.close()
    for name in ("mart_opd_monthly", "mart_unit_monthly", "mart_region_monthly", "mart_berakhlak_opd",
                 "mart_discipline_yearly", "mart_outliers", "dim_opd", "dim_pegawai", "dim_calendar",
                 "mart_discipline_monthly", "mart_activity_monthly", "fct_attendance_daily",
                 "build_info", "build_sources", "ingest_batches", "quarantine", "cfg_weights"):
        assert name in tables, name
    assert not any(t.startswith(("raw_", "int_")) for t in tables)
    assert info[0] == result.build_id and '"discipline": 30.0' in info[1]
    assert sources["absensi_log"] == date(2026, 2, 27)


@pytest.mark.parametrize(
    ("plant", "check"),
    [
        ("update raw_kinerja set predikat = 'LUAR BIASA'", "assert_predikat_allowed"),
        ("update raw_berakhlak set akuntabel = 7", "accepted_range__mart_berakhlak_opd__score"),
    ],
)
def test_planted_violation_fails_the_build_with_a_clear_message(tiny, plant, check):
    small_region(tiny)
    first = tiny.build(today=TODAY)
    con = tiny.reopen()
    con.execute(plant)
    with pytest.raises(BuildError) as err:
        tiny.build(today=TODAY)
    msg = str(err.value)
    assert msg.startswith("Build dibatalkan") and check in msg and "tidak ada yang diterbitkan" in msg
    assert current_build_file(tiny.path) == first.published  # nothing published
    assert len(list(published_dir(tiny.path).glob("*.duckdb"))) == 1
    # the ingest file still holds the previous, valid marts (the build was rolled back)
    assert tiny.query("select count(*) from mart_opd_monthly")[0][0] == 4
    assert tiny.query("select count(*) from build_info where build_id = ?", [first.build_id])[0][0] == 1


def test_publish_swaps_current_while_a_reader_keeps_the_old_file(tiny):
    small_region(tiny)
    first = tiny.build(today=TODAY)
    reader = duckdb.connect(str(first.published), read_only=True)
    try:
        before = reader.execute("select count(*) from mart_opd_monthly").fetchone()[0]
        second = tiny.build(today=TODAY)
        assert second.published != first.published
        assert (published_dir(tiny.path) / "CURRENT").read_text().strip() == second.published.name
        assert reader.execute("select count(*) from mart_opd_monthly").fetchone()[0] == before
        third = tiny.build(today=TODAY)
        fourth = tiny.build(today=TODAY)
        files = sorted(p.name for p in published_dir(tiny.path).glob("*.duckdb"))
        assert files == sorted(r.published.name for r in (second, third, fourth))  # keep the last 3
        # the old file is unlinked but the open reader still works
        assert reader.execute("select count(*) from mart_opd_monthly").fetchone()[0] == before
    finally:
        reader.close()
    assert not list(published_dir(tiny.path).glob("*.tmp"))


def _fingerprint(path, tables):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"select count(*), hash(list(t order by all)) from {t} as t").fetchone()
                for t in tables}
    finally:
        con.close()


def test_build_is_idempotent(tiny):
    small_region(tiny)
    first = tiny.build(today=TODAY)
    tables = sorted(t for t in first.row_counts if t.startswith(("mart_", "dim_", "fct_")))
    a = _fingerprint(first.published, tables)
    second = tiny.build(today=TODAY)
    assert _fingerprint(second.published, tables) == a
    assert second.row_counts == first.row_counts


def test_empty_ingest_file_builds(tmp_path):
    from warehouse.build import build

    result = build(tmp_path / "empty.duckdb", today=TODAY)
    assert all(c.passed for c in result.checks)
    assert result.row_counts["mart_opd_monthly"] == 0


def test_every_model_and_check_states_its_grain_and_rule():
    for name, path in models():
        text = path.read_text(encoding="utf-8")
        assert text.startswith("-- Grain:"), path.name
        assert "-- Rule:" in text.split("create or replace")[0], path.name
        assert re.search(rf"create or replace table {name}\s", text), path.name
    for _name, path in checks():
        assert path.read_text(encoding="utf-8").startswith("-- Rule:"), path.name
    assert {m.layer for m in spec.models()} == set(spec.LAYERS)


def test_marts_end_in_an_explicit_column_list():
    for name, path in models():
        if name.startswith("mart_"):
            final = path.read_text(encoding="utf-8").rsplit("\nselect", 1)[-1]
            assert not re.search(r"(^|[\s,(])(\w+\.)?\*\s*(,|$|exclude)", final.split("\nfrom")[0]), path.name


def test_build_applies_the_duckdb_resource_settings(tiny, monkeypatch):
    import dataclasses

    import warehouse.build as wb
    from warehouse.config import load_config

    small_region(tiny)
    cfg = load_config()
    cfg = dataclasses.replace(cfg, resources=dataclasses.replace(cfg.resources, memory_limit="700MB", threads=1))
    seen = {}
    real = wb.run_models

    def spy(con, timings):
        seen.update(dict(con.execute(
            "select name, value from duckdb_settings() where name in "
            "('memory_limit', 'threads', 'preserve_insertion_order', 'temp_directory')").fetchall()))
        real(con, timings)

    monkeypatch.setattr(wb, "run_models", spy)
    result = tiny.build(today=TODAY, config=cfg)
    assert seen["threads"] == "1" and seen["preserve_insertion_order"] == "false"
    assert seen["memory_limit"].startswith(("667", "700")), seen["memory_limit"]  # 700MB (shown in MiB)
    assert seen["temp_directory"].endswith(tiny.path.name + ".tmp")
    assert all(c.passed for c in result.checks)


def test_month_by_month_models_cover_the_period_in_whole_calendar_months():
    from warehouse.build import month_chunks

    assert month_chunks(date(2024, 12, 2), date(2025, 2, 10)) == [
        (date(2024, 12, 2), date(2024, 12, 31)), (date(2025, 1, 1), date(2025, 1, 31)),
        (date(2025, 2, 1), date(2025, 2, 10))]
    assert month_chunks(date(2026, 3, 5), date(2026, 3, 5)) == [(date(2026, 3, 5), date(2026, 3, 5))]
    # a small region runs in pieces of several months (warehouse.build.CHUNK_EMPLOYEE_MONTHS)
    assert month_chunks(date(2024, 12, 2), date(2026, 2, 10), months=10) == [
        (date(2024, 12, 2), date(2025, 9, 30)), (date(2025, 10, 1), date(2026, 2, 10))]
