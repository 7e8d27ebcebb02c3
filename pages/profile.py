"""Profil Pegawai: one employee (`?nip=`) in the viewer's scope: attendance calendar, PP 94/2021
ladder, activity against target, SKP history, JP, BerAKHLAK by assessor role, TPP and why it is cut,
and every outlier flag with its evidence (`?temuan=`). Not a slide; no personal data leaves it
except through the audited exports."""

import polars as pl
import streamlit as st

from pages import registry
from pages.ui import auth, charts, context, data, evidence, filters, layout
from pages.ui import format as fmt
from pages.ui.text import OUTLIER_KINDS, PREDIKAT, ROLES

layout.require_build()
layout.page_header("Profil Pegawai", "Satu pegawai dalam lingkup akun ini: kehadiran, disiplin PP 94/2021, "
                   "aktivitas, SKP, JP, BerAKHLAK, TPP, dan temuan tidak wajar beserta buktinya.")
f = filters.current()
viewer = context.viewer()
if viewer.scope.is_kanon:
    st.info("Profil per pegawai tidak tersedia untuk peran analis: NIP dan nama disamarkan dan setiap tabel "
            "k-anonim, sedangkan profil menghimpun data satu orang.", icon=":material/lock:")
    st.stop()

STATUSES = {  # calendar status -> (label, colour); the colours mean the status
    "hadir": ("Hadir", "#7cc47f"),
    "terlambat": ("Terlambat/pulang cepat", "#f2c14e"),
    "tanpa_keterangan": ("Tanpa keterangan (TK)", "#c0392b"),
    "cuti": ("Cuti", "#56b4e9"),
    "dinas": ("Dinas luar/tugas belajar", "#0072b2"),
    "izin": ("Izin/sakit", "#cc79a7"),
    "libur": ("Libur", "#e4e7eb"),
    "luar": ("Di luar masa kerja", "#ffffff"),
}


def rupiah(x) -> str:
    return f"Rp {fmt.integer(x)}" if x is not None else fmt.DASH


def search() -> None:
    """No NIP in the URL: find a person of this scope by name or NIP."""
    asked = st.text_input("Cari pegawai (nama atau NIP)", key="cari_pegawai", width=480,
                          placeholder="mis. Siti atau 19900202…")
    if not asked or len(asked.strip()) < 3:
        st.caption("Ketik sedikitnya 3 huruf atau angka, atau klik nama pegawai di daftar halaman lain "
                   "(peringatan dini Kedisiplinan, daftar tertinggal Kompetensi, temuan tidak wajar, TPP, "
                   "telusur unit kerja, Jelajah).")
        return
    found = data.run("profile__search", text=asked.strip())
    layout.table(found, title=f"Pegawai yang cocok dengan “{auth.plain(asked)}” · klik baris untuk membuka "
                 "profilnya", slug="cari_pegawai", key="search_table", profile=True,
                 columns=["nip", "name", "opd_short", "work_unit", "position_name"])


nip = (st.query_params.get("nip") or "").strip()
if not nip:
    search()
    st.stop()

who = data.run("profile__employee", nip=nip)
if who.is_empty():  # outside the scope or unknown: the same words either way (nothing is revealed)
    if viewer.scope.opd_codes is not None:
        auth.denied_once("url_nip", {"parameter": "nip", "nilai": auth.plain(nip, 30), "halaman": viewer.page})
    st.warning(f"Pegawai dengan NIP {auth.plain(nip, 30)} tidak ada dalam lingkup akun ini. Profil hanya "
               "dapat dibuka untuk pegawai OPD yang menjadi hak akun Anda"
               + ("; percobaan ini dicatat di log audit." if viewer.scope.opd_codes is not None else "."),
               icon=":material/block:")
    search()
    st.stop()
p = who.row(0, named=True)
st.markdown(f"### {p['name']}")
st.markdown(f"NIP {p['nip']} · {p['position_name'] or fmt.DASH} ({p['position_type'] or fmt.DASH}) · "
            f"{p['golongan'] or fmt.DASH} · {p['employment_status'] or fmt.DASH}  \n"
            f"{p['work_unit'] or fmt.DASH}, {p['opd_name'] or p['opd_short'] or fmt.DASH}"
            + ("" if p["is_active"] else " · **tidak aktif**"))

# ---- discipline: where on the PP 94/2021 ladder
d_rows = data.run("profile__discipline", nip=nip)
d = d_rows.row(0, named=True) if not d_rows.is_empty() else {}
year = f.month_to.year
level = d.get("sanction_level")
layout.headline(
    (f"Tahun {year}: {fmt.integer(d.get('equivalent_absent_days'))} hari tidak masuk ekuivalen, "
     + (f"anak tangga “{level}”" if level else "belum mencapai anak tangga sanksi")
     + (f"; {fmt.integer(d['days_to_next_level'])} hari lagi ke “{d['next_sanction_level']}”."
        if d.get("days_to_next_level") is not None else "."))
    if d else f"Tidak ada hari kerja {year} untuk pegawai ini.")
