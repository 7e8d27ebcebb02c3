-- Profil Pegawai: who the employee $nip is (nothing when the NIP is outside the viewer's scope).
select
    p.nip,
    p.name,
    p.opd_code,
    o.opd_short,
    o.opd_name,
    p.work_unit,
    p.position_type,
    p.position_name,
    p.golongan,
    p.employment_status,
    p.tmt_date,
    p.is_active,
    p.employed_from,
    p.employed_until
from dim_pegawai as p
left join dim_opd as o on o.opd_code = p.opd_code
where p.nip = $nip
