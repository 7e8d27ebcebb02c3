-- Options of the shared filters: one row per (filter, value).
select distinct 'rumpun' as filter, rumpun as value from dim_opd where rumpun is not null
union all
select distinct 'position_type', position_type from dim_pegawai where position_type is not null
union all
select distinct 'employment_status', employment_status from dim_pegawai where employment_status is not null
order by filter, value
