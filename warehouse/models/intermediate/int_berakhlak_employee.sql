-- Grain: one row per period x assessed employee x core value.
-- Rule: an employee's score per value = mean over the counted assessors (default
-- ATASAN, REKAN, BAWAHAN); self_score = the DIRI rating. These employee means are
-- then averaged (each employee weighs the same) in the BerAKHLAK marts.
create or replace table int_berakhlak_employee as
select
    period,
    nip,
    any_value(opd_code) as opd_code,
    core_value,
    avg(score) filter (where is_counted) as others_score,
    avg(score) filter (where assessor_role = 'DIRI') as self_score
from int_berakhlak_long
group by period, nip, core_value
