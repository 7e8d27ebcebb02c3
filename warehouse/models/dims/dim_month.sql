-- Grain: one row per calendar month of the build period.
-- Rule: workdays counted within the period only; is_complete when the period covers
-- the whole month.
create or replace table dim_month as
select
    c.month,
    year(c.month)::integer as year,
    month(c.month)::integer as month_number,
    month_label_id(c.month) as month_label,
    (['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
      'September', 'Oktober', 'November', 'Desember'])[month(c.month)] as month_name,
    count(*) filter (where c.is_workday)::integer as workdays,
    (min(c.date) = c.month and max(c.date) = last_day(c.month)) as is_complete
from dim_calendar as c
group by c.month
order by c.month
