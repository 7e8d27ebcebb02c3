-- Grain: one row per employee x month with at least one expected workday and a TPP amount.
-- Rule: the amount of tpp_dasar that applies to the month: the employee's own row (NIP)
-- if any starts on or before the month, else the row of the jabatan (NAMA_JABATAN, case and
-- outer spaces ignored); of several, the latest BERLAKU_MULAI (its month counts whole).
-- A PNS is CPNS for masa_cpns_bulan months from the month of TMT CPNS.
create or replace table fct_tpp_base as
with spine as (
    select
        a.nip,
        a.opd_code,
        a.month,
        p.employment_status,
        p.position_name,
        p.tmt_date,
        'JABATAN:' || upper(trim(p.position_name)) as position_key
    from mart_activity_monthly as a
    join dim_pegawai as p on p.nip = a.nip
),
-- Two equi-joins (by NIP, by jabatan) rather than one join on an OR: an OR is a nested
-- loop over spine x tpp_dasar.
candidates as (
    select s.nip, s.month, d.amount, d.kelas_jabatan, d.valid_from, 'nip' as basis
    from spine as s
    join raw_tpp_dasar as d
        on d.basis_key = s.nip and date_trunc('month', d.valid_from) <= s.month
    union all
    select s.nip, s.month, d.amount, d.kelas_jabatan, d.valid_from, 'jabatan' as basis
    from spine as s
    join raw_tpp_dasar as d
        on d.basis_key = s.position_key and date_trunc('month', d.valid_from) <= s.month
    where d.basis_key <> s.nip
),
chosen as (
    select *
    from candidates
    qualify row_number() over (
        partition by nip, month
        order by case when basis = 'nip' then 0 else 1 end, valid_from desc
    ) = 1
)
select
    s.nip,
    s.opd_code,
    s.month,
    s.employment_status,
    s.position_name,
    c.kelas_jabatan,
    c.basis,
    c.valid_from,
    c.amount as besaran_amount,
    (
        s.employment_status = 'PNS' and s.tmt_date is not null
        and (year(s.month) * 12 + month(s.month)) - (year(s.tmt_date) * 12 + month(s.tmt_date))
        < t.cpns_months
    ) as is_cpns
from spine as s
join chosen as c using (nip, month)
cross join cfg_tpp as t
order by s.month, s.opd_code, s.nip
