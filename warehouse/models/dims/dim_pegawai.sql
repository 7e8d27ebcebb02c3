-- Grain: one row per employee (nip).
-- Rule: the latest employee master plus the span in which they are expected to work
-- (see int_employee_spans) and the OPD name for filters.
create or replace table dim_pegawai as
select
    p.nip,
    p.name,
    p.gender,
    p.birth_date,
    p.employment_status,
    p.golongan,
    p.position_type,
    p.position_name,
    p.eselon,
    p.education,
    p.opd_code,
    o.opd_name,
    s.work_unit,
    p.tmt_date,
    p.is_active,
    s.first_data_date,
    s.last_data_date,
    s.employed_from,
    s.employed_until
from raw_pegawai as p
join int_employee_spans as s using (nip)
left join raw_opd as o on o.opd_code = p.opd_code
order by p.nip
