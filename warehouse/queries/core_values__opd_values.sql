-- BerAKHLAK: seven values per OPD in $period, with self vs others gap and each OPD's weakest value.
select
    b.opd_code,
    o.opd_short,
    b.core_value,
    b.core_value_label,
    b.score,
    b.self_score,
    b.self_others_gap,
    b.respondents,
    b.employees_assessed,
    b.is_weakest
from mart_berakhlak_opd as b
join dim_opd as o using (opd_code)
where b.period = $period and opd_selected(b.opd_code, $opd_codes, $rumpun)
order by b.opd_code, b.core_value
