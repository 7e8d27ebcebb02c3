"""The TPP rules as tables, and the rule simulation.

`rule_frames(rules)` turns `[tpp]` (warehouse.config.TppRules) into the tables the TPP models
read: `cfg_tpp` (one row of scalar rules) and `cfg_tpp_cuts` (one row per cut code: its group,
label, minute band and percent). The build writes them (warehouse.build.write_config) and
publishes them like every cfg_ table; without `[tpp]` both are empty and no TPP is computed.

`simulate(pub, scope, rules, month)` runs the very model files of the TPP marts
(warehouse/models/*/…tpp….sql, as temporary views) over a published build's tables within a
viewer's scope, with other rules: the definition of every amount stays in the models.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import polars as pl

from warehouse.config import TPP_BAND_KINDS, TppBand, TppRules
from warehouse.rules import SANCTION_TYPES, TPP_LEAVE_CODES

# The models a simulation re-runs, in dependency order (their inputs are published tables).
SIMULATED_MODELS = ("int_tpp_basis", "mart_tpp_cuts", "mart_tpp_monthly", "mart_tpp_opd_monthly")
# Published tables those models read, restricted to the simulated month.
SIMULATION_INPUTS = ("fct_tpp_base", "fct_tpp_sanction", "fct_attendance_daily", "mart_activity_monthly")

CFG_TPP_SCHEMA = {
    "version": pl.String, "regulation": pl.String, "is_example": pl.Boolean,
    "w_kinerja": pl.Float64, "w_disiplin": pl.Float64, "discipline_basis": pl.String,
    "cpns_percent": pl.Float64, "cpns_months": pl.Int32,
    "max_discipline_cut_percent": pl.Float64, "max_cut_percent": pl.Float64, "rounding": pl.Int32,
}
CFG_CUTS_SCHEMA = {
    "cut_code": pl.String, "cut_group": pl.String, "cut_kind": pl.String, "label": pl.String,
    "min_minutes": pl.Int32, "max_minutes": pl.Int32, "percent": pl.Float64, "code_order": pl.Int32,
}
GROUPS = {"kinerja": "Kinerja", "disiplin": "Disiplin", "cuti": "Cuti", "hukuman": "Hukuman disiplin",
          "batas": "Batas potongan"}


def band_label(b: TppBand) -> str:
    label = dict((k, lab) for k, _p, lab in TPP_BAND_KINDS)[b.kind]
    span = f"{b.min_minutes}–{b.max_minutes} menit" if b.max_minutes is not None else f"≥ {b.min_minutes} menit"
    return f"{label} {span}"


def cut_rows(rules: TppRules) -> list[dict]:
    """Every cut code of the rules, in the order the page and the export list them."""
    rows = [dict(cut_code="KIN", cut_group="kinerja", cut_kind="kinerja",
                 label="Capaian aktivitas e-Kinerja di bawah 100 %", percent=rules.w_kinerja)]
    rows += [dict(cut_code=b.code, cut_group="disiplin", cut_kind=b.kind, label=band_label(b),
                  min_minutes=b.min_minutes, max_minutes=b.max_minutes, percent=b.percent) for b in rules.bands]
    rows += [dict(cut_code="TK", cut_group="disiplin", cut_kind="tanpa_keterangan",
                  label="Tidak masuk tanpa keterangan (TK)", percent=rules.absent_day_percent),
             dict(cut_code="AKT", cut_group="disiplin", cut_kind="tanpa_aktivitas",
                  label="Hadir tanpa aktivitas e-Kinerja yang disetujui", percent=rules.no_activity_day_percent)]
    rows += [dict(cut_code=c, cut_group="cuti", cut_kind="cuti", label=label,
                  percent=100 - rules.leave_paid_percent[c]) for c, label in TPP_LEAVE_CODES]
    labels = dict(SANCTION_TYPES)
    rows += [dict(cut_code=c, cut_group="hukuman", cut_kind="hukuman", label=f"Hukuman disiplin: {labels[c]}",
                  percent=p) for c, p in rules.sanction_percent.items()]
    rows += [dict(cut_code="BATAS_DISIPLIN", cut_group="batas", cut_kind="batas",
                  label="Batas potongan disiplin (kelebihan dikembalikan)", percent=rules.max_discipline_cut_percent),
             dict(cut_code="BATAS_TOTAL", cut_group="batas", cut_kind="batas",
                  label="Batas seluruh potongan (kelebihan dikembalikan)", percent=rules.max_cut_percent)]
    return [{**dict.fromkeys(CFG_CUTS_SCHEMA), **r, "code_order": i + 1} for i, r in enumerate(rows)]


def rule_frames(rules: TppRules | None) -> dict[str, pl.DataFrame]:
    """{"cfg_tpp": …, "cfg_tpp_cuts": …}; empty tables without rules."""
    if rules is None:
        return {"cfg_tpp": pl.DataFrame(schema=CFG_TPP_SCHEMA), "cfg_tpp_cuts": pl.DataFrame(schema=CFG_CUTS_SCHEMA)}
    scalar = {
        "version": rules.version, "regulation": rules.regulation, "is_example": rules.example,
        "w_kinerja": rules.w_kinerja, "w_disiplin": rules.w_disiplin, "discipline_basis": rules.discipline_basis,
        "cpns_percent": rules.cpns_percent, "cpns_months": rules.cpns_months,
        "max_discipline_cut_percent": rules.max_discipline_cut_percent, "max_cut_percent": rules.max_cut_percent,
        "rounding": rules.rounding,
    }
    return {"cfg_tpp": pl.DataFrame([scalar], schema=CFG_TPP_SCHEMA),
            "cfg_tpp_cuts": pl.DataFrame(cut_rows(rules), schema=CFG_CUTS_SCHEMA)}


def rules_from_tables(cfg_tpp: pl.DataFrame, cuts: pl.DataFrame) -> TppRules:
    """The rules back from published cfg_tpp / cfg_tpp_cuts (what the simulation starts from)."""
    s = cfg_tpp.row(0, named=True)
    by_code = {r["cut_code"]: r for r in cuts.iter_rows(named=True)}
    bands = tuple(TppBand(r["cut_kind"], r["cut_code"], r["min_minutes"], r["max_minutes"], r["percent"])
                  for r in cuts.sort("code_order").iter_rows(named=True) if r["cut_kind"] in ("terlambat", "pulang_cepat"))
    return TppRules(
        example=s["is_example"], version=s["version"], regulation=s["regulation"],
        w_kinerja=s["w_kinerja"], w_disiplin=s["w_disiplin"], discipline_basis=s["discipline_basis"],
        cpns_percent=s["cpns_percent"], cpns_months=s["cpns_months"],
        absent_day_percent=by_code["TK"]["percent"], no_activity_day_percent=by_code["AKT"]["percent"],
        max_discipline_cut_percent=s["max_discipline_cut_percent"], max_cut_percent=s["max_cut_percent"],
        rounding=s["rounding"], bands=bands,
        leave_paid_percent={c: 100 - by_code[c]["percent"] for c, _l in TPP_LEAVE_CODES},
        sanction_percent={r["cut_code"]: r["percent"] for r in by_code.values() if r["cut_group"] == "hukuman"},
    )


def with_band_percent(rules: TppRules, code: str, percent: float) -> TppRules:
    """The rules with one band's percent changed (everything else as it was)."""
    bands = tuple(dataclasses.replace(b, percent=percent) if b.code == code else b for b in rules.bands)
    return dataclasses.replace(rules, bands=bands)


