"""Log Audit (admin only): who signed in, was refused, uploaded, published and exported what.

The page only reads (the log is opened read-only; queued entries are first moved in, as any write
would): whether the hash chain verifies, how many entries are queued, and the entries."""

import polars as pl
import streamlit as st

from pages.ui import auth, layout
from pages.ui import format as fmt
from warehouse.access import AuditUnavailable, audit_path, queued_count, read_audit, retention_days, verify_chain

EVENTS = {
    "masuk": "Masuk", "masuk_gagal": "Gagal masuk", "masuk_ditolak": "Masuk ditolak", "keluar": "Keluar",
    "akses_ditolak": "Akses ditolak", "ekspor": "Ekspor", "unggah": "Unggah", "unggah_ditolak": "Unggahan ditolak",
    "unggah_gagal": "Unggahan gagal", "terbit": "Terbitkan", "terbit_gagal": "Terbitkan gagal",
    "retensi": "Retensi log", "antrean_rusak": "Antrean rusak",
}
LIMIT = 2_000

layout.page_header("Log Audit", "Setiap masuk, gagal masuk, keluar, akses yang ditolak, unggahan, penerbitan dan "
                   "ekspor (siapa, kapan, filter apa, berapa baris). Berkas log terpisah dari gudang data: "
                   f"`{audit_path().name}`.")
auth.require_admin("log-audit")


@st.cache_data(show_spinner=False, max_entries=4)
def _chain(path: str, version: tuple):
    return verify_chain()


def _version(path) -> tuple:
    try:
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size
    except FileNotFoundError:
        return 0, 0


left, right = st.columns([3, 2])
events = left.multiselect("Peristiwa", list(EVENTS), format_func=EVENTS.get, key="audit_peristiwa",
                          placeholder="Semua peristiwa")
user = right.text_input("Nama pengguna", key="audit_pengguna", placeholder="Semua pengguna").strip().lower()
try:
    log = read_audit(limit=LIMIT, events=events or None, username=user or None)
    chain = _chain(str(audit_path()), _version(audit_path()))
except AuditUnavailable as error:
    st.error(str(error), icon=":material/error:")
    st.stop()
queued = queued_count()
(st.success if chain.ok else st.error)(
    chain.message + (" Entri yang diubah, disisipkan atau dihapus dari tengah log akan terlihat di sini."
                     if chain.ok else " Periksa berkas log dan cadangannya."),
    icon=":material/verified:" if chain.ok else ":material/gpp_bad:")
st.caption(f"{fmt.integer(queued)} entri antre (menunggu log audit bebas dari proses lain). Retensi: "
           f"{fmt.integer(retention_days())} hari (`BUDAYA_AUDIT_RETENSI_HARI`; dijalankan dengan "
           "`python -m warehouse.access retensi`). Halaman ini hanya membaca log.")
if log.is_empty():
    layout.empty("Belum ada peristiwa yang cocok di log audit.")
    st.stop()

counts = log.group_by("event").len().sort("len", descending=True)
layout.headline(f"{fmt.integer(log.height)} peristiwa terakhir"
                + (f" (dibatasi {fmt.integer(LIMIT)})" if log.height >= LIMIT else "") + ": "
                + ", ".join(f"{EVENTS.get(e, e).lower()} {fmt.integer(n)}" for e, n in counts.iter_rows()) + ".")
shown = log.with_columns(pl.col("event").replace(EVENTS).alias("event_label"))
layout.table(shown, title="Peristiwa, terbaru dulu", slug="log_audit", key="audit_table", filtered=False,
             columns=["occurred_at", "username", "event_label", "rows", "details"], height=560,
             labels={"occurred_at": "Waktu", "username": "Pengguna", "event_label": "Peristiwa",
                     "rows": "Baris", "details": "Rincian (JSON)"})
