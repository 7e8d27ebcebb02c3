-- The TPP rules' scalar settings (version, regulation, split, CPNS, caps, rounding).
select
    version, regulation, is_example, w_kinerja, w_disiplin, discipline_basis, cpns_percent, cpns_months,
    max_discipline_cut_percent, max_cut_percent, rounding
from cfg_tpp
