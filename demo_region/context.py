"""What every writer of one generator run shares: the folder, the random streams, the period,
the region, the plan, the planted bad rows and the list of files written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from demo_region.bad_rows import BadRows
from demo_region.calendar import month_add
from demo_region.plan import Plan
from demo_region.rand import Rngs
from demo_region.region import Region
from demo_region.xlsx import write_xlsx


@dataclass
class Context:
    out: Path
    rngs: Rngs
    months: list[dt.date]
    region: Region
    plan: Plan
    bad: BadRows
    files: list[str] = field(default_factory=list)

    def write_xlsx(self, name: str, sheet: str, title: list[str | None], df: pl.DataFrame,
                   kinds: dict[str, str]) -> None:
        """An XLSX export dated the morning after the period (so the bytes depend on the period only)."""
        created = dt.datetime.combine(month_add(self.months[-1], 1), dt.time(8, 0))
        write_xlsx(self.out / name, sheet, title, df, kinds, created)
        self.files.append(name)
