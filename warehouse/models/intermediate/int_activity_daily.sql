-- Grain: one row per employee of the master x day with at least one activity in the
-- build period.
-- Rule: only DISETUJUI minutes are productive; pending and rejected kept for context.
-- Grouped by day_key (int_employee_spans.emp_key + the day), faster than (nip, date).
create or replace table int_activity_daily as
with daily as (
    select
        day_key(e.emp_key, a.activity_date) as key,
        count(*)::integer as activities,
        coalesce(sum(a.duration_minutes) filter (where a.status = 'DISETUJUI'), 0)::integer as approved_minutes,
        coalesce(sum(a.duration_minutes) filter (where a.status = 'MENUNGGU'), 0)::integer as pending_minutes,
        coalesce(sum(a.duration_minutes) filter (where a.status = 'DITOLAK'), 0)::integer as rejected_minutes
    from raw_aktivitas as a
    cross join cfg
    join int_employee_spans as e using (nip)
    where a.activity_date between cfg.period_start and cfg.period_end
    group by 1
)
select
    e.nip,
    (date '1970-01-01' + (d.key % 100000)::integer) as activity_date,
    d.activities,
    d.approved_minutes,
    d.pending_minutes,
    d.rejected_minutes
from daily as d
join int_employee_spans as e on e.emp_key = d.key - d.key % 100000
