-- Profil Pegawai: the employee's PP 94/2021 position in year($month_to) (mart_discipline_yearly,
-- as Kedisiplinan's early warning).
select
    y.year,
    y.expected_days,
    y.present_days,
    y.excused_days,
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
where y.nip = $nip and y.year = year($month_to)
