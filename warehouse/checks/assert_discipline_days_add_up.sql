-- Rule: present + excused + absent = expected days, for every employee-month and
-- employee-year, and the months of a year add up to the year.
select 'monthly' as grain, nip, month::varchar as at, expected_days, present_days, excused_days, absent_days
from mart_discipline_monthly
where present_days + excused_days + absent_days <> expected_days
union all
select 'yearly', nip, year::varchar, expected_days, present_days, excused_days, absent_days
from mart_discipline_yearly
where present_days + excused_days + absent_days <> expected_days
union all
select 'months_vs_year', y.nip, y.year::varchar, y.expected_days, m.present_days, m.excused_days, m.absent_days
from mart_discipline_yearly as y
join (
    select nip, year(month) as year, sum(expected_days) as expected_days, sum(present_days) as present_days,
        sum(excused_days) as excused_days, sum(absent_days) as absent_days,
        sum(late_minutes) as late_minutes, sum(early_leave_minutes) as early_leave_minutes
    from mart_discipline_monthly group by all
) as m using (nip, year)
where m.expected_days <> y.expected_days or m.absent_days <> y.absent_days
    or m.late_minutes <> y.late_minutes or m.early_leave_minutes <> y.early_leave_minutes
