-- Kelola Data: data-quality findings of the published build per batch (admin only): SKP rows loaded
-- with a predikat that contradicts the PermenPANRB 6/2022 matrix (loaded as the source says, flagged).
select
    b.batch_id,
    b.source,
    b.file_name,
    b.started_at,
    'predikat_mismatch' as finding,
    count(*)::integer as rows,
    min(x.row_number) as first_row,
    any_value(x.explanation order by x.row_number) as example
from mart_skp_predikat_mismatch as x
inner join ingest_batches as b on b.batch_id = x.batch_id
group by b.batch_id, b.source, b.file_name, b.started_at
order by b.started_at desc
