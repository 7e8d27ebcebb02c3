-- Grain: one row per OPD (opd_code).
-- Rule: the OPD list as loaded; opd_short falls back to the name; employees_active
-- counts AKTIF = Y employees in the current master.
create or replace table dim_opd as
with active as (
    select opd_code, count(*)::integer as employees_active
    from raw_pegawai where is_active group by opd_code
)
select
    o.opd_code,
    o.opd_name,
    coalesce(nullif(trim(o.opd_short), ''), o.opd_name) as opd_short,
    o.rumpun,
    coalesce(a.employees_active, 0)::integer as employees_active
from raw_opd as o
left join active as a using (opd_code)
order by o.opd_code
