-- Metodologi: the predikat kinerja organisasi the SE MenPANRB 3/2023 curve is judged against: the
-- region's default (kinerja.predikat_organisasi) and those set per OPD ([[kinerja.predikat_organisasi_opd]]).
select
    0 as place,
    'Semua OPD lain' as opd,
    cast(null as integer) as year,
    p.value as organisational_predikat,
    'bawaan wilayah (kinerja.predikat_organisasi)' as basis
from cfg_params as p
where p.name = 'organisational_predikat'
union all
select
    1 as place,
    coalesce(o.opd_short, c.opd_code || ' (tidak ada di daftar OPD)') as opd,
    c.year,
    c.organisational_predikat,
    coalesce(c.basis, 'konfigurasi') as basis
from cfg_org_predikat as c
left join dim_opd as o on o.opd_code = c.opd_code
order by place asc, opd asc, year asc nulls first
