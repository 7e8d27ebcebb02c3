-- Profil Pegawai: BerAKHLAK scores by assessor role in the employee's latest period
-- (a rekan/bawahan role with fewer than 3 assessors is not shown: is_shown).
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
where b.nip = $nip and b.is_latest_period and b.is_shown
order by b.value_order, b.assessor_role