layout.tiles([
    layout.Tile("Anak tangga PP 94/2021", d.get("sanction_category") or "Nihil",  # short: a 1366 px tile
                help=level or "Belum mencapai 3 hari tidak masuk ekuivalen."),
    layout.Tile("Hari TK kumulatif", fmt.integer(d.get("absent_days")), lower_is_better=True,
                help="Hari kerja tanpa keterangan sejak 1 Januari."),
    layout.Tile("Hari tidak masuk ekuivalen", fmt.integer(d.get("equivalent_absent_days")),
                help="TK + (menit terlambat + pulang cepat) / 450, dibulatkan ke bawah."),
    layout.Tile("Hari menuju anak tangga berikutnya", fmt.integer(d.get("days_to_next_level")),
                help=d.get("next_sanction_level") or "Sudah di anak tangga tertinggi."),
    layout.Tile("TK beruntun terpanjang", fmt.integer(d.get("max_consecutive_absent_days")),
                help="10 hari kerja berturut-turut: pemberhentian dengan hormat tidak atas permintaan sendiri."),
])
if d:
    layout.chart(charts.ladder_position(data.run("profile__ladder"), d.get("equivalent_absent_days"),
                                        d.get("sanction_rank") or 0,
                                        title=f"Posisi di tangga sanksi PP 94/2021, {year}"
                                        + (" (karena 10 hari TK beruntun)"
                                           if d.get("sanction_basis") == "berturut-turut" else "")),
                 f"profil_tangga_{year}")

# ---- attendance calendar of a chosen month
months = data.run("profile__months", nip=nip)["month"].to_list()
if months:
    default = f.month_to if f.month_to in months else months[-1]
    month = st.selectbox("Bulan kalender", months, index=months.index(default), format_func=fmt.month,
                         key="bulan", width=240)
    cal = data.run("profile__calendar", nip=nip, month=month)

    def hover(r: dict) -> str:
        day = f"{fmt.weekday(r['iso_dow'])}, {fmt.date(r['date'])}"
        if r["status"] == "libur" and r["holiday_name"]:
            return f"{day}: {r['holiday_name']}"
        parts = [f"{day}: {STATUSES[r['status']][0]}"]
        if r["arrival_time"] is not None:
            parts.append(f"datang {r['arrival_time']:%H.%M}"
                         + (f", pulang {r['departure_time']:%H.%M}" if r["departure_time"] is not None else ""))
        if r["late_minutes"]:
            parts.append(f"terlambat {fmt.integer(r['late_minutes'])} menit")
        if r["early_leave_minutes"]:
            parts.append(f"pulang cepat {fmt.integer(r['early_leave_minutes'])} menit")
        if r["status_code"] and r["status"] not in ("hadir", "terlambat"):
            parts.append(f"kode {r['status_code']}")
        return " · ".join(parts)

    cal = cal.with_columns(status=pl.when(pl.col("calendar_status").is_not_null()).then(pl.col("calendar_status"))
                           .when(~pl.col("is_workday")).then(pl.lit("libur")).otherwise(pl.lit("luar")))
    cal = cal.with_columns(hover=pl.Series([hover(r) for r in cal.iter_rows(named=True)]))
    layout.chart(charts.attendance_calendar(cal.select("date", "iso_dow", "status", "hover"), STATUSES,
                                            title=f"Kehadiran {fmt.month(month, long=True)}"),
                 f"profil_kalender_{month:%Y-%m}")

# ---- activity, SKP, JP, BerAKHLAK
activity = data.run("profile__activity", nip=nip)
if activity.is_empty():
    layout.empty("Tidak ada aktivitas e-Kinerja pada periode ini.")
else:
    layout.chart(charts.activity_vs_target(activity, title="Menit aktivitas disetujui per bulan terhadap target "
                                           f"({fmt.month(f.month_from)}–{fmt.month(f.month_to)}); label = capaian"),
                 "profil_aktivitas")
left, right = st.columns(2)
with left:
    skp = data.run("profile__skp", nip=nip)
    if skp.is_empty():
        layout.empty("Belum ada penilaian SKP.")
    else:
        labels = [fmt.skp_period(y, c) for y, c in zip(skp["year"], skp["period"])]
        last = skp.row(-1, named=True)
        layout.chart(charts.skp_history(skp, labels, PREDIKAT,
                                        title=f"Predikat SKP: {PREDIKAT.get(last['predikat'], last['predikat'] or fmt.DASH)}"
                                              f" ({labels[-1]})"),
                     "profil_skp")
