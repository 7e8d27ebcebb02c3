-- The TPP rules of the build: one row per cut code, in order.
select
    cut_code,
    cut_group,
    cut_kind,
    label,
    min_minutes,
    max_minutes,
    percent,
    code_order
from cfg_tpp_cuts
order by code_order asc
