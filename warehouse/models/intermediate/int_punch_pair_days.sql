-- Grain: one row per unordered pair of employees x device x day on which their
-- punches on that device fall within detik_maks seconds of each other, kept only for
-- pair-months with at least min_hari such days.
-- Rule: dt = the smallest gap that day (day of the earlier punch). Sort-based, so
-- memory stays bounded at 10x (DuckDB spills sorts): the punches of each device are
-- ordered by time once and each punch is paired with the next 4 punches (lead); a
-- punch whose 5th next punch is still within detik_maks ("crowded", a few per cent)
-- is also paired with every punch of its own and the next detik_maks-second bucket,
-- so no pair is missed (duplicates collapse in the daily min). Pair-days are kept
-- when their pair-month (same device) has >= min_hari days.
create or replace table int_punch_pair_days as
with devices as (
    select device_id, (row_number() over (order by device_id))::integer as device_no
    from (select distinct device_id from raw_absensi_log)
),
employees as (
    select nip, (row_number() over (order by nip))::integer as emp_no
    from (select distinct nip from raw_absensi_log)
),
p as (
    select e.emp_no, d.device_no, epoch(l.punched_at)::bigint as t
    from raw_absensi_log as l
    cross join cfg
    join devices as d using (device_id)
    join employees as e using (nip)
    where l.punched_at >= cfg.period_start and l.punched_at < cfg.period_end + 1
),
neighbours as (
    select
        emp_no, device_no, t,
        lead(emp_no, 1) over w as e_1, lead(t, 1) over w as t_1,
        lead(emp_no, 2) over w as e_2, lead(t, 2) over w as t_2,
        lead(emp_no, 3) over w as e_3, lead(t, 3) over w as t_3,
        lead(emp_no, 4) over w as e_4, lead(t, 4) over w as t_4,
        lead(t, 5) over w as t_next
    from p
    window w as (partition by device_no order by t)
),
near as (
    select n.*, cfg.bp_max_seconds as max_s
    from neighbours as n
    cross join cfg
    where n.t_1 - n.t <= cfg.bp_max_seconds
),
lead_pairs as (
    select
        n.emp_no as a_emp, n.device_no, n.t as a_t,
        case k.i when 1 then n.e_1 when 2 then n.e_2 when 3 then n.e_3 else n.e_4 end as b_emp,
        case k.i when 1 then n.t_1 when 2 then n.t_2 when 3 then n.t_3 else n.t_4 end as b_t,
        n.max_s
    from near as n
    cross join (values (1), (2), (3), (4)) as k (i)
),
crowded as (
    select n.emp_no, n.device_no, n.t, n.t // n.max_s + k.step as bucket, n.max_s
    from near as n
    cross join (values (0), (1)) as k (step)
    where n.t_next - n.t <= n.max_s
),
crowd_pairs as (
    select c.emp_no as a_emp, c.device_no, c.t as a_t, b.emp_no as b_emp, b.t as b_t, c.max_s
    from crowded as c
    join (select p.*, p.t // cfg.bp_max_seconds as bucket from p cross join cfg) as b
        on b.device_no = c.device_no and b.bucket = c.bucket
),
close_pairs as (
    select
        least(a_emp, b_emp) as e1,
        greatest(a_emp, b_emp) as e2,
        device_no,
        (a_t // 86400)::integer as day_no,
        (b_t - a_t)::integer as dt
    from (select * from lead_pairs
    union all
    select * from crowd_pairs)
    where b_t >= a_t and b_t - a_t <= max_s and b_emp <> a_emp
),
-- A pair-month with fewer close punches than min_hari cannot have min_hari days: most
-- pair-months (chance meetings) are dropped by this coarse count before the daily one.
close_months as materialized (
    select *, date_trunc('month', date '1970-01-01' + day_no)::date as month
    from close_pairs
),
candidate_months as (
    select e1, e2, device_no, month
    from close_months
    group by all
    having count(*) >= (select bp_min_days from cfg)
),
pair_days as materialized (
    select e1, e2, device_no, day_no, month, min(dt) as dt
    from close_months
    semi join candidate_months using (e1, e2, device_no, month)
    group by e1, e2, device_no, day_no, month
),
pair_months as (
    select e1, e2, device_no, month
    from pair_days
    group by all
    having count(*) >= (select bp_min_days from cfg)
),
qualifying as (
    select d.*
    from pair_days as d
    semi join pair_months as m using (e1, e2, device_no, month)
)
select
    n1.nip as nip_1,
    n2.nip as nip_2,
    d.device_id,
    q.month,
    (date '1970-01-01' + q.day_no) as day,
    q.dt::bigint as seconds_apart
from qualifying as q
join employees as n1 on n1.emp_no = q.e1
join employees as n2 on n2.emp_no = q.e2
join devices as d on d.device_no = q.device_no
