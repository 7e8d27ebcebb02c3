"""Page queries through the query layer: every `warehouse/queries/*.sql`, grouped by page.

The pages are those of pages/registry.py; a page's queries are the ones its file (and the
pages/ui modules it imports) names, besides the frame's, which are measured as page `common`
(dashboard.py: sidebar, filters, freshness — run on every page). A query shared by two pages
(`common__culture_series`) counts for both.
A page's time is the time to run all its queries one after the other, as a Streamlit
page does on a rerun without a result cache. Variants:

- default: admin scope, the dashboard's default filters (the last 12 months, all OPD);
- narrow: admin scope, one OPD (the largest) and one month (the latest);
- opd_account: a kepala OPD's scope (one OPD, personal data pseudonymised), default filters.

`warm` = one long-lived `Published` (DuckDB buffers warm, no result cache), first run
discarded; `cold` = a fresh `Published` (new connection, ATTACH, scope views) per run,
its set-up time included.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import time
from pathlib import Path

PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return ordered[int(rank) - 1]


WINDOW = 12  # pages/ui/filters.py: the default period is the last 12 months of the build


def _context(pub) -> dict:
    """Values for the parameters a page passes besides the filters, taken from the build
    the way a user would reach them (the latest month, the largest OPD, its largest unit,
    a flagged employee)."""
    from warehouse.query import ADMIN

    ctx: dict = {}

    def one(sql: str):
        try:
            rows = pub.sql(sql, ADMIN).rows()
            return rows[0] if rows else None
        except Exception:  # noqa: BLE001  (a table this build does not have)
            return None

    try:
        months = pub.run("common__months", ADMIN)["month"].to_list()
    except Exception:  # noqa: BLE001
        row = one("select max(month) from dim_month")
        months = [row[0]] if row and row[0] else [dt.date.today().replace(day=1)]
    ctx["months"] = months
    ctx["month"] = months[-1]
    ctx["year"] = ctx["month"].year
    row = one("select opd_code from dim_pegawai group by opd_code order by count(*) desc, opd_code limit 1")
    ctx["opd_code"] = row[0] if row else None
    row = one("select work_unit from dim_pegawai where opd_code = "
              f"'{ctx['opd_code']}' group by 1 order by count(*) desc, 1 limit 1") if ctx["opd_code"] else None
    ctx["work_unit"] = row[0] if row else None
    row = one("select nip from mart_outliers where nip is not null order by month desc, score limit 1") or \
        one(f"select nip from dim_pegawai where opd_code = '{ctx['opd_code']}' order by nip limit 1")
    ctx["nip"] = row[0] if row else None
    row = one("select max(period) from mart_berakhlak_opd")
    ctx["period"] = row[0] if row else None
    return ctx


# Parameters a page passes besides the shared filters, by name (what a user clicking
# through would pass: the latest month, the largest OPD and unit, a flagged employee).
def _extra_params(names: set[str], ctx: dict) -> tuple[dict, list[str]]:
    known = {
        "year": ctx["year"], "month": ctx["month"], "opd": ctx["opd_code"], "opd_code": ctx["opd_code"],
        "unit": ctx["work_unit"], "work_unit": ctx["work_unit"], "nip": ctx["nip"],
        "nips": [ctx["nip"]] if ctx["nip"] else [], "period": ctx["period"], "within_days": 3,
        "limit": 50, "top_n": 10, "n": 10,
    }
    out, guessed = {}, []
    for name in names:
        if name in known:
            out[name] = known[name]
        else:
            out[name] = None
            guessed.append(name)
    return out, guessed


def measure(published: Path, iterations: int = 20, cold_iterations: int = 5) -> dict:
    from pages import registry
    from warehouse.query import ADMIN, Filters, Published, Scope, query_names, sql_for

    names = query_names()
    if not names:
        return {"skipped": "warehouse/queries/ has no .sql files yet"}
    pages = {"common": sorted(registry.frame_queries())}
    pages.update({p.name: sorted(registry.page_queries(p)) for p in registry.PAGES if registry.page_queries(p)})

    t0 = time.perf_counter()
    pub = Published(published)
    first_open_ms = (time.perf_counter() - t0) * 1000
    ctx = _context(pub)
    month, opd, months = ctx["month"], ctx["opd_code"], ctx["months"]
    default = Filters(month_from=months[max(0, len(months) - WINDOW)], month_to=months[-1])
    variants = {
        "default": (ADMIN, default),
        "narrow": (ADMIN, Filters(month_from=month, month_to=month, opd_codes=(opd,) if opd else None)),
        "opd_account": (Scope(opd_codes=(opd,) if opd else (), show_personal=False, pseudonym_key=b"bench"),
                        default),
    }
    params_by_query, guessed, errors, rows = {}, {}, {}, {}
    for name in names:
        wanted = set(PARAM_RE.findall(re.sub(r"--[^\n]*", "", sql_for(name))))
        extra, g = _extra_params(wanted - set(Filters().params()), ctx)
        params_by_query[name] = extra
        if g:
            guessed[name] = g

    def run_page(p, page: str, scope, filters, record: dict | None, variant: str) -> float:
        total = 0.0
        for name in pages[page]:
            params = {**filters.params(), **params_by_query[name]}
            s = time.perf_counter()
            try:
                frame = p.run(name, scope, **params)
                n = frame.height
            except Exception as error:  # noqa: BLE001
                errors.setdefault(f"{variant}:{name}", repr(error)[:300])
                n = None
            elapsed = (time.perf_counter() - s) * 1000
            total += elapsed
            if record is not None:
                record.setdefault(name, []).append(elapsed)
                rows[f"{variant}:{name}"] = n
        return total

    result: dict = {"first_open_ms": first_open_ms, "context": {k: str(v) for k, v in ctx.items() if k != "months"},
                    "variants": {}, "iterations": iterations, "cold_iterations": cold_iterations}
    for variant, (scope, filters) in variants.items():
        for page in pages:  # warm-up (scope views, buffer pool), not recorded
            run_page(pub, page, scope, filters, None, variant)
        page_ms: dict[str, list[float]] = {page: [] for page in pages}
        query_ms: dict[str, list[float]] = {}
        for _ in range(iterations):
            for page in pages:
                page_ms[page].append(run_page(pub, page, scope, filters, query_ms, variant))
        cold_ms: dict[str, list[float]] = {page: [] for page in pages}
        for _ in range(cold_iterations):
            for page in pages:
                s = time.perf_counter()
                fresh = Published(published)
                run_page(fresh, page, scope, filters, None, variant)
                cold_ms[page].append((time.perf_counter() - s) * 1000)
                fresh.close()
        result["variants"][variant] = {
            "pages": {
                page: {
                    "queries": len(pages[page]),
                    "warm_p50_ms": statistics.median(page_ms[page]),
                    "warm_p95_ms": percentile(page_ms[page], 95),
                    "cold_p50_ms": statistics.median(cold_ms[page]) if cold_ms[page] else None,
                    "cold_p95_ms": percentile(cold_ms[page], 95) if cold_ms[page] else None,
                }
                for page in pages
            },
            "queries": {
                name: {"p50_ms": statistics.median(v), "p95_ms": percentile(v, 95), "rows": rows.get(f"{variant}:{name}")}
                for name, v in query_ms.items()
            },
        }
    pub.close()
    result["guessed_params"] = guessed
    result["errors"] = errors
    result["query_count"] = len(names)
    return result
