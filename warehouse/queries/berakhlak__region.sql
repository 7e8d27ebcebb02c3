-- BerAKHLAK: the region's seven values in $period (benchmark line).
select core_value, core_value_label, score, self_score, self_others_gap, respondents
from mart_berakhlak_region
where period = $period
order by core_value
