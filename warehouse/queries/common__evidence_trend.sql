-- Evidence for unit_decline: the OPD's index over the 12 months up to $month, beside the region.
select m.month, m.employees, m.culture_index, r.culture_index as region_culture_index
from mart_opd_monthly as m
left join mart_region_monthly as r using (month)
where m.opd_code = $opd and m.month between $month - interval 11 month and $month
order by m.month
