-- Grain: one row per OPD x BerAKHLAK period x core value x assessor role.
-- Rule: score (1-5) = mean over assessed employees of their mean rating by assessors
-- of that role; respondents = distinct assessors of that role.
create or replace table mart_berakhlak_role as
with per_employee as (
    select opd_code, period, core_value, assessor_role, nip, avg(score) as score
    from int_berakhlak_long
    group by all
),
respondents as (
    select opd_code, period, core_value, assessor_role, count(distinct assessor_id)::integer as respondents
    from int_berakhlak_long
    group by all
)
select
    e.opd_code,
    e.period,
    e.core_value,
    v.label as core_value_label,
    e.assessor_role,
    avg(e.score) as score,
    any_value(r.respondents)::integer as respondents,
    count(*)::integer as employees_assessed
from per_employee as e
join cfg_core_values as v using (core_value)
join respondents as r using (opd_code, period, core_value, assessor_role)
group by e.opd_code, e.period, e.core_value, v.label, v.value_order, e.assessor_role
order by e.period, e.opd_code, v.value_order, e.assessor_role
