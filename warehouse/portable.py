"""The models' portable SQL subset and its translation to Spark SQL.

The models stay DuckDB SQL (warehouse/models/, run in the order of warehouse.spec). Two things keep them runnable on Spark:

- `problems(files)`: constructs known not to survive the translation (found by running
  every model on Spark) are refused, with the file and line, on every build — DuckDB's too;
- `to_spark(sql, cfg)`: sqlglot (pinned) reads the model as DuckDB and writes Spark SQL,
  with this project's rules for what sqlglot leaves wrong (listed at `_rules`), a
  month-by-month model's chunk as the whole period, and the
  Spark forms of the build's macros (fmt_id, pct_id, secs, day_key, day_bit, month_label_id).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

import sqlglot
from sqlglot import exp
from sqlglot.dialects.spark import Spark

# (pattern on the model text with comments and string contents blanked, what to write instead)
FORBIDDEN: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\bunion\s+(all\s+)?by\s+name\b", re.IGNORECASE),
     "UNION ... BY NAME tidak ada di Spark; tulis daftar kolom yang sama di tiap cabang lalu UNION ALL"),
    (re.compile(r"[\w\)\]]\s*\[[^\[\]':]*:[^\[\]']*\]"),
     "irisan teks/daftar x[a:b] berbeda arti di Spark; pakai substring(x, a[, panjang])"),
    (re.compile(r"\bunpivot\s+(?!\()[a-z_]", re.IGNORECASE),
     "UNPIVOT bentuk pendek DuckDB (unpivot t on ... into name ... value ...) tidak ada di Spark; "
     "pakai bentuk standar: from t unpivot (nilai for nama in (kolom, ...))"),
    (re.compile(r"\bselect\b(?:(?!\bfrom\b).)*?\bunnest\s*\((?:(?!\bfrom\b).)*?\bunnest\s*\(", re.IGNORECASE | re.DOTALL),
     "dua unnest() dalam satu SELECT (dipasangkan per posisi) tidak sama di Spark; "
     "pakai cross join (values (1), (2), ...) dan CASE"),
]


def _blank(sql: str) -> str:
    """The text with comments and string contents replaced by spaces (line numbers kept)."""
    out = re.sub(r"--[^\n]*", lambda m: " " * len(m.group()), sql)
    return re.sub(r"'(?:[^']|'')*'", lambda m: "'" + " " * (len(m.group()) - 2) + "'", out)


def problems(files: list[Path]) -> list[str]:
    """One Bahasa Indonesia line per non-portable construct, naming file and line."""
    found = []
    for path in files:
        text = _blank(path.read_text(encoding="utf-8"))
        for pattern, advice in FORBIDDEN:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{path.name} baris {line}: {advice}.")
    return found


# ---------------------------------------------------------------- DuckDB -> Spark


class _SparkKeepTime(Spark):
    """Spark with TIME kept as TIME (Spark >= 4.1, spark.sql.timeType.enabled)."""

    class Generator(Spark.Generator):
        TYPE_MAPPING: ClassVar[dict] = {**Spark.Generator.TYPE_MAPPING, exp.DataType.Type.TIME: "TIME"}


_MONTHS = "array('Jan','Feb','Mar','Apr','Mei','Jun','Jul','Agu','Sep','Okt','Nov','Des')"
# Spark forms of the build's macros (warehouse.build.register_macros); _1, _2 = arguments.
MACROS = {
    "fmt_id": "translate(format_number(_1, _2), ',.', '.,')",
    "pct_id": "concat(translate(format_number(100 * _1, 1), ',.', '.,'), ' %')",
    "secs": "(hour(_1) * 3600 + minute(_1) * 60 + second(_1))",
    "day_key": "(_1 + unix_date(_2))",
    "day_bit": "shiftleft(cast(1 as bigint), day(_1) - 1)",
    "month_label_id": f"concat(element_at({_MONTHS}, month(_1)), ' ', year(_1))",
}


def _macro(node: exp.Expression) -> exp.Expression:
    name = node.name.lower() if isinstance(node, exp.Anonymous) else None
    if name not in MACROS:
        return node
    template = sqlglot.parse_one(MACROS[name], read="spark")
    args = {f"_{i + 1}": a for i, a in enumerate(node.expressions)}
    return template.transform(
        lambda n: args[n.name].copy() if isinstance(n, exp.Column) and n.name in args else n
    )


def _epoch_of_difference(node: exp.Expression) -> exp.Expression:
    # epoch(a - b) on timestamps: seconds between them.
    if isinstance(node, exp.TimeToUnix) and isinstance(node.this, exp.Sub):
        return exp.Anonymous(
            this="timestampdiff",
            expressions=[exp.var("SECOND"), node.this.expression.copy(), node.this.this.copy()],
        )
    return node


def _full_match(node: exp.Expression) -> exp.Expression:
    # regexp_full_match(x, 'p') -> x RLIKE '^(?:p)$' (RLIKE finds, it does not match whole).
    if isinstance(node, exp.RegexpFullMatch):
        subject, pattern = node.this, node.expression
        if isinstance(pattern, exp.Literal):
            pattern = exp.Literal.string(f"^(?:{pattern.this})$")
        return exp.RegexpLike(this=subject.copy(), expression=pattern)
    return node


def _avg_double(node: exp.Expression) -> exp.Expression:
    # Spark averages DECIMAL to a few decimals; DuckDB returns DOUBLE.
    if isinstance(node, exp.Avg) and not isinstance(node.this, exp.Cast):
        node.set("this", exp.cast(node.this.copy(), "double"))
    return node


def _no_materialized(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.CTE) and node.args.get("materialized") is not None:
        node.set("materialized", None)
    return node


def _frame_bounds(cfg: dict):
    # A frame bound may be a scalar subquery on cfg in DuckDB; Spark needs a literal.
    def rule(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.WindowSpec):
            for side in ("start", "end"):
                bound = node.args.get(side)
                if isinstance(bound, exp.Subquery):
                    col = bound.this.selects[0].alias_or_name
                    node.set(side, exp.Literal.number(int(cfg[col])))
        return node
    return rule


def _whole_period(cfg: dict):
    # A month-by-month model (getvariable('chunk_start'/'chunk_end'), warehouse.build.run_models)
    # runs on Spark once, its chunk the whole period.
    bounds = {"chunk_start": cfg["period_start"], "chunk_end": cfg["period_end"]}

    def rule(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Anonymous) and node.name.lower() == "getvariable" and node.expressions:
            name = node.expressions[0]
            if isinstance(name, exp.Literal) and name.this in bounds:
                return exp.cast(exp.Literal.string(str(bounds[name.this])), "date")
        return node
    return rule


def _rules(cfg: dict) -> list:
    return [_macro, _epoch_of_difference, _full_match, _avg_double, _no_materialized, _frame_bounds(cfg),
            _whole_period(cfg)]


def model_query(sql: str) -> exp.Expression:
    """The SELECT of a model file (`create or replace table x as <select>`)."""
    statement = sqlglot.parse_one(sql, read="duckdb")
    return statement.expression if isinstance(statement, exp.Create) else statement


def to_spark(sql: str, cfg: dict) -> str:
    """The model's query as Spark SQL. `cfg` = the one row of table cfg (name -> value)."""
    tree = model_query(sql)
    for rule in _rules(cfg):
        tree = tree.transform(rule)
    return tree.sql(dialect=_SparkKeepTime, pretty=True)


def tables_read(files: list[Path]) -> set[str]:
    """Tables the models read that no model creates (raw, configuration, calendar)."""
    from warehouse.spec import tables_read as reads

    made = {path.stem for path in files}
    return {t for path in files for t in reads(path)} - made


def as_temp_view(sql: str) -> str:
    """The model as `create or replace temp view <name> as ...` (binds its columns, computes nothing)."""
    return re.sub(r"create\s+or\s+replace\s+table\s+([a-z][a-z0-9_]*)\s", r"create or replace temp view \1 ",
                  sql, count=1, flags=re.IGNORECASE)
