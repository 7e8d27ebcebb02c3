"""Monthly briefs and the bahan rakor deck on a published build: `python -m bench.reports`.

    .venv/bin/python -m bench.reports --warehouse /tmp/demo/budaya.duckdb [--bulan YYYY-MM] [--repeat N]

Times, in this process after the imports (median of --repeat runs):
- **briefs**: `reports.brief.build_briefs` for every OPD of the build plus the region brief
  (queries through the query layer, one kaleido/chromium session for all charts, reportlab PDFs);
- **deck**: `reports.deck.build_deck` of the dashboard's default view (the last 12 months, all OPDs,
  admin scope): six slides with their charts, PPTX and PDF; once starting chromium, once with the
  shared browser the dashboard keeps running (`reports.render.shared`, what the button uses).
Targets (issue 15): 40 briefs under 60 s, a deck under 10 s on the 2-core machine. The load average
is printed beside the figures: other processes on the machine slow both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from reports import render
from reports.brief import build_briefs
from reports.deck import build_deck
from reports.view import View
from warehouse.paths import warehouse_path
from warehouse.query import ADMIN, Filters, open_current

RESULTS = Path(__file__).resolve().parent / "results"


def measure(warehouse: Path, month: str | None, repeat: int) -> dict:
    pub = open_current(warehouse)
    if pub is None:
        raise SystemExit(f"Belum ada build terbit di {warehouse}: jalankan python -m pipelines demo dulu.")
    months = pub.run("common__months", ADMIN)["month"].to_list()
    end = next(m for m in months if f"{m:%Y-%m}" == month) if month else months[-1]
    start = months[max(0, months.index(end) - 11)]
    briefs, deck, warm, count = [], [], [], 0
    view = View(pub, ADMIN, Filters(month_from=start, month_to=end))
    for _ in range(repeat):
        t = time.perf_counter()
        count = len(build_briefs(pub, end))
        briefs.append(time.perf_counter() - t)
        t = time.perf_counter()
        build_deck(view)
        deck.append(time.perf_counter() - t)
        browser = render.shared()  # the dashboard's case: chromium already running
        t = time.perf_counter()
        build_deck(view, browser=browser)
        warm.append(time.perf_counter() - t)
    return {"build": pub.build_id, "month": f"{end:%Y-%m}", "briefs": count, "briefs_s": statistics.median(briefs),
            "deck_s": statistics.median(deck), "deck_warm_s": statistics.median(warm), "runs": repeat,
            "loadavg": list(os.getloadavg())}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.reports", description=__doc__.splitlines()[0])
    p.add_argument("--warehouse", help="ingest file whose published build is measured (bawaan $BUDAYA_WAREHOUSE)")
    p.add_argument("--bulan", help="YYYY-MM (bawaan: the last month of the build)")
    p.add_argument("--repeat", type=int, default=1)
    args = p.parse_args(argv)
    r = measure(warehouse_path(args.warehouse), args.bulan, args.repeat)
    print(f"{r['briefs']} laporan bulanan ({r['month']}): {r['briefs_s']:.1f} s (target < 60 s); "
          f"bahan rakor 6 slide: {r['deck_s']:.1f} s with chromium start-up, {r['deck_warm_s']:.1f} s with the "
          f"dashboard's running one (target < 10 s); load {r['loadavg'][0]:.1f}; build {r['build']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "reports.json").write_text(json.dumps(r, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
