-- Grain: one row per OPD x BerAKHLAK period x core value.
-- Rule: score (1-5) = mean over assessed employees of their mean rating by the
-- counted assessor roles (default all but DIRI); respondents = distinct counted
-- assessors; self_others_gap = mean of (DIRI - others) over employees having both
-- (> 0: employees rate themselves higher than others do).
create or replace table mart_berakhlak_opd as
with employees as (
    select
        opd_code, period, core_value,
        avg(others_score) as score,
        count(others_score)::integer as employees_assessed,
        avg(self_score) as self_score,
        avg(self_score - others_score) as self_others_gap
    from int_berakhlak_employee
    group by all
),
respondents as (
    select opd_code, period, core_value, count(distinct assessor_id)::integer as respondents
    from int_berakhlak_long
    where is_counted
    group by all
)
select
    e.opd_code,
    e.period,
    e.core_value,
    v.label as core_value_label,
    e.score,
    coalesce(r.respondents, 0)::integer as respondents,
    e.employees_assessed,
    e.self_score,
    e.self_others_gap,
    -- the OPD's weakest value(s) that period (engines differ in the last bits: 1e-9)
    e.score <= min(e.score) over (partition by e.opd_code, e.period) + 1e-9 as is_weakest
from employees as e
join cfg_core_values as v using (core_value)
left join respondents as r using (opd_code, period, core_value)
order by e.period, e.opd_code, v.value_order
