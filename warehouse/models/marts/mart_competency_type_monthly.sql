-- Grain: one row per OPD x month of the build period x training type with at least one
-- training so far that year.
-- Rule: as int_competency_monthly counts JP for the month viewed: trainings counted in the
-- calendar year of their end date, from January to the end of the month (and not after
-- the build period's end); employees = distinct employees trained so far that year.
create or replace table mart_competency_type_monthly as
select
    p.opd_code,
    m.month,
    t.training_type,
    count(*)::integer as trainings,
    sum(t.jp)::double as jp_total,
    count(distinct t.nip)::integer as employees
from dim_month as m
cross join cfg
join raw_pelatihan as t
    on year(t.end_date) = m.year
    and t.end_date <= last_day(m.month)
    and t.end_date <= cfg.period_end
join raw_pegawai as p on p.nip = t.nip
group by p.opd_code, m.month, t.training_type
order by m.month, p.opd_code, t.training_type
