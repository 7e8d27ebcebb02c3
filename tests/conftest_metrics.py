"""Tiny hand-made ingest files for the warehouse build tests.

`Tiny(path)` creates an ingest file from warehouse/schema.sql and offers one method per
raw table to insert rows with plain SQL (batch 'test'); `tiny` is a pytest fixture
(import it from this module: `from tests.conftest_metrics import tiny, Tiny`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import duckdb
import pytest

from warehouse.build import BuildResult, build
from warehouse.rules import CORE_VALUES, PREDIKAT_MATRIX

CORE_VALUE_COLUMNS = [c for c, _ in CORE_VALUES]
SCHEMA = Path(__file__).resolve().parent.parent / "warehouse" / "schema.sql"


def nip_for(i: int, birth: str = "19850101", tmt: str = "201001", gender: int = 1) -> str:
    return f"{birth}{tmt}{gender}{i:03d}"


class Tiny:
    def __init__(self, path: Path):
        self.path = path
        self.con = duckdb.connect(str(path))
        self.con.execute(SCHEMA.read_text(encoding="utf-8"))
        self._row = 0

    def _n(self) -> int:
        self._row += 1
        return self._row

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def build(self, **kwargs) -> BuildResult:
        self.close()
        result = build(self.path, **kwargs)
        return result

    def reopen(self) -> duckdb.DuckDBPyConnection:
        self.close()
        self.con = duckdb.connect(str(self.path))
        return self.con

    def query(self, sql: str, params=None) -> list[tuple]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def dicts(self, sql: str, params=None) -> list[dict]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            cur = con.execute(sql, params or [])
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
        finally:
            con.close()

    # ---- raw tables -------------------------------------------------------------
    def opd(self, code: str, name: str, rumpun: str = "Dinas", short: str | None = None) -> None:
        self.con.execute(
            "insert into raw_opd values (?, ?, ?, ?, 'test', ?)", [code, name, short, rumpun, self._n()]
        )

    def pegawai(self, nip: str, opd_code: str, *, name: str | None = None, position_type: str = "Pelaksana",
                work_unit: str = "Sekretariat", status: str = "PNS", tmt: date | None = date(2010, 1, 1),
                active: bool = True, pin: str | None = None) -> None:
        self.con.execute(
            "insert into raw_pegawai values (?, ?, 'L', date '1985-01-01', ?, 'III/a', ?, 'Staf', null, 'S1', "
            "?, ?, ?, ?, ?, 'test', ?)",
            [nip, name or f"Pegawai {nip[-3:]}", status, position_type, opd_code, work_unit, tmt,
             pin or nip[-3:], active, self._n()],
        )

    def punch(self, nip: str, at: datetime, device: str = "1") -> None:
        self.con.execute(
            "insert into raw_absensi_log values (?, ?, ?, ?, null, 'test', ?)",
            [nip, nip[-3:], at, device, self._n()],
        )

    def day(self, nip: str, d: date, arrive: time | None = time(7, 25), leave: time | None = time(16, 35),
            device: str = "1") -> None:
        if arrive:
            self.punch(nip, datetime.combine(d, arrive), device)
        if leave:
            self.punch(nip, datetime.combine(d, leave), device)

    def recap(self, nip: str, d: date, code: str, time_in: time | None = None, time_out: time | None = None) -> None:
        self.con.execute(
            "insert or replace into raw_absensi_harian values (?, ?, ?, ?, ?, ?, 'test', ?)",
            [nip, d, time_in, time_out, code, code, self._n()],
        )

    def kinerja(self, nip: str, year: int, period: str, hasil: str, perilaku: str,
                predikat: str | None = None) -> None:
        matrix = PREDIKAT_MATRIX[(hasil, perilaku)]
        p = predikat or matrix
        self.con.execute(
            "insert into raw_kinerja values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', ?)",
            [nip, year, period, hasil, perilaku, predikat, p, matrix, predikat is None, p != matrix, self._n()],
        )

    def activity(self, nip: str, d: date, minutes: int, status: str = "DISETUJUI") -> None:
        self.con.execute(
            "insert into raw_aktivitas values (?, ?, 'kegiatan', ?, 1, 'dokumen', ?, null, null, 'test', ?)",
            [nip, d, minutes, status, self._n()],
        )

    def training(self, nip: str, end: date, jp: float, kind: str = "Pelatihan Teknis",
                 name: str | None = None) -> None:
        self.con.execute(
            "insert into raw_pelatihan values (?, ?, ?, 'BPSDM', ?, ?, ?, null, 'test', ?)",
            [nip, name or f"Pelatihan {self._row}", kind, end - timedelta(days=1), end, jp, self._n()],
        )

    def batch(self, source: str, finished: datetime) -> None:
        """An ingest_batches row: `source` was loaded (exported) at `finished`."""
        self.con.execute(
            "insert into ingest_batches by name select ? as batch_id, ? as source, ? as file_name, 'x' as sha256, "
            "1 as rows_in, 1 as rows_loaded, 0 as rows_quarantined, 0 as rows_duplicate, 'loaded' as status, "
            "? as started_at, ? as finished_at",
            [f"b{self._n()}", source, f"{source}.csv", finished, finished],
        )

    def berakhlak(self, period: str, nip: str, role: str, assessor: str, scores: list[float] | float,
                  items: dict[int, float] | None = None) -> None:
        """One assessor's row: the seven value scores and optionally behaviour items {1..21: score}."""
        vals = scores if isinstance(scores, list) else [scores] * 7
        cols = ["period", "nip", "assessor_role", "assessor_id", *CORE_VALUE_COLUMNS,
                *(f"p{i:02d}" for i in (items or {})), "batch_id", "row_number"]
        self.con.execute(
            f"insert into raw_berakhlak ({', '.join(cols)}) values ({', '.join('?' * len(cols))})",
            [period, nip, role, assessor, *vals, *(items or {}).values(), "test", self._n()],
        )

    def tpp_base(self, amount: float, valid_from: date, *, nip: str | None = None, position: str | None = None,
                 kelas: int | None = None) -> None:
        key = nip or "JABATAN:" + " ".join((position or "").upper().split())
        self.con.execute("insert into raw_tpp_dasar values (?, ?, ?, ?, ?, ?, 'test', ?)",
                         [nip, position, kelas, amount, valid_from, key, self._n()])

    def sanction(self, nip: str, kind: str, tmt: date, months: int | None, sk: str | None = None) -> None:
        self.con.execute("insert into raw_hukuman_disiplin values (?, ?, ?, ?, ?, ?, 'test', ?)",
                         [nip, kind, sk or f"800/{self._row + 1}", tmt, months, kind, self._n()])


def workdays(start: date, end: date, holidays_: set[date] | None = None) -> list[date]:
    out, d = [], start
    while d <= end:
        if d.isoweekday() <= 5 and d not in (holidays_ or set()):
            out.append(d)
        d += timedelta(days=1)
    return out


@pytest.fixture
def tiny(tmp_path):
    t = Tiny(tmp_path / "tiny.duckdb")
    yield t
    t.close()


# Weekday holidays and cuti bersama of Jan-Mar 2026 (holidays 0.109, ID, public + government);
# test_calendar checks that the warehouse calendar agrees.
HOLIDAYS_Q1_2026 = {
    date(2026, 1, 1), date(2026, 1, 16), date(2026, 2, 16), date(2026, 2, 17),
    date(2026, 3, 18), date(2026, 3, 19), date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24),
}
RAMADAN_2026 = (date(2026, 2, 19), date(2026, 3, 20))  # 1 Ramadan .. the day before Idul Fitri (21 Mar)


def workdays_2026(start: date, end: date) -> list[date]:
    return workdays(start, end, HOLIDAYS_Q1_2026)
