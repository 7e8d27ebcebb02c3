"""Calendar: working days, Ramadan, hours (Perpres 21/2023) from the warehouse's own calendar, and
the per-month working-day arrays the simulation draws on."""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np

from warehouse.calendar import COLUMNS as CALENDAR_COLUMNS
from warehouse.calendar import calendar_rows, idul_fitri
from warehouse.config import load_config


@functools.cache
def _calendar(first_year: int, last_year: int) -> dict[dt.date, dict]:
    """The warehouse's own calendar (default configuration) by date, so generated punches
    follow the workdays, Ramadan and hours that the marts expect."""
    rows = calendar_rows(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31), load_config())
    return {row[0]: dict(zip(CALENDAR_COLUMNS, row, strict=True)) for row in rows}


def calendar_days(start: dt.date, end: dt.date) -> list[dict]:
    cal = _calendar(start.year, end.year)
    return [cal[start + dt.timedelta(days=i)] for i in range((end - start).days + 1)]


def national_holidays(years: list[int] | range) -> dict[dt.date, str]:
    """National holidays and cuti bersama (and regional holidays, if configured)."""
    years = list(years)
    return {r["date"]: r["holiday_name"] for r in calendar_days(dt.date(min(years), 1, 1), dt.date(max(years), 12, 31))
            if r["is_holiday"]}


def ramadan(year: int) -> tuple[dt.date, dt.date]:
    """First and last day of Ramadan in `year`."""
    days = [r["date"] for r in calendar_days(dt.date(year, 1, 1), dt.date(year, 12, 31)) if r["is_ramadan"]]
    return min(days), max(days)


def working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Workdays in [start, end]: Mon–Fri minus national holidays and cuti bersama."""
    return [r["date"] for r in calendar_days(start, end) if r["is_workday"]]


def month_add(first: dt.date, n: int) -> dt.date:
    k = first.year * 12 + first.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


def default_start(bulan: int, today: dt.date | None = None) -> dt.date:
    """First month of the period that ends with the last complete month before today."""
    today = today or dt.date.today()
    return month_add(dt.date(today.year, today.month, 1), -bulan)


class PeriodCalendar:
    """The period's months, holidays and Idul Fitri dates; `month(m)` gives month m's working days."""

    def __init__(self, months: list[dt.date]):
        self.months = months
        self.holidays = national_holidays(range(months[0].year - 1, months[-1].year + 2))
        lebaran = [idul_fitri(y) for y in range(months[0].year, months[-1].year + 1)]
        self.lebaran = np.array([np.datetime64(d, "D").astype(np.int64) for d in lebaran])

    def month(self, m: int) -> dict[str, np.ndarray]:
        """Month m's working days as epoch days, with weekday, hours, Ramadan, cuti weights, Saturdays."""
        first = self.months[m]
        last = month_add(first, 1) - dt.timedelta(days=1)
        rows = [r for r in calendar_days(first, last) if r["is_workday"]]
        days = [r["date"] for r in rows]
        d = np.array([np.datetime64(x, "D").astype(np.int64) for x in days], np.int64)
        wd = np.array([x.weekday() for x in days])
        ram = np.array([r["is_ramadan"] for r in rows], bool)
        seconds = lambda t: t.hour * 3600 + t.minute * 60  # noqa: E731
        start = np.array([seconds(r["start_time"]) for r in rows], np.int64)
        end = np.array([seconds(r["end_time"]) for r in rows], np.int64)
        ct_f = np.ones(len(d))
        ct_f[np.array([x.month == 12 for x in days], bool)] = 2.2
        near = (np.abs(d[:, None] - self.lebaran[None, :]) <= 8).any(axis=1)
        ct_f[near] = 3.5
        late_add = np.where(wd == 0, 0.02, 0.0) + np.where(near, 0.05, 0.0) + np.where(ram, 0.02, 0.0)
        sats = []
        x = first
        while x <= last:
            if x.weekday() == 5 and x not in self.holidays:
                sats.append(np.datetime64(x, "D").astype(np.int64))
            x += dt.timedelta(days=1)
        return {"d": d, "wd": wd, "start": start, "end": end, "ct": ct_f, "late_add": late_add,
                "sat": np.array(sats, np.int64), "ram": ram}

