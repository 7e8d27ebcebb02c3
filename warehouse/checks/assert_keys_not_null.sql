-- Rule: the grain columns of every mart are never NULL (nip is NULL only for
-- unit_decline outliers).
select 'mart_opd_monthly' as mart, count(*) as n from mart_opd_monthly
where opd_code is null or month is null having count(*) > 0
union all
select 'mart_unit_monthly', count(*) from mart_unit_monthly
where opd_code is null or work_unit is null or month is null having count(*) > 0
union all
select 'mart_discipline_yearly', count(*) from mart_discipline_yearly
where nip is null or year is null or opd_code is null having count(*) > 0
union all
select 'mart_discipline_monthly', count(*) from mart_discipline_monthly
where nip is null or month is null or opd_code is null having count(*) > 0
union all
select 'mart_berakhlak_opd', count(*) from mart_berakhlak_opd
where opd_code is null or period is null or core_value is null having count(*) > 0
union all
select 'mart_outliers', count(*) from mart_outliers
where opd_code is null or month is null or kind is null
    or (nip is null) <> (kind = 'unit_decline') having count(*) > 0
