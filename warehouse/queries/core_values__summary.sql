-- BerAKHLAK: the seven values over the selected OPDs in $period (respondent-weighted mean of
-- the published OPD scores), with self-assessment gap, the region benchmark and the weakest.
with s as (
    select
        b.core_value,
        any_value(b.core_value_label) as core_value_label,
        sum(b.score * b.respondents) / nullif(sum(b.respondents) filter (where b.score is not null), 0) as score,
        sum(b.self_score * b.employees_assessed)
            / nullif(sum(b.employees_assessed) filter (where b.self_score is not null), 0) as self_score,
        sum(b.self_others_gap * b.employees_assessed)
            / nullif(sum(b.employees_assessed) filter (where b.self_others_gap is not null), 0) as self_others_gap,
        sum(b.respondents)::integer as respondents
    from mart_berakhlak_opd as b
    where b.period = $period and opd_selected(b.opd_code, $opd_codes, $rumpun)
    group by b.core_value
)

select
    s.*,
    r.score as region_score,
    s.score = min(s.score) over () as is_weakest,
    s.self_others_gap = max(s.self_others_gap) over () as is_largest_gap
from s
left join mart_berakhlak_region as r on r.period = $period and r.core_value = s.core_value
order by s.core_value
