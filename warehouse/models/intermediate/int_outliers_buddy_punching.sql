-- Grain: one row per employee x month flagged buddy_punching (partners aggregated).
-- Rule: "titip absen": a pair of employees whose punches on the same device fall
-- within detik_maks seconds of each other on >= min_hari days of the month and on
-- >= min_porsi_hari of the days both punched; one row for each employee of the pair,
-- naming the partner(s) and the number of days. score = most days with one partner.
create or replace table int_outliers_buddy_punching as
with flagged as (
    select *
    from int_punch_pairs
    cross join cfg
    where days_together >= cfg.bp_min_days
        and days_together >= cfg.bp_min_share_days * days_both_present
),
sides as (
    select nip_1 as nip, nip_2 as partner, device_id, month, days_together, days_both_present, median_seconds
    from flagged
    union all
    select nip_2, nip_1, device_id, month, days_together, days_both_present, median_seconds
    from flagged
),
described as (
    select
        s.*,
        coalesce(pp.name, s.partner) || ' (NIP ' || s.partner || ')' as partner_label
    from sides as s
    left join raw_pegawai as pp on pp.nip = s.partner
)
select
    d.nip,
    any_value(e.opd_code) as opd_code,
    d.month,
    'buddy_punching' as kind,
    max(d.days_together)::double as score,
    any_value(cfg.bp_min_days)::double as threshold,
    max(d.days_together)::double as metric_value,
    max(d.days_both_present)::double as peer_value,
    string_agg(distinct d.partner, ',' order by d.partner) as partner_nips,
    'Sidik jari tercatat berselang paling lama ' || any_value(cfg.bp_max_seconds) || ' detik dengan '
        || string_agg(
            d.partner_label || ' di mesin ' || d.device_id || ' pada ' || d.days_together
            || ' dari ' || d.days_both_present || ' hari hadir bersama',
            '; ' order by d.days_together desc, d.partner asc
        )
        || ' (' || month_label_id(d.month) || '); kemungkinan titip absen' as reason
from described as d
join int_employee_spans as e using (nip)
cross join cfg
group by d.nip, d.month
