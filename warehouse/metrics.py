"""Metric registry: the meaning and presentation of every metric column of the marts.

The formulas live only in `warehouse/sql/` (the culture index and its four component
scores in `61_int_culture_grouped.sql`); this module says what each column is called in
Bahasa Indonesia, its unit, which direction is better, and in which marts it appears.
Pages take labels, formats and delta colours from here, never from their own strings.

`MART_FIELDS` lists, per published mart, the columns that are not metrics (keys,
labels, flags, text). A test keeps `columns(mart) == MART_FIELDS[mart] + metrics of
that mart` for every mart, so a new mart column must be registered here.

Units: `skor` (0–100), `skor_1_5` (BerAKHLAK 1–5), `rasio` (0–1, shown as %), `hari`,
`menit`, `menit_per_hari`, `jp`, `orang`, `poin` (difference of 0–100 scores),
`bobot` (0–1), `kegiatan`, `jumlah`, `peringkat`, `bulan`.
"""

from __future__ import annotations

from dataclasses import dataclass

# THE competency definition, shown by the registry, Metodologi and the Kompetensi page.
COMPETENCY_RULE = ("capaian JP sejak Januari (tahun kalender berjalan) terhadap target 20 JP setahun "
                   "(PP 17/2020) yang diprorata: 20 × bulan berjalan / 12; pelatihan dihitung pada tahun "
                   "tanggal selesainya")
CULTURE = ("mart_opd_monthly", "mart_unit_monthly", "mart_region_monthly")
DISC_M = "mart_discipline_monthly"
DISC_Y = "mart_discipline_yearly"
ACT = "mart_activity_monthly"
COMP_Y = "mart_competency_yearly"
COMP_T = "mart_competency_type_yearly"
COMP_M = "mart_competency_opd_monthly"
BER = ("mart_berakhlak_opd", "mart_berakhlak_region")
BER_ROLE = "mart_berakhlak_role"
ALL_BER = BER + (BER_ROLE,)
FCT = "fct_attendance_daily"


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    unit: str
    description: str
    better: str  # "up" | "down" | "none"
    mart: str | tuple[str, ...]

    @property
    def marts(self) -> tuple[str, ...]:
        return (self.mart,) if isinstance(self.mart, str) else tuple(self.mart)


def _m(name, label, unit, description, better, mart) -> Metric:
    return Metric(name, label, unit, description, better, mart)


