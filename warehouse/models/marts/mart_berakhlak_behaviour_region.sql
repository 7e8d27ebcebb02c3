-- Grain: one row per BerAKHLAK period x behaviour item (P01..P21), the whole region.
-- Rule: as mart_berakhlak_behaviour_opd, over all assessed employees of the region.
create or replace table mart_berakhlak_behaviour_region as
with employees as (
    select
        period, behaviour,
        avg(others_score) as score,
        count(others_score)::integer as employees_assessed
    from int_berakhlak_items_employee
    group by all
),
respondents as (
    select period, behaviour, count(distinct assessor_id)::integer as respondents
    from int_berakhlak_items_long
    where is_counted
    group by all
)
select
    e.period,
    e.behaviour,
    upper(e.behaviour) as behaviour_code,
    b.behaviour_order,
    b.core_value,
    v.label as core_value_label,
    b.label as behaviour_label,
    e.score,
    coalesce(r.respondents, 0)::integer as respondents,
    e.employees_assessed
from employees as e
join cfg_behaviours as b using (behaviour)
join cfg_core_values as v on v.core_value = b.core_value
left join respondents as r using (period, behaviour)
order by e.period, b.behaviour_order
