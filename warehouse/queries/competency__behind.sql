-- Pengembangan Kompetensi: employees behind the pro-rated 20 JP target in $month_to (JP so far this
-- year against 20 x months counted / 12, as mart_competency_opd_monthly counts them for the tiles;
-- someone who left earlier in the year is not listed). Jabatan/status filters apply.
select
    c.nip,
    p.name,
    o.opd_short,
    p.work_unit,
    p.position_type,
    p.employment_status,
    c.trainings,
    c.jp_total,
    c.prorated_target_jp,
    c.attainment_rate,
    c.jp_shortfall
from mart_competency_employee_monthly as c
join dim_pegawai as p using (nip)
join dim_opd as o on o.opd_code = c.opd_code
where c.month = $month_to
    and not c.is_on_track
    and opd_selected(c.opd_code, $opd_codes, $rumpun)
    and nip_selected(c.nip, $position_types, $statuses)
order by c.attainment_rate, p.name
