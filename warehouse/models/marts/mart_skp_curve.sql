-- Grain: one row per OPD x year x SKP period.
-- Rule: SE MenPANRB 3/2023 pola distribusi for the OPD's organisational predikat:
-- the one configured for the OPD and that year, else for the OPD (every year), else
-- the region's default (kinerja.predikat_organisasi, shipped Baik: at most 70 % BAIK
-- and at least some BUTUH PERBAIKAN and/or KURANG/MISCONDUCT); organisational_predikat_origin
-- says which (opd_tahun / opd / bawaan) and _source says it in words. Each configured rule is maks (share <= value), min (share >=
-- value) or wajib_ada (share > 0) on the summed share of its predikat; the
-- explanation names every broken rule with the observed share.
create or replace table mart_skp_curve as
with shares as (
    select
        opd_code, year, period, period_order,
        sum(employees)::integer as employees,
        coalesce(sum(employees) filter (where predikat_order <= 2), 0)::integer as employees_baik_plus,
        sum(share) filter (where predikat = 'SANGAT BAIK') as share_sangat_baik,
        sum(share) filter (where predikat = 'BAIK') as share_baik,
        sum(share) filter (where predikat = 'BUTUH PERBAIKAN') as share_butuh_perbaikan,
        sum(share) filter (where predikat = 'KURANG/MISCONDUCT') as share_kurang,
        sum(share) filter (where predikat = 'SANGAT KURANG') as share_sangat_kurang
    from mart_skp_opd
    group by all
),
org as (
    select
        s.opd_code,
        s.year,
        coalesce(y.organisational_predikat, a.organisational_predikat, cfg.organisational_predikat)
            as organisational_predikat,
        case
            when y.opd_code is not null then 'opd_tahun'
            when a.opd_code is not null then 'opd'
            else 'bawaan'
        end as origin,
        coalesce(y.basis, a.basis) as basis
    from (select distinct opd_code, year from shares) as s
    cross join cfg
    left join cfg_org_predikat as y on y.opd_code = s.opd_code and y.year = s.year
    left join cfg_org_predikat as a on a.opd_code = s.opd_code and a.year is null
),
rule_shares as (
    select
        s.opd_code, s.year, s.period, r.rule_id, r.kind, r.value,
        sum(m.share) as share,
        string_agg(pp.label, ' atau ' order by pp.predikat_order) as names
    from shares as s
    join org as g on g.opd_code = s.opd_code and g.year = s.year
    join cfg_curve_rules as r on r.organisational_predikat = g.organisational_predikat
    join mart_skp_opd as m
        on m.opd_code = s.opd_code and m.year = s.year and m.period = s.period
        and list_contains(r.predikat, m.predikat)
    join cfg_predikat_points as pp on pp.predikat = m.predikat
    group by all
),
broken as (
    select
        opd_code, year, period,
        string_agg(
            case kind
                when 'maks' then names || ' ' || pct_id(share) || ' (maksimal ' || pct_id(value) || ')'
                when 'min' then names || ' ' || pct_id(share) || ' (minimal ' || pct_id(value) || ')'
                else 'tidak ada ' || names || ' (wajib ada)'
            end,
            '; ' order by rule_id
        ) as problems
    from rule_shares
    where (kind = 'maks' and share > value + 1e-9)
        or (kind = 'min' and share < value - 1e-9)
        or (kind = 'wajib_ada' and share <= 0)
    group by all
)
select
    s.opd_code,
    s.year,
    s.period,
    s.period_order,
    g.organisational_predikat,
    g.origin as organisational_predikat_origin,
    case g.origin
        when 'opd_tahun' then 'ditetapkan untuk OPD ini, tahun ' || s.year
        when 'opd' then 'ditetapkan untuk OPD ini (semua tahun)'
        else 'bawaan wilayah (kinerja.predikat_organisasi)'
    end || coalesce('; dasar: ' || g.basis, '') as organisational_predikat_source,
    s.employees,
    s.employees_baik_plus,
    s.employees_baik_plus / nullif(s.employees, 0) as baik_plus_share,
    s.share_sangat_baik,
    s.share_baik,
    s.share_butuh_perbaikan,
    s.share_kurang,
    s.share_sangat_kurang,
    b.problems is null as is_conforming,
    case
        when b.problems is null then
            'Sesuai pola distribusi SE MenPANRB 3/2023 untuk predikat organisasi '
            || g.organisational_predikat || '.'
        else
            'Tidak sesuai pola distribusi SE MenPANRB 3/2023 untuk predikat organisasi '
            || g.organisational_predikat || ': ' || b.problems || '.'
    end as explanation
from shares as s
join org as g on g.opd_code = s.opd_code and g.year = s.year
left join broken as b on b.opd_code = s.opd_code and b.year = s.year and b.period = s.period
order by s.year, s.period, s.opd_code
