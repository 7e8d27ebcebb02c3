-- Grain: one row per employee x month flagged present_not_working.
-- Rule: "datang saat absen, lalu menghilang": at least min_hari_hadir fingerprint days
-- in the month (punch on an expected, non-excused workday) and on at least
-- min_porsi_tanpa_aktivitas of them no approved activity, in an OPD that does use
-- e-Kinerja that month (someone in the OPD has approved minutes).
create or replace table int_outliers_present_not_working as
with opd_uses_activity as (
    select opd_code, month
    from mart_activity_monthly
    group by all
    having sum(approved_minutes) > 0
),
base as (
    select
        a.*,
        a.fingerprint_days_without_activity / nullif(a.fingerprint_days, 0) as idle_share
    from mart_activity_monthly as a
    join opd_uses_activity using (opd_code, month)
    cross join cfg
    where a.fingerprint_days >= cfg.pnw_min_present_days
)
select
    b.nip,
    b.opd_code,
    b.month,
    'present_not_working' as kind,
    b.idle_share as score,
    cfg.pnw_min_share_idle as threshold,
    b.fingerprint_days_without_activity::double as metric_value,
    b.fingerprint_days::double as peer_value,
    null::varchar as partner_nips,
    'Hadir menurut mesin sidik jari ' || b.fingerprint_days || ' hari pada '
        || month_label_id(b.month) || ', tetapi ' || b.fingerprint_days_without_activity
        || ' hari di antaranya (' || pct_id(b.idle_share)
        || ') tanpa aktivitas kerja yang disetujui' as reason
from base as b
cross join cfg
where b.idle_share >= cfg.pnw_min_share_idle
