-- Grain: one row per employee (nip) in the employee master.
-- Rule: an employee is expected to work from max(period start, TMT) to the period end
-- if AKTIF = Y, else to the last day they have any data (punch, recap or activity).
-- emp_key = employee number (by nip) x 100000: with day_key(emp_key, date) one BIGINT
-- stands for (nip, date), which joins and groups faster than the pair.
create or replace table int_employee_spans as
with data_days as (
    select nip, min(punched_at)::date as first_day, max(punched_at)::date as last_day
    from raw_absensi_log group by nip
    union all
    select nip, min(work_date), max(work_date) from raw_absensi_harian group by nip
    union all
    select nip, min(activity_date), max(activity_date) from raw_aktivitas group by nip
),
data_span as (
    select nip, min(first_day) as first_data_date, max(last_day) as last_data_date
    from data_days group by nip
),
spans as (
    select
        p.nip,
        p.opd_code,
        coalesce(nullif(trim(p.work_unit), ''), '(tanpa unit)') as work_unit,
        p.position_type,
        p.employment_status,
        p.tmt_date,
        p.is_active,
        d.first_data_date,
        d.last_data_date,
        greatest(cfg.period_start, coalesce(p.tmt_date, cfg.period_start)) as employed_from,
        case
            when p.is_active then cfg.period_end
            else least(cfg.period_end, d.last_data_date)
        end as employed_until
    from raw_pegawai as p
    cross join cfg
    left join data_span as d using (nip)
)
select
    nip, opd_code, work_unit, position_type, employment_status, tmt_date, is_active,
    first_data_date, last_data_date, employed_from, employed_until,
    row_number() over (order by nip)::bigint * 100000 as emp_key
from spans
