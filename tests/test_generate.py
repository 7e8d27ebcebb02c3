"""The demo-region generator (pipelines/generate.py): layouts, valid identifiers,
planted anomalies and bad rows that really are in the files, determinism, calendar.

Reads the generated files with polars only (no dependency on the ingestion code).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import polars as pl
import pytest

from pipelines.generate import (
    HEADERS,
    PREDIKAT_MATRIX,
    RATING,
    default_start,
    generate,
    national_holidays,
    ramadan,
    working_days,
)

N, BULAN, MULAI = 300, 3, "2026-01"
MONTHS = ["2026-01", "2026-02", "2026-03"]


@pytest.fixture(scope="module")
def region(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    summary = generate(out, pegawai=N, bulan=BULAN, mulai=MULAI, seed=42)
    assert summary.pegawai == N and summary.mulai == MULAI and summary.sampai == MONTHS[-1]
    return out


def _norm(header: str) -> str:
    return re.sub(r"[\s._]", "", header).upper()


def _text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _csv(path: Path, sep: str = ",") -> pl.DataFrame:
    df = pl.read_csv(_text(path).encode(), separator=sep, infer_schema=False)
    return df.rename({c: _norm(c) for c in df.columns})


def _pegawai(region: Path) -> pl.DataFrame:
    df = pl.read_excel(region / "pegawai.xlsx", read_options={"header_row": 2}, infer_schema_length=0)
    return df.with_row_index("row", offset=1)


def _bad(region: Path, file: str | None = None) -> pl.DataFrame:
    bad = pl.read_csv(region / "_kunci" / "baris_rusak.csv", schema_overrides={"row_number": pl.Int64})
    return bad if file is None else bad.filter(pl.col("file") == file)


def _truth(region: Path, kind: str) -> pl.DataFrame:
    t = pl.read_csv(region / "_kunci" / "anomali.csv", infer_schema=False)
    return t.filter(pl.col("kind") == kind).with_columns(month=pl.col("month").str.to_date())


def _date(col: str) -> pl.Expr:
    c = pl.col(col)
    return pl.coalesce(c.str.to_date("%Y-%m-%d", strict=False), c.str.to_date("%d/%m/%Y", strict=False),
                       c.str.to_date("%d-%m-%Y", strict=False))


def _punches(region: Path) -> pl.DataFrame:
    """Every punch line of every attlog file: device, line number, PIN, time."""
    frames = []
    for f in sorted((region / "absensi_log").glob("*_attlog.dat")):
        lines = f.read_bytes().decode().replace("\r\n", "\n").rstrip("\n").split("\n")
        frames.append(pl.DataFrame({"dev": f.name.split("_attlog")[0], "line": range(1, len(lines) + 1),
                                    "raw": lines}))
    df = pl.concat(frames).filter(pl.col("raw").str.contains("\t"))
    parts = pl.col("raw").str.split("\t")
    return df.select("dev", "line", pin=parts.list.get(0).str.strip_chars(),
                     ts=parts.list.get(1).str.to_datetime("%Y-%m-%d %H:%M:%S"))


def _employee_days(region: Path) -> pl.DataFrame:
    """First and last punch per employee-day-device, with NIP."""
    peg = _pegawai(region).select("NIP", pin="PIN_ABSEN")
    p = _punches(region).join(peg, on="pin")
    return p.group_by("NIP", "dev", d=pl.col("ts").dt.date()).agg(
        a=pl.col("ts").min().dt.epoch("s"), b=pl.col("ts").max().dt.epoch("s"), n=pl.len())


def _activities(region: Path) -> pl.DataFrame:
    frames = [_csv(region / f"aktivitas_{m}.csv") for m in MONTHS]
    return pl.concat(frames).with_columns(d=_date("TANGGAL"), dur=pl.col("DURASIMENIT").cast(pl.Int64, strict=False))


# ------------------------------------------------------------------------------ layouts

def test_files_and_contract_headers(region: Path):
    names = {p.relative_to(region).as_posix() for p in region.rglob("*") if p.is_file()}
    expected = {"opd.csv", "pegawai.xlsx", "kinerja.csv", "pelatihan.xlsx", "berakhlak.csv",
                "_kunci/anomali.csv", "_kunci/baris_rusak.csv"}
    expected |= {f"absensi_harian_{m}.csv" for m in MONTHS} | {f"aktivitas_{m}.csv" for m in MONTHS}
    assert expected <= names
    assert sum(n.startswith("absensi_log/") and n.endswith("_attlog.dat") for n in names) >= 10

    def header(path: Path, sep: str = ",") -> list[str]:
        return [_norm(h) for h in _text(path).splitlines()[0].split(sep)]

    want = {k: [_norm(h) for h in v] for k, v in HEADERS.items()}
    assert header(region / "opd.csv") == want["opd"]
    assert header(region / "kinerja.csv") == want["kinerja"]
    assert header(region / "berakhlak.csv") == want["berakhlak"]
    for m in MONTHS:
        assert header(region / f"aktivitas_{m}.csv") == want["aktivitas"]
        assert header(region / f"absensi_harian_{m}.csv", ";")[:5] == want["absensi_harian"]
    peg = pl.read_excel(region / "pegawai.xlsx", read_options={"header_row": None}, infer_schema_length=0)
    assert peg.row(0)[0].startswith("DAFTAR PEGAWAI")
    assert [_norm(h) for h in peg.row(2)] == want["pegawai"]
    pel = pl.read_excel(region / "pelatihan.xlsx", read_options={"header_row": 3}, infer_schema_length=0)
    assert [_norm(h) for h in pel.columns] == want["pelatihan"]
    opd = _csv(region / "opd.csv")
    assert opd.height == 40 and opd["KODEOPD"].n_unique() == 40
    assert set(opd["RUMPUN"]) <= {"Sekretariat", "Inspektorat", "Badan", "Dinas", "RSUD", "Satpol PP",
                                  "Kecamatan", "Kelurahan", "Lainnya"}


def test_attlog_variants(region: Path):
    files = sorted((region / "absensi_log").glob("*_attlog.dat"))
    raw = {f.name: f.read_bytes() for f in files}
    assert any(b"\r\n" in r for r in raw.values())
    assert any(re.search(rb"^ +\d+\t", r, re.M) for r in raw.values())          # padded PIN
    assert any(re.search(rb"^\s*\d+\t[\d: -]{19}\r?$", r, re.M) for r in raw.values())  # no trailing fields
    extended = [r for r in raw.values() if r.rstrip().splitlines()[-1].startswith(b"CHECKSUM")]
    assert len(extended) == 1
    first = extended[0].splitlines()[0]
    assert b"\t" not in first and first.strip()                                  # serial-number line


# ------------------------------------------------------------------------------ identifiers

def test_every_nip_valid_except_planted_rows(region: Path):
    peg = _pegawai(region)
    bad_rows = set(_bad(region, "pegawai.xlsx")["row_number"])
    assert bad_rows, "some broken pegawai rows are planted"
    good = peg.filter(~pl.col("row").is_in(list(bad_rows)))
    assert good.height >= N
    for r in good.iter_rows(named=True):
        nip = r["NIP"]
        assert re.fullmatch(r"\d{18}", nip), nip
        birth = dt.datetime.strptime(nip[:8], "%Y%m%d").date()
        assert birth == dt.datetime.strptime(r["TANGGAL_LAHIR"], "%d/%m/%Y").date()
        if r["STATUS_KEPEGAWAIAN"] == "PNS":
            tmt = dt.datetime.strptime(nip[8:14] + "01", "%Y%m%d").date()
            assert tmt >= dt.date(birth.year + 18, birth.month, 1), nip
            assert nip[14] == ("1" if r["JENIS_KELAMIN"] == "L" else "2"), nip
            assert r["TMT_CPNS"] and not r["TMT_PPPK"]
            assert r["TMT_CPNS"][:7] == f"{nip[8:12]}-{nip[12:14]}"
        else:
            assert r["TMT_PPPK"] and not r["TMT_CPNS"]
    assert good["NIP"].n_unique() == good.height
    assert good["PIN_ABSEN"].n_unique() == good.height
    shares = good["JENIS_JABATAN"].value_counts(normalize=True)
    assert set(shares["JENIS_JABATAN"]) == {"Struktural", "Fungsional", "Pelaksana"}
    assert 0.1 < good.filter(pl.col("STATUS_KEPEGAWAIAN") == "PPPK").height / good.height < 0.35
    # the planted pegawai rows really are broken (or an exact duplicate / unknown OPD)
    opd = set(_csv(region / "opd.csv")["KODEOPD"])
    for r in peg.filter(pl.col("row").is_in(list(bad_rows))).iter_rows(named=True):
        assert (not re.fullmatch(r"\d{18}", r["NIP"])) or r["KODE_OPD"] not in opd or \
            peg.filter(pl.col("NIP") == r["NIP"]).height == 2


def test_bad_rows_point_at_planted_rows(region: Path):
    bad = _bad(region)
    assert 0 < bad.height
    peg = _pegawai(region)
    nips, pins = set(peg["NIP"]), set(peg["PIN_ABSEN"])
    cache: dict[str, object] = {}
    total_rows = 0
    for file, row_number, reason in bad.iter_rows():
        path = region / file
        if file not in cache:
            if file.endswith(".dat"):
                cache[file] = path.read_bytes().decode().replace("\r\n", "\n").split("\n")
            elif file.endswith(".xlsx"):
                cache[file] = pl.read_excel(path, read_options={"header_row": 2 if file == "pegawai.xlsx" else 3},
                                            infer_schema_length=0)
            else:
                cache[file] = _csv(path, ";" if file.startswith("absensi_harian") else ",")
        data = cache[file]
        if file.endswith(".dat"):
            assert reason == "unknown_pin"
            assert data[row_number - 1].split("\t")[0].strip() not in pins
            continue
        row = data.row(row_number - 1, named=True)
        nip = row.get("NIPDINILAI") or row.get("NIP") or ""
        if reason == "nip_scientific_notation":
            assert re.fullmatch(r"\d\.\d+E\+\d+", nip), (file, row_number, nip)
        elif reason == "nip_invalid_format":
            assert re.fullmatch(r"\d+", nip) and len(nip) != 18
        elif reason == "unknown_nip":
            assert re.fullmatch(r"\d{18}", nip) and nip not in nips
        elif reason == "exact_duplicate":
            assert data.row(row_number - 2) == data.row(row_number - 1)
        else:
            assert reason in {"out_of_range", "unknown_code", "invalid_rating", "unknown_opd"}
    for f in [*(f"aktivitas_{m}.csv" for m in MONTHS), "kinerja.csv"]:
        total_rows += _csv(region / f).height
    share = _bad(region).filter(pl.col("file").str.starts_with("aktivitas") | (pl.col("file") == "kinerja.csv")).height
    assert share / total_rows < 0.01, "planted bad rows stay a small fraction"


def test_kinerja_predikat_follows_matrix_except_listed(region: Path):
    k = _csv(region / "kinerja.csv").with_row_index("row", offset=1)
    k = k.filter(~pl.col("row").is_in(_bad(region, "kinerja.csv")["row_number"].to_list()))
    matrix = {(RATING[h], RATING[p]): PREDIKAT_MATRIX[h][p] for h in range(3) for p in range(3)}
    k = k.with_columns(expected=pl.struct("RATINGHASILKERJA", "RATINGPERILAKUKERJA").map_elements(
        lambda s: matrix[(s["RATINGHASILKERJA"], s["RATINGPERILAKUKERJA"])], return_dtype=pl.String))
    contra = pl.read_csv(region / "_kunci" / "predikat_kontradiksi.csv", schema_overrides={"row_number": pl.Int64})
    mismatched = k.filter(pl.col("PREDIKATKINERJA").is_not_null() & (pl.col("PREDIKATKINERJA") != pl.col("expected")))
    assert sorted(mismatched["row"].to_list()) == sorted(contra["row_number"].to_list())
    assert k["PREDIKATKINERJA"].null_count() > 0                       # some empty, to be derived
    assert k.filter(pl.col("PREDIKATKINERJA") == "BAIK").height / k.height > 0.5


# ------------------------------------------------------------------------------ planted anomalies

def test_buddy_pairs_punch_within_seconds_and_nobody_else_does(region: Path):
    truth = _truth(region, "buddy_punching")
    assert truth["nip"].n_unique() >= 4
    days = _employee_days(region).with_columns(m=pl.col("d").dt.truncate("1mo"))
    j = days.join(days, on=["dev", "d"], suffix="2").filter(
        (pl.col("NIP") < pl.col("NIP2")) & ((pl.col("a") - pl.col("a2")).abs() <= 20)
        & ((pl.col("b") - pl.col("b2")).abs() <= 20) & (pl.col("n") > 1) & (pl.col("n2") > 1))
    pairs = j.group_by("NIP", "NIP2", "m").agg(days=pl.len())
    planted = {(r["nip"], r["month"]) for r in truth.iter_rows(named=True)}
    strong = pairs.filter(pl.col("days") >= 8)
    found = {(r["NIP"], r["m"]) for r in strong.iter_rows(named=True)} | {
        (r["NIP2"], r["m"]) for r in strong.iter_rows(named=True)}
    assert planted == found
    # chance coincidences on arrival happen, but never consistently for the same pair
    arrivals = days.join(days, on=["dev", "d"], suffix="2").filter(
        (pl.col("NIP") < pl.col("NIP2")) & ((pl.col("a") - pl.col("a2")).abs() <= 20))
    chance = arrivals.filter(~(pl.col("NIP").is_in(truth["nip"].to_list())
                               & pl.col("NIP2").is_in(truth["nip"].to_list())))
    assert chance.height > 0


def test_low_productivity_minutes_really_low(region: Path):
    truth = _truth(region, "low_productivity")
    assert truth.height >= 2
    acts = _activities(region).filter(pl.col("STATUS") == "DISETUJUI")
    per_day = acts.group_by("NIP", "d").agg(mins=pl.col("dur").sum()).with_columns(m=pl.col("d").dt.truncate("1mo"))
    monthly = per_day.group_by("NIP", "m").agg(mpd=pl.col("mins").mean())
    peer_median = monthly["mpd"].median()
    assert 300 < peer_median < 420
    for r in truth.iter_rows(named=True):
        mpd = monthly.filter((pl.col("NIP") == r["nip"]) & (pl.col("m") == r["month"]))["mpd"]
        assert mpd.len() == 1 and mpd[0] < 160, (r, mpd)


def test_present_not_working_has_punches_but_no_approved_minutes(region: Path):
    truth = _truth(region, "present_not_working")
    assert truth.height >= 2
    days = _employee_days(region).with_columns(m=pl.col("d").dt.truncate("1mo"))
    approved = _activities(region).filter(pl.col("STATUS") == "DISETUJUI").select("NIP", "d").unique()
    for r in truth.iter_rows(named=True):
        present = days.filter((pl.col("NIP") == r["nip"]) & (pl.col("m") == r["month"])).select("NIP", "d").unique()
        assert present.height >= 10
        worked = present.join(approved, on=["NIP", "d"]).height
        assert worked <= 0.2 * present.height


def test_unit_decline_in_last_month(region: Path):
    truth = _truth(region, "unit_decline")
    assert set(truth["opd_code"]) == {"2.15.01", "7.01.03"}
    assert truth["nip"].null_count() == truth.height
    assert set(truth["month"]) == {dt.date(2026, 3, 1)}


# ------------------------------------------------------------------------------ determinism

def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_bytes(region: Path, tmp_path: Path):
    again = tmp_path / "again"
    generate(again, pegawai=N, bulan=BULAN, mulai=MULAI, seed=42)
    assert _hashes(again) == _hashes(region)
    other = tmp_path / "other"
    generate(other, pegawai=N, bulan=BULAN, mulai=MULAI, seed=43)
    h1, h2 = _hashes(region), _hashes(other)
    for name in ("pegawai.xlsx", "kinerja.csv", "aktivitas_2026-01.csv", "absensi_harian_2026-02.csv"):
        assert h1[name] != h2[name]
    # regenerating over an earlier output (another seed, one more month) leaves nothing stale
    generate(other, pegawai=N, bulan=BULAN + 1, mulai="2025-12", seed=43)
    generate(other, pegawai=N, bulan=BULAN, mulai=MULAI, seed=42)
    assert _hashes(other) == h1


@pytest.mark.parametrize(("pegawai", "bulan", "mulai"), [(40, 1, "2026-03"), (150, 2, "2026-08"), (120, 13, "2024-12")])
def test_small_and_odd_regions(tmp_path: Path, pegawai: int, bulan: int, mulai: str):
    s = generate(tmp_path, pegawai=pegawai, bulan=bulan, mulai=mulai, seed=5)
    assert s.pegawai == pegawai and len([f for f in s.files if f.startswith("aktivitas_")]) == bulan
    assert all((tmp_path / f).exists() for f in s.files)
    for name in ("pegawai.xlsx", "pelatihan.xlsx"):
        pl.read_excel(tmp_path / name, read_options={"header_row": 2 if name == "pegawai.xlsx" else 3})


# ------------------------------------------------------------------------------ calendar

def test_no_punches_on_sundays_or_holidays(region: Path):
    p = _punches(region).with_columns(d=pl.col("ts").dt.date())
    hol = national_holidays([2026])
    assert p.filter(pl.col("d").dt.weekday() == 7).height == 0
    assert p.filter(pl.col("d").is_in(list(hol))).height == 0
    assert p.filter(pl.col("d").dt.weekday() == 6).height < 0.01 * p.height
    # Ramadan 2026 starts at 08.00: typical arrivals are later than in January
    arr = p.group_by("pin", "d").agg(pl.col("ts").min()).with_columns(
        minute=pl.col("ts").dt.hour().cast(pl.Int32) * 60 + pl.col("ts").dt.minute().cast(pl.Int32))
    jan = arr.filter(pl.col("d").dt.month() == 1)["minute"].median()
    ram = arr.filter(pl.col("d").is_between(dt.date(2026, 2, 23), dt.date(2026, 3, 13)))["minute"].median()
    assert ram - jan >= 20


def test_working_days_exclude_cuti_bersama():
    assert ramadan(2026) == (dt.date(2026, 2, 19), dt.date(2026, 3, 20))
    march = working_days(dt.date(2026, 3, 16), dt.date(2026, 3, 27))
    assert dt.date(2026, 3, 20) not in march          # Idul Fitri cuti bersama (Friday)
    assert dt.date(2026, 3, 23) not in march and dt.date(2026, 3, 24) not in march
    assert dt.date(2026, 3, 16) in march
    dec = working_days(dt.date(2025, 12, 22), dt.date(2025, 12, 31))
    assert dt.date(2025, 12, 25) not in dec and dt.date(2025, 12, 26) not in dec   # Natal + cuti bersama
    assert all(d.weekday() < 5 for d in dec) and len(dec) == 6


def test_default_period_ends_with_last_complete_month():
    assert default_start(24, today=dt.date(2026, 11, 26)) == dt.date(2024, 11, 1)
    assert default_start(3, today=dt.date(2026, 1, 5)) == dt.date(2025, 10, 1)
