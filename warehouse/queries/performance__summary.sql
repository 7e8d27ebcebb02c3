-- Kinerja: headline numbers: outliers by kind in the period, OPDs off the SE 3/2023 curve and
-- the share of employees rated Baik or better in the latest SKP period of year($month_to)
-- (by mart_skp_opd.period_order, not the text of the code: '9' sorts after '11' as text).
with o as (
    select kind, count(*)::integer as n
    from mart_outliers
    where month between $month_from and $month_to and opd_selected(opd_code, $opd_codes, $rumpun)
    group by kind
),

periods as (
    select period from mart_skp_opd where year = year($month_to)
    order by period_order desc limit 1
),

skp as (
    select sum(employees) filter (where predikat_order <= 2) / nullif(sum(employees), 0) as baik_plus_share,
        sum(employees)::integer as rated
    from mart_skp_opd
    where year = year($month_to) and period = (select period from periods)
        and opd_selected(opd_code, $opd_codes, $rumpun)
)

select
    coalesce((select sum(n) from o), 0)::integer as outliers,
    coalesce((select n from o where kind = 'low_productivity'), 0) as low_productivity,
    coalesce((select n from o where kind = 'present_not_working'), 0) as present_not_working,
    coalesce((select n from o where kind = 'buddy_punching'), 0) as buddy_punching,
    coalesce((select n from o where kind = 'unit_decline'), 0) as unit_decline,
    (select count(*) from mart_skp_curve
        where year = year($month_to) and period = (select period from periods) and not is_conforming
            and opd_selected(opd_code, $opd_codes, $rumpun))::integer as off_curve_opds,
    (select period from periods) as skp_period,
    skp.baik_plus_share,
    skp.rated
from skp
