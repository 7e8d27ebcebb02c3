"""Log Audit (admin only): who signed in, was refused, uploaded, published and exported what."""

import polars as pl
import streamlit as st

from pages.ui import auth, layout
from pages.ui import format as fmt
from warehouse.access import audit_path, read_audit

EVENTS = {
    "masuk": "Masuk", "masuk_gagal": "Gagal masuk", "masuk_ditolak": "Masuk ditolak", "keluar": "Keluar",
    "akses_ditolak": "Akses ditolak", "ekspor": "Ekspor", "unggah": "Unggah", "unggah_ditolak": "Unggahan ditolak",
    "unggah_gagal": "Unggahan gagal", "terbit": "Terbitkan", "terbit_gagal": "Terbitkan gagal",
}
LIMIT = 2_000

layout.page_header("Log Audit", "Setiap masuk, gagal masuk, keluar, akses yang ditolak, unggahan, penerbitan dan "
                   "ekspor (siapa, kapan, filter apa, berapa baris). Berkas log terpisah dari gudang data: "
                   f"`{audit_path().name}`.")
auth.require_admin("log-audit")

left, right = st.columns([3, 2])
events = left.multiselect("Peristiwa", list(EVENTS), format_func=EVENTS.get, key="audit_peristiwa",
                          placeholder="Semua peristiwa")
user = right.text_input("Nama pengguna", key="audit_pengguna", placeholder="Semua pengguna").strip().lower()
log = read_audit(limit=LIMIT, events=events or None, username=user or None)
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
