"""Page speed as a person sees it, in a real browser: `python -m bench.browser`.

    .venv/bin/python -m bench.browser --warehouse warehouse/data/budaya.duckdb [--rounds 5]

Starts `streamlit run app.py` on the published build (the demo region by default: 6.000 pegawai,
24 bulan) and drives Debian's chromium with Playwright:

- **menu**: signed in as admin at 1366x768, a click on each page's menu entry in turn, `--rounds`
  times (the first round is a warm-up and is not counted);
- **chart**: a click on a bar of the Ringkasan ranking, which drills to Indeks for that OPD;
- **cold**: a fresh server; a deep link (`/kinerja`) opened in a new browser shows the sign-in page
  (its first load is reported too), and the time counted is from the click on "Masuk" to the page drawn.

"Drawn" is measured inside the page: the time of the last change to the document (a
MutationObserver; the children of a <canvas>, its fallback content for screen readers, are never
painted and not counted) before the script has stopped running, no skeleton or spinner is left and every
Plotly chart has its SVG, followed by 600 ms without any change. The clock starts at the pointer
press of the click (`pointerdown`, captured in the page), so Playwright's own latency is outside.
Targets (issue 14): median <= 0,6 s, worst page <= 1 s, cold <= 2 s. The machine's load average is
printed beside the figures: other processes slow every page.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
QUIET_MS = 600
SCRIPT_PART: list[float] = []
SCRIPT_BY_PAGE: dict[str, list[float]] = {}  # per drawn(): seconds until the script run ended (the rest is drawing)

# Installed before any page script: the time of every document change and of the last pointer press.
WATCH = """
window.__lastChange = performance.now(); window.__press = null; window.__scriptEnd = null;
new MutationObserver((records) => {
  // the children of a <canvas> are its fallback (the grid's table for screen readers), never painted;
  // the canvas's own attributes (size) are
  const drawn = records.filter(r => { const e = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    if (!e) return true;
    if (e.tagName === 'CANVAS') return r.type === 'attributes';
    return !e.closest('canvas'); });
  if (drawn.length) window.__lastChange = performance.now();
  for (const r of records) {
    if (r.attributeName === 'data-test-script-state' && r.target.getAttribute(r.attributeName) !== 'running')
      window.__scriptEnd = performance.now();
  }
})
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
addEventListener('pointerdown', () => { window.__press = performance.now(); window.__scriptEnd = null; }, true);
"""
STATE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const busy = !app || app.getAttribute('data-test-script-state') === 'running'
    || document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]') !== null
    || [...document.querySelectorAll('.js-plotly-plot')].some(p => !p.querySelector('.main-svg'));
  return {busy, now: performance.now(), last: window.__lastChange, press: window.__press,
          scriptEnd: window.__scriptEnd};
}"""


