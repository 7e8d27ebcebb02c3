-- Kinerja: each OPD against the SE MenPANRB 3/2023 distribution curve (latest period of the year).
with periods as (
    select period
    from mart_skp_curve
    where year = year($month_to)
    order by period_order desc
    limit 1
)

select
    c.opd_code,
    o.opd_short,
    c.year,
    c.period,
    c.organisational_predikat,
    c.organisational_predikat_origin,
    c.organisational_predikat_source,
    c.employees,
    c.share_sangat_baik,
    c.share_baik,
    c.share_butuh_perbaikan,
    c.share_kurang,
    c.share_sangat_kurang,
    c.is_conforming,
    c.explanation
from mart_skp_curve as c
join dim_opd as o using (opd_code)
where c.year = year($month_to)
    and c.period = (select period from periods)
    and opd_selected(c.opd_code, $opd_codes, $rumpun)
order by c.is_conforming, c.opd_code
