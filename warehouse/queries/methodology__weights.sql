-- Metodologi: component weights the build used.
select component, label, weight from cfg_weights order by weight desc, component asc
