-- Grain: one row per employee x month with at least one expected workday.
-- Rule: approved (DISETUJUI) activity minutes against a target of
-- menit_target_per_hari (300) x (expected - excused days); attainment_rate is not
-- capped here (the culture index caps it at 1). Fingerprint days are expected
-- workdays with at least one punch; a fingerprint day "without activity" has no
-- approved minutes that day.
create or replace table mart_activity_monthly as
with monthly_activity as (
    select
        nip,
        date_trunc('month', activity_date)::date as month,
        sum(activities)::integer as activities,
        sum(approved_minutes)::integer as approved_minutes,
        sum(pending_minutes)::integer as pending_minutes,
        sum(rejected_minutes)::integer as rejected_minutes,
        count(*) filter (where approved_minutes > 0)::integer as days_with_approved_activity,
        bit_or(day_bit(activity_date)) filter (where approved_minutes > 0) as approved_mask
    from int_activity_daily
    group by all
),
-- The days of an employee's month as bits (day_bit): the days with approved minutes, with a
-- punch, present. Counting the masks' overlaps replaces a day-by-day join of the two facts.
attendance_days as (
    select
        nip,
        month,
        coalesce(bit_or(day_bit(work_date)) filter (where punch_count > 0 and not is_excused), 0)
            as fingerprint_mask,
        coalesce(bit_or(day_bit(work_date)) filter (where is_present), 0) as present_mask
    from fct_attendance_daily
    group by nip, month
),
day_level as (
    select
        f.nip,
        f.month,
        bit_count(f.fingerprint_mask)::integer as fingerprint_days,
        bit_count(f.fingerprint_mask & ~coalesce(m.approved_mask, 0))::integer as fingerprint_days_without_activity,
        bit_count(f.present_mask & ~coalesce(m.approved_mask, 0))::integer as present_days_without_activity
    from attendance_days as f
    left join monthly_activity as m using (nip, month)
)
select
    d.nip,
    d.opd_code,
    d.month,
    coalesce(m.activities, 0)::integer as activities,
    coalesce(m.approved_minutes, 0)::integer as approved_minutes,
    coalesce(m.pending_minutes, 0)::integer as pending_minutes,
    coalesce(m.rejected_minutes, 0)::integer as rejected_minutes,
    d.expected_days,
    d.present_days,
    coalesce(m.days_with_approved_activity, 0)::integer as days_with_approved_activity,
    l.present_days_without_activity,
    l.fingerprint_days,
    l.fingerprint_days_without_activity,
    coalesce(m.approved_minutes, 0) / nullif(d.present_days, 0) as approved_minutes_per_present_day,
    round(cfg.target_minutes_per_day * (d.expected_days - d.excused_days))::integer as target_minutes,
    coalesce(m.approved_minutes, 0)
        / nullif(round(cfg.target_minutes_per_day * (d.expected_days - d.excused_days)), 0)
        as attainment_rate
from mart_discipline_monthly as d
cross join cfg
join day_level as l using (nip, month)
left join monthly_activity as m using (nip, month)
order by d.month, d.opd_code, d.nip
