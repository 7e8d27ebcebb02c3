-- BerAKHLAK: the 21 panduan perilaku over the selected OPDs in $period (combined as the spec of
-- mart_berakhlak_behaviour_opd says: see warehouse/selection.py), weakest first, with the region's
-- score of each behaviour.
select
    s.behaviour_code,
    s.behaviour_order,
    s.core_value,
    s.core_value_label,
    s.behaviour_label,
    s.score,
    s.respondents,
    s.employees_assessed,
    r.score as region_score
from mart_berakhlak_behaviour_opd_selected($opd_codes, $rumpun) as s
left join mart_berakhlak_behaviour_region as r on r.period = $period and r.behaviour_code = s.behaviour_code
where s.period = $period
order by s.score nulls last, s.behaviour_order
