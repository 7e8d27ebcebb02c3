-- Profil Pegawai: the employee's SKP predikat per period, in the periods' real order.
select
    s.year,
    s.period,
    s.period_order,
    s.first_month,
    s.last_month,
    s.predikat,
    s.predikat_order,
    s.points
from mart_skp_employee as s
where s.nip = $nip
order by s.year, s.period_order
