"""The one read-side query layer: published build -> scoped views -> named SQL -> Polars.

    Published(build_file).run("common__culture_series", scope, **filters.params())

- The published build is ATTACHed READ_ONLY into an in-memory DuckDB (`pub`); the
  ingest file is never opened, so the pipeline is never locked out (peers.md §E).
- A viewer's Scope becomes a schema `scope_<id>` of views over `pub`: rows outside the
  scope's OPDs are filtered there (by the spec's `opd_key`, else through the person its
  `personal = "nip"` column names), and the spec's personal columns are masked when
  personal data is not allowed (NIP -> keyed pseudonym, name -> "Pegawai <pseudonym>",
  other personal data -> NULL, free text -> names and NIPs masked). A published table
  without a spec that is not reference data shows a restricted scope nothing. Each query runs on its own cursor whose search_path is
  that schema, so the SQL files (`warehouse/queries/<page>__<question>.sql`, `$name`
  parameters) cannot forget the scope. They never name `pub.` (a test checks this).
- Without personal data (the `analis` role) a scope is also k-anonymous (`Scope.k`, from
  `[anonimitas] k` in the config): its dim_pegawai is generalised once (TMT to year,
  golongan to ruang, no eselon, a jabatan held by fewer than k people to its jenis, then
  local recoding until every quasi-identifier combination has k people), and every result
  passes `protect()` with the rule DISCLOSURE declares for its query or table: aggregate
  rows about fewer than k people have their values nulled, person rows only keep
  quasi-identifier combinations shared by k people. An undeclared query or table shows
  such a scope nothing (fail closed).
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

from warehouse import selection, spec
from warehouse.config import config_path, load_config
from warehouse.paths import current_build_file, warehouse_path

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
IDENT_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
ADMIN_ONLY = frozenset({"quarantine", "ingest_batches"})  # raw rows, file names: admin only (Scope.sees_raw)
TEXT_WITH_NIPS = frozenset({"reason", "explanation", "message"})  # free text in query results (k-anonymity)
REFERENCE_TABLES = frozenset({"build_info", "build_sources", "dim_calendar"})  # + cfg_*: no row about people


@dataclasses.dataclass(frozen=True)
class Scope:
    """What one viewer may see. opd_codes None = every OPD; raw_data: the quarantine and
    load batches (raw rows, file names), for the data admin only."""

    opd_codes: tuple[str, ...] | None = None
    show_personal: bool = True
    pseudonym_key: bytes | None = None
    raw_data: bool = True
    k: int | None = None  # without personal data: the smallest group shown (None = the configured k)

    def __post_init__(self):
        if not self.show_personal and not self.pseudonym_key:
            raise ValueError("Scope without personal data needs a pseudonym_key")
        if self.opd_codes is not None:
            object.__setattr__(self, "opd_codes", tuple(sorted(set(self.opd_codes))))
        if self.show_personal:
            object.__setattr__(self, "k", None)
        elif self.k is None:
            object.__setattr__(self, "k", configured_k())
        elif self.k < 1:
            raise ValueError("k must be at least 1")

    @property
    def is_kanon(self) -> bool:
        """Results are k-anonymised (no personal data: the analis role)."""
        return self.k is not None

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
        return (self.opd_codes, self.show_personal, self.pseudonym_key, self.raw_data, self.k)

    @property
    def schema(self) -> str:
        """Schema name for this scope's views (a digest; the key never appears in it)."""
        key = hashlib.sha256(self.pseudonym_key or b"").hexdigest()
        digest = hashlib.sha256(repr((self.opd_codes, self.show_personal, key, self.raw_data, self.k))
                                .encode()).hexdigest()
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


# -- k-anonymity (scopes without personal data) -------------------------------------------

_K_CACHE: dict[tuple, int] = {}


def configured_k() -> int:
    """`[anonimitas] k` of the current config file (re-read when the file changes)."""
    path = config_path()
    stamp = (str(path), path.stat().st_mtime_ns if path.exists() else None)
    if stamp not in _K_CACHE:
        _K_CACHE.clear()
        _K_CACHE[stamp] = load_config(path).min_group_size
    return _K_CACHE[stamp]


@dataclasses.dataclass(frozen=True)
class Public:
    """Reference data: no row is about people (calendar, OPD list, configuration)."""


@dataclasses.dataclass(frozen=True)
class Hidden:
    """Never shown to a k-anonymous scope (raw rows, load batches)."""


