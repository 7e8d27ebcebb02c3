"""Master data: `opd.csv` and `pegawai.xlsx` (title block, golongan and jabatan level, broken ghost
rows and a few exact duplicates)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from demo_region.calendar import month_add
from demo_region.catalogue import GOL_CAP, GOL_START, HEADERS, PEMKAB, PNS_GOLONGAN, PPPK_GOL
from demo_region.context import Context
from demo_region.formats import csv_bytes, sci_notation


def write_opd(ctx: Context) -> int:
    R = ctx.region
    df = pl.DataFrame({"KODE_OPD": R.opd_code, "NAMA_OPD": R.opd_name, "SINGKATAN": R.opd_abbr,
                       "RUMPUN": R.opd_rumpun})
    (ctx.out / "opd.csv").write_bytes(csv_bytes(df))
    ctx.files.append("opd.csv")
    return df.height


def write_pegawai(ctx: Context) -> int:
    R = ctx.region
    rng = ctx.rngs("pegawai-out")
    n, ng = R.n, R.n_ghost
    total = n + ng
    idx = np.arange(total)
    # order: by OPD, struktural first, then name
    order = np.lexsort((R.name[:total], R.jenis[:total], np.array(R.opd_code, dtype=object)[R.opd[:total]]
                        .astype(str)))
    ghosts = set(range(n, total))
    years_in = (np.datetime64(R.p_start, "D").astype(np.int64) - R.tmt_cpns) / 365.25
    gol = np.empty(total, dtype=object)
    for i in idx:
        e = R.edu[i]
        if R.pppk[i]:
            gol[i] = PPPK_GOL[e]
        else:
            g = min(GOL_START[e] + int(max(years_in[i], 0) // 4), GOL_CAP[e])
            if R.jenis[i] == 0:
                es = R.eselon[i] or ""
                g = max(g, {"II.a": 14, "II.b": 13, "III.a": 11, "III.b": 10}.get(es, 8))
            gol[i] = PNS_GOLONGAN[min(g, 16)]
    level = np.where(np.isin(gol, ["III/c", "III/d"]), "Ahli Muda",
                     np.where(np.char.startswith(gol.astype(str), "IV"), "Ahli Madya",
                              np.where(np.char.startswith(gol.astype(str), "III"), "Ahli Pertama", "Terampil")))
    pppk_level = np.where(np.isin(gol, ["IX", "X", "XI"]), "Ahli Pertama", "Terampil")
    level = np.where(R.pppk[:total], pppk_level, level)
    title = R.title_base[:total].astype(str)
    f = R.jenis[:total] == 1
    spec = np.char.startswith(title, "Dokter Spesialis")
    title = np.where(f & ~spec, np.char.add(np.char.add(title, " "), level.astype(str)), title)
    title = np.where(f & spec, np.char.add(title, " Ahli Muda"), title)
    R.title_out, R.gol_out = title, gol  # the jabatan as exported: the TPP base is set per jabatan (demo_region.tpp)
    rows = []
    bad_pos, bad_reason = [], []
    broken = {n + g: ["nip_scientific_notation", "nip_invalid_format", "unknown_opd"][g % 3] for g in range(ng)}
    dup_after = set(rng.choice(n, max(1, round(n * 0.0005)), replace=False).tolist())
    row_no = 0
    for i in order.tolist():
        nip = R.nip[i]
        kode = R.opd_code[R.opd[i]]
        reason = broken.get(i)
        if reason == "nip_scientific_notation":
            nip = sci_notation(nip)
        elif reason == "nip_invalid_format":
            nip = nip[1:]
        elif reason == "unknown_opd":
            kode = "9.99.01"
        birth = R.birth[i].astype("datetime64[D]").item()
        row = [None, nip, R.name[i], "P" if R.female[i] else "L", birth.strftime("%d/%m/%Y"),
               "PPPK" if R.pppk[i] else "PNS", gol[i], ["Struktural", "Fungsional", "Pelaksana"][R.jenis[i]],
               title[i], R.eselon[i] if R.jenis[i] == 0 else None, R.edu[i], kode, R.unit_name[R.unit[i]],
               None if R.pppk[i] else R.tmt_cpns[i].astype("datetime64[D]").item(),
               R.tmt_pppk[i].astype("datetime64[D]").item() if R.pppk[i] else None,
               int(R.pin[i]), "N" if R.retired[i] else "Y"]
        row_no += 1
        row[0] = row_no
        rows.append(tuple(row))
        if i in ghosts:
            bad_pos.append(row_no)
            bad_reason.append(reason)
        if i in dup_after:
            rows.append(tuple(row))
            row_no += 1
            bad_pos.append(row_no)
            bad_reason.append("exact_duplicate")
    ctx.bad.add("pegawai.xlsx", np.array(bad_pos), np.array(bad_reason, dtype=object))
    title_rows = [f"DAFTAR PEGAWAI ASN {PEMKAB.upper()} (PNS DAN PPPK)",
                  f"Keadaan per {month_add(ctx.months[-1], 1) - dt.timedelta(days=1):%d-%m-%Y}"]
    schema = {h: pl.String for h in HEADERS["pegawai"]} | {"NO": pl.Int64, "TMT_CPNS": pl.Date,
                                                           "TMT_PPPK": pl.Date, "PIN_ABSEN": pl.Int64}
    df = pl.DataFrame(rows, schema=schema, orient="row")
    kinds = {"NO": "n", "TMT_CPNS": "d", "TMT_PPPK": "d", "PIN_ABSEN": "n"}
    ctx.write_xlsx("pegawai.xlsx", "Pegawai", title_rows, df, kinds)
    return df.height
