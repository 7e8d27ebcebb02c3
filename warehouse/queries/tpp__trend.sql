-- The selection's recommendation and cuts per month (for the trend).
select
    month, employees, employees_cut, employees_without_base, base_amount, kinerja_cut_amount, disiplin_cut_amount,
    leave_cut_amount, sanction_cut_amount, cap_refund_amount, cut_amount, final_amount, cut_share,
    final_amount_mom_delta, cut_amount_mom_delta, cut_share_mom_delta
from mart_tpp_opd_monthly_selected($opd_codes, $rumpun)
where ($month_from is null or month >= $month_from) and ($month_to is null or month <= $month_to)
order by month asc
