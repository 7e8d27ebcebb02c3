-- Grain: one row per employee x month with at least one expected workday.
-- Rule: THE competency definition per employee (int_competency_monthly): JP completed
-- from the employee's first month of that calendar year in the build period to the end
-- of the month, against 20 x months counted / 12; on track when JP >= that target.
-- What Kompetensi lists as "behind" for the month viewed, and what the unit drill shows,
-- so they agree with the OPD tiles (mart_competency_opd_monthly) of the same month.
create or replace table mart_competency_employee_monthly as
select
    c.nip,
    c.opd_code,
    c.month,
    year(c.month)::integer as year,
    c.trainings_ytd as trainings,
    c.jp_ytd as jp_total,
    cfg.target_jp::double as target_jp,
    c.prorated_target_jp,
    c.jp_ytd / c.prorated_target_jp as attainment_rate,
    c.jp_ytd >= c.prorated_target_jp - 1e-9 as is_on_track,
    c.jp_ytd >= cfg.target_jp - 1e-9 as has_reached_target,
    greatest(0, cfg.target_jp - c.jp_ytd) as jp_shortfall
from int_competency_monthly as c
cross join cfg
order by c.month, c.opd_code, c.nip
