-- Profil Pegawai: every outlier flag of the employee (any month), newest first, with what the
-- evidence needs.
select
    x.month,
    x.kind,
    x.nip,
    p.name,
    x.opd_code,
    o.opd_short,
    p.work_unit,
    p.position_type,
    x.score,
    x.threshold,
    x.metric_value,
    x.peer_value,
    x.partner_nips,
    x.reason
from mart_outliers as x
join dim_opd as o on o.opd_code = x.opd_code
left join dim_pegawai as p on p.nip = x.nip
where x.nip = $nip
order by x.month desc, x.kind asc
