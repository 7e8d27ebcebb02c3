-- Grain: one row per employee x month with a TPP amount.
-- Rule: final_amount = base_amount - cut_amount, cut_amount = the sum of mart_tpp_cuts
-- (kinerja shortfall, discipline cuts and their cap, leave, sanctions, the total cap);
-- reason = the three largest cuts in plain words ("mengapa TPP dipotong").
create or replace table mart_tpp_monthly as
with sums as (
    select
        nip,
        month,
        sum(case when cut_group = 'kinerja' then amount else 0 end) as kinerja_cut,
        sum(case when cut_group = 'disiplin' or cut_code = 'BATAS_DISIPLIN' then amount else 0 end)
            as disiplin_cut,
        sum(case when cut_group = 'cuti' then amount else 0 end) as leave_cut,
        sum(case when cut_group = 'hukuman' then amount else 0 end) as sanction_cut,
        sum(case when cut_code = 'BATAS_TOTAL' then amount else 0 end) as cap_refund,
        sum(amount) as cut_total
    from mart_tpp_cuts
    group by nip, month
),
ranked as (
    select
        nip,
        month,
        cut_code,
        label,
        amount,
        explanation,
        row_number() over (partition by nip, month order by amount desc, code_order asc) as rn
    from mart_tpp_cuts
    where amount > 0
),
reasons as (
    select
        nip,
        month,
        max(case when rn = 1 then cut_code end) as main_cut_code,
        string_agg(explanation, '; ' order by rn) as reason
    from ranked
    where rn <= 3
    group by nip, month
)
select
    b.nip,
    b.opd_code,
    b.month,
    b.is_cpns,
    b.kelas_jabatan,
    cast(b.besaran_amount as bigint) as besaran_amount,
    b.base_amount,
    b.kinerja_max_amount,
    b.activity_percent,
    b.kinerja_amount,
    cast(coalesce(s.kinerja_cut, 0) as bigint) as kinerja_cut_amount,
    b.disiplin_max_amount,
    cast(coalesce(s.disiplin_cut, 0) as bigint) as disiplin_cut_amount,
    cast(coalesce(s.leave_cut, 0) as bigint) as leave_cut_amount,
    cast(coalesce(s.sanction_cut, 0) as bigint) as sanction_cut_amount,
    cast(coalesce(s.cap_refund, 0) as bigint) as cap_refund_amount,
    cast(coalesce(s.cut_total, 0) as bigint) as cut_amount,
    cast(b.base_amount - coalesce(s.cut_total, 0) as bigint) as final_amount,
    coalesce(s.cut_total, 0) / nullif(b.base_amount, 0) as cut_share,
    r.main_cut_code,
    coalesce(r.reason, 'Tidak ada potongan: TPP dibayar penuh.') as reason
from int_tpp_basis as b
left join sums as s on s.nip = b.nip and s.month = b.month
left join reasons as r on r.nip = b.nip and r.month = b.month
order by b.month, b.opd_code, b.nip
