"""The demo region's exports load through the real path: every planted bad row is
quarantined with the expected reason, nothing else is, and nothing is lost."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from pipelines.ingest import ingest_files


def _read(warehouse: Path, sql: str) -> pl.DataFrame:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.sql(sql).pl()
    finally:
        con.close()


def test_planted_bad_rows_and_only_those_are_quarantined(demo_loaded):
    planted = pl.read_csv(demo_loaded.sources / "_kunci" / "baris_rusak.csv", infer_schema=False).with_columns(
        pl.col("file").str.split("/").list.last(), pl.col("row_number").cast(pl.Int64))
    expected = planted.filter(pl.col("expected_reason") != "exact_duplicate")
    got = _read(demo_loaded.warehouse, "select file_name as file, row_number, reason_code from quarantine")
    joined = expected.join(got, on=["file", "row_number"], how="full", coalesce=True)
    missed = joined.filter(pl.col("reason_code").is_null())
    unexpected = joined.filter(pl.col("expected_reason").is_null())
    wrong = joined.filter(pl.col("reason_code") != pl.col("expected_reason"))
    assert missed.is_empty(), missed
    assert unexpected.is_empty(), unexpected
    assert wrong.is_empty(), wrong
    duplicates = planted.filter(pl.col("expected_reason") == "exact_duplicate").group_by("file").len()
    per_file = {r.file_name: r.rows_duplicate for r in demo_loaded.batches}
    for file, count in duplicates.iter_rows():
        assert per_file[file] >= count


def test_conservation_holds_for_every_file(demo_loaded):
    batches = _read(demo_loaded.warehouse, "select * from ingest_batches where status = 'loaded'")
    assert batches.height == len(demo_loaded.batches)
    assert (batches["rows_in"] == batches["rows_loaded"] + batches["rows_quarantined"]
            + batches["rows_duplicate"]).all()
    total = _read(demo_loaded.warehouse, "select count(*) n from raw_absensi_log")["n"][0]
    assert total == batches.filter(pl.col("source") == "absensi_log")["rows_loaded"].sum()


def test_second_identical_ingest_changes_no_count(demo_loaded):
    tables = ["raw_opd", "raw_pegawai", "raw_absensi_log", "raw_absensi_harian", "raw_kinerja", "raw_aktivitas",
              "raw_pelatihan", "raw_berakhlak", "quarantine"]
    count_sql = " union all ".join(f"select '{t}' t, count(*) n from {t}" for t in tables)
    before = _read(demo_loaded.warehouse, count_sql)
    again = ingest_files([demo_loaded.sources], warehouse=demo_loaded.warehouse)
    assert {r.status for r in again} == {"skipped"}
    assert _read(demo_loaded.warehouse, count_sql).equals(before)
