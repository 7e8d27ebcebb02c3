"""The region's static part: OPDs, units, fingerprint machines and employees (numpy arrays
indexed by employee; the attributes of the employees are drawn in `people`)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from demo_region import people
from demo_region.calendar import month_add
from demo_region.catalogue import APP_OPDS, ARAH, KECAMATAN, OPDS, STAFF_MIX
from demo_region.rand import Rngs


def weighted_round(total: int, weights: np.ndarray, minimum: int) -> np.ndarray:
    raw = weights / weights.sum() * total
    out = np.maximum(np.floor(raw).astype(int), minimum)
    while out.sum() < total:
        out[np.argmax(raw - out)] += 1
    while out.sum() > total:
        cand = np.where(out > minimum)[0]
        out[cand[np.argmax(out[cand] - raw[cand])]] -= 1
    return out


class Region:
    """Employees, units and machines; numpy arrays indexed by employee (the first `n` are simulated,
    then `n_ghost` broken pegawai rows, then `n_out` outsiders whose NIPs are unknown)."""

    def __init__(self, n: int, months: list[dt.date], rngs: Rngs):
        self.months = months
        self.rngs = rngs
        self.p_start = months[0]
        self.p_end = month_add(months[-1], 1) - dt.timedelta(days=1)
        self._opds(n)
        self._units_devices()
        self._employees(n)

    # ---------- OPD
    def _opds(self, n: int) -> None:
        self.opd_code = [o[0] for o in OPDS]
        self.opd_name = [o[1] for o in OPDS]
        self.opd_abbr = [o[2] for o in OPDS]
        self.opd_rumpun = [o[3] for o in OPDS]
        self.opd_kind = [o[4] for o in OPDS]
        weights = np.array([o[5] for o in OPDS], dtype=float)
        self.opd_size = weighted_round(n, weights, minimum=3 if n >= 120 else 1)
        self.n_opd = len(OPDS)
        self.opd_index = {c: i for i, c in enumerate(self.opd_code)}
        self.opd_app = np.array([c in APP_OPDS for c in self.opd_code])

    # ---------- units and fingerprint machines
    def _units_devices(self) -> None:
        rng = self.rngs("units")
        self.unit_name: list[str] = []
        self.unit_opd: list[int] = []
        self.unit_office: list[bool] = []
        self.opd_units: list[tuple[int, int]] = []
        self.dev_id: list[str] = []
        self.dev_opd: list[int] = []
        self.unit_dev: list[int] = []
        self.opd_devs: list[tuple[int, int]] = []
        for o, (_code, opd_name, abbr, _r, kind, _w, office) in enumerate(OPDS):
            size = int(self.opd_size[o])
            service: list[str] = []
            if kind == "pendidikan":
                n_school = max(2, size // 14)
                count = {k: 0 for k in KECAMATAN}
                for s in range(n_school):
                    kec = KECAMATAN[s % len(KECAMATAN)]
                    count[kec] += 1
                    level = "SMP Negeri" if s % 10 in (3, 7, 9) else "SD Negeri"
                    service.append(f"{level} {count[kec]} {kec}")
            elif kind == "kesehatan":
                n_pkm = max(2, min(size // 25, 2 * len(KECAMATAN)))
                service = [f"Puskesmas {KECAMATAN[i % 10]}" + (" II" if i >= 10 else "") for i in range(n_pkm)]
                service += ["UPTD Laboratorium Kesehatan Daerah", "UPTD Instalasi Farmasi"]
            elif kind == "rsud":
                service = ["Instalasi Gawat Darurat", "Instalasi Rawat Inap", "Instalasi Rawat Jalan",
                           "Instalasi Farmasi", "Instalasi Laboratorium", "Instalasi Radiologi",
                           "Instalasi Bedah Sentral", "Instalasi Gizi"]
            elif kind == "kecamatan":
                kec = opd_name.removeprefix("Kecamatan ")
                service = [f"Kelurahan {kec} {ARAH[i]}" for i in range(2 + (size > 80) + (size > 110))]
            units = list(office) + service
            if kind in ("setda", "setwan"):
                units = office
            u0 = len(self.unit_name)
            self.unit_name += units
            self.unit_opd += [o] * len(units)
            self.unit_office += [u in office for u in units]
            self.opd_units.append((u0, len(units)))
            n_dev = max(1, round(size / 70))
            d0 = len(self.dev_id)
            self.dev_id += [f"{abbr}-{k + 1:02d}" for k in range(n_dev)]
            self.dev_opd += [o] * n_dev
            self.opd_devs.append((d0, n_dev))
            n_service = len(service)
            j = 0
            for u in units:
                if n_dev == 1 or (n_service and u in office):
                    self.unit_dev.append(d0)
                elif n_service:
                    self.unit_dev.append(d0 + 1 + j % (n_dev - 1))
                    j += 1
                else:
                    self.unit_dev.append(d0 + j % n_dev)
                    j += 1
        self.n_dev = len(self.dev_id)
        # attlog variants per machine
        self.dev_padded = rng.random(self.n_dev) < 0.4
        self.dev_crlf = rng.random(self.n_dev) < 0.3
        self.dev_face = rng.random(self.n_dev) < 0.25          # verify mode 15 instead of 1
        self.dev_short = rng.random(self.n_dev) < 0.15         # some lines miss trailing fields
        self.dev_extended = np.zeros(self.n_dev, bool)
        self.dev_extended[self.opd_devs[self.opd_index["5.03.01"]][0]] = True  # BKPSDM-01
        self.dev_crlf[self.dev_extended] = True
        self.dev_serial = [f"A{''.join(rng.choice(list('CEFJKNQRSTUY'), 3))}{rng.integers(10**8, 10**9)}"
                           for _ in range(self.n_dev)]

    # ---------- employees
    def _employees(self, n: int) -> None:
        rng = self.rngs("pegawai")
        n_ghost = max(2, round(n * 0.002))      # pegawai rows that will be broken (not simulated)
        n_out = max(5, round(n * 0.003))         # outsiders: valid NIPs not in pegawai (unknown_nip)
        self.n = n
        total = n + n_ghost + n_out
        self.n_ghost, self.n_out = n_ghost, n_out
        opd = np.repeat(np.arange(self.n_opd), self.opd_size)
        # ghosts and outsiders: random OPDs
        opd = np.concatenate([opd, rng.integers(0, self.n_opd, n_ghost + n_out)])
        jenis = np.full(total, 2, np.int8)  # 0 Struktural, 1 Fungsional, 2 Pelaksana
        pppk = np.zeros(total, bool)
        head = np.zeros(total, bool)
        for o in range(self.n_opd):
            idx = np.where(opd[:n] == o)[0]
            fs, ff, _fp, fk = STAFF_MIX[self.opd_kind[o]]
            ns = max(1, round(fs * len(idx)))
            nf = round(ff * len(idx))
            if len(idx) <= 2:
                ns = 1
            nf = min(nf, len(idx) - ns)
            jenis[idx[:ns]] = 0
            jenis[idx[ns:ns + nf]] = 1
            head[idx[0]] = True
            rest = idx[ns:]
            pppk[rest] = rng.random(len(rest)) < fk
        extra = np.arange(n, total)
        jenis[extra] = rng.choice([1, 2], len(extra))
        pppk[extra] = rng.random(len(extra)) < 0.2
        self.opd, self.jenis, self.pppk, self.head = opd, jenis, pppk, head
        female_p = np.where(np.isin(opd, [self.opd_index["1.01.01"], self.opd_index["1.02.01"],
                                          self.opd_index["1.02.02"]]), 0.68, 0.45)
        self.female = rng.random(total) < female_p
        # the order of these draws from `rng` is part of the output
        people.positions(self, rng, total)
        people.dates(self, rng, total)
        people.nips(self, rng, total)
        people.names(self, total)
        people.behaviour(self, rng)
