"""TPP: the monthly recommendation per OPD, why each cut, the Rekomendasi TPP export and a rule simulation."""

import dataclasses
import functools

import polars as pl
import streamlit as st

from pages.ui import charts, context, data, export, layout, theme, tpp_recap
from pages.ui import format as fmt
from warehouse import tpp
from warehouse.paths import warehouse_path

GROUPS = {"kinerja": "capaian aktivitas e-Kinerja", "disiplin": "disiplin kehadiran", "cuti": "cuti",
          "hukuman": "hukuman disiplin", "tidak ada": "tidak ada potongan"}


def rupiah(x) -> str:
    return fmt.DASH if x is None else f"Rp {fmt.integer(x)}"


def percent_input(where, label: str, value: float, key: str) -> float | None:
    """A percent typed the Indonesian way (`1,25`); None (with a message) when it is not 0–100."""
    text = where.text_input(label, fmt.number(value, 2), key=key)
    try:
        number = float(text.strip().replace(".", "").replace(",", ".")) if "," in text else float(text.strip())
    except ValueError:
        number = None
    if number is None or not 0 <= number <= 100:
        where.error(f"{label}: tulis angka 0–100, misalnya 1,25.", icon=":material/error:")
        return None
    return number


layout.require_build()
layout.page_header("TPP", "Rekomendasi tambahan penghasilan pegawai per OPD dan bulan menurut aturan [tpp]: bagian "
                   "kinerja dibayar sebesar capaian aktivitas e-Kinerja, bagian disiplin dikurangi potongan "
                   "terlambat, pulang cepat, TK dan hari tanpa aktivitas; cuti dan hukuman disiplin sesuai aturan.")
settings = data.run("tpp__settings")
months = data.run("tpp__months")["month"].to_list()
if settings.is_empty() or not months:
    layout.empty("Belum ada rekomendasi TPP: aturan [tpp] belum diatur di konfigurasi, atau belum ada besaran "
                 "TPP (tpp_dasar) yang dimuat untuk periode ini.")
    st.stop()
rules_row = settings.row(0, named=True)
if rules_row["is_example"]:
    st.warning(f"Dihitung dengan aturan **contoh** (versi {rules_row['version']}), bukan Perkada yang berlaku. "
               "Admin mengganti angkanya di bagian [tpp] konfigurasi.", icon=":material/science:")
month = months[0] if layout.presenting() else st.selectbox(
    "Bulan", months, format_func=lambda m: fmt.month(m, long=True), key="bulan_tpp", width=260)
summary = data.run("tpp__summary", month=month)
now = summary.row(0, named=True) if summary.height else {}
before = summary.row(1, named=True) if summary.height > 1 else {}
opd = data.run("tpp__opd", month=month)
if not now or now.get("employees") is None:
    layout.empty("Tidak ada rekomendasi TPP yang boleh ditampilkan untuk pilihan ini.")
    st.stop()
groups = {g: now.get(f"{g}_cut_amount") or 0 for g in ("kinerja", "disiplin", "leave", "sanction")}
main = max(groups, key=groups.get) if any(groups.values()) else None
main_text = {"kinerja": GROUPS["kinerja"], "disiplin": GROUPS["disiplin"], "leave": GROUPS["cuti"],
             "sanction": GROUPS["hukuman"]}.get(main)
layout.headline(f"Rekomendasi TPP {fmt.month(month, long=True)}: {rupiah(now['final_amount'])} untuk "
                f"{fmt.integer(now['employees'])} pegawai; dipotong {rupiah(now['cut_amount'])} "
                f"({fmt.percent(now['cut_share'])} dari TPP dasar)"
                + (f", terutama karena {main_text}." if main_text else "."))
layout.tiles([
    layout.Tile("Rekomendasi TPP", fmt.rupiah_short(now["final_amount"]),
                delta=fmt.signed(now["final_amount_mom_delta"], 0) if before else None,
                help=f"{rupiah(now['final_amount'])}: TPP dasar − potongan. Perubahan dalam rupiah dari bulan lalu."),
    layout.Tile("Jumlah potongan", fmt.rupiah_short(now["cut_amount"]),
                delta=fmt.signed(now["cut_amount_mom_delta"], 0) if before else None, lower_is_better=True,
                help=f"{rupiah(now['cut_amount'])} dari TPP dasar {rupiah(now['base_amount'])}."),
    layout.Tile("Porsi dipotong", fmt.percent(now["cut_share"]),
                delta=fmt.signed(100 * now["cut_share_mom_delta"], 1, " poin") if before and
                now["cut_share_mom_delta"] is not None else None, lower_is_better=True),
    layout.Tile("Pegawai dipotong", fmt.integer(now["employees_cut"]),
                help=f"dari {fmt.integer(now['employees'])} pegawai penerima TPP"),
])
if now.get("employees_without_base"):
    st.caption(f"{fmt.integer(now['employees_without_base'])} pegawai dengan hari kerja wajib belum punya besaran "
               "TPP di tpp_dasar dan tidak masuk rekomendasi.")

