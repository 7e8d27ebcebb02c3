-- Metodologi: points per SKP predikat (skp_score is their mean).
select predikat, predikat_order, points from cfg_predikat_points order by predikat_order
