-- BerAKHLAK: the seven values over the selected OPDs in $period (combined as the spec of
-- mart_berakhlak_opd says), with the region benchmark and the weakest value / largest gap.
with s as (
    select core_value, core_value_label, score, self_score, self_others_gap, respondents
    from mart_berakhlak_opd_selected($opd_codes, $rumpun)
    where period = $period
)

select
    s.*,
    r.score as region_score,
    s.score = min(s.score) over () as is_weakest,
    s.self_others_gap = max(s.self_others_gap) over () as is_largest_gap
from s
left join mart_berakhlak_region as r on r.period = $period and r.core_value = s.core_value
order by s.core_value
