"""Training records `pelatihan.xlsx` (title block, JP partly as text with a decimal comma, year-end
rush) and the story's work-culture training."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from demo_region.calendar import month_add
from demo_region.catalogue import KABUPATEN, PEMKAB, TRAINING_OPDS
from demo_region.context import Context

TRAININGS = {
    # JENIS: (share, JP low, JP high, days low, days high, names, penyelenggara)
    "E-Learning": (0.33, 2, 10, 1, 5,
                   ["E-Learning ASN Unggul: Literasi Digital", "MOOC Pengelolaan Kinerja ASN",
                    "E-Learning Antikorupsi ACLC KPK", "E-Learning Smart ASN", "MOOC Core Values BerAKHLAK",
                    "E-Learning Pelayanan Publik Prima"],
                   ["ASN Unggul LAN RI", "Komisi Pemberantasan Korupsi", "BPSDM Provinsi"]),
    "Pelatihan Teknis": (0.22, 16, 40, 2, 5,
                         ["Pelatihan Pengadaan Barang/Jasa Tingkat Dasar", "Bimtek Penyusunan SKP dan e-Kinerja",
                          "Pelatihan Pengelolaan Keuangan Daerah pada SIPD", "Bimtek Pengelolaan Arsip Dinamis",
                          "Pelatihan Pelayanan Prima", "Bimtek Penyusunan Laporan Kinerja Instansi Pemerintah"],
                         ["BKPSDM Kabupaten Sukamaju", "BPSDM Provinsi", "LKPP", "Kementerian Dalam Negeri"]),
    "Seminar/Lokakarya": (0.14, 2, 8, 1, 1,
                          ["Seminar Transformasi Digital Pemerintahan", "Lokakarya Penguatan Reformasi Birokrasi",
                           "Webinar Manajemen Talenta ASN"],
                          ["BKPSDM Kabupaten Sukamaju", "Kementerian PANRB", "BKN Kantor Regional"]),
    "Pelatihan Fungsional": (0.08, 24, 60, 3, 10,
                             ["Pelatihan Penjenjangan Jabatan Fungsional", "Pelatihan Fungsional Pembentukan",
                              "Uji Kompetensi dan Pelatihan Fungsional"],
                             ["Instansi Pembina Jabatan Fungsional", "BPSDM Provinsi"]),
    "Kursus": (0.05, 10, 30, 2, 10,
               ["Kursus Microsoft Excel Tingkat Lanjut", "Kursus Bahasa Inggris", "Kursus Public Speaking"],
               ["Lembaga Kursus Mitra", "BKPSDM Kabupaten Sukamaju"]),
    "Coaching/Mentoring": (0.08, 2, 8, 1, 1,
                           ["Coaching Kinerja oleh Atasan Langsung", "Mentoring Penyusunan Rencana Aksi"],
                           ["Atasan Langsung", "BKPSDM Kabupaten Sukamaju"]),
    "Magang": (0.02, 40, 80, 5, 14,
               ["Magang di Kementerian Dalam Negeri", "Magang di Pemerintah Provinsi"],
               ["Kementerian Dalam Negeri", "Pemerintah Provinsi"]),
    "Pelatihan Struktural": (0.03, 40, 120, 10, 40,
                             ["Pelatihan Kepemimpinan Pengawas (PKP)", "Pelatihan Kepemimpinan Administrator (PKA)",
                              "Pelatihan Kepemimpinan Nasional Tingkat II"],
                             ["BPSDM Provinsi", "LAN RI"]),
    "Lainnya": (0.05, 2, 16, 1, 2,
                ["Sosialisasi Peraturan Disiplin PNS (PP 94/2021)", "Bimbingan Mental dan Rohani ASN"],
                ["BKPSDM Kabupaten Sukamaju", "Bagian Kesejahteraan Rakyat Setda"]),
}
CULTURE_TRAINING = "Pelatihan Budaya Kerja dan Core Values BerAKHLAK"


def write_pelatihan(ctx: Context) -> int:
    R, P = ctx.region, ctx.plan
    rng = ctx.rngs("pelatihan")
    n = R.n
    kinds = list(TRAININGS)
    share = np.array([TRAININGS[k][0] for k in kinds])
    share /= share.sum()
    month_w = np.array([0.5, 0.6, 0.8, 0.7, 0.8, 0.7, 0.8, 0.9, 1.0, 1.7, 2.1, 1.6])
    recs = []
    years = sorted({mo.year for mo in ctx.months})
    p_first = np.datetime64(ctx.months[0], "D").astype(np.int64)
    p_last = np.datetime64(month_add(ctx.months[-1], 1), "D").astype(np.int64) - 1
    for y in years:
        in_period = np.array([dt.date(y, mo, 1) in ctx.months for mo in range(1, 13)])
        frac = (month_w * in_period).sum() / month_w.sum()
        motivated = rng.random(n) < 0.62
        lam = np.where(motivated, 3.6, 0.9) * frac
        cnt = rng.poisson(lam)
        e = np.repeat(np.arange(n), cnt)
        k = len(e)
        kind = rng.choice(len(kinds), k, p=share)
        # structural leadership training mostly for struktural
        kind = np.where((kind == kinds.index("Pelatihan Struktural")) & (R.jenis[e] != 0) & (rng.random(k) < 0.8),
                        kinds.index("Pelatihan Teknis"), kind)
        mw = month_w * in_period
        mo = rng.choice(12, k, p=mw / mw.sum()) + 1
        start = np.array([np.datetime64(f"{y}-{x:02d}-01", "D").astype(np.int64) for x in range(1, 13)])[mo - 1]
        start = start + rng.integers(0, 26, k)
        recs.append((e, kind, start))
    e = np.concatenate([r[0] for r in recs]) if recs else np.zeros(0, np.int64)
    kind = np.concatenate([r[1] for r in recs]) if recs else np.zeros(0, np.int64)
    start = np.concatenate([r[2] for r in recs]) if recs else np.zeros(0, np.int64)
    lo = np.array([TRAININGS[kinds[k]][1] for k in range(len(kinds))])[kind]
    hi = np.array([TRAININGS[kinds[k]][2] for k in range(len(kinds))])[kind]
    jp = (lo + rng.integers(0, 1 << 30, len(kind)) % (hi - lo + 1)).astype(float)
    elearn = kind == kinds.index("E-Learning")
    half = elearn & (rng.random(len(kind)) < 0.3)
    jp[half] += 0.5
    dlo = np.array([TRAININGS[kinds[k]][3] for k in range(len(kinds))])[kind]
    dhi = np.array([TRAININGS[kinds[k]][4] for k in range(len(kinds))])[kind]
    dur = dlo + rng.integers(0, 1 << 30, len(kind)) % (dhi - dlo + 1)
    end = start + dur - 1
    name_idx = rng.integers(0, 1 << 30, len(kind))
    names = np.array([TRAININGS[kinds[k]][5][j % len(TRAININGS[kinds[k]][5])] for k, j in
                      zip(kind.tolist(), name_idx.tolist(), strict=True)], dtype=object)
    pen = np.array([TRAININGS[kinds[k]][6][j % len(TRAININGS[kinds[k]][6])] for k, j in
                    zip(kind.tolist(), (name_idx // 7).tolist(), strict=True)], dtype=object)
    jenis = np.array(kinds, dtype=object)[kind]
    # story: the work-culture training month
    tm = ctx.months[P.train_m]
    t0 = np.datetime64(tm, "D").astype(np.int64)
    story = np.where(np.isin(R.opd[:n], [R.opd_index[c] for c in TRAINING_OPDS])
                     & (R.start[:n] <= t0 + 20) & (R.end[:n] > t0 + 25))[0]
    batch = rng.integers(0, 3, len(story))
    s_start = t0 + 5 + 7 * batch
    e = np.concatenate([e, story])
    names = np.concatenate([names, np.full(len(story), CULTURE_TRAINING, dtype=object)])
    jenis = np.concatenate([jenis, np.full(len(story), "Pelatihan Teknis", dtype=object)])
    pen = np.concatenate([pen, np.full(len(story), f"BKPSDM Kabupaten {KABUPATEN}", dtype=object)])
    start = np.concatenate([start, s_start])
    end = np.concatenate([end, s_start + 2])
    jp = np.concatenate([jp, np.full(len(story), 24.0)])
    keep = (end <= p_last) & (start >= p_first - 20) & (R.start[e] <= start) & (R.end[e] > end)
    e, names, jenis, pen, start, end, jp = e[keep], names[keep], jenis[keep], pen[keep], start[keep], end[keep], jp[
        keep]
    # no duplicate (NIP, training, start)
    df = pl.DataFrame({"e": e, "n": names.astype(str), "s": start}).with_row_index("i")
    first_i = df.unique(["e", "n", "s"], keep="first", maintain_order=True)["i"].to_numpy()
    e, names, jenis, pen, start, end, jp = (x[first_i] for x in (e, names, jenis, pen, start, end, jp))
    # chronological order
    order = np.lexsort((e, start))
    e, names, jenis, pen, start, end, jp = (x[order] for x in (e, names, jenis, pen, start, end, jp))
    nr = len(e)
    yr = end.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
    cert = np.array([f"800.2/{i + 1:05d}/BKPSDM/{y}" for i, y in enumerate(yr.tolist())], dtype=object)
    cert[rng.random(nr) < 0.15] = None
    # JP: a number cell, or (some half JP) text with a decimal comma as typed by hand: "2,5"
    as_text = (jp != np.floor(jp)) & (rng.random(nr) < 0.6)
    jp_s = pl.Series(jp).cast(pl.String).str.replace(r"\.0$", "")
    jp_s = pl.select(pl.when(pl.Series(as_text)).then(jp_s.str.replace(".", ",", literal=True))
                     .otherwise(jp_s)).to_series()
    df = pl.DataFrame({
        "NIP": R.nip_s.gather(e), "NAMA_PELATIHAN": pl.Series(names.tolist(), dtype=pl.String),
        "JENIS": pl.Series(jenis.tolist(), dtype=pl.String),
        "PENYELENGGARA": pl.Series(pen.tolist(), dtype=pl.String),
        "TANGGAL_MULAI": pl.Series(start.astype("datetime64[D]")).cast(pl.Date),
        "TANGGAL_SELESAI": pl.Series(end.astype("datetime64[D]")).cast(pl.Date),
        "JP": jp_s, "NOMOR_SERTIFIKAT": pl.Series(cert.tolist(), dtype=pl.String)})
    df, pos, reasons = ctx.bad.plant(df, ctx.rngs("pelatihan-bad"), "NIP", 0.003,
                                     invalid={"JP": ["0|out_of_range"]})
    ctx.bad.add("pelatihan.xlsx", pos + 1, reasons)
    title = ["REKAPITULASI PENGEMBANGAN KOMPETENSI ASN",
             f"{PEMKAB.upper()} PERIODE {ctx.months[0]:%m/%Y} - {ctx.months[-1]:%m/%Y}", None]
    kinds = {"TANGGAL_MULAI": "d", "TANGGAL_SELESAI": "d", "JP": "auto"}
    ctx.write_xlsx("pelatihan.xlsx", "Rekap Pelatihan", title, df, kinds)
    return df.height
