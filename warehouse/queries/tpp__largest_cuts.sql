-- Employees with the largest cuts in one month, and why (personal: never for a k-anonymous scope).
select
    t.nip,
    p.name,
    d.opd_short,
    p.position_name,
    t.base_amount,
    t.cut_amount,
    t.final_amount,
    t.cut_share,
    t.reason
from mart_tpp_monthly as t
join dim_pegawai as p using (nip)
join dim_opd as d on d.opd_code = t.opd_code
where
    t.month = $month and t.cut_amount > 0
    and opd_selected(t.opd_code, $opd_codes, $rumpun)
    and nip_selected(t.nip, $position_types, $statuses)
order by t.cut_amount desc, t.nip asc
limit 50
