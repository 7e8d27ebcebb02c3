-- Kedisiplinan: absence without excuse (TK) and lateness per OPD × month in the period.
select
    m.opd_code,
    o.opd_short,
    m.month,
    m.employees,
    m.absent_days,
    m.absent_days_per_employee,
    m.late_minutes_per_employee,
    m.attendance_rate,
    m.discipline_score
from mart_opd_monthly as m
join dim_opd as o using (opd_code)
where m.month between $month_from and $month_to
    and opd_selected(m.opd_code, $opd_codes, $rumpun)
order by m.opd_code, m.month
