-- Months of the build period, for the period filter: one row per month.
select month, is_complete
from dim_month
order by month
