-- Grain: one row per BerAKHLAK period x core value (the whole region).
-- Rule: as mart_berakhlak_opd, over all assessed employees of the region; the months a
-- period covers as int_berakhlak_periods reads its code (NULL: not a period code).
create or replace table mart_berakhlak_region as
with employees as (
    select
        period, core_value,
        avg(others_score) as score,
        count(others_score)::integer as employees_assessed,
        avg(self_score) as self_score,
        avg(self_score - others_score) as self_others_gap
    from int_berakhlak_employee
    group by all
),
respondents as (
    select period, core_value, count(distinct assessor_id)::integer as respondents
    from int_berakhlak_long
    where is_counted
    group by all
),
periods as (
    select distinct period, first_month, last_month from int_berakhlak_periods
)
select
    e.period,
    e.core_value,
    v.label as core_value_label,
    e.score,
    coalesce(r.respondents, 0)::integer as respondents,
    e.employees_assessed,
    e.self_score,
    e.self_others_gap,
    p.first_month as period_first_month,
    p.last_month as period_last_month
from employees as e
join cfg_core_values as v using (core_value)
left join respondents as r using (period, core_value)
left join periods as p using (period)
order by e.period, v.value_order
