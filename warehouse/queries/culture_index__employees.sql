-- Drill unit kerja → employees: one row per employee of $opd / $unit in $month_to
-- (discipline and activity of the month, JP so far that year against the target pro-rated to the
-- month). Jabatan/status filters apply.
select
    p.nip,
    p.name,
    p.position_type,
    p.employment_status,
    p.position_name,
    d.expected_days,
    d.present_days,
    d.absent_days,
    d.late_minutes,
    d.discipline_score,
    a.approved_minutes_per_present_day,
    a.attainment_rate as activity_attainment_rate,
    c.jp_total,
    c.prorated_target_jp
from dim_pegawai as p
left join mart_discipline_monthly as d on d.nip = p.nip and d.month = $month_to
left join mart_activity_monthly as a on a.nip = p.nip and a.month = $month_to
left join mart_competency_employee_monthly as c on c.nip = p.nip and c.month = $month_to
where p.opd_code = $opd
    and p.work_unit = $unit
    and nip_selected(p.nip, $position_types, $statuses)
order by d.discipline_score nulls first, p.name
