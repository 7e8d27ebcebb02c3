"""A published mart over a selection of OPDs, as its spec says each column combines.

A page filtered to some OPDs (a list, a rumpun) shows one figure for the selection. How a
column combines is part of its definition, so it is declared beside the model, in the
column's spec, and nowhere else:

    rollup = "sum"                          # counts and totals
    rollup = "same"                         # a value equal across OPDs (a label, a target)
    rollup = "list"                         # distinct texts, joined with ", "
    rollup = { mean = "employees" }         # mean weighted by another column, over OPDs with a value
    rollup = { ratio = ["num", "den"] }     # sum(num) / sum(den) of two columns
    rollup = { delta = "culture_index", months = 1 }   # the selection's value minus its value n months earlier

A mart with rolled-up columns gets a table macro `<mart>_selected(opd_codes, rumpun)` in each
viewer's scope (warehouse/query.py): one row per grain without the OPD key, reading the
scope's view of the mart, so an OPD account's selection never reaches another OPD. Query
files select from it and only filter, order and limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spec.py checks rollups with problems() at load
    from warehouse.spec import Column, Model

KINDS = ("sum", "same", "list", "mean", "ratio", "delta")


def kind(rollup: str | dict) -> str:
    return rollup if isinstance(rollup, str) else next(iter(rollup), "")


def problems(model: Model) -> list[str]:
    """What is wrong with the model's rollups, in Bahasa Indonesia (empty: nothing)."""
    names = {c.name for c in model.columns}
    found = []
    for c in (c for c in model.columns if c.rollup is not None):
        k = kind(c.rollup)
        refs = [] if isinstance(c.rollup, str) else c.rollup.get(k)
        refs = refs if isinstance(refs, list) else [refs] if refs else []
        if k not in KINDS:
            found.append(f"kolom {c.name}: rollup {k!r} tidak dikenal (pilih {', '.join(KINDS)})")
        elif k in ("mean", "ratio", "delta") and (not refs or set(refs) - names):
            found.append(f"kolom {c.name}: rollup {k} merujuk kolom yang tidak ada: {refs}")
        elif k == "ratio" and len(refs) != 2:
            found.append(f"kolom {c.name}: rollup ratio perlu dua kolom [pembilang, penyebut]")
        elif k == "delta" and "month" not in model.grain:
            found.append(f"kolom {c.name}: rollup delta perlu kolom month di grain")
    if found and not model.opd_key:
        found.append("rollup perlu opd_key")
    return found


def macro_name(model: Model) -> str:
    return f"{model.name}_selected"


def _aggregate(c: Column) -> str:
    k, r = kind(c.rollup), c.rollup
    if k == "sum":
        expr = f"sum({c.name})"
    elif k == "same":
        expr = f"any_value({c.name})"
    elif k == "list":
        expr = f"string_agg(distinct {c.name}, ', ' order by {c.name})"
    elif k == "mean":
        w = r["mean"]
        expr = (f"sum({c.name} * {w}) / nullif(sum({w}) filter (where {c.name} is not null), 0)")
    else:
        num, den = r["ratio"]
        expr = f"sum({num}) / nullif(sum({den}), 0)"
    return f"cast({expr} as {c.type}) as {c.name}"


def macro_sql(model: Model, schema: str) -> str | None:
    """`create macro` for the model's selection, or None when no column rolls up."""
    rolled = [c for c in model.columns if c.rollup is not None]
    if not rolled or not model.opd_key:
        return None
    by = [g for g in model.grain if g != model.opd_key]
    inner = [*by, *(_aggregate(c) for c in rolled if kind(c.rollup) != "delta")]
    outer, lags = [f"s.{b}" for b in by], set()
    for c in rolled:
        if kind(c.rollup) == "delta":
            lag = int(c.rollup.get("months", 1))
            lags.add(lag)
            outer.append(f"cast(s.{c.rollup['delta']} - p{lag}.{c.rollup['delta']} as {c.type}) as {c.name}")
        else:
            outer.append(f"s.{c.name}")
    joins = [
        f"left join s as p{lag} on p{lag}.month = s.month - interval {lag} month"
        + "".join(f" and p{lag}.{b} is not distinct from s.{b}" for b in by if b != "month")
        for lag in sorted(lags)
    ]
    group = f" group by {', '.join(by)}" if by else ""
    return (
        f"create macro {schema}.{macro_name(model)}(sel_codes, sel_rumpun) as table "
        f"with s as materialized (select {', '.join(inner)} from {schema}.{model.name} "
        f"where {schema}.opd_selected({model.opd_key}, sel_codes, sel_rumpun){group}) "
        f"select {', '.join(outer)} from s {' '.join(joins)}"
    )
