-- Kinerja: low-productivity outliers in the period, each with its reason. Employee rows
-- follow the jabatan/status filters; unit_decline rows (no NIP) show when those are unset.
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
where x.month between $month_from and $month_to
    and opd_selected(x.opd_code, $opd_codes, $rumpun)
    and (x.nip is null and $position_types is null and $statuses is null
        or nip_selected(x.nip, $position_types, $statuses))
order by x.month desc, x.kind asc, x.score asc
