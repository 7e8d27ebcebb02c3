-- Per OPD in one month: recommendation, cut share, cut by group, main cause, MoM.
select
    d.opd_short,
    d.opd_name,
    t.opd_code, t.month, t.employees, t.employees_cut, t.employees_without_base, t.base_amount,
    t.kinerja_cut_amount, t.disiplin_cut_amount, t.leave_cut_amount, t.sanction_cut_amount, t.cap_refund_amount,
    t.cut_amount, t.final_amount, t.cut_share, t.main_cut_group, t.final_amount_mom_delta, t.cut_amount_mom_delta,
    t.cut_share_mom_delta
from mart_tpp_opd_monthly as t
join dim_opd as d using (opd_code)
where t.month = $month and opd_selected(t.opd_code, $opd_codes, $rumpun)
order by t.cut_share desc nulls last, d.opd_short asc