@dataclasses.dataclass(frozen=True)
class Aggregate:
    """One row per group of people. A row where a `people` column is below k keeps only its
    `keys`; a `counts` cell (a number of people, then columns derived from it) of 1..k-1 is hidden."""

    keys: tuple[str, ...]
    people: tuple[str, ...] = ()
    counts: tuple[tuple[str, ...], ...] = ()


@dataclasses.dataclass(frozen=True)
class Person:
    """One row (or several) per person `id`. `qi`: quasi-identifier groups, most useful first;
    rows whose combination has fewer than k people lose the last groups, then are dropped.
    Rows with a NULL id are about no one person (e.g. an OPD-level finding)."""

    qi: tuple[tuple[str, ...], ...]
    id: str = "nip"


OPD = ("opd_code", "opd_short", "opd_name")
OPD_MONTH = Aggregate(("opd_code", "opd_short", "opd_name", "month"), ("employees",))
SUBGROUPS = (("skp_rated_employees", "skp_baik_plus_share", "skp_score"),
             ("berakhlak_assessed_employees", "berakhlak_mean"))
STAFF = (OPD, ("work_unit",), ("position_type",), ("employment_status",))
# dim_pegawai (after the fixed generalisations): what identifies a person, most useful first
PEOPLE_QI = (OPD, ("position_type",), ("employment_status",), ("gender",), ("golongan",), ("work_unit",),
             ("education",), ("position_name",), ("tmt_date",),
             ("is_active", "first_data_date", "last_data_date", "employed_from", "employed_until"))
PUBLIC, HIDDEN = Public(), Hidden()

def spec_disclosure() -> dict[str, Public | Aggregate | Person]:
    """The k-anonymity rule of every published model, from its spec: its [disclosure] section,
    else one row per person (the spec's personal nip column) grouped by the OPD key."""
    out = {}
    for m in spec.published().values():
        d = m.disclosure
        kind = d.get("kind")
        if kind == "public":
            out[m.name] = PUBLIC
        elif kind == "hidden":  # personal amounts (TPP): never shown to a k-anonymous scope
            out[m.name] = HIDDEN
        elif kind == "aggregate":
            out[m.name] = Aggregate(tuple(d["keys"]), tuple(d.get("people", ())),
                                    tuple(tuple(c) for c in d.get("counts", ())))
        elif kind == "person" or (kind is None and m.nip_column):
            qi = d.get("qi") or ([[m.opd_key, "opd_short", "opd_name"]] if m.opd_key else [])
            out[m.name] = Person(tuple(tuple(g) for g in qi), id=m.nip_column or "nip")
    return out


