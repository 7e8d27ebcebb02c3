"""The fictional region: OPD catalogue, staff mix, jabatan, golongan, story OPDs, status codes,
SKP ratings and the source file headers."""

from __future__ import annotations

from warehouse import rules as _rules

KABUPATEN = "Sukamaju"
PEMKAB = f"Pemerintah Kabupaten {KABUPATEN}"

# Attendance status codes used inside the simulation (index into STATUS_CODES).
H, I_, S_, CT, CB, CM, CAP, DL, TB, TK = range(10)
STATUS_CODES = ["H", "I", "S", "CT", "CB", "CM", "CAP", "DL", "TB", "TK"]
NONE = -1

KECAMATAN = ["Sukamaju", "Cibeureum", "Karangsari", "Sindangjaya", "Margamulya",
             "Tanjungsari", "Pasirwangi", "Cikalong", "Sukaresmi", "Banjarsari"]
ARAH = ["Kaler", "Kidul", "Wetan", "Kulon"]

# (KODE_OPD, NAMA_OPD, SINGKATAN, RUMPUN, kind, weight at 6000 employees, office units)
OPDS: list[tuple[str, str, str, str, str, int, list[str]]] = [
    ("4.01.01", "Sekretariat Daerah", "SETDA", "Sekretariat", "setda", 280,
     ["Bagian Tata Pemerintahan", "Bagian Hukum", "Bagian Organisasi", "Bagian Umum",
      "Bagian Perekonomian dan Sumber Daya Alam", "Bagian Kesejahteraan Rakyat",
      "Bagian Pengadaan Barang dan Jasa", "Bagian Protokol dan Komunikasi Pimpinan",
      "Bagian Perencanaan dan Keuangan"]),
    ("4.02.01", "Sekretariat DPRD", "SETWAN", "Sekretariat", "setwan", 124,
     ["Bagian Umum dan Keuangan", "Bagian Persidangan dan Perundang-undangan",
      "Bagian Fasilitasi Penganggaran dan Pengawasan"]),
    ("6.01.01", "Inspektorat Daerah", "INSPEKTORAT", "Inspektorat", "inspektorat", 110,
     ["Sekretariat", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II",
      "Inspektur Pembantu Wilayah III", "Inspektur Pembantu Wilayah IV"]),
    ("5.01.01", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "BAPPEDA", "Badan",
     "badan", 102, ["Sekretariat", "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
                    "Bidang Perekonomian dan Sumber Daya Alam", "Bidang Infrastruktur dan Kewilayahan",
                    "Bidang Penelitian dan Pengembangan"]),
    ("5.03.01", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "Badan", "badan", 88,
     ["Sekretariat", "Bidang Pengadaan, Pemberhentian dan Informasi", "Bidang Mutasi dan Promosi",
      "Bidang Pengembangan Kompetensi Aparatur", "Bidang Penilaian Kinerja dan Penghargaan"]),
    ("5.02.01", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "Badan", "badan", 161,
     ["Sekretariat", "Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi",
      "Bidang Pengelolaan Barang Milik Daerah"]),
    ("5.02.02", "Badan Pendapatan Daerah", "BAPENDA", "Badan", "badan", 131,
     ["Sekretariat", "Bidang Pendataan dan Penetapan", "Bidang Penagihan dan Keberatan",
      "Bidang Pajak Bumi dan Bangunan", "UPTD Pendapatan Wilayah I", "UPTD Pendapatan Wilayah II"]),
    ("1.05.02", "Badan Penanggulangan Bencana Daerah", "BPBD", "Badan", "badan", 80,
     ["Sekretariat", "Bidang Pencegahan dan Kesiapsiagaan", "Bidang Kedaruratan dan Logistik",
      "Bidang Rehabilitasi dan Rekonstruksi", "Pusdalops PB"]),
    ("8.01.01", "Badan Kesatuan Bangsa dan Politik", "KESBANGPOL", "Badan", "badan", 44,
     ["Sekretariat", "Bidang Ideologi dan Wawasan Kebangsaan", "Bidang Politik Dalam Negeri",
      "Bidang Kewaspadaan Nasional"]),
    ("1.01.01", "Dinas Pendidikan dan Kebudayaan", "DISDIKBUD", "Dinas", "pendidikan", 600,
     ["Sekretariat", "Bidang Pembinaan Sekolah Dasar", "Bidang Pembinaan Sekolah Menengah Pertama",
      "Bidang PAUD dan Pendidikan Nonformal", "Bidang Kebudayaan"]),
    ("1.02.01", "Dinas Kesehatan", "DINKES", "Dinas", "kesehatan", 540,
     ["Sekretariat", "Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit",
      "Bidang Pelayanan dan Sumber Daya Kesehatan"]),
    ("1.02.02", "Rumah Sakit Umum Daerah", "RSUD", "RSUD", "rsud", 450,
     ["Bagian Tata Usaha", "Bidang Pelayanan Medik", "Bidang Keperawatan", "Bidang Penunjang"]),
    ("1.03.01", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "Dinas", "dinas", 307,
     ["Sekretariat", "Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Cipta Karya",
      "Bidang Penataan Ruang", "UPTD Peralatan dan Perbekalan"]),
    ("1.04.01", "Dinas Perumahan dan Kawasan Permukiman", "DISPERKIM", "Dinas", "dinas", 95,
     ["Sekretariat", "Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Pertanahan"]),
    ("1.05.01", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "SATPOLPP", "Satpol PP", "satpol", 240,
     ["Sekretariat", "Bidang Penegakan Perundang-undangan Daerah", "Bidang Ketertiban Umum",
      "Bidang Pemadam Kebakaran", "Pos Damkar Wilayah Timur"]),
    ("1.06.01", "Dinas Sosial", "DINSOS", "Dinas", "dinas", 117,
     ["Sekretariat", "Bidang Perlindungan dan Jaminan Sosial", "Bidang Rehabilitasi Sosial",
      "Bidang Pemberdayaan Sosial"]),
    ("2.07.01", "Dinas Tenaga Kerja", "DISNAKER", "Dinas", "dinas", 66,
     ["Sekretariat", "Bidang Pelatihan dan Penempatan Tenaga Kerja", "Bidang Hubungan Industrial"]),
    ("2.08.01", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
     "DP3AP2KB", "Dinas", "dinas", 139,
     ["Sekretariat", "Bidang Pemberdayaan Perempuan dan Perlindungan Anak",
      "Bidang Pengendalian Penduduk dan Keluarga Berencana", "UPTD PPA"]),
    ("2.09.01", "Dinas Ketahanan Pangan", "DKP", "Dinas", "dinas", 58,
     ["Sekretariat", "Bidang Ketersediaan dan Distribusi Pangan", "Bidang Konsumsi dan Keamanan Pangan"]),
    ("2.11.01", "Dinas Lingkungan Hidup", "DLH", "Dinas", "dinas", 219,
     ["Sekretariat", "Bidang Tata Lingkungan", "Bidang Pengelolaan Sampah", "Bidang Pengendalian Pencemaran",
      "UPTD Tempat Pemrosesan Akhir"]),
    ("2.12.01", "Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL", "Dinas", "dinas", 102,
     ["Sekretariat", "Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil",
      "Bidang Pengelolaan Informasi Administrasi Kependudukan"]),
    ("2.13.01", "Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", "Dinas", "dinas", 73,
     ["Sekretariat", "Bidang Pemerintahan Desa", "Bidang Pemberdayaan Masyarakat Desa"]),
    ("2.15.01", "Dinas Perhubungan", "DISHUB", "Dinas", "dinas", 175,
     ["Sekretariat", "Bidang Lalu Lintas", "Bidang Angkutan", "Bidang Sarana dan Prasarana",
      "UPTD Pengujian Kendaraan Bermotor", "UPTD Terminal"]),
    ("2.16.01", "Dinas Komunikasi dan Informatika", "DISKOMINFO", "Dinas", "dinas", 80,
     ["Sekretariat", "Bidang Informasi dan Komunikasi Publik", "Bidang Aplikasi Informatika",
      "Bidang Persandian dan Statistik"]),
    ("2.17.01", "Dinas Koperasi, Usaha Kecil, Menengah dan Perdagangan", "DISKOPDAG", "Dinas", "dinas", 102,
     ["Sekretariat", "Bidang Koperasi dan Usaha Mikro", "Bidang Perdagangan", "UPTD Pasar"]),
    ("2.18.01", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "Dinas", "dinas", 73,
     ["Sekretariat", "Bidang Penanaman Modal", "Bidang Pelayanan Perizinan", "Bidang Pengaduan dan Pengawasan"]),
    ("2.19.01", "Dinas Kepemudaan, Olahraga dan Pariwisata", "DISPORAPAR", "Dinas", "dinas", 80,
     ["Sekretariat", "Bidang Kepemudaan dan Olahraga", "Bidang Destinasi Pariwisata",
      "Bidang Pemasaran Pariwisata dan Ekonomi Kreatif"]),
    ("2.23.01", "Dinas Perpustakaan dan Kearsipan", "DISPUSIP", "Dinas", "dinas", 51,
     ["Sekretariat", "Bidang Perpustakaan", "Bidang Kearsipan"]),
    ("3.27.01", "Dinas Pertanian", "DISTAN", "Dinas", "dinas", 263,
     ["Sekretariat", "Bidang Tanaman Pangan dan Hortikultura", "Bidang Peternakan dan Kesehatan Hewan",
      "Bidang Penyuluhan", "UPTD Balai Penyuluhan Pertanian Wilayah I", "UPTD Balai Penyuluhan Pertanian Wilayah II"]),
    ("3.25.01", "Dinas Perikanan", "DISKAN", "Dinas", "dinas", 66,
     ["Sekretariat", "Bidang Perikanan Budidaya", "Bidang Perikanan Tangkap", "UPTD Balai Benih Ikan"]),
]
# Kecamatan: code 7.01.NN, weight varies by kecamatan.
_KEC_WEIGHTS = [150, 120, 110, 100, 95, 90, 85, 80, 70, 20]
for _i, (_k, _w) in enumerate(zip(KECAMATAN, _KEC_WEIGHTS, strict=True)):
    OPDS.append((f"7.01.{_i + 1:02d}", f"Kecamatan {_k}", f"KEC-{_k.upper()}", "Kecamatan", "kecamatan", _w,
                 ["Sekretariat Kecamatan", "Seksi Pemerintahan", "Seksi Ketentraman dan Ketertiban Umum",
                  "Seksi Pelayanan Umum", "Seksi Kesejahteraan Sosial"]))

