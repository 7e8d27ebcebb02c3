-- BerAKHLAK by assessor role over the selected OPDs in $period (combined as the spec of
-- mart_berakhlak_role says: see warehouse/selection.py).
select core_value, core_value_label, assessor_role, score, respondents
from mart_berakhlak_role_selected($opd_codes, $rumpun)
where period = $period
order by core_value, assessor_role
