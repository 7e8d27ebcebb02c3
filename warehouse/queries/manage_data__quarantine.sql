-- Kelola Data: quarantined rows in the published build with their reasons (admin only).
select batch_id, source, file_name, row_number, reason_code, reason, raw
from quarantine
order by batch_id desc, file_name asc, row_number asc
