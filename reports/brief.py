"""The monthly brief: one PDF per OPD for its head (names included: only that OPD's people), and one
for the Sekda across OPDs. A memo of 2–4 pages, in the words of the Sekda's office.

    briefs = build_briefs(pub, dt.date(2026, 10, 1), ["DINKES", "DISHUB"], region=True)

An OPD's brief reads everything about people through that OPD's own scope (Scope(opd_codes=(code,))),
so no name or NIP of another OPD can reach it; the region figures it is compared with are region
aggregates (common__culture_series over the whole region, the number of OPDs). Every number is a
cell of a page query (warehouse/queries/); nothing is computed here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import plotly.graph_objects as go
import polars as pl
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import Image, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from pages.ui import charts, theme
from pages.ui import format as fmt
from pages.ui.text import BEHAVIOURS, COMPONENTS, OUTLIER_KINDS
from reports import pdfkit, render
from reports.view import View
from warehouse import metrics
from warehouse.query import ADMIN, Filters, Published, Scope

NEAR_DAYS = 2      # "approaching the next PP 94/2021 step": at most this many equivalent days away
LIST_ROWS = 12     # names listed per section; the rest is counted and left to the dashboard
TREND_MONTHS = 12
CHART_W, CHART_H = 900, 380   # px of the brief's one chart (17 cm wide on A4)
SCALE = 1.5                   # 1350 px across 17 cm: sharp in print, light to embed
REGION_KEY = "WILAYAH"  # the region brief's key in file names, the manifest and the audit log


@dataclasses.dataclass(frozen=True)
class Brief:
    key: str                    # opd_code, or REGION_KEY
    title: str                  # the OPD's name, or "Wilayah"
    month: dt.date
    build_id: str
    pdf: bytes
    nips: tuple[str, ...]       # the people named in it (audit: whose data went where)

    @property
    def file_name(self) -> str:
        return f"laporan_{self.month:%Y-%m}_{self.key}.pdf"


@dataclasses.dataclass
class _Draft:
    key: str
    title: str
    month: dt.date
    build_id: str
    story: list                 # reportlab flowables before the chart
    after: list                 # flowables after the chart
    figure: go.Figure | None
    nips: list[str]


def _shift(month: dt.date, months: int) -> dt.date:
    i = month.year * 12 + month.month - 1 + months
    return dt.date(i // 12, i % 12 + 1, 1)


def _row(df: pl.DataFrame, **where) -> dict | None:
    part = df.filter(**where) if where else df
    return part.row(0, named=True) if not part.is_empty() else None


def _delta(x, unit: str = "") -> str:
    return fmt.signed(x) + unit if x is not None else "belum ada pembanding"


def _memo_rows(rows) -> Table:
    t = Table([[pdfkit.p(a, "cellb"), pdfkit.p(b, "cell")] for a, b in rows], colWidths=[3.2 * cm, 13.8 * cm])
    t.setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), 0.8, pdfkit.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return t


def _head(to: str, month: dt.date, build: dict, daerah: str, sifat: str, sender: str | None = None) -> list:
    sender = sender or ("Sekretaris Daerah " + daerah).strip() + " (disiapkan oleh BKPSDM)"
    rows = [("Kepada Yth.", to), ("Dari", sender),
            ("Tanggal", fmt.date_long(dt.datetime.now(fmt.WIB).date())),
            ("Perihal", f"Laporan Budaya Kerja ASN bulan {fmt.month(month, long=True)}"),
            ("Sifat", sifat),
            ("Sumber data", f"build {build.get('build_id', fmt.DASH)}, data s.d. "
                            f"{fmt.date_long(build.get('period_end'))}")]
    return [pdfkit.p("NOTA DINAS", "h1"), _memo_rows(rows), Spacer(1, 0.3 * cm)]


def _component_table(own: dict, region: dict | None, who: str = "OPD") -> Table:
    """Index and components: this OPD (or the region), its MoM and YoY, and the region beside it."""
    rows = []
    for key, label in (("culture_index", "Indeks Budaya Kerja"),
                       *((f"{c}_score", lbl) for c, lbl in COMPONENTS.items())):
        rows.append([label, fmt.number(own[key]), fmt.signed(own[f"{key}_mom"]), fmt.signed(own[f"{key}_yoy"])]
                    + ([fmt.number(region[key]) if region else fmt.DASH] if who == "OPD" else []))
    header = ["Skor 0–100", who, "vs bulan lalu", "vs tahun lalu"] + (["Wilayah"] if who == "OPD" else [])
    widths = [6 * cm, 2.6 * cm, 2.8 * cm, 2.8 * cm, 2.6 * cm][:len(header)]
    return pdfkit.table(header, rows, widths, numeric=set(range(1, len(header))))


def _more(shown: int, total: int, what: str) -> list:
    if total <= shown:
        return []
    return [pdfkit.p(f"… dan {fmt.integer(total - shown)} {what} lainnya (daftar lengkap di dasbor).", "small")]


def _opd_draft(pub: Published, code: str, month: dt.date, daerah: str) -> _Draft:
    own = View(pub, Scope(opd_codes=(code,)), Filters(month_from=_shift(month, 1 - TREND_MONTHS), month_to=month))
    region = own.region()
    build = own.build_info()
    opd = _row(own.pub.run("common__opd", own.scope), opd_code=code)
    if opd is None:
        raise KeyError(code)
    name, short = opd["opd_name"], opd["opd_short"]
    series = own.run("common__culture_series")
    now = _row(series, month=month)
    reg_series = region.run("common__culture_series")
    reg = _row(reg_series, month=month)
    rank = _row(own.run("overview__opd_ranking"))
    monthly = own.run("culture_index__opd_monthly")
    before = _row(monthly, month=_shift(month, -1))
    n_opd = region.pub.run("common__opd", region.scope).height
    s, nips = pdfkit, []
    story = _head(f"Kepala {name}", month, build, daerah,
                  "Terbatas: memuat nama dan NIP pegawai; hanya untuk Kepala OPD ini.")
    story.append(s.p("1. Posisi OPD", "h2"))
    if now is None or now["culture_index"] is None:
        story.append(s.p(f"Belum ada Indeks Budaya Kerja {short} untuk {fmt.month(month, long=True)}."))
    else:
        rank_text = (f"peringkat {fmt.integer(rank['culture_index_rank'])} dari {fmt.integer(n_opd)} OPD"
                     if rank and rank["culture_index_rank"] is not None else "belum berperingkat")
        story.append(s.p(
            f"Indeks Budaya Kerja {short} bulan {fmt.month(month, long=True)} {fmt.number(now['culture_index'])} "
            f"({rank_text}), {_delta(now['culture_index_mom'])} dari bulan lalu dan "
            f"{_delta(now['culture_index_yoy'])} dari tahun lalu; rata-rata wilayah "
            f"{fmt.number(reg['culture_index']) if reg else fmt.DASH}."))
        story.append(_component_table(now, reg))
        story.append(Spacer(1, 0.3 * cm))
        if now["missing_components"]:
            story.append(s.p(f"Tanpa data bulan ini: {now['missing_components']} (bobotnya dibagi ulang, "
                             "tidak dihitung nol).", "small"))
    after = []
    after.append(s.p("2. Yang berubah sejak bulan lalu", "h2"))
    changes = []
    if now is not None:
        moved = sorted(((now[f"{c}_score_mom"], lbl) for c, lbl in COMPONENTS.items()
                        if now[f"{c}_score_mom"] is not None), key=lambda x: -abs(x[0]))
        changes += [f"{lbl}: {fmt.signed(d)} poin." for d, lbl in moved]
    if rank and before and rank["culture_index_rank"] is not None and before["culture_index_rank"] is not None:
        was, now_rank = before["culture_index_rank"], rank["culture_index_rank"]
        changes.append(f"Peringkat: tetap {fmt.integer(now_rank)}." if was == now_rank
                       else f"Peringkat: {fmt.integer(was)} → {fmt.integer(now_rank)}.")
    after += [s.p(c, "bullet") for c in changes] or [s.p("Belum ada bulan pembanding.")]

    after.append(s.p("3. BerAKHLAK", "h2"))
    periods = own.run("core_values__periods")["period"].to_list()
    summary = own.run("core_values__summary", period=periods[0]) if periods else pl.DataFrame()
    weak = _row(summary, is_weakest=True) if not summary.is_empty() else None
    if weak:
        after.append(s.p(f"Nilai terlemah pada survei {periods[0]}: {weak['core_value_label']} "
                         f"{fmt.number(weak['score'], 2)} dari 5 (wilayah {fmt.number(weak['region_score'], 2)}). "
                         "Perilaku yang perlu dibiasakan:"))
        after += [s.p(b, "bullet") for b in BEHAVIOURS.get(weak["core_value"], ("", ()))[1]]
    else:
        after.append(s.p("Belum ada survei BerAKHLAK dalam 12 bulan terakhir."))

    after.append(s.p("4. Disiplin (PP 94/2021)", "h2"))
    d = own.run("discipline__summary", within_days=NEAR_DAYS).row(0, named=True)
    warn = own.run("discipline__warning_list", within_days=NEAR_DAYS)
    near = warn.filter(pl.col("next_sanction_level").is_not_null() & (pl.col("days_to_next_level") <= NEAR_DAYS))
    after.append(s.p(f"Tahun {d['year']}: {fmt.integer(d['sanctioned'])} pegawai sudah mencapai anak tangga sanksi "
                     f"(ringan {fmt.integer(d['ringan'])}, sedang {fmt.integer(d['sedang'])}, berat "
                     f"{fmt.integer(d['berat'])}); {fmt.integer(d['near_next'])} pegawai tinggal ≤ {NEAR_DAYS} hari "
                     "ekuivalen dari anak tangga berikutnya."
                     + (" Mohon pembinaan sebelum batas terlampaui:" if not near.is_empty() else "")))
    if not near.is_empty():
        shown = near.head(LIST_ROWS)
        nips += shown["nip"].to_list()
        after.append(s.table(["Nama / NIP", "Unit", "Hari ekuivalen", "Sanksi kini", "Berikutnya (sisa hari)"],
                             [[f"{r['name']}\n{r['nip']}", r["work_unit"] or fmt.DASH,
                               fmt.number(r["equivalent_absent_days"]), r["sanction_level"] or "belum ada",
                               f"{r['next_sanction_level']} ({fmt.number(r['days_to_next_level'])})"]
                              for r in shown.iter_rows(named=True)],
                             [4.6 * cm, 3.4 * cm, 2.2 * cm, 3.2 * cm, 3.6 * cm], numeric={2}))
        after += _more(shown.height, near.height, "pegawai")

    after.append(s.p("5. Temuan tidak wajar bulan ini", "h2"))
    found = own.with_filters(month_from=month).run("performance__outliers")
    if found.is_empty():
        after.append(s.p("Tidak ada temuan bulan ini."))
    else:
        shown = found.head(LIST_ROWS)
        nips += [n for n in shown["nip"].to_list() if n]
        after.append(s.table(["Jenis", "Pegawai / unit", "Alasan"],
                             [[OUTLIER_KINDS.get(r["kind"], r["kind"]),
                               f"{r['name']}\n{r['nip']}" if r["nip"] else (r["work_unit"] or short), r["reason"] or ""]
                              for r in shown.iter_rows(named=True)],
                             [3.2 * cm, 4.4 * cm, 9.4 * cm]))
        after += _more(shown.height, found.height, "temuan")

    after.append(s.p("6. Pengembangan kompetensi (20 JP)", "h2"))
    prog = _row(own.run("competency__opd_progress"))
    behind = own.run("competency__behind")
    if prog:
        after.append(s.p(f"{fmt.integer(prog['employees_on_track'])} dari {fmt.integer(prog['employees'])} pegawai "
                         f"({fmt.percent(prog['on_track_share'])}) sesuai target prorata "
                         f"{fmt.number(prog['prorated_target_jp'])} JP; {fmt.integer(behind.height)} pegawai tertinggal:"))
    if not behind.is_empty():
        shown = behind.head(LIST_ROWS)
        nips += shown["nip"].to_list()
        after.append(s.table(["Nama / NIP", "Unit", *(metrics.metric(c).label for c in
                                                       ("jp_total", "prorated_target_jp", "jp_shortfall"))],
                             [[f"{r['name']}\n{r['nip']}", r["work_unit"] or fmt.DASH, fmt.number(r["jp_total"]),
                               fmt.number(r["prorated_target_jp"]), fmt.number(r["jp_shortfall"])]
                              for r in shown.iter_rows(named=True)],
                             [4.6 * cm, 4.2 * cm, 2.2 * cm, 2.8 * cm, 3.2 * cm], numeric={2, 3, 4}))
        after += _more(shown.height, behind.height, "pegawai")

    after.append(s.p("7. Predikat SKP terhadap kurva SE MenPANRB 3/2023", "h2"))
    curve = _row(own.run("performance__skp_curve"))
    if curve:
        after.append(s.table(["Periode", "Predikat organisasi", "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang",
                              "Sangat Kurang"],
                             [[str(curve["period"]), curve["organisational_predikat"] or fmt.DASH,
                               *(fmt.percent(curve[c], 0) for c in ("share_sangat_baik", "share_baik",
                                 "share_butuh_perbaikan", "share_kurang", "share_sangat_kurang"))]],
                             [1.8 * cm, 3.4 * cm, 2.3 * cm, 2 * cm, 2.8 * cm, 2 * cm, 2.7 * cm],
                             numeric={2, 3, 4, 5, 6}))
        after.append(s.p(("Sesuai kurva. " if curve["is_conforming"] else "Tidak sesuai kurva. ")
                         + (curve["explanation"] or "")))
    else:
        after.append(s.p("Belum ada penilaian SKP tahun ini."))
    after.append(Spacer(1, 0.4 * cm))
    after.append(s.p("Demikian disampaikan untuk menjadi perhatian dan tindak lanjut. Rincian dan daftar lengkap "
                     "tersedia di Dasbor Budaya Kerja ASN.", "body"))
    fig = None
    if not monthly.is_empty():
        fig = charts.opd_lines(monthly, "culture_index", title=f"Indeks {short} dan wilayah",
                               y_title="Indeks 0–100", region=reg_series, region_col="culture_index")
    return _Draft(code, name, month, build.get("build_id", ""), story, after, fig, nips)


def _region_draft(pub: Published, scope: Scope, month: dt.date, daerah: str) -> _Draft:
    v = View(pub, scope, Filters(month_from=_shift(month, 1 - TREND_MONTHS), month_to=month))
    build = v.build_info()
    series = v.run("common__culture_series")
    now = _row(series, month=month)
    ranking = v.run("overview__opd_ranking")
    s = pdfkit
    story = _head(("Sekretaris Daerah " + daerah).strip(), month, build, daerah, "Terbatas: untuk pimpinan daerah.",
                  sender="Kepala BKPSDM")
    story.append(s.p("1. Posisi wilayah", "h2"))
    if now:
        story.append(s.p(f"Indeks Budaya Kerja wilayah bulan {fmt.month(month, long=True)} "
                         f"{fmt.number(now['culture_index'])}, {_delta(now['culture_index_mom'])} dari bulan lalu "
                         f"dan {_delta(now['culture_index_yoy'])} dari tahun lalu."))
        story.append(_component_table(now, None, "Wilayah"))
    after = [s.p("2. Peringkat OPD", "h2")]
    after.append(s.table(["#", "OPD", "Indeks", "vs bulan lalu", "vs tahun lalu"],
                         [[fmt.integer(r["culture_index_rank"]), r["opd_name"], fmt.number(r["culture_index"]),
                           fmt.signed(r["culture_index_mom_delta"]), fmt.signed(r["culture_index_yoy_delta"])]
                          for r in ranking.iter_rows(named=True)],
                         [1 * cm, 8.6 * cm, 2.2 * cm, 2.6 * cm, 2.6 * cm], numeric={0, 2, 3, 4}, base=9))
    after.append(s.p("3. Yang berubah sejak bulan lalu", "h2"))
    moved = ranking.drop_nulls("culture_index_mom_delta").sort("culture_index_mom_delta")
    up = moved.filter(pl.col("culture_index_mom_delta") > 0).reverse().head(3)
    down = moved.filter(pl.col("culture_index_mom_delta") < 0).head(3)
    for label, part in (("Naik terbanyak", up), ("Turun terbanyak", down)):
        listed = "; ".join(f"{r['opd_short']} {fmt.signed(r['culture_index_mom_delta'])}" for r in part.iter_rows(named=True))
        after.append(s.p(f"{label}: {listed or 'tidak ada'}."))
    after.append(s.p("4. BerAKHLAK", "h2"))
    periods = v.run("core_values__periods")["period"].to_list()
    summary = v.run("core_values__summary", period=periods[0]) if periods else pl.DataFrame()
    weak = _row(summary, is_weakest=True) if not summary.is_empty() else None
    if weak:
        after.append(s.p(f"Nilai terlemah wilayah pada survei {periods[0]}: {weak['core_value_label']} "
                         f"{fmt.number(weak['score'], 2)} dari 5. Perilaku yang perlu dibiasakan:"))
        after += [s.p(b, "bullet") for b in BEHAVIOURS.get(weak["core_value"], ("", ()))[1]]
    d = v.run("discipline__summary", within_days=NEAR_DAYS).row(0, named=True)
    after.append(s.p("5. Disiplin (PP 94/2021)", "h2"))
    after.append(s.p(f"Tahun {d['year']}: {fmt.integer(d['sanctioned'])} pegawai sudah mencapai anak tangga sanksi "
                     f"(ringan {fmt.integer(d['ringan'])}, sedang {fmt.integer(d['sedang'])}, berat "
                     f"{fmt.integer(d['berat'])}); {fmt.integer(d['consecutive'])} tidak masuk 10 hari kerja "
                     f"berturut-turut; {fmt.integer(d['near_next'])} pegawai tinggal ≤ {NEAR_DAYS} hari dari anak "
                     "tangga berikutnya (nama ada di laporan tiap OPD)."))
    p_ = v.with_filters(month_from=month).run("performance__summary").row(0, named=True)
    after.append(s.p("6. Temuan tidak wajar bulan ini", "h2"))
    after.append(s.p(" · ".join(f"{label} {fmt.integer(p_[k])}" for k, label in OUTLIER_KINDS.items())
                     + f" (jumlah {fmt.integer(p_['outliers'])})."))
    after.append(s.p("7. Pengembangan kompetensi (20 JP)", "h2"))
    trend = _row(v.run("competency__trend"), month=month)
    progress = v.run("competency__opd_progress").drop_nulls("on_track_share").sort("on_track_share")
    if trend:
        after.append(s.p(f"{fmt.integer(trend['employees_on_track'])} dari {fmt.integer(trend['employees'])} pegawai "
                         f"({fmt.percent(trend['on_track_share'])}) sesuai target prorata "
                         f"{fmt.number(trend['prorated_target_jp'])} JP. OPD terendah: "
                         + "; ".join(f"{r['opd_short']} {fmt.percent(r['on_track_share'])}"
                                     for r in progress.head(5).iter_rows(named=True)) + "."))
    after.append(s.p("8. Predikat SKP terhadap kurva SE MenPANRB 3/2023", "h2"))
    curve = v.run("performance__skp_curve")
    off = curve.filter(~pl.col("is_conforming"))
    after.append(s.p(f"{fmt.integer(off.height)} dari {fmt.integer(curve.height)} OPD tidak sesuai kurva"
                     + (": " + "; ".join(off["opd_short"].to_list()) + "." if not off.is_empty() else ".")))
    after.append(Spacer(1, 0.4 * cm))
    after.append(s.p("Demikian disampaikan sebagai bahan rapat koordinasi.", "body"))
    fig = charts.series_lines(
        series, {"culture_index": "Indeks", **{f"{c}_score": label for c, label in COMPONENTS.items()}},
        {"culture_index": theme.REGION, **{f"{c}_score": theme.COMPONENTS[c] for c in COMPONENTS}},
        title="Tren wilayah", y_title="Skor 0–100") if not series.is_empty() else None
    return _Draft(REGION_KEY, "Wilayah", month, build.get("build_id", ""), story, after, fig, [])


def _pdf(draft: _Draft, image: bytes | None, height_px: int) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.6 * cm,
                            bottomMargin=1.6 * cm, title=f"Laporan Budaya Kerja {draft.title} "
                                                         f"{fmt.month(draft.month, long=True)}",
                            author="BKPSDM")
    regular, _ = pdfkit.fonts()

    def footer(c, d):
        c.saveState()
        c.setFont(regular, 7.5)
        c.setFillColor(pdfkit.MUTED)
        c.drawString(2 * cm, 1 * cm, f"Laporan Budaya Kerja {draft.title} · "
                                     f"{fmt.month(draft.month, long=True)} · build {draft.build_id}")
        c.drawRightString(A4[0] - 2 * cm, 1 * cm, f"hal. {d.page}")
        c.restoreState()

    chart = [Image(io.BytesIO(image), width=17 * cm, height=17 * cm * height_px / CHART_W)] if image else []
    doc.build([*draft.story, *[KeepTogether(chart)], *draft.after], onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _finish(d: _Draft, image: render.Image | None) -> Brief:
    return Brief(d.key, d.title, d.month, d.build_id, _pdf(d, image.result() if image else None, CHART_H), tuple(d.nips))


def build_briefs(pub: Published, month: dt.date, opd_codes: list[str] | None = None, *, region: bool = True,
                 region_scope: Scope | None = None, daerah: str = "") -> list[Brief]:
    """The briefs of `month`: one per OPD (all of them, or those named) and, if asked, the region's."""
    codes = opd_codes if opd_codes is not None else pub.run("common__opd", ADMIN)["opd_code"].to_list()
    make = [lambda c=c: _opd_draft(pub, c, month, daerah) for c in codes]
    if region:
        make.append(lambda: _region_draft(pub, region_scope or ADMIN, month, daerah))
    with render.session() as browser:  # charts are drawn while the next brief is drafted
        pending = []
        for draft in (m() for m in make):
            fig = render.projector(draft.figure, base_size=16) if draft.figure is not None else None
            pending.append((draft, browser.submit(fig, width=CHART_W, height=CHART_H, scale=SCALE) if fig else None))
        return [_finish(d, image) for d, image in pending]
