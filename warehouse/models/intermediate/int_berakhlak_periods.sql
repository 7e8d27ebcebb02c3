-- Grain: one row per assessed employee x BerAKHLAK period.
-- Rule: the employee's behaviour rating for the period = mean of the seven value
-- scores (counted assessors); the months it covers: 'YYYY-S1'/'S2' a semester,
-- 'YYYY-TW1'..'TW4' a quarter, 'YYYY-MM' or 'YYYY-BMM' a month, 'YYYY' or
-- 'YYYY-TAHUNAN' the year. Unparseable periods stay in the BerAKHLAK marts but do not
-- feed the culture index.
create or replace table int_berakhlak_periods as
with parsed as (
    select
        period,
        try_cast(regexp_extract(period, '^(\d{4})', 1) as integer) as y,
        upper(regexp_extract(period, '^\d{4}[-_ /]?(.*)$', 1)) as suffix
    from (select distinct period from int_berakhlak_employee)
),
ranges as (
    select
        period, y,
        case
            when suffix in ('', 'TAHUNAN', 'THN') then 1
            when regexp_full_match(suffix, 'S[12]') then 6 * try_cast(substring(suffix, 2) as integer) - 5
            when regexp_full_match(suffix, '(TW|Q)[1-4]') then 3 * try_cast(right(suffix, 1) as integer) - 2
            when regexp_full_match(suffix, 'B?\d{1,2}') then try_cast(ltrim(suffix, 'B') as integer)
        end as m1,
        case
            when suffix in ('', 'TAHUNAN', 'THN') then 12
            when regexp_full_match(suffix, 'S[12]') then 6 * try_cast(substring(suffix, 2) as integer)
            when regexp_full_match(suffix, '(TW|Q)[1-4]') then 3 * try_cast(right(suffix, 1) as integer)
            when regexp_full_match(suffix, 'B?\d{1,2}') then try_cast(ltrim(suffix, 'B') as integer)
        end as m2
    from parsed
)
select
    e.nip,
    e.period,
    any_value(e.opd_code) as opd_code,
    avg(e.others_score) as others_mean,
    avg(e.self_score) as self_mean,
    make_date(any_value(r.y), any_value(r.m1), 1) as first_month,
    make_date(any_value(r.y), any_value(r.m2), 1) as last_month,
    (any_value(r.m2) - any_value(r.m1) + 1)::integer as months_covered
from int_berakhlak_employee as e
join ranges as r using (period)
where r.y is not null and r.m1 between 1 and 12 and r.m2 between r.m1 and 12
group by e.nip, e.period
