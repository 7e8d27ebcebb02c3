-- Profil Pegawai: every day of $month with the employee's day (no fact row on a weekend, a
-- holiday or outside the employment span).
select
    c.date,
    c.iso_dow,
    c.is_workday,
    c.holiday_name,
    f.calendar_status,
    f.status_code,
    f.arrival_time,
    f.departure_time,
    f.late_minutes,
    f.early_leave_minutes
from dim_calendar as c
left join fct_attendance_daily as f on f.work_date = c.date and f.nip = $nip
where c.month = $month
order by c.date
