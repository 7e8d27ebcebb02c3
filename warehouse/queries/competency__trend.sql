-- Pengembangan Kompetensi: share of employees on track per month over the selected OPDs.
select
    month,
    sum(employees)::integer as employees,
    sum(employees_on_track)::integer as employees_on_track,
    sum(employees_on_track) / nullif(sum(employees), 0) as on_track_share,
    sum(jp_ytd_total) / nullif(sum(employees), 0) as jp_ytd_per_employee,
    any_value(prorated_target_jp) as prorated_target_jp
from mart_competency_opd_monthly
where month between $month_from and $month_to and opd_selected(opd_code, $opd_codes, $rumpun)
group by month
order by month
