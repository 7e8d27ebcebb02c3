-- Grain: one row per unordered pair of employees x device x day on which their
-- punches on that device fall within detik_maks seconds of each other, kept only for
-- pair-months with at least min_hari such days.
-- Rule: punches are bucketed per device into detik_maks-second windows (one integer
-- key per device and window), so a punch is compared only with the punches of its own
-- and the next window (no cross join, no sort); dt = the smallest gap that day.
create or replace table int_punch_pair_days as
with devices as (
    select device_id, row_number() over (order by device_id) as device_no
    from (select distinct device_id from raw_absensi_log)
),
employees as (
    select nip, row_number() over (order by nip)::integer as emp_no
    from (select distinct nip from raw_absensi_log)
),
p as (
    select
        e.emp_no,
        d.device_no,
        epoch(l.punched_at)::bigint as t,
        d.device_no * 10000000000 + epoch(l.punched_at)::bigint // cfg.bp_max_seconds as bucket
    from raw_absensi_log as l
    cross join cfg
    join devices as d using (device_id)
    join employees as e using (nip)
    where l.punched_at >= cfg.period_start and l.punched_at < cfg.period_end + 1
),
close_pairs as (
    select
        least(a.emp_no, b.emp_no) as e1,
        greatest(a.emp_no, b.emp_no) as e2,
        a.device_no,
        a.t // 86400 as day_no,
        b.t - a.t as dt
    from (select emp_no, device_no, t, bucket + unnest([0, 1]) as bucket from p) as a
    join p as b on b.bucket = a.bucket
    cross join cfg
    where b.t >= a.t and b.t - a.t <= cfg.bp_max_seconds and b.emp_no <> a.emp_no
),
pair_days as (
    select
        e1, e2, device_no, day_no,
        date_trunc('month', date '1970-01-01' + day_no::integer)::date as month,
        min(dt) as dt
    from close_pairs
    group by e1, e2, device_no, day_no
),
qualifying as (
    select *
    from pair_days
    qualify count(*) over (partition by e1, e2, device_no, month) >= (select bp_min_days from cfg)
)
select
    n1.nip as nip_1,
    n2.nip as nip_2,
    d.device_id,
    q.month,
    (date '1970-01-01' + q.day_no::integer) as day,
    q.dt as seconds_apart
from qualifying as q
join employees as n1 on n1.emp_no = q.e1
join employees as n2 on n2.emp_no = q.e2
join devices as d on d.device_no = q.device_no
