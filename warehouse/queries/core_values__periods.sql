-- BerAKHLAK survey periods overlapping the filter's months (2026-S1, 2026-TW3, ...), newest first;
-- the months a period covers come from mart_berakhlak_region.
select distinct period, period_first_month as starts
from mart_berakhlak_region
where period_first_month <= $month_to and period_last_month >= $month_from
order by starts desc, period desc
