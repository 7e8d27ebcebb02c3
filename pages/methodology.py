"""Metodologi: formulas, weights, thresholds and their regulations, from the registry and the build's config."""

import polars as pl
import streamlit as st

from pages.ui import data, layout, text
from pages.ui import format as fmt
from warehouse import metrics

layout.page_header("Metodologi", "Semua angka dihitung di gudang data; halaman ini menampilkan rumus dan "
                   "konfigurasi yang dipakai build yang sedang terbit.")
st.markdown(f"""
**Indeks Budaya Kerja (0–100)** per OPD-bulan = Σ bobot × skor komponen, atas komponen yang ada datanya
(bobot dibagi ulang; komponen tanpa data tidak pernah dihitung nol dan disebut di kolom *komponen tanpa data*).

- **Disiplin** = 100 × (1 − hari tidak masuk ekuivalen / hari kerja wajib). Hari kerja: Senin–Jumat di luar libur
  nasional dan cuti bersama (Perpres 21/2023, masuk 07.30; Ramadan 08.00). Hari tidak masuk ekuivalen = hari tanpa
  keterangan + (menit terlambat + pulang cepat) / 450.
- **Kinerja** = skor SKP (poin predikat PermenPANRB 6/2022) dan capaian menit aktivitas e-Kinerja disetujui
  terhadap target.
- **Kurva SE MenPANRB 3/2023**: sebaran predikat pegawai tiap OPD dan periode SKP diperiksa terhadap pola distribusi
  untuk predikat kinerja organisasi OPD itu: yang diatur untuk OPD dan tahunnya, jika tidak ada untuk OPD itu (semua
  tahun), jika tidak ada predikat bawaan wilayah (tabel di bawah). Kinerja menyebut predikat dan asalnya untuk setiap OPD.
- **Predikat tidak sesuai matriks**: predikat SKP dari sumber yang berbeda dari matriks hasil kerja × perilaku kerja
  PermenPANRB 6/2022 dimuat sesuai sumber dan dihitung begitu; Kinerja dan Kelola Data mendaftarnya.
- **Kompetensi** = {metrics.COMPETENCY_RULE}.
- **Perilaku** = nilai BerAKHLAK 1–5 dari atasan, rekan dan bawahan, diubah ke 0–100.
- **Sanksi PP 94/2021**: hari tidak masuk tanpa alasan sah dihitung kumulatif per tahun (terlambat + pulang cepat
  dibulatkan ke bawah per 450 menit); 10 hari kerja berturut-turut dinilai tersendiri.
- **TPP**: rekomendasi per pegawai-bulan menurut aturan [tpp] (rincian dan peraturan yang dikutip di bawah).
- **Temuan tidak wajar**: skor-z termodifikasi (median dan MAD) terhadap rekan satu OPD dan jenis jabatan, hadir
  tanpa aktivitas, absen bersamaan di mesin yang sama, dan penurunan indeks OPD terhadap trennya.
""")

