-- Grain: one row per employee x expected workday (Mon-Fri minus holidays and cuti
-- bersama, between employed_from and employed_until).
-- Rule: punches decide the times (first = arrival, last = departure when it is at
-- least jeda_minimal_pulang_menit after the first; a single punch = arrival only);
-- without punches the recap times are used. The recap code decides the excuse: an
-- excused code (I, S, C*, DL, TB, L) makes the day excused whatever the punches.
-- Otherwise a punch or recap H = present; else absent (TK or no record).
-- Late = arrival after start (07.30, 08.00 in Ramadan), early leave = departure before
-- end, whole minutes (07:30:59 is not late); together capped at the day's length.
-- A present day without departure has no early-leave minutes and is flagged, unless
-- tanpa_absen_pulang = 'pulang_saat_datang'.
-- calendar_status (the employee profile's calendar): an excused day by its recap code (cuti: CT, CB,
-- CM, CAP; dinas: DL, TB; libur: L; else izin: I, S), a present day with late or early-leave minutes
-- 'terlambat', else 'hadir' or 'tanpa_keterangan'.
-- Built month by month (chunk_start..chunk_end, warehouse.build.run_models): a month's
-- punches are grouped and joined in memory, where the whole period's spilled at 10x.
-- `expected` is materialized: the plan then stays the fast one when the spans and calendar
-- are the build transaction's own tables, without statistics.
create or replace table fct_attendance_daily as
with expected as materialized (
    select
        s.nip, s.opd_code, c.date as work_date, c.month, c.is_ramadan,
        c.start_time, c.end_time
    from int_employee_spans as s
    join dim_calendar as c
        on c.is_workday and c.date between s.employed_from and s.employed_until
    where c.date between getvariable('chunk_start') and getvariable('chunk_end')
),
punches as (
    select
        nip,
        punched_at::date as work_date,
        count(*) as punch_count,
        min(punched_at) as first_at,
        max(punched_at) as last_at
    from raw_absensi_log
    cross join cfg
    where
        punched_at >= greatest(cfg.period_start, getvariable('chunk_start'))
        and punched_at < least(cfg.period_end, getvariable('chunk_end')) + 1
    group by all
),
recaps as (
    select *
    from raw_absensi_harian
    where work_date between getvariable('chunk_start') and getvariable('chunk_end')
),
joined as (
    select
        e.*,
        coalesce(p.punch_count, 0)::integer as punch_count,
        p.first_at::time as punch_in,
        case
            when p.punch_count >= 2
                and epoch(p.last_at - p.first_at) >= 60 * cfg.min_departure_gap_minutes
                then p.last_at::time
        end as punch_out,
        r.status_code,
        r.time_in,
        r.time_out,
        sc.status_class,
        cfg.missing_checkout
    from expected as e
    cross join cfg
    left join punches as p using (nip, work_date)
    left join recaps as r using (nip, work_date)
    left join cfg_status_codes as sc on sc.status_code = r.status_code
),
classified as (
    select
        *,
        case when punch_count > 0 then punch_in else time_in end as arrival_time,
        case
            when punch_count > 0 then punch_out
            when time_out is not null and (time_in is null or time_out > time_in) then time_out
        end as departure_time,
        case when punch_count > 0 then 'mesin' when time_in is not null then 'rekap' end as time_source,
        coalesce(status_class = 'excused', false) as is_excused
    from joined
),
flags as (
    select
        *,
        (not is_excused and (punch_count > 0 or coalesce(status_class = 'present', false))) as is_present,
        (secs(end_time) - secs(start_time)) as span_seconds
    from classified
),
minutes as (
    select
        *,
        case
            when is_present and arrival_time > start_time
                then least(floor((secs(arrival_time) - secs(start_time)) / 60), span_seconds // 60)
            else 0
        end as late_raw,
        case
            when is_present and departure_time is not null and departure_time < end_time
                then floor((secs(end_time) - secs(greatest(departure_time, start_time))) / 60)
            when is_present and departure_time is null and arrival_time is not null
                and missing_checkout = 'pulang_saat_datang' and arrival_time < end_time
                then floor((secs(end_time) - secs(greatest(arrival_time, start_time))) / 60)
            else 0
        end as early_raw
    from flags
)
select
    nip,
    opd_code,
    work_date,
    month,
    is_ramadan,
    start_time,
    end_time,
    punch_count,
    arrival_time,
    departure_time,
    status_code,
    case when is_excused then 'izin' when is_present then 'hadir' else 'tanpa_keterangan' end as day_status,
    is_present,
    is_excused,
    (not is_present and not is_excused) as is_absent,
    late_raw::integer as late_minutes,
    least(early_raw, span_seconds // 60 - late_raw)::integer as early_leave_minutes,
    (is_present and arrival_time is not null and departure_time is null) as has_missing_checkout,
    time_source,
    case
        when is_excused and status_code in ('CT', 'CB', 'CM', 'CAP') then 'cuti'
        when is_excused and status_code in ('DL', 'TB') then 'dinas'
        when is_excused and status_code = 'L' then 'libur'
        when is_excused then 'izin'
        when is_present and (late_raw > 0 or early_raw > 0) then 'terlambat'
        when is_present then 'hadir'
        else 'tanpa_keterangan'
    end as calendar_status
from minutes
