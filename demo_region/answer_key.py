"""The ground truth under `_kunci/` (never loaded: the ingestion skips `_*`): planted anomalies,
bad rows, contradicting predikat rows and the story."""

from __future__ import annotations

import polars as pl

from demo_region.catalogue import ROMPI_OPD, TRAINING_OPDS
from demo_region.context import Context
from demo_region.formats import csv_bytes

KEY_FILES = ["_kunci/anomali.csv", "_kunci/baris_rusak.csv", "_kunci/predikat_kontradiksi.csv", "_kunci/cerita.csv"]


def write_key(ctx: Context, contra: list[pl.DataFrame]) -> tuple[pl.DataFrame, pl.DataFrame, list[dict]]:
    """Write the four files of `_kunci/` (`contra`: kinerja rows whose predikat contradicts the matrix);
    returns the anomalies, the bad rows and the story for the summary."""
    key = ctx.out / "_kunci"
    truth = pl.DataFrame(ctx.plan.truth, schema=["kind", "nip", "opd_code", "month"], orient="row")
    (key / "anomali.csv").write_bytes(csv_bytes(truth))
    bad = ctx.bad.frame().sort(["file", "row_number"])
    (key / "baris_rusak.csv").write_bytes(csv_bytes(bad))
    contra = (pl.concat(contra) if contra else pl.DataFrame()).with_columns(
        file=pl.lit("kinerja.csv")) if contra else pl.DataFrame(
        schema={"file": pl.String, "row_number": pl.Int64})
    if contra.height:
        contra = contra.select("file", "row_number", "NIP", "TAHUN", "PERIODE", "PREDIKAT_KINERJA")
    (key / "predikat_kontradiksi.csv").write_bytes(csv_bytes(contra))
    told = story(ctx)
    (key / "cerita.csv").write_bytes(csv_bytes(pl.DataFrame(told)))
    ctx.files += KEY_FILES
    return truth, bad, told


def anomaly_counts(truth: pl.DataFrame) -> dict[str, int]:
    """Planted anomalies per kind: employees (pairs for buddy punching) or OPDs (unit decline)."""
    anomalies = {}
    for kind in ("low_productivity", "present_not_working", "buddy_punching", "unit_decline"):
        sel = truth.filter(pl.col("kind") == kind)
        anomalies[kind] = (sel["opd_code"].n_unique() if kind == "unit_decline"
                           else sel["nip"].n_unique() // (2 if kind == "buddy_punching" else 1))
    return anomalies


def story(ctx: Context) -> list[dict]:
    """The story the charts can tell, with OPD codes and months (`_kunci/cerita.csv`)."""
    R, P = ctx.region, ctx.plan
    s = [{"peristiwa": "pelatihan_budaya_kerja", "opd_code": c, "bulan": f"{ctx.months[P.train_m]:%Y-%m}",
          "keterangan": f"{R.opd_abbr[R.opd_index[c]]}: pelatihan budaya kerja BerAKHLAK; keterlambatan turun, "
                        "menit kerja dan nilai naik sejak bulan ini"} for c in TRAINING_OPDS]
    s.append({"peristiwa": "rompi_terlambat", "opd_code": ROMPI_OPD, "bulan": f"{ctx.months[P.rompi_m]:%Y-%m}",
              "keterangan": "DPUPR: kampanye rompi 'Terlambat'; keterlambatan turun tajam sejak bulan ini"})
    for o, m0 in P.decline:
        s.append({"peristiwa": "unit_decline", "opd_code": R.opd_code[o], "bulan": f"{ctx.months[m0]:%Y-%m}",
                  "keterangan": f"{R.opd_abbr[o]}: budaya kerja menurun sampai akhir periode (terlambat, TK naik; "
                                "menit kerja, nilai SKP, BerAKHLAK turun)"})
    if P.tk_run:
        e, m = P.tk_run
        s.append({"peristiwa": "tk_beruntun", "opd_code": R.opd_code[R.opd[e]],
                  "bulan": f"{ctx.months[m]:%Y-%m}",
                  "keterangan": f"NIP {R.nip[e]}: tanpa keterangan hingga 12 hari kerja berturut-turut"})
    return s
