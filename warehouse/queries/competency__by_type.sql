-- Pengembangan Kompetensi: JP by training type per OPD so far in year($month_to), up to $month_to
-- (as the tiles count JP for that month).
select t.opd_code, o.opd_short, t.month, t.training_type, t.trainings, t.jp_total, t.employees
from mart_competency_type_monthly as t
join dim_opd as o using (opd_code)
where t.month = $month_to and opd_selected(t.opd_code, $opd_codes, $rumpun)
order by t.opd_code, t.training_type
