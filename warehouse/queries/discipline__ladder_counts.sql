-- Kedisiplinan: employees per rung of the sanction ladder in year($month_to), every rung
-- listed (zero kept). Jabatan/status filters apply.
with counts as (
    select y.sanction_rank, count(*)::integer as employees
    from mart_discipline_yearly as y
    where y.year = year($month_to)
        and opd_selected(y.opd_code, $opd_codes, $rumpun)
        and nip_selected(y.nip, $position_types, $statuses)
        and y.sanction_rank > 0
    group by y.sanction_rank
)

select l.sanction_rank, l.label as sanction_level, l.category as sanction_category, l.min_days, l.max_days,
    coalesce(c.employees, 0)::integer as employees
from cfg_sanction_ladder as l
left join counts as c using (sanction_rank)
order by l.sanction_rank
