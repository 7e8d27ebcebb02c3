"""Streamlit side of the query layer: the cached published build and cached results.

Pages call `data.run("<page>__<question>", **extra)`; this run's filters and the viewer's
scope (pages/ui/context.py, set by dashboard.py) are added here. Results are cached per
(build file, query, scope, bound parameters), so a new build (CURRENT changes) misses the cache by itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import polars as pl
import streamlit as st

from pages.ui import context, kanon
from warehouse import query
from warehouse.paths import current_build_file, warehouse_path
from warehouse.query import Filters, Published, Scope


@st.cache_resource(max_entries=2, show_spinner=False, on_release=lambda pub: pub.close())
def open_build(build_file: str) -> Published:
    """One attachment per build file for the whole server process."""
    return Published(build_file)


def published() -> Published | None:
    """The current published build (CURRENT is read on every rerun), or None."""
    build = current_build_file(warehouse_path())
    return open_build(str(build)) if build else None


def scope() -> Scope:
    """This run's viewer's scope; nobody signed in sees nothing."""
    return context.viewer().scope


def _freeze(v):
    return tuple(v) if isinstance(v, list) else v


@st.cache_data(max_entries=2000, show_spinner=False)
def _run(build_file: str, name: str, scope_key: tuple, params: tuple):
    return open_build(build_file).run_protected(name, Scope(*scope_key), **dict(params))


def run(name: str, filters: Filters | None = None, **extra) -> pl.DataFrame:
    """Run a named query with this run's filters (or the given ones) plus extra parameters."""
    pub = published()
    if pub is None:
        raise RuntimeError("no published build")
    f = filters if filters is not None else context.filters()
    if f is None:
        raise RuntimeError("no filters on this run (dashboard.py draws them before the page)")
    params = query.bind_params(query.sql_for(name), {**f.params(), **extra})
    frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    df, done = _run(str(pub.build_file), name, scope().key, frozen)
    kanon.record((name, frozen), done)  # the analis role's note: what k-anonymity hid
    return df


def table(name: str, filters: Filters, limit: int | None = None) -> pl.DataFrame:
    """A published table for the explorer, filtered and scoped (cached like run)."""
    pub = published()
    frozen = tuple((k, _freeze(v)) for k, v in filters.params().items())
    df, done = _table(str(pub.build_file), name, scope().key, frozen, limit)
    kanon.record(("table", name, frozen), done)
    return df


@st.cache_data(max_entries=200, show_spinner=False)
def _table(build_file: str, name: str, scope_key: tuple, filters: tuple, limit):
    return open_build(build_file).table_protected(name, Scope(*scope_key), Filters(**dict(filters)), limit)


@st.cache_data(max_entries=50, show_spinner="Menghitung simulasi …")
def _simulate_tpp(build_file: str, scope_key: tuple, rules_json: str, month: dt.date) -> pl.DataFrame:
    from warehouse import tpp
    from warehouse.config import TppBand, TppRules

    raw = json.loads(rules_json)
    rules = TppRules(**{**raw, "bands": tuple(TppBand(**b) for b in raw["bands"])})
    return tpp.compare(open_build(build_file), Scope(*scope_key), rules, month)


def simulate_tpp(rules, month: dt.date) -> pl.DataFrame:
    """warehouse.tpp.compare for this viewer's scope (cached per build, scope, rules and month)."""
    pub = published()
    return _simulate_tpp(str(pub.build_file), scope().key, json.dumps(dataclasses.asdict(rules), sort_keys=True),
                         month)


_BUILD_INFO: dict[tuple, dict] = {}  # a published build never changes: its facts are read once per scope


def build_info() -> dict:
    """build_id, built_at, period_start, period_end of the published build."""
    pub = published()
    key = (str(pub.build_file) if pub else None, scope().key)
    if key not in _BUILD_INFO:
        rows = run("common__build_info", Filters()).to_dicts()
        if len(_BUILD_INFO) > 50:
            _BUILD_INFO.clear()
        _BUILD_INFO[key] = rows[0] if rows else {}
    return dict(_BUILD_INFO[key])


def data_until() -> dt.date | None:
    """The last day the build has data for: its period end, never after the day it was built
    (a configured period end in the future is not data)."""
    info = build_info()
    end, built = info.get("period_end"), info.get("built_at")
    if isinstance(built, dt.datetime):
        built = built.date()
    days = [d for d in (end, built, dt.date.today()) if isinstance(d, dt.date)]
    return min(days) if end is not None and days else end


def months() -> list[dt.date]:
    return run("common__months", Filters())["month"].to_list()


@st.cache_data(max_entries=200, show_spinner=False)
def _count(build_file: str, name: str, scope_key: tuple, filters: tuple) -> int:
    return open_build(build_file).count(name, Scope(*scope_key), Filters(**dict(filters)))


def count(name: str, filters: Filters) -> int:
    pub = published()
    return _count(str(pub.build_file), name, scope().key, tuple((k, _freeze(v)) for k, v in filters.params().items()))


def fetcher(name: str, **params):
    """A callable running a named query for this viewer later (a download button's deferred data runs
    outside the script run, where the run's filters and viewer are not available): not cached."""
    pub, s = published(), scope()
    return lambda: pub.run(name, s, **params)


def full_table(name: str, filters: Filters):
    """A callable that fetches the whole filtered slice (not cached: used for downloads)."""
    pub, s = published(), scope()
    return lambda: pub.table(name, s, filters)
