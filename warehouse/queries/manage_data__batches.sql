-- Kelola Data: load batches in the published build, newest first (admin only).
select batch_id, source, file_name, status, rows_in, rows_loaded, rows_quarantined, rows_duplicate,
    rows_replaced, message, started_at, finished_at
from ingest_batches
order by started_at desc