# Every query and published table, declared once (tests fail on an undeclared one).
DISCLOSURE: dict[str, Public | Hidden | Aggregate | Person] = {
    # queries
    "common__build_info": PUBLIC,
    "common__build_sources": PUBLIC,
    "common__culture_series": Aggregate(("month", "basis"), ("employees",)),
    "common__filter_values": PUBLIC,
    "common__region_trend": Aggregate(("month",), ("employees",)),
    "common__months": PUBLIC,
    "common__opd": PUBLIC,
    "competency__behind": Person(STAFF),
    "competency__by_type": Aggregate(("opd_code", "opd_short", "month", "training_type"), ("employees",)),
    "competency__opd_progress": Aggregate(("opd_code", "opd_short", "month", "prorated_target_jp"), ("employees",),
                                          (("employees_on_track", "on_track_share"), ("employees_reached_target",))),
    "competency__trend": Aggregate(("month", "prorated_target_jp"), ("employees",),
                                   (("employees_on_track", "on_track_share"),)),
    "core_values__opd_values": Aggregate(("opd_code", "opd_short", "core_value", "core_value_label"),
                                         ("respondents", "employees_assessed")),
    "core_values__behaviours": Aggregate(("behaviour_code", "behaviour_order", "core_value", "core_value_label",
                                          "behaviour_label"), ("respondents", "employees_assessed")),
    "core_values__behaviour_texts": PUBLIC,
    "core_values__periods": PUBLIC,
    "core_values__roles": Aggregate(("core_value", "core_value_label", "assessor_role"), ("respondents",)),
    "core_values__summary": Aggregate(("core_value", "core_value_label"), ("respondents",)),
    "culture_index__components": Aggregate(("opd_code", "opd_short", "component"), ("employees",)),
    "culture_index__employees": Person((("position_type",), ("employment_status",), ("position_name",))),
    "culture_index__opd_monthly": OPD_MONTH,
    "culture_index__units": Aggregate(("opd_code", "work_unit"), ("employees",)),
    "discipline__ladder_counts": Aggregate(("sanction_rank", "sanction_level", "sanction_category", "min_days",
                                            "max_days"), (), (("employees",),)),
    "discipline__late_heatmap": Aggregate(("iso_dow", "arrival_hour"), ("employees",)),
    "discipline__monthly": OPD_MONTH,
    "discipline__summary": Aggregate(("year",), ("employees",), tuple(
        (c,) for c in ("sanctioned", "ringan", "sedang", "berat", "consecutive", "near_next"))),
    "discipline__warning_list": Person(STAFF),
    "manage_data__batches": HIDDEN,
    "manage_data__quarantine": HIDDEN,
    "manage_data__findings": HIDDEN,
    "methodology__params": PUBLIC,
    "methodology__org_predikat": PUBLIC,
    "methodology__predikat_points": PUBLIC,
    "methodology__sanction_ladder": PUBLIC,
    "methodology__weights": PUBLIC,
    "overview__opd_ranking": Aggregate(("opd_code", "opd_name", "opd_short", "rumpun"), ("employees",)),
    "performance__activity": OPD_MONTH,
    "common__evidence_activity": Person(()),
    "common__evidence_days": Person(()),
    "common__evidence_peers": Person((("position_type",),)),
    "common__evidence_trend": Aggregate(("month", "region_culture_index"), ("employees",)),
    "profile__activity": HIDDEN,  # one person's profile: never for a k-anonymous scope (the page says so)
    "profile__berakhlak": HIDDEN,
    "profile__calendar": HIDDEN,
    "profile__competency": HIDDEN,
    "profile__discipline": HIDDEN,
    "profile__employee": HIDDEN,
    "profile__ladder": PUBLIC,
    "profile__months": HIDDEN,
    "profile__outliers": HIDDEN,
    "profile__search": HIDDEN,
    "profile__skp": HIDDEN,
    "profile__tpp": HIDDEN,
    "profile__tpp_cuts": HIDDEN,
    "performance__outliers": Person((OPD, ("work_unit",), ("position_type",))),
    "performance__skp_curve": Aggregate(("opd_code", "opd_short", "year", "period", "organisational_predikat",
                                         "organisational_predikat_origin", "organisational_predikat_source"),
                                        ("employees",)),
    "performance__org_predikat": PUBLIC,
    "performance__predikat_mismatch": Person((OPD, ("work_unit",), ("position_type",))),
    "tpp__employee": HIDDEN,
    "tpp__employee_cuts": HIDDEN,
    "tpp__largest_cuts": HIDDEN,
    "tpp__months": PUBLIC,
    "tpp__opd": Aggregate(("opd_short", "opd_name", "opd_code", "month"), ("employees",),
                          (("employees_cut",), ("employees_without_base",))),
    "tpp__recap": HIDDEN,
    "tpp__recap_total": Aggregate(("opd_name", "opd_short", "opd_code", "month"), ("employees",),
                                  (("employees_cut",), ("employees_without_base",))),
    "tpp__rules": PUBLIC,
    "tpp__settings": PUBLIC,
    "tpp__summary": Aggregate(("month",), ("employees",), (("employees_cut",), ("employees_without_base",))),
    "tpp__trend": Aggregate(("month",), ("employees",), (("employees_cut",), ("employees_without_base",))),
    "methodology__tpp_rules": PUBLIC,
    "methodology__tpp_settings": PUBLIC,
    "performance__summary": Aggregate(("skp_period", "off_curve_opds"), (), tuple(
        (c,) for c in ("outliers", "low_productivity", "present_not_working", "buddy_punching", "unit_decline"))
        + (("rated", "baik_plus_share"),)),
    # published tables (Jelajah & Ekspor)
    **{t: PUBLIC for t in ("build_info", "build_sources", "cfg_behaviour_roles", "cfg_behaviours", "cfg_core_values",
                           "cfg_curve_rules", "cfg_org_predikat", "cfg_params", "cfg_predikat_points", "cfg_sanction_ladder",
                           "cfg_status_codes", "cfg_tpp", "cfg_tpp_cuts", "cfg_weights", "dim_calendar", "dim_month",
                           "dim_opd")},
    "quarantine": HIDDEN,
    "ingest_batches": HIDDEN,
    **spec_disclosure(),
}


