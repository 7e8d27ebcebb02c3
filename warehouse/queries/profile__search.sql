-- Profil Pegawai: employees of the viewer's scope whose name or NIP contains $text (at most 50).
select
    p.nip,
    p.name,
    o.opd_short,
    p.work_unit,
    p.position_name
from dim_pegawai as p
left join dim_opd as o on o.opd_code = p.opd_code
where p.name ilike '%' || $text || '%' or p.nip like '%' || $text || '%'
order by p.name, p.nip
limit 50
