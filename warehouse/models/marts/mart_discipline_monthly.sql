-- Grain: one row per employee x month with at least one expected workday.
-- Rule: sums of fct_attendance_daily; equivalent_absent_days = absent_days +
-- (late + early-leave minutes) / 450 (fractional here; the yearly mart floors the
-- minutes to whole days for the sanction). discipline_score = 100 x (1 -
-- equivalent_absent_days / expected_days), clipped to 0-100. attendance_rate =
-- present / (expected - excused).
create or replace table mart_discipline_monthly as
with agg as (
    select
        nip,
        any_value(opd_code) as opd_code,
        month,
        count(*)::integer as expected_days,
        count(*) filter (where is_present)::integer as present_days,
        count(*) filter (where is_excused)::integer as excused_days,
        count(*) filter (where is_absent)::integer as absent_days,
        count(*) filter (where late_minutes > 0)::integer as late_days,
        sum(late_minutes)::integer as late_minutes,
        sum(early_leave_minutes)::integer as early_leave_minutes,
        count(*) filter (where has_missing_checkout)::integer as missing_checkout_days,
        count(*) filter (where punch_count > 0 or time_source is not null or status_code is not null)::integer
            as days_with_record
    from fct_attendance_daily
    group by nip, month
)
select
    a.nip,
    a.opd_code,
    a.month,
    a.expected_days,
    a.present_days,
    a.excused_days,
    a.absent_days,
    a.late_days,
    a.late_minutes,
    a.early_leave_minutes,
    a.missing_checkout_days,
    a.absent_days + (a.late_minutes + a.early_leave_minutes) / cfg.minutes_per_day
        as equivalent_absent_days,
    a.present_days / nullif(a.expected_days - a.excused_days, 0) as attendance_rate,
    greatest(0, least(100, 100 * (1 - (a.absent_days
        + (a.late_minutes + a.early_leave_minutes) / cfg.minutes_per_day) / a.expected_days)))
        as discipline_score,
    a.days_with_record
from agg as a
cross join cfg
order by a.month, a.opd_code, a.nip