# Story: OPD codes.
TRAINING_OPDS = ["5.01.01", "1.02.01", "2.18.01"]     # BAPPEDA, DINKES, DPMPTSP
ROMPI_OPD = "1.03.01"                                 # DPUPR
DECLINE_OPDS = [("2.15.01", 4), ("7.01.03", 6)]       # (code, divisor: decline = last round(bulan/divisor) months)
APP_OPDS = ["7.01.02", "7.01.05", "7.01.08", "7.01.10", "2.23.01", "2.09.01"]  # e-absensi app, no fingerprint
SATURDAY_OPDS = ["1.05.02", "1.05.01"]                # BPBD, Satpol PP

# Share of (Struktural, Fungsional, Pelaksana) and of PPPK per OPD kind.
STAFF_MIX = {
    "pendidikan": (0.012, 0.93, 0.058, 0.40), "kesehatan": (0.02, 0.86, 0.12, 0.36),
    "rsud": (0.025, 0.82, 0.155, 0.34), "kecamatan": (0.11, 0.06, 0.83, 0.12),
    "setda": (0.14, 0.30, 0.56, 0.09), "setwan": (0.11, 0.20, 0.69, 0.12),
    "inspektorat": (0.09, 0.65, 0.26, 0.06), "satpol": (0.06, 0.55, 0.39, 0.18),
    "badan": (0.10, 0.52, 0.38, 0.12), "dinas": (0.09, 0.52, 0.39, 0.15),
}

