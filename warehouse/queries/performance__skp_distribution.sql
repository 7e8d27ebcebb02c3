-- Kinerja: SKP predikat distribution over the selected OPDs for the latest SKP period of
-- year($month_to) (TAHUNAN if present). One row per predikat, all five kept.
with periods as (
    select period
    from mart_skp_opd
    where year = year($month_to)
    group by period
    order by (period = 'TAHUNAN') desc, period desc
    limit 1
)

select
    year($month_to)::integer as year,
    (select period from periods) as period,
    s.predikat,
    s.predikat_order,
    sum(s.employees)::integer as employees,
    sum(s.employees) / nullif(sum(sum(s.employees)) over (), 0) as share
from mart_skp_opd as s
where s.year = year($month_to)
    and s.period = (select period from periods)
    and opd_selected(s.opd_code, $opd_codes, $rumpun)
group by s.predikat, s.predikat_order
order by s.predikat_order
