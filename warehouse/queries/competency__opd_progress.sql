-- Pengembangan Kompetensi: 20 JP tracker per OPD in $month_to (JP so far this year against
-- the pro-rated target).
select
    c.opd_code,
    o.opd_short,
    c.month,
    c.employees,
    c.jp_ytd_per_employee,
    c.prorated_target_jp,
    c.employees_on_track,
    c.on_track_share,
    c.employees_reached_target,
    c.attainment_rate,
    c.competency_score
from mart_competency_opd_monthly as c
join dim_opd as o using (opd_code)
where c.month = $month_to and opd_selected(c.opd_code, $opd_codes, $rumpun)
order by c.on_track_share desc, c.opd_code asc
