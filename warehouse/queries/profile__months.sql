-- Profil Pegawai: the months with an expected workday of $nip (the calendar's choices).
select distinct f.month
from fct_attendance_daily as f
where f.nip = $nip
order by f.month
