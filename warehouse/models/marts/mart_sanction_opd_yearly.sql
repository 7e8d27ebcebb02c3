-- Grain: one row per OPD x year x sanction rank that has at least one employee.
-- Rule: counts of mart_discipline_yearly by the sanction the employee is at.
create or replace table mart_sanction_opd_yearly as
select
    opd_code,
    year,
    sanction_rank,
    any_value(sanction_level) as sanction_level,
    any_value(sanction_category) as sanction_category,
    count(*)::integer as employees
from mart_discipline_yearly
group by opd_code, year, sanction_rank
order by year, opd_code, sanction_rank
