-- Grain: one row per employee x month flagged low_productivity.
-- Rule: x = approved activity minutes per day present; peers = same OPD, same jenis
-- jabatan, same month, each with >= min_hari_hadir days present; modified z-score
-- 0.6745 x (x - median) / MAD (MAD = median |x - median|; when MAD = 0, the mean
-- absolute deviation x 1.253314 is used instead); flagged when z <= ambang_z (-3.5)
-- and the peer group has >= min_rekan employees, and x is at most maks_rasio_median
-- (0.5) x the peer median (far below, not merely below a very uniform group).
create or replace table int_outliers_low_productivity as
with base as (
    select
        a.nip, a.opd_code, a.month, s.position_type,
        a.approved_minutes_per_present_day as x,
        a.present_days
    from mart_activity_monthly as a
    join int_employee_spans as s using (nip)
    cross join cfg
    where a.present_days >= cfg.lp_min_present_days
),
peers as (
    select opd_code, position_type, month, median(x) as med, count(*) as n
    from base group by all
),
dev as (
    select b.*, p.med, p.n, abs(b.x - p.med) as abs_dev
    from base as b
    join peers as p using (opd_code, position_type, month)
),
spread as (
    select opd_code, position_type, month, median(abs_dev) as mad, avg(abs_dev) as mean_ad
    from dev group by all
),
scored as (
    select
        d.*,
        case
            when s.mad > 0 then 0.6745 * (d.x - d.med) / s.mad
            when s.mean_ad > 0 then (d.x - d.med) / (1.253314 * s.mean_ad)
        end as z
    from dev as d
    join spread as s using (opd_code, position_type, month)
)
select
    s.nip,
    s.opd_code,
    s.month,
    'low_productivity' as kind,
    s.z as score,
    cfg.lp_z as threshold,
    s.x as metric_value,
    s.med as peer_value,
    null::varchar as partner_nips,
    'Menit kerja disetujui ' || fmt_id(s.x, 0) || '/hari, median rekan sejabatan ('
        || coalesce(s.position_type, '-') || ') di ' || coalesce(o.opd_name, s.opd_code) || ' '
        || fmt_id(s.med, 0) || '/hari (skor-z termodifikasi ' || fmt_id(s.z, 1) || ', '
        || s.n || ' pegawai, ' || month_label_id(s.month) || ')' as reason
from scored as s
cross join cfg
left join raw_opd as o on o.opd_code = s.opd_code
where s.n >= cfg.lp_min_peers and s.z <= cfg.lp_z and s.x <= cfg.lp_max_median_ratio * s.med
