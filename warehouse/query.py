"""The one read-side query layer: published build -> scoped views -> named SQL -> Polars.

    Published(build_file).run("overview__series", scope, **filters.params())

- The published build is ATTACHed READ_ONLY into an in-memory DuckDB (`pub`); the
  ingest file is never opened, so the pipeline is never locked out (peers.md §E).
- A viewer's Scope becomes a schema `scope_<id>` of views over `pub`: rows outside the
  scope's OPDs are filtered there, and NIP/names are replaced by a keyed pseudonym when
  personal data is not allowed. Each query runs on its own cursor whose search_path is
  that schema, so the SQL files (`warehouse/queries/<page>__<question>.sql`, `$name`
  parameters) cannot forget the scope. They never name `pub.` (a test checks this).
- No Streamlit here: pages/ui/data.py adds the caching. Identifiers come only from file
  names and the catalog; values are always bound parameters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import threading
from collections import OrderedDict
from pathlib import Path

import duckdb
import polars as pl

from warehouse.paths import current_build_file, warehouse_path

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
IDENT_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
ADMIN_ONLY = frozenset({"quarantine", "ingest_batches"})  # raw rows, file names: admin only (Scope.sees_raw)
TEXT_WITH_NIPS = frozenset({"reason", "explanation", "message"})


@dataclasses.dataclass(frozen=True)
class Scope:
    """What one viewer may see. opd_codes None = every OPD; raw_data: the quarantine and
    load batches (raw rows, file names), for the data admin only."""

    opd_codes: tuple[str, ...] | None = None
    show_personal: bool = True
    pseudonym_key: bytes | None = None
    raw_data: bool = True

    def __post_init__(self):
        if not self.show_personal and not self.pseudonym_key:
            raise ValueError("Scope without personal data needs a pseudonym_key")
        if self.opd_codes is not None:
            object.__setattr__(self, "opd_codes", tuple(sorted(set(self.opd_codes))))

    @property
    def is_restricted(self) -> bool:
        return self.opd_codes is not None or not self.show_personal

    @property
    def sees_raw(self) -> bool:
        """Quarantined raw rows and load batches: only an unrestricted scope with raw_data."""
        return self.raw_data and not self.is_restricted

    @property
    def key(self) -> tuple:
        """A plain tuple for cache keys; Scope(*scope.key) gives the scope back."""
        return (self.opd_codes, self.show_personal, self.pseudonym_key, self.raw_data)

    @property
    def schema(self) -> str:
        """Schema name for this scope's views (a digest; the key never appears in it)."""
        key = hashlib.sha256(self.pseudonym_key or b"").hexdigest()
        digest = hashlib.sha256(repr((self.opd_codes, self.show_personal, key, self.raw_data)).encode()).hexdigest()
        return "scope_" + digest[:16]


ADMIN = Scope()


@dataclasses.dataclass(frozen=True)
class Filters:
    """The shared sidebar filters. None = no restriction."""

    month_from: dt.date | None = None
    month_to: dt.date | None = None
    opd_codes: tuple[str, ...] | None = None
    rumpun: tuple[str, ...] | None = None
    position_types: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None

    def params(self) -> dict:
        """As query parameters: lists (or NULL) and dates."""
        out = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            out[f.name] = list(v) if isinstance(v, tuple) else v
        return out


def sql_for(name: str) -> str:
    if not IDENT_RE.match(name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def _bind(sql: str, params: dict) -> dict:
    """Only the parameters the SQL names (DuckDB rejects extras); missing ones are an error."""
    names = set(PARAM_RE.findall(_strip_comments(sql)))
    missing = names - params.keys()
    if missing:
        raise KeyError(f"missing query parameter(s): {', '.join(sorted(missing))}")
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items() if k in names}


