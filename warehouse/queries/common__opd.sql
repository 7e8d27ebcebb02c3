-- OPDs the viewer may see, for filters, labels and colours: one row per OPD.
select opd_code, opd_name, opd_short, rumpun, employees_active
from dim_opd
order by opd_code
