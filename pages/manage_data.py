"""Kelola Data (admin only): upload exports, read the validation report and quarantine, publish
a new build. Other roles reach this URL only by typing it: they get a refusal, audited."""

import streamlit as st

from pages.ui import auth, data, layout, manage, mapping
from pages.ui import format as fmt

STATUS = {"status": {"loaded": "dimuat", "skipped": "dilewati (sudah pernah)", "rejected": "ditolak"}}
FINDINGS = {"predikat_mismatch": "Predikat SKP tidak sesuai matriks PermenPANRB 6/2022 (dimuat sesuai sumber)"}
REASON_LABELS = {"rows": "Baris", "reason": "Contoh alasan", "explanation": "Artinya",
                 "action": "Yang perlu dilakukan"}

layout.page_header("Kelola Data", "Berkas dimuat ke gudang data; baris yang tidak lolos validasi masuk karantina "
                   "dengan alasannya, tidak ada yang hilang. Dasbor baru menampilkannya setelah **Terbitkan**.")
admin = auth.require_admin("kelola-data")

st.subheader("1. Unggah berkas ekspor")
limit = manage.max_upload_mb()
# Streamlit draws the drop zone's button and limit in English; these rules put Bahasa in their place.
# Type and size are checked here (manage.check_upload, in Bahasa), not in the browser, whose refusal
# is English: the browser only stops what is past BROWSER_CEILING_MB, said in Bahasa on its chip.
st.html(f"""<style>
[data-testid="stFileUploaderDropzone"] button > * {{display: none !important;}}
[data-testid="stFileUploaderDropzone"] button::after {{content: "Pilih berkas";}}
[data-testid="stFileUploaderDropzoneInstructions"] * {{display: none !important;}}
[data-testid="stFileUploaderDropzoneInstructions"]::after {{
  content: "Tarik berkas ke sini · maks. {fmt.number(limit, 0)} MB per berkas · CSV, XLSX, DAT, TXT";
  font-size: .875rem; color: rgba(49, 51, 63, .6);}}
[data-testid="stFileChip"][aria-invalid="true"] [role="alert"] {{display: none !important;}}
[data-testid="stFileChip"][aria-invalid="true"]::after {{
  content: "ditolak: lebih dari {fmt.integer(manage.BROWSER_CEILING_MB)} MB"; color: #b42318; font-size: .8rem;}}
</style>""")
with st.form("unggah", clear_on_submit=True):
    files = st.file_uploader(f"Berkas CSV, XLSX/XLS, JSON presensi BKN atau attlog (.dat/.txt), maks. {fmt.number(limit, 0)} MB per berkas",
                             accept_multiple_files=True, max_upload_size=manage.BROWSER_CEILING_MB)
    left, right = st.columns(2)
    source = left.selectbox("Sumber", [None, "opd", "pegawai", "pin_mesin", "absensi_log", "absensi_harian",
                                       "kinerja", "aktivitas", "pelatihan", "berakhlak", "tpp_dasar",
                                       "hukuman_disiplin", "skp_bkn"],
                            format_func=lambda s: "Kenali dari judul kolom" if s is None else s)
    device = right.text_input("ID mesin (attlog, opsional)")
    if st.form_submit_button("Muat ke gudang data", type="primary", icon=":material/upload:") and files:
        with st.spinner("Memuat dan memvalidasi…"):
            st.session_state["kelola_hasil"] = manage.ingest_uploads(files, source, device, username=admin.username)

outcome = st.session_state.get("kelola_hasil") or manage.UploadOutcome([], None, [])
if outcome.pending:
    st.info("Ada berkas dengan tata letak yang belum dikenal: petakan kolomnya di bagian di bawah.",
            icon=":material/table_chart:")
results = outcome.results
for message in outcome.refused:
    st.error(message, icon=":material/block:")
if outcome.error:
    st.error(outcome.error)
if results:
    summary = manage.results_frame(results)
    quarantine = manage.quarantine_frame(results)
    layout.headline(f"{len(results)} berkas: {fmt.integer(summary['rows_loaded'].sum())} baris dimuat, "
                    f"{fmt.integer(summary['rows_quarantined'].sum())} dikarantina, "
                    f"{fmt.integer(summary['rows_duplicate'].sum())} duplikat.")
    layout.table(summary, title="Laporan validasi per berkas", slug="laporan_muat", key="load_report",
                 filtered=False, values=STATUS, labels={"rows_in": "Baris masuk", "rows_loaded": "Dimuat",
                                         "rows_quarantined": "Karantina", "rows_duplicate": "Duplikat",
                                         "rows_replaced": "Menggantikan"})
    layout.table(manage.reasons_frame(quarantine), title="Karantina per alasan", slug="karantina_alasan",
                 key="load_reasons", filtered=False, labels=REASON_LABELS)
    layout.table(quarantine, title="Baris dikarantina", slug="karantina", key="load_quarantine", filtered=False,
                 height=320)

mapping.section(admin.username)

st.subheader("2. Terbitkan ke dasbor")
st.caption("Membangun ulang mart dan pemeriksaan mutu ke berkas baru; dasbor beralih ke build baru hanya bila "
           "semua pemeriksaan lulus.")
if st.button("Terbitkan", type="primary", icon=":material/publish:"):
    with st.spinner("Membangun dan menerbitkan…"):
        st.session_state["kelola_build"] = manage.publish(username=admin.username)
done, failed = st.session_state.get("kelola_build", (None, None))
if done:
    st.success(done)
if failed:
    st.error(failed)

st.subheader("3. Kesegaran data per sumber (build terbit)")
if data.published() is None:
    layout.no_build()
    st.stop()
layout.table(data.run("common__build_sources"), title="Sumber", slug="kesegaran_sumber", key="fresh",
             filtered=False, labels={"rows": "Baris", "last_loaded_at": "Terakhir dimuat",
                                     "min_data_date": "Data dari", "max_data_date": "Data sampai"})
layout.table(data.run("manage_data__batches"), title="Riwayat batch", slug="riwayat_batch", key="batches",
             filtered=False, height=260, values=STATUS, columns=["started_at", "source", "file_name", "status", "rows_in",
                                                  "rows_loaded", "rows_quarantined", "rows_duplicate", "message"],
             labels={"started_at": "Waktu", "rows_in": "Baris masuk", "rows_loaded": "Dimuat",
                     "rows_quarantined": "Karantina", "rows_duplicate": "Duplikat"})
layout.table(data.run("manage_data__findings"), title="Temuan mutu data per batch (dimuat, ditandai; build terbit)",
             slug="temuan_mutu_batch", key="pub_findings", filtered=False,
             columns=["started_at", "source", "file_name", "finding", "rows", "first_row", "example"],
             values={"finding": FINDINGS}, labels={"started_at": "Waktu", "rows": "Baris"})
published_quarantine = data.run("manage_data__quarantine")
layout.table(manage.reasons_frame(published_quarantine), title="Karantina per alasan (build terbit)",
             slug="karantina_alasan_terbit", key="pub_reasons", filtered=False, labels=REASON_LABELS)
layout.table(published_quarantine, title="Semua baris karantina (build terbit)", slug="karantina_terbit",
             key="pub_quarantine", filtered=False, height=260)
