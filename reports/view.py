"""One view of the published build: a scope and the shared filters, read only through the query layer.

    v = View(pub, scope, filters)
    v.run("overview__opd_ranking")        # the page's own query, with this view's filters

Reports never compute a metric: every number they print is a cell of a query result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl

from pages.ui import format as fmt
from warehouse.query import ADMIN, Filters, Published, Scope


@dataclasses.dataclass(frozen=True)
class View:
    pub: Published
    scope: Scope
    filters: Filters

    def run(self, name: str, **extra) -> pl.DataFrame:
        return self.pub.run(name, self.scope, **{**self.filters.params(), **extra})

    def with_filters(self, **changes) -> View:
        return dataclasses.replace(self, filters=dataclasses.replace(self.filters, **changes))

    def build_info(self) -> dict:
        rows = self.pub.run("common__build_info", self.scope).to_dicts()
        return rows[0] if rows else {}

    def opd_labels(self) -> dict[str, str]:
        """opd_code -> short name, of the OPDs this scope sees."""
        opd = self.pub.run("common__opd", self.scope)
        return dict(zip(opd["opd_code"].to_list(), opd["opd_short"].to_list()))

    def region(self) -> View:
        """The same period over the whole region, for comparisons that name no person
        (region aggregates): the unrestricted scope, no OPD filter."""
        return View(self.pub, ADMIN, Filters(month_from=self.filters.month_from, month_to=self.filters.month_to))


def months(pub: Published, scope: Scope = ADMIN) -> list[dt.date]:
    return pub.run("common__months", scope)["month"].to_list()


def scope_text(scope: Scope, labels: dict[str, str]) -> str:
    """Who the file is about, in words: 'Seluruh OPD', 'Dinas Kesehatan', '… (data pribadi disamarkan)'."""
    if scope.opd_codes is None:
        text = "Seluruh OPD"
    else:
        text = ", ".join(labels.get(c, c) for c in scope.opd_codes) or "Tanpa OPD"
    if not scope.show_personal:
        text += f" · NIP dan nama disamarkan, kelompok < {scope.k} orang disembunyikan"
    return text


def filters_text(f: Filters, labels: dict[str, str]) -> str:
    parts = [f"{fmt.month(f.month_from, long=True)} – {fmt.month(f.month_to, long=True)}"]
    if f.opd_codes:
        parts.append("OPD: " + ", ".join(labels.get(c, c) for c in f.opd_codes))
    if f.rumpun:
        parts.append("rumpun: " + ", ".join(f.rumpun))
    if f.position_types:
        parts.append("jabatan: " + ", ".join(f.position_types))
    if f.statuses:
        parts.append("status: " + ", ".join(f.statuses))
    return " · ".join(parts)
