-- The region's monthly discipline and activity rates in [$month_from, $month_to]: the dark
-- "Wilayah" line beside the OPD lines. Only for a viewer who sees every OPD (as common__culture_series).
select
    month,
    employees,
    absent_days_per_employee,
    late_minutes_per_employee,
    activity_attainment_rate
from mart_region_monthly
where month between $month_from and $month_to
    and (select all_opd from scope_info)
order by month
