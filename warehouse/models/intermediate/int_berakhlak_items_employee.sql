-- Grain: one row per period x assessed employee x behaviour item.
-- Rule: as int_berakhlak_employee for the values: an employee's score per behaviour =
-- mean over the counted assessors (default ATASAN, REKAN, BAWAHAN); self_score = the
-- DIRI rating. The behaviour marts average these (each employee weighs the same).
create or replace table int_berakhlak_items_employee as
select
    period,
    nip,
    any_value(opd_code) as opd_code,
    behaviour,
    avg(score) filter (where is_counted) as others_score,
    avg(score) filter (where assessor_role = 'DIRI') as self_score
from int_berakhlak_items_long
group by period, nip, behaviour
