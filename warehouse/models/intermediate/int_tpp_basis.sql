-- Grain: one row per employee x month with a TPP amount.
-- Rule: base = BESARAN_TPP x cpns_persen for a CPNS; kinerja part = base x bobot_kinerja,
-- disiplin part = the rest; the kinerja part is paid at the activity attainment of the
-- month (approved e-Kinerja minutes / target, at most 100 %; 100 % when no day was
-- expected). Discipline percents apply to the disiplin part or to the whole TPP
-- (dasar_persen_disiplin). Every amount is rounded to pembulatan_rupiah.
create or replace table int_tpp_basis as
with base as (
    select
        b.nip,
        b.opd_code,
        b.month,
        b.is_cpns,
        b.kelas_jabatan,
        b.besaran_amount,
        a.expected_days,
        a.present_days_without_activity,
        a.approved_minutes,
        a.target_minutes,
        least(1.0, coalesce(a.attainment_rate, 1.0)) as activity_percent,
        t.rounding,
        t.discipline_basis,
        cast(round(
            b.besaran_amount * (case when b.is_cpns then t.cpns_percent else 100 end) / 100 / t.rounding
        ) * t.rounding as bigint) as base_amount,
        t.w_kinerja
    from fct_tpp_base as b
    join mart_activity_monthly as a on a.nip = b.nip and a.month = b.month
    cross join cfg_tpp as t
),
parts as (
    select
        *,
        cast(round(base_amount * w_kinerja / 100 / rounding) * rounding as bigint) as kinerja_max_amount
    from base
)
select
    nip,
    opd_code,
    month,
    is_cpns,
    kelas_jabatan,
    besaran_amount,
    base_amount,
    kinerja_max_amount,
    base_amount - kinerja_max_amount as disiplin_max_amount,
    activity_percent,
    cast(round(kinerja_max_amount * activity_percent / rounding) * rounding as bigint) as kinerja_amount,
    case when discipline_basis = 'tpp' then base_amount else base_amount - kinerja_max_amount end
        as discipline_basis_amount,
    expected_days,
    present_days_without_activity,
    approved_minutes,
    target_minutes,
    rounding
from parts
