"""Benchmark orchestrator: `python -m bench [--scale 1|10] [--pegawai N --bulan M] [--repeat N]`.

Generates the demo region once into the cache, then measures in one run, each step in
a fresh subprocess (peak RSS from os.wait4 of that child):

    load    ours (pipelines.ingest) vs DuckDB read_csv (floor) vs pandas, per repeat
    build   warehouse.build on a copy of the loaded warehouse, per repeat
    culture culture index per OPD-month: build SQL vs pandas groupby
    pages   every warehouse/queries/*.sql through warehouse.query, warm and cold

Prints a table and, as the last line,
`bench: load/duckdb=<x>x build_s=<s> page_p95_ms=<ms> peak_rss_mb=<mb>`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DEFAULT_CACHE = BENCH_DIR / "cache"
RESULTS_DIR = BENCH_DIR / "results"
SCALE_PEGAWAI = 6000
SCALE_BULAN = 24
TOP_BUILD_STEPS = 12  # build steps printed (all of them are in the results JSON)


# -- machine ----------------------------------------------------------------------------


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 2**20
    except OSError:
        pass
    versions = {}
    for mod in ("duckdb", "polars", "pandas", "pyarrow"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:
            versions[mod] = None
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": cpu,
        "ram_gb": round(ram_gb, 1) if ram_gb else None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        **versions,
    }


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# -- running one step -------------------------------------------------------------------


class StepFailed(Exception):
    pass


def run_step(step: str, out_dir: Path, label: str, timeout: float, **options) -> dict:
    """Run `python -m bench.steps STEP` in a fresh process; returns its JSON plus wall
    time and peak RSS of the child (os.wait4), or {'error': ...}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / f"{label}.json"
    log_path = out_dir / f"{label}.log"
    json_path.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "bench.steps", step, "--json", str(json_path)]
    for key, value in options.items():
        if value is None or value is False:
            continue
        cmd += [f"--{key.replace('_', '-')}", str(value)]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("_RJEM_MALLOC_CONF", None)  # set by imports in this process; each step chooses as the CLI does
    t0 = time.perf_counter()
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return {"error": f"timed out after {timeout:.0f} s", "wall_s": time.perf_counter() - t0,
                        "peak_rss_mb": usage.ru_maxrss / 1024, "log": str(log_path)}
            time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    if proc.returncode != 0 or not json_path.exists():
        lines = log_path.read_text(errors="replace").strip().splitlines()
        tail = " | ".join(line.strip() for line in lines[-4:])[-700:]
        return {"error": f"exit {proc.returncode}: {tail}", "wall_s": wall, "peak_rss_mb": peak,
                "log": str(log_path)}
    data = json.loads(json_path.read_text())
    data["wall_s"] = wall
    data["peak_rss_mb"] = peak
    return data


# -- helpers ----------------------------------------------------------------------------


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=2, unit=""):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value}{unit}"


