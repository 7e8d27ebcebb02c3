-- Rule: outlier kinds are the four known ones, every row has a reason in words, a
-- score, and an OPD known to dim_opd; nip is NULL exactly for unit_decline (an OPD finding).
select kind, nip, opd_code, month, reason
from mart_outliers
where kind not in ('low_productivity', 'present_not_working', 'buddy_punching', 'unit_decline')
    or reason is null or length(trim(reason)) < 20
    or score is null
    or (nip is null) <> (kind = 'unit_decline')
    or opd_code not in (select opd_code from dim_opd)
