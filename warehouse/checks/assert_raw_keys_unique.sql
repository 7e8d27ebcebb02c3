-- Rule: no two loaded rows share a natural key (data contract §3: a corrected file
-- replaces by key, a repeat in a file is a duplicate). The load keeps this; the large
-- raw tables carry no primary key (its index cost more than the load's own checks).
-- Returns each (table, key) that occurs more than once.
select 'raw_absensi_harian' as table_name, nip || ' ' || work_date as natural_key, count(*) as rows
from raw_absensi_harian group by nip, work_date having count(*) > 1
union all
select 'raw_kinerja', nip || ' ' || year || ' ' || period, count(*)
from raw_kinerja group by nip, year, period having count(*) > 1
union all
select 'raw_pelatihan', nip || ' ' || training_name || ' ' || start_date, count(*)
from raw_pelatihan group by nip, training_name, start_date having count(*) > 1
union all
select 'raw_berakhlak', period || ' ' || nip || ' ' || assessor_role || ' ' || assessor_id, count(*)
from raw_berakhlak group by period, nip, assessor_role, assessor_id having count(*) > 1
