-- Grain: one row per OPD x unit kerja x month.
-- Rule: the 'unit' rows of int_culture_grouped, where the component scores and the
-- culture index are defined (weights renormalised over the components with data; a
-- missing component is NULL and flagged). Deltas: vs the previous month and the same
-- month a year earlier; rank 1 = highest index among the units of the OPD that month.
create or replace table mart_unit_monthly as
select
    opd_code,
    work_unit,
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
    culture_index,
    culture_index_mom_delta,
    culture_index_yoy_delta,
    culture_index_rank
from int_culture_grouped
where level = 'unit'
order by month, opd_code, work_unit
