"""The models and their specs: `warehouse/models/<layer>/<name>.sql` + `<name>.toml`.

Layers are folders (what a table is, not when it runs):
- `dims/`  conformed dimensions (dim_*), published;
- `facts/` one row per event or day (fct_*), published;
- `intermediate/` working tables (int_*), never published;
- `marts/` what the dashboard reads (mart_*), published.

Each model is a SQL file creating the one table its file stem names, beside a TOML spec:
description, grain (list of columns), published, opd_key (the column that scopes a row to
an OPD), [tests] unique (the grain), optional [disclosure] (k-anonymity rule), and
[columns.<name>] in table order with type (DuckDB), label (Bahasa Indonesia), unit and
better (up/down/none: a metric), description, personal (nip / name / nips / text / other),
not_null, min / max, values, and `rollup`: how the column combines over a selection of OPDs
(see warehouse/selection.py). Descriptions may quote the configuration as `{name}` or
`{name:g}` (a key of `warehouse.config.build_params`), filled by `describe()`.

The run order comes from the tables each model's SQL reads (sqlglot, DuckDB dialect): a
topological sort; a cycle or a table that is neither a model nor a source is an error
naming the file. Everything else (the metric registry, the checks, the column contract,
MARTS.md, the query layer's privacy rules) is derived from these specs.

    python -m warehouse.spec docs      # rewrite warehouse/MARTS.md from the specs
    python -m warehouse.spec order     # print the run order
"""

from __future__ import annotations

import graphlib
import re
import sys
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import sqlglot
from sqlglot import exp

from warehouse import selection

HERE = Path(__file__).resolve().parent
MODELS_DIR = HERE / "models"
SCHEMA_SQL = HERE / "schema.sql"
MARTS_MD = HERE / "MARTS.md"
MARTS_TEMPLATE = MODELS_DIR / "MARTS.template.md"
LAYERS = {"dims": "dim_", "facts": "fct_", "intermediate": "int_", "marts": "mart_"}
# Written by the build itself before the models run (warehouse.build.write_config / write_calendar).
BUILD_TABLES = ("cfg", "cfg_params", "cfg_weights", "cfg_sanction_ladder", "cfg_predikat_points",
                "cfg_curve_rules", "cfg_org_predikat", "cfg_status_codes", "cfg_core_values", "cfg_behaviours", "cfg_behaviour_roles",
                "cfg_tpp", "cfg_tpp_cuts",
                "dim_calendar")
PERSONAL_KINDS = {
    "nip": "a person's NIP (pseudonymised without personal data)",
    "name": "a person's name (replaced by the pseudonym)",
    "nips": "comma-separated NIPs (each pseudonymised)",
    "text": "free text that may name people (names and NIPs masked)",
    "other": "other personal data (hidden without personal data)",
}
BETTER = ("up", "down", "none")
_COLUMN_KEYS = {"type", "label", "unit", "better", "description", "personal", "not_null", "min", "max", "values",
                "rollup"}
_MODEL_KEYS = {"description", "grain", "published", "opd_key", "tests", "disclosure", "columns"}
_CREATE_RE = re.compile(r"create\s+or\s+replace\s+table\s+(?P<name>[a-z][a-z0-9_]*)\s", re.IGNORECASE)


class SpecError(RuntimeError):
    """A model or its spec is wrong; the message is Bahasa Indonesia and names the file."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    label: str = ""
    unit: str | None = None
    better: str | None = None
    description: str = ""
    personal: str | None = None
    not_null: bool = False
    min: float | None = None
    max: float | None = None
    values: tuple[str, ...] = ()
    rollup: str | dict | None = None

    @property
    def is_metric(self) -> bool:
        return self.unit is not None


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    sql_path: Path
    spec_path: Path
    description: str
    grain: tuple[str, ...]
    published: bool
    columns: tuple[Column, ...]
    opd_key: str | None = None
    unique: bool = False
    disclosure: dict = field(default_factory=dict)
    reads: frozenset[str] = frozenset()

    @property
    def sql(self) -> str:
        return self.sql_path.read_text(encoding="utf-8")

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def personal(self, kind: str) -> list[str]:
        return [c.name for c in self.columns if c.personal == kind]

    @property
    def nip_column(self) -> str | None:
        """The column naming the person a row is about (the first personal nip column)."""
        found = self.personal("nip")
        return found[0] if found else None


# ---------------------------------------------------------------- loading


def sources() -> frozenset[str]:
    """Tables the models may read that no model makes: the ingest tables and the build's own."""
    made = re.findall(r"create table if not exists (\w+)", SCHEMA_SQL.read_text(encoding="utf-8"), re.IGNORECASE)
    return frozenset(made) | frozenset(BUILD_TABLES)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(HERE.parent))
    except ValueError:
        return str(path)


