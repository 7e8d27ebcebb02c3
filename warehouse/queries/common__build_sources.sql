-- Freshness per source in the published build: one row per source.
select source, "rows", last_loaded_at, min_data_date, max_data_date
from build_sources
order by source
