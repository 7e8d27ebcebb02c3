-- Grain: one row per kind x employee x month (kind unit_decline: per OPD x month, nip
-- NULL).
-- Rule: the four detectors (int_outliers_*). An employee-month flagged
-- present_not_working is not also listed as low_productivity: the more specific
-- reason explains the low minutes.
create or replace table mart_outliers as
with unioned as (
    select nip, opd_code, month, kind, score, threshold, metric_value, peer_value, partner_nips, reason
    from int_outliers_present_not_working
    union all
    select lp.nip, lp.opd_code, lp.month, lp.kind, lp.score, lp.threshold, lp.metric_value, lp.peer_value, lp.partner_nips, lp.reason
    from int_outliers_low_productivity as lp
    where not exists (
        select 1 from int_outliers_present_not_working as pnw
        where pnw.nip = lp.nip and pnw.month = lp.month
    )
    union all
    select nip, opd_code, month, kind, score, threshold, metric_value, peer_value, partner_nips, reason
    from int_outliers_buddy_punching
    union all
    select nip, opd_code, month, kind, score, threshold, metric_value, peer_value, partner_nips, reason
    from int_outliers_unit_decline
)
select
    nip,
    opd_code,
    month,
    kind,
    score,
    threshold,
    metric_value,
    peer_value,
    partner_nips,
    reason
from unioned
order by month, kind, opd_code, nip