def _fail(path: Path, message: str) -> SpecError:
    return SpecError(f"{_shown(path)}: {message}")


def tables_read(path: Path, sql: str | None = None) -> frozenset[str]:
    """The tables one model's SQL reads (its CTEs and its own table excluded)."""
    sql = path.read_text(encoding="utf-8") if sql is None else sql
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except sqlglot.errors.ParseError as exc:
        raise _fail(path, f"SQL tidak dapat dibaca: {str(exc).splitlines()[0]}") from None
    read: set[str] = set()
    for tree in statements:
        ctes = {c.alias for c in tree.find_all(exp.CTE)}
        target = tree.this.name if isinstance(tree, exp.Create) and isinstance(tree.this, exp.Table) else None
        read |= {t.name for t in tree.find_all(exp.Table) if t.name and t.name not in ctes and t.name != target}
    return frozenset(read)


def _column(path: Path, name: str, raw: dict, published: bool) -> Column:
    unknown = set(raw) - _COLUMN_KEYS
    if unknown:
        raise _fail(path, f"kolom {name}: kunci tidak dikenal {', '.join(sorted(unknown))}")
    if "type" not in raw:
        raise _fail(path, f"kolom {name} tanpa type")
    if published and not raw.get("label"):
        raise _fail(path, f"kolom {name} tabel terbit tanpa label")
    if raw.get("personal") not in (None, *PERSONAL_KINDS):
        raise _fail(path, f"kolom {name}: personal harus salah satu dari {', '.join(PERSONAL_KINDS)}")
    if ("unit" in raw) != ("better" in raw) or raw.get("better", "none") not in BETTER:
        raise _fail(path, f"kolom {name}: metrik perlu unit dan better (up/down/none)")
    return Column(name=name, type=raw["type"], label=raw.get("label", ""), unit=raw.get("unit"),
                  better=raw.get("better"), description=raw.get("description", ""), personal=raw.get("personal"),
                  not_null=bool(raw.get("not_null", False)), min=raw.get("min"), max=raw.get("max"),
                  values=tuple(raw.get("values", ())), rollup=raw.get("rollup"))