with right:
    jp_rows = data.run("profile__competency", nip=nip)
    if jp_rows.is_empty():
        layout.empty(f"Tidak ada data pengembangan kompetensi {year}.")
    else:
        jp = jp_rows.row(0, named=True)
        state = ("sudah mencapai target tahunan" if jp["has_reached_target"] else
                 "sesuai target prorata" if jp["is_on_track"] else
                 f"kurang {fmt.number(jp['jp_shortfall'])} JP dari target prorata")
        layout.chart(charts.jp_bullet(jp["jp_total"] or 0, jp["prorated_target_jp"] or 0, jp["target_jp"] or 0,
                                      title=f"JP {year}: {fmt.number(jp['jp_total'])} dari "
                                            f"{fmt.number(jp['target_jp'], 0)} JP"),
                     f"profil_jp_{year}")
        st.caption(f"{state[0].upper()}{state[1:]}; {fmt.integer(jp['trainings'])} pelatihan selesai. Target prorata "
                   f"{fmt.month(f.month_to)}: {fmt.number(jp['prorated_target_jp'])} JP, target tahunan "
                   f"{fmt.number(jp['target_jp'], 0)} JP (definisi yang sama dengan halaman Pengembangan Kompetensi).")

roles = data.run("profile__berakhlak", nip=nip)
if roles.is_empty():
    layout.empty("Pegawai ini belum dinilai dalam survei BerAKHLAK.")
else:
    period = roles["period"][0]
    layout.chart(charts.role_dots(roles, ROLES, title=f"BerAKHLAK menurut peran penilai, {fmt.period(period)} "
                                  "(titik kosong = penilaian diri, tidak dihitung dalam indeks)"),
                 f"profil_berakhlak_{period}")
    st.caption("Nilai dari rekan atau bawahan ditampilkan bila penilainya minimal 3 orang, agar jawaban satu "
               "penilai tidak terbaca.")

# ---- TPP this month and why it is cut
st.subheader(f"TPP {fmt.month(f.month_to, long=True)}: mengapa dipotong")
tpp = data.run("profile__tpp", nip=nip)
if tpp.is_empty():
    layout.empty(f"Tidak ada rekomendasi TPP {fmt.month(f.month_to)} untuk pegawai ini (tanpa besaran TPP "
                 "atau aturan TPP wilayah belum diisi).")
else:
    t = tpp.row(0, named=True)
    layout.tiles([  # three tiles: whole rupiah fit a 1366 px screen
        layout.Tile("TPP dasar", rupiah(t["base_amount"]),
                    help=f"Bagian kinerja {rupiah(t['kinerja_max_amount'])} + bagian disiplin "
                         f"{rupiah(t['disiplin_max_amount'])}" + (" (CPNS)" if t["is_cpns"] else "")),
        layout.Tile(f"Potongan ({fmt.percent(t['cut_share'])} dari TPP dasar)", rupiah(t["cut_amount"]),
                    lower_is_better=True, help=t["reason"]),
        layout.Tile("Diterima", rupiah(t["final_amount"])),
    ])
    cuts = data.run("profile__tpp_cuts", nip=nip)
    layout.table(cuts, title="Rincian potongan: aturan, jumlah kejadian, persen dan rupiah",
                 slug=f"profil_tpp_{nip}_{f.month_to:%Y-%m}", key="tpp_cuts",
                 columns=["label", "occurrences", "percent", "basis_amount", "amount", "explanation"],
                 formats={"percent": ("number", 2)},
                 labels={"label": "Aturan", "occurrences": "Kejadian/hari", "percent": "Persen",
                         "basis_amount": "Dasar (Rp)", "amount": "Potongan (Rp)"})

# ---- outlier flags with their evidence
st.subheader("Temuan tidak wajar")
flags = data.run("profile__outliers", nip=nip)
if flags.is_empty():
    st.caption("Tidak ada temuan tidak wajar untuk pegawai ini.")
else:
    picked = layout.table(flags, title="Semua temuan pegawai ini · klik baris untuk melihat buktinya",
                          slug=f"profil_temuan_{nip}", key="flag_table", select=True,
                          columns=["month", "kind", "reason"], values={"kind": OUTLIER_KINDS})
    found = evidence.picked(flags, picked)
    if found:
        wanted = evidence.finding_id(found)
        with st.container(border=True, key="bukti"):
            evidence.show(found)
            kinerja = registry.page("performance")
            st.page_link(kinerja.file, label=f"Buka di {kinerja.title}", icon=kinerja.icon,
                         query_params={"temuan": wanted})