PNS_GOLONGAN = [f"{r}/{s}" for r, ss in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
                for s in ss]  # 17 steps, index 0 = I/a
GOL_START = {"SD": 0, "SMP": 2, "SMA": 4, "D1": 4, "D2": 5, "D3": 6, "D4": 8, "S1": 8, "S2": 9, "S3": 10}
GOL_CAP = {"SD": 7, "SMP": 9, "SMA": 11, "D1": 11, "D2": 11, "D3": 12, "D4": 14, "S1": 14, "S2": 15, "S3": 16}
PPPK_GOL = {"SD": "I", "SMP": "IV", "SMA": "V", "D1": "V", "D2": "VI", "D3": "VII", "D4": "IX", "S1": "IX",
            "S2": "X", "S3": "XI"}

FUNGSIONAL = {
    "pendidikan": ["Guru"],
    "kesehatan": ["Perawat", "Perawat", "Bidan", "Bidan", "Dokter", "Dokter Gigi", "Apoteker",
                  "Pranata Laboratorium Kesehatan", "Nutrisionis", "Sanitarian", "Penyuluh Kesehatan Masyarakat",
                  "Epidemiolog Kesehatan", "Perekam Medis"],
    "rsud": ["Perawat", "Perawat", "Perawat", "Bidan", "Dokter", "Dokter Spesialis", "Apoteker", "Radiografer",
             "Pranata Laboratorium Kesehatan", "Fisioterapis", "Perekam Medis", "Nutrisionis"],
    "inspektorat": ["Auditor", "Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah"],
    "satpol": ["Polisi Pamong Praja", "Polisi Pamong Praja", "Analis Kebakaran"],
    "setda": ["Analis Kebijakan", "Perencana", "Pengelola Pengadaan Barang/Jasa", "Analis Hukum", "Pranata Humas"],
    "setwan": ["Analis Kebijakan", "Arsiparis", "Pranata Humas"],
    "kecamatan": ["Analis Kebijakan", "Penyuluh Keluarga Berencana"],
    "badan": ["Analis Kebijakan", "Perencana", "Analis Sumber Daya Manusia Aparatur",
              "Analis Keuangan Pusat dan Daerah",
              "Pranata Komputer", "Arsiparis", "Penata Kelola Penanggulangan Bencana"],
    "dinas": ["Analis Kebijakan", "Perencana", "Pranata Komputer", "Arsiparis", "Penyuluh Pertanian",
              "Teknik Jalan dan Jembatan", "Pengendali Dampak Lingkungan", "Penguji Kendaraan Bermotor",
              "Pekerja Sosial", "Pustakawan", "Administrator Database Kependudukan", "Pengawas Perikanan",
              "Penyuluh Perikanan", "Mediator Hubungan Industrial", "Pengawas Koperasi"],
}
# Jabatan fungsional typical of one OPD (falls back to FUNGSIONAL[kind]).
FUNGSIONAL_OPD = {
    "BAPPEDA": ["Perencana", "Perencana", "Peneliti", "Analis Kebijakan"],
    "BKPSDM": ["Analis Sumber Daya Manusia Aparatur", "Asesor Sumber Daya Manusia Aparatur", "Widyaiswara"],
    "BPKAD": ["Analis Keuangan Pusat dan Daerah", "Analis Pengelolaan Keuangan APBN", "Penilai Pemerintah"],
    "BAPENDA": ["Analis Keuangan Pusat dan Daerah", "Pranata Komputer"],
    "BPBD": ["Penata Kelola Penanggulangan Bencana", "Analis Bencana"],
    "KESBANGPOL": ["Analis Kebijakan"],
    "DPUPR": ["Teknik Jalan dan Jembatan", "Teknik Pengairan", "Penata Ruang", "Teknik Tata Bangunan dan Perumahan"],
    "DISPERKIM": ["Teknik Tata Bangunan dan Perumahan", "Penata Ruang"],
    "DINSOS": ["Pekerja Sosial", "Penyuluh Sosial"],
    "DISNAKER": ["Mediator Hubungan Industrial", "Pengantar Kerja", "Instruktur"],
    "DP3AP2KB": ["Penyuluh Keluarga Berencana", "Penyuluh Keluarga Berencana", "Pekerja Sosial"],
    "DKP": ["Analis Ketahanan Pangan", "Pengawas Mutu Hasil Pertanian"],
    "DLH": ["Pengendali Dampak Lingkungan", "Pengawas Lingkungan Hidup"],
    "DISDUKCAPIL": ["Administrator Database Kependudukan", "Pranata Komputer"],
    "DPMD": ["Penggerak Swadaya Masyarakat", "Analis Kebijakan"],
    "DISHUB": ["Penguji Kendaraan Bermotor", "Penguji Kendaraan Bermotor", "Analis Transportasi"],
    "DISKOMINFO": ["Pranata Komputer", "Pranata Humas", "Statistisi", "Sandiman"],
    "DISKOPDAG": ["Pengawas Koperasi", "Penera", "Pengawas Perdagangan"],
    "DPMPTSP": ["Analis Kebijakan", "Penata Perizinan"],
    "DISPORAPAR": ["Adyatama Kepariwisataan dan Ekonomi Kreatif", "Analis Kebijakan"],
    "DISPUSIP": ["Pustakawan", "Arsiparis"],
    "DISTAN": ["Penyuluh Pertanian", "Penyuluh Pertanian", "Pengawas Benih Tanaman", "Medik Veteriner",
               "Paramedik Veteriner"],
    "DISKAN": ["Penyuluh Perikanan", "Pengawas Perikanan"],
}
PELAKSANA = ["Pengadministrasi Perkantoran", "Pengadministrasi Perkantoran", "Penata Layanan Operasional",
             "Pengelola Layanan Operasional", "Operator Layanan Operasional", "Pengelola Keuangan",
             "Bendahara", "Pengelola Kepegawaian", "Pengelola Barang Milik Negara", "Pengolah Data dan Informasi",
             "Penata Kelola Sistem dan Teknologi Informasi", "Pengemudi", "Pengelola Umum Operasional"]