def load_model(sql_path: Path) -> Model:
    name, layer = sql_path.stem, sql_path.parent.name
    spec_path = sql_path.with_suffix(".toml")
    if layer not in LAYERS:
        raise _fail(sql_path, f"lapisan tidak dikenal {layer!r} (pilih {', '.join(LAYERS)})")
    if not name.startswith(LAYERS[layer]):
        raise _fail(sql_path, f"model di {layer}/ harus bernama {LAYERS[layer]}…")
    if not spec_path.exists():
        raise _fail(sql_path, f"spesifikasi {spec_path.name} tidak ada")
    sql = sql_path.read_text(encoding="utf-8")
    created = {m.group("name").lower() for m in _CREATE_RE.finditer(sql)}
    if created != {name}:
        raise _fail(sql_path, f"harus membuat tepat satu tabel bernama {name} "
                              f"(ditemukan: {', '.join(sorted(created)) or 'tidak ada'})")
    try:
        raw = tomllib.loads(spec_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise _fail(spec_path, f"TOML tidak valid: {exc}") from None
    unknown = set(raw) - _MODEL_KEYS
    if unknown:
        raise _fail(spec_path, f"kunci tidak dikenal {', '.join(sorted(unknown))}")
    published = bool(raw.get("published", False))
    if published == (layer == "intermediate"):
        raise _fail(spec_path, "model intermediate/ tidak diterbitkan; dims/, facts/, marts/ diterbitkan")
    columns = tuple(_column(spec_path, c, v, published) for c, v in raw.get("columns", {}).items())
    names = {c.name for c in columns}
    grain = tuple(raw.get("grain", ()))
    opd_key = raw.get("opd_key")
    for col in (grain + ((opd_key,) if opd_key else ())) if columns else ():
        if col not in names:
            raise _fail(spec_path, f"kolom {col} (grain/opd_key) tidak ada di [columns]")
    if published and not grain:
        raise _fail(spec_path, "tabel terbit perlu grain")
    model = Model(name=name, layer=layer, sql_path=sql_path, spec_path=spec_path,
                  description=raw.get("description", ""), grain=grain, published=published, columns=columns,
                  opd_key=opd_key, unique=bool(raw.get("tests", {}).get("unique", False)),
                  disclosure=dict(raw.get("disclosure", {})), reads=tables_read(sql_path, sql))
    if problems := selection.problems(model):
        raise _fail(spec_path, "; ".join(problems))
    return model


def run_order(found: list[Model]) -> list[Model]:
    """Models sorted so that each runs after the models it reads (ties by name)."""
    by_name = {m.name: m for m in found}
    known = sources()
    graph = {}
    for m in found:
        unknown = sorted(m.reads - by_name.keys() - known)
        if unknown:
            raise _fail(m.sql_path, f"membaca tabel yang tidak dikenal: {', '.join(unknown)} "
                                    "(bukan model dan bukan tabel sumber)")
        graph[m.name] = {t for t in m.reads if t in by_name}
    sorter = graphlib.TopologicalSorter(graph)
    try:
        sorter.prepare()
    except graphlib.CycleError as exc:
        cycle = exc.args[1]
        files = " -> ".join(_shown(by_name[n].sql_path) for n in cycle)
        raise SpecError(f"Model saling bergantung (siklus): {files}") from None
    order = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        order += ready
        sorter.done(*ready)
    return [by_name[n] for n in order]


@cache
def _load(root: Path) -> tuple[Model, ...]:
    found = [load_model(p) for p in sorted(root.glob("*/*.sql"))]
    orphans = sorted(p for p in root.glob("*/*.toml") if not p.with_suffix(".sql").exists())
    if orphans:
        raise _fail(orphans[0], "spesifikasi tanpa berkas SQL")
    return tuple(run_order(found))


def models(root: Path | None = None) -> list[Model]:
    """Every model, in run order."""
    return list(_load(Path(root or MODELS_DIR)))


def published(root: Path | None = None) -> dict[str, Model]:
    return {m.name: m for m in models(root) if m.published}


def reload() -> None:
    """Forget the cached specs (tests that add a model)."""
    _load.cache_clear()


# ---------------------------------------------------------------- descriptions from the config


# THE competency definition: the registry, Metodologi and the Kompetensi page all show it.
COMPETENCY_RULE = ("capaian JP sejak Januari (tahun kalender berjalan) terhadap target {target_jp:g} JP setahun "
                   "(PP 17/2020) yang diprorata: {target_jp:g} × bulan berjalan / 12; pelatihan dihitung pada tahun "
                   "tanggal selesainya")
TEXTS = {"{competency_rule}": COMPETENCY_RULE}  # shared wording a description may quote


def describe(text: str, params: dict | None = None) -> str:
    """A description with its `{config key}` placeholders (and shared TEXTS) filled from the configuration."""
    if "{" not in text:
        return text
    for placeholder, wording in TEXTS.items():
        text = text.replace(placeholder, wording)
    if params is None:
        from warehouse.config import build_params, load_config

        params = build_params(load_config())
    return text.format_map(params)


# ---------------------------------------------------------------- checks


def _key_text(cols: tuple[str, ...]) -> str:
    return " || ' ' || ".join(f"coalesce({c}::varchar, '∅')" for c in cols)


def check_sql(model: Model) -> list[tuple[str, str]]:
    """(check name, SQL) for the tests the spec declares; each returns the violating rows."""
    t, out = model.name, []
    if model.unique and model.grain:
        cols = ", ".join(model.grain)
        out.append((f"unique_grain__{t}", f"select {_key_text(model.grain)} as key, count(*) as n from {t} "
                                          f"group by {cols} having count(*) > 1"))
    for c in model.columns:
        if c.not_null:
            out.append((f"not_null__{t}__{c.name}", f"select count(*) as n from {t} where {c.name} is null "
                                                    "having count(*) > 0"))
        if c.min is not None or c.max is not None:
            cond = " or ".join(x for x in (f"{c.name} < {c.min}" if c.min is not None else "",
                                           f"{c.name} > {c.max}" if c.max is not None else "") if x)
            out.append((f"accepted_range__{t}__{c.name}",
                        f"select {_key_text(model.grain)} as key, {c.name} as value from {t} where {cond}"))
        if c.values:
            values = ", ".join("'" + v.replace("'", "''") + "'" for v in c.values)
            out.append((f"accepted_values__{t}__{c.name}",
                        f"select {c.name} as value, count(*) as n from {t} "
                        f"where {c.name} not in ({values}) group by all"))
    return out


def contract_problems(model: Model, actual: list[tuple[str, str]]) -> list[str]:
    """How the built table's (column, type) list differs from the spec, in Bahasa Indonesia."""
    want = [(c.name, c.type) for c in model.columns]
    if actual == want:
        return []
    got, spec = dict(actual), dict(want)
    out = [f"{model.name}.{c}: kolom tidak ada di spesifikasi {model.spec_path.name}" for c in got if c not in spec]
    out += [f"{model.name}.{c}: kolom spesifikasi tidak dibuat oleh {model.sql_path.name}" for c in spec if c not in got]
    out += [f"{model.name}.{c}: tipe {got[c]}, spesifikasi {spec[c]}" for c in spec if c in got and got[c] != spec[c]]
    if not out:
        out.append(f"{model.name}: urutan kolom berbeda dari spesifikasi ({', '.join(c for c, _ in actual)})")
    return out


# ---------------------------------------------------------------- MARTS.md


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def marts_md(params: dict | None = None) -> str:
    """warehouse/MARTS.md: the template (`@MODELS@` = one section per published model)."""
    sections = []
    titles = {"dims": "Dimensions", "facts": "Facts", "marts": "Marts"}
    for layer, title in titles.items():
        sections.append(f"## {title}\n")
        for m in (m for m in models() if m.published and m.layer == layer):
            lines = [f"### {m.name} — grain: {', '.join(m.grain)}", "", describe(m.description, params), ""]
            personal = [f"`{c.name}` ({c.personal})" for c in m.columns if c.personal]
            notes = ([f"OPD key: `{m.opd_key}`."] if m.opd_key else []) + (
                ["Personal data: " + ", ".join(personal) + "."] if personal else [])
            if notes:
                lines += [" ".join(notes), ""]
            lines += ["| column | type | label | unit | better | meaning |", "|---|---|---|---|---|---|"]
            for c in m.columns:
                lines.append(f"| {c.name} | {c.type} | {_cell(c.label)} | {c.unit or ''} | {c.better or ''} | "
                             f"{_cell(describe(c.description, params))} |")
            sections.append("\n".join(lines) + "\n")
    template = describe(MARTS_TEMPLATE.read_text(encoding="utf-8"), params)
    return template.replace("@MODELS@", "\n".join(sections).rstrip() + "\n")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "docs":
        MARTS_MD.write_text(marts_md(), encoding="utf-8")
        print(f"{MARTS_MD} ditulis dari {len(published())} spesifikasi.")
        return 0
    if command == "order":
        for m in models():
            print(f"{m.layer}/{m.name}")
        return 0
    print("Pemakaian: python -m warehouse.spec docs|order", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
