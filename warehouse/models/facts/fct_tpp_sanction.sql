-- Grain: one row per employee x month x SK of a decided disciplinary sanction in force.
-- Rule: a sanction applies from the month of its TMT for LAMA_BULAN months (one month
-- when the SK names none), within the build period.
create or replace table fct_tpp_sanction as
select
    h.nip,
    p.opd_code,
    m.month,
    h.sk_number,
    h.sanction_type,
    h.tmt,
    coalesce(h.months, 1) as months,
    ((year(m.month) * 12 + month(m.month)) - (year(h.tmt) * 12 + month(h.tmt)) + 1)::integer
        as month_of_sanction
from raw_hukuman_disiplin as h
join dim_pegawai as p on p.nip = h.nip
join dim_month as m
    on m.month >= date_trunc('month', h.tmt)
    and (year(m.month) * 12 + month(m.month)) - (year(h.tmt) * 12 + month(h.tmt)) < coalesce(h.months, 1)
order by m.month, p.opd_code, h.nip
