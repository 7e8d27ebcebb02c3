-- Grain: one row per OPD x month of the build period.
-- Rule: the 'opd' rows of int_culture_grouped, where the component scores and the
-- culture index are defined (weights renormalised over the components with data; a
-- missing component is NULL and flagged). Deltas: vs the previous month and the same
-- month a year earlier; rank 1 = highest index among OPDs that month.
create or replace table mart_opd_monthly as
select
    opd_code,
    month,
    employees,
    expected_days,
    present_days,
    excused_days,
    absent_days,
    late_minutes,
    early_leave_minutes,
    equivalent_absent_days,
    attendance_rate,
    absent_days_per_employee,
    late_minutes_per_employee,
    skp_rated_employees,
    skp_baik_plus_share,
    skp_score,
    approved_minutes,
    target_minutes,
    activity_attainment_rate,
    activity_score,
    jp_ytd_per_employee,
    jp_prorated_target,
    jp_12m_per_employee,
    jp_attainment_rate,
    jp_on_track_share,
    berakhlak_mean,
    berakhlak_assessed_employees,
    discipline_score,
    performance_score,
    competency_score,
    behaviour_score,
    has_discipline,
    has_performance,
    has_competency,
    has_behaviour,
    components_present,
    is_partial,
    missing_components,
    weight_discipline,
    weight_performance,
    weight_competency,
    weight_behaviour,
    -- what each component adds to the index (weight used x score; the index is their sum)
    weight_discipline * discipline_score as discipline_contribution,
    weight_performance * performance_score as performance_contribution,
    weight_competency * competency_score as competency_contribution,
    weight_behaviour * behaviour_score as behaviour_contribution,
    culture_index,
    culture_index_mom_delta,
    culture_index_yoy_delta,
    culture_index_rank
from int_culture_grouped
where level = 'opd'
order by month, opd_code
