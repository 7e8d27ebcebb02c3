-- Grain: one row per OPD x BerAKHLAK period x behaviour item (P01..P21) answered there.
-- Rule: as mart_berakhlak_opd for the values: score (1-5) = mean over assessed employees
-- of their mean rating by the counted assessor roles (default all but DIRI);
-- respondents = distinct counted assessors; the text of each behaviour from
-- cfg_behaviours (warehouse/rules.py); is_weakest = the OPD's lowest behaviour(s) that
-- period.
create or replace table mart_berakhlak_behaviour_opd as
with employees as (
    select
        opd_code, period, behaviour,
        avg(others_score) as score,
        count(others_score)::integer as employees_assessed,
        avg(self_score) as self_score
    from int_berakhlak_items_employee
    group by all
),
respondents as (
    select opd_code, period, behaviour, count(distinct assessor_id)::integer as respondents
    from int_berakhlak_items_long
    where is_counted
    group by all
)
select
    e.opd_code,
    e.period,
    e.behaviour,
    upper(e.behaviour) as behaviour_code,
    b.behaviour_order,
    b.core_value,
    v.label as core_value_label,
    b.item_in_value,
    b.label as behaviour_label,
    e.score,
    coalesce(r.respondents, 0)::integer as respondents,
    e.employees_assessed,
    e.self_score,
    -- engines differ in the last bits: 1e-9
    e.score <= min(e.score) over (partition by e.opd_code, e.period) + 1e-9 as is_weakest
from employees as e
join cfg_behaviours as b using (behaviour)
join cfg_core_values as v on v.core_value = b.core_value
left join respondents as r using (opd_code, period, behaviour)
order by e.period, e.opd_code, b.behaviour_order
