-- Grain: one row per assessment (period, assessed nip, assessor role, assessor id) x
-- core value.
-- Rule: the wide BerAKHLAK survey unpivoted; OPD = the assessed employee's current
-- OPD; is_counted = the assessor role counts in the score (default all but DIRI).
create or replace table int_berakhlak_long as
with unpivoted as (
    select *
    from raw_berakhlak
    unpivot (score for core_value in (
        berorientasi_pelayanan, akuntabel, kompeten, harmonis, loyal, adaptif, kolaboratif
    ))
)
select
    u.period,
    u.nip,
    p.opd_code,
    u.assessor_role,
    u.assessor_id,
    u.core_value,
    u.score,
    u.assessor_role in (select assessor_role from cfg_behaviour_roles) as is_counted
from unpivoted as u
join raw_pegawai as p using (nip)
