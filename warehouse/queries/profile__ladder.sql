-- Profil Pegawai: the PP 94/2021 sanction ladder of the build (the steps the position is drawn on).
select sanction_rank, min_days, max_days, label, category from cfg_sanction_ladder order by sanction_rank
