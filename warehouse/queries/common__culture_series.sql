-- Ringkasan: culture index and its four components per month in [$month_from, $month_to],
-- with month-on-month (mom) and year-on-year (yoy) deltas.
-- No OPD/rumpun filter and a viewer who sees every OPD: mart_region_monthly as published.
-- Otherwise the employee-weighted mean of the selected OPDs' published values.
with use_region as (
    select (select all_opd from scope_info) and $opd_codes is null and $rumpun is null as yes
),

region as (
    select month, employees, culture_index, discipline_score, performance_score,
        competency_score, behaviour_score, missing_components, 'wilayah' as basis
    from mart_region_monthly
    where (select yes from use_region)
),

selected as (
    select
        month,
        sum(employees)::integer as employees,
        sum(culture_index * employees) / sum(employees) filter (where culture_index is not null) as culture_index,
        sum(discipline_score * employees) / sum(employees) filter (where discipline_score is not null) as discipline_score,
        sum(performance_score * employees) / sum(employees) filter (where performance_score is not null) as performance_score,
        sum(competency_score * employees) / sum(employees) filter (where competency_score is not null) as competency_score,
        sum(behaviour_score * employees) / sum(employees) filter (where behaviour_score is not null) as behaviour_score,
        string_agg(distinct missing_components, ', ') as missing_components,
        'opd_terpilih' as basis
    from mart_opd_monthly
    where not (select yes from use_region) and opd_selected(opd_code, $opd_codes, $rumpun)
    group by month
),

series as (
    select * from region
    union all
    select * from selected
)

select
    s.month,
    s.basis,
    s.employees,
    s.culture_index,
    s.discipline_score,
    s.performance_score,
    s.competency_score,
    s.behaviour_score,
    s.missing_components,
    s.culture_index - p.culture_index as culture_index_mom,
    s.culture_index - y.culture_index as culture_index_yoy,
    s.discipline_score - p.discipline_score as discipline_score_mom,
    s.discipline_score - y.discipline_score as discipline_score_yoy,
    s.performance_score - p.performance_score as performance_score_mom,
    s.performance_score - y.performance_score as performance_score_yoy,
    s.competency_score - p.competency_score as competency_score_mom,
    s.competency_score - y.competency_score as competency_score_yoy,
    s.behaviour_score - p.behaviour_score as behaviour_score_mom,
    s.behaviour_score - y.behaviour_score as behaviour_score_yoy
from series as s
left join series as p on p.month = s.month - interval 1 month
left join series as y on y.month = s.month - interval 1 year
where s.month between $month_from and $month_to
order by s.month