METRICS: tuple[Metric, ...] = (
    # ---- culture index and components (OPD, unit, region per month) ---------------
    _m("culture_index", "Indeks Budaya Kerja", "skor",
       "Jumlah tertimbang skor disiplin, kinerja, kompetensi dan perilaku (bobot bawaan 30/30/15/25), "
       "bobot dinormalkan ulang atas komponen yang ada datanya.", "up", CULTURE),
    _m("discipline_score", "Skor Disiplin", "skor",
       "100 × (1 − hari tidak masuk ekuivalen / hari kerja wajib); terlambat + pulang cepat 450 menit = 1 hari.",
       "up", CULTURE + (DISC_M,)),
    _m("performance_score", "Skor Kinerja", "skor",
       "50 % skor SKP + 50 % skor aktivitas (dinormalkan ulang bila salah satu tidak ada datanya).",
       "up", CULTURE),
    _m("competency_score", "Skor Kompetensi", "skor",
       "100 × rata-rata per pegawai dari " + COMPETENCY_RULE + " (maks. 100 % per pegawai).",
       "up", CULTURE + (COMP_M,)),
    _m("behaviour_score", "Skor Perilaku (BerAKHLAK)", "skor",
       "100 × (rata-rata nilai BerAKHLAK oleh atasan, rekan dan bawahan − 1) / 4.", "up", CULTURE),
    _m("skp_score", "Skor SKP", "skor",
       "Rata-rata poin predikat SKP pegawai (Sangat Baik 100, Baik 80, Butuh Perbaikan 50, "
       "Kurang/Misconduct 25, Sangat Kurang 0).", "up", CULTURE),
    _m("activity_score", "Skor Aktivitas", "skor",
       "100 × rata-rata capaian menit aktivitas disetujui terhadap target (maks. 100 % per pegawai).",
       "up", CULTURE),
    _m("culture_index_mom_delta", "Perubahan vs bulan lalu", "poin",
       "Indeks Budaya Kerja dikurangi indeks bulan sebelumnya.", "up", CULTURE),
    _m("culture_index_yoy_delta", "Perubahan vs tahun lalu", "poin",
       "Indeks Budaya Kerja dikurangi indeks bulan yang sama tahun sebelumnya.", "up", CULTURE),
    _m("culture_index_rank", "Peringkat indeks", "peringkat",
       "Peringkat Indeks Budaya Kerja bulan ini (1 = tertinggi) di antara OPD, atau di antara unit kerja "
       "dalam OPD.", "down", CULTURE[:2]),
    _m("weight_discipline", "Bobot disiplin terpakai", "bobot",
       "Bobot disiplin setelah dinormalkan ulang atas komponen yang ada datanya (0 bila tidak ada data).",
       "none", CULTURE),
    _m("weight_performance", "Bobot kinerja terpakai", "bobot",
       "Bobot kinerja setelah dinormalkan ulang (0 bila tidak ada data).", "none", CULTURE),
    _m("weight_competency", "Bobot kompetensi terpakai", "bobot",
       "Bobot kompetensi setelah dinormalkan ulang (0 bila tidak ada data).", "none", CULTURE),
    _m("weight_behaviour", "Bobot perilaku terpakai", "bobot",
       "Bobot perilaku setelah dinormalkan ulang (0 bila tidak ada data).", "none", CULTURE),
    _m("discipline_contribution", "Sumbangan disiplin ke indeks", "skor",
       "Bobot disiplin terpakai × skor disiplin: poin indeks dari komponen ini (jumlah keempatnya = indeks; "
       "kosong bila komponen tanpa data).", "up", "mart_opd_monthly"),
    _m("performance_contribution", "Sumbangan kinerja ke indeks", "skor",
       "Bobot kinerja terpakai × skor kinerja: poin indeks dari komponen ini (jumlah keempatnya = indeks; "
       "kosong bila komponen tanpa data).", "up", "mart_opd_monthly"),
    _m("competency_contribution", "Sumbangan kompetensi ke indeks", "skor",
       "Bobot kompetensi terpakai × skor kompetensi: poin indeks dari komponen ini (jumlah keempatnya = indeks; "
       "kosong bila komponen tanpa data).", "up", "mart_opd_monthly"),
    _m("behaviour_contribution", "Sumbangan perilaku ke indeks", "skor",
       "Bobot perilaku terpakai × skor perilaku: poin indeks dari komponen ini (jumlah keempatnya = indeks; "
       "kosong bila komponen tanpa data).", "up", "mart_opd_monthly"),
    _m("components_present", "Komponen berdata", "jumlah",
       "Banyaknya komponen indeks (dari 4) yang ada datanya bulan ini.", "up", CULTURE),
    # ---- discipline ingredients --------------------------------------------------
    _m("employees", "Jumlah pegawai", "orang",
       "Banyaknya pegawai: yang wajib bekerja pada bulan itu (indeks, kompetensi), yang dinilai SKP "
       "(predikat), yang berada pada tingkat sanksi itu, atau yang mengikuti jenis pelatihan itu.", "none",
       CULTURE + (COMP_M, "mart_skp_opd", "mart_skp_curve", "mart_sanction_opd_yearly", COMP_T)),
    _m("expected_days", "Hari kerja wajib", "hari",
       "Senin–Jumat dikurangi libur nasional dan cuti bersama, sejak TMT (dan hingga data terakhir bila tidak aktif).",
       "none", CULTURE + (DISC_M, DISC_Y, ACT)),
    _m("present_days", "Hari hadir", "hari",
       "Hari kerja dengan absen sidik jari atau rekap H, dan bukan hari izin/cuti.", "up",
       CULTURE + (DISC_M, DISC_Y, ACT)),
    _m("excused_days", "Hari izin/cuti/dinas", "hari",
       "Hari kerja dengan keterangan I, S, CT, CB, CM, CAP, DL, TB (atau L).", "none", CULTURE + (DISC_M, DISC_Y)),
    _m("absent_days", "Hari tanpa keterangan", "hari",
       "Hari kerja TK, atau tanpa absen dan tanpa keterangan.", "down", CULTURE + (DISC_M, DISC_Y)),
    _m("late_minutes", "Menit terlambat", "menit",
       "Menit datang setelah jam masuk (07.30; 08.00 saat Ramadan).", "down", CULTURE + (DISC_M, DISC_Y, FCT)),
    _m("early_leave_minutes", "Menit pulang cepat", "menit",
       "Menit pulang sebelum jam pulang (16.00 Senin–Kamis, 16.30 Jumat; Ramadan 15.00/15.30).", "down",
       CULTURE + (DISC_M, DISC_Y, FCT)),
    _m("equivalent_absent_days", "Hari tidak masuk ekuivalen", "hari",
       "Hari tanpa keterangan + (menit terlambat + pulang cepat) / 450. Bulanan: pecahan; tahunan: hari penuh "
       "(dibulatkan ke bawah) sebagai dasar sanksi PP 94/2021.", "down", CULTURE + (DISC_M, DISC_Y)),
    _m("attendance_rate", "Tingkat kehadiran", "rasio",
       "Hari hadir / (hari kerja wajib − hari izin/cuti).", "up", CULTURE + (DISC_M,)),
    _m("absent_days_per_employee", "Hari tanpa keterangan per pegawai", "hari",
       "Rata-rata hari tanpa keterangan per pegawai.", "down", CULTURE),
    _m("late_minutes_per_employee", "Menit terlambat per pegawai", "menit",
       "Rata-rata menit terlambat per pegawai.", "down", CULTURE),
    _m("punch_count", "Jumlah punch", "jumlah", "Punch mesin sidik jari pada hari itu.", "none", FCT),
    _m("late_days", "Hari terlambat", "hari", "Hari hadir dengan keterlambatan lebih dari 0 menit.", "down", DISC_M),
    _m("missing_checkout_days", "Hari tanpa absen pulang", "hari",
       "Hari hadir dengan absen datang tetapi tanpa absen pulang.", "down", DISC_M),
    _m("days_with_record", "Hari bercatatan absensi", "hari",
       "Hari kerja yang memiliki punch mesin atau baris rekap (dasar penentuan ada/tidaknya data disiplin).",
       "none", DISC_M),
    _m("max_consecutive_absent_days", "Tanpa keterangan berturut-turut terpanjang", "hari",
       "Rangkaian hari kerja tanpa keterangan berturut-turut terpanjang yang menyentuh tahun itu.", "down", DISC_Y),
    _m("days_to_next_level", "Hari menuju sanksi berikutnya", "hari",
       "Hari tidak masuk ekuivalen yang tersisa sebelum mencapai tingkat sanksi berikutnya (peringatan dini).",
       "up", DISC_Y),
    _m("sanction_rank", "Tingkat sanksi", "peringkat",
       "0 = tidak ada, 1 = Teguran lisan … 9 = Pemberhentian dengan hormat tidak atas permintaan sendiri.",
       "down", (DISC_Y, "mart_sanction_opd_yearly")),
    # ---- performance -------------------------------------------------------------
    _m("skp_rated_employees", "Pegawai ber-SKP", "orang",
       "Pegawai yang memiliki predikat SKP untuk periode yang mencakup bulan itu.", "up", CULTURE),
    _m("skp_baik_plus_share", "Porsi predikat Baik ke atas", "rasio",
       "Porsi pegawai ber-SKP dengan predikat Baik atau Sangat Baik.", "up", CULTURE),
    _m("approved_minutes", "Menit aktivitas disetujui", "menit",
       "Jumlah menit aktivitas e-Kinerja berstatus DISETUJUI.", "up", CULTURE + (ACT,)),
    _m("target_minutes", "Target menit aktivitas", "menit",
       "300 menit × (hari kerja wajib − hari izin/cuti).", "none", CULTURE + (ACT,)),
    _m("activity_attainment_rate", "Capaian aktivitas", "rasio",
       "Rata-rata per pegawai dari min(1, menit disetujui / target menit).", "up", CULTURE),
    _m("activities", "Jumlah aktivitas", "kegiatan", "Aktivitas yang dicatat (semua status).", "none", ACT),
    _m("pending_minutes", "Menit menunggu persetujuan", "menit",
       "Menit aktivitas berstatus MENUNGGU.", "down", ACT),
    _m("rejected_minutes", "Menit ditolak", "menit", "Menit aktivitas berstatus DITOLAK.", "down", ACT),
    _m("days_with_approved_activity", "Hari beraktivitas disetujui", "hari",
       "Hari dengan sekurang-kurangnya satu menit aktivitas disetujui.", "up", ACT),
    _m("present_days_without_activity", "Hari hadir tanpa aktivitas", "hari",
       "Hari hadir tanpa aktivitas yang disetujui.", "down", ACT),
    _m("fingerprint_days", "Hari hadir sidik jari", "hari",
       "Hari kerja (bukan izin) dengan sekurang-kurangnya satu punch mesin.", "up", ACT),
    _m("fingerprint_days_without_activity", "Hari sidik jari tanpa aktivitas", "hari",
       "Hari hadir menurut mesin sidik jari tanpa aktivitas yang disetujui.", "down", ACT),
    _m("approved_minutes_per_present_day", "Menit disetujui per hari hadir", "menit_per_hari",
       "Menit aktivitas disetujui dibagi hari hadir.", "up", ACT),
    _m("attainment_rate", "Capaian", "rasio",
       "Aktivitas: menit disetujui / target menit (tidak dibatasi). Kompetensi tahunan: JP / target JP prorata "
       "(tidak dibatasi). Kompetensi bulanan OPD: rata-rata min(1, JP sejak Januari / target prorata).",
       "up", (ACT, COMP_Y, COMP_M)),
    _m("share", "Porsi pegawai", "rasio",
       "Porsi pegawai ber-SKP dengan predikat ini dalam OPD dan periode itu.", "none", "mart_skp_opd"),
    _m("share_sangat_baik", "Porsi Sangat Baik", "rasio", "Porsi pegawai berpredikat Sangat Baik.", "none",
       "mart_skp_curve"),
    _m("share_baik", "Porsi Baik", "rasio", "Porsi pegawai berpredikat Baik.", "none", "mart_skp_curve"),
    _m("share_butuh_perbaikan", "Porsi Butuh Perbaikan", "rasio", "Porsi pegawai berpredikat Butuh Perbaikan.",
       "none", "mart_skp_curve"),
    _m("share_kurang", "Porsi Kurang/Misconduct", "rasio", "Porsi pegawai berpredikat Kurang/Misconduct.",
       "none", "mart_skp_curve"),
    _m("share_sangat_kurang", "Porsi Sangat Kurang", "rasio", "Porsi pegawai berpredikat Sangat Kurang.",
       "none", "mart_skp_curve"),
    # ---- competency ----------------------------------------------------------------
    _m("jp_ytd_per_employee", "JP per pegawai (sejak Januari)", "jp",
       "Rata-rata JP yang selesai dari 1 Januari hingga akhir bulan.", "up", CULTURE + (COMP_M,)),
    _m("jp_prorated_target", "Target JP prorata", "jp",
       "Rata-rata target prorata pegawai: 20 JP × bulan yang sudah dihitung tahun itu / 12 (sejak Januari, "
       "atau sejak bulan pertama data / TMT).", "none", CULTURE),
    _m("jp_attainment_rate", "Capaian JP", "rasio",
       "Rata-rata per pegawai dari min(1, JP sejak Januari / target prorata).",
       "up", CULTURE),
    _m("jp_12m_per_employee", "JP per pegawai (12 bulan terakhir)", "jp",
       "Rata-rata JP yang selesai dalam 12 bulan terakhir (dalam periode data); informasi saja, tidak dipakai skor.", "up", CULTURE + (COMP_M,)),
    _m("jp_on_track_share", "Porsi pegawai sesuai jalur JP", "rasio",
       "Porsi pegawai dengan JP sejak Januari ≥ target prorata.", "up", CULTURE),
    _m("trainings", "Jumlah pelatihan", "kegiatan", "Pelatihan yang selesai pada tahun itu.", "up", (COMP_Y, COMP_T)),
    _m("jp_total", "Total JP", "jp", "Jam pelajaran pelatihan yang selesai pada tahun itu.", "up", (COMP_Y, COMP_T)),
    _m("jp_struktural", "JP Pelatihan Struktural", "jp", "JP jenis Pelatihan Struktural.", "up", COMP_Y),
    _m("jp_fungsional", "JP Pelatihan Fungsional", "jp", "JP jenis Pelatihan Fungsional.", "up", COMP_Y),
    _m("jp_teknis", "JP Pelatihan Teknis", "jp", "JP jenis Pelatihan Teknis.", "up", COMP_Y),
    _m("jp_seminar", "JP Seminar/Lokakarya", "jp", "JP jenis Seminar/Lokakarya.", "up", COMP_Y),
    _m("jp_kursus", "JP Kursus", "jp", "JP jenis Kursus.", "up", COMP_Y),
    _m("jp_elearning", "JP E-Learning", "jp", "JP jenis E-Learning.", "up", COMP_Y),
    _m("jp_coaching", "JP Coaching/Mentoring", "jp", "JP jenis Coaching/Mentoring.", "up", COMP_Y),
    _m("jp_magang", "JP Magang", "jp", "JP jenis Magang.", "up", COMP_Y),
    _m("jp_lainnya", "JP Lainnya", "jp", "JP jenis lain.", "up", COMP_Y),
    _m("target_jp", "Target JP setahun", "jp", "Paling sedikit 20 JP per tahun (PP 11/2017 Pasal 203).", "none",
       COMP_Y),
    _m("months_elapsed", "Bulan dihitung", "bulan",
       "Bulan pegawai pada tahun itu yang tercakup periode data (12 untuk tahun penuh yang lalu).", "none", COMP_Y),
    _m("prorated_target_jp", "Target JP prorata", "jp",
       "20 JP × bulan dihitung / 12 (kompetensi bulanan OPD: rata-rata pegawai).", "none", (COMP_Y, COMP_M)),
    _m("jp_shortfall", "Kekurangan JP", "jp", "max(0, 20 − JP tahun itu).", "down", COMP_Y),
    _m("jp_ytd_total", "Total JP sejak Januari", "jp", "Jumlah JP pegawai OPD sejak 1 Januari.", "up", COMP_M),
    _m("employees_on_track", "Pegawai sesuai jalur JP", "orang",
       "Pegawai dengan JP sejak Januari ≥ target prorata.", "up", COMP_M),
    _m("on_track_share", "Porsi sesuai jalur JP", "rasio", "Pegawai sesuai jalur JP / jumlah pegawai.", "up", COMP_M),
    _m("employees_reached_target", "Pegawai mencapai 20 JP", "orang",
       "Pegawai yang sudah mencapai 20 JP tahun itu.", "up", COMP_M),
    # ---- behaviour -----------------------------------------------------------------
    _m("berakhlak_mean", "Rata-rata BerAKHLAK", "skor_1_5",
       "Rata-rata nilai tujuh nilai BerAKHLAK oleh atasan, rekan dan bawahan, periode yang mencakup bulan itu.",
       "up", CULTURE),
    _m("berakhlak_assessed_employees", "Pegawai dinilai BerAKHLAK", "orang",
       "Pegawai yang dinilai oleh atasan, rekan atau bawahan pada periode yang mencakup bulan itu.", "up", CULTURE),
    _m("score", "Nilai BerAKHLAK", "skor_1_5",
       "Rata-rata per pegawai dari nilai para penilai (1–5).", "up", ALL_BER),
    _m("respondents", "Responden", "orang", "Penilai berbeda yang mengisi penilaian.", "up", ALL_BER),
    _m("employees_assessed", "Pegawai dinilai", "orang", "Pegawai yang dinilai.", "up", ALL_BER),
    _m("self_score", "Nilai diri", "skor_1_5", "Rata-rata penilaian diri (DIRI).", "none", BER),
    _m("self_others_gap", "Selisih diri vs orang lain", "poin",
       "Rata-rata (nilai diri − nilai oleh orang lain); positif = menilai diri lebih tinggi.", "down", BER),
    # ---- outliers ------------------------------------------------------------------
    _m("score", "Skor outlier", "jumlah",
       "Skor khusus jenisnya: skor-z termodifikasi (low_productivity, unit_decline), porsi hari hadir tanpa "
       "aktivitas (present_not_working), hari punch bersamaan (buddy_punching).", "none", "mart_outliers"),
    _m("threshold", "Ambang", "jumlah", "Ambang konfigurasi yang dilampaui skor.", "none", "mart_outliers"),
    _m("metric_value", "Nilai yang diamati", "jumlah",
       "Nilai pegawai/OPD yang dinilai (menit per hari, hari tanpa aktivitas, hari bersamaan, indeks).", "none",
       "mart_outliers"),
    _m("peer_value", "Nilai pembanding", "jumlah",
       "Median rekan, hari hadir, atau tren yang menjadi pembanding.", "none", "mart_outliers"),
)