class Published:
    """One published build, attached read-only, with a schema of views per scope."""

    def __init__(self, build_file: Path | str):
        self.build_file = Path(build_file)
        self.build_id = self.build_file.stem
        self._con = duckdb.connect()
        literal = "'" + str(self.build_file).replace("'", "''") + "'"  # ATTACH takes no parameters
        self._con.execute(f"attach {literal} as pub (read_only)")
        self._lock = threading.Lock()
        self._schemas: set[str] = set()
        self._columns = self._catalog()

    def _catalog(self) -> dict[str, dict[str, str]]:
        rows = self._con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_catalog = 'pub' and table_schema = 'main' order by table_name, ordinal_position"
        ).fetchall()
        out: dict[str, dict[str, str]] = {}
        for table, column, dtype in rows:
            out.setdefault(table, {})[column] = dtype
        return out

    def close(self) -> None:
        with self._lock:
            self._con.close()

    # -- scope ---------------------------------------------------------------------

    def _view_sql(self, schema: str, table: str, scope: Scope) -> str:
        cols = self._columns[table]
        where = []
        if table in ADMIN_ONLY and not scope.sees_raw:
            where.append("false")
        elif scope.opd_codes is not None:
            if "opd_code" in cols:
                where.append(f"opd_code in (select opd_code from {schema}._scope_opd)")
            elif "nip" in cols and "dim_pegawai" in self._columns:
                where.append(f"nip in (select nip from pub.main.dim_pegawai where opd_code in "
                             f"(select opd_code from {schema}._scope_opd))")
        replace, source = [], f"pub.main.{table} as t"
        in_scope = f"p.opd_code in (select opd_code from {schema}._scope_opd)"
        if not scope.show_personal:
            source += f" cross join {schema}._scope_key as _k"
            if "nip" in cols:
                replace.append(f"{schema}.pseudo(t.nip, _k.k) as nip")
                if "name" in cols:
                    replace.append(f"'Pegawai ' || {schema}.pseudo(t.nip, _k.k) as name")
            if "partner_nips" in cols:
                replace.append(f"array_to_string(list_transform(string_split(t.partner_nips, ','), "
                               f"lambda x: {schema}.pseudo(trim(x), _k.k)), ',') as partner_nips")
            if "birth_date" in cols:
                replace.append("null::date as birth_date")
        elif scope.opd_codes is not None and "partner_nips" in cols:
            # a partner outside the viewer's OPDs is not shown
            replace.append(f"(select string_agg(case when {in_scope} then p.nip else '[di luar lingkup]' end, ',') "
                           f"from unnest(string_split(t.partner_nips, ',')) as u(x) "
                           f"left join pub.main.dim_pegawai as p on p.nip = trim(u.x)) as partner_nips")
        if scope.is_restricted and "partner_nips" in cols and "dim_pegawai" in self._columns:
            # reasons name the partner ("… dengan <nama> (NIP …)"): hide who the viewer may not see
            hidden = "true" if not scope.show_personal else f"not ({in_scope})"
            people = "coalesce(t.partner_nips, '') || ',' || coalesce(t.nip, '')"
            for c in sorted(TEXT_WITH_NIPS & cols.keys()):
                names = (f"(select list_filter(flatten(list([p.name, p.nip])), lambda x: coalesce(x, '') <> '') "
                         f"from unnest(string_split({people}, ',')) as u(x) join pub.main.dim_pegawai as p "
                         f"on p.nip = trim(u.x) where {hidden})")
                masked = (f"list_reduce(list_prepend(t.{c}, coalesce({names}, [])), "
                          f"lambda acc, x: replace(acc, x, '[disamarkan]'))")
                replace.append(f"{self._mask_nips(masked, scope)} as {c}")
        elif not scope.show_personal:
            for c in sorted(TEXT_WITH_NIPS & cols.keys()):
                replace.append(f"{self._mask_nips(f't.{c}', scope)} as {c}")
        select = "select t.*" + (f" replace ({', '.join(replace)})" if replace else "")
        # masking partners row by row is slow on every read: do it once per scope and build
        kind = "table" if scope.is_restricted and "partner_nips" in cols else "view"
        return (f"create {kind} {schema}.{table} as {select} from {source}"
                + (f" where {' and '.join(where)}" if where else ""))

    @staticmethod
    def _mask_nips(expr: str, scope: Scope) -> str:
        """Without personal data, no 18-digit number (a NIP) survives in free text."""
        return expr if scope.show_personal else f"regexp_replace({expr}, '\\d{{18}}', '[NIP disamarkan]', 'g')"

    def _ensure_scope(self, scope: Scope) -> str:
        schema = scope.schema
        if schema in self._schemas:
            return schema
        with self._lock:
            if schema in self._schemas:
                return schema
            con = self._con
            con.begin()
            try:
                self._create_scope(con, schema, scope)
                con.commit()
            except Exception:
                con.rollback()
                raise
            self._schemas.add(schema)
        return schema

    def _create_scope(self, con: duckdb.DuckDBPyConnection, schema: str, scope: Scope) -> None:
        con.execute(f"create schema {schema}")
        con.execute(f"create table {schema}._scope_opd (opd_code varchar)")
        if scope.opd_codes:
            con.executemany(f"insert into {schema}._scope_opd values (?)", [[c] for c in scope.opd_codes])
        con.execute(f"create table {schema}._scope_key (k varchar)")
        con.execute(f"insert into {schema}._scope_key values (?)", [(scope.pseudonym_key or b"").hex()])
        con.execute(f"create table {schema}.scope_info (all_opd boolean, show_personal boolean)")
        con.execute(f"insert into {schema}.scope_info values (?, ?)",
                    [scope.opd_codes is None, scope.show_personal])
        con.execute(f"create macro {schema}.pseudo(n, key) as case when n is null then null else "
                    f"'ASN-' || upper(substr(sha256(key || ':' || n), 1, 10)) end")
        for table in self._columns:
            con.execute(self._view_sql(schema, table, scope))
        # Filter helpers the SQL files share (a NULL list = no restriction).
        con.execute(f"create macro {schema}.opd_selected(code, codes, rum) as "
                    f"(codes is null or list_contains(codes, code)) and (rum is null or code in "
                    f"(select d.opd_code from {schema}.dim_opd d where list_contains(rum, d.rumpun)))")
        con.execute(f"create macro {schema}.nip_selected(n, ptypes, statuses) as "
                    f"(ptypes is null and statuses is null) or n in (select p.nip from "
                    f"{schema}.dim_pegawai p where (ptypes is null or list_contains(ptypes, p.position_type)) "
                    f"and (statuses is null or list_contains(statuses, p.employment_status)))")

    def _cursor(self, scope: Scope) -> duckdb.DuckDBPyConnection:
        schema = self._ensure_scope(scope)
        with self._lock:
            cur = self._con.cursor()
        cur.execute(f"set search_path = '{schema}'")
        return cur

    # -- reading -------------------------------------------------------------------

    def sql(self, sql: str, scope: Scope, params: dict | None = None) -> pl.DataFrame:
        """Run SQL text inside the scope (for the query files and the explorer)."""
        cur = self._cursor(scope)
        try:
            return cur.sql(sql, params=_bind(sql, params or {})).pl()
        finally:
            cur.close()

    def run(self, name: str, scope: Scope, **params) -> pl.DataFrame:
        """Run warehouse/queries/<name>.sql with `$name` parameters inside the scope."""
        return self.sql(sql_for(name), scope, params)

    def tables(self, scope: Scope) -> list[str]:
        """Published tables this scope may browse (admin-only ones hidden without raw_data)."""
        return [t for t in self._columns if not (t in ADMIN_ONLY and not scope.sees_raw)]

    def columns(self, table: str) -> dict[str, str]:
        return dict(self._columns[table])

    def table(self, table: str, scope: Scope, filters: Filters, limit: int | None = None) -> pl.DataFrame:
        """A published table filtered by every shared filter whose column it has."""
        sql = self._table_sql(table, scope)
        sql += f" limit {int(limit)}" if limit else ""
        return self.sql(sql, scope, filters.params())

    def count(self, table: str, scope: Scope, filters: Filters) -> int:
        """Rows table() would return without a limit."""
        sql = f"select count(*) as n from ({self._table_sql(table, scope)})"
        return int(self.sql(sql, scope, filters.params())["n"][0])

    def applied_filters(self, table: str) -> list[str]:
        """Which shared filters apply to a table: period, opd, jabatan/status."""
        cols = self._columns[table]
        return ([k for k, ok in (("periode", {"month", "year", "work_date"} & cols.keys()),
                                 ("opd", "opd_code" in cols), ("pegawai", "nip" in cols)) if ok])

    def _table_sql(self, table: str, scope: Scope) -> str:
        if table not in self.tables(scope):
            raise KeyError(f"unknown table {table!r}")
        cols = self._columns[table]
        where, order = [], []
        if "month" in cols:
            where.append("($month_from is null or month >= $month_from) and "
                         "($month_to is null or month <= $month_to)")
            order.append("month")
        elif "year" in cols:
            where.append("($month_from is null or year >= year($month_from::date)) and "
                         "($month_to is null or year <= year($month_to::date))")
            order.append("year")
        elif "work_date" in cols:
            where.append("($month_from is null or work_date >= $month_from) and "
                         "($month_to is null or work_date < $month_to::date + interval 1 month)")
            order.append("work_date")
        if "opd_code" in cols:
            where.append("opd_selected(opd_code, $opd_codes, $rumpun)")
            order.append("opd_code")
        if "nip" in cols:
            where.append("nip_selected(nip, $position_types, $statuses)")
            order.append("nip")
        sql = f"select * from {table}"
        sql += (" where " + " and ".join(where)) if where else ""
        return sql + ((" order by " + ", ".join(order)) if order else "")


_OPEN: OrderedDict[Path, Published] = OrderedDict()
_OPEN_LOCK = threading.Lock()


def open_current(warehouse: Path | str | None = None, keep: int = 2) -> Published | None:
    """The current published build (None before the first build).

    CURRENT is read on every call; a new build file gives a new attachment, and all
    but the `keep` most recent are closed.
    """
    build = current_build_file(warehouse_path(warehouse))
    if build is None:
        return None
    with _OPEN_LOCK:
        if build in _OPEN:
            _OPEN.move_to_end(build)
            return _OPEN[build]
        pub = _OPEN[build] = Published(build)
        while len(_OPEN) > keep:
            _OPEN.popitem(last=False)[1].close()
        return pub
