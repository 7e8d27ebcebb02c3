-- BerAKHLAK survey periods overlapping the filter's months (2026-S1, 2026-TW3, ...), newest first.
with p as (
    select distinct
        period,
        case
            when period like '%-S2' then make_date(left(period, 4)::integer, 7, 1)
            when period like '%-TW%' then make_date(left(period, 4)::integer, 3 * right(period, 1)::integer - 2, 1)
            else make_date(left(period, 4)::integer, 1, 1)
        end as starts,
        case
            when period like '%-S%' then interval 6 month
            when period like '%-TW%' then interval 3 month
            else interval 12 month
        end as length
    from mart_berakhlak_opd
)

select period, starts
from p
where starts <= $month_to and starts + length > $month_from
order by starts desc, period desc
