-- Grain: one row per unordered pair of employees x device x day on which their
-- punches on that device fall within detik_maks seconds of each other, kept only for
-- pair-months with at least min_hari such days.
-- Rule: dt = the smallest gap that day (day and month of the earlier punch). Join-based:
-- time is cut into detik_maks-second buckets, and each punch is joined with the punches
-- of the same device in its own and the next bucket (no sort; DuckDB spills the hash
-- join and the aggregates at 10x, where crowded machines give ~130 M close pairs). The
-- pair, device and month are packed into one BIGINT group key g (unpacked at the end;
-- fits while employees^2 x devices x months < 9.2e18). Pair-days are kept when their
-- pair-month (same device) has >= min_hari days. Built month by month (chunk_start..
-- chunk_end, warehouse.build.run_models; a pair-day is the earlier punch's): a month's close
-- pairs are grouped in memory, where the whole period's spilled at 10x.
create or replace table int_punch_pair_days as
with punches as (
    -- the chunk's punches, and the next day's (partners of its last ones, detik_maks after)
    select l.nip, l.device_id, l.punched_at, l.punched_at < getvariable('chunk_end') + 1 as in_chunk
    from raw_absensi_log as l
    cross join cfg
    where
        l.punched_at >= getvariable('chunk_start')
        and l.punched_at < least(cfg.period_end + 1, getvariable('chunk_end') + 2)
),
devices as (
    select device_id, (row_number() over (order by device_id))::integer as device_no
    from (select distinct device_id from punches)
),
employees as (
    select nip, (row_number() over (order by nip))::integer as emp_no
    from (select distinct nip from punches)
),
sizes as (
    select
        (select count(*) from employees) + 1 as n_emp,
        (select count(*) from devices) + 1 as n_dev,
        (year(cfg.period_end) - year(cfg.period_start)) * 12 + month(cfg.period_end) - month(cfg.period_start) + 1 as n_month
    from cfg
),
p as materialized (
    select
        e.emp_no, d.device_no, l.in_chunk, epoch(l.punched_at)::bigint as t,
        epoch(l.punched_at)::bigint // cfg.bp_max_seconds as bucket,
        ((year(l.punched_at) - year(cfg.period_start)) * 12 + month(l.punched_at) - month(cfg.period_start))::integer
            as month_no
    from punches as l
    cross join cfg
    join devices as d using (device_id)
    join employees as e using (nip)
),
-- a punch at most detik_maks after t is in t's bucket or the next one
later as (
    select emp_no, device_no, t, bucket from p
    union all
    select emp_no, device_no, t, bucket - 1 from p
),
-- g packs pair, device and month (of the earlier punch) into one BIGINT group key
close_pairs as materialized (
    select
        ((least(a.emp_no, b.emp_no) * s.n_emp + greatest(a.emp_no, b.emp_no)) * s.n_dev + a.device_no)
        * s.n_month + a.month_no as g,
        (a.t // 86400)::integer as day_no,
        (b.t - a.t)::integer as dt
    from p as a
    join later as b on b.device_no = a.device_no and b.bucket = a.bucket
    cross join cfg
    cross join sizes as s
    where a.in_chunk and b.t >= a.t and b.t - a.t <= cfg.bp_max_seconds and b.emp_no <> a.emp_no
),
-- A pair-month with fewer close punches than min_hari cannot have min_hari days: most
-- pair-months (chance meetings) are dropped by this coarse count before the daily one.
candidate_months as (
    select g
    from close_pairs
    group by g
    having count(*) >= (select bp_min_days from cfg)
),
pair_days as materialized (
    select g, day_no, min(dt) as dt
    from close_pairs
    semi join candidate_months using (g)
    group by g, day_no
),
pair_months as (
    select g
    from pair_days
    group by g
    having count(*) >= (select bp_min_days from cfg)
),
qualifying as (
    select
        d.g // s.n_month // s.n_dev // s.n_emp as e1,
        d.g // s.n_month // s.n_dev % s.n_emp as e2,
        d.g // s.n_month % s.n_dev as device_no,
        d.day_no,
        d.dt
    from pair_days as d
    cross join sizes as s
    semi join pair_months as m using (g)
)
select
    n1.nip as nip_1,
    n2.nip as nip_2,
    d.device_id,
    date_trunc('month', date '1970-01-01' + q.day_no)::date as month,
    (date '1970-01-01' + q.day_no) as day,
    q.dt::bigint as seconds_apart
from qualifying as q
join employees as n1 on n1.emp_no = q.e1
join employees as n2 on n2.emp_no = q.e2
join devices as d on d.device_no = q.device_no
