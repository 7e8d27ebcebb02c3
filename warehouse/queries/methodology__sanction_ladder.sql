-- Metodologi: PP 94/2021 sanction ladder the build used.
select sanction_rank, min_days, max_days, label, category from cfg_sanction_ladder order by sanction_rank
