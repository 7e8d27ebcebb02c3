-- Profil Pegawai: the employee's TPP recommendation in $month_to.
select
    t.month,
    t.is_cpns,
    t.kelas_jabatan,
    t.besaran_amount,
    t.base_amount,
    t.kinerja_max_amount,
    t.disiplin_max_amount,
    t.activity_percent,
    t.kinerja_cut_amount,
    t.disiplin_cut_amount,
    t.leave_cut_amount,
    t.sanction_cut_amount,
    t.cap_refund_amount,
    t.cut_amount,
    t.final_amount,
    t.cut_share,
    t.main_cut_code,
    t.reason
from mart_tpp_monthly as t
where t.nip = $nip and t.month = $month_to
