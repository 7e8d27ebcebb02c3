-- Indeks Budaya Kerja: index and components per OPD × month in the period (trend, heatmap).
select
    m.opd_code,
    o.opd_short,
    o.opd_name,
    m.month,
    m.employees,
    m.culture_index,
    m.discipline_score,
    m.performance_score,
    m.competency_score,
    m.behaviour_score,
    m.culture_index_rank,
    m.culture_index_mom_delta,
    m.is_partial,
    m.missing_components
from mart_opd_monthly as m
join dim_opd as o using (opd_code)
where m.month between $month_from and $month_to
    and opd_selected(m.opd_code, $opd_codes, $rumpun)
order by m.opd_code, m.month
