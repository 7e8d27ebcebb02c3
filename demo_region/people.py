"""Employee attributes drawn for the region, in a fixed order from one random stream: positions and
education, dates (birth, TMT, retirement, long leaves), NIPs and PINs, names, habits."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from demo_region.activity_pools import AKT_CATS
from demo_region.catalogue import CB, CM, FUNGSIONAL, FUNGSIONAL_OPD, NONE, PELAKSANA, ROMPI_OPD, TB

if TYPE_CHECKING:
    from demo_region.region import Region


def positions(R: Region, rng: np.random.Generator, total: int) -> None:
    """Sets unit, title_base, eselon, edu (education), cat (activity pool), is_guru, is_dokter, device."""
    unit = np.zeros(total, np.int32)
    title = np.empty(total, dtype=object)
    eselon = np.empty(total, dtype=object)
    edu = np.empty(total, dtype=object)
    cat = np.zeros(total, np.int8)  # activity pool
    for o in range(R.n_opd):
        kind = R.opd_kind[o]
        u0, nu = R.opd_units[o]
        units = list(range(u0, u0 + nu))
        office = [u for u in units if R.unit_office[u]]
        service = [u for u in units if not R.unit_office[u]]
        idx = np.where(R.opd == o)[0]
        struk = idx[R.jenis[idx] == 0]
        slots = _struktural_slots(R, o, office, service)
        for k, e in enumerate(struk):
            t, es, u = slots[k % len(slots)] if k < len(slots) else (
                f"Kepala Seksi {['Perencanaan', 'Pembinaan', 'Pengendalian', 'Data dan Informasi'][k % 4]}",
                "IV.a", office[k % len(office)])
            title[e], eselon[e], unit[e] = t, es, u
        fung = idx[R.jenis[idx] == 1]
        pel = idx[R.jenis[idx] == 2]
        if len(fung):
            pool = FUNGSIONAL_OPD.get(R.opd_abbr[o], FUNGSIONAL[kind])
            base = np.array(pool, dtype=object)[rng.integers(0, len(pool), len(fung))]
            title[fung] = base
            to_service = (rng.random(len(fung)) < 0.9) & bool(service)
            su = np.array(service or office)[rng.integers(0, len(service or office), len(fung))]
            ou = np.array(office)[rng.integers(0, len(office), len(fung))]
            unit[fung] = np.where(to_service, su, ou)
        if len(pel):
            title[pel] = np.array(PELAKSANA, dtype=object)[rng.integers(0, len(PELAKSANA), len(pel))]
            to_service = (rng.random(len(pel)) < 0.4) & bool(service)
            su = np.array(service or office)[rng.integers(0, len(service or office), len(pel))]
            ou = np.array(office)[rng.integers(0, len(office), len(pel))]
            unit[pel] = np.where(to_service, su, ou)
        # activity category
        c = np.where(R.jenis[idx] == 0, 3, 0)
        if kind == "pendidikan":
            c = np.where(R.jenis[idx] == 1, 1, c)
        elif kind in ("kesehatan", "rsud"):
            c = np.where(R.jenis[idx] == 1, 2, c)
        else:
            own = f"teknis:{R.opd_abbr[o]}"
            c = np.where(R.jenis[idx] == 1, AKT_CATS.index(own) if own in AKT_CATS else 4, c)
            if kind == "kecamatan":
                c = np.where(R.jenis[idx] == 2, np.where(rng.random(len(idx)) < 0.5, 5, 0), c)
        cat[idx] = c
    # education
    u = rng.random(total)
    j = R.jenis
    title_s = title.astype(str)
    is_guru = np.char.startswith(title_s, "Guru")
    is_dokter = np.char.startswith(title_s, "Dokter")
    is_nakes_d3 = np.isin(title_s, ["Perawat", "Bidan", "Radiografer", "Pranata Laboratorium Kesehatan",
                                    "Perekam Medis", "Nutrisionis", "Sanitarian", "Fisioterapis"])
    edu[:] = np.where(u < 0.45, "SMA", np.where(u < 0.6, "D3", np.where(u < 0.93, "S1", "S2")))  # pelaksana
    edu[j == 0] = np.where(u[j == 0] < 0.5, "S1", np.where(u[j == 0] < 0.97, "S2", "S3"))
    f = j == 1
    edu[f] = np.where(u[f] < 0.08, "D3", np.where(u[f] < 0.85, "S1", "S2"))
    edu[f & is_guru] = np.where(u[f & is_guru] < 0.03, "D4", np.where(u[f & is_guru] < 0.87, "S1", "S2"))
    edu[f & is_nakes_d3] = np.where(u[f & is_nakes_d3] < 0.55, "D3", np.where(u[f & is_nakes_d3] < 0.97, "S1",
                                                                              "S2"))
    edu[f & is_dokter] = np.where(u[f & is_dokter] < 0.8, "S1", "S2")
    small = (j == 2) & (rng.random(total) < 0.03)
    edu[small] = np.where(rng.random(small.sum()) < 0.5, "SD", "SMP")
    R.unit, R.title_base, R.eselon, R.edu, R.cat = unit, title, eselon, edu, cat
    R.is_guru, R.is_dokter = is_guru, is_dokter
    R.device = np.array(R.unit_dev, np.int32)[unit]


def _struktural_slots(R: Region, o: int, office: list[int], service: list[int]) -> list[tuple[str, str, int]]:
    kind, name = R.opd_kind[o], R.opd_name[o]
    u = office[0]
    heads = {"setda": ("Sekretaris Daerah", "II.a"), "setwan": ("Sekretaris DPRD", "II.b"),
             "inspektorat": ("Inspektur", "II.b"), "rsud": ("Direktur Rumah Sakit Umum Daerah", "II.b"),
             "satpol": ("Kepala Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "II.b"),
             "kecamatan": (f"Camat {name.removeprefix('Kecamatan ')}", "III.a")}
    t, es = heads.get(kind, (f"Kepala {name}", "II.b"))
    slots = [(t, es, u)]
    if kind == "setda":
        slots += [("Asisten Pemerintahan dan Kesejahteraan Rakyat", "II.b", u),
                  ("Asisten Perekonomian dan Pembangunan", "II.b", u),
                  ("Asisten Administrasi Umum", "II.b", u)]
    sekretariat = [x for x in office if R.unit_name[x].startswith("Sekretariat")
                   or R.unit_name[x] == "Bagian Tata Usaha"]
    if kind == "kecamatan":
        slots.append(("Sekretaris Camat", "III.b", office[0]))
    elif sekretariat:
        slots.append(("Sekretaris" if kind != "rsud" else "Kepala Bagian Tata Usaha", "III.a", sekretariat[0]))
    for x in office:
        nm = R.unit_name[x]
        if nm.startswith(("Bidang", "Bagian ", "UPTD", "Inspektur Pembantu", "Pusdalops")) and x not in sekretariat:
            if nm.startswith("Inspektur Pembantu"):
                slots.append((nm, "III.a", x))
            else:
                slots.append((f"Kepala {nm}", "III.b" if not nm.startswith(("UPTD", "Pusdalops")) else "IV.a", x))
        elif nm.startswith("Seksi"):
            slots.append((f"Kepala {nm}", "IV.a", x))
    for x in service:
        nm = R.unit_name[x]
        if nm.startswith("Kelurahan"):
            slots.append((f"Lurah {nm.removeprefix('Kelurahan ')}", "IV.a", x))
        elif nm.startswith("UPTD"):
            slots.append((f"Kepala {nm}", "IV.a", x))
    if sekretariat:
        slots += [("Kepala Sub Bagian Umum dan Kepegawaian", "IV.a", sekretariat[0]),
                  ("Kepala Sub Bagian Perencanaan dan Keuangan", "IV.a", sekretariat[0])]
    return slots


def dates(R: Region, rng: np.random.Generator, total: int) -> None:
    """Sets birth, retired, tmt_cpns, tmt_pppk, start/end (simulated span), long_code/long_start/long_end."""
    p0 = np.datetime64(R.p_start, "D").astype(np.int64)
    p1 = np.datetime64(R.p_end, "D").astype(np.int64)
    # age at the period start, 22..57
    age = np.clip(rng.triangular(22, 41, 58, total), 22, 57.7)
    age[R.jenis == 0] = np.clip(age[R.jenis == 0] + 7, 32, 57.7)
    birth = (p0 - age * 365.25).astype(np.int64)
    # retirements during the period: ~1% of PNS reach BUP 58 inside the period
    n_months = len(R.months)
    retire = np.zeros(total, bool)
    cand = np.where(~R.pppk[: R.n] & ~R.head[: R.n])[0]
    n_ret = max(1, round(R.n * 0.01)) if n_months >= 2 else 0
    end = np.full(total, p1 + 1, np.int64)
    if n_ret:
        chosen = rng.choice(cand, min(n_ret, len(cand)), replace=False)
        retire[chosen] = True
        m = rng.integers(1, n_months, len(chosen))
        ret_day = np.array([np.datetime64(R.months[k], "D").astype(np.int64) for k in m])
        # BUP 58: retire on the first day of the month after the 58th birthday
        birth[chosen] = ret_day - 58 * 365.25 - rng.integers(2, 27, len(chosen))
        end[chosen] = ret_day
    R.birth = birth
    R.retired = retire
    # TMT CPNS (PNS): age 21..35 at appointment, before the period
    cpns_age = rng.uniform(20.5, 35, total)
    tmt = (birth + cpns_age * 365.25).astype(np.int64)
    latest = p0 - 40
    tmt = np.minimum(tmt, latest)
    tmt = np.maximum(tmt, birth + int(18.2 * 365.25) + 31)
    tmt_m = tmt.astype("datetime64[D]").astype("datetime64[M]")
    tmt_m = np.maximum(tmt_m, (birth + int(18.2 * 365.25) + 31).astype("datetime64[D]").astype("datetime64[M]")
                       + 1)
    R.tmt_cpns = tmt_m.astype("datetime64[D]").astype(np.int64)
    # TMT PPPK: batches; some inside the period (data starts then)
    batches = np.array([np.datetime64(d, "D").astype(np.int64) for d in
                        ("2021-12-01", "2022-10-01", "2023-06-01", "2024-03-01", "2025-03-01", "2025-10-01")])
    allowed = batches[batches <= p1 - 28]
    pick = rng.integers(0, len(allowed), total)
    tmt_p = allowed[pick]
    R.tmt_pppk = np.maximum(tmt_p, birth + int(21 * 365.25))
    R.tmt_pppk = R.tmt_pppk.astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]").astype(
        np.int64)
    start = np.where(R.pppk, np.maximum(R.tmt_pppk, p0), p0)
    start[R.n:] = p1 + 10  # ghosts/outsiders never simulated
    end[R.n:] = p1 + 10
    R.start, R.end = start, end
    # long leaves: CM (female, ~1.5%/yr), CB, TB
    R.long_code = np.full(total, NONE, np.int8)
    R.long_start = np.zeros(total, np.int64)
    R.long_end = np.zeros(total, np.int64)
    years = n_months / 12
    u = rng.random(total)
    cm = R.female & (age < 42) & (u < 0.015 * years)
    tb = ~cm & ~R.pppk & (R.jenis != 0) & (u > 1 - 0.004)
    cb = ~cm & ~tb & ~R.pppk & (u > 0.5) & (u < 0.5 + 0.0015 * years)
    span = p1 - p0
    for mask, code, lo, hi in ((cm, CM, 88, 92), (cb, CB, 30, 75), (tb, TB, 300, 700)):
        k = mask.sum()
        s = p0 + rng.integers(-60, max(span, 1), k)
        R.long_code[mask] = code
        R.long_start[mask] = s
        R.long_end[mask] = s + rng.integers(lo, hi + 1, k)


def nips(R: Region, rng: np.random.Generator, total: int) -> None:
    """Sets nip (valid 18-digit NIPs, PNS or PPPK layout), nip_s, nip_int and pin (PIN_ABSEN)."""
    birth = pl.Series(R.birth.astype("datetime64[D]")).cast(pl.Date).dt.strftime("%Y%m%d")
    tmt = pl.Series(R.tmt_cpns.astype("datetime64[D]")).cast(pl.Date).dt.strftime("%Y%m")
    tmt_p = pl.Series(R.tmt_pppk.astype("datetime64[D]")).cast(pl.Date).dt.strftime("%Y")
    g = pl.Series(np.where(R.female, "2", "1"))
    df = pl.DataFrame({"b": birth, "t": tmt, "tp": tmt_p, "g": g, "pppk": R.pppk,
                       "i": np.arange(total)})
    df = df.with_columns(
        prefix=pl.when(pl.col("pppk")).then(pl.col("b") + pl.col("tp") + pl.lit("21") + pl.col("g"))
        .otherwise(pl.col("b") + pl.col("t") + pl.col("g")))
    df = df.with_columns(seq=(pl.col("i").rank("ordinal").over("prefix")).cast(pl.Int64))
    # occasionally the sequence does not start at 001 (earlier holders of the prefix elsewhere)
    bump = rng.random(total) < 0.05
    df = df.with_columns(_bump=pl.Series(np.where(bump, rng.integers(1, 4, total), 0)))
    df = df.with_columns(seq=pl.col("seq") + pl.col("_bump").first().over("prefix"))
    df = df.with_columns(nip=pl.col("prefix") + pl.col("seq").cast(pl.String).str.zfill(3))
    nips = df["nip"]
    assert nips.n_unique() == total
    R.nip = nips.to_numpy().astype(str)
    R.nip_s = nips.rename("NIP")
    R.nip_int = np.array([int(x) for x in R.nip], dtype=np.uint64)
    # PIN_ABSEN: unique region-wide
    R.pin = (1001 + rng.permutation(total)).astype(np.int64)


def names(R: Region, total: int) -> None:
    """Sets name: an Indonesian name (Faker seeded with the region seed) with academic titles."""
    from faker import Faker

    fk = Faker("id_ID")
    fk.seed_instance(R.rngs.seed)
    male = sorted({fk.first_name_male() for _ in range(1500)})
    female = sorted({fk.first_name_female() for _ in range(1500)})
    last_m = sorted({fk.last_name_male() for _ in range(800)})
    last_f = sorted({fk.last_name_female() for _ in range(800)})
    rng = R.rngs("nama")
    f = R.female
    first = np.where(f, np.array(female, dtype=object)[rng.integers(0, len(female), total)],
                     np.array(male, dtype=object)[rng.integers(0, len(male), total)])
    mid = np.where(f, np.array(female, dtype=object)[rng.integers(0, len(female), total)],
                   np.array(male, dtype=object)[rng.integers(0, len(male), total)])
    last = np.where(f, np.array(last_f, dtype=object)[rng.integers(0, len(last_f), total)],
                    np.array(last_m, dtype=object)[rng.integers(0, len(last_m), total)])
    u = rng.random(total)
    name = np.where(u < 0.1, first, np.where(u < 0.3, first + " " + mid + " " + last, first + " " + last))
    # academic titles
    edu = R.edu
    title = R.title_base.astype(str)
    s1 = np.array(["S.E.", "S.H.", "S.Sos.", "S.Kom.", "S.T.", "S.AP.", "S.IP.", "S.Ak.", "S.P."], dtype=object)
    suffix = np.full(total, "", dtype=object)
    k = edu == "S1"
    suffix[k] = s1[rng.integers(0, len(s1), k.sum())]
    suffix[k & R.is_guru] = "S.Pd."
    nurse = np.isin(title, ["Perawat"])
    suffix[k & nurse] = "S.Kep., Ns."
    suffix[(edu == "D3") & nurse] = "A.Md.Kep."
    suffix[(edu == "D3") & (title == "Bidan")] = "A.Md.Keb."
    suffix[(edu == "D3") & ~nurse & (title != "Bidan")] = "A.Md."
    k2 = edu == "S2"
    s2 = np.array(["S.E., M.Si.", "S.H., M.H.", "S.Sos., M.AP.", "S.T., M.T.", "S.IP., M.Si.", "S.E., M.M."],
                  dtype=object)
    suffix[k2] = s2[rng.integers(0, len(s2), k2.sum())]
    suffix[k2 & R.is_guru] = "S.Pd., M.Pd."
    name = np.where(suffix == "", name, name + ", " + suffix)
    name = np.where(edu == "S3", "Dr. " + name.astype(str) + ", M.Si.", name)
    name = np.where(R.is_dokter, "dr. " + name.astype(str), name)
    old = (rng.random(total) < 0.06) & (R.birth < np.datetime64("1975-01-01").astype(np.int64))
    name = np.where(old, np.where(f, "Hj. ", "H. ") + name.astype(str), name)
    R.name = name.astype(str)


def behaviour(R: Region, rng: np.random.Generator) -> None:
    """Per-employee habits: lateness, absences, logged minutes, rating tendencies."""
    total = len(R.nip)
    opd_late = np.exp(rng.normal(0, 0.35, R.n_opd))
    opd_late[R.opd_index[ROMPI_OPD]] = 2.4
    R.opd_min = np.clip(rng.normal(1.0, 0.05, R.n_opd), 0.88, 1.12)
    R.late_p = np.clip(rng.beta(1.6, 11, total) * opd_late[R.opd], 0.005, 0.8)
    R.late_mean = rng.gamma(2.0, 6.0, total) + 3           # minutes when late
    R.early_mean = rng.gamma(3.0, 6.0, total) + 2          # minutes early when on time
    R.stay_mean = rng.gamma(2.0, 8.0, total) + 1           # minutes after closing
    R.early_p = rng.beta(1.2, 30, total)
    R.tk_rate = rng.gamma(0.6, 0.006, total)
    chronic = rng.random(total) < 0.004
    R.tk_rate[chronic] = rng.uniform(0.04, 0.12, chronic.sum())
    R.sick = rng.gamma(2, 0.0065, total)
    R.izin = rng.gamma(2, 0.005, total)
    R.dl = np.where(R.jenis == 0, 0.06, np.where(R.cat >= 4, 0.035, 0.015)) * rng.uniform(0.5, 1.5, total)
    R.ct = rng.uniform(0.015, 0.045, total)
    R.minutes = rng.uniform(328, 416, total) * R.opd_min[R.opd]
    R.minutes *= np.where(R.cat == 1, 0.95, 1.0)
    R.reject_p = np.clip(rng.beta(3, 16, total), 0.0, 0.5)  # P(extra rejected entry per day)
    R.q_hasil = rng.normal(0, 1, total)
    R.q_perilaku = 0.85 * R.q_hasil + rng.normal(0, 0.53, total)
    R.q_beh = 0.4 * R.q_perilaku + rng.normal(0, 0.9, total)
    R.fingerprint = ~R.opd_app[R.opd]

