-- Rule: a component without data is NULL and weighs 0 (never scored 0); the weights
-- used sum to 1 over the present components; culture_index is NULL only when no
-- component has data; is_partial and components_present agree with the has_* flags.
with rows as (
    select 'opd' as level, opd_code as key, * exclude (opd_code) from mart_opd_monthly
    union all by name
    select 'unit', opd_code || ' / ' || work_unit, * exclude (opd_code, work_unit) from mart_unit_monthly
    union all by name
    select 'region', 'wilayah', * from mart_region_monthly
)
select level, key, month, components_present, culture_index,
    weight_discipline + weight_performance + weight_competency + weight_behaviour as weight_sum
from rows
where (has_discipline <> (discipline_score is not null))
    or (has_performance <> (performance_score is not null))
    or (has_competency <> (competency_score is not null))
    or (has_behaviour <> (behaviour_score is not null))
    or (not has_discipline and weight_discipline <> 0)
    or (not has_performance and weight_performance <> 0)
    or (not has_competency and weight_competency <> 0)
    or (not has_behaviour and weight_behaviour <> 0)
    or components_present <> has_discipline::int + has_performance::int + has_competency::int + has_behaviour::int
    or is_partial <> (components_present < 4)
    or (culture_index is null) <> (components_present = 0
        or weight_discipline + weight_performance + weight_competency + weight_behaviour = 0)
    or (culture_index is not null
        and abs(weight_discipline + weight_performance + weight_competency + weight_behaviour - 1) > 1e-9)
