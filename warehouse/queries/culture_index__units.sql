-- Drill OPD → unit kerja: the units of one OPD ($opd) in $month_to, with their deltas.
select
    opd_code,
    work_unit,
    employees,
    culture_index,
    culture_index_rank,
    culture_index_mom_delta,
    culture_index_yoy_delta,
    discipline_score,
    performance_score,
    competency_score,
    behaviour_score,
    missing_components
from mart_unit_monthly
where opd_code = $opd and month = $month_to
order by culture_index_rank nulls last, work_unit