@dataclasses.dataclass(frozen=True)
class Protection:
    """What protect() did to one result: for the page's caption."""

    k: int
    suppressed: int = 0     # rows dropped, or whose values were hidden
    generalised: int = 0    # person rows shown with coarser quasi-identifiers

    def __add__(self, other: Protection) -> Protection:
        return Protection(max(self.k, other.k), self.suppressed + other.suppressed,
                          self.generalised + other.generalised)


def _null(cols, when: pl.Expr) -> list[pl.Expr]:
    return [pl.when(when).then(None).otherwise(pl.col(c)).alias(c) for c in cols]


def _aggregate(df: pl.DataFrame, rule: Aggregate, k: int) -> tuple[pl.DataFrame, int]:
    people = [c for c in rule.people if c in df.columns]
    small = pl.any_horizontal([pl.col(c).fill_null(0) < k for c in people]) if people else pl.lit(False)
    masks = {c: small for c in df.columns if c not in rule.keys}  # an undeclared column counts as a value
    hidden = small
    for count, *derived in (g for g in rule.counts if g[0] in df.columns):
        few = pl.col(count).is_between(1, k - 1).fill_null(False)
        hidden = hidden | few
        for c in (count, *derived):
            if c in masks:
                masks[c] = masks[c] | few
    n = int(df.select(hidden.sum()).item() or 0) if df.height else 0
    return df.with_columns(pl.when(m).then(None).otherwise(pl.col(c)).alias(c) for c, m in masks.items()), n


def _recode(df: pl.DataFrame, rule: Person, k: int) -> tuple[pl.DataFrame, int, int]:
    """Local recoding: rows whose quasi-identifier combination has fewer than k people lose the
    last QI groups (NULL) one by one; rows still in a small group are dropped. Free text naming
    the hidden values (reasons) goes with them."""
    groups = [g for g in (tuple(c for c in group if c in df.columns) for group in rule.qi) if g]
    if not groups or df.is_empty():
        return df, 0, 0
    cols = [c for g in groups for c in g]
    texts = sorted(TEXT_WITH_NIPS & set(df.columns))
    order = df.columns
    df = df.with_row_index("_row")
    has_id = rule.id in df.columns
    subject = pl.col(rule.id).is_not_null() if has_id else pl.lit(True)
    ident = rule.id if has_id else "_row"
    people, others = df.filter(subject).with_columns(_gen=pl.lit(False)), df.filter(~subject)
    for group in reversed(groups):
        small = pl.col(ident).n_unique().over(cols) < k
        if not people.select(small.any()).item():
            break
        people = people.with_columns(*_null(group + tuple(texts), small), (pl.col("_gen") | small).alias("_gen"))
    kept = people.filter(pl.col(ident).n_unique().over(cols) >= k)
    generalised = int(kept["_gen"].sum())
    out = pl.concat([kept.drop("_gen"), others], how="vertical_relaxed").sort("_row").select(order)
    return out, people.height - kept.height, generalised


def protect(df: pl.DataFrame, rule, k: int) -> tuple[pl.DataFrame, Protection]:
    """Apply one DISCLOSURE rule (None = undeclared: nothing is shown)."""
    if isinstance(rule, Public):
        return df, Protection(k)
    if isinstance(rule, Aggregate):
        out, hidden = _aggregate(df, rule, k)
        return out, Protection(k, hidden)
    if isinstance(rule, Person):
        out, dropped, generalised = _recode(df, rule, k)
        return out, Protection(k, dropped, generalised)
    return df.clear(), Protection(k, df.height)


def generalise_people(people: pl.DataFrame, k: int) -> tuple[pl.DataFrame, Protection]:
    """dim_pegawai for a k-anonymous scope: fixed generalisations, then local recoding."""
    fixed = [
        pl.col("golongan").str.extract(r"^([IVX]+)", 1).alias("golongan"),   # III/b -> III (ruang)
        pl.col("tmt_date").dt.truncate("1y").alias("tmt_date"),              # TMT -> 1 January of its year
        pl.lit(None, dtype=people.schema["eselon"]).alias("eselon"),        # every post with an eselon is rare
        pl.when(pl.col("nip").n_unique().over("position_name") < k)          # a jabatan of < k holders
        .then(pl.col("position_type")).otherwise(pl.col("position_name")).alias("position_name"),
        *[pl.col(c).dt.truncate("1mo").alias(c) for c in ("first_data_date", "last_data_date",
                                                          "employed_from", "employed_until")],
    ]
    present = [e for e in fixed if set(e.meta.root_names()) <= set(people.columns)]
    out, dropped, generalised = _recode(people.with_columns(present), DISCLOSURE["dim_pegawai"], k)
    return out, Protection(k, dropped, generalised)


