-- Grain: one row per level x key x month, level in (unit: OPD x unit kerja, opd: OPD,
-- region: whole region), from int_employee_monthly with grouping sets.
-- Rule: THE definition of the four component scores and the culture index (0-100):
--   discipline_score  = 100 x (1 - equivalent absent days / expected days), clipped
--                       (NULL when no punch or recap exists for the group that month)
--   performance_score = skp weight x SKP score + activity weight x activity score,
--                       renormalised over the parts that have data; SKP score = mean
--                       predikat points (needs >= cakupan_minimum of employees rated),
--                       activity score = 100 x mean min(1, approved / target minutes)
--                       (needs at least one activity in the group that month)
--   competency_score  = 100 x mean min(1, JP since January / (20 x months counted
--                       that year / 12)) (needs the training export to cover the
--                       month; see int_competency_monthly)
--   behaviour_score   = 100 x (mean BerAKHLAK - 1) / 4 (needs >= cakupan_minimum of
--                       employees assessed by others in the period covering the month)
--   culture_index     = sum of weight x score over the components present, weights
--                       (default 30/30/15/25) renormalised to sum to 1 over them.
-- A missing component is NULL, its used weight 0, and the row is flagged partial.
create or replace table int_culture_grouped as
with agg as (
    select
        case
            when grouping(opd_code) = 1 then 'region'
            when grouping(work_unit) = 1 then 'opd'
            else 'unit'
        end as level,
        opd_code,
        work_unit,
        month,
        count(*)::integer as employees,
        sum(expected_days)::integer as expected_days,
        sum(present_days)::integer as present_days,
        sum(excused_days)::integer as excused_days,
        sum(absent_days)::integer as absent_days,
        sum(late_minutes)::integer as late_minutes,
        sum(early_leave_minutes)::integer as early_leave_minutes,
        sum(equivalent_absent_days) as equivalent_absent_days,
        bool_or(has_attendance_record) as any_attendance,
        count(skp_points)::integer as skp_rated_employees,
        avg(case when is_skp_baik_plus then 1.0 else 0.0 end) filter (where skp_points is not null)
            as skp_baik_plus_share,
        avg(skp_points) as skp_points_mean,
        sum(approved_minutes)::bigint as approved_minutes,
        sum(target_minutes)::bigint as target_minutes,
        avg(activity_attainment) as activity_attainment_rate,
        bool_or(has_activity_record) as any_activity,
        avg(jp_ytd) as jp_ytd_per_employee,
        avg(jp_12m) as jp_12m_per_employee,
        avg(prorated_target_jp) as jp_prorated_target,
        avg(jp_attainment) as jp_attainment_rate,
        avg(case when is_jp_on_track then 1.0 else 0.0 end) as jp_on_track_share,
        bool_or(has_training_source) as any_training_source,
        avg(berakhlak_mean) as berakhlak_mean,
        count(berakhlak_mean)::integer as berakhlak_assessed_employees
    from int_employee_monthly
    group by grouping sets ((opd_code, work_unit, month), (opd_code, month), (month))
),
components as (
    select
        a.*,
        case when a.any_attendance and a.expected_days > 0 then
            greatest(0, least(100, 100 * (1 - a.equivalent_absent_days / a.expected_days)))
        end as discipline_score,
        case when a.skp_rated_employees >= cfg.coverage_min * a.employees and a.skp_rated_employees > 0
            then a.skp_points_mean end as skp_score,
        case when a.any_activity and a.activity_attainment_rate is not null
            then 100 * a.activity_attainment_rate end as activity_score,
        case when a.any_training_source then 100 * a.jp_attainment_rate end as competency_score,
        case when a.berakhlak_assessed_employees >= cfg.coverage_min * a.employees
                and a.berakhlak_assessed_employees > 0
            then greatest(0, least(100, 100 * (a.berakhlak_mean - 1) / 4)) end as behaviour_score
    from agg as a
    cross join cfg
),
performance as (
    select
        c.*,
        (cfg.skp_weight * coalesce(c.skp_score, 0) + cfg.activity_weight * coalesce(c.activity_score, 0))
        / nullif(
            cfg.skp_weight * (c.skp_score is not null)::integer
            + cfg.activity_weight * (c.activity_score is not null)::integer, 0
        ) as performance_score
    from components as c
    cross join cfg
),
weighted as (
    select
        p.*,
        cfg.w_discipline * (p.discipline_score is not null)::integer
        + cfg.w_performance * (p.performance_score is not null)::integer
        + cfg.w_competency * (p.competency_score is not null)::integer
        + cfg.w_behaviour * (p.behaviour_score is not null)::integer as weight_total,
        cfg.w_discipline, cfg.w_performance, cfg.w_competency, cfg.w_behaviour
    from performance as p
    cross join cfg
),
indexed as (
    select
        w.*,
        case when w.discipline_score is not null and w.weight_total > 0
            then w.w_discipline / w.weight_total else 0 end as weight_discipline,
        case when w.performance_score is not null and w.weight_total > 0
            then w.w_performance / w.weight_total else 0 end as weight_performance,
        case when w.competency_score is not null and w.weight_total > 0
            then w.w_competency / w.weight_total else 0 end as weight_competency,
        case when w.behaviour_score is not null and w.weight_total > 0
            then w.w_behaviour / w.weight_total else 0 end as weight_behaviour
    from weighted as w
),
final as (
    select
        i.*,
        case when i.weight_total > 0 then
            i.weight_discipline * coalesce(i.discipline_score, 0)
            + i.weight_performance * coalesce(i.performance_score, 0)
            + i.weight_competency * coalesce(i.competency_score, 0)
            + i.weight_behaviour * coalesce(i.behaviour_score, 0)
        end as culture_index,
        (i.discipline_score is not null)::integer + (i.performance_score is not null)::integer
        + (i.competency_score is not null)::integer + (i.behaviour_score is not null)::integer
            as components_present,
        nullif(concat_ws(', ',
            case when i.discipline_score is null then 'disiplin' end,
            case when i.performance_score is null then 'kinerja' end,
            case when i.competency_score is null then 'kompetensi' end,
            case when i.behaviour_score is null then 'perilaku' end
        ), '') as missing_components
    from indexed as i
)
select
    f.level,
    f.opd_code,
    f.work_unit,
    f.month,
    f.employees,
    f.expected_days,
    f.present_days,
    f.excused_days,
    f.absent_days,
    f.late_minutes,
    f.early_leave_minutes,
    f.equivalent_absent_days,
    f.present_days / nullif(f.expected_days - f.excused_days, 0) as attendance_rate,
    f.absent_days / f.employees as absent_days_per_employee,
    f.late_minutes / f.employees as late_minutes_per_employee,
    f.skp_rated_employees,
    f.skp_baik_plus_share,
    f.skp_score,
    f.approved_minutes,
    f.target_minutes,
    f.activity_attainment_rate,
    f.activity_score,
    f.jp_ytd_per_employee,
    f.jp_prorated_target,
    f.jp_12m_per_employee,
    f.jp_attainment_rate,
    f.jp_on_track_share,
    f.berakhlak_mean,
    f.berakhlak_assessed_employees,
    f.discipline_score,
    f.performance_score,
    f.competency_score,
    f.behaviour_score,
    f.discipline_score is not null as has_discipline,
    f.performance_score is not null as has_performance,
    f.competency_score is not null as has_competency,
    f.behaviour_score is not null as has_behaviour,
    f.components_present,
    f.components_present < 4 as is_partial,
    f.missing_components,
    f.weight_discipline,
    f.weight_performance,
    f.weight_competency,
    f.weight_behaviour,
    f.culture_index,
    f.culture_index - prev.culture_index as culture_index_mom_delta,
    f.culture_index - last_year.culture_index as culture_index_yoy_delta,
    f.discipline_score - prev.discipline_score as discipline_score_mom_delta,
    f.discipline_score - last_year.discipline_score as discipline_score_yoy_delta,
    f.performance_score - prev.performance_score as performance_score_mom_delta,
    f.performance_score - last_year.performance_score as performance_score_yoy_delta,
    f.competency_score - prev.competency_score as competency_score_mom_delta,
    f.competency_score - last_year.competency_score as competency_score_yoy_delta,
    f.behaviour_score - prev.behaviour_score as behaviour_score_mom_delta,
    f.behaviour_score - last_year.behaviour_score as behaviour_score_yoy_delta,
    case when f.culture_index is not null and f.level <> 'region' then
        rank() over (
            partition by f.level, f.month, case when f.level = 'unit' then f.opd_code end,
                f.culture_index is null
            order by f.culture_index desc
        )
    end::integer as culture_index_rank
from final as f
left join final as prev
    on prev.level = f.level
    and prev.opd_code is not distinct from f.opd_code
    and prev.work_unit is not distinct from f.work_unit
    and prev.month = (f.month - interval 1 month)::date
left join final as last_year
    on last_year.level = f.level
    and last_year.opd_code is not distinct from f.opd_code
    and last_year.work_unit is not distinct from f.work_unit
    and last_year.month = (f.month - interval 12 month)::date
