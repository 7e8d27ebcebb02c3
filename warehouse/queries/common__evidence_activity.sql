-- Evidence for present_not_working: the month's activity summary of the employees in $nips.
select
    a.nip,
    p.name,
    a.present_days,
    a.days_with_approved_activity,
    a.present_days_without_activity,
    a.approved_minutes,
    a.pending_minutes,
    a.rejected_minutes,
    a.approved_minutes_per_present_day
from mart_activity_monthly as a
join dim_pegawai as p using (nip)
where a.month = $month and list_contains($nips, a.nip)
order by a.nip
