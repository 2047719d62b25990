"""Vietnamese working days: public holidays, announced swaps, and deadline adjustment.

Public holidays come from the ``holidays`` package (country ``VN``, Bộ luật Lao động
2019, Điều 112), corrected and completed by cchc's own table of what the Government
announced for the state sector, :data:`~cchc.calendar._announced.ANNOUNCED` (Tết breaks,
swaps, worked Saturdays; every day off of 2022-2023), one row per change with its source
and whether it is official.  A year the table does not announce is *estimated*: a
calendar knows which of its years are (:attr:`WorkCalendar.estimated_years`).

Every function is pure: it takes a :class:`WorkCalendar` value that holds the days off,
the worked weekend days and the options, so that tests and callers can inject their own.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools

import attrs

from cchc._faces import rehome
from cchc.calendar._announced import (
    ANNOUNCED,
    ChangeKind,
    DayChange,
    Status,
    changes_for,
    estimated_years,
    last_announced_year,
)
from cchc.exceptions import CchcError

__all__ = [
    "ANNOUNCED",
    "CULTURE_DAY",
    "CalendarRangeError",
    "ChangeKind",
    "DayChange",
    "Policy",
    "Status",
    "WorkCalendar",
    "add_working_days",
    "adjust",
    "changes_for",
    "count_working_days",
    "is_working_day",
    "next_working_day",
    "previous_working_day",
]


class CalendarRangeError(CchcError):
    """A date lies outside the years a :class:`WorkCalendar` was built for."""

    def __init__(self, day: dt.date, first_year: int, last_year: int) -> None:
        self.day = day
        self.first_year = first_year
        self.last_year = last_year
        super().__init__(
            f"date: expected a date in the working-day calendar's years "
            f"{first_year}-{last_year}, got {day.isoformat()}"
        )


class Policy(enum.Enum):
    """Where a deadline that falls on a day off goes."""

    NEXT = "next"
    """To the next working day: Bộ luật Dân sự 2015 (91/2015/QH13), Điều 148.5."""
    PREVIOUS = "previous"
    """To the previous working day: the cautious reading some units apply internally."""
    NONE = "none"
    """Nowhere: the date stays as written."""


CULTURE_DAY = (11, 24)
"""24/11, Ngày Văn hóa Việt Nam (Nghị quyết 80-NQ/TW, 2026), a day off only if opted in.

In February 2026 Bộ luật Lao động 2019, Điều 112 does not list it, yet ``holidays`` adds
it from 2026.  cchc keeps it a working day by default: counting a day that turns out to
be off makes a deadline one day early, which is harmless, whereas skipping a day that
turns out to be worked would make a unit late.
"""
CULTURE_DAY_FROM = 2026

# Saturday and Sunday are the weekly rest days of the state sector (Nghị định
# 45/2013/NĐ-CP and Quyết định 188/1999/QĐ-TTg on the 40-hour week).
_WEEKEND = frozenset({5, 6})


@attrs.frozen(kw_only=True, cache_hash=True)
class WorkCalendar:
    """The working days of a range of years: days off, worked weekend days and options."""

    first_year: int
    """First year covered."""
    last_year: int
    """Last year covered (inclusive)."""
    days_off: frozenset[dt.date]
    """Public holidays and announced days off (weekend days may be listed too)."""
    worked_days: frozenset[dt.date] = frozenset()
    """Weekend days that are worked in exchange for a weekday off."""
    weekend: frozenset[int] = _WEEKEND
    """Weekly rest days as ``date.weekday()`` numbers (5 Saturday, 6 Sunday)."""
    culture_day: bool = False
    """Whether 24/11 (Ngày Văn hóa Việt Nam) is counted as a day off from 2026."""
    changes: tuple[DayChange, ...] = ()
    """The announced changes that were applied, for display and audit."""
    estimated_years: frozenset[int] = frozenset()
    """The years it covers whose days off are not announced, only estimated (a hand-made
    calendar is taken as given: none)."""
    estimated_after: int | None = None
    """The last year whose days off are announced: every later year is estimated, covered
    or not (a date computed without the calendar, as with no moving policy, still falls
    in one); None for a hand-made calendar."""

    def __attrs_post_init__(self) -> None:
        if self.first_year > self.last_year:
            raise CchcError(
                f"last_year: expected a year on or after {self.first_year}, got {self.last_year}"
            )

    @classmethod
    def vietnam(
        cls,
        first_year: int,
        last_year: int,
        *,
        culture_day: bool = False,
        changes: tuple[DayChange, ...] = ANNOUNCED,
    ) -> WorkCalendar:
        """Vietnam's state-sector working days for *first_year* to *last_year*.

        Holidays come from ``holidays`` (country VN), corrected by *changes* (by default
        :data:`ANNOUNCED`); 24/11 is a day off only when *culture_day* is true.  The years
        after the last official row of *changes*, or with an estimated row, are
        :attr:`estimated_years`.
        """
        return _vietnam(first_year, last_year, culture_day, changes)

    def covers(self, day: dt.date) -> bool:
        """Tell whether *day* lies in the years this calendar knows."""
        return self.first_year <= day.year <= self.last_year

    def is_estimated(self, day: dt.date) -> bool:
        """Tell whether *day* lies in a year whose days off are estimated, not announced.

        The answer does not depend on the years the calendar covers: the same day is
        estimated or not in every calendar built from one table.
        """
        after = self.estimated_after
        return day.year in self.estimated_years or (after is not None and day.year > after)

    def check(self, day: dt.date) -> None:
        """Raise :class:`CalendarRangeError` when *day* lies outside the calendar's years."""
        if not self.first_year <= day.year <= self.last_year:
            raise CalendarRangeError(day, self.first_year, self.last_year)


