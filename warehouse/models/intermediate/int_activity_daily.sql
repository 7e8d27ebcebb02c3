-- Grain: one row per employee x day with at least one activity in the build period.
-- Rule: only DISETUJUI minutes are productive; pending and rejected kept for context.
create or replace table int_activity_daily as
select
    nip,
    activity_date,
    count(*)::integer as activities,
    coalesce(sum(duration_minutes) filter (where status = 'DISETUJUI'), 0)::integer as approved_minutes,
    coalesce(sum(duration_minutes) filter (where status = 'MENUNGGU'), 0)::integer as pending_minutes,
    coalesce(sum(duration_minutes) filter (where status = 'DITOLAK'), 0)::integer as rejected_minutes
from raw_aktivitas
cross join cfg
where activity_date between cfg.period_start and cfg.period_end
group by nip, activity_date
