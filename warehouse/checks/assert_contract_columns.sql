-- Rule: the warehouse objects fixed by the data contract (section 4) exist with at
-- least their contract columns. Returns each missing (table, column).
with required (table_name, column_name) as (
    values
    ('ingest_batches', 'batch_id'), ('ingest_batches', 'source'), ('ingest_batches', 'file_name'),
    ('ingest_batches', 'sha256'), ('ingest_batches', 'rows_in'), ('ingest_batches', 'rows_loaded'),
    ('ingest_batches', 'rows_quarantined'), ('ingest_batches', 'rows_duplicate'),
    ('ingest_batches', 'status'), ('ingest_batches', 'started_at'), ('ingest_batches', 'finished_at'),
    ('quarantine', 'batch_id'), ('quarantine', 'source'), ('quarantine', 'file_name'),
    ('quarantine', 'row_number'), ('quarantine', 'reason_code'), ('quarantine', 'reason'), ('quarantine', 'raw'),
    ('mart_opd_monthly', 'opd_code'), ('mart_opd_monthly', 'month'), ('mart_opd_monthly', 'employees'),
    ('mart_opd_monthly', 'discipline_score'), ('mart_opd_monthly', 'performance_score'),
    ('mart_opd_monthly', 'competency_score'), ('mart_opd_monthly', 'behaviour_score'),
    ('mart_opd_monthly', 'culture_index'),
    ('mart_berakhlak_opd', 'opd_code'), ('mart_berakhlak_opd', 'period'), ('mart_berakhlak_opd', 'core_value'),
    ('mart_berakhlak_opd', 'score'), ('mart_berakhlak_opd', 'respondents'),
    ('mart_discipline_yearly', 'nip'), ('mart_discipline_yearly', 'year'),
    ('mart_discipline_yearly', 'absent_days'), ('mart_discipline_yearly', 'late_minutes'),
    ('mart_discipline_yearly', 'early_leave_minutes'), ('mart_discipline_yearly', 'equivalent_absent_days'),
    ('mart_discipline_yearly', 'sanction_level'),
    ('mart_outliers', 'nip'), ('mart_outliers', 'opd_code'), ('mart_outliers', 'month'),
    ('mart_outliers', 'kind'), ('mart_outliers', 'score'), ('mart_outliers', 'reason')
)
select r.table_name, r.column_name
from required as r
left join information_schema.columns as c
    on c.table_name = r.table_name and c.column_name = r.column_name
    and c.table_catalog = current_database() and c.table_schema = 'main'
where c.column_name is null
