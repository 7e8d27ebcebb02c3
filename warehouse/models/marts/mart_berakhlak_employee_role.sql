-- Grain: one row per assessed employee x BerAKHLAK period x core value x assessor role.
-- Rule: role_score (1-5) = mean of the ratings the employee got from assessors of that role
-- (DIRI = the self-assessment); assessors = distinct assessors of that role. is_counted: the
-- role counts in the culture index (cfg_behaviour_roles). is_latest_period: the employee's
-- period that ends last (int_berakhlak_periods; an unparseable period is never the latest).
-- OPD = the employee's current OPD. is_shown: a rekan/bawahan score is shown only from 3 assessors
-- of that role (a single rater's score would be that person's answer); atasan and diri always.
-- An assessor rates a core value once (int_berakhlak_long's grain), so count(assessor_id) counts
-- distinct assessors without count(distinct)'s per-group hash set.
create or replace table mart_berakhlak_employee_role as
with periods as (
    select
        nip, period, first_month, last_month,
        row_number() over (partition by nip order by last_month desc, first_month desc, period desc) = 1
            as is_latest_period
    from int_berakhlak_periods
)
select
    l.nip,
    any_value(l.opd_code) as opd_code,
    l.period,
    any_value(p.first_month) as first_month,
    any_value(p.last_month) as last_month,
    coalesce(any_value(p.is_latest_period), false) as is_latest_period,
    l.core_value,
    any_value(v.label) as core_value_label,
    any_value(v.value_order)::integer as value_order,
    l.assessor_role,
    bool_or(l.is_counted) as is_counted,
    avg(l.score) as role_score,
    count(l.assessor_id)::integer as assessors,
    l.assessor_role in ('ATASAN', 'DIRI') or count(l.assessor_id) >= 3 as is_shown
from int_berakhlak_long as l
join cfg_core_values as v using (core_value)
left join periods as p on p.nip = l.nip and p.period = l.period
group by l.nip, l.period, l.core_value, l.assessor_role
order by l.nip, l.period, value_order, l.assessor_role
