"""Are two published builds the same? `python -m bench.compare_builds A.duckdb B.duckdb`

For every table of either file: the rows of A not in B and of B not in A (EXCEPT ALL both
ways, so duplicates count), floats rounded to 8 decimals, the build's own volatile columns
(build id, build time, the path of the configuration file) left out. Prints one line per table and exits 1 on any difference.
Used to check that a faster build publishes the same marts as the one before it.
"""

from __future__ import annotations

import sys

import duckdb

VOLATILE = {"build_id", "built_at", "config_path"}  # config_path: where the checkout that built it lives


def _columns(con: duckdb.DuckDBPyConnection, db: str, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_name = ? order by ordinal_position", [db, table]
    ).fetchall()


def _select(db: str, table: str, cols: list[tuple[str, str]]) -> str:
    def expr(c: str, t: str) -> str:
        if t in ("DOUBLE", "FLOAT", "REAL"):
            return f'round("{c}", 8) as "{c}"'
        if c == "config_json":  # the same configuration, read from another checkout's path
            patch = '{"path": null}'
            return f"json_merge_patch(\"{c}\", '{patch}') as \"{c}\""
        return f'"{c}"'

    exprs = [expr(c, t) for c, t in cols if c not in VOLATILE]
    return f'select {", ".join(exprs)} from {db}."{table}"'


def _float_gap(con: duckdb.DuckDBPyConnection, table: str, cols: list[tuple[str, str]], qa: str, qb: str) -> float | None:
    """Largest float difference (of the rounded values) between the unmatched rows of A and B paired on all
    other columns; None when they do not pair one to one (then they differ in more than floats)."""
    names = [c for c, _t in cols if c not in VOLATILE]
    floats = [c for c, t in cols if c in names and t in ("DOUBLE", "FLOAT", "REAL")]
    keys = [c for c in names if c not in floats]
    if not floats:
        return None
    on = " and ".join(f'x."{k}" is not distinct from y."{k}"' for k in keys) or "true"
    gaps = ", ".join(f'coalesce(abs(x."{f}" - y."{f}"), 0)' for f in floats)
    pairs, gap = con.execute(
        f"with x as ({qa} except all {qb}), y as ({qb} except all {qa}) "
        f"select count(*), max(greatest({gaps}, 0)) from x join y on {on}").fetchone()
    unmatched = con.execute(f"select count(*) from ({qa} except all {qb})").fetchone()[0]
    return gap if pairs == unmatched else None


def compare(a: str, b: str) -> list[tuple[str, str]]:
    """(table, verdict) for every table of either build; verdict 'sama' when identical."""
    con = duckdb.connect()
    con.execute(f"attach '{a}' as a (read_only)")
    con.execute(f"attach '{b}' as b (read_only)")
    tables = {db: {r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = ?", [db]).fetchall()} for db in ("a", "b")}
    out = []
    for table in sorted(tables["a"] | tables["b"]):
        if table not in tables["a"] or table not in tables["b"]:
            out.append((table, "hanya di " + ("A" if table in tables["a"] else "B")))
            continue
        cols_a, cols_b = _columns(con, "a", table), _columns(con, "b", table)
        if cols_a != cols_b:
            out.append((table, f"kolom berbeda: {cols_a} vs {cols_b}"))
            continue
        qa, qb = _select("a", table, cols_a), _select("b", table, cols_b)
        only_a = con.execute(f"select count(*) from ({qa} except all {qb})").fetchone()[0]
        only_b = con.execute(f"select count(*) from ({qb} except all {qa})").fetchone()[0]
        rows = con.execute(f'select count(*) from a."{table}"').fetchone()[0]
        if only_a == only_b == 0:
            verdict = "sama"
        elif only_a == only_b and (gap := _float_gap(con, table, cols_a, qa, qb)) is not None and gap <= 1.01e-8:
            # The same rows but for the 8th decimal flipping in the rounding (a sum in another order).
            verdict = f"sama ({only_a} baris beda 1 pada desimal ke-8: urutan penjumlahan)"
        else:
            verdict = f"BERBEDA: {only_a} baris hanya di A, {only_b} hanya di B"
        out.append((table, verdict + f" ({rows:,} baris)".replace(",", ".")))
    con.close()
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    results = compare(*argv)
    for table, verdict in results:
        print(f"{table:36} {verdict}")
    same = sum(v.startswith("sama") for _t, v in results)
    print(f"{same}/{len(results)} tabel sama.")
    return 0 if same == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