def _run_models(cur, scope, rules: TppRules, month: dt.date) -> None:
    """The TPP models as temporary views of this cursor over the scope's published tables of `month`."""
    from warehouse import spec
    from warehouse.build import month_chunks, register_macros, set_chunk

    models = {m.name: m for m in spec.models()}
    register_macros(cur)  # fmt_id & co., as in the build
    set_chunk(cur, *month_chunks(month, month + dt.timedelta(days=31))[0])  # a month-by-month model's month
    for name, frame in rule_frames(rules).items():
        cur.register(f"_sim_{name}", frame.to_arrow())
        cur.execute(f"create or replace temp view {name} as select * from _sim_{name}")
    for name in SIMULATION_INPUTS:
        cur.execute(f"create or replace temp view {name} as select * from {scope.schema}.{name} "
                    f"where month = date '{month:%Y-%m-%d}'")
    for name in SIMULATED_MODELS:  # the model file itself, into a temporary table of this cursor
        sql = re.sub(r"create\s+or\s+replace\s+table\s", "create or replace temp table ", models[name].sql,
                     count=1, flags=re.IGNORECASE)
        cur.execute(sql)


def simulate(pub, scope, rules: TppRules, month: dt.date, table: str = "mart_tpp_monthly") -> pl.DataFrame:
    """`table` (a TPP mart) of `month` under `rules`, computed by the TPP model files over the
    published build, within the scope's views (its OPDs, its masking)."""
    cur = pub._cursor(scope)
    try:
        _run_models(cur, scope, rules, month)
        return cur.sql(f"select * from temp.main.{table}").pl()
    finally:
        cur.close()


COMPARE_SQL = """
with cur as (select nip, opd_code, base_amount, cut_amount, final_amount from {schema}.mart_tpp_monthly
             where month = date '{month}'),
sim as (select nip, cut_amount, final_amount from temp.main.mart_tpp_monthly)
select
    c.opd_code,
    count(*) as employees,
    sum(c.base_amount) as base_amount,
    sum(c.cut_amount) as cut_amount,
    sum(s.cut_amount) as simulated_cut_amount,
    sum(c.final_amount) as final_amount,
    sum(s.final_amount) as simulated_final_amount,
    sum(s.final_amount) - sum(c.final_amount) as difference,
    count(*) filter (where s.final_amount > c.final_amount) as gainers,
    count(*) filter (where s.final_amount < c.final_amount) as losers
from cur as c
join sim as s using (nip)
group by grouping sets ((c.opd_code), ())
order by c.opd_code nulls first
"""
COMPARE_RULE_KEYS = ("opd_code", "opd_short")


def compare(pub, scope, rules: TppRules, month: dt.date) -> pl.DataFrame:
    """Per OPD (and the whole scope: opd_code NULL, first row) the current and the simulated
    recommendation of `month`, and how many employees gain or lose. A k-anonymous scope gets
    no OPD of fewer than k employees and no gainer/loser count of 1..k-1."""
    from warehouse.query import Aggregate, protect

    cur = pub._cursor(scope)
    try:
        _run_models(cur, scope, rules, month)
        df = cur.sql(COMPARE_SQL.format(schema=scope.schema, month=f"{month:%Y-%m-%d}")).pl()
        names = cur.sql(f"select opd_code, opd_short from {scope.schema}.dim_opd").pl()
    finally:
        cur.close()
    df = df.join(names, on="opd_code", how="left", maintain_order="left")
    df = df.select("opd_code", "opd_short", *[c for c in df.columns if c not in COMPARE_RULE_KEYS])
    if scope.is_kanon:
        df, _done = protect(df, Aggregate(COMPARE_RULE_KEYS, ("employees",), (("gainers",), ("losers",))), scope.k)
    return df
