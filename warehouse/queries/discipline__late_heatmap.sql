-- Kedisiplinan: late arrivals by weekday (1 = Senin) × hour of arrival in the period.
-- Jabatan/status filters apply.
select
    isodow(f.work_date)::integer as iso_dow,
    hour(f.arrival_time)::integer as arrival_hour,
    count(*)::integer as late_days,
    count(distinct f.nip)::integer as employees
from fct_attendance_daily as f
where f.work_date >= $month_from and f.work_date < $month_to + interval 1 month
    and f.late_minutes > 0
    and f.arrival_time is not null
    and opd_selected(f.opd_code, $opd_codes, $rumpun)
    and nip_selected(f.nip, $position_types, $statuses)
group by all
order by iso_dow, arrival_hour
