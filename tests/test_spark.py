"""The models on Spark over the Parquet lake equal DuckDB's, and non-portable SQL is refused."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import build as wb
from warehouse import spec

ROOT = Path(__file__).resolve().parent.parent


def test_engine_comparison_tolerates_cancellation_noise_not_real_differences():
    import polars as pl

    from warehouse.engines import compare_frames

    duck = pl.DataFrame({"opd_code": ["A", "B"], "score_mom_delta": [0.0, 12.5], "employees": [3, 4]})
    noise = duck.with_columns(pl.Series("score_mom_delta", [1.4e-14, 12.5 + 1e-12]))
    assert compare_frames("m", duck, noise).equal
    real = duck.with_columns(pl.Series("score_mom_delta", [0.001, 12.5]))
    assert compare_frames("m", duck, real).problem.startswith("kolom score_mom_delta: selisih relatif")
    count = duck.with_columns(pl.Series("employees", [3, 5]))
    assert not compare_frames("m", duck, count).equal


def test_portability_check_names_file_and_line(tmp_path, monkeypatch):
    models_dir = tmp_path / "models"
    shutil.copytree(spec.MODELS_DIR, models_dir)
    (models_dir / "intermediate" / "int_broken.toml").write_text('description = "x"\n', encoding="utf-8")
    (models_dir / "intermediate" / "int_broken.sql").write_text(
        "create or replace table int_broken as\n"
        "select nip from raw_pegawai\n"
        "union all by name\n"
        "select substring(nip, 1) as nip from raw_pegawai where nip[3:] <> ''\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(spec, "MODELS_DIR", models_dir)
    with pytest.raises(wb.BuildError) as caught:
        wb.check_portable()
    message = str(caught.value)
    assert "tidak portabel ke Spark" in message
    assert "int_broken.sql baris 3: UNION ... BY NAME" in message
    assert "int_broken.sql baris 4: irisan teks/daftar x[a:b]" in message
    assert message.count("int_broken.sql") == 2  # the shipped models are all portable




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
    subprocess.run([*run, "build"], check=True, cwd=ROOT, capture_output=True)  # the DuckDB-published build
    done = subprocess.run([*run, "lake", "--out", str(work / "lake")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Lake " in done.stdout
    return work / "lake"


@pytest.fixture(scope="module")
def compared(spark, lake):
    """Both builds over the lake once (Spark's marts stay in <lake>/marts for the publish test)."""
    from warehouse import engines

    return engines.compare(lake, spark=spark)


@pytest.mark.spark
@pytest.mark.slow
def test_every_model_equal_on_spark_and_duckdb(compared, lake):
    from pipelines.lake import read_manifest

    manifest = read_manifest(lake)
    assert manifest["tables"]["raw_pegawai"]["rows"] == 500
    assert manifest["tables"]["raw_absensi_harian"]["time_columns"] == ["time_in", "time_out"]
    assert manifest["tables"]["raw_absensi_log"]["files"]  # hashed, month-partitioned files
    diffs, duck, sparked = compared
    assert len(diffs) == len(wb.models()) >= 41  # the TPP models too
    assert {"mart_tpp_monthly", "mart_tpp_cuts", "mart_tpp_opd_monthly"} <= {d.model for d in diffs}
    unequal = [f"{d.model}: {d.problem}" for d in diffs if not d.equal]
    assert unequal == []
    assert all(d.max_rel_diff <= 1e-9 for d in diffs)
    assert sparked.rows["mart_outliers"] == duck.rows["mart_outliers"] > 0
    assert (lake / "marts" / "mart_opd_monthly").is_dir()


def _query_params(pub, admin) -> dict:
    """Values for every page's parameters, taken from the build itself."""
    from warehouse import query as q

    months = pub.run("common__months", admin)["month"].to_list()
    filters = q.Filters(months[0], months[-1]).params()
    opd = pub.run("common__opd", admin)["opd_code"].to_list()[0]
    person = pub.sql(f"select nip, work_unit from dim_pegawai where opd_code = '{opd}' order by nip limit 2", admin)
    periods = pub.run("core_values__periods", admin, **filters)["period"].to_list()
    return {**filters, "opd": opd, "unit": person["work_unit"][0], "period": periods[0] if periods else "x",
            "within_days": 5, "nip": person["nip"][0], "month": months[-1], "nips": person["nip"].to_list(),
            "core_value": "adaptif", "text": "a"}


@pytest.mark.spark
@pytest.mark.slow
def test_spark_publish_reads_like_the_duckdb_build_on_every_page(compared, lake):
    import duckdb
    import polars as pl
    import polars.testing

    from warehouse import engines
    from warehouse import query as q
    from warehouse.paths import current_build_file

    duck_file = current_build_file(lake.parent / "w.duckdb")
    spark_file = engines.publish_spark(lake, lake.parent / "spark.duckdb")
    assert spark_file.name.endswith("-spark.duckdb")
    assert current_build_file(lake.parent / "spark.duckdb") == spark_file

    def schema(path):
        with duckdb.connect(str(path), read_only=True) as con:
            return con.execute("select table_name, column_name, data_type from duckdb_columns() "
                               "where database_name = current_database() order by all").fetchall()

    assert schema(spark_file) == schema(duck_file)  # same tables, same columns, same types
    duck, sparked = q.Published(duck_file), q.Published(spark_file)
    try:
        info = sparked.sql("select config_json, weights_json, config_path from build_info", q.ADMIN)
        assert info.row(0) == duck.sql("select config_json, weights_json, config_path from build_info", q.ADMIN).row(0)
        assert info["weights_json"][0].startswith(("{", "["))
        params = _query_params(duck, q.ADMIN)
        assert params["opd"] and params["nip"]
        names = q.query_names()
        assert len(names) > 30
        for name in names:
            a, b = duck.run(name, q.ADMIN, **params), sparked.run(name, q.ADMIN, **params)
            if name == "common__build_info":
                a, b = a.drop("build_id", "built_at"), b.drop("build_id", "built_at")
            assert a.schema == b.schema, name
            if not any("order by" in line.lower() for line in q.sql_for(name).splitlines()):
                a, b = a.sort(pl.all(), nulls_last=True), b.sort(pl.all(), nulls_last=True)
            try:
                pl.testing.assert_frame_equal(a, b, check_exact=False, rel_tol=1e-9, abs_tol=1e-12)
            except AssertionError as error:
                raise AssertionError(f"{name}: {error}") from None
    finally:
        duck.close()
        sparked.close()


@pytest.mark.spark
@pytest.mark.slow
def test_cli_spark_build_is_quiet_and_names_the_failing_model(lake, tmp_path):
    """Spark's own output (startup lines, pandas warning, JSON query logs, Java traces) stays off the
    terminal; a model that fails gives one Bahasa Indonesia line naming it."""
    import json

    import polars as pl

    from pipelines.lake import current_version

    broken = tmp_path / "lake"
    version = current_version(lake)
    shutil.copytree(version, broken / "versions" / version.name)
    (broken / "CURRENT").write_text(version.name + "\n", encoding="utf-8")
    table = broken / "versions" / version.name / "raw_pegawai"
    frame = pl.read_parquet(table / "part-0.parquet").drop("tmt_date")  # the first model reads it
    frame.write_parquet(table / "part-0.parquet")
    manifest_file = broken / "versions" / version.name / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    meta = manifest["tables"]["raw_pegawai"]
    meta["columns"] = [c for c in meta["columns"] if c[0] != "tmt_date"]
    manifest_file.write_text(json.dumps(manifest), encoding="utf-8")

    done = subprocess.run([sys.executable, "-m", "pipelines", "--warehouse", str(tmp_path / "w.duckdb"), "build",
                           "--engine", "spark", "--lake", str(broken)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith("GAGAL: Model int_employee_spans.sql gagal dijalankan di Spark (kode galat ")
    assert f"Rincian teknis tercatat di {broken / 'logs' / 'spark.log'}" in done.stderr
    for noise in ("WARN", "Exception", "Traceback", "log4j", "{\"", "at org.apache"):
        assert noise not in done.stderr + done.stdout, noise
    assert len(done.stderr.strip().splitlines()) == 1
    assert "tmt_date" in (broken / "logs" / "spark.log").read_text(encoding="utf-8")


def test_spark_conf_pairs_are_checked_before_spark_starts(tmp_path):
    """`--spark-conf` takes spark.KEY=VALUE pairs; anything else is one Bahasa line, exit 1, no Spark started."""
    from warehouse.engines import EngineError, parse_spark_conf

    assert parse_spark_conf(["spark.driver.memory=8g", " spark.sql.shuffle.partitions = 64"]) == {
        "spark.driver.memory": "8g", "spark.sql.shuffle.partitions": "64"}
    assert parse_spark_conf(None) == {}
    for bad in ("driver.memory=8g", "spark.driver.memory", "spark.driver.memory="):
        with pytest.raises(EngineError, match=r"--spark-conf harus berbentuk spark\.KUNCI=NILAI"):
            parse_spark_conf([bad])
    done = subprocess.run([sys.executable, "-m", "pipelines", "--warehouse", str(tmp_path / "w.duckdb"), "build",
                           "--engine", "spark", "--lake", str(tmp_path / "lake"), "--spark-conf", "memory=8g"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "GAGAL: --spark-conf harus berbentuk spark.KUNCI=NILAI, misalnya spark.driver.memory=6g; tertulis: 'memory=8g'."]
