-- Grain: one row per employee x calendar year with at least one expected workday.
-- Rule: (PP 94/2021) equivalent_absent_days = absent days + floor((late + early-leave
-- minutes) / 450), cumulative within the calendar year, mapped to the sanction ladder
-- of the configuration (exact regulation labels). Separately, a run of >= 10 absent
-- expected workdays in a row (holidays and weekends do not break it, an excused day
-- does) gives the configured label (pemberhentian dengan hormat tidak atas permintaan
-- sendiri). days_to_next_level = whole equivalent days until the next step.
create or replace table mart_discipline_yearly as
with yearly as (
    select
        nip,
        any_value(opd_code) as opd_code,
        year(work_date)::integer as year,
        count(*)::integer as expected_days,
        count(*) filter (where is_present)::integer as present_days,
        count(*) filter (where is_excused)::integer as excused_days,
        count(*) filter (where is_absent)::integer as absent_days,
        sum(late_minutes)::integer as late_minutes,
        sum(early_leave_minutes)::integer as early_leave_minutes
    from fct_attendance_daily
    group by nip, year(work_date)
),
workday_seq as (
    -- expected days of an employee are a contiguous range of workdays, so consecutive
    -- expected workdays are consecutive numbers here
    select date, row_number() over (order by date) as seq
    from dim_calendar
    where is_workday
),
numbered as (
    select f.nip, f.work_date, w.seq - row_number() over (partition by f.nip order by w.seq) as island
    from fct_attendance_daily as f
    join workday_seq as w on w.date = f.work_date
    where f.is_absent
),
runs as (
    select nip, min(work_date) as run_start, max(work_date) as run_end, count(*) as run_days
    from numbered
    group by nip, island
),
run_years as (
    select y.nip, y.year, max(r.run_days)::integer as max_run
    from yearly as y
    join runs as r
        on r.nip = y.nip and year(r.run_start) <= y.year and year(r.run_end) >= y.year
    group by y.nip, y.year
),
equiv as (
    select
        y.*,
        (y.absent_days + (y.late_minutes + y.early_leave_minutes) // cfg.minutes_per_day)::integer
            as equivalent_absent_days,
        coalesce(ry.max_run, 0) as max_consecutive_absent_days,
        coalesce(ry.max_run, 0) >= cfg.consecutive_days as has_consecutive_absence,
        cfg.consecutive_label,
        cfg.consecutive_category
    from yearly as y
    cross join cfg
    left join run_years as ry using (nip, year)
),
laddered as (
    select
        e.*,
        coalesce(l.sanction_rank, 0) as cumulative_rank,
        l.label as cumulative_label,
        l.category as cumulative_category,
        (select max(sanction_rank) from cfg_sanction_ladder) as top_rank
    from equiv as e
    left join cfg_sanction_ladder as l
        on e.equivalent_absent_days >= l.min_days
        and (l.max_days is null or e.equivalent_absent_days <= l.max_days)
),
decided as (
    select
        d.*,
        d.has_consecutive_absence and d.cumulative_rank < d.top_rank as by_consecutive
    from laddered as d
)
select
    d.nip,
    d.opd_code,
    d.year,
    d.expected_days,
    d.present_days,
    d.excused_days,
    d.absent_days,
    d.late_minutes,
    d.early_leave_minutes,
    d.equivalent_absent_days,
    case when d.by_consecutive then d.consecutive_label else d.cumulative_label end as sanction_level,
    (case when d.by_consecutive then d.top_rank else d.cumulative_rank end)::integer as sanction_rank,
    case when d.by_consecutive then d.consecutive_category else d.cumulative_category end
        as sanction_category,
    case
        when d.by_consecutive then 'berturut-turut'
        when d.cumulative_rank > 0 then 'kumulatif'
    end as sanction_basis,
    d.max_consecutive_absent_days,
    d.has_consecutive_absence,
    case when not d.by_consecutive then n.label end as next_sanction_level,
    (case when not d.by_consecutive then n.min_days - d.equivalent_absent_days end)::integer
        as days_to_next_level
from decided as d
left join cfg_sanction_ladder as n on n.sanction_rank = d.cumulative_rank + 1
order by d.year, d.opd_code, d.nip
