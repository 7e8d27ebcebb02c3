"""Command line: `python -m pipelines generate|ingest|build|demo|status|laporan|…` (data contract §4)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from warehouse.lock import DEFAULT_WAIT_SECONDS
from warehouse.paths import warehouse_path

DEMO_SOURCE_DIR = Path(__file__).resolve().parent.parent / "warehouse" / "data" / "demo_sumber"


def _print_batch(r) -> None:
    if r.status == "rejected":
        print(f"DITOLAK  {r.file_name}: {r.message}", file=sys.stderr, flush=True)
    elif r.status == "skipped":
        print(f"DILEWATI {r.file_name}: {r.message}", flush=True)
    else:
        print(
            f"DIMUAT   {r.file_name} [{r.source}]: {r.rows_in} baris masuk, {r.rows_loaded} dimuat, "
            f"{r.rows_quarantined} dikarantina, {r.rows_duplicate} duplikat"
            + (f", {r.rows_replaced} baris lama diganti" if r.rows_replaced else "")
            + f" ({r.seconds:.1f} d)",
            flush=True,
        )
        for code, count, example in r.top_reasons[:3]:
            print(f"         - {count} x {code}: {example}", flush=True)


def _summarise(results) -> int:
    rejected = sum(r.status == "rejected" for r in results)
    print(f"Selesai: {len(results)} berkas, {len(results) - rejected} diterima, {rejected} ditolak.")
    return 1 if rejected else 0


def _cmd_ingest(args) -> int:
    from pipelines.ingest import ingest_files

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"Berkas atau folder tidak ditemukan: {', '.join(missing)}", file=sys.stderr)
        return 2
    asked = {"berkas": [str(p) for p in args.paths], "sumber": args.source, "mesin": args.device}
    try:
        results = ingest_files(args.paths, warehouse=args.warehouse, source=args.source, device=args.device,
                               on_result=_print_batch, wait=args.tunggu)
    except Exception as error:
        _audit("unggah_gagal", {**asked, "alasan": _reason(error)}, 0, args.warehouse)
        raise
    _audit("unggah", {
        **asked,
        "hasil": [{"berkas": r.file_name, "sumber": r.source, "status": r.status, "batch": r.batch_id,
                   "dimuat": r.rows_loaded, "karantina": r.rows_quarantined, "duplikat": r.rows_duplicate}
                  for r in results],
        "ditolak": [{"berkas": r.file_name, "alasan": r.message} for r in results if r.status == "rejected"],
    }, sum(r.rows_loaded for r in results), args.warehouse)
    if not results:
        print("Tidak ada berkas yang dapat dimuat (CSV, XLSX atau attlog .dat).", file=sys.stderr)
        return 1
    return _summarise(results)


def _cmd_build(args) -> int:
    if getattr(args, "engine", "duckdb") == "spark":
        return _cmd_build_spark(args)
    from warehouse.build import build

    try:
        result = build(warehouse_path(args.warehouse), wait=args.tunggu)
    except Exception as error:
        _audit("terbit_gagal", {"alasan": _reason(error)}, None, args.warehouse)
        raise
    _audit("terbit", {"build": result.build_id}, None, args.warehouse)
    print(result.summary())
    return 0


def _cli_user() -> str:
    """Who ran the command: the OS user, marked as coming from the command line."""
    try:
        return "cli:" + getpass.getuser()
    except Exception:  # no user name in this environment
        return f"cli:{os.getuid()}"


def _reason(error: BaseException) -> str:
    from warehouse.build import BuildError
    from warehouse.config import ConfigError
    from warehouse.lock import WarehouseError

    known = (WarehouseError, BuildError, ConfigError)
    return str(error) if isinstance(error, known) else f"kesalahan internal ({type(error).__name__})"


def _audit(event: str, details: dict, rows: int | None, warehouse: str | None) -> None:
    """One audit entry for a CLI ingest/build; a log that cannot be written is said plainly."""
    from warehouse.access import audit

    try:
        audit(event, _cli_user(), {"lewat": "baris perintah", **details}, rows=rows,
              warehouse=warehouse_path(warehouse))
    except Exception:
        print(f"Peringatan: log audit tidak dapat ditulis; peristiwa '{event}' dari baris perintah tidak tercatat. "
              "Periksa berkas log audit di samping gudang data.", file=sys.stderr)


def _cmd_build_spark(args) -> int:
    from warehouse import engines

    if not args.lake:
        print("--engine spark memerlukan --lake DIR (buat dengan: python -m pipelines lake --out DIR).", file=sys.stderr)
        return 2
    result = engines.build_spark(Path(args.lake), args.master, conf=engines.parse_spark_conf(args.spark_conf))
    print(f"Build Spark selesai dalam {result.seconds:.1f} detik: {len(result.rows)} model ditulis ke "
          f"{Path(args.lake) / 'marts'}.")
    if args.publish:
        print(f"Diterbitkan: {engines.publish_spark(Path(args.lake), warehouse_path(args.warehouse))}")
    return 0


def _cmd_laporan(args) -> int:
    from reports import cli

    def audit(event: str, details: dict) -> None:  # no quiet skip: a brief or delivery not logged is refused
        from warehouse.access import audit as write

        write(event, _cli_user(), {"lewat": "baris perintah", **details}, warehouse=warehouse_path(args.warehouse))

    return cli.main(args, audit)


def _cmd_lake(args) -> int:
    from pipelines.lake import summary, write_lake

    print(summary(write_lake(Path(args.out), warehouse_path(args.warehouse)), args.out))
    return 0


def _cmd_compare_engines(args) -> int:
    from warehouse import engines

    diffs, duck, sparked = engines.compare(Path(args.lake), args.master,
                                          conf=engines.parse_spark_conf(args.spark_conf))
    print(engines.report(diffs, duck, sparked))
    return 0 if all(d.equal for d in diffs) else 1


def _cmd_generate(args) -> int:
    from demo_region import generate

    summary = generate(Path(args.out), pegawai=args.pegawai, bulan=args.bulan, mulai=args.mulai, seed=args.seed)
    print(summary)
    return 0


def _cmd_demo(args) -> int:
    from demo_region import generate
    from pipelines.ingest import ingest_files
    from warehouse.build import build

    path = warehouse_path(args.warehouse)
    if args.if_empty and path.exists():
        from warehouse.paths import current_build_file

        if current_build_file(path) is not None:
            print(f"Gudang data {path} sudah berisi build terbit; demo tidak dibuat ulang.")
            return 0
    from warehouse.lock import open_for_writing, release

    path.parent.mkdir(parents=True, exist_ok=True)
    release(open_for_writing(path, "demo"), path)  # busy: WarehouseBusy before minutes of generating
    out = Path(args.out) if args.out else DEMO_SOURCE_DIR
    print(f"1/3 Membuat data wilayah demo di {out} ...")
    generate(out, pegawai=args.pegawai, bulan=args.bulan, seed=args.seed)
    print(f"2/3 Memuat berkas ke {path} ...")
    _summarise(ingest_files([out], warehouse=path, on_result=_print_batch))
    print("3/3 Membangun dan menerbitkan mart ...")
    print(build(path).summary())
    return 0


def _cmd_status(args) -> int:
    from pipelines.status import status_report

    print(status_report(warehouse_path(args.warehouse)))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pipelines", description="Pipeline Dasbor Budaya Kerja ASN")
    p.add_argument("--warehouse", help="berkas DuckDB (bawaan: $BUDAYA_WAREHOUSE atau warehouse/data/budaya.duckdb)")
    sub = p.add_subparsers(dest="command", required=True)

    g = sub.add_parser("generate", help="tulis berkas sumber wilayah demo")
    g.add_argument("--out", required=True)
    g.add_argument("--pegawai", type=int, default=6000)
    g.add_argument("--bulan", type=int, default=24)
    g.add_argument("--mulai", help="bulan pertama, YYYY-MM")
    g.add_argument("--seed", type=int, default=42)
    g.add_argument("--warehouse", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    g.set_defaults(func=_cmd_generate)

    i = sub.add_parser("ingest", help="muat berkas atau folder")
    i.add_argument("--source", help="paksa sumber: opd, pegawai, absensi_log, absensi_harian, kinerja, "
                                    "aktivitas, pelatihan, berakhlak")
    i.add_argument("--device", help="ID mesin untuk berkas attlog")
    i.add_argument("paths", nargs="+")
    i.add_argument("--tunggu", type=float, nargs="?", const=DEFAULT_WAIT_SECONDS, metavar="DETIK",
                   help="tunggu gudang data dilepas proses lain (bawaan 900 detik)")
    i.add_argument("--warehouse", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    i.set_defaults(func=_cmd_ingest)

    b = sub.add_parser("build", help="bangun ulang mart dan terbitkan ke dasbor")
    b.add_argument("--warehouse", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    b.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb", help="mesin build (bawaan duckdb)")
    b.add_argument("--lake", help="folder lake Parquet (untuk --engine spark)")
    b.add_argument("--master", help="URL master Spark (bawaan local[2])")
    b.add_argument("--spark-conf", action="append", metavar="KUNCI=NILAI",
                   help="pengaturan Spark tambahan, boleh berulang (mis. spark.driver.memory=6g)")
    b.add_argument("--publish", action="store_true", help="terbitkan mart Spark sebagai build dasbor")
    b.add_argument("--tunggu", type=float, nargs="?", const=DEFAULT_WAIT_SECONDS, metavar="DETIK",
                   help="tunggu gudang data dilepas proses lain (bawaan 900 detik)")
    b.set_defaults(func=_cmd_build)

    lp = sub.add_parser("laporan", help="laporan bulanan per OPD (dan wilayah) dari build terbit; --kirim mengirimnya")
    lp.add_argument("--bulan", required=True, metavar="YYYY-MM")
    lp.add_argument("--opd", nargs="+", metavar="KODE", help="hanya OPD ini (bawaan: semua OPD dan wilayah)")
    lp.add_argument("--format", default="pdf", help="pdf, pptx atau pdf,pptx (bawaan pdf)")
    lp.add_argument("--out", required=True, help="folder keluaran")
    lp.add_argument("--kirim", action="store_true", help="kirim ke penerima di $BUDAYA_LAPORAN (SMTP atau kotak keluar)")
    lp.add_argument("--warehouse", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    lp.set_defaults(func=_cmd_laporan)

    lk = sub.add_parser("lake", help="tulis tabel mentah tervalidasi + konfigurasi sebagai lake Parquet")
    lk.add_argument("--out", required=True)
    lk.add_argument("--warehouse", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    lk.set_defaults(func=_cmd_lake)

    ce = sub.add_parser("compare-engines", help="bangun di DuckDB dan Spark atas lake, bandingkan tiap model")
    ce.add_argument("--lake", required=True)
    ce.add_argument("--master", help="URL master Spark (bawaan local[2])")
    ce.add_argument("--spark-conf", action="append", metavar="KUNCI=NILAI",
                    help="pengaturan Spark tambahan, boleh berulang (mis. spark.driver.memory=6g)")
    ce.add_argument("--warehouse", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    ce.set_defaults(func=_cmd_compare_engines)

    d = sub.add_parser("demo", help="generate + ingest + build dengan nilai bawaan")
    d.add_argument("--out")
    d.add_argument("--pegawai", type=int, default=6000)
    d.add_argument("--bulan", type=int, default=24)
    d.add_argument("--seed", type=int, default=42)
    d.add_argument("--if-empty", action="store_true", help="lewati bila sudah ada build terbit")
    d.add_argument("--warehouse", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    d.set_defaults(func=_cmd_demo)

    s = sub.add_parser("status", help="kesegaran per sumber, batch, karantina")
    s.add_argument("--warehouse", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    s.set_defaults(func=_cmd_status)
    return p


def _bare_tunggu(argv: list[str]) -> list[str]:
    """`ingest --tunggu folder/`: a bare --tunggu followed by something that is not a number
    waits the default time, and that something stays a path."""
    out = []
    for i, arg in enumerate(argv):
        out.append(arg)
        if arg == "--tunggu" and not _is_number(argv[i + 1] if i + 1 < len(argv) else ""):
            out.append(str(DEFAULT_WAIT_SECONDS))
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(_bare_tunggu(sys.argv[1:] if argv is None else list(argv)))
    if args.func is _cmd_ingest:
        from pipelines import prepare_memory_for

        prepare_memory_for([p for p in args.paths if Path(p).exists()])
    from pipelines.lake import LakeError
    from warehouse.build import BuildError
    from warehouse.config import ConfigError
    from warehouse.engines import EngineError
    from warehouse.lock import WarehouseError

    try:
        return args.func(args)
    except WarehouseError as error:
        print(error, file=sys.stderr)
        return 1
    except (BuildError, ConfigError, LakeError, EngineError) as error:
        print(f"GAGAL: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