BERAKHLAK_VALUES = ["BERORIENTASI_PELAYANAN", "AKUNTABEL", "KOMPETEN", "HARMONIS", "LOYAL", "ADAPTIF", "KOLABORATIF"]

RATING = list(_rules.RATINGS)
# PermenPANRB 6/2022 matrix: [hasil][perilaku] with 0 = di atas, 1 = sesuai, 2 = di bawah.
# The regulation's matrix from its one home, as [hasil index][perilaku index] over RATINGS.
PREDIKAT_MATRIX = [[_rules.PREDIKAT_MATRIX[(h, p)] for p in _rules.RATINGS] for h in _rules.RATINGS]
PREDIKAT = list(_rules.PREDIKAT)

HEADERS = {
    "opd": ["KODE_OPD", "NAMA_OPD", "SINGKATAN", "RUMPUN"],
    "pegawai": ["NO", "NIP", "NAMA", "JENIS_KELAMIN", "TANGGAL_LAHIR", "STATUS_KEPEGAWAIAN", "GOLONGAN",
                "JENIS_JABATAN", "NAMA_JABATAN", "ESELON", "PENDIDIKAN", "KODE_OPD", "UNIT_KERJA", "TMT_CPNS",
                "TMT_PPPK", "PIN_ABSEN", "AKTIF"],
    "absensi_harian": ["NIP", "TANGGAL", "JAM_MASUK", "JAM_PULANG", "KETERANGAN"],
    "kinerja": ["NIP", "TAHUN", "PERIODE", "RATING_HASIL_KERJA", "RATING_PERILAKU_KERJA", "PREDIKAT_KINERJA"],
    "aktivitas": ["NIP", "TANGGAL", "URAIAN", "DURASI_MENIT", "VOLUME", "SATUAN", "STATUS", "JAM_MULAI",
                  "JAM_SELESAI"],
    "pelatihan": ["NIP", "NAMA_PELATIHAN", "JENIS", "PENYELENGGARA", "TANGGAL_MULAI", "TANGGAL_SELESAI", "JP",
                  "NOMOR_SERTIFIKAT"],
    "berakhlak": ["PERIODE", "NIP_DINILAI", "PERAN_PENILAI", "ID_PENILAI", *BERAKHLAK_VALUES,
                  *[f"P{i:02d}" for i in range(1, 22)]],
}
