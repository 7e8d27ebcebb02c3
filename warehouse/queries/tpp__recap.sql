-- Rekomendasi TPP of one OPD in one month: one row per employee, in the BPKAD layout's order.
select
    t.nip,
    p.name,
    p.golongan,
    p.position_name,
    t.kelas_jabatan,
    t.is_cpns,
    p.employment_status,
    t.besaran_amount,
    t.base_amount,
    t.kinerja_max_amount,
    t.activity_percent,
    t.kinerja_amount,
    t.disiplin_max_amount,
    t.disiplin_cut_amount,
    t.leave_cut_amount,
    t.sanction_cut_amount,
    t.cap_refund_amount,
    t.cut_amount,
    t.final_amount,
    t.reason
from mart_tpp_monthly as t
join dim_pegawai as p using (nip)
where t.opd_code = $opd and t.month = $month
order by t.kelas_jabatan desc nulls last, p.name asc, t.nip asc
