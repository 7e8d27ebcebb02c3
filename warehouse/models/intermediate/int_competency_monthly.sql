-- Grain: one row per employee x month with at least one expected workday.
-- Rule: THE competency definition (PP 17/2020: at least 20 JP a year, as a BKPSDM
-- reports it): JP completed from the employee's first month of that calendar year inside
-- the build period (January, or the first month of the data, or the TMT month) to the
-- end of the month, against the pro-rated target 20 x months counted / 12. The index
-- component, the Kompetensi page (tiles, OPD table, the employees behind), the unit
-- drill and the briefs all use it, for the month viewed (mart_competency_employee_monthly,
-- mart_competency_opd_monthly); mart_competency_yearly is the same at the year's last month.
-- jp_12m (last 12 months) is kept as information only; no score uses it.
-- has_source = the training export covers the month: from January of the year of
-- the first training to the month of the last training or of the last load of the
-- export (ingest_batches), whichever is later (a month without any training in the
-- region is not "no data" when the export was loaded after it).
create or replace table int_competency_monthly as
with monthly_jp as (
    -- up to the build period's end, as mart_competency_yearly and mart_competency_type_monthly count
    select t.nip, date_trunc('month', t.end_date)::date as month, sum(t.jp) as jp, count(*) as trainings
    from raw_pelatihan as t
    cross join cfg
    where t.end_date <= cfg.period_end
    group by t.nip, date_trunc('month', t.end_date)
),
coverage as (
    select
        date_trunc('year', min(end_date))::date as covered_from,
        greatest(
            date_trunc('month', max(end_date))::date,
            (select date_trunc('month', max(finished_at))::date from ingest_batches
             where source = 'pelatihan' and status = 'loaded')
        ) as covered_until
    from raw_pelatihan
),
base as (
    select d.nip, d.opd_code, d.month, coalesce(m.jp, 0) as jp, coalesce(m.trainings, 0) as trainings
    from mart_discipline_monthly as d
    left join monthly_jp as m using (nip, month)
),
windows as (
    select
        *,
        sum(jp) over ytd as jp_ytd,
        sum(trainings) over ytd as trainings_ytd,
        count(*) over ytd as months_ytd,
        sum(jp) over last12 as jp_12m,
        count(*) over last12 as months_12m
    from base
    window
        ytd as (partition by nip, year(month) order by month rows between unbounded preceding and current row),
        last12 as (partition by nip order by month rows between 11 preceding and current row)
)
select
    w.nip,
    w.opd_code,
    w.month,
    w.jp_ytd::double as jp_ytd,
    w.trainings_ytd::integer as trainings_ytd,
    cfg.target_jp * w.months_ytd / 12 as prorated_target_jp,
    w.jp_12m::double as jp_12m,
    cfg.target_jp * w.months_12m / 12 as target_12m_jp,
    coalesce(w.month between c.covered_from and c.covered_until, false) as has_source
from windows as w
cross join cfg
cross join coverage as c
