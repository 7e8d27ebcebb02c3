-- Grain: one row per employee x year x SKP period (as raw_kinerja).
-- Rule: the months a period covers: '1'..'12' one month, 'TW1'..'TW4' a quarter,
-- 'TAHUNAN' the whole year; predikat points from the configuration.
create or replace table int_skp_periods as
with parsed as (
    select
        k.nip,
        k.year,
        k.period,
        k.predikat,
        case
            when regexp_full_match(k.period, '\d{1,2}') then try_cast(k.period as integer)
            when regexp_full_match(k.period, 'TW[1-4]') then 3 * try_cast(substring(k.period, 3) as integer) - 2
            when k.period = 'TAHUNAN' then 1
        end as first_month_number,
        case
            when regexp_full_match(k.period, '\d{1,2}') then try_cast(k.period as integer)
            when regexp_full_match(k.period, 'TW[1-4]') then 3 * try_cast(substring(k.period, 3) as integer)
            when k.period = 'TAHUNAN' then 12
        end as last_month_number
    from raw_kinerja as k
)
select
    p.nip,
    p.year,
    p.period,
    p.predikat,
    pp.points,
    make_date(p.year, p.first_month_number, 1) as first_month,
    make_date(p.year, p.last_month_number, 1) as last_month,
    (p.last_month_number - p.first_month_number + 1)::integer as months_covered
from parsed as p
left join cfg_predikat_points as pp using (predikat)
where p.first_month_number between 1 and 12 and p.last_month_number between 1 and 12
