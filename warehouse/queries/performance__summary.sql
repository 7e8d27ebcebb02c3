-- Kinerja: headline numbers: outliers by kind in the period, OPDs off the SE 3/2023 curve and
-- the share of employees rated Baik or better in the latest SKP period of year($month_to)
-- (by mart_skp_curve.period_order, not the text of the code: '9' sorts after '11' as text),
-- over the selected OPDs as the spec of mart_skp_curve combines them.
with o as (
    select kind, count(*)::integer as n
    from mart_outliers
    where month between $month_from and $month_to and opd_selected(opd_code, $opd_codes, $rumpun)
    group by kind
),

skp as (
    select period, baik_plus_share, employees as rated
    from mart_skp_curve_selected($opd_codes, $rumpun)
    where year = year($month_to)
    order by period_order desc
    limit 1
)

select
    (select count(*) from mart_outliers
        where month between $month_from and $month_to and opd_selected(opd_code, $opd_codes, $rumpun))::integer
        as outliers,
    coalesce((select n from o where kind = 'low_productivity'), 0) as low_productivity,
    coalesce((select n from o where kind = 'present_not_working'), 0) as present_not_working,
    coalesce((select n from o where kind = 'buddy_punching'), 0) as buddy_punching,
    coalesce((select n from o where kind = 'unit_decline'), 0) as unit_decline,
    (select count(*) from mart_skp_curve
        where year = year($month_to) and period = (select period from skp) and not is_conforming
            and opd_selected(opd_code, $opd_codes, $rumpun))::integer as off_curve_opds,
    (select period from skp) as skp_period,
    (select baik_plus_share from skp) as baik_plus_share,
    (select rated from skp) as rated
