-- Profil Pegawai: BerAKHLAK scores by assessor role in the employee's latest period.
select
    b.period,
    b.core_value,
    b.core_value_label,
    b.value_order,
    b.assessor_role,
    b.is_counted,
    b.role_score,
    b.assessors
from mart_berakhlak_employee_role as b
where b.nip = $nip and b.is_latest_period
order by b.value_order, b.assessor_role
