-- Rule: every mart has exactly one row per its grain. Returns (mart, key, rows) for
-- each key that appears more than once.
select 'mart_opd_monthly' as mart, opd_code || ' ' || month as key, count(*) as n
from mart_opd_monthly group by opd_code, month having count(*) > 1
union all
select 'mart_unit_monthly', opd_code || ' ' || work_unit || ' ' || month, count(*)
from mart_unit_monthly group by opd_code, work_unit, month having count(*) > 1
union all
select 'mart_region_monthly', month::varchar, count(*)
from mart_region_monthly group by month having count(*) > 1
union all
select 'mart_discipline_monthly', nip || ' ' || month, count(*)
from mart_discipline_monthly group by nip, month having count(*) > 1
union all
select 'mart_discipline_yearly', nip || ' ' || year, count(*)
from mart_discipline_yearly group by nip, year having count(*) > 1
union all
select 'fct_attendance_daily', nip || ' ' || work_date, count(*)
from fct_attendance_daily group by nip, work_date having count(*) > 1
union all
select 'mart_activity_monthly', nip || ' ' || month, count(*)
from mart_activity_monthly group by nip, month having count(*) > 1
union all
select 'mart_skp_opd', opd_code || ' ' || year || ' ' || period || ' ' || predikat, count(*)
from mart_skp_opd group by opd_code, year, period, predikat having count(*) > 1
union all
select 'mart_skp_curve', opd_code || ' ' || year || ' ' || period, count(*)
from mart_skp_curve group by opd_code, year, period having count(*) > 1
union all
select 'mart_competency_yearly', nip || ' ' || year, count(*)
from mart_competency_yearly group by nip, year having count(*) > 1
union all
select 'mart_competency_opd_monthly', opd_code || ' ' || month, count(*)
from mart_competency_opd_monthly group by opd_code, month having count(*) > 1
union all
select 'mart_competency_type_yearly', opd_code || ' ' || year || ' ' || training_type, count(*)
from mart_competency_type_yearly group by opd_code, year, training_type having count(*) > 1
union all
select 'mart_berakhlak_opd', opd_code || ' ' || period || ' ' || core_value, count(*)
from mart_berakhlak_opd group by opd_code, period, core_value having count(*) > 1
union all
select 'mart_berakhlak_role', opd_code || ' ' || period || ' ' || core_value || ' ' || assessor_role, count(*)
from mart_berakhlak_role group by opd_code, period, core_value, assessor_role having count(*) > 1
union all
select 'mart_berakhlak_region', period || ' ' || core_value, count(*)
from mart_berakhlak_region group by period, core_value having count(*) > 1
union all
select 'mart_sanction_opd_yearly', opd_code || ' ' || year || ' ' || sanction_rank, count(*)
from mart_sanction_opd_yearly group by opd_code, year, sanction_rank having count(*) > 1
union all
select 'mart_outliers', kind || ' ' || coalesce(nip, opd_code) || ' ' || month, count(*)
from mart_outliers group by kind, coalesce(nip, opd_code), month having count(*) > 1
union all
select 'dim_pegawai', nip, count(*) from dim_pegawai group by nip having count(*) > 1
union all
select 'dim_opd', opd_code, count(*) from dim_opd group by opd_code having count(*) > 1
union all
select 'dim_calendar', date::varchar, count(*) from dim_calendar group by date having count(*) > 1
