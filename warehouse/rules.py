"""Regulation tables that are not regional settings: one place, used by the loader and the build.

PREDIKAT_MATRIX: PermenPANRB 6/2022, predikat kinerja pegawai from the two SKP ratings
(rows = rating hasil kerja, columns = rating perilaku kerja), as in domain.md §3:

    hasil \\ perilaku      DI BAWAH             SESUAI            DI ATAS
    DI ATAS EKSPEKTASI    KURANG/MISCONDUCT    BAIK              SANGAT BAIK
    SESUAI EKSPEKTASI     KURANG/MISCONDUCT    BAIK              BAIK
    DI BAWAH EKSPEKTASI   SANGAT KURANG        BUTUH PERBAIKAN   BUTUH PERBAIKAN

Strings are the exact uppercase values of the data contract (data-contract.md §1, kinerja).
"""

from __future__ import annotations

DI_ATAS = "DI ATAS EKSPEKTASI"
SESUAI = "SESUAI EKSPEKTASI"
DI_BAWAH = "DI BAWAH EKSPEKTASI"
RATINGS: tuple[str, ...] = (DI_ATAS, SESUAI, DI_BAWAH)

SANGAT_BAIK = "SANGAT BAIK"
BAIK = "BAIK"
BUTUH_PERBAIKAN = "BUTUH PERBAIKAN"
KURANG = "KURANG/MISCONDUCT"
SANGAT_KURANG = "SANGAT KURANG"
# Best first; the order the dashboard shows them in.
PREDIKAT: tuple[str, ...] = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

# {(rating_hasil, rating_perilaku): predikat}
PREDIKAT_MATRIX: dict[tuple[str, str], str] = {
    (DI_ATAS, DI_BAWAH): KURANG,
    (DI_ATAS, SESUAI): BAIK,
    (DI_ATAS, DI_ATAS): SANGAT_BAIK,
    (SESUAI, DI_BAWAH): KURANG,
    (SESUAI, SESUAI): BAIK,
    (SESUAI, DI_ATAS): BAIK,
    (DI_BAWAH, DI_BAWAH): SANGAT_KURANG,
    (DI_BAWAH, SESUAI): BUTUH_PERBAIKAN,
    (DI_BAWAH, DI_ATAS): BUTUH_PERBAIKAN,
}


def predikat_for(rating_hasil: str, rating_perilaku: str) -> str:
    """The matrix predikat for two (already normalised, uppercase) ratings; KeyError if unknown."""
    return PREDIKAT_MATRIX[(rating_hasil, rating_perilaku)]


# BerAKHLAK core values in the contract's column order (data-contract.md §1, berakhlak).
CORE_VALUES: tuple[tuple[str, str], ...] = (
    ("berorientasi_pelayanan", "Berorientasi Pelayanan"),
    ("akuntabel", "Akuntabel"),
    ("kompeten", "Kompeten"),
    ("harmonis", "Harmonis"),
    ("loyal", "Loyal"),
    ("adaptif", "Adaptif"),
    ("kolaboratif", "Kolaboratif"),
)
ASSESSOR_ROLES: tuple[str, ...] = ("ATASAN", "REKAN", "BAWAHAN", "DIRI")

# The 21 panduan perilaku BerAKHLAK (domain.md §4; commonly cited as SE MenPANRB 20/2021), three per
# core value in the values' order: the survey's items P01..P21 (data-contract.md §1, berakhlak).
# (core value, the three behaviours exactly as worded).
BEHAVIOURS: tuple[tuple[str, tuple[str, str, str]], ...] = (
    ("berorientasi_pelayanan", (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti")),
    ("akuntabel", (
        "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan")),
    ("kompeten", (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik")),
    ("harmonis", (
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif")),
    ("loyal", (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
        "setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
        "Menjaga rahasia jabatan dan negara")),
    ("adaptif", (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif")),
    ("kolaboratif", (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama")),
)


def behaviour_items() -> list[tuple[str, str, int, str]]:
    """(item code 'p01'..'p21', core value, place 1..3 within the value, text) in survey order."""
    return [(f"p{3 * i + k + 1:02d}", value, k + 1, text)
            for i, (value, texts) in enumerate(BEHAVIOURS) for k, text in enumerate(texts)]

# Daily recap codes after the loader's normalisation (data-contract.md §1, absensi_harian).
STATUS_CODES: tuple[str, ...] = ("H", "I", "S", "CT", "CB", "CM", "CAP", "DL", "TB", "TK", "L")

# PP 94/2021 Pasal 8: the jenis hukuman disiplin, as `hukuman_disiplin.JENIS_HUKUMAN` is read
# (code, label exactly as the regulation words it). The three "pemotongan tunjangan kinerja 25 %"
# sanctions are one code; their length (6, 9 or 12 months) is the SK's LAMA_BULAN.
SANCTION_TYPES: tuple[tuple[str, str], ...] = (
    ("TEGURAN_LISAN", "Teguran lisan"),
    ("TEGURAN_TERTULIS", "Teguran tertulis"),
    ("PERNYATAAN_TIDAK_PUAS", "Pernyataan tidak puas secara tertulis"),
    ("PEMOTONGAN_TUNJANGAN", "Pemotongan tunjangan kinerja 25%"),
    ("PENURUNAN_JABATAN", "Penurunan jabatan setingkat lebih rendah selama 12 bulan"),
    ("PEMBEBASAN_JABATAN", "Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan"),
    ("PEMBERHENTIAN", "Pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS"),
)
SANCTION_CUT_MONTHS: tuple[int, ...] = (6, 9, 12)  # PP 94/2021 Pasal 8(3): pemotongan 25 % selama 6/9/12 bulan
# Leave codes of the daily recap the TPP rules may pay differently (cuti besar, melahirkan, tugas belajar).
TPP_LEAVE_CODES: tuple[tuple[str, str], ...] = (("CB", "Cuti besar"), ("CM", "Cuti melahirkan"),
                                                ("TB", "Tugas belajar"))
