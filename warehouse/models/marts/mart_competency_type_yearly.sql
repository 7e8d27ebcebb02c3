-- Grain: one row per OPD x year x training type with at least one training.
-- Rule: trainings counted in the year of their end date, within the build period's
-- years; employees = distinct employees trained.
create or replace table mart_competency_type_yearly as
select
    p.opd_code,
    year(t.end_date)::integer as year,
    t.training_type,
    count(*)::integer as trainings,
    sum(t.jp)::double as jp_total,
    count(distinct t.nip)::integer as employees
from raw_pelatihan as t
join raw_pegawai as p using (nip)
cross join cfg
where year(t.end_date) between year(cfg.period_start) and year(cfg.period_end)
    and t.end_date <= cfg.period_end
group by all
order by year, p.opd_code, t.training_type
