-- Pengembangan Kompetensi: JP by training type per OPD in year($month_to).
select t.opd_code, o.opd_short, t.year, t.training_type, t.trainings, t.jp_total, t.employees
from mart_competency_type_yearly as t
join dim_opd as o using (opd_code)
where t.year = year($month_to) and opd_selected(t.opd_code, $opd_codes, $rumpun)
order by t.opd_code, t.training_type
