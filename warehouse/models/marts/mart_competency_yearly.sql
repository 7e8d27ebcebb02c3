-- Grain: one row per employee x calendar year of the build period in which the
-- employee is expected to work at least one day.
-- Rule: JP of trainings counted in the year of their end date (PP 11/2017: at least
-- 20 JP a year). months_elapsed = the employee's months of that year inside the
-- build period (12 for a full past year; fewer in the first year of the data, the
-- current year, or after a mid-year TMT); only JP completed in those months count;
-- pro-rated target = 20 x months_elapsed / 12; on track when JP >= pro-rated target.
create or replace table mart_competency_yearly as
with employee_years as (
    select
        nip,
        any_value(opd_code) as opd_code,
        year(month)::integer as year,
        min(month) as first_month,
        max(month) as last_month,
        count(*)::integer as months_elapsed
    from mart_discipline_monthly
    group by nip, year(month)
),
trainings as (
    select
        e.nip,
        e.year,
        count(*)::integer as trainings,
        sum(t.jp) as jp_total,
        sum(t.jp) filter (where t.training_type = 'Pelatihan Struktural') as jp_struktural,
        sum(t.jp) filter (where t.training_type = 'Pelatihan Fungsional') as jp_fungsional,
        sum(t.jp) filter (where t.training_type = 'Pelatihan Teknis') as jp_teknis,
        sum(t.jp) filter (where t.training_type = 'Seminar/Lokakarya') as jp_seminar,
        sum(t.jp) filter (where t.training_type = 'Kursus') as jp_kursus,
        sum(t.jp) filter (where t.training_type = 'E-Learning') as jp_elearning,
        sum(t.jp) filter (where t.training_type = 'Coaching/Mentoring') as jp_coaching,
        sum(t.jp) filter (where t.training_type = 'Magang') as jp_magang,
        sum(t.jp) filter (where t.training_type not in (
            'Pelatihan Struktural', 'Pelatihan Fungsional', 'Pelatihan Teknis',
            'Seminar/Lokakarya', 'Kursus', 'E-Learning', 'Coaching/Mentoring', 'Magang'
        )) as jp_lainnya
    from employee_years as e
    join raw_pelatihan as t
        on t.nip = e.nip
        and t.end_date >= e.first_month
        and t.end_date <= least(last_day(e.last_month), (select period_end from cfg))
    group by all
),
joined as (
    select
        e.nip,
        e.opd_code,
        e.year,
        coalesce(t.trainings, 0)::integer as trainings,
        coalesce(t.jp_total, 0)::double as jp_total,
        coalesce(t.jp_struktural, 0)::double as jp_struktural,
        coalesce(t.jp_fungsional, 0)::double as jp_fungsional,
        coalesce(t.jp_teknis, 0)::double as jp_teknis,
        coalesce(t.jp_seminar, 0)::double as jp_seminar,
        coalesce(t.jp_kursus, 0)::double as jp_kursus,
        coalesce(t.jp_elearning, 0)::double as jp_elearning,
        coalesce(t.jp_coaching, 0)::double as jp_coaching,
        coalesce(t.jp_magang, 0)::double as jp_magang,
        coalesce(t.jp_lainnya, 0)::double as jp_lainnya,
        cfg.target_jp::double as target_jp,
        e.months_elapsed
    from employee_years as e
    cross join cfg
    left join trainings as t using (nip, year)
)
select
    nip,
    opd_code,
    year,
    trainings,
    jp_total,
    jp_struktural,
    jp_fungsional,
    jp_teknis,
    jp_seminar,
    jp_kursus,
    jp_elearning,
    jp_coaching,
    jp_magang,
    jp_lainnya,
    target_jp,
    months_elapsed,
    target_jp * months_elapsed / 12 as prorated_target_jp,
    jp_total / (target_jp * months_elapsed / 12) as attainment_rate,
    jp_total >= target_jp * months_elapsed / 12 - 1e-9 as is_on_track,
    jp_total >= target_jp - 1e-9 as has_reached_target,
    greatest(0, target_jp - jp_total) as jp_shortfall
from joined
order by year, opd_code, nip