# Non-metric columns (keys, labels, flags, text) of every published mart.
_CULTURE_FLAGS = ("has_discipline", "has_performance", "has_competency", "has_behaviour", "is_partial",
                  "missing_components")
MART_FIELDS: dict[str, tuple[str, ...]] = {
    "mart_opd_monthly": ("opd_code", "month") + _CULTURE_FLAGS,
    "mart_unit_monthly": ("opd_code", "work_unit", "month") + _CULTURE_FLAGS,
    "mart_region_monthly": ("month",) + _CULTURE_FLAGS,
    "mart_discipline_monthly": ("nip", "opd_code", "month"),
    "mart_discipline_yearly": ("nip", "opd_code", "year", "sanction_level", "sanction_category",
                               "sanction_basis", "has_consecutive_absence", "next_sanction_level"),
    "mart_sanction_opd_yearly": ("opd_code", "year", "sanction_level", "sanction_category"),
    "mart_activity_monthly": ("nip", "opd_code", "month"),
    "mart_skp_opd": ("opd_code", "year", "period", "predikat", "predikat_order"),
    "mart_skp_curve": ("opd_code", "year", "period", "organisational_predikat", "is_conforming", "explanation"),
    "mart_competency_yearly": ("nip", "opd_code", "year", "is_on_track", "has_reached_target"),
    "mart_competency_type_yearly": ("opd_code", "year", "training_type"),
    "mart_competency_opd_monthly": ("opd_code", "month"),
    "mart_berakhlak_opd": ("opd_code", "period", "core_value", "core_value_label", "is_weakest"),
    "mart_berakhlak_role": ("opd_code", "period", "core_value", "core_value_label", "assessor_role"),
    "mart_berakhlak_region": ("period", "core_value", "core_value_label"),
    "mart_outliers": ("nip", "opd_code", "month", "kind", "partner_nips", "reason"),
    "fct_attendance_daily": ("nip", "opd_code", "work_date", "month", "is_ramadan", "start_time", "end_time",
                             "arrival_time", "departure_time", "status_code", "day_status", "is_present",
                             "is_excused", "is_absent", "has_missing_checkout", "time_source"),
}

OUTLIER_KINDS: dict[str, str] = {
    "low_productivity": "Produktivitas rendah",
    "present_not_working": "Hadir tetapi tidak bekerja",
    "buddy_punching": "Dugaan titip absen",
    "unit_decline": "Penurunan unit",
}



def metric(name: str, mart: str | None = None) -> Metric:
    """The registry entry for a column (pass the mart when the name is used with two meanings)."""
    found = [m for m in METRICS if m.name == name and (mart is None or mart in m.marts)]
    if not found:
        raise KeyError(name if mart is None else f"{mart}.{name}")
    return found[0]


def metrics_for(mart: str) -> tuple[Metric, ...]:
    return tuple(m for m in METRICS if mart in m.marts)
