-- The TPP cut codes and their percents, for Metodologi.
select
    cut_code,
    cut_group,
    label,
    min_minutes,
    max_minutes,
    percent
from cfg_tpp_cuts
order by code_order asc
