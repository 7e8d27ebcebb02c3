-- Grain: one row per OPD x month flagged unit_decline (nip NULL).
-- Rule: the monitored index = the weighted mean (index weights, over those with data)
-- of the components measured every month (config komponen, default disiplin and kinerja; competency
-- accumulates from January and behaviour is rated per semester, so they move
-- seasonally). change = the OPD's monitored index minus its mean over the previous
-- bulan_tren months. Each change is compared with the median change of all OPDs that
-- month and scaled by sqrt(employees / median employees), since the index of a small
-- OPD moves more by chance (the noise of a mean falls with sqrt(n)); the modified
-- z-score 0.6745 x (d - median d) / MAD d of these scaled deviations d must be <=
-- ambang_z, and the index must have fallen at least min_penurunan points below the
-- OPD's own trend.
create or replace table int_outliers_unit_decline as
with monitored as (
    select
        g.opd_code, g.month, g.employees, g.culture_index, g.discipline_score, g.performance_score,
        (
            case when cfg.ud_discipline then cfg.w_discipline * coalesce(g.discipline_score, 0) else 0 end
            + case when cfg.ud_performance then cfg.w_performance * coalesce(g.performance_score, 0) else 0 end
            + case when cfg.ud_competency then cfg.w_competency * coalesce(g.competency_score, 0) else 0 end
            + case when cfg.ud_behaviour then cfg.w_behaviour * coalesce(g.behaviour_score, 0) else 0 end
        ) / nullif(
            case when cfg.ud_discipline and g.discipline_score is not null then cfg.w_discipline else 0 end
            + case when cfg.ud_performance and g.performance_score is not null then cfg.w_performance else 0 end
            + case when cfg.ud_competency and g.competency_score is not null then cfg.w_competency else 0 end
            + case when cfg.ud_behaviour and g.behaviour_score is not null then cfg.w_behaviour else 0 end, 0
        ) as idx
    from int_culture_grouped as g
    cross join cfg
    where g.level = 'opd'
),
series as (
    select
        *,
        avg(idx) over w as trend,
        count(idx) over w as trend_months,
        avg(discipline_score) over w as discipline_trend,
        avg(performance_score) over w as performance_trend
    from monitored
    window w as (partition by opd_code order by month rows between
        (select ud_trend_months from cfg) preceding and 1 preceding)
),
changes as (
    select s.*, s.idx - s.trend as change
    from series as s
    cross join cfg
    where s.trend_months = cfg.ud_trend_months and s.idx is not null
),
med as (
    select month, median(change) as med, median(employees) as med_employees, count(*) as n
    from changes group by month
),
scaled as (
    select c.*, m.med, m.n, (c.change - m.med) * sqrt(c.employees / m.med_employees) as d
    from changes as c join med as m using (month)
),
centre as (
    select month, median(d) as med_d from scaled group by month
),
dev as (
    select s.*, c.med_d, abs(s.d - c.med_d) as abs_dev
    from scaled as s join centre as c using (month)
),
spread as (
    select month, median(abs_dev) as mad, avg(abs_dev) as mean_ad from dev group by month
),
scored as (
    select
        d.*,
        case
            when s.mad > 0 then 0.6745 * (d.d - d.med_d) / s.mad
            when s.mean_ad > 0 then (d.d - d.med_d) / (1.253314 * s.mean_ad)
        end as z
    from dev as d join spread as s using (month)
)
select
    null::varchar as nip,
    s.opd_code,
    s.month,
    'unit_decline' as kind,
    s.z as score,
    cfg.ud_z as threshold,
    s.idx as metric_value,
    s.trend as peer_value,
    null::varchar as partner_nips,
    'Indeks bulanan ' || coalesce(o.opd_name, s.opd_code) || ' ' || fmt_id(s.idx, 1)
        || ' pada ' || month_label_id(s.month) || ', turun ' || fmt_id(-s.change, 1)
        || ' poin dari rata-rata ' || cfg.ud_trend_months || ' bulan sebelumnya ('
        || fmt_id(s.trend, 1) || '); median perubahan OPD lain '
        || fmt_id(s.med, 1) || ' poin (skor-z termodifikasi ' || fmt_id(s.z, 1) || '). '
        || concat_ws('; ',
            case when s.discipline_score is not null and s.discipline_trend is not null then
                'skor disiplin ' || fmt_id(s.discipline_score, 1) || ' (sebelumnya '
                || fmt_id(s.discipline_trend, 1) || ')' end,
            case when s.performance_score is not null and s.performance_trend is not null then
                'skor kinerja ' || fmt_id(s.performance_score, 1) || ' (sebelumnya '
                || fmt_id(s.performance_trend, 1) || ')' end,
            case when s.culture_index is not null then
                'Indeks Budaya Kerja ' || fmt_id(s.culture_index, 1) end
        ) as reason
from scored as s
cross join cfg
left join raw_opd as o on o.opd_code = s.opd_code
where s.z <= cfg.ud_z and s.change <= -cfg.ud_min_drop
