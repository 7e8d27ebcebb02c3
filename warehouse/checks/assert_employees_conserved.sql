-- Rule: for every month, the employees of mart_opd_monthly add up to the employees of
-- dim_pegawai expected to work at least one workday that month (computed here
-- independently from dim_calendar), to the region mart, and to the sum over units.
with expected as (
    select c.month, count(distinct p.nip) as n
    from dim_pegawai as p
    join dim_calendar as c
        on c.is_workday and c.date between p.employed_from and p.employed_until
    group by c.month
),
opd as (select month, sum(employees) as n from mart_opd_monthly group by month),
unit as (select month, sum(employees) as n from mart_unit_monthly group by month),
region as (select month, employees as n from mart_region_monthly)
select
    coalesce(e.month, o.month) as month,
    e.n as dim_pegawai, o.n as opd_sum, u.n as unit_sum, r.n as region
from expected as e
full join opd as o using (month)
full join unit as u using (month)
full join region as r using (month)
where e.n is distinct from o.n or o.n is distinct from u.n or o.n is distinct from r.n
