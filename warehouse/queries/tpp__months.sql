-- Months with a TPP recommendation in the viewer's scope, newest first.
select distinct month
from mart_tpp_opd_monthly
where ($month_from is null or month >= $month_from) and ($month_to is null or month <= $month_to)
order by month desc
