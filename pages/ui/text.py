"""Display text in Bahasa Indonesia: labels of columns, components, kinds."""

import polars as pl

from warehouse import metrics
from warehouse.rules import BEHAVIOURS as _BEHAVIOURS
from warehouse.rules import CORE_VALUES as _CORE_VALUES

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
PREDIKAT_COLUMNS = ("predikat", "organisational_predikat", "skp_predikat", "predikat_matrix")  # as PREDIKAT says
RATINGS = {"DI ATAS EKSPEKTASI": "Di atas ekspektasi", "SESUAI EKSPEKTASI": "Sesuai ekspektasi",
           "DI BAWAH EKSPEKTASI": "Di bawah ekspektasi"}
ORG_PREDIKAT_ORIGINS = {"opd_tahun": "ditetapkan untuk OPD itu dan tahunnya", "opd": "ditetapkan untuk OPD itu",
                        "bawaan": "bawaan wilayah"}
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
    "calendar_status": "Status kalender",
    "behaviour_code": "Butir", "behaviour_label": "Panduan perilaku",
    "organisational_predikat_source": "Sumber predikat organisasi", "rating_hasil": "Hasil kerja",
    "rating_perilaku": "Perilaku kerja", "predikat_matrix": "Predikat menurut matriks", "finding": "Temuan",
    "first_row": "Baris pertama", "example": "Contoh",
}
UNIT_FORMATS = {  # registry unit -> (format kind, decimals)
    "skor": ("number", 1), "skor_1_5": ("number", 2), "rasio": ("percent", 1), "hari": ("number", 1),
    "menit": ("integer", 0), "menit_per_hari": ("number", 0), "jp": ("number", 1), "orang": ("integer", 0),
    "poin": ("signed", 1), "bobot": ("percent", 0), "kegiatan": ("integer", 0), "jumlah": ("number", 1),
    "peringkat": ("integer", 0), "rupiah": ("integer", 0), "kali": ("integer", 0), "persen_angka": ("number", 2),
    "bulan": ("integer", 0),
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
# value -> (label, its three panduan perilaku): the texts live in warehouse/rules.py (cfg_behaviours).
BEHAVIOURS = {value: (dict(_CORE_VALUES)[value], texts) for value, texts in _BEHAVIOURS}


# Published tables by what they hold (Jelajah shows these, the file name and URL keep the table name).
TABLES = {
    "mart_opd_monthly": "Indeks budaya kerja per OPD dan bulan",
    "mart_region_monthly": "Indeks budaya kerja wilayah per bulan",
    "mart_unit_monthly": "Indeks budaya kerja per unit kerja dan bulan",
    "mart_discipline_monthly": "Kedisiplinan per OPD dan bulan",
    "mart_discipline_yearly": "Kedisiplinan dan sanksi PP 94/2021 per pegawai dan tahun",
    "mart_sanction_opd_yearly": "Sanksi PP 94/2021 per OPD dan tahun",
    "mart_activity_monthly": "Aktivitas e-Kinerja per OPD dan bulan",
    "mart_skp_opd": "Predikat SKP per OPD dan periode",
    "mart_skp_employee": "Riwayat predikat SKP per pegawai",
    "mart_skp_curve": "Kesesuaian kurva SE MenPANRB 3/2023 per OPD",
    "mart_outliers": "Temuan tidak wajar",
    "mart_competency_opd_monthly": "Capaian JP per OPD dan bulan",
    "mart_competency_yearly": "Capaian JP per pegawai dan tahun",
    "mart_competency_type_yearly": "JP per jenis pelatihan, OPD dan tahun",
    "mart_berakhlak_behaviour_opd": "21 panduan perilaku BerAKHLAK per OPD dan periode",
    "mart_berakhlak_behaviour_region": "21 panduan perilaku BerAKHLAK wilayah per periode",
    "mart_skp_predikat_mismatch": "Penilaian SKP dengan predikat tidak sesuai matriks",
    "mart_competency_type_monthly": "JP per jenis pelatihan dan OPD, sejak Januari sampai bulan itu",
    "mart_competency_employee_monthly": "Capaian JP per pegawai dan bulan (sejak Januari)",
    "mart_berakhlak_opd": "BerAKHLAK per OPD, nilai dan periode",
    "mart_berakhlak_region": "BerAKHLAK wilayah per nilai dan periode",
    "mart_berakhlak_role": "BerAKHLAK per peran penilai",
    "mart_berakhlak_employee_role": "BerAKHLAK per pegawai dan peran penilai",
    "fct_attendance_daily": "Kehadiran harian per pegawai",
    "dim_opd": "Daftar OPD",
    "dim_pegawai": "Daftar pegawai",
    "dim_month": "Daftar bulan",
    "dim_calendar": "Kalender hari kerja",
    "build_info": "Keterangan build",
    "build_sources": "Sumber data build",
    "ingest_batches": "Riwayat batch muat",
    "quarantine": "Baris karantina",
    "cfg_params": "Parameter konfigurasi",
    "cfg_weights": "Bobot komponen indeks",
    "cfg_sanction_ladder": "Tangga sanksi PP 94/2021",
    "cfg_predikat_points": "Poin predikat SKP",
    "cfg_curve_rules": "Aturan kurva SE 3/2023",
    "cfg_status_codes": "Kode keterangan absensi",
    "cfg_core_values": "Nilai dasar BerAKHLAK",
    "cfg_behaviours": "21 panduan perilaku BerAKHLAK",
    "cfg_org_predikat": "Predikat kinerja organisasi per OPD",
    "cfg_behaviour_roles": "Peran penilai BerAKHLAK",
}


def table_label(name: str) -> str:
    """What a published table holds, in words (its name when it has no label yet)."""
    return TABLES.get(name) or name.replace("_", " ").capitalize()


# Metodologi: the configuration parameters of a build (cfg_params) in words, with the kind of value
# (percent: a 0–1 share; number / integer; bool; date; text; or a {value: words} map).
PARAMS = {
    "period_start": ("Periode data dari", "date"),
    "period_end": ("Periode data sampai", "date"),
    "w_discipline": ("Bobot indeks: disiplin (dari 100)", "number"),
    "w_performance": ("Bobot indeks: kinerja (dari 100)", "number"),
    "w_competency": ("Bobot indeks: kompetensi (dari 100)", "number"),
    "w_behaviour": ("Bobot indeks: perilaku BerAKHLAK (dari 100)", "number"),
    "skp_weight": ("Bobot skor SKP dalam skor kinerja (dari 100)", "number"),
    "activity_weight": ("Bobot capaian aktivitas dalam skor kinerja (dari 100)", "number"),
    "coverage_min": ("Cakupan data minimal agar komponen dihitung", "percent"),
    "minutes_per_day": ("Menit terlambat + pulang cepat yang dihitung 1 hari (PP 94/2021)", "integer"),
    "consecutive_days": ("Hari kerja TK berturut-turut yang dinilai tersendiri", "integer"),
    "consecutive_label": ("Sanksi TK berturut-turut", "text"),
    "consecutive_category": ("Kategori sanksi TK berturut-turut", "text"),
    "min_departure_gap_minutes": ("Jeda minimal absen pulang dari absen datang (menit)", "integer"),
    "missing_checkout": ("Hari dengan absen datang tanpa absen pulang", {
        "abaikan": "diabaikan (tanpa menit pulang cepat)",
        "pulang_saat_datang": "dianggap pulang saat datang"}),
    "organisational_predikat": ("Predikat kinerja organisasi bawaan (kurva SE 3/2023)", "text"),
    "target_jp": ("Target JP per pegawai per tahun", "number"),
    "target_minutes_per_day": ("Target menit aktivitas disetujui per hari hadir", "number"),
    "lp_z": ("Produktivitas rendah: ambang skor-z termodifikasi", "number"),
    "lp_max_median_ratio": ("Produktivitas rendah: paling banyak sekian dari median rekan", "percent"),
    "lp_min_peers": ("Produktivitas rendah: rekan pembanding minimal", "integer"),
    "lp_min_present_days": ("Produktivitas rendah: hari hadir minimal", "integer"),
    "pnw_min_present_days": ("Hadir tanpa aktivitas: hari hadir minimal", "integer"),
    "pnw_min_share_idle": ("Hadir tanpa aktivitas: porsi hari tanpa aktivitas minimal", "percent"),
    "bp_max_seconds": ("Dugaan titip absen: selisih waktu absen paling lama (detik)", "integer"),
    "bp_min_days": ("Dugaan titip absen: hari bersamaan minimal", "integer"),
    "bp_min_share_days": ("Dugaan titip absen: porsi hari bersamaan minimal", "percent"),
    "ud_z": ("Penurunan unit: ambang skor-z", "number"),
    "ud_min_drop": ("Penurunan unit: penurunan minimal (poin indeks)", "number"),
    "ud_trend_months": ("Penurunan unit: panjang tren (bulan)", "integer"),
    "ud_discipline": ("Penurunan unit: memakai skor disiplin", "bool"),
    "ud_performance": ("Penurunan unit: memakai skor kinerja", "bool"),
    "ud_competency": ("Penurunan unit: memakai skor kompetensi", "bool"),
    "ud_behaviour": ("Penurunan unit: memakai skor perilaku", "bool"),
}