ranked = opd.filter(pl.col("cut_share").is_not_null()).sort("cut_share", descending=True)
if ranked.height:
    top = ranked["opd_code"][0]
    layout.chart(charts.bars(ranked["opd_short"].to_list(), ranked["cut_share"].to_list(), horizontal=True,
                             kind="percent", title=f"Porsi TPP yang dipotong per OPD, {fmt.month(month)}",
                             y_title="porsi dari TPP dasar",
                             colours=[theme.COMPONENTS["discipline"] if c == top else "#b8c2cc"
                                      for c in ranked["opd_code"]]),
                 f"tpp_porsi_potongan_{month:%Y-%m}")
if layout.presenting():
    st.stop()

trend = data.run("tpp__trend")
if trend.height > 1:
    layout.chart(charts.series_lines(trend, {"cut_share": "Porsi dipotong"}, {"cut_share": theme.COMPONENTS["discipline"]},
                                     title="Porsi TPP yang dipotong per bulan (pilihan OPD)", kind="percent"),
                 "tpp_tren_porsi_potongan")
layout.table(opd.with_columns(pl.col("main_cut_group").replace(GROUPS)), title=f"Rekomendasi TPP per OPD, "
             f"{fmt.month(month)}", slug=f"tpp_opd_{month:%Y-%m}", key="tpp_opd",
             columns=["opd_short", "employees", "base_amount", "cut_amount", "final_amount", "cut_share",
                      "main_cut_group", "kinerja_cut_amount", "disiplin_cut_amount", "sanction_cut_amount",
                      "final_amount_mom_delta"],
             formats={"cut_share": ("percent", 1)})

# ---- who is cut most, and why
st.subheader("Mengapa TPP dipotong")
largest = data.run("tpp__largest_cuts", month=month)
if context.viewer().scope.is_kanon:
    st.caption("Rincian per pegawai adalah data pribadi: peran analis hanya melihat jumlah per OPD.")
else:
    picked = layout.table(largest, title="Pegawai dengan potongan terbesar (pilih baris untuk rinciannya)",
                          slug=f"tpp_potongan_terbesar_{month:%Y-%m}", key="tpp_largest", select=True, profile=True,
                          columns=["nip", "name", "opd_short", "position_name", "base_amount", "cut_amount",
                                   "final_amount", "cut_share", "reason"], formats={"cut_share": ("percent", 1)})
    rows = picked.selection.rows if picked is not None else []
    if rows:
        nip = largest["nip"][rows[0]]
        person = data.run("tpp__employee", nip=nip, month=month).row(0, named=True)
        lines = data.run("tpp__employee_cuts", nip=nip, month=month)
        with st.container(border=True):
            st.markdown(f"**{person['name']}** · {person['position_name'] or ''} · NIP {nip}")
            st.markdown(
                f"TPP dasar {rupiah(person['base_amount'])}"
                + (" (CPNS: " + fmt.number(rules_row["cpns_percent"], 0) + " % dari besaran "
                   + rupiah(person["besaran_amount"]) + ")" if person["is_cpns"] else "")
                + f" = bagian kinerja {rupiah(person['kinerja_max_amount'])} + bagian disiplin "
                f"{rupiah(person['disiplin_max_amount'])}. Dipotong {rupiah(person['cut_amount'])}, diterima "
                f"**{rupiah(person['final_amount'])}**:")
            st.markdown("\n".join(f"- {e}" for e in lines["explanation"].to_list()) or "- Tidak ada potongan.")

# ---- Rekomendasi TPP per OPD (XLSX for BPKAD)
st.subheader("Rekomendasi TPP untuk BPKAD")
if context.viewer().scope.is_kanon:
    st.caption("Rekomendasi per pegawai tidak tersedia untuk peran analis (data pribadi).")
