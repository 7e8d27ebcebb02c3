-- Rule: every 0-100 score is within 0-100, every BerAKHLAK score within 1-5, every
-- rate/share that is a fraction of a whole within 0-1.
select 'mart_opd_monthly' as mart, opd_code as key, month::varchar as at from mart_opd_monthly
where not (discipline_score between 0 and 100) or not (performance_score between 0 and 100)
    or not (competency_score between 0 and 100) or not (behaviour_score between 0 and 100)
    or not (culture_index between 0 and 100) or not (skp_score between 0 and 100)
    or not (activity_score between 0 and 100)
    or not (attendance_rate between 0 and 1) or not (skp_baik_plus_share between 0 and 1)
    or not (jp_on_track_share between 0 and 1) or not (berakhlak_mean between 1 and 5)
union all
select 'mart_unit_monthly', opd_code || ' / ' || work_unit, month::varchar from mart_unit_monthly
where not (discipline_score between 0 and 100) or not (performance_score between 0 and 100)
    or not (competency_score between 0 and 100) or not (behaviour_score between 0 and 100)
    or not (culture_index between 0 and 100) or not (attendance_rate between 0 and 1)
union all
select 'mart_region_monthly', 'wilayah', month::varchar from mart_region_monthly
where not (discipline_score between 0 and 100) or not (performance_score between 0 and 100)
    or not (competency_score between 0 and 100) or not (behaviour_score between 0 and 100)
    or not (culture_index between 0 and 100)
union all
select 'mart_discipline_monthly', nip, month::varchar from mart_discipline_monthly
where not (discipline_score between 0 and 100) or not (attendance_rate between 0 and 1)
    or late_minutes < 0 or early_leave_minutes < 0
union all
select 'mart_competency_opd_monthly', opd_code, month::varchar from mart_competency_opd_monthly
where not (competency_score between 0 and 100) or not (on_track_share between 0 and 1)
union all
select 'mart_berakhlak_opd', opd_code || ' ' || core_value, period from mart_berakhlak_opd
where not (score between 1 and 5) or not (self_score between 1 and 5)
union all
select 'mart_berakhlak_role', opd_code || ' ' || core_value || ' ' || assessor_role, period
from mart_berakhlak_role where not (score between 1 and 5)
union all
select 'mart_berakhlak_region', core_value, period from mart_berakhlak_region
where not (score between 1 and 5)
union all
select 'mart_skp_opd', opd_code || ' ' || predikat, year || ' ' || period from mart_skp_opd
where not (share between 0 and 1)
