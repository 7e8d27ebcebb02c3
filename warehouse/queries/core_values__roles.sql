-- BerAKHLAK by assessor role over the selected OPDs in $period (respondent-weighted mean).
select
    core_value,
    any_value(core_value_label) as core_value_label,
    assessor_role,
    sum(score * respondents) / sum(respondents) as score,
    sum(respondents)::integer as respondents
from mart_berakhlak_role
where period = $period and opd_selected(opd_code, $opd_codes, $rumpun)
group by core_value, assessor_role
order by core_value, assessor_role
