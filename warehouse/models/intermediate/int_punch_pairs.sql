-- Grain: one row per unordered pair of employees x month x device with at least
-- min_hari days of near-simultaneous punches on that device (int_punch_pair_days).
-- Rule: days_together = such days; days_both_present = expected workdays of the month
-- on which both employees punched (fct_attendance_daily); median_seconds = the median
-- of the daily smallest gaps.
create or replace table int_punch_pairs as
with pair_months as (
    select
        nip_1, nip_2, device_id, month,
        count(*)::integer as days_together,
        median(seconds_apart) as median_seconds
    from int_punch_pair_days
    group by all
),
both_present as (
    select m.nip_1, m.nip_2, m.month, count(*)::integer as days_both_present
    from (select distinct nip_1, nip_2, month from pair_months) as m
    join fct_attendance_daily as a on a.nip = m.nip_1 and a.month = m.month and a.punch_count > 0
    join fct_attendance_daily as b on b.nip = m.nip_2 and b.work_date = a.work_date and b.punch_count > 0
    group by all
)
select
    m.nip_1,
    m.nip_2,
    m.device_id,
    m.month,
    m.days_together,
    m.median_seconds,
    coalesce(b.days_both_present, 0) as days_both_present
from pair_months as m
left join both_present as b using (nip_1, nip_2, month)
