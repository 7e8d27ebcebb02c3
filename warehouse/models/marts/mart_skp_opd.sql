-- Grain: one row per OPD x year x SKP period x predikat (all five predikat, zero rows
-- kept) for every OPD-period with at least one rated employee.
-- Rule: employees by predikat as loaded (source predikat, else the matrix); share of
-- the rated employees of the OPD-period. OPD = the employee's current OPD.
-- period_order: the period's place in its year (TAHUNAN last, then by the month it ends; a quarter
-- after the month it ends with): how "the latest SKP period" is found, never the text of the code.
create or replace table mart_skp_opd as
with rated as (
    select
        p.opd_code, k.year, k.period,
        case
            when k.period = 'TAHUNAN' then 1000
            when k.period like 'TW_' then 30 * try_cast(right(k.period, 1) as integer) + 3
            else 10 * try_cast(k.period as integer) + 1
        end as period_order,
        k.predikat, count(*) as employees
    from raw_kinerja as k
    join raw_pegawai as p using (nip)
    group by all
),
periods as (
    select opd_code, year, period, period_order, sum(employees) as total
    from rated group by all
)
select
    g.opd_code,
    g.year,
    g.period,
    g.period_order::integer as period_order,
    pp.predikat,
    pp.predikat_order,
    coalesce(r.employees, 0)::integer as employees,
    coalesce(r.employees, 0) / g.total as share
from periods as g
cross join cfg_predikat_points as pp
left join rated as r
    on r.opd_code = g.opd_code and r.year = g.year and r.period = g.period and r.predikat = pp.predikat
order by g.year, g.period, g.opd_code, pp.predikat_order