def progress(message: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def generator_digest() -> str:
    """Hash of the generator's sources (demo_region/*.py): cached data made by another version is regenerated."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((ROOT / "demo_region").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


# -- the run ----------------------------------------------------------------------------


def ensure_data(args, cache: Path, timeout: float) -> tuple[Path, dict]:
    gen = "demo_region"
    key = f"p{args.pegawai}_b{args.bulan}_s{args.seed}"
    base = cache / key
    src = base / "src"
    meta_path = base / "meta.json"
    digest = generator_digest()
    if meta_path.exists() and src.exists() and not args.regenerate:
        meta = json.loads(meta_path.read_text())
        if meta.get("generator_digest") == digest or args.reuse:
            meta["cached"] = True
            meta["stale_generator"] = meta.get("generator_digest") != digest
            return base, meta
        progress(f"cached data was made by another version of {gen}; regenerating")
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    progress(f"generating {args.pegawai} pegawai x {args.bulan} bulan with {gen} into {src}")
    res = run_step("generate", base / "logs", "generate", timeout, src=src, pegawai=args.pegawai,
                   bulan=args.bulan, seed=args.seed)
    if "error" in res:
        raise StepFailed(f"generate failed: {res['error']}")
    files = [p for p in src.rglob("*") if p.is_file()]
    meta = {
        "generator": res["generator"], "generator_digest": digest, "generate_s": res["seconds"],
        "generate_peak_rss_mb": res["peak_rss_mb"],
        "pegawai": args.pegawai, "bulan": args.bulan, "seed": args.seed,
        "files": len(files), "bytes": sum(p.stat().st_size for p in files),
        "generated_at": dt.datetime.now().isoformat(timespec="seconds"), "summary": res.get("summary"),
    }
    meta_path.write_text(json.dumps(meta, indent=1))
    meta["cached"] = False
    return base, meta


def run(args) -> dict:
    cache = Path(args.cache).resolve()
    timeout = args.step_timeout
    started = time.perf_counter()
    result: dict = {"started_at": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
                    "loadavg_start": loadavg(),
                    "args": {k: v for k, v in vars(args).items() if k != "func"}}
    base, meta = ensure_data(args, cache, timeout)
    result["data"] = meta
    src = base / "src"
    from bench.steps import source_files

    files = source_files(src)
    result["data"]["loadable_files"] = len(files)
    result["data"]["loadable_mb"] = sum(f.stat().st_size for f in files) / 2**20
    by_suffix: dict[str, int] = {}
    for f in files:
        by_suffix[f.suffix.lower()] = by_suffix.get(f.suffix.lower(), 0) + 1
    result["data"]["by_suffix"] = by_suffix
    work = base / "work"
    logs = base / "logs"
    if work.exists():
        shutil.rmtree(work)
    loaded = work / "loaded.duckdb"

    # -- load ---------------------------------------------------------------------------
    load = {"ours": [], "duckdb": [], "pandas": []}
    for r in range(args.repeat):
        for name, step in (("ours", "load_ours"), ("duckdb", "load_duckdb"), ("pandas", "load_pandas")):
            if name == "pandas" and args.no_pandas:
                continue
            progress(f"load {name} repeat {r + 1}/{args.repeat}")
            target = work / f"load_{name}_{r}"
            res = run_step(step, logs, f"load_{name}_{r}", timeout, src=src, work=target)
            load[name].append(res)
            if "error" in res:
                progress(f"  failed: {res['error'][:300]}")
            else:
                progress(f"  {res['seconds']:.2f} s, peak {res['peak_rss_mb']:.0f} MB")
            if name == "ours" and "error" not in res and not loaded.exists():
                shutil.move(target / "budaya.duckdb", loaded)
            shutil.rmtree(target, ignore_errors=True)
    ratios = {"duckdb": [], "pandas": []}
    for name in ratios:
        for ours, other in zip(load["ours"], load[name]):
            if "error" not in ours and "error" not in other and other["seconds"] > 0:
                ratios[name].append(ours["seconds"] / other["seconds"])
    result["load"] = load
    result["load_ratio_ours_over_duckdb"] = ratios["duckdb"]
    result["load_ratio_ours_over_pandas"] = ratios["pandas"]

    # -- profile (optional) -------------------------------------------------------------
    if args.profile:
        progress("load ours under cProfile")
        prof = logs / "ingest.prof"
        res = run_step("load_ours", logs, "load_ours_profile", timeout, src=src, work=work / "profile",
                       profile=prof)
        shutil.rmtree(work / "profile", ignore_errors=True)
        result["profile"] = {"seconds": res.get("seconds"), "file": str(prof), "top": profile_top(prof)}

    # -- build --------------------------------------------------------------------------
    builds = []
    build_ready = importlib.util.find_spec("warehouse.build") is not None
    if not loaded.exists():
        result["build_skipped"] = "no loaded warehouse (our load failed)"
    elif not build_ready:
        result["build_skipped"] = "warehouse/build.py not there yet"
    else:
        for r in range(args.repeat):
            progress(f"build repeat {r + 1}/{args.repeat}")
            target = work / f"build_{r}"
            res = run_step("build", logs, f"build_{r}", timeout, loaded=loaded, work=target)
            builds.append(res)
            if "error" in res:
                progress(f"  failed: {res['error'][:300]}")
                break
            progress(f"  {res['seconds']:.2f} s, peak {res['peak_rss_mb']:.0f} MB")
            if r < args.repeat - 1:
                shutil.rmtree(target, ignore_errors=True)
    result["build"] = builds
    last_build = builds[-1] if builds and "error" not in builds[-1] else None

    # -- culture index ------------------------------------------------------------------
    if last_build:
        progress("culture index: build SQL vs pandas")
        result["culture"] = run_step("culture", logs, "culture", timeout, warehouse=last_build["warehouse"],
                                     repeat=args.repeat)
    # -- pages --------------------------------------------------------------------------
    published = Path(args.published) if args.published else (
        Path(last_build["published"]) if last_build and last_build.get("published") else None)
    if published is None:
        result["pages_skipped"] = "no published build"
    else:
        progress(f"pages on {published.name} ({args.iterations} warm + {args.cold_iterations} cold runs per page)")
        result["pages"] = run_step("pages", logs, "pages", timeout, published=published,
                                   iterations=args.iterations, cold_iterations=args.cold_iterations)
        if "error" in result["pages"]:
            progress(f"  failed: {result['pages']['error'][:300]}")
    if not args.keep_work:
        shutil.rmtree(work, ignore_errors=True)
    result["loadavg_end"] = loadavg()
    result["total_s"] = time.perf_counter() - started
    result["summary"] = summarise(result)
    return result


def profile_top(prof: Path, n: int = 30) -> list[dict]:
    if not prof.exists():
        return []
    import pstats

    stats = pstats.Stats(str(prof))
    rows = []
    for (filename, line, func), (_cc, nc, tt, ct, _) in stats.stats.items():
        rows.append({"func": f"{Path(filename).name}:{line}:{func}", "ncalls": nc, "tottime": tt, "cumtime": ct})
    rows.sort(key=lambda r: r["cumtime"], reverse=True)
    top_cum = rows[:n]
    top_tot = sorted(rows, key=lambda r: r["tottime"], reverse=True)[:n]
    return {"by_cumtime": top_cum, "by_tottime": top_tot}


def summarise(result: dict) -> dict:
    ok = lambda runs: [r for r in runs if "error" not in r]  # noqa: E731
    load = result["load"]
    s = {
        "load_ours_s": med([r["seconds"] for r in ok(load["ours"])]),
        "load_duckdb_s": med([r["seconds"] for r in ok(load["duckdb"])]),
        "load_pandas_s": med([r["seconds"] for r in ok(load["pandas"])]),
        "load_over_duckdb": med(result["load_ratio_ours_over_duckdb"]),
        "load_over_pandas": med(result["load_ratio_ours_over_pandas"]),
        "build_s": med([r["seconds"] for r in ok(result.get("build", []))]),
        "build_steps": build_steps(ok(result.get("build", []))),
        "by_source": per_source(load),
    }
    pages = result.get("pages") or {}
    worst = None
    for variant, data in (pages.get("variants") or {}).items():
        for page, fig in data["pages"].items():
            if worst is None or fig["warm_p95_ms"] > worst[0]:
                worst = (fig["warm_p95_ms"], f"{variant}:{page}")
    s["page_p95_ms"] = worst[0] if worst else None
    s["page_p95_worst"] = worst[1] if worst else None
    worst_q = None
    for variant, data in (pages.get("variants") or {}).items():
        for name, fig in data["queries"].items():
            if worst_q is None or fig["p95_ms"] > worst_q[0]:
                worst_q = (fig["p95_ms"], f"{variant}:{name}")
    s["query_p95_ms"] = worst_q[0] if worst_q else None
    s["query_p95_worst"] = worst_q[1] if worst_q else None
    s["query_errors"] = len(pages.get("errors") or {})
    ours_rss = [r["peak_rss_mb"] for r in load["ours"] + result.get("build", []) if "peak_rss_mb" in r]
    if pages.get("peak_rss_mb"):
        ours_rss.append(pages["peak_rss_mb"])
    s["peak_rss_mb"] = max(ours_rss) if ours_rss else None
    s["line"] = (
        f"bench: load/duckdb={fmt(s['load_over_duckdb'])}x build_s={fmt(s['build_s'])} "
        f"page_p95_ms={fmt(s['page_p95_ms'], 1)} peak_rss_mb={fmt(s['peak_rss_mb'], 0)}"
    ).replace(",", "")
    return s


# -- printing ---------------------------------------------------------------------------


def per_source(load: dict) -> dict:
    """Per-file times of every contender summed by the source our load detected for the file."""
    ours = [r for r in load["ours"] if "error" not in r and r.get("per_file")]
    if not ours or ours[-1]["per_file"][0].get("seconds") is None:
        return {}
    source_of = {f["file"]: f["source"] or "tidak_dikenal" for f in ours[-1]["per_file"]}
    out: dict[str, dict] = {}
    for f in ours[-1]["per_file"]:
        v = out.setdefault(source_of[f["file"]], {"files": 0, "rows": 0})
        v["files"] += 1
        v["rows"] += f["rows_in"] or 0
    for name in ("ours", "duckdb", "pandas"):
        runs = [r for r in load[name] if "error" not in r and r.get("per_file")]
        for src in out:
            totals = []
            for r in runs:
                if name == "ours":
                    totals.append(sum(f["seconds"] or 0 for f in r["per_file"] if source_of.get(f["file"]) == src))
                else:
                    totals.append(sum(sec for file, sec in r["per_file"].items() if source_of.get(file) == src))
            out[src][name] = med(totals)
    return dict(sorted(out.items(), key=lambda kv: -(kv[1].get("ours") or 0)))


def build_steps(builds: list[dict]) -> dict[str, float]:
    """Median seconds of each model (and calendar, checks, publish) over the builds, slowest first."""
    names = {name for b in builds for name in b.get("timings") or {}}
    steps = {name: med([(b.get("timings") or {}).get(name) for b in builds]) for name in names}
    return dict(sorted(steps.items(), key=lambda kv: -kv[1]))


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)  # noqa: E731
                               for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def report(result: dict) -> str:
    m, d, s = result["machine"], result["data"], result["summary"]
    out = []
    out.append(f"machine: {m['nproc']} CPU ({m['cpu_model']}), {m['ram_gb']} GB RAM, Python {m['python']}, "
               f"duckdb {m['duckdb']}, polars {m['polars']}, pandas {m['pandas']}")
    out.append(f"load average at start {result['loadavg_start']}, at end {result['loadavg_end']} "
               "(other processes on the machine show here)")
    out.append(f"data: {d['pegawai']} pegawai x {d['bulan']} bulan, seed {d['seed']}, generator {d['generator']}"
               f" ({'cached' if d.get('cached') else 'generated this run'} in {fmt(d['generate_s'])} s); "
               f"{d['loadable_files']} loadable files, {d['loadable_mb']:.1f} MB {d['by_suffix']}")
    if d.get("stale_generator"):
        out.append("note: data made by an earlier version of demo_region/ (--reuse)")
    out.append("")
    load = result["load"]
    rows = []
    for name, label in (("ours", "ours: pipelines.ingest"), ("duckdb", "floor: duckdb read_csv"),
                        ("pandas", "pandas read_csv -> duckdb")):
        runs = [r for r in load[name] if "error" not in r]
        if not load[name]:
            continue
        rows.append([
            label,
            fmt(med([r["seconds"] for r in runs])),
            " ".join(f"{r['seconds']:.2f}" for r in runs) or "failed",
            fmt(med([r["wall_s"] for r in runs])),
            fmt(max([r["peak_rss_mb"] for r in load[name]] or [0.0]), 0),
            fmt(runs[-1].get("rows_loaded", runs[-1].get("rows")) if runs else None),
        ])
    out.append("LOAD (all files into a fresh DuckDB file; median of repeats)")
    out.append(table(rows, ["contender", "median s", "runs s", "process s", "peak RSS MB", "rows"]))
    out.append(f"ours/duckdb per repeat: {' '.join(f'{x:.2f}' for x in result['load_ratio_ours_over_duckdb'])}"
               f" -> median {fmt(s['load_over_duckdb'])}x (target <= 1.5x at 1x, <= 2x at 10x)")
    if result["load_ratio_ours_over_pandas"]:
        out.append(f"ours/pandas per repeat: {' '.join(f'{x:.2f}' for x in result['load_ratio_ours_over_pandas'])}"
                   f" -> median {fmt(s['load_over_pandas'])}x")
    ours_ok = [r for r in load["ours"] if "error" not in r]
    if ours_ok:
        r = ours_ok[-1]
        out.append(f"ours: {r['files']} files {r['files_by_status']}, rows in {r['rows_in']:,}, loaded "
                   f"{r['rows_loaded']:,}, quarantined {r['rows_quarantined']:,}, duplicate {r['rows_duplicate']:,}")
        if r.get("rejected"):
            out.append(f"  rejected: {r['rejected'][:3]}")
        growth = [(f["peak_rss_mb"] - before, f["file"], f["peak_rss_mb"]) for before, f in zip(
            [0.0] + [f.get("peak_rss_mb") or 0.0 for f in r["per_file"]], r["per_file"]) if f.get("peak_rss_mb")]
        if growth:
            top = sorted(growth, reverse=True)[:3]
            out.append("  files that raised the load's peak RSS most: " + ", ".join(
                f"{name} (+{up:.0f} MB to {peak:.0f} MB)" for up, name, peak in top))
    by_source = s.get("by_source") or per_source(load)
    if by_source:
        out.append("ours by source (median over repeats of the per-file times; files that our load rejected "
                   "count on both sides)")
        out.append(table([[src, v["files"], f"{v['rows']:,}", fmt(v["ours"]), fmt(v["duckdb"]), fmt(v["pandas"]),
                           fmt(v["ours"] / v["duckdb"] if v["ours"] is not None and v["duckdb"] else None, unit="x")]
                          for src, v in by_source.items()],
                         ["source", "files", "rows in", "ours s", "floor s", "pandas s", "ours/floor"]))
    for name in ("ours", "duckdb", "pandas"):
        for r in load[name]:
            if "error" in r:
                out.append(f"{name} FAILED: {r['error'][:400]}")
                break
    out.append("")
    builds = result.get("build") or []
    if result.get("build_skipped"):
        out.append(f"BUILD skipped: {result['build_skipped']}")
    elif builds:
        ok_b = [b for b in builds if "error" not in b]
        out.append("BUILD (warehouse.build on a copy of the loaded warehouse)")
        out.append(table([[
            "build + publish", fmt(s["build_s"]), " ".join(f"{b['seconds']:.2f}" for b in ok_b) or "failed",
            fmt(max(b["peak_rss_mb"] for b in builds), 0),
            fmt(ok_b[-1]["published_mb"], 1) if ok_b and ok_b[-1].get("published_mb") else "n/a",
        ]], ["step", "median s", "runs s", "peak RSS MB", "published MB"]))
        for b in builds:
            if "error" in b:
                out.append(f"build FAILED: {b['error'][:600]}")
        steps = s.get("build_steps") or {}
        if steps:
            shown = list(steps.items())[:TOP_BUILD_STEPS]
            out.append(f"build steps by time (median over repeats; top {len(shown)} of {len(steps)}, "
                       f"together {sum(v for _k, v in shown):.1f} of {sum(steps.values()):.1f} s)")
            out.append(table([[name, fmt(sec), f"{100 * sec / s['build_s']:.0f} %" if s["build_s"] else "n/a"]
                              for name, sec in shown], ["model / step", "s", "of build"]))
        if ok_b and s["load_ours_s"] is not None:
            total = (d["generate_s"] or 0) + s["load_ours_s"] + s["build_s"]
            out.append(f"generate + load + build = {d['generate_s']:.1f} + {s['load_ours_s']:.1f} + "
                       f"{s['build_s']:.1f} = {total:.1f} s (target at 1x: < 120 s on 2 cores)")
    culture = result.get("culture")
    if culture:
        out.append("")
        if culture.get("skipped") or culture.get("error"):
            out.append(f"CULTURE INDEX: {culture.get('skipped') or culture.get('error')[:600]}")
        else:
            out.append("CULTURE INDEX per OPD-month (same input rows; median of repeats)")
            out.append(table([
                ["ours: build SQL", fmt(culture["ours_s"], 3), fmt(culture.get("ours_rows"))],
                ["pandas groupby", fmt(culture["pandas_s"], 3), fmt(culture.get("pandas_rows"))],
            ], ["method", "median s", "rows"]))
            out.append(f"ours/pandas = {fmt(culture.get('ratio'))}x; agreement: {culture.get('agreement')}")
            if culture.get("note"):
                out.append(f"  {culture['note']}")
    pages = result.get("pages")
    out.append("")
    if result.get("pages_skipped"):
        out.append(f"PAGES skipped: {result['pages_skipped']}")
    elif pages and (pages.get("error") or pages.get("skipped")):
        out.append(f"PAGES: {pages.get('error') or pages.get('skipped')}"[:800])
    elif pages:
        out.append(f"PAGES ({pages['query_count']} query files via warehouse.query; ms per page = all its queries "
                   f"in sequence; warm p50/p95 over {pages['iterations']} runs, cold over "
                   f"{pages['cold_iterations']} fresh connections)")
        rows = []
        for variant, data in pages["variants"].items():
            for page, fig in data["pages"].items():
                rows.append([f"{variant}:{page}", fig["queries"], fmt(fig["warm_p50_ms"], 1),
                             fmt(fig["warm_p95_ms"], 1), fmt(fig["cold_p50_ms"], 1), fmt(fig["cold_p95_ms"], 1)])
        out.append(table(rows, ["variant:page", "queries", "warm p50", "warm p95", "cold p50", "cold p95"]))
        slow = sorted(((v, n, q) for v, data in pages["variants"].items() for n, q in data["queries"].items()),
                      key=lambda x: -x[2]["p95_ms"])[:5]
        out.append(f"worst page (warm p95): {s['page_p95_worst']} {fmt(s['page_p95_ms'], 1)} ms; worst single query "
                   f"(warm p95): {s['query_p95_worst']} {fmt(s['query_p95_ms'], 1)} ms (target < 300 ms at 1x, "
                   "< 1,500 ms at 10x)")
        out.append("slowest queries (warm p95 ms): " + ", ".join(f"{v}:{n} {q['p95_ms']:.1f}" for v, n, q in slow))
        out.append(f"page-serving process peak RSS {pages['peak_rss_mb']:.0f} MB; first open of the build "
                   f"{pages['first_open_ms']:.0f} ms; filters: {pages['context']}")
        if pages.get("errors"):
            out.append(f"WARNING: {len(pages['errors'])} query runs failed (their pages' times are not valid): "
                       f"{json.dumps(pages['errors'])[:1200]}")
        if pages.get("guessed_params"):
            out.append(f"parameters set to NULL (unknown to the bench): {pages['guessed_params']}")
    if result.get("profile"):
        out.append("")
        out.append(f"PROFILE of our load (cProfile, {fmt(result['profile']['seconds'])} s under the profiler; "
                   "top by cumulative time)")
        for row in result["profile"]["top"]["by_cumtime"][:20]:
            out.append(f"  {row['cumtime']:8.2f} s cum {row['tottime']:8.2f} s self {row['ncalls']:>8}  {row['func']}")
    out.append("")
    out.append(f"total bench time {result['total_s']:.0f} s; results in {result.get('results_file', '?')}")
    out.append(s["line"])
    return "\n".join(out)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=float, default=1, help="1 = default demo (6,000 pegawai x 24 bulan), 10 = 60,000")
    p.add_argument("--pegawai", type=int, help="override the employee count")
    p.add_argument("--bulan", type=int, help="override the month count (default 24)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--repeat", type=int, default=3, help="repeats of every load and build step (median reported)")
    p.add_argument("--iterations", type=int, default=20, help="warm runs per page and variant")
    p.add_argument("--cold-iterations", type=int, default=5, help="fresh-connection runs per page and variant")
    p.add_argument("--cache", default=str(DEFAULT_CACHE), help="where generated data is kept (default bench/cache)")
    p.add_argument("--results", default=str(RESULTS_DIR), help="where the JSON results go (default bench/results)")
    p.add_argument("--regenerate", action="store_true", help="ignore cached data")
    p.add_argument("--generate-only", action="store_true", help="only make sure the cached data exists")
    p.add_argument("--reuse", action="store_true",
                   help="use cached data even if demo_region/ changed since it was made")
    p.add_argument("--no-pandas", action="store_true", help="skip the pandas load baseline")
    p.add_argument("--profile", action="store_true", help="also run our load once under cProfile and print hot spots")
    p.add_argument("--published", help="measure pages on this published build file instead of the fresh one")
    p.add_argument("--keep-work", action="store_true", help="keep the loaded / built warehouses under the cache")
    p.add_argument("--step-timeout", type=float, default=3600, help="seconds before a step is killed")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.pegawai = args.pegawai or round(SCALE_PEGAWAI * args.scale)
    args.bulan = args.bulan or SCALE_BULAN
    if args.generate_only:
        base, meta = ensure_data(args, Path(args.cache).resolve(), args.step_timeout)
        print(f"data in {base / 'src'}: {json.dumps(meta)}")
        return 0
    try:
        result = run(args)
    except StepFailed as error:
        print(f"bench: failed: {error}", file=sys.stderr)
        return 1
    results_dir = Path(args.results)
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    path = results_dir / f"{stamp}_p{args.pegawai}_b{args.bulan}.json"
    result["results_file"] = str(path)
    path.write_text(json.dumps(result, indent=1, default=str))
    (results_dir / f"latest_p{args.pegawai}_b{args.bulan}.json").write_text(json.dumps(result, indent=1, default=str))
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
