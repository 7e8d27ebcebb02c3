-- Kinerja: approved activity minutes against target per OPD × month in the period.
select
    m.opd_code,
    o.opd_short,
    m.month,
    m.employees,
    m.approved_minutes,
    m.target_minutes,
    m.activity_attainment_rate,
    m.activity_score,
    m.skp_score,
    m.performance_score
from mart_opd_monthly as m
join dim_opd as o using (opd_code)
where m.month between $month_from and $month_to
    and opd_selected(m.opd_code, $opd_codes, $rumpun)
order by m.opd_code, m.month