elif opd.height:
    names = dict(zip(opd["opd_code"].to_list(), opd["opd_name"].to_list()))
    code = st.selectbox("OPD", list(names), format_func=names.get, key="tpp_rekap_opd", width=420)
    total = data.run("tpp__recap_total", opd=code, month=month).row(0, named=True)
    info = data.build_info()
    meta = layout.export_meta(f"Rekomendasi TPP {total['opd_name']} {fmt.month(month, long=True)}",
                              f"rekomendasi_tpp_{total['opd_short']}_{month:%Y-%m}", filtered=False)
    ctx = tpp_recap.RecapContext(opd_name=total["opd_name"], opd_code=code, month_label=fmt.month(month, long=True),
                                 totals=total, rules_version=rules_row["version"], regulation=rules_row["regulation"],
                                 is_example=rules_row["is_example"])
    viewer = context.viewer()
    spec = export.ExportSpec(fetch=data.fetcher("tpp__recap", opd=code, month=month), meta=meta,
                             username=viewer.username, page=viewer.page, warehouse=warehouse_path(),
                             builder=lambda df, m: tpp_recap.to_xlsx(df, ctx, m), formats=("xlsx",))
    st.session_state.setdefault("_exports", {})["tpp_rekap"] = spec
    st.caption(f"{fmt.integer(total['employees'])} pegawai · TPP diterima {rupiah(total['final_amount'])} · "
               f"aturan versi {rules_row['version']} · data per {fmt.date(info.get('period_end'))} · "
               "unduhan dicatat di log audit")
    blocked = export.audit_blocked()
    if blocked:
        st.warning(blocked, icon=":material/warning:")
    st.download_button("Unduh Rekomendasi TPP (XLSX)", data=functools.partial(export.deliver, spec, "xlsx"),
                       file_name=export.file_name(meta, "xlsx"), mime=export.MIME["xlsx"], key="tpp_rekap_dl",
                       icon=":material/download:", on_click="ignore", disabled=bool(blocked))

# ---- Simulasi aturan
st.subheader("Simulasi aturan")
st.caption("Ubah bobot atau persen potongan, lalu bandingkan dengan aturan yang berlaku. Dihitung dengan model yang "
           "sama atas data terbit bulan ini, tanpa build ulang; tidak mengubah rekomendasi.")
current = tpp.rules_from_tables(settings, data.run("tpp__rules"))
with st.form("tpp_simulasi"):
    w_k = st.slider("Bobot kinerja (%)", 0, 100, int(current.w_kinerja), key="sim_bobot",
                    help="Bobot disiplin = 100 − bobot kinerja.")
    cols = st.columns(4)
    band_values = {band.code: percent_input(cols[i % 4], f"{band.code}: {tpp.band_label(band)} (%)", band.percent,
                                            f"sim_{band.code}") for i, band in enumerate(current.bands)}
    left, right = st.columns(2)
    tk_value = percent_input(left, "TK per hari (%)", current.absent_day_percent, "sim_tk")
    akt_value = percent_input(right, "Hadir tanpa aktivitas per hari (%)", current.no_activity_day_percent, "sim_akt")
    run = st.form_submit_button("Hitung simulasi", icon=":material/calculate:")
valid = None not in (*band_values.values(), tk_value, akt_value)
if valid and (run or st.session_state.get("_tpp_sim")):
    simulated = dataclasses.replace(
        current, w_kinerja=float(w_k), w_disiplin=float(100 - w_k), absent_day_percent=tk_value,
        no_activity_day_percent=akt_value,
        bands=tuple(dataclasses.replace(b, percent=band_values[b.code]) for b in current.bands))
    st.session_state["_tpp_sim"] = True
    result = data.simulate_tpp(simulated, month)
    region = result.filter(pl.col("opd_code").is_null())
    per_opd = result.filter(pl.col("opd_code").is_not_null())
    if region.height:
        r = region.row(0, named=True)
        layout.headline(f"Dengan aturan simulasi, rekomendasi {fmt.month(month)} menjadi "
                        f"{rupiah(r['simulated_final_amount'])} (sekarang {rupiah(r['final_amount'])}, selisih "
                        f"{fmt.signed(r['difference'], 0)} rupiah); {fmt.integer(r['gainers'])} pegawai naik, "
                        f"{fmt.integer(r['losers'])} turun.")
    layout.table(per_opd, title="Simulasi per OPD: sekarang dan simulasi", slug=f"tpp_simulasi_{month:%Y-%m}",
                 key="tpp_sim_table", filtered=False,
                 columns=["opd_short", "employees", "final_amount", "simulated_final_amount", "difference",
                          "cut_amount", "simulated_cut_amount", "gainers", "losers"],
                 labels={"final_amount": "Rekomendasi sekarang", "simulated_final_amount": "Rekomendasi simulasi",
                         "difference": "Selisih (Rp)", "cut_amount": "Potongan sekarang",
                         "simulated_cut_amount": "Potongan simulasi", "gainers": "Pegawai naik",
                         "losers": "Pegawai turun"},
                 formats={c: ("integer", 0) for c in ("final_amount", "simulated_final_amount", "difference",
                                                       "cut_amount", "simulated_cut_amount")})
