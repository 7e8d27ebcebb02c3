-- The published build: id, time, data period (one row).
select build_id, built_at, period_start, period_end, weights_json
from build_info
