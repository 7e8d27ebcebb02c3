-- Profil Pegawai: JP in year($month_to) against the 20 JP target (mart_competency_yearly, the
-- definition the Kompetensi page uses).
select
    c.year,
    c.trainings,
    c.jp_total,
    c.target_jp,
    c.months_elapsed,
    c.prorated_target_jp,
    c.attainment_rate,
    c.is_on_track,
    c.has_reached_target,
    c.jp_shortfall
from mart_competency_yearly as c
where c.nip = $nip and c.year = year($month_to)