@functools.lru_cache(maxsize=64)
def _vietnam(
    first_year: int, last_year: int, culture_day: bool, changes: tuple[DayChange, ...]
) -> WorkCalendar:
    import holidays  # noqa: PLC0415 (a large module: load it only when a calendar is built)

    years = range(first_year, last_year + 1)
    official = holidays.country_holidays("VN", years=years)
    off = set(official)
    if not culture_day:
        off -= {dt.date(year, *CULTURE_DAY) for year in years if year >= CULTURE_DAY_FROM}
    worked: set[dt.date] = set()
    applied = tuple(c for c in changes if c.start.year in years or c.end.year in years)
    for change in applied:
        for day in change.days():
            if change.kind is ChangeKind.DAY_OFF:
                off.add(day)
                worked.discard(day)
            elif day.weekday() in _WEEKEND:
                worked.add(day)
                off.discard(day)
            else:
                # A worked weekday cancels a holiday the package assumed.
                off.discard(day)
    return WorkCalendar(
        first_year=first_year,
        last_year=last_year,
        days_off=frozenset(off),
        worked_days=frozenset(worked),
        culture_day=culture_day,
        changes=applied,
        estimated_years=estimated_years(first_year, last_year, changes),
        estimated_after=last_announced_year(changes),
    )


def is_working_day(day: dt.date, calendar: WorkCalendar) -> bool:
    """Tell whether *day* is a working day of the state sector."""
    calendar.check(day)
    if day in calendar.worked_days:
        return True
    return day.weekday() not in calendar.weekend and day not in calendar.days_off


def next_working_day(day: dt.date, calendar: WorkCalendar) -> dt.date:
    """Return the first working day strictly after *day*."""
    return _step(day, 1, calendar)


def previous_working_day(day: dt.date, calendar: WorkCalendar) -> dt.date:
    """Return the last working day strictly before *day*."""
    return _step(day, -1, calendar)


def _step(day: dt.date, sign: int, calendar: WorkCalendar) -> dt.date:
    one = dt.timedelta(days=sign)
    day += one
    while not is_working_day(day, calendar):
        day += one
    return day


def add_working_days(day: dt.date, n: int, calendar: WorkCalendar) -> dt.date:
    """Return the date *n* working days after *day* (before it when *n* is negative).

    The first day is not counted (Bộ luật Dân sự 2015, Điều 147): one working day after a
    Friday is the next Monday.  With *n* zero, *day* is returned unchanged.
    """
    sign = 1 if n > 0 else -1
    for _ in range(abs(n)):
        day = _step(day, sign, calendar)
    return day


def adjust(day: dt.date, calendar: WorkCalendar, policy: Policy = Policy.NEXT) -> dt.date:
    """Move a deadline that falls on a day off according to *policy*.

    With the default :attr:`Policy.NEXT`, the time limit ends at the end of the next working
    day (Bộ luật Dân sự 2015, Điều 148.5).  A working day is returned unchanged.
    """
    if policy is Policy.NONE or is_working_day(day, calendar):
        return day
    if policy is Policy.NEXT:
        return next_working_day(day, calendar)
    return previous_working_day(day, calendar)


def count_working_days(start: dt.date, end: dt.date, calendar: WorkCalendar) -> int:
    """How many working days lie from *start* to *end*, both included (0 if end < start)."""
    total = 0
    day = start
    while day <= end:
        total += is_working_day(day, calendar)
        day += dt.timedelta(days=1)
    return total


# Users import these from their public face; they say so in their __module__.
rehome("cchc", WorkCalendar)
rehome("cchc.calendar", CalendarRangeError, ChangeKind, DayChange, Policy)
