-- Rule: sanctions carry the exact labels of the configured ladder (or the 10-day
-- label), never an abbreviation such as PTDH; no sanction below the first step;
-- the 10-consecutive-days flag agrees with the longest run.
select nip, year, equivalent_absent_days, sanction_level, sanction_rank
from mart_discipline_yearly as y
cross join cfg
where (sanction_level is not null and sanction_level not in (
        select label from cfg_sanction_ladder
        union all
        select cfg.consecutive_label))
    or upper(coalesce(sanction_level, '')) like '%PTDH%'
    or ((sanction_rank = 0) <> (sanction_level is null))
    or (sanction_rank = 0 and equivalent_absent_days >= (select min(min_days) from cfg_sanction_ladder))
    or has_consecutive_absence <> (max_consecutive_absent_days >= cfg.consecutive_days)
    or (has_consecutive_absence and sanction_rank < (select max(sanction_rank) from cfg_sanction_ladder))
