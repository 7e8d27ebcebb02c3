-- Kinerja: the organisational predikat the selected OPDs' SE MenPANRB 3/2023 curve was judged against
-- (latest SKP period of year($month_to), as performance__skp_curve) and where each came from: the
-- region's default or one set for the OPD in the configuration.
with periods as (
    select period
    from mart_skp_curve
    where year = year($month_to)
    order by period_order desc
    limit 1
)

select
    c.organisational_predikat,
    c.organisational_predikat_origin,
    count(*)::integer as opds,
    string_agg(o.opd_short, ', ' order by o.opd_short) as opd_names
from mart_skp_curve as c
inner join dim_opd as o using (opd_code)
where c.year = year($month_to)
    and c.period = (select period from periods)
    and opd_selected(c.opd_code, $opd_codes, $rumpun)
group by c.organisational_predikat, c.organisational_predikat_origin
order by c.organisational_predikat_origin = 'bawaan' desc, opds desc, c.organisational_predikat asc
