"""The models on Spark over the Parquet lake equal DuckDB's, and non-portable SQL is refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import build as wb

ROOT = Path(__file__).resolve().parent.parent


def test_portability_check_names_file_and_line(tmp_path, monkeypatch):
    sql_dir = tmp_path / "sql"
    shutil.copytree(wb.SQL_DIR, sql_dir)
    (sql_dir / "99_mart_broken.sql").write_text(
        "create or replace table mart_broken as\n"
        "select nip from raw_pegawai\n"
        "union all by name\n"
        "select substring(nip, 1) as nip from raw_pegawai where nip[3:] <> ''\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(wb, "SQL_DIR", sql_dir)
    with pytest.raises(wb.BuildError) as caught:
        wb.check_portable()
    message = str(caught.value)
    assert "tidak portabel ke Spark" in message
    assert "99_mart_broken.sql baris 3: UNION ... BY NAME" in message
    assert "99_mart_broken.sql baris 4: irisan teks/daftar x[a:b]" in message
    assert message.count("99_mart_broken.sql") == 2  # the shipped models are all portable




@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("java tidak terpasang")
    from warehouse.engines import spark_session

    session = spark_session("local[2]", shuffle_partitions=2)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    work = tmp_path_factory.mktemp("spark")
    warehouse = work / "w.duckdb"
    run = [sys.executable, "-m", "pipelines", "--warehouse", str(warehouse)]
    subprocess.run([*run, "generate", "--out", str(work / "src"), "--pegawai", "500", "--bulan", "6"],
                   check=True, cwd=ROOT, capture_output=True)
    subprocess.run([*run, "ingest", str(work / "src")], check=True, cwd=ROOT, capture_output=True)
    done = subprocess.run([*run, "lake", "--out", str(work / "lake")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Lake " in done.stdout
    return work / "lake"


@pytest.mark.spark
@pytest.mark.slow
def test_every_model_equal_on_spark_and_duckdb(spark, lake):
    from pipelines.lake import read_manifest
    from warehouse import engines

    manifest = read_manifest(lake)
    assert manifest["tables"]["raw_pegawai"]["rows"] == 500
    assert manifest["tables"]["raw_absensi_harian"]["time_columns"] == ["time_in", "time_out"]
    assert manifest["tables"]["raw_absensi_log"]["files"]  # hashed, month-partitioned files
    diffs, duck, sparked = engines.compare(lake, spark=spark)
    assert len(diffs) == len(wb.models()) == 35
    unequal = [f"{d.model}: {d.problem}" for d in diffs if not d.equal]
    assert unequal == []
    assert all(d.max_rel_diff <= 1e-9 for d in diffs)
    assert sparked.rows["mart_outliers"] == duck.rows["mart_outliers"] > 0
    assert (lake / "marts" / "mart_opd_monthly").is_dir()
