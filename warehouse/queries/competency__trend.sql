-- Pengembangan Kompetensi: share of employees on track per month over the selected OPDs
-- (combined as the spec of mart_competency_opd_monthly says).
select month, employees, employees_on_track, on_track_share, jp_ytd_per_employee, prorated_target_jp
from mart_competency_opd_monthly_selected($opd_codes, $rumpun)
where month between $month_from and $month_to
order by month
