-- Ringkasan: culture index and its four components per month in [$month_from, $month_to],
-- with month-on-month (mom) and year-on-year (yoy) deltas.
-- No OPD/rumpun filter and a viewer who sees every OPD: mart_region_monthly as published.
-- Otherwise the selected OPDs, combined as the spec of mart_opd_monthly says
-- (warehouse/selection.py: scores weighted by employees, deltas of the combined scores).
with use_region as (
    select (select all_opd from scope_info) and $opd_codes is null and $rumpun is null as yes
),

region as (
    select
        month, 'wilayah' as basis, employees, culture_index, discipline_score, performance_score,
        competency_score, behaviour_score, missing_components,
        culture_index_mom_delta, culture_index_yoy_delta, discipline_score_mom_delta, discipline_score_yoy_delta,
        performance_score_mom_delta, performance_score_yoy_delta, competency_score_mom_delta,
        competency_score_yoy_delta, behaviour_score_mom_delta, behaviour_score_yoy_delta
    from mart_region_monthly
    where (select yes from use_region)
),

selected as (
    select
        month, 'opd_terpilih' as basis, employees, culture_index, discipline_score, performance_score,
        competency_score, behaviour_score, missing_components,
        culture_index_mom_delta, culture_index_yoy_delta, discipline_score_mom_delta, discipline_score_yoy_delta,
        performance_score_mom_delta, performance_score_yoy_delta, competency_score_mom_delta,
        competency_score_yoy_delta, behaviour_score_mom_delta, behaviour_score_yoy_delta
    from mart_opd_monthly_selected($opd_codes, $rumpun)
    where not (select yes from use_region)
),

series as (
    select * from region
    union all
    select * from selected
)

select
    month,
    basis,
    employees,
    culture_index,
    discipline_score,
    performance_score,
    competency_score,
    behaviour_score,
    missing_components,
    culture_index_mom_delta as culture_index_mom,
    culture_index_yoy_delta as culture_index_yoy,
    discipline_score_mom_delta as discipline_score_mom,
    discipline_score_yoy_delta as discipline_score_yoy,
    performance_score_mom_delta as performance_score_mom,
    performance_score_yoy_delta as performance_score_yoy,
    competency_score_mom_delta as competency_score_mom,
    competency_score_yoy_delta as competency_score_yoy,
    behaviour_score_mom_delta as behaviour_score_mom,
    behaviour_score_yoy_delta as behaviour_score_yoy
from series
where month between $month_from and $month_to
order by month