class Server:
    """One `streamlit run app.py` on a free local port over `warehouse`, with its own session store."""

    def __init__(self, warehouse: Path, workdir: Path, **env_extra: str):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "BUDAYA_WAREHOUSE": str(warehouse), "BUDAYA_DEMO": "1",
               "BUDAYA_ACCOUNTS": str(workdir / "tidak-ada-akun.toml"),
               "BUDAYA_SESSION_DB": str(workdir / f"sesi_{self.port}.sqlite"),
               "BUDAYA_SESSION_KEY_FILE": str(workdir / "sesi.key"), **env_extra}
        self.log = workdir / f"streamlit_{self.port}.log"  # a file: a full pipe would block the server
        self._log_handle = self.log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self._log_handle, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit tidak mau jalan: {self.log.read_text(errors='replace')[-2000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log_handle.close()


def drawn(pg, since: str = "press", timeout_s: float = 30) -> float:
    """Seconds from the pointer press (or from navigation start) to the last change before the page
    became quiet. The part until the server's script run ended is kept in `SCRIPT_PART`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        s = pg.evaluate(STATE)
        start = s["press"] if since == "press" else 0.0
        if start is None:
            raise RuntimeError("klik tidak tercatat")
        # the click's rerun starts a round trip later: quiet counts only after a change it caused
        if not s["busy"] and s["last"] > start and s["now"] - s["last"] >= QUIET_MS:
            SCRIPT_PART.append(((s["scriptEnd"] or s["last"]) - start) / 1000)
            return (s["last"] - start) / 1000
        pg.wait_for_timeout(50)
    raise RuntimeError(f"halaman tidak selesai digambar dalam {timeout_s} s")


def sign_in(pg, user: str = "admin") -> None:
    from warehouse.access import DEMO_PASSWORDS

    pg.get_by_label("Nama pengguna").fill(user)
    pg.locator('input[type="password"]').fill(DEMO_PASSWORDS[user])
    pg.get_by_role("button", name="Masuk", exact=True).click()


def _page_titles() -> list[str]:
    from pages import registry

    return [p.title for p in registry.PAGES]


def _signed_in(browser, server: Server):
    """A new browser context at 1366x768, watched (WATCH), signed in as admin on the default page."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(WATCH)
    pg = context.new_page()
    pg.goto(server.url)
    drawn(pg, since="start")
    sign_in(pg)
    drawn(pg)
    return context, pg


def measure_menu(browser, server: Server, rounds: int) -> dict[str, list[float]]:
    context, pg = _signed_in(browser, server)
    nav = pg.locator('[data-testid="stSidebarNav"]')
    times: dict[str, list[float]] = {}
    titles = _page_titles()
    for round_no in range(rounds + 1):
        for name in titles:
            nav.get_by_text(name, exact=True).first.click()
            took = drawn(pg)
            if round_no:  # round 0 warms the server's caches and the browser
                times.setdefault(name, []).append(took)
                SCRIPT_BY_PAGE.setdefault(name, []).append(SCRIPT_PART[-1])
    context.close()
    return times


def measure_chart(browser, server: Server, rounds: int) -> list[float]:
    """A click on an OPD bar of the Ringkasan ranking: drilled to Indeks for that OPD."""
    context, pg = _signed_in(browser, server)
    times = []
    for round_no in range(rounds + 1):
        if round_no:
            pg.locator('[data-testid="stSidebarNav"]').get_by_text(_page_titles()[0], exact=True).first.click()
            drawn(pg)
        bars = pg.locator(".js-plotly-plot .barlayer .point path")
        bar = bars.nth(round_no % max(1, bars.count()))
        bar.scroll_into_view_if_needed()
        box = bar.bounding_box()
        pg.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        took = drawn(pg)
        if round_no:
            times.append(took)
    context.close()
    return times


def measure_cold(browser, warehouse: Path, workdir: Path, path: str = "kinerja") -> dict[str, float]:
    server = Server(warehouse, workdir)
    try:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        context.add_init_script(WATCH)
        pg = context.new_page()
        pg.goto(f"{server.url}/{path}")
        first = drawn(pg, since="start")
        sign_in(pg)
        after = drawn(pg)
        context.close()
        return {"sign_in_page_s": first, "submit_to_drawn_s": after, "submit_to_script_end_s": SCRIPT_PART[-1]}
    finally:
        server.stop()


def _loadavg() -> str:
    return " ".join(f"{x:.2f}".replace(".", ",") for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from warehouse.paths import warehouse_path

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warehouse", help="gudang data dengan build terbit (bawaan: $BUDAYA_WAREHOUSE)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--cold", type=int, default=3, help="berapa kali server dingin diukur")
    args = ap.parse_args(argv)
    warehouse = warehouse_path(args.warehouse)
    load_start = _loadavg()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        workdir = Path(tmp)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        cold = [measure_cold(browser, warehouse, workdir) for _ in range(args.cold)]
        server = Server(warehouse, workdir)
        try:
            menu = measure_menu(browser, server, args.rounds)
            chart = measure_chart(browser, server, args.rounds)
        finally:
            server.stop()
            browser.close()
    per_page = {name: statistics.median(t) for name, t in menu.items()}
    clicks = [t for ts in menu.values() for t in ts] + chart
    summary = {
        "median_s": statistics.median(clicks),
        "worst_page": max(per_page, key=per_page.get),
        "worst_page_median_s": max(per_page.values()),
        "worst_click_s": max(clicks),
        "chart_click_median_s": statistics.median(chart),
    }
    if cold:
        summary |= {
            "cold_submit_to_drawn_median_s": statistics.median(c["submit_to_drawn_s"] for c in cold),
            "cold_sign_in_page_median_s": statistics.median(c["sign_in_page_s"] for c in cold),
    }
    result = {"started_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "warehouse": str(warehouse),
              "loadavg_start": load_start, "loadavg_end": _loadavg(), "rounds": args.rounds,
              "menu_s": menu, "menu_script_s": SCRIPT_BY_PAGE, "chart_s": chart, "cold": cold, "per_page_median_s": per_page,
              "summary": summary}
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"browser_{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"Beban mesin: {load_start} → {_loadavg()}")
    print(f"{'halaman':<24} {'median s':>9} {'terlama s':>10} {'skrip s':>8}")
    for name, t in menu.items():
        print(f"{name:<24} {statistics.median(t):>9.3f} {max(t):>10.3f} "
              f"{statistics.median(SCRIPT_BY_PAGE[name]):>8.3f}")
    print(f"{'klik grafik → Indeks':<24} {statistics.median(chart):>9.3f} {max(chart):>10.3f}")
    for i, c in enumerate(cold, 1):
        print(f"dingin {i}: halaman masuk {c['sign_in_page_s']:.3f} s; Masuk → halaman {c['submit_to_drawn_s']:.3f} s"
              f" (skrip selesai {c['submit_to_script_end_s']:.3f} s)")
    print("bench.browser: " + " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                       for k, v in summary.items()))
    print(f"Hasil: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
