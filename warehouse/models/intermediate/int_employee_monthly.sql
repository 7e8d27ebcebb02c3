-- Grain: one row per employee x month with at least one expected workday.
-- Rule: every ingredient of the culture index for one employee-month, so that the
-- OPD, unit and region marts aggregate one table the same way:
-- discipline (mart_discipline_monthly), activity attainment capped at 1
-- (mart_activity_monthly), the SKP predikat of the narrowest period covering the
-- month (monthly > quarterly > annual), JP year to date and of the last 12 months
-- (int_competency_monthly), and
-- the BerAKHLAK mean of the narrowest period covering the month.
create or replace table int_employee_monthly as
with skp as (
    select d.nip, d.month, k.predikat, k.points
    from mart_discipline_monthly as d
    join int_skp_periods as k
        on k.nip = d.nip and d.month between k.first_month and k.last_month
    qualify row_number() over (
        partition by d.nip, d.month order by k.months_covered, k.period
    ) = 1
),
behaviour as (
    select d.nip, d.month, b.others_mean
    from mart_discipline_monthly as d
    join int_berakhlak_periods as b
        on b.nip = d.nip and d.month between b.first_month and b.last_month
    where b.others_mean is not null
    qualify row_number() over (
        partition by d.nip, d.month order by b.months_covered asc, b.period desc
    ) = 1
)
select
    d.nip,
    d.opd_code,
    s.work_unit,
    d.month,
    d.expected_days,
    d.present_days,
    d.excused_days,
    d.absent_days,
    d.late_minutes,
    d.early_leave_minutes,
    d.equivalent_absent_days,
    d.days_with_record > 0 as has_attendance_record,
    a.approved_minutes,
    a.target_minutes,
    least(1, a.approved_minutes / nullif(a.target_minutes, 0)) as activity_attainment,
    a.activities > 0 as has_activity_record,
    k.points as skp_points,
    k.predikat in ('SANGAT BAIK', 'BAIK') as is_skp_baik_plus,
    c.jp_ytd,
    c.prorated_target_jp,
    c.jp_12m,
    least(1, c.jp_ytd / c.prorated_target_jp) as jp_attainment,
    c.jp_ytd >= c.prorated_target_jp - 1e-9 as is_jp_on_track,
    c.has_source as has_training_source,
    b.others_mean as berakhlak_mean
from mart_discipline_monthly as d
join int_employee_spans as s using (nip)
join mart_activity_monthly as a using (nip, month)
join int_competency_monthly as c using (nip, month)
left join skp as k using (nip, month)
left join behaviour as b using (nip, month)
