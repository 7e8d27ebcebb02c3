"""One month of attendance, simulated for every employee and working day: status, arrival and
departure seconds, machine; the story's effects, buddy punching and colleagues arriving together."""

from __future__ import annotations

import numpy as np

from demo_region.catalogue import CAP, CT, DL, I_, NONE, S_, TK, H
from demo_region.context import Context
from demo_region.plan import story_effects


def simulate(ctx: Context, m: int, cal: dict) -> dict[str, np.ndarray]:
    R, P = ctx.region, ctx.plan
    rng = ctx.rngs("hadir", m)
    n = R.n
    d = cal["d"]
    nd = len(d)
    eff = story_effects(R, P, m)
    opd = R.opd[:n]
    active = (R.start[:n, None] <= d[None, :]) & (d[None, :] < R.end[:n, None])
    p_tk = R.tk_rate[:n] * eff["tk_mult"][opd] + eff["tk_add"][opd]
    c1 = p_tk[:, None]
    c2 = c1 + R.sick[:n, None]
    c3 = c2 + R.izin[:n, None]
    c4 = c3 + 0.0015
    c5 = c4 + R.dl[:n, None]
    c6 = c5 + R.ct[:n, None] * cal["ct"][None, :]
    u = rng.random((n, nd), dtype=np.float32)
    status = np.full((n, nd), H, np.int8)
    for code, c in ((CT, c6), (DL, c5), (CAP, c4), (I_, c3), (S_, c2), (TK, c1)):
        status[u < c] = code
    if nd > 1:  # sickness lasts a few days
        ext = (status[:, :-1] == S_) & (status[:, 1:] == H) & (rng.random((n, nd - 1), dtype=np.float32) < 0.45)
        status[:, 1:][ext] = S_
    long_mask = (R.long_start[:n, None] <= d[None, :]) & (d[None, :] < R.long_end[:n, None]) & (
        R.long_code[:n, None] != NONE)
    status = np.where(long_mask, R.long_code[:n, None], status).astype(np.int8)
    if P.tk_run and P.tk_run[1] == m:
        e = P.tk_run[0]
        status[e, : min(nd, 12)] = TK
    for e in P.pnw.get(m, []):
        row = status[e]
        fix = np.isin(row, [TK, S_, I_, CAP, CT, DL]) & (rng.random(nd) < 0.9)
        row[fix] = H
    for a, b in P.buddy.get(m, []):
        ok = (status[a] == H) & ~long_mask[b] & (rng.random(nd) < 0.92)
        status[b, ok] = H
    status[~active] = NONE
    present = status == H

    # --- times
    p_late = (R.late_p[:n, None] * eff["late_mult"][opd][:, None] + eff["late_add"][opd][:, None]
              + cal["late_add"][None, :])
    late = rng.random((n, nd), dtype=np.float32) < np.clip(p_late, 0, 0.95)
    late_min = rng.exponential(1.0, (n, nd)).astype(np.float32) * (R.late_mean[:n] * eff["late_mean"][opd])[:, None]
    early_min = rng.gamma(2.0, 0.5, (n, nd)).astype(np.float32) * R.early_mean[:n, None]
    st = cal["start"][None, :]
    arr = st + np.where(late, late_min * 60 + 60, -early_min * 60) + rng.integers(0, 60, (n, nd))
    arr = np.clip(arr, st - 90 * 60, st + 300 * 60).astype(np.int32)
    leave_p = R.early_p[:n] * (1 + 2 * (eff["late_add"][opd] > 0))  # declining units leave early too
    early_leave = rng.random((n, nd), dtype=np.float32) < leave_p[:, None]
    en = cal["end"][None, :]
    leave = np.where(early_leave, -(rng.exponential(25.0, (n, nd)) + 1) * 60,
                     rng.exponential(1.0, (n, nd)) * R.stay_mean[:n, None] * 60)
    dep = np.clip(en + leave + rng.integers(0, 60, (n, nd)), arr + 3600, 21 * 3600 + 1800).astype(np.int32)
    v = rng.random((n, nd), dtype=np.float32)
    miss_dep = v < 0.03
    miss_arr = v > 0.996
    dev = np.broadcast_to(R.device[:n, None], (n, nd)).copy()
    other = rng.random((n, nd), dtype=np.float32) < 0.015
    if other.any():
        ei, di = np.nonzero(other)
        d0 = np.array([R.opd_devs[o][0] for o in range(R.n_opd)])[opd[ei]]
        nd_ = np.array([R.opd_devs[o][1] for o in range(R.n_opd)])[opd[ei]]
        dev[ei, di] = d0 + rng.integers(0, 1 << 30, len(ei)) % nd_
    # buddy punching: b's punches follow a's by 1-20 s on a's machine
    for a, b in P.buddy.get(m, []):
        days = present[a] & present[b]
        k = days.sum()
        arr[b, days] = arr[a, days] + rng.integers(1, 21, k)
        dep[b, days] = dep[a, days] + rng.integers(1, 21, k)
        miss_arr[b, days] = miss_arr[a, days]
        miss_dep[b, days] = miss_dep[a, days]
        dev[b, days] = dev[a, days]
    # ordinary colleagues arriving together now and then
    if len(P.casual):
        a, b = P.casual[:, 0], P.casual[:, 1]
        together = present[a] & present[b] & (rng.random((len(a), nd), dtype=np.float32) < 0.12)
        pi, di = np.nonzero(together)
        arr[b[pi], di] = arr[a[pi], di] + rng.integers(1, 26, len(pi))
        dev[b[pi], di] = dev[a[pi], di]
    is_late = present & ~miss_arr & (arr > st)
    return {"status": status, "present": present, "arr": arr, "dep": dep, "miss_arr": miss_arr,
            "miss_dep": miss_dep, "dev": dev, "late": is_late, "eff": eff, "active": active}
