-- Evidence for present_not_working / buddy_punching: daily attendance of the employees in
-- $nips (the flagged one and its partners) in $month.
select
    f.work_date,
    f.nip,
    p.name,
    f.day_status,
    f.arrival_time,
    f.departure_time,
    f.punch_count,
    f.late_minutes,
    f.time_source
from fct_attendance_daily as f
join dim_pegawai as p using (nip)
where f.month = $month and list_contains($nips, f.nip)
order by f.work_date, f.nip
