-- Metodologi: other configured parameters the build used (name, value).
select name, value from cfg_params order by name
