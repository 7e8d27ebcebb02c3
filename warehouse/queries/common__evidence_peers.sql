-- Evidence for low_productivity: the employee ($nip) and the peer group it was compared
-- with (same OPD and jenis jabatan) in $month.
select
    a.nip,
    p.name,
    p.position_type,
    a.present_days,
    a.approved_minutes,
    a.approved_minutes_per_present_day,
    a.nip = $nip as is_subject
from mart_activity_monthly as a
join dim_pegawai as p using (nip)
where a.month = $month
    and a.opd_code = (select opd_code from dim_pegawai where nip = $nip)
    and p.position_type = (select position_type from dim_pegawai where nip = $nip)
order by a.approved_minutes_per_present_day
