"""The monthly e-absensi recap `absensi_harian_YYYY-MM.csv` (excused, TK and app-OPD rows, in the
month's spelling of codes, dates, times, encoding and headers)."""

from __future__ import annotations

import numpy as np
import polars as pl

from demo_region.catalogue import CAP, CB, CM, CT, DL, I_, S_, STATUS_CODES, TB, TK, H
from demo_region.context import Context
from demo_region.formats import csv_bytes, day_strings, time_table


def write_recap(ctx: Context, m: int, cal: dict, S: dict) -> int:
    R = ctx.region
    rng = ctx.rngs("rekap", m)
    n = R.n
    status = S["status"]
    app = ~R.fingerprint[:n, None]
    excused = np.isin(status, [I_, S_, CT, CB, CM, CAP, DL, TB])
    tk = (status == TK) & (rng.random(status.shape, dtype=np.float32) < 0.7)
    h_app = S["present"] & app
    e_idx, d_idx = np.nonzero(excused | tk | h_app)
    st = status[e_idx, d_idx]
    codes = np.array(STATUS_CODES, dtype=object)[st]
    u = rng.random(len(st))
    codes = np.where((st == TK) & (u < 0.25), "A", np.where((st == TK) & (u < 0.4), "ALPA", codes))
    codes = np.where((st == CT) & (u < 0.2), "C", codes)
    arr = S["arr"][e_idx, d_idx]
    dep = S["dep"][e_idx, d_idx]
    is_h = st == H
    start = cal["start"][d_idx]
    late_m = (arr - start) / 60
    tm = np.where(late_m >= 60, "TM3", np.where(late_m >= 30, "TM2", "TM1"))
    codes = np.where(is_h & (u < 0.15), "HN", codes)
    codes = np.where(is_h & (late_m > 0) & (u > 0.5), tm, codes)
    # messy codes: case and stray spaces
    v = rng.random(len(st))
    codes = codes.astype(str)
    lower = v < 0.012
    codes = np.where(lower, np.char.lower(codes), codes)
    padded = (v >= 0.012) & (v < 0.024)
    codes = np.where(padded, np.char.add(np.char.add(" ", codes), " "), codes)
    title = (v >= 0.024) & (v < 0.03)
    codes = np.where(title, np.char.capitalize(codes), codes)
    miss_arr = S["miss_arr"][e_idx, d_idx] & is_h
    miss_dep = S["miss_dep"][e_idx, d_idx] & is_h
    style = m % 6
    t_mode = ["hm", "hm.", "hm", "mixed", "hm", "hm."][style]
    if t_mode == "mixed":
        hm = time_table("hm").gather(arr // 60)
        hms = time_table("h:mm:ss").gather(arr)
        pick = rng.random(len(arr)) < 0.4
        jm = pl.DataFrame({"a": hm, "b": hms, "p": pick}).select(
            pl.when("p").then("b").otherwise("a"))[:, 0]
        hm2 = time_table("hm").gather(dep // 60)
        hms2 = time_table("h:mm:ss").gather(dep)
        jp = pl.DataFrame({"a": hm2, "b": hms2, "p": pick}).select(pl.when("p").then("b").otherwise("a"))[:, 0]
    else:
        jm = time_table(t_mode).gather(arr // 60)
        jp = time_table(t_mode).gather(dep // 60)
    d_style = ["iso", "dmy", "mixed", "iso", "dmy-", "mixed"][(m * 7 + 3) % 6]
    days = cal["d"]
    if d_style == "mixed":
        iso = day_strings(days, "iso").gather(d_idx)
        dmy = day_strings(days, "dmy").gather(d_idx)
        pick = rng.random(len(d_idx)) < 0.5
        tgl = pl.DataFrame({"a": iso, "b": dmy, "p": pick}).select(pl.when("p").then("b").otherwise("a"))[:, 0]
    else:
        tgl = day_strings(days, d_style).gather(d_idx)
    df = pl.DataFrame({
        "NIP": R.nip_s.gather(e_idx),
        "TANGGAL": tgl,
        "JAM_MASUK": jm, "JAM_PULANG": jp, "_h": is_h, "_ma": miss_arr, "_md": miss_dep,
        "KETERANGAN": pl.Series(codes, dtype=pl.String),
    }).with_columns(
        JAM_MASUK=pl.when(pl.col("_h") & ~pl.col("_ma")).then("JAM_MASUK").otherwise(pl.lit("")),
        JAM_PULANG=pl.when(pl.col("_h") & ~pl.col("_md")).then("JAM_PULANG").otherwise(pl.lit("")),
    ).drop("_h", "_ma", "_md")
    cp1252 = m % 6 == 4
    if cp1252:
        notes = {"S": "Surat keterangan dokter – Puskesmas", "DL": "Dinas luar – SPT terlampir",
                 "I": "Izin keperluan keluarga", "CT": "Cuti tahunan – disetujui atasan"}
        df = df.with_columns(CATATAN=pl.col("KETERANGAN").str.strip_chars().str.to_uppercase()
                             .replace_strict(notes, default=""))
    df, pos, reasons = ctx.bad.plant(
        df, rng, "NIP", 0.003, invalid={"KETERANGAN": ["XX|unknown_code", "HDR|unknown_code"]})
    name = f"absensi_harian_{ctx.months[m]:%Y-%m}.csv"
    ctx.bad.add(name, pos + 1, reasons)
    if m % 12 == 7:  # one month exported with display headers
        df = df.rename({"NIP": "Nip", "TANGGAL": "Tanggal", "JAM_MASUK": "Jam Masuk", "JAM_PULANG": "Jam Pulang",
                        "KETERANGAN": "Keterangan"})
    data = csv_bytes(df, sep=";", crlf=cp1252)
    if cp1252:
        data = data.decode("utf-8").encode("cp1252")
    elif m % 3 == 1:
        data = b"\xef\xbb\xbf" + data
    (ctx.out / name).write_bytes(data)
    ctx.files.append(name)
    return df.height
