"""The message of each presentation slide (pages/registry.SLIDES), without Streamlit.

One builder per slide page, in registry order: the page's headline sentence (worded as the page
words it in presentation mode), the chart the page shows there, two or three bullets with the
numbers, and speaker notes that define each number (from the metric registry) and name its
regulation. Every number is a cell of the page's own query for the same view.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import plotly.graph_objects as go
import polars as pl

from pages import registry
from pages.ui import charts, theme
from pages.ui import format as fmt
from pages.ui.text import COMPONENTS, OUTLIER_KINDS
from reports.view import View
from warehouse import metrics


@dataclasses.dataclass(frozen=True)
class Slide:
    page: str            # registry name
    title: str           # the page title (as in presentation mode)
    headline: str        # the one sentence
    figure: go.Figure | None
    bullets: tuple[str, ...]
    notes: str


def _define(*columns: str) -> str:
    """'Label: description.' for each metric column (the registry's words)."""
    out = []
    for c in columns:
        m = metrics.metric(c)
        out.append(f"{m.label}: {m.description.rstrip('.')}.")
    return " ".join(out)


PROJECTOR_ROWS = 12  # OPD rows a projector chart can show legibly; the dashboard shows them all


def _ends(df: pl.DataFrame, col: str) -> tuple[pl.DataFrame, str]:
    """The highest and lowest PROJECTOR_ROWS / 2 OPDs by `col` (all of them when few), and a title note."""
    d = df.drop_nulls(col).sort(col, descending=True)
    if d.height <= PROJECTOR_ROWS:
        return d, ""
    half = PROJECTOR_ROWS // 2
    return pl.concat([d.head(half), d.tail(half)]), f": {half} tertinggi, {half} terendah dari {d.height}"


def _where(v: View, basis: str) -> str:
    labels = v.opd_labels()
    f = v.filters
    if basis == "wilayah":
        return "wilayah"
    one = f.opd_codes[0] if f.opd_codes and len(f.opd_codes) == 1 and not f.rumpun else None
    one = one or (next(iter(labels)) if len(labels) == 1 and not f.rumpun else None)
    return labels.get(one, "OPD terpilih")


def overview(v: View) -> Slide | None:
    series = v.run("common__culture_series")
    if series.is_empty():
        return None
    now = series.filter(month=v.filters.month_to)
    now = (now if not now.is_empty() else series.tail(1)).row(0, named=True)
    where = _where(v, now["basis"])
    scores = {c: now[f"{c}_score"] for c in COMPONENTS}
    weakest = min((s, c) for c, s in scores.items() if s is not None) if any(scores.values()) else None
    headline = (f"Indeks Budaya Kerja {where} {fmt.month(now['month'], long=True)}: {fmt.number(now['culture_index'])} "
                f"({fmt.signed(now['culture_index_mom'])} dari bulan lalu)."
                + (f" Komponen terendah: {COMPONENTS[weakest[1]]} ({fmt.number(weakest[0])})." if weakest else ""))
    fig = charts.series_lines(
        series, {"culture_index": "Indeks", **{f"{c}_score": label for c, label in COMPONENTS.items()}},
        {"culture_index": theme.REGION, **{f"{c}_score": theme.COMPONENTS[c] for c in COMPONENTS}},
        title=f"Tren {where}", y_title="Skor 0–100")
    bullets = (
        f"Indeks {fmt.number(now['culture_index'])}: {fmt.signed(now['culture_index_mom'])} dari bulan lalu"
        + (f", {fmt.signed(now['culture_index_yoy'])} dari tahun lalu." if now["culture_index_yoy"] is not None
           else "; belum ada data tahun lalu."),
        " · ".join(f"{COMPONENTS[c]} {fmt.number(s)}" for c, s in scores.items()) + ".",
        f"{fmt.integer(now['employees'])} pegawai dihitung.",
    )
    notes = (_define("culture_index", "discipline_score", "performance_score", "competency_score", "behaviour_score")
             + " Dasar: PP 94/2021 (disiplin), PermenPANRB 6/2022 (SKP), PP 11/2017 jo. PP 17/2020 (20 JP), "
               "SE MenPANRB 20/2021 (BerAKHLAK); bobot di Metodologi.")
    return Slide("overview", "", headline, fig, bullets, notes)


def culture_index(v: View) -> Slide | None:
    df = v.run("culture_index__opd_monthly")
    now = df.filter(month=v.filters.month_to).drop_nulls("culture_index").sort("culture_index", descending=True)
    if now.is_empty():
        return None
    top, low = now.row(0, named=True), now.row(-1, named=True)
    headline = (f"{fmt.month(v.filters.month_to, long=True)}: tertinggi {top['opd_short']} "
                f"({fmt.number(top['culture_index'])}), terendah {low['opd_short']} "
                f"({fmt.number(low['culture_index'])}).")
    shown, note = _ends(now, "culture_index")
    fig = charts.ranking_bars(shown, "culture_index", x_title="Indeks Budaya Kerja", note="missing_components",
                              title=f"Indeks per OPD{note}")
    bullets = (
        f"Tertinggi: {top['opd_short']} {fmt.number(top['culture_index'])} (peringkat "
        f"{fmt.integer(top['culture_index_rank'])}, {fmt.signed(top['culture_index_mom_delta'])} dari bulan lalu).",
        f"Terendah: {low['opd_short']} {fmt.number(low['culture_index'])} (peringkat "
        f"{fmt.integer(low['culture_index_rank'])}, {fmt.signed(low['culture_index_mom_delta'])} dari bulan lalu).",
        f"{fmt.integer(now.height)} OPD dinilai bulan ini.",
    )
    notes = _define("culture_index", "culture_index_rank", "culture_index_mom_delta") + \
        " Komponen tanpa data tidak dihitung nol: bobotnya dibagi ulang (Metodologi)."
    return Slide("culture_index", "", headline, fig, bullets, notes)


def core_values(v: View) -> Slide | None:
    periods = v.run("core_values__periods")["period"].to_list()
    if not periods:
        return None
    period = periods[0]
    summary = v.run("core_values__summary", period=period)
    values = v.run("core_values__opd_values", period=period)
    if summary.is_empty() or summary.filter(is_weakest=True).is_empty():
        return None
    weak = summary.filter(is_weakest=True).row(0, named=True)
    gap = summary.filter(is_largest_gap=True)
    label = fmt.period(period)  # 'Semester II 2026', as on the page
    headline = (f"Nilai terlemah {label}: {weak['core_value_label']} ({fmt.number(weak['score'], 2)} dari 5)."
                + (f" Selisih penilaian diri terbesar: {gap['core_value_label'][0]} "
                   f"({fmt.signed(gap['self_others_gap'][0], 2)})." if not gap.is_empty() else ""))
    order = summary["core_value_label"].to_list()
    lowest = (values.filter(core_value=weak["core_value"]).drop_nulls("score").sort("score")
              .head(PROJECTOR_ROWS)["opd_code"].to_list())
    few = values["opd_code"].n_unique() <= PROJECTOR_ROWS
    fig = charts.category_heatmap(values if few else values.filter(pl.col("opd_code").is_in(lowest)),
                                  "core_value_label", "opd_short", "score", x_order=order, zmin=1, zmax=5,
                                  title=f"Skor per OPD dan nilai, {label} (skala 1–5)" if few else
                                  f"{len(lowest)} OPD dengan skor {weak['core_value_label']} terendah, {label}")
    strong = summary.drop_nulls("score").sort("score", descending=True).row(0, named=True)
    bullets = (
        f"Terlemah: {weak['core_value_label']} {fmt.number(weak['score'], 2)} (wilayah "
        f"{fmt.number(weak['region_score'], 2)}).",
        f"Terkuat: {strong['core_value_label']} {fmt.number(strong['score'], 2)} (wilayah "
        f"{fmt.number(strong['region_score'], 2)}).",
    ) + ((f"Penilaian diri lebih tinggi {fmt.signed(gap['self_others_gap'][0], 2)} poin pada "
          f"{gap['core_value_label'][0]}.",) if not gap.is_empty() else ())
    notes = ("Skor 1–5 dari atasan, rekan dan bawahan; penilaian diri dipisah sebagai selisih. "
             "Dasar: SE MenPANRB 20/2021 tentang core values BerAKHLAK dan employer branding ASN.")
    return Slide("core_values", "", headline, fig, bullets, notes)


def discipline(v: View) -> Slide | None:
    within = 1
    s = v.run("discipline__summary", within_days=within).row(0, named=True)
    headline = (f"{fmt.integer(s['sanctioned'])} pegawai sudah mencapai anak tangga sanksi PP 94/2021 tahun "
                f"{s['year']} ({fmt.integer(s['berat'])} berat); {fmt.integer(s['near_next'])} pegawai tinggal "
                f"≤ {within} hari dari anak tangga berikutnya.")
    ladder = v.run("discipline__ladder_counts")
    fig = charts.bars(ladder["sanction_level"].to_list(), ladder["employees"].to_list(), horizontal=True,
                      title=f"Pegawai per anak tangga sanksi, {s['year']}", y_title="Pegawai",
                      colours=["#f2c14e" if c == "Ringan" else "#e07a1f" if c == "Sedang" else "#c0392b"
                               for c in ladder["sanction_category"]])
    bullets = (
        f"Sanksi ringan {fmt.integer(s['ringan'])}, sedang {fmt.integer(s['sedang'])}, berat "
        f"{fmt.integer(s['berat'])} pegawai.",
        f"{fmt.integer(s['consecutive'])} pegawai tidak masuk 10 hari kerja berturut-turut.",
        f"{fmt.integer(s['near_next'])} pegawai tinggal ≤ {within} hari dari anak tangga berikutnya.",
    )
    notes = ("Hari tidak masuk tanpa alasan sah dihitung kumulatif per tahun; terlambat + pulang cepat setiap "
             "7,5 jam = 1 hari. Ringan 3–10 hari, sedang 11–20, berat ≥ 21; 10 hari kerja berturut-turut dinilai "
             "tersendiri. Dasar: PP 94/2021 tentang Disiplin PNS, Pasal 8–11.")
    return Slide("discipline", "", headline, fig, bullets, notes)


def performance(v: View) -> Slide | None:
    s = v.run("performance__summary").row(0, named=True)
    f = v.filters
    headline = (f"{fmt.integer(s['outliers'])} temuan tidak wajar {fmt.month(f.month_from)}–{fmt.month(f.month_to)}; "
                f"{fmt.integer(s['off_curve_opds'])} OPD tidak sesuai kurva SE 3/2023; "
                f"{fmt.percent(s['baik_plus_share'])} pegawai berpredikat Baik ke atas "
                f"(SKP {s['skp_period'] or fmt.DASH}).")
    curve = v.run("performance__skp_curve")  # the OPDs off the curve first
    fig = charts.skp_curve(curve.head(PROJECTOR_ROWS), title="Distribusi predikat per OPD (✗ = tidak sesuai SE 3/2023)"
                           + (f", {PROJECTOR_ROWS} dari {curve.height} OPD" if curve.height > PROJECTOR_ROWS else ""))
    bullets = (
        " · ".join(f"{label} {fmt.integer(s[k])}" for k, label in OUTLIER_KINDS.items()) + ".",
        f"{fmt.integer(s['off_curve_opds'])} OPD di luar pola distribusi predikat.",
        f"{fmt.percent(s['baik_plus_share'])} dari {fmt.integer(s['rated'])} pegawai dinilai berpredikat Baik ke atas.",
    )
    notes = ("Predikat SKP menurut PermenPANRB 6/2022; pola distribusi (kurva) menurut SE MenPANRB 3/2023. "
             "Temuan tidak wajar: produktivitas rendah, hadir tetapi tidak bekerja, dugaan titip absen, penurunan "
             "unit, masing-masing dengan alasannya di halaman Kinerja.")
    return Slide("performance", "", headline, fig, bullets, notes)


def competency(v: View) -> Slide | None:
    trend = v.run("competency__trend")
    now = trend.filter(month=v.filters.month_to)
    if now.is_empty():
        return None
    now = now.row(0, named=True)
    headline = (f"{fmt.percent(now['on_track_share'])} pegawai sesuai target JP s.d. "
                f"{fmt.month(v.filters.month_to, long=True)}: rata-rata {fmt.number(now['jp_ytd_per_employee'])} JP, "
                f"target prorata {fmt.number(now['prorated_target_jp'])} JP.")
    progress = v.run("competency__opd_progress")
    shown, note = _ends(progress, "on_track_share")
    fig = charts.ranking_bars(shown, "on_track_share", kind="percent", x_title="porsi pegawai sesuai target",
                              title=f"Porsi sesuai target per OPD{note}")
    bullets = (
        f"{fmt.integer(now['employees_on_track'])} dari {fmt.integer(now['employees'])} pegawai sesuai target prorata.",
        f"Rata-rata {fmt.number(now['jp_ytd_per_employee'])} JP tahun ini; target prorata "
        f"{fmt.number(now['prorated_target_jp'])} JP.",
    )
    notes = f"Kompetensi = {metrics.COMPETENCY_RULE}. Dasar: PP 11/2017 jo. PP 17/2020 (hak 20 JP per tahun)."
    return Slide("competency", "", headline, fig, bullets, notes)


BUILDERS: dict[str, Callable[[View], Slide | None]] = {
    "overview": overview, "culture_index": culture_index, "core_values": core_values,
    "discipline": discipline, "performance": performance, "competency": competency,
}


def slides(v: View) -> list[Slide]:
    """One slide per presentation slide, in registry order (a page with no data for the view is left out)."""
    out = []
    for p in registry.SLIDES:
        s = BUILDERS[p.name](v)
        if s is not None:
            out.append(dataclasses.replace(s, title=p.title))
    return out
