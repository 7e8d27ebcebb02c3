"""Display text in Bahasa Indonesia: labels of columns, components, kinds, the 21 behaviours."""

import polars as pl

from warehouse import metrics

COMPONENTS = {
    "discipline": "Disiplin", "performance": "Kinerja", "competency": "Kompetensi",
    "behaviour": "Perilaku (BerAKHLAK)",
}
OUTLIER_KINDS = metrics.OUTLIER_KINDS
DAY_STATUS = {"hadir": "Hadir", "izin": "Izin/cuti/DL", "tanpa_keterangan": "Tanpa keterangan"}
PREDIKAT = {
    "SANGAT BAIK": "Sangat Baik", "BAIK": "Baik", "BUTUH PERBAIKAN": "Butuh Perbaikan",
    "KURANG/MISCONDUCT": "Kurang/Misconduct", "SANGAT KURANG": "Sangat Kurang",
}
ROLES = {"ATASAN": "Atasan", "REKAN": "Rekan", "BAWAHAN": "Bawahan", "DIRI": "Diri sendiri"}

# Labels of non-metric columns; metric columns take their label and unit from the
# registry (warehouse.metrics). Exports keep the warehouse names.
COLUMNS = {
    "opd_code": "Kode OPD", "opd_name": "OPD", "opd_short": "OPD", "rumpun": "Rumpun",
    "month": "Bulan", "year": "Tahun", "nip": "NIP", "name": "Nama", "work_unit": "Unit kerja",
    "position_type": "Jenis jabatan", "position_name": "Jabatan", "employment_status": "Status",
    "employees": "Pegawai", "score": "Skor", "missing_components": "Komponen tanpa data",
    "is_partial": "Sebagian", "sanction_level": "Sanksi (PP 94/2021)", "sanction_category": "Kategori",
    "sanction_basis": "Dasar", "next_sanction_level": "Anak tangga berikutnya", "kind": "Jenis",
    "reason": "Alasan", "partner_nips": "NIP pasangan", "explanation": "Penjelasan",
    "is_conforming": "Sesuai kurva", "core_value_label": "Nilai", "training_type": "Jenis pelatihan",
    "work_date": "Tanggal", "arrival_time": "Datang", "departure_time": "Pulang", "day_status": "Status hari",
    "organisational_predikat": "Predikat organisasi", "period": "Periode", "source": "Sumber",
    "file_name": "Berkas", "status": "Status", "row_number": "Baris", "reason_code": "Kode alasan",
    "raw": "Baris asli", "batch_id": "Batch", "message": "Pesan", "golongan": "Golongan",
    "label": "Potongan", "main_cut_group": "Penyebab utama", "kelas_jabatan": "Kelas jabatan",
}
UNIT_FORMATS = {  # registry unit -> (format kind, decimals)
    "skor": ("number", 1), "skor_1_5": ("number", 2), "rasio": ("percent", 1), "hari": ("number", 1),
    "menit": ("integer", 0), "menit_per_hari": ("number", 0), "jp": ("number", 1), "orang": ("integer", 0),
    "poin": ("signed", 1), "bobot": ("percent", 0), "kegiatan": ("integer", 0), "jumlah": ("number", 1),
    "peringkat": ("integer", 0), "rupiah": ("integer", 0), "kali": ("integer", 0), "persen_angka": ("number", 2),
}


def _metric(col: str):
    try:
        return metrics.metric(col)
    except KeyError:
        return None


def label(col: str) -> str:
    m = _metric(col)
    return COLUMNS.get(col) or (m.label if m else col)


def lower_is_better(col: str) -> bool:
    m = _metric(col)
    return bool(m and m.better == "down")


def format_for(col: str, dtype) -> tuple[str, int] | None:
    """Display format of a column: from the registry unit, else from its type."""
    if dtype == pl.Date:
        return ("month", 0) if col == "month" else ("date", 0)
    if isinstance(dtype, pl.Datetime):
        return ("datetime", 0)
    if dtype.is_integer():
        return ("integer", 0)
    m = _metric(col)
    if m and m.unit in UNIT_FORMATS and dtype.is_numeric():
        return UNIT_FORMATS[m.unit]
    if dtype.is_float() or dtype.is_decimal():
        return ("number", 1)
    return None


# BerAKHLAK: seven core values and their 21 panduan perilaku (domain.md §4).
BEHAVIOURS = {
    "berorientasi_pelayanan": ("Berorientasi Pelayanan", (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti")),
    "akuntabel": ("Akuntabel", (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan")),
    "kompeten": ("Kompeten", (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik")),
    "harmonis": ("Harmonis", (
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif")),
    "loyal": ("Loyal", (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
        "setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
        "Menjaga rahasia jabatan dan negara")),
    "adaptif": ("Adaptif", (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif")),
    "kolaboratif": ("Kolaboratif", (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama")),
}
