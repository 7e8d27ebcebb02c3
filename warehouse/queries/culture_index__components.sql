-- Indeks Budaya Kerja: what each component adds to the index, per OPD in $month_to.
-- contribution: mart_opd_monthly.<component>_contribution (the index is their sum).
with m as (
    select m.*, o.opd_short
    from mart_opd_monthly as m
    join dim_opd as o using (opd_code)
    where m.month = $month_to and opd_selected(m.opd_code, $opd_codes, $rumpun)
)

select opd_code, opd_short, employees, culture_index, component, score, weight, contribution, has_data
from m,
    lateral (values
        ('discipline', discipline_score, weight_discipline, discipline_contribution, has_discipline),
        ('performance', performance_score, weight_performance, performance_contribution, has_performance),
        ('competency', competency_score, weight_competency, competency_contribution, has_competency),
        ('behaviour', behaviour_score, weight_behaviour, behaviour_contribution, has_behaviour)
    ) as c (component, score, weight, contribution, has_data)
order by culture_index desc nulls last, opd_code asc, component asc
