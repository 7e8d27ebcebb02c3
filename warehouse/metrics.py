"""Metric registry: the meaning and presentation of every metric column of the marts.

Derived from the model specs (`warehouse/models/<layer>/<name>.toml`, see warehouse.spec):
a column with a `unit` and a `better` direction is a metric; its label (Bahasa Indonesia),
unit, direction and description come from the spec, the description's `{config key}`
placeholders filled from the configuration. Pages take labels, formats and delta colours
from here, never from their own strings. The formulas live only in the models.

`MART_FIELDS` lists, per published mart (and fact), the columns that are not metrics
(keys, labels, flags, text), in table order.

Units: `skor` (0–100), `skor_1_5` (BerAKHLAK 1–5), `rasio` (0–1, shown as %), `hari`,
`menit`, `menit_per_hari`, `jp`, `orang`, `poin` (difference of 0–100 scores),
`bobot` (0–1), `kegiatan`, `jumlah`, `peringkat`, `bulan`.
"""

from __future__ import annotations

from dataclasses import dataclass

from warehouse import spec
from warehouse.config import build_params, load_config


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    unit: str
    description: str
    better: str  # "up" | "down" | "none"
    mart: str | tuple[str, ...]

    @property
    def marts(self) -> tuple[str, ...]:
        return (self.mart,) if isinstance(self.mart, str) else tuple(self.mart)


def registry(params: dict | None = None) -> tuple[tuple[Metric, ...], dict[str, tuple[str, ...]]]:
    """(METRICS, MART_FIELDS) from the specs; descriptions filled from `params`
    (warehouse.config.build_params; None = the current configuration)."""
    if params is None:
        params = build_params(load_config())
    found: dict[tuple, list[str]] = {}
    fields: dict[str, tuple[str, ...]] = {}
    for model in spec.published().values():
        if model.name.startswith(("mart_", "fct_")):
            fields[model.name] = tuple(c.name for c in model.columns if not c.is_metric)
        for c in model.columns:
            if c.is_metric:
                key = (c.name, c.label, c.unit, spec.describe(c.description, params), c.better)
                found.setdefault(key, []).append(model.name)
    metrics = tuple(Metric(name, label, unit, description, better, marts[0] if len(marts) == 1 else tuple(marts))
                    for (name, label, unit, description, better), marts in found.items())
    return metrics, fields


METRICS, MART_FIELDS = registry()
COMPETENCY_RULE = spec.describe(spec.COMPETENCY_RULE)  # as the current configuration words it

OUTLIER_KINDS: dict[str, str] = {
    "low_productivity": "Produktivitas rendah",
    "present_not_working": "Hadir tetapi tidak bekerja",
    "buddy_punching": "Dugaan titip absen",
    "unit_decline": "Penurunan unit",
}


def metric(name: str, mart: str | None = None) -> Metric:
    """The registry entry for a column (pass the mart when the name is used with two meanings)."""
    found = [m for m in METRICS if m.name == name and (mart is None or mart in m.marts)]
    if not found:
        raise KeyError(name if mart is None else f"{mart}.{name}")
    return found[0]


def metrics_for(mart: str) -> tuple[Metric, ...]:
    return tuple(m for m in METRICS if mart in m.marts)
