"""Culture index (unit, OPD and region x month): the build's SQL vs a straightforward pandas groupby.

Both start from the same rows, `int_employee_monthly` (one row per employee x month with
every ingredient of the index) in a built warehouse:

- ours: `warehouse/models/intermediate/int_culture_grouped.sql` executed as the build runs it (into a
  temp table here, so the warehouse is not changed);
- pandas: the same definition written literally with `groupby` (three levels, component
  scores, renormalised weights, month-on-month and year-on-year deltas, rank) on the rows
  already fetched into a DataFrame (the fetch is timed separately).

The two results are compared column by column; a disagreement raises CultureDisagrees
(the bench fails: the pandas baseline is only worth timing when it computes the same index).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

SQL_FILE = Path(__file__).resolve().parent.parent / "warehouse" / "models" / "intermediate" / "int_culture_grouped.sql"


class CultureDisagrees(AssertionError):
    """The pandas re-implementation and the build's SQL give different indices."""
COMPARED = ["culture_index", "discipline_score", "performance_score", "competency_score", "behaviour_score",
            "employees", "culture_index_mom_delta", "culture_index_yoy_delta", "culture_index_rank"]


def pandas_culture(emp, cfg: dict):
    """The OPD-month (and unit / region) culture index as MARTS.md and 61_int_culture_grouped.sql define it."""
    import numpy as np
    import pandas as pd

    emp = emp.copy()
    for col in ("has_attendance_record", "has_activity_record", "is_skp_baik_plus", "is_jp_on_track",
                "has_training_source"):
        emp[col] = emp[col].astype("float64")
    # avg(case when is_skp_baik_plus then 1 else 0 end) filter (where skp_points is not null)
    emp["_baik_plus"] = np.where(emp["skp_points"].notna(), emp["is_skp_baik_plus"].fillna(0.0), np.nan)
    emp["_on_track"] = emp["is_jp_on_track"].fillna(0.0)
    sums = ["expected_days", "present_days", "excused_days", "absent_days", "late_minutes", "early_leave_minutes",
            "equivalent_absent_days", "approved_minutes", "target_minutes"]
    means = {"_baik_plus": "skp_baik_plus_share", "skp_points": "skp_points_mean",
             "activity_attainment": "activity_attainment_rate", "jp_ytd": "jp_ytd_per_employee",
             "jp_attainment": "jp_attainment_rate", "_on_track": "jp_on_track_share",
             "berakhlak_mean": "berakhlak_mean"}
    counts = {"skp_points": "skp_rated_employees", "berakhlak_mean": "berakhlak_assessed_employees"}
    anys = {"has_attendance_record": "any_attendance", "has_activity_record": "any_activity",
            "has_training_source": "any_training_source"}
    frames = []
    for level, keys in (("unit", ["opd_code", "work_unit", "month"]), ("opd", ["opd_code", "month"]),
                        ("region", ["month"])):
        g = emp.groupby(keys, dropna=False, sort=False)
        a = g.size().rename("employees").to_frame()
        a = a.join(g[sums].sum(min_count=1))
        a = a.join(g[list(means)].mean().rename(columns=means))
        a = a.join(g[list(counts)].count().rename(columns=counts))
        a = a.join((g[list(anys)].max() > 0).rename(columns=anys))
        a = a.join(g["prorated_target_jp"].first().rename("jp_prorated_target"))
        a = a.reset_index()
        a["level"] = level
        for k in ("opd_code", "work_unit"):
            if k not in a:
                a[k] = None
        frames.append(a)
    f = pd.concat(frames, ignore_index=True)
    cov = cfg["coverage_min"]
    f["discipline_score"] = np.where(
        f["any_attendance"] & (f["expected_days"] > 0),
        (100 * (1 - f["equivalent_absent_days"] / f["expected_days"])).clip(0, 100), np.nan)
    rated_ok = (f["skp_rated_employees"] >= cov * f["employees"]) & (f["skp_rated_employees"] > 0)
    f["skp_score"] = f["skp_points_mean"].where(rated_ok)
    f["activity_score"] = (100 * f["activity_attainment_rate"]).where(f["any_activity"])
    f["competency_score"] = (100 * f["jp_attainment_rate"]).where(f["any_training_source"])
    assessed_ok = (f["berakhlak_assessed_employees"] >= cov * f["employees"]) & (f["berakhlak_assessed_employees"] > 0)
    f["behaviour_score"] = (100 * (f["berakhlak_mean"] - 1) / 4).clip(0, 100).where(assessed_ok)
    sw, aw = cfg["skp_weight"], cfg["activity_weight"]
    denom = sw * f["skp_score"].notna() + aw * f["activity_score"].notna()
    f["performance_score"] = ((sw * f["skp_score"].fillna(0) + aw * f["activity_score"].fillna(0))
                              / denom.where(denom != 0))
    comps = {"discipline": "w_discipline", "performance": "w_performance", "competency": "w_competency",
             "behaviour": "w_behaviour"}
    total = sum(cfg[w] * f[f"{c}_score"].notna() for c, w in comps.items())
    index = 0.0
    for c, w in comps.items():
        f[f"weight_{c}"] = np.where(f[f"{c}_score"].notna() & (total > 0), cfg[w] / total.where(total > 0), 0.0)
        index = index + f[f"weight_{c}"] * f[f"{c}_score"].fillna(0)
    f["culture_index"] = index.where(total > 0)
    f["components_present"] = sum(f[f"{c}_score"].notna().astype(int) for c in comps)
    f["is_partial"] = f["components_present"] < 4
    f["attendance_rate"] = f["present_days"] / (f["expected_days"] - f["excused_days"]).replace(0, np.nan)
    f["absent_days_per_employee"] = f["absent_days"] / f["employees"]
    f["late_minutes_per_employee"] = f["late_minutes"] / f["employees"]
    keys = ["level", "opd_code", "work_unit"]
    f["month"] = pd.to_datetime(f["month"])
    for name, months in (("mom", 1), ("yoy", 12)):
        shifted = f[keys + ["month", "culture_index"]].copy()
        shifted["month"] = shifted["month"] + pd.DateOffset(months=months)
        shifted = shifted.rename(columns={"culture_index": "_prev"})
        f = f.merge(shifted, on=keys + ["month"], how="left")
        f[f"culture_index_{name}_delta"] = f["culture_index"] - f["_prev"]
        f = f.drop(columns="_prev")
    ranked = f["level"] != "region"
    group_key = f["opd_code"].where(f["level"] == "unit")
    f["culture_index_rank"] = (
        f.loc[ranked].assign(_g=group_key[ranked])
        .groupby(["level", "month", "_g"], dropna=False)["culture_index"].rank(method="min", ascending=False)
    )
    return f


