"""The story and the planted anomalies: who, which months, and the per-OPD effects per month."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from demo_region.catalogue import DECLINE_OPDS, NONE, ROMPI_OPD, TRAINING_OPDS
from demo_region.region import Region


@dataclass
class Plan:
    """Story months, the employees of each planted anomaly per month, and the ground truth."""

    train_m: int
    rompi_m: int
    decline: list[tuple[int, int]]                     # (opd index, first decline month)
    low: dict[int, list[int]]                          # month -> employees
    pnw: dict[int, list[int]]
    buddy: dict[int, list[tuple[int, int]]]            # month -> [(a, b)]
    casual: np.ndarray                                 # (k, 2) pairs of ordinary colleagues
    tk_run: tuple[int, int] | None                     # (employee, month): TK on the month's first 12 days
    truth: list[tuple[str, str, str, str]] = field(default_factory=list)


def make_plan(R: Region) -> Plan:
    """Choose the story months and the anomalous employees (never heads, retirees, long leaves or
    declining units; each employee in at most one anomaly)."""
    rng = R.rngs("plan")
    nm = len(R.months)
    train_m = min(nm - 1, round(0.375 * nm))
    rompi_m = min(nm - 1, round(0.5 * nm))
    decline = []
    for code, div in DECLINE_OPDS:
        k = max(1, round(nm / div))
        decline.append((R.opd_index[code], nm - k))
    n = R.n
    month_first = np.array([np.datetime64(m, "D").astype(np.int64) for m in R.months])
    decl_opd = {o for o, _ in decline}
    # peer groups (OPD x jenis) large enough for a robust score
    grp = R.opd[:n].astype(np.int64) * 3 + R.jenis[:n]
    grp_size = np.bincount(grp, minlength=R.n_opd * 3)[grp]
    ok = (~R.retired[:n]) & (R.start[:n] <= month_first[0]) & (R.long_code[:n] == NONE) & ~R.head[:n]
    ok &= ~np.isin(R.opd[:n], list(decl_opd))
    used = np.zeros(n, bool)

    def pick(count: int, extra: np.ndarray) -> np.ndarray:
        cand = np.where(ok & extra & ~used)[0]
        if len(cand) == 0:
            return cand
        chosen = np.sort(rng.choice(cand, min(count, len(cand)), replace=False))
        used[chosen] = True
        return chosen

    truth: list[tuple[str, str, str, str]] = []
    low: dict[int, list[int]] = {}
    pnw: dict[int, list[int]] = {}
    buddy: dict[int, list[tuple[int, int]]] = {}
    n_anom = max(2, round(n * 0.005))
    for e in pick(n_anom, grp_size >= 8):
        length = int(rng.integers(2, 5))
        m0 = int(rng.integers(0, max(1, nm - length + 1)))
        for m in range(m0, min(nm, m0 + length)):
            low.setdefault(m, []).append(int(e))
            truth.append(("low_productivity", R.nip[e], R.opd_code[R.opd[e]], R.months[m].isoformat()))
    for e in pick(n_anom, R.fingerprint[:n] & (grp_size >= 5)):
        length = int(rng.integers(1, 3))
        m0 = int(rng.integers(0, max(1, nm - length + 1)))
        for m in range(m0, min(nm, m0 + length)):
            pnw.setdefault(m, []).append(int(e))
            truth.append(("present_not_working", R.nip[e], R.opd_code[R.opd[e]], R.months[m].isoformat()))
    # buddy pairs: same machine
    n_pairs = max(2, round(n / 600))
    dev = R.device[:n]
    for _ in range(n_pairs):
        cand = np.where(ok & ~used & R.fingerprint[:n])[0]
        if len(cand) < 2:
            break
        a = int(rng.choice(cand))
        mates = cand[(dev[cand] == dev[a]) & (cand != a)]
        if len(mates) == 0:
            used[a] = True
            continue
        b = int(rng.choice(mates))
        used[[a, b]] = True
        length = int(rng.integers(1, 4))
        m0 = int(rng.integers(0, max(1, nm - length + 1)))
        for m in range(m0, min(nm, m0 + length)):
            buddy.setdefault(m, []).append((a, b))
            for e in (a, b):
                truth.append(("buddy_punching", R.nip[e], R.opd_code[R.opd[e]], R.months[m].isoformat()))
    for o, m0 in decline:
        for m in range(m0, nm):
            truth.append(("unit_decline", "", R.opd_code[o], R.months[m].isoformat()))
    # ordinary colleagues who sometimes arrive together (not consistently)
    fp = np.where(R.fingerprint[:n] & ~used)[0]
    order = fp[np.argsort(dev[fp], kind="stable")]
    n_cas = len(order) // 40
    starts = rng.choice(max(1, len(order) - 1), n_cas, replace=False) if n_cas else np.array([], int)
    casual = np.stack([order[starts], order[starts + 1]], axis=1) if n_cas else np.zeros((0, 2), int)
    casual = casual[dev[casual[:, 0]] == dev[casual[:, 1]]] if n_cas else casual
    # one employee absent 12 working days in a row
    tk_run = None
    cand = np.where(ok & ~used)[0]
    if len(cand) and nm >= 1:
        e = int(rng.choice(cand))
        used[e] = True
        tk_run = (e, int(rng.integers(0, nm)))
    truth.sort(key=lambda t: (t[0], t[2], t[1], t[3]))
    return Plan(train_m, rompi_m, decline, low, pnw, buddy, casual, tk_run, truth)


def story_effects(R: Region, P: Plan, m: int) -> dict[str, np.ndarray]:
    """Per-OPD multipliers for month m (the story)."""
    no = R.n_opd
    eff = {k: np.ones(no) for k in ("late_mult", "late_mean", "min_mult", "tk_mult")}
    eff.update({k: np.zeros(no) for k in ("late_add", "tk_add", "hasil", "perilaku", "beh")})
    if m >= P.train_m:
        for c in TRAINING_OPDS:
            o = R.opd_index[c]
            ramp = min(1.0, 0.6 + 0.2 * (m - P.train_m))
            eff["late_mult"][o] *= 1 - 0.5 * ramp
            eff["min_mult"][o] *= 1 + 0.10 * ramp
            eff["hasil"][o] += 0.35 * ramp
            eff["perilaku"][o] += 0.35 * ramp
            eff["beh"][o] += 0.25 * ramp
    o = R.opd_index[ROMPI_OPD]
    if m >= P.rompi_m:
        eff["late_mult"][o] *= 0.15
        eff["late_mean"][o] *= 0.6
        eff["perilaku"][o] += 0.3
    nm = len(R.months)
    for o, m0 in P.decline:
        if m >= m0:
            k = nm - m0
            s = 0.55 + 0.45 * ((m - m0) / max(1, k - 1))
            eff["late_add"][o] += 0.30 * s
            eff["late_mean"][o] *= 1 + 0.8 * s
            eff["tk_add"][o] += 0.04 * s
            eff["min_mult"][o] *= 1 - 0.38 * s
            eff["hasil"][o] -= 1.1 * s
            eff["perilaku"][o] -= 1.1 * s
            eff["beh"][o] -= 0.7 * s
    return eff


