-- Kedisiplinan: PP 94/2021 early warning for year($month_to). One row per employee who has
-- reached a sanction step, has 10+ absent days in a row, or is within $within_days equivalent
-- days of the next step. Jabatan/status filters apply.
select
    y.nip,
    p.name,
    o.opd_short,
    p.work_unit,
    p.position_type,
    p.employment_status,
    y.year,
    y.absent_days,
    y.late_minutes,
    y.early_leave_minutes,
    y.equivalent_absent_days,
    y.sanction_rank,
    y.sanction_level,
    y.sanction_category,
    y.sanction_basis,
    y.max_consecutive_absent_days,
    y.has_consecutive_absence,
    y.next_sanction_level,
    y.days_to_next_level
from mart_discipline_yearly as y
join dim_pegawai as p using (nip)
join dim_opd as o on o.opd_code = y.opd_code
where y.year = year($month_to)
    and opd_selected(y.opd_code, $opd_codes, $rumpun)
    and nip_selected(y.nip, $position_types, $statuses)
    and (y.sanction_rank > 0 or y.has_consecutive_absence or y.days_to_next_level <= $within_days)
order by y.sanction_rank desc, y.equivalent_absent_days desc, y.days_to_next_level asc, p.name asc