def measure(warehouse: Path, repeat: int = 3) -> dict:
    import duckdb
    import numpy as np

    sql = SQL_FILE.read_text(encoding="utf-8")
    sql = sql.replace("create or replace table int_culture_grouped", "create or replace temp table bench_culture", 1)
    con = duckdb.connect(str(warehouse))
    ours = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        con.execute(sql)
        ours.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    emp = con.sql("select * from int_employee_monthly").df()
    fetch_s = time.perf_counter() - t0
    cfg = con.sql("select * from cfg").df().iloc[0].to_dict()
    theirs = []
    frame = None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        frame = pandas_culture(emp, cfg)
        theirs.append(time.perf_counter() - t0)
    ours_df = con.sql("select * from bench_culture").df()
    con.close()
    ours_df["month"] = ours_df["month"].astype("datetime64[ns]")
    frame["month"] = frame["month"].astype("datetime64[ns]")
    keys = ["level", "opd_code", "work_unit", "month"]
    for df in (ours_df, frame):
        for k in ("opd_code", "work_unit"):
            df[k] = df[k].astype(object).where(df[k].notna(), "<null>")
    merged = ours_df.merge(frame, on=keys, how="outer", suffixes=("_ours", "_pd"), indicator=True)
    agreement = {"rows_only_ours": int((merged["_merge"] == "left_only").sum()),
                 "rows_only_pandas": int((merged["_merge"] == "right_only").sum())}
    both = merged[merged["_merge"] == "both"]
    for col in COMPARED:
        a = both[f"{col}_ours"].astype("float64")
        b = both[f"{col}_pd"].astype("float64")
        null_mismatch = int((a.isna() != b.isna()).sum())
        diff = (a - b).abs()
        agreement[col] = {"max_abs_diff": float(np.nanmax(diff)) if diff.notna().any() else 0.0,
                          "null_mismatch": null_mismatch}
    ok = (agreement["rows_only_ours"] == 0 and agreement["rows_only_pandas"] == 0
          and all(agreement[c]["null_mismatch"] == 0 and agreement[c]["max_abs_diff"] < 1e-6 for c in COMPARED))
    if not ok:
        raise CultureDisagrees(f"pandas and {SQL_FILE.name} disagree: {agreement}")
    ours_s, pandas_s = statistics.median(ours), statistics.median(theirs)
    return {
        "ours_s": ours_s, "ours_runs": ours, "pandas_s": pandas_s, "pandas_runs": theirs,
        "pandas_fetch_s": fetch_s, "ratio": ours_s / pandas_s if pandas_s else None,
        "input_rows": len(emp), "ours_rows": len(ours_df), "pandas_rows": len(frame),
        "opd_month_rows": int((ours_df["level"] == "opd").sum()),
        "agreement": "identical (all compared columns within 1e-6)",
        "agreement_detail": agreement,
        "note": f"both compute unit, OPD and region levels from {len(emp):,} employee-month rows; "
                f"pandas time excludes fetching them ({fetch_s:.3f} s)",
    }
