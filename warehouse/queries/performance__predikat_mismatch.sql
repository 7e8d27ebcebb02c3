-- Kinerja: SKP rows of the selected OPDs and employees, in the years of the period, whose predikat
-- contradicts the PermenPANRB 6/2022 matrix (loaded as the source says; mart_skp_predikat_mismatch).
select
    x.year,
    x.period,
    x.nip,
    p.name,
    x.opd_code,
    o.opd_short,
    p.work_unit,
    p.position_type,
    x.rating_hasil,
    x.rating_perilaku,
    x.predikat,
    x.predikat_matrix,
    x.file_name,
    x.row_number
from mart_skp_predikat_mismatch as x
inner join dim_opd as o on o.opd_code = x.opd_code
left join dim_pegawai as p on p.nip = x.nip
where x.year between year($month_from) and year($month_to)
    and opd_selected(x.opd_code, $opd_codes, $rumpun)
    and nip_selected(x.nip, $position_types, $statuses)
order by x.year desc, x.period_order desc, o.opd_short asc, x.nip asc
