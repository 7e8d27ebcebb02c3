"""The TPP inputs: `tpp_dasar.csv` (the Perbup lampiran: an amount per jabatan and kelas jabatan, a
few per NIP) and `hukuman_disiplin.csv` (decided sanctions). Written after every other file, from
their own random streams, so the other files keep their bytes.

Story: the amounts rise 5 % from the first January after the start (a Perbup amendment); RSUD
doctors get an amount of their own (kelangkaan profesi); the employee absent on the first 12 days
of a month gets "pemotongan tunjangan kinerja 25 % selama 6 bulan" from the next month, and two
Dishub employees get a sanction in its decline months (the decline itself shows through attendance).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from demo_region.calendar import month_add
from demo_region.context import Context
from demo_region.formats import csv_bytes

# kelas jabatan -> BESARAN_TPP (rupiah per month) of the example Perbup
AMOUNT_BY_KELAS = {5: 2_150_000, 6: 2_450_000, 7: 2_900_000, 8: 3_400_000, 9: 4_000_000, 10: 4_900_000,
                   11: 6_200_000, 12: 7_500_000, 13: 9_800_000, 14: 12_500_000}
KELAS_BY_ESELON = {"II.a": 14, "II.b": 13, "III.a": 12, "III.b": 11, "IV.a": 9, "IV.b": 8}
DISHUB = "2.15.01"


def _kelas(title: str, jenis: int, eselon: str | None) -> int:
    if jenis == 0:
        return KELAS_BY_ESELON.get(eselon or "", 9)
    if jenis == 2:
        return 6 if title.startswith(("Pengelola", "Pengadministrasi Keuangan")) else 5
    if "Spesialis" in title:
        return 12
    for level, kelas in (("Ahli Madya", 11), ("Ahli Muda", 9), ("Ahli Pertama", 8)):
        if level in title:
            return kelas
    return 7


def _day(d: dt.date) -> str:
    return f"{d:%d/%m/%Y}"


def write_tpp_dasar(ctx: Context) -> int:
    R = ctx.region
    n = R.n
    kelas: dict[str, int] = {}
    for i in range(n):
        title = str(R.title_out[i])
        kelas[title] = max(kelas.get(title, 0), _kelas(title, int(R.jenis[i]), R.eselon[i]))
    start = ctx.months[0]
    january = next((m for m in ctx.months[1:] if m.month == 1), None)
    rows = []
    for title in sorted(kelas):
        amount = AMOUNT_BY_KELAS[kelas[title]]
        rows.append((None, title, kelas[title], amount, _day(start)))
        if january:
            rows.append((None, title, kelas[title], round(amount * 1.05, -3), _day(january)))
    # RSUD doctors: their own amount (kelangkaan profesi), by NIP
    rng = ctx.rngs("tpp-dasar")
    doctors = np.where(R.is_dokter[:n] & (np.array(R.opd_code)[R.opd[:n]] == "1.02.02"))[0]
    for i in doctors.tolist():
        title = str(R.title_out[i])
        bonus = 1.3 + 0.1 * int(rng.integers(0, 3))
        rows.append((R.nip[i], title, kelas[title], round(AMOUNT_BY_KELAS[kelas[title]] * bonus, -3), _day(start)))
    df = pl.DataFrame(rows, schema={"NIP": pl.String, "NAMA_JABATAN": pl.String, "KELAS_JABATAN": pl.Int64,
                                    "BESARAN_TPP": pl.Int64, "BERLAKU_MULAI": pl.String}, orient="row")
    (ctx.out / "tpp_dasar.csv").write_bytes(csv_bytes(df))
    ctx.files.append("tpp_dasar.csv")
    return df.height


def write_hukuman(ctx: Context) -> int:
    R, P = ctx.region, ctx.plan
    rng = ctx.rngs("hukuman")
    last = month_add(ctx.months[-1], 1) - dt.timedelta(days=1)
    rows: list[tuple] = []

    def add(e: int, kind: str, tmt: dt.date, months: int | None) -> None:
        if tmt <= last:
            number = f"800.1.6.4/{len(rows) + 1:03d}/BKPSDM/{tmt.year}"
            rows.append((R.nip[e], kind, number, _day(tmt), months))

    if P.tk_run:  # 12 TK days: pemotongan tunjangan kinerja 25 % selama 6 bulan (11-13 days), from the next month
        e, m = P.tk_run
        add(e, "Pemotongan tunjangan kinerja 25% selama 6 bulan", month_add(ctx.months[m], 1), 6)
    dishub = [(o, m0) for o, m0 in P.decline if R.opd_code[o] == DISHUB]
    if dishub:
        o, m0 = dishub[0]
        staff = np.where((R.opd[:R.n] == o) & ~R.head[:R.n] & ~R.retired[:R.n])[0]
        if len(staff) >= 2:
            a, b = (int(x) for x in rng.choice(staff, 2, replace=False))
            decided = ctx.months[min(m0 + 1, len(ctx.months) - 1)]  # decided a month into the decline
            add(a, "Pemotongan tunjangan kinerja 25%", decided, 9)
            add(b, "Teguran tertulis", decided, None)
    others = np.where(~R.head[:R.n] & ~R.retired[:R.n])[0]
    for e in rng.choice(others, min(3, len(others)), replace=False).tolist():
        add(int(e), "Teguran lisan", ctx.months[int(rng.integers(0, len(ctx.months)))] + dt.timedelta(days=9), None)
    df = pl.DataFrame(rows, schema={"NIP": pl.String, "JENIS_HUKUMAN": pl.String, "NOMOR_SK": pl.String,
                                    "TMT": pl.String, "LAMA_BULAN": pl.Int64}, orient="row")
    (ctx.out / "hukuman_disiplin.csv").write_bytes(csv_bytes(df))
    ctx.files.append("hukuman_disiplin.csv")
    return df.height
