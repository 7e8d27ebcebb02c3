-- Grain: one row per SKP evaluation (employee x year x SKP period) whose predikat, as the
-- source gave it, contradicts the PermenPANRB 6/2022 matrix of its two ratings
-- (raw_kinerja.is_predikat_mismatch, set at load).
-- Rule: such a row is loaded as the source says and counted with that predikat
-- everywhere (curve, SKP score); this mart only shows it, with the matrix predikat, the
-- batch and file it came from and its data row. OPD = the employee's current OPD.
create or replace table mart_skp_predikat_mismatch as
select
    k.nip,
    p.opd_code,
    k.year,
    k.period,
    o.period_order,
    k.rating_hasil,
    k.rating_perilaku,
    k.predikat_source as predikat,
    k.predikat_matrix,
    k.batch_id,
    b.file_name,
    k.row_number,
    'Predikat ' || sp.label || ' tidak sesuai matriks PermenPANRB 6/2022: hasil kerja '
    || lower(k.rating_hasil) || ' dan perilaku kerja ' || lower(k.rating_perilaku) || ' memberi '
    || mp.label || '. Dimuat sesuai sumber (' || sp.label || ').' as explanation
from raw_kinerja as k
join raw_pegawai as p using (nip)
join (select distinct opd_code, year, period, period_order from mart_skp_opd) as o
    on o.opd_code = p.opd_code and o.year = k.year and o.period = k.period
join cfg_predikat_points as sp on sp.predikat = k.predikat_source
join cfg_predikat_points as mp on mp.predikat = k.predikat_matrix
left join ingest_batches as b on b.batch_id = k.batch_id
where k.is_predikat_mismatch
order by k.year, o.period_order, p.opd_code, k.nip
