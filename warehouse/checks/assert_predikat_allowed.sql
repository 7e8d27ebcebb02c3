-- Rule: only the five PermenPANRB 6/2022 predikat (contract spelling) appear, and the
-- shares of an OPD-period add up to 1.
select 'predikat' as problem, predikat as value, opd_code, year, period
from mart_skp_opd
where predikat not in ('SANGAT BAIK', 'BAIK', 'BUTUH PERBAIKAN', 'KURANG/MISCONDUCT', 'SANGAT KURANG')
union all
select 'share_sum', sum(share)::varchar, opd_code, year, period
from mart_skp_opd group by opd_code, year, period
having abs(sum(share) - 1) > 1e-9
