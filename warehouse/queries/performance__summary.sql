-- Kinerja: headline numbers: outliers by kind in the period, OPDs off the SE 3/2023 curve and
-- the share of employees rated Baik or better in the latest SKP period of year($month_to)
-- (by mart_skp_curve.period_order, not the text of the code: '9' sorts after '11' as text),
-- over the selected OPDs as the spec of mart_skp_curve combines them.
with o as (
    select
        count(*)::integer as outliers,
        count(*) filter (where kind = 'low_productivity')::integer as low_productivity,
        count(*) filter (where kind = 'present_not_working')::integer as present_not_working,
        count(*) filter (where kind = 'buddy_punching')::integer as buddy_punching,
        count(*) filter (where kind = 'unit_decline')::integer as unit_decline
    from mart_outliers
    where month between $month_from and $month_to and opd_selected(opd_code, $opd_codes, $rumpun)
),

skp as materialized (
    select period, baik_plus_share, employees as rated
    from mart_skp_curve_selected($opd_codes, $rumpun)
    where year = year($month_to)
    order by period_order desc
    limit 1
),

off_curve as (
    select count(*)::integer as off_curve_opds
    from mart_skp_curve as c
    inner join skp on c.period = skp.period
    where c.year = year($month_to) and not c.is_conforming and opd_selected(c.opd_code, $opd_codes, $rumpun)
)

select
    o.outliers,
    o.low_productivity,
    o.present_not_working,
    o.buddy_punching,
    o.unit_decline,
    off_curve.off_curve_opds,
    skp.period as skp_period,
    skp.baik_plus_share,
    skp.rated
from o
cross join off_curve
left join skp on true
