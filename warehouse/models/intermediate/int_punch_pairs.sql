-- Grain: one row per unordered pair of employees x month x device with at least
-- min_hari days of near-simultaneous punches on that device (int_punch_pair_days).
-- Rule: days_together = such days; days_both_present = expected workdays of the month
-- on which both employees punched (fct_attendance_daily); median_seconds = the median
-- of the daily smallest gaps. The punched days of an employee's month are kept as bits
-- (day_bit), so days both punched = bit_count(days_1 & days_2): one pass over
-- fct_attendance_daily instead of joining it with itself.
create or replace table int_punch_pairs as
with pair_months as (
    select
        nip_1, nip_2, device_id, month,
        count(*)::integer as days_together,
        median(seconds_apart) as median_seconds
    from int_punch_pair_days
    group by all
),
pair_employees as (
    select nip_1 as nip, month from pair_months
    union
    select nip_2 as nip, month from pair_months
),
punched_days as (
    select f.nip, f.month, bit_or(day_bit(f.work_date)) as days
    from fct_attendance_daily as f
    semi join pair_employees as e on e.nip = f.nip and e.month = f.month
    where f.punch_count > 0
    group by f.nip, f.month
)
select
    m.nip_1,
    m.nip_2,
    m.device_id,
    m.month,
    m.days_together,
    m.median_seconds,
    coalesce(bit_count(a.days & b.days), 0)::integer as days_both_present
from pair_months as m
left join punched_days as a on a.nip = m.nip_1 and a.month = m.month
left join punched_days as b on b.nip = m.nip_2 and b.month = m.month
