"""`python -m pipelines status`: freshness per source, recent batches, quarantine counts.

While a load holds the ingest file (DuckDB then refuses even readers), the figures come
from the current published build, which carries copies of ingest_batches and quarantine."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.lock import describe_holder, is_lock_conflict
from warehouse.paths import current_build_file


def status_report(warehouse: Path) -> str:
    if not warehouse.exists():
        return f"Gudang data {warehouse} belum ada. Jalankan `python -m pipelines demo` atau `ingest`."
    published = current_build_file(warehouse)
    lines = [f"Gudang data: {warehouse}"]
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.IOException as error:
        if not is_lock_conflict(error):
            raise
        lines.insert(0, f"Sedang ada pemuatan: gudang data dipakai oleh {describe_holder(warehouse, error)}.")
        if published is None:
            return "\n".join(lines + ["Belum ada build terbit; angka status tersedia setelah pemuatan selesai."])
        lines.insert(1, f"Angka di bawah ini per build terbit terakhir ({published.name}), belum termasuk "
                        "pemuatan yang sedang berjalan.")
        con = duckdb.connect(str(published), read_only=True)
    try:
        lines.append(f"Build terbit: {published.name if published else 'belum ada (jalankan build)'}")
        lines.append("")
        lines.append(f"{'sumber':<16}{'berkas':>7}{'dimuat':>12}{'karantina':>11}{'duplikat':>10}  terakhir dimuat")
        for row in con.execute(
            "select source, count(*), sum(rows_loaded), sum(rows_quarantined), sum(rows_duplicate), "
            "strftime(max(finished_at), '%Y-%m-%d %H:%M') from ingest_batches where status = 'loaded' "
            "group by source order by source"
        ).fetchall():
            lines.append(f"{row[0]:<16}{row[1]:>7}{row[2]:>12,}{row[3]:>11,}{row[4]:>10,}  {row[5]}".replace(",", "."))
        rejected = con.execute(
            "select file_name, message from ingest_batches where status = 'rejected' order by started_at desc limit 5"
        ).fetchall()
        if rejected:
            lines += ["", "Berkas ditolak terakhir:"] + [f"  {name}: {msg}" for name, msg in rejected]
        reasons = con.execute(
            "select reason_code, count(*) n from quarantine group by 1 order by n desc, 1 limit 10"
        ).fetchall()
        if reasons:
            lines += ["", "Karantina per alasan:"] + [f"  {code:<28}{n:>9,}".replace(",", ".") for code, n in reasons]
        return "\n".join(lines)
    finally:
        con.close()
