"""ZKTeco attlog files, one per machine, appended month by month (padded PINs, CRLF, short lines,
an "extended" machine with a serial-number first line and a checksum last line)."""

from __future__ import annotations

import io
import zlib

import numpy as np
import polars as pl

from demo_region.catalogue import DL, I_, SATURDAY_OPDS
from demo_region.context import Context
from demo_region.formats import CHUNK, day_strings, time_table


class Attlog:
    """Lines and checksum written so far per machine."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.dev_lines = np.zeros(ctx.region.n_dev, np.int64)
        self.dev_crc = np.zeros(ctx.region.n_dev, np.int64)

    def write_month(self, m: int, cal: dict, S: dict) -> int:
        """Append month m's punches (employees, honorer staff, Saturday duty, double punches); returns their count."""
        R = self.ctx.region
        rng = self.ctx.rngs("punch", m)
        n = R.n
        d = cal["d"]
        fp = R.fingerprint[:n, None]
        present = S["present"]
        arr_mask = present & fp & ~S["miss_arr"]
        dep_mask = present & fp & ~S["miss_dep"]
        excused_punch = np.isin(S["status"], [I_, DL]) & fp & (rng.random(present.shape, dtype=np.float32) < 0.12)
        arr_mask |= excused_punch
        ea, da = np.nonzero(arr_mask)
        ed, dd = np.nonzero(dep_mask)
        dev = np.concatenate([S["dev"][ea, da], S["dev"][ed, dd]])
        t = np.concatenate([d[da] * 86400 + S["arr"][ea, da], d[dd] * 86400 + S["dep"][ed, dd]])
        pin = np.concatenate([R.pin[ea], R.pin[ed]])
        io_ = np.concatenate([np.zeros(len(ea), np.int8), np.ones(len(ed), np.int8)])
        # honorer (non-ASN) staff on the machines: unknown PINs
        nh = max(1, round(n * 0.002))
        hr = self.ctx.rngs("honorer")
        fp_devs = np.where(~R.opd_app[np.array(R.dev_opd)])[0]
        h_dev = fp_devs[hr.integers(0, len(fp_devs), nh)]
        h_pin = 90001 + np.arange(nh) * 7 + int(R.pin.max())
        h_day = rng.random((nh, len(d))) < 0.88
        hi, hd = np.nonzero(h_day)
        h_arr = d[hd] * 86400 + cal["start"][hd] - rng.integers(0, 1800, len(hi))
        h_dep = d[hd] * 86400 + cal["end"][hd] + rng.integers(0, 1800, len(hi))
        # Saturday activities (BPBD, Satpol PP)
        sat_codes = [R.opd_index[c] for c in SATURDAY_OPDS]
        sat_emp = np.where(np.isin(R.opd[:n], sat_codes) & R.fingerprint[:n])[0]
        sat_t, sat_e = [], []
        for s in cal["sat"]:
            alive = sat_emp[(R.start[sat_emp] <= s) & (s < R.end[sat_emp])]
            who = alive[rng.random(len(alive)) < 0.06]
            sat_e.append(np.repeat(who, 2))
            sat_t.append(np.stack([s * 86400 + 7 * 3600 + rng.integers(0, 3600, len(who)),
                                   s * 86400 + 12 * 3600 + rng.integers(0, 3600, len(who))], 1).ravel())
        sat_e = np.concatenate(sat_e) if sat_e else np.zeros(0, np.int64)
        sat_t = np.concatenate(sat_t) if sat_t else np.zeros(0, np.int64)
        dev = np.concatenate([dev, h_dev[hi], h_dev[hi], R.device[sat_e]]).astype(np.int32)
        t = np.concatenate([t, h_arr, h_dep, sat_t]).astype(np.int64)
        pin = np.concatenate([pin, h_pin[hi], h_pin[hi], R.pin[sat_e]]).astype(np.int64)
        io_ = np.concatenate([io_, np.zeros(len(hi), np.int8), np.ones(len(hi), np.int8),
                              np.tile(np.array([0, 1], np.int8), len(sat_e) // 2)])
        unknown = np.concatenate([np.zeros(len(t) - 2 * len(hi) - len(sat_e), bool), np.ones(2 * len(hi), bool),
                                  np.zeros(len(sat_e), bool)])
        # duplicate punches a few seconds later
        dup = rng.random(len(t)) < 0.015
        dev = np.concatenate([dev, dev[dup]])
        t = np.concatenate([t, t[dup] + rng.integers(1, 9, dup.sum())])
        pin = np.concatenate([pin, pin[dup]])
        io_ = np.concatenate([io_, io_[dup]])
        unknown = np.concatenate([unknown, unknown[dup]])
        order = np.lexsort((pin, t, dev))
        dev, t, pin, io_, unknown = dev[order], t[order], pin[order], io_[order], unknown[order]
        counts = np.bincount(dev, minlength=R.n_dev)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        rank = np.arange(len(t)) - starts[dev]
        line_no = self.dev_lines[dev] + rank + 1 + R.dev_extended[dev]  # extended: serial line first
        # ---- format lines, a batch of machines at a time (bounded memory)
        day = t // 86400
        sec = (t % 86400).astype(np.int64)
        d0 = int(day.min()) if len(day) else 0
        ndays = int(day.max() - d0 + 1) if len(day) else 1
        dstr = day_strings(np.arange(d0, d0 + ndays), "iso")
        short = R.dev_short[dev] & (rng.random(len(t)) < 0.15)
        tail_idx = np.where(short, 4 + (rng.random(len(t)) < 0.5), R.dev_face[dev] * 2 + io_)
        tails = pl.Series(["\t1\t0\t1\t0", "\t1\t1\t1\t0", "\t1\t0\t15\t0", "\t1\t1\t15\t0", "", "\t1"])
        bad_rows = np.where(unknown)[0]
        for k in np.unique(dev[bad_rows]):
            sel = bad_rows[dev[bad_rows] == k]
            self.ctx.bad.add(f"absensi_log/{R.dev_id[k]}_attlog.dat", line_no[sel], "unknown_pin")
        folder = self.ctx.out / "absensi_log"
        devices = np.nonzero(counts)[0]
        batch: list[int] = []
        for i, k in enumerate(devices):
            batch.append(int(k))
            size = starts[batch[-1]] + counts[batch[-1]] - starts[batch[0]]
            if size < CHUNK and i < len(devices) - 1:
                continue
            lo, hi = int(starts[batch[0]]), int(starts[batch[-1]] + counts[batch[-1]])
            sl = slice(lo, hi)
            line = pl.DataFrame({
                "p": pl.Series(pin[sl]).cast(pl.String), "pad": R.dev_padded[dev[sl]],
                "d": dstr.gather(day[sl] - d0), "t": time_table("hms").gather(sec[sl]),
                "tail": tails.gather(tail_idx[sl])}).select(
                pl.concat_str([pl.when(pl.col("pad")).then(pl.col("p").str.pad_start(9)).otherwise(pl.col("p")),
                               pl.lit("\t"), pl.col("d"), pl.lit(" "), pl.col("t"), pl.col("tail")]).alias("line"))
            for kk in batch:
                a, c = int(starts[kk]) - lo, int(counts[kk])
                term = "\r\n" if R.dev_crlf[kk] else "\n"
                buf = io.BytesIO()
                line.slice(a, c).write_csv(buf, include_header=False, quote_style="never", line_terminator=term)
                data = buf.getvalue()
                with open(folder / f"{R.dev_id[kk]}_attlog.dat", "ab" if self.dev_lines[kk] else "wb") as fh:
                    if self.dev_lines[kk] == 0 and R.dev_extended[kk]:
                        fh.write((R.dev_serial[kk] + term).encode())
                    fh.write(data)
                if R.dev_extended[kk]:
                    self.dev_crc[kk] = zlib.crc32(data, int(self.dev_crc[kk]))
                self.dev_lines[kk] += c
            batch = []
        return len(t)

    def finish(self) -> None:
        """The checksum line of the extended machine; lists the machines' files."""
        R = self.ctx.region
        for k in range(R.n_dev):
            path = self.ctx.out / "absensi_log" / f"{R.dev_id[k]}_attlog.dat"
            if R.dev_extended[k]:
                with open(path, "ab" if self.dev_lines[k] else "wb") as fh:
                    if self.dev_lines[k] == 0:
                        fh.write((R.dev_serial[k] + "\r\n").encode())
                    fh.write(f"CHECKSUM {int(self.dev_crc[k]) & 0xFFFFFFFF:08X}\r\n".encode())
            if self.dev_lines[k] or R.dev_extended[k]:
                self.ctx.files.append(f"absensi_log/{path.name}")
