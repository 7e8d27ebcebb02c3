-- Ringkasan: OPD ranking in the last month of the period ($month_to): one row per OPD.
select
    m.opd_code,
    o.opd_name,
    o.opd_short,
    o.rumpun,
    m.employees,
    m.culture_index,
    m.culture_index_rank,
    m.culture_index_mom_delta,
    m.culture_index_yoy_delta,
    m.is_partial,
    m.missing_components
from mart_opd_monthly as m
join dim_opd as o using (opd_code)
where m.month = $month_to
    and opd_selected(m.opd_code, $opd_codes, $rumpun)
order by m.culture_index_rank nulls last, m.opd_code
