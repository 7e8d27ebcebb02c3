"""Working-day calendar: one row per date, from the `holidays` package plus configuration.

Rules (domain.md §2): Monday–Friday are workdays except national holidays (`public`
category) and cuti bersama (`government` category) of `holidays.country_holidays("ID")`,
except dates a regional calendar declares. Hours per Perpres 21/2023: start 07.30,
end 16.00 Mon–Thu / 16.30 Fri, 450 net minutes; in Ramadan start 08.00, end 15.00 /
15.30, 390 net minutes. Ramadan runs from the configured 1 Ramadan (else 30 days before
Idul Fitri) to the day before Idul Fitri. A regional file may add local holidays, force
workdays, and set special hours for a date range.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

import holidays

from warehouse.config import Config, ConfigError, Hours, _Reader

IDUL_FITRI_PREFIX = "Hari Raya Idul Fitri"  # the first day, in the package's `id` language

COLUMNS = (
    "date", "year", "month", "iso_dow", "is_weekend", "is_holiday", "is_cuti_bersama",
    "holiday_name", "is_workday", "is_ramadan", "start_time", "end_time", "workday_minutes",
)


@dataclass(frozen=True)
class Regional:
    holidays: dict[date, str]
    workdays: dict[date, str]
    special_hours: tuple[tuple[date, date, Hours], ...]


def load_regional(path: Path | None) -> Regional:
    if path is None:
        return Regional({}, {}, ())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Kalender daerah tidak dapat dibaca ({path}): {exc}.") from None
    r = _Reader(path, data)
    extra = {}
    for i, item in enumerate(data.get("libur", []), start=1):
        extra[r.day(f"libur[{i}].tanggal", item.get("tanggal"))] = r.text(f"libur[{i}].nama", item.get("nama"))
    forced = {}
    for i, item in enumerate(data.get("hari_kerja", []), start=1):
        forced[r.day(f"hari_kerja[{i}].tanggal", item.get("tanggal"))] = str(item.get("nama", "hari kerja daerah"))
    special = []
    for i, item in enumerate(data.get("jam_khusus", []), start=1):
        key = f"jam_khusus[{i}]"
        sub = _Reader(path, {"jam_kerja": item})
        start = r.day(f"{key}.mulai", item.get("mulai"))
        end = r.day(f"{key}.selesai", item.get("selesai"))
        if end < start:
            raise r.fail(f"{key}.selesai", "tidak boleh sebelum mulai.")
        special.append((start, end, sub.hours("")))
    return Regional(extra, forced, tuple(special))


def idul_fitri(year: int) -> date | None:
    names = holidays.country_holidays("ID", years=[year], language="id")
    days = [d for d, n in names.items() if any(p.startswith(IDUL_FITRI_PREFIX) for p in n.split("; "))]
    return min(days) if days else None


def ramadan_days(years: range, cfg: Config) -> set[date]:
    out: set[date] = set()
    for y in years:
        eid = idul_fitri(y)
        if eid is None:
            continue
        first = cfg.ramadan_start.get(y, eid - timedelta(days=30))
        d = first
        while d < eid:
            out.add(d)
            d += timedelta(days=1)
    return out


def calendar_rows(start: date, end: date, cfg: Config) -> list[tuple]:
    """Rows in COLUMNS order for every date from start to end inclusive."""
    if end < start:
        return []
    years = range(start.year, end.year + 1)
    public = holidays.country_holidays("ID", years=list(years), categories=("public",), language="id")
    cats = tuple(c for c in cfg.holiday_categories if c != "public")
    government = (holidays.country_holidays("ID", years=list(years), categories=cats, language="id")
                  if cats else {})
    use_public = "public" in cfg.holiday_categories
    regional = load_regional(cfg.regional_calendar)
    ramadan = ramadan_days(years, cfg)

    rows = []
    d = start
    while d <= end:
        names = []
        if use_public and d in public:
            names.append(public[d])
        is_cb = d in government
        if is_cb:
            names.append(government[d])
        if d in regional.holidays:
            names.append(regional.holidays[d])
        is_weekend = d.isoweekday() >= 6
        is_holiday = bool(names)
        is_workday = (not is_weekend and not is_holiday) or d in regional.workdays
        is_ram = d in ramadan
        hours = cfg.ramadan_hours if is_ram else cfg.hours
        for s, e, h in regional.special_hours:
            if s <= d <= e:
                hours = h
        start_t: time | None = hours.start if is_workday else None
        end_t: time | None = (hours.end_fri if d.isoweekday() == 5 else hours.end_mon_thu) if is_workday else None
        rows.append((
            d, d.year, d.replace(day=1), d.isoweekday(), is_weekend, is_holiday, is_cb,
            "; ".join(names) or None, is_workday, is_ram, start_t, end_t,
            hours.minutes if is_workday else 0,
        ))
        d += timedelta(days=1)
    return rows
