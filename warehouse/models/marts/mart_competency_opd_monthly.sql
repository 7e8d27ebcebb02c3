-- Grain: one row per OPD x month of the build period.
-- Rule: year to date, employees on track when JP ytd >= their pro-rated target
-- (20 x months counted / 12; prorated_target_jp = the mean over employees);
-- attainment_rate = mean over employees of min(1, JP ytd / pro-rated target);
-- competency_score = 100 x attainment_rate (NULL when
-- the training export does not cover the month). See int_competency_monthly.
create or replace table mart_competency_opd_monthly as
select
    opd_code,
    month,
    count(*)::integer as employees,
    sum(jp_ytd)::double as jp_ytd_total,
    avg(jp_ytd) as jp_ytd_per_employee,
    avg(prorated_target_jp) as prorated_target_jp,
    count(*) filter (where jp_ytd >= prorated_target_jp - 1e-9)::integer as employees_on_track,
    count(*) filter (where jp_ytd >= prorated_target_jp - 1e-9) / count(*) as on_track_share,
    count(*) filter (where jp_ytd >= (select target_jp from cfg) - 1e-9)::integer as employees_reached_target,
    avg(jp_12m) as jp_12m_per_employee,
    avg(least(1, jp_ytd / prorated_target_jp)) as attainment_rate,
    case when bool_or(has_source) then 100 * avg(least(1, jp_ytd / prorated_target_jp)) end
        as competency_score
from int_competency_monthly
group by opd_code, month
order by month, opd_code
