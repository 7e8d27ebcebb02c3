-- Kedisiplinan: headline counts for year($month_to) over the selected employees.
select
    year($month_to)::integer as year,
    count(*)::integer as employees,
    count(*) filter (where sanction_rank > 0)::integer as sanctioned,
    count(*) filter (where sanction_category = 'Ringan')::integer as ringan,
    count(*) filter (where sanction_category = 'Sedang')::integer as sedang,
    count(*) filter (where sanction_category = 'Berat')::integer as berat,
    count(*) filter (where has_consecutive_absence)::integer as consecutive,
    count(*) filter (where days_to_next_level <= $within_days and next_sanction_level is not null)::integer as near_next
from mart_discipline_yearly
where year = year($month_to)
    and opd_selected(opd_code, $opd_codes, $rumpun)
    and nip_selected(nip, $position_types, $statuses)
