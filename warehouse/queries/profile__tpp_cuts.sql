-- Profil Pegawai: why the TPP of $month_to is cut, line by line (rule, count, percent, amount).
select
    c.cut_code,
    c.cut_group,
    c.label,
    c.occurrences,
    c.percent,
    c.basis_amount,
    c.amount,
    c.explanation
from mart_tpp_cuts as c
where c.nip = $nip and c.month = $month_to
order by c.code_order
