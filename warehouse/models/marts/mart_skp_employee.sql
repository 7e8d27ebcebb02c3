-- Grain: one row per employee x year x SKP period (the valid periods of int_skp_periods).
-- Rule: the employee's SKP history for the profile page. period_order sorts the periods of a
-- year by the month they end, a shorter period first (so a month before the quarter it closes,
-- the quarter before TAHUNAN): the same order as mart_skp_opd's, never the text of the code.
-- OPD = the employee's current OPD.
create or replace table mart_skp_employee as
select
    k.nip,
    p.opd_code,
    k.year,
    k.period,
    (100 * month(k.last_month) + k.months_covered)::integer as period_order,
    k.first_month,
    k.last_month,
    k.predikat,
    pp.predikat_order,
    k.points
from int_skp_periods as k
join dim_pegawai as p using (nip)
left join cfg_predikat_points as pp using (predikat)
order by k.nip, k.year, period_order
