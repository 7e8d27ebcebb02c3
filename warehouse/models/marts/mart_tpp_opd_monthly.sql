-- Grain: one row per OPD x month with TPP recommendations.
-- Rule: sums of mart_tpp_monthly; cut_share = cut / base; main_cut_group = the group
-- (kinerja, disiplin, cuti, hukuman) with the largest cut; MoM deltas against the OPD's
-- previous month; employees_without_base = employees with expected workdays but no
-- tpp_dasar amount (not in the recommendation).
create or replace table mart_tpp_opd_monthly as
with opd as (
    select
        opd_code,
        month,
        count(*) as employees,
        sum(base_amount) as base_amount,
        sum(kinerja_cut_amount) as kinerja_cut_amount,
        sum(disiplin_cut_amount) as disiplin_cut_amount,
        sum(leave_cut_amount) as leave_cut_amount,
        sum(sanction_cut_amount) as sanction_cut_amount,
        sum(cap_refund_amount) as cap_refund_amount,
        sum(cut_amount) as cut_amount,
        sum(final_amount) as final_amount,
        count(*) filter (where cut_amount > 0) as employees_cut
    from mart_tpp_monthly
    group by opd_code, month
),
missing as (
    select a.opd_code, a.month, count(*) as employees_without_base
    from mart_activity_monthly as a
    left join fct_tpp_base as b on b.nip = a.nip and b.month = a.month
    where b.nip is null
    group by a.opd_code, a.month
)
select
    o.opd_code,
    o.month,
    cast(o.employees as integer) as employees,
    cast(o.employees_cut as integer) as employees_cut,
    cast(coalesce(m.employees_without_base, 0) as integer) as employees_without_base,
    cast(o.base_amount as bigint) as base_amount,
    cast(o.kinerja_cut_amount as bigint) as kinerja_cut_amount,
    cast(o.disiplin_cut_amount as bigint) as disiplin_cut_amount,
    cast(o.leave_cut_amount as bigint) as leave_cut_amount,
    cast(o.sanction_cut_amount as bigint) as sanction_cut_amount,
    cast(o.cap_refund_amount as bigint) as cap_refund_amount,
    cast(o.cut_amount as bigint) as cut_amount,
    cast(o.final_amount as bigint) as final_amount,
    o.cut_amount / nullif(o.base_amount, 0) as cut_share,
    case
        when o.cut_amount = 0 then 'tidak ada'
        when o.disiplin_cut_amount >= greatest(o.kinerja_cut_amount, o.leave_cut_amount, o.sanction_cut_amount)
            then 'disiplin'
        when o.kinerja_cut_amount >= greatest(o.leave_cut_amount, o.sanction_cut_amount) then 'kinerja'
        when o.sanction_cut_amount >= o.leave_cut_amount then 'hukuman'
        else 'cuti'
    end as main_cut_group,
    cast(o.final_amount - p.final_amount as bigint) as final_amount_mom_delta,
    cast(o.cut_amount - p.cut_amount as bigint) as cut_amount_mom_delta,
    o.cut_amount / nullif(o.base_amount, 0) - p.cut_amount / nullif(p.base_amount, 0) as cut_share_mom_delta
from opd as o
left join opd as p on p.opd_code = o.opd_code and p.month = cast(o.month - interval 1 month as date)
left join missing as m on m.opd_code = o.opd_code and m.month = o.month
order by o.month, o.opd_code
