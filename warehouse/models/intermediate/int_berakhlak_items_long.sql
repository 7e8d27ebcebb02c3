-- Grain: one row per assessment (period, assessed nip, assessor role, assessor id) x
-- behaviour item answered (P01..P21, the 21 panduan perilaku; an empty item has no row).
-- Rule: the survey's items unpivoted as int_berakhlak_long does the values; OPD = the
-- assessed employee's current OPD; is_counted = the assessor role counts in the score
-- (default all but DIRI), as for the values.
create or replace table int_berakhlak_items_long as
with unpivoted as (
    select period, nip, assessor_role, assessor_id, behaviour, score
    from raw_berakhlak
    unpivot (score for behaviour in (
        p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p20, p21
    ))
)
select
    u.period,
    u.nip,
    p.opd_code,
    u.assessor_role,
    u.assessor_id,
    u.behaviour,
    u.score,
    u.assessor_role in (select assessor_role from cfg_behaviour_roles) as is_counted
from unpivoted as u
join raw_pegawai as p using (nip)
where u.score is not null