if data.published() is not None:
    info = data.build_info()
    st.caption(f"Konfigurasi build `{info.get('build_id')}`: `{info.get('config_path', '')}`")
    weights = data.run("methodology__weights")
    layout.table(weights, title="Bobot komponen indeks", slug="metodologi_bobot", key="m_weights", filtered=False,
                 formats={"weight": ("number", 0)}, labels={"component": "Komponen", "label": "Nama",
                                                          "weight": "Bobot bawaan (dari 100)"})
    layout.table(data.run("methodology__sanction_ladder"), title="Tangga sanksi PP 94/2021 (hari kumulatif per tahun)",
                 slug="metodologi_sanksi", key="m_ladder", filtered=False,
                 labels={"sanction_rank": "Tingkat", "min_days": "Dari (hari)", "max_days": "Sampai (hari)",
                         "label": "Sanksi", "category": "Kategori"})
    layout.table(data.run("methodology__predikat_points"), title="Poin predikat SKP", slug="metodologi_predikat",
                 key="m_points", filtered=False, columns=["predikat", "points"],
                 labels={"predikat": "Predikat", "points": "Poin"}, formats={"points": ("number", 0)})
    layout.table(data.run("methodology__org_predikat"),
                 title="Predikat kinerja organisasi untuk kurva SE MenPANRB 3/2023", slug="metodologi_predikat_org",
                 key="m_org", filtered=False, columns=["opd", "year", "organisational_predikat", "basis"],
                 labels={"opd": "OPD", "year": "Tahun (kosong = semua)", "basis": "Dasar"},
                 formats={"year": ("text", 0)})
    tpp_settings = data.run("methodology__tpp_settings")
    st.subheader("Aturan TPP")
    if tpp_settings.is_empty():
        st.caption("Aturan TPP ([tpp]) belum diatur di konfigurasi: rekomendasi TPP tidak dihitung.")
    else:
        t = tpp_settings.row(0, named=True)
        if t["is_example"]:
            st.warning(f"Aturan TPP versi {t['version']} adalah **contoh**, bukan Perkada yang berlaku.",
                       icon=":material/science:")
        basis = "bagian disiplin" if t["discipline_basis"] == "bagian_disiplin" else "seluruh TPP"
        st.markdown(f"""
**Dasar:** {t['regulation']}

**Rekomendasi TPP** per pegawai-bulan = TPP dasar − potongan (aturan versi `{t['version']}`):
- TPP dasar = besaran dari tpp_dasar (NIP pegawai, else jabatannya; yang berlaku mulai paling akhir);
  CPNS {fmt.number(t['cpns_percent'], 0)} % selama {t['cpns_months']} bulan sejak TMT CPNS.
- Bagian kinerja {fmt.number(t['w_kinerja'], 0)} % dibayar sebesar capaian aktivitas e-Kinerja disetujui
  (paling banyak 100 %); bagian disiplin {fmt.number(t['w_disiplin'], 0)} %.
- Potongan terlambat, pulang sebelum waktunya, TK dan hari tanpa aktivitas: kejadian × persen dari {basis},
  paling banyak {fmt.number(t['max_discipline_cut_percent'], 0)} %; cuti besar, cuti melahirkan dan tugas belajar
  sebanding dengan harinya; hukuman disiplin per bulan berlakunya SK.
- Seluruh potongan paling banyak {fmt.number(t['max_cut_percent'], 0)} % TPP dasar; setiap jumlah dibulatkan ke
  kelipatan Rp {fmt.integer(t['rounding'])}.
""")
        layout.table(data.run("methodology__tpp_rules"), title="Kode potongan TPP", slug="metodologi_tpp",
                     key="m_tpp", filtered=False,
                     labels={"cut_code": "Kode", "cut_group": "Kelompok", "label": "Potongan",
                             "min_minutes": "Dari (menit)", "max_minutes": "Sampai (menit)",
                             "percent": "Persen"}, formats={"percent": ("number", 2)})
    params = data.run("methodology__params")
    shown = pl.DataFrame(
        [{"parameter": text.PARAMS.get(n, (n.replace("_", " ").capitalize(), "text"))[0],
          "nilai": fmt.setting(v, text.PARAMS.get(n, ("", "text"))[1]), "name": n}
         for n, v in zip(params["name"].to_list(), params["value"].to_list())],
        schema={"parameter": pl.String, "nilai": pl.String, "name": pl.String})
    layout.table(shown, title="Parameter lain", slug="metodologi_parameter", key="m_params", filtered=False,
                 columns=["parameter", "nilai"], labels={"parameter": "Parameter", "nilai": "Nilai"})
else:
    layout.no_build()

registry = pl.DataFrame([{"metric": m.name, "label": m.label, "unit": m.unit, "description": m.description,
                          "better": {"up": "naik", "down": "turun", "none": "–"}[m.better],
                          "marts": ", ".join(m.marts)} for m in metrics.METRICS])
layout.table(registry, title="Daftar metrik (registry warehouse.metrics)", slug="metodologi_metrik", key="m_registry",
             filtered=False, labels={"metric": "Kolom", "label": "Nama", "unit": "Satuan", "description": "Rumus",
                                     "better": "Lebih baik bila", "marts": "Tabel"})
