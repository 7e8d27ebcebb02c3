-- One employee's cuts in one month, line by line ("mengapa TPP saya dipotong").
select
    c.cut_code,
    c.label,
    c.occurrences,
    c.percent,
    c.basis_amount,
    c.amount,
    c.explanation
from mart_tpp_cuts as c
where c.nip = $nip and c.month = $month
order by c.code_order asc
