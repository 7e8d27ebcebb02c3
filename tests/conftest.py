"""Shared fixtures: a small demo region taken through the real path (files -> DuckDB -> marts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

DEMO_PEGAWAI = 400
DEMO_BULAN = 4
DEMO_MULAI = "2026-06"


@dataclass(frozen=True)
class DemoRegion:
    sources: Path        # the generated export files (ground truth under _kunci/)
    warehouse: Path      # the ingest file
    batches: list        # BatchResult per file of the first ingest

    @property
    def published(self) -> Path:
        from warehouse.paths import current_build_file

        path = current_build_file(self.warehouse)
        assert path is not None, "no published build"
        return path


@pytest.fixture(scope="session")
def demo_loaded(tmp_path_factory: pytest.TempPathFactory) -> DemoRegion:
    """generate -> ingest, once per test session."""
    from demo_region import generate
    from pipelines.ingest import ingest_files

    root = tmp_path_factory.mktemp("demo")
    sources, warehouse = root / "sumber", root / "budaya.duckdb"
    generate(sources, pegawai=DEMO_PEGAWAI, bulan=DEMO_BULAN, mulai=DEMO_MULAI, seed=7)
    results = ingest_files([sources], warehouse=warehouse)
    assert all(r.status == "loaded" for r in results), [r.message for r in results if r.status != "loaded"]
    return DemoRegion(sources, warehouse, results)


@pytest.fixture(scope="session")
def demo_region(demo_loaded: DemoRegion) -> DemoRegion:
    """The loaded demo region, built and published."""
    from warehouse.build import build

    build(demo_loaded.warehouse)
    return demo_loaded
