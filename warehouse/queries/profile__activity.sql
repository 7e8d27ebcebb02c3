-- Profil Pegawai: approved e-Kinerja activity minutes against the target, per month of the period.
select
    a.month,
    a.activities,
    a.approved_minutes,
    a.target_minutes,
    a.attainment_rate,
    a.present_days,
    a.present_days_without_activity,
    a.approved_minutes_per_present_day
from mart_activity_monthly as a
where a.nip = $nip and a.month between $month_from and $month_to
order by a.month
