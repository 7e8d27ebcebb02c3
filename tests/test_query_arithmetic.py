"""Every metric is computed once, in the models: a query file only selects, filters, orders
and limits. Rejected in warehouse/queries/*.sql: division, multiplication, sum(), avg() and
other numeric aggregates, and + / - between values (date ± interval, the period filters, is
allowed). count() is allowed: counting the selected rows is the size of the selection (a
number of people or findings, what DISCLOSURE's k-anonymity counts), not a formula, and a
count is the same whoever writes it.
"""

from __future__ import annotations

import re

import pytest
import sqlglot
from sqlglot import exp

from warehouse.query import QUERIES_DIR, query_names

FORMULA = (exp.Div, exp.Mul, exp.Sum, exp.Avg, exp.Stddev, exp.Variance, exp.Quantile, exp.Median)


def formulas(sql: str) -> list[str]:
    tree = sqlglot.parse_one(re.sub(r"\$([A-Za-z_]\w*)", r"$\1", sql), read="duckdb")
    found = [e.sql("duckdb") for e in tree.find_all(*FORMULA)]
    for e in tree.find_all(exp.Add, exp.Sub):
        if not any(isinstance(side, exp.Interval) for side in (e.left, e.right)):
            found.append(e.sql("duckdb"))
    return found


def _sql(name: str) -> str:
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", query_names())
def test_query_file_computes_no_metric(name):
    found = formulas(_sql(name))
    assert not found, f"{name}.sql computes {found}: move it into a model column (or a rollup in its spec)"


def test_the_check_catches_a_weighted_mean_and_spares_date_filters():
    assert formulas("select sum(score * n) / sum(n) as s from t") != []
    assert formulas("select a - b as d from t") != []
    assert formulas("select count(*) as n from t where month between $m - interval 1 month and $m") == []