def sql_for(name: str) -> str:
    if not IDENT_RE.match(name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def bind_params(sql: str, params: dict) -> dict:
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
        self._population: dict[str, Protection] = {}  # per k-anonymous schema: what dim_pegawai lost
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
        model = spec.published().get(table)
        where = []
        if table in ADMIN_ONLY and not scope.sees_raw:
            where.append("false")
        elif scope.opd_codes is not None and model is not None:
            if model.opd_key in cols:
                where.append(f"{model.opd_key} in (select opd_code from {schema}._scope_opd)")
            elif model.nip_column in cols and "dim_pegawai" in self._columns:
                where.append(f"{model.nip_column} in (select nip from pub.main.dim_pegawai where opd_code in "
                             f"(select opd_code from {schema}._scope_opd))")
        elif scope.is_restricted and model is None and not (table in REFERENCE_TABLES or table.startswith("cfg_")):
            where.append("false")  # no spec says who this table's rows are about: fail closed
        nip = model.nip_column if model else None
        personal = {kind: [c for c in model.personal(kind) if c in cols] for kind in spec.PERSONAL_KINDS} \
            if model else {key: [] for key in spec.PERSONAL_KINDS}
        replace, source = [], f"pub.main.{table} as t"
        in_scope = f"p.opd_code in (select opd_code from {schema}._scope_opd)"
        if not scope.show_personal:
            source += f" cross join {schema}._scope_key as _k"
            for c in personal["nip"]:
                replace.append(f"{schema}.pseudo(t.{c}, _k.k) as {c}")
            for c in personal["name"]:
                replace.append(f"'Pegawai ' || {schema}.pseudo(t.{nip}, _k.k) as {c}" if nip
                               else f"null::varchar as {c}")
            for c in personal["nips"]:
                replace.append(f"array_to_string(list_transform(string_split(t.{c}, ','), "
                               f"lambda x: {schema}.pseudo(trim(x), _k.k)), ',') as {c}")
            for c in personal["other"]:
                replace.append(f"null::{cols[c]} as {c}")
        elif scope.opd_codes is not None:
            for c in personal["nips"]:  # a partner outside the viewer's OPDs is not shown
                replace.append(f"(select string_agg(case when {in_scope} then p.nip else '[di luar lingkup]' end, ',') "
                               f"from unnest(string_split(t.{c}, ',')) as u(x) "
                               f"left join pub.main.dim_pegawai as p on p.nip = trim(u.x)) as {c}")
        if scope.is_restricted and personal["nips"] and "dim_pegawai" in self._columns:
            # text names the people of the row ("… dengan <nama> (NIP …)"): hide who the viewer may not see
            hidden = "true" if not scope.show_personal else f"not ({in_scope})"
            people = " || ',' || ".join(f"coalesce(t.{c}, '')" for c in personal["nips"] + ([nip] if nip else []))
            for c in sorted(personal["text"]):
                names = (f"(select list_filter(flatten(list([p.name, p.nip])), lambda x: coalesce(x, '') <> '') "
                         f"from unnest(string_split({people}, ',')) as u(x) join pub.main.dim_pegawai as p "
                         f"on p.nip = trim(u.x) where {hidden})")
                masked = (f"list_reduce(list_prepend(t.{c}, coalesce({names}, [])), "
                          f"lambda acc, x: replace(acc, x, '[disamarkan]'))")
                replace.append(f"{self._mask_nips(masked, scope)} as {c}")
        elif not scope.show_personal:
            for c in sorted(personal["text"]):
                replace.append(f"{self._mask_nips(f't.{c}', scope)} as {c}")
        select = "select t.*" + (f" replace ({', '.join(replace)})" if replace else "")
        # masking partners row by row is slow on every read: do it once per scope and build
        kind = "table" if scope.is_restricted and personal["nips"] else "view"
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
        if scope.is_kanon and "dim_pegawai" in self._columns:  # generalised once, read by every query
            people, self._population[schema] = generalise_people(
                con.sql(f"select * from {schema}.dim_pegawai").pl(), scope.k)
            con.register("_people", people)
            con.execute(f"drop view {schema}.dim_pegawai")
            con.execute(f"create table {schema}.dim_pegawai as select * from _people")
            con.unregister("_people")
        # Filter helpers the SQL files share (a NULL list = no restriction).
        con.execute(f"create macro {schema}.opd_selected(code, codes, rum) as "
                    f"(codes is null or list_contains(codes, code)) and (rum is null or code in "
                    f"(select d.opd_code from {schema}.dim_opd d where list_contains(rum, d.rumpun)))")
        con.execute(f"create macro {schema}.nip_selected(n, ptypes, statuses) as "
                    f"(ptypes is null and statuses is null) or n in (select p.nip from "
                    f"{schema}.dim_pegawai p where (ptypes is null or list_contains(ptypes, p.position_type)) "
                    f"and (statuses is null or list_contains(statuses, p.employment_status)))")
        for model in spec.published().values():  # <mart>_selected(opd_codes, rumpun), see warehouse/selection.py
            if model.name in self._columns and (sql := selection.macro_sql(model, schema)):
                con.execute(sql)

    def _cursor(self, scope: Scope) -> duckdb.DuckDBPyConnection:
        schema = self._ensure_scope(scope)
        with self._lock:
            cur = self._con.cursor()
        cur.execute(f"set search_path = '{schema}'")
        return cur

    # -- reading -------------------------------------------------------------------

    def _raw(self, sql: str, scope: Scope, params: dict | None = None) -> pl.DataFrame:
        cur = self._cursor(scope)
        try:
            return cur.sql(sql, params=bind_params(sql, params or {})).pl()
        finally:
            cur.close()

    def sql(self, sql: str, scope: Scope, params: dict | None = None, rule=None) -> pl.DataFrame:
        """Run SQL text inside the scope. A k-anonymous scope gets it through `rule`
        (none given: an undeclared result, so no rows)."""
        df = self._raw(sql, scope, params)
        return protect(df, rule, scope.k)[0] if scope.is_kanon else df

    def run_protected(self, name: str, scope: Scope, **params) -> tuple[pl.DataFrame, Protection | None]:
        """run() plus what k-anonymity hid (None for a scope with personal data)."""
        df = self._raw(sql_for(name), scope, params)
        return protect(df, DISCLOSURE.get(name), scope.k) if scope.is_kanon else (df, None)

    def run(self, name: str, scope: Scope, **params) -> pl.DataFrame:
        """Run warehouse/queries/<name>.sql with `$name` parameters inside the scope."""
        return self.run_protected(name, scope, **params)[0]

    def tables(self, scope: Scope) -> list[str]:
        """Published tables this scope may browse (admin-only ones hidden without raw_data)."""
        return [t for t in self._columns if not (t in ADMIN_ONLY and not scope.sees_raw)]

    def columns(self, table: str) -> dict[str, str]:
        return dict(self._columns[table])

    def table_protected(self, table: str, scope: Scope, filters: Filters,
                        limit: int | None = None) -> tuple[pl.DataFrame, Protection | None]:
        """table() plus what k-anonymity hid (None for a scope with personal data)."""
        sql = self._table_sql(table, scope)
        if not scope.is_kanon:
            return self._raw(sql + (f" limit {int(limit)}" if limit else ""), scope, filters.params()), None
        # groups are judged on the whole filtered slice, so the preview and the download agree
        df, done = protect(self._raw(sql, scope, filters.params()), DISCLOSURE.get(table), scope.k)
        if table == "dim_pegawai":
            done += self._population.get(scope.schema, Protection(scope.k))
        return (df.head(limit) if limit else df), done

    def table(self, table: str, scope: Scope, filters: Filters, limit: int | None = None) -> pl.DataFrame:
        """A published table filtered by every shared filter whose column it has."""
        return self.table_protected(table, scope, filters, limit)[0]

    def count(self, table: str, scope: Scope, filters: Filters) -> int:
        """Rows table() would return without a limit."""
        if scope.is_kanon:
            return self.table(table, scope, filters).height
        sql = f"select count(*) as n from ({self._table_sql(table, scope)})"
        return int(self._raw(sql, scope, filters.params())["n"][0])

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
