"""Vietnamese working days: public holidays, announced swaps, and deadline adjustment.

Public holidays come from the ``holidays`` package (country ``VN``, Bộ luật Lao động
2019, Điều 112).  The Prime Minister fixes each year's Tết and Quốc khánh days and
announces swaps for the state sector (a weekday off, a Saturday worked), which the
package knows only in part; :data:`ANNOUNCED` is cchc's own table of those
announcements, one row per change with its source and whether it is official.

Every function is pure: it takes a :class:`WorkCalendar` value that holds the days off,
the worked weekend days and the options, so that tests and callers can inject their own.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Iterator

import attrs

from cchc._faces import rehome
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


class ChangeKind(enum.Enum):
    """What an announced change does to a day."""

    DAY_OFF = "day_off"
    """A weekday given off (nghỉ bù, hoán đổi) or a holiday break day."""
    WORKED = "worked"
    """A weekend day worked in exchange (làm bù)."""


class Status(enum.Enum):
    """How sure a row of the table is."""

    OFFICIAL = "official"
    """Announced by the Government, the Prime Minister or the ministry in charge."""
    ESTIMATED = "estimated"
    """Expected from the pattern of earlier years, not announced yet."""


class Policy(enum.Enum):
    """Where a deadline that falls on a day off goes."""

    NEXT = "next"
    """To the next working day: Bộ luật Dân sự 2015 (91/2015/QH13), Điều 148.5."""
    PREVIOUS = "previous"
    """To the previous working day: the cautious reading some units apply internally."""
    NONE = "none"
    """Nowhere: the date stays as written."""


@attrs.frozen(kw_only=True)
class DayChange:
    """One announced change to the working-day calendar, over one day or a run of days."""

    start: dt.date
    """First day concerned."""
    end: dt.date
    """Last day concerned (inclusive); equal to ``start`` for a single day."""
    kind: ChangeKind
    """A day off or a worked weekend day."""
    name: str
    """What the change is, in Vietnamese, as the announcement words it."""
    source: str
    """The announcing document, or where the change was read."""
    status: Status = Status.OFFICIAL
    """Whether the change is announced or only expected."""

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            raise CchcError(f"end: expected a date on or after {self.start}, got {self.end}")

    def days(self) -> Iterator[dt.date]:
        """Yield every day from ``start`` to ``end``."""
        day = self.start
        while day <= self.end:
            yield day
            day += dt.timedelta(days=1)


def _one(
    day: dt.date, kind: ChangeKind, name: str, source: str, status: Status = Status.OFFICIAL
) -> DayChange:
    return DayChange(start=day, end=day, kind=kind, name=name, source=source, status=status)


_OFF = ChangeKind.DAY_OFF
_WORKED = ChangeKind.WORKED
# Sources name the announcing authority; document numbers are left out until checked
# against the published text.
_SRC_2024_APR = (
    "Bộ LĐ-TB&XH, lịch nghỉ lễ 30/4-1/5/2024 cho CBCCVC: nghỉ thứ Hai 29/4, làm bù thứ Bảy 4/5"
)
_SRC_2025 = "Bộ Nội vụ / Thủ tướng Chính phủ, lịch nghỉ Tết Âm lịch và 30/4-1/5 năm 2025 cho CBCCVC"
_SRC_2026_TET = "Bộ Nội vụ, thông báo lịch nghỉ Tết Dương lịch và Tết Âm lịch 2026 cho CBCCVC"
_SRC_2026_SEP = "Thủ tướng Chính phủ, phương án nghỉ lễ Quốc khánh 2/9/2026 cho CBCCVC"

ANNOUNCED: tuple[DayChange, ...] = (
    # 2024: the 30/4 bridge Monday is paid back on the following Saturday.
    _one(dt.date(2024, 4, 29), _OFF, "Nghỉ hoán đổi dịp 30/4-1/5", _SRC_2024_APR),
    _one(dt.date(2024, 5, 4), _WORKED, "Làm bù cho thứ Hai 29/4", _SRC_2024_APR),
    # 2025: Tết break of 9 days; the 2/5 bridge Friday is paid back on Saturday 26/4.
    DayChange(
        start=dt.date(2025, 1, 25),
        end=dt.date(2025, 2, 2),
        kind=_OFF,
        name="Nghỉ Tết Âm lịch Ất Tỵ",
        source=_SRC_2025,
    ),
    _one(dt.date(2025, 5, 2), _OFF, "Nghỉ hoán đổi dịp 30/4-1/5", _SRC_2025),
    _one(dt.date(2025, 4, 26), _WORKED, "Làm bù cho thứ Sáu 2/5", _SRC_2025),
    # 2026: the 2/1 bridge Friday is paid back on Saturday 10/1; Tết break of 9 days;
    # the 31/8 bridge Monday before Quốc khánh is paid back on Saturday 22/8.
    _one(dt.date(2026, 1, 2), _OFF, "Nghỉ hoán đổi dịp Tết Dương lịch", _SRC_2026_TET),
    _one(dt.date(2026, 1, 10), _WORKED, "Làm bù cho thứ Sáu 2/1", _SRC_2026_TET),
    DayChange(
        start=dt.date(2026, 2, 14),
        end=dt.date(2026, 2, 22),
        kind=_OFF,
        name="Nghỉ Tết Âm lịch Bính Ngọ",
        source=_SRC_2026_TET,
    ),
    _one(dt.date(2026, 8, 31), _OFF, "Nghỉ hoán đổi dịp Quốc khánh", _SRC_2026_SEP),
    _one(dt.date(2026, 8, 22), _WORKED, "Làm bù cho thứ Hai 31/8", _SRC_2026_SEP),
)
"""Announced swaps and breaks for the state sector (Bộ luật Lao động 2019, Điều 112).

2027 is not announced yet."""

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
        :data:`ANNOUNCED`); 24/11 is a day off only when *culture_day* is true.
        """
        return _vietnam(first_year, last_year, culture_day, changes)

    def covers(self, day: dt.date) -> bool:
        """Tell whether *day* lies in the years this calendar knows."""
        return self.first_year <= day.year <= self.last_year

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


def changes_for(year: int, changes: Iterable[DayChange] = ANNOUNCED) -> tuple[DayChange, ...]:
    """Return the announced changes touching *year*, in date order."""
    return tuple(
        sorted(
            (c for c in changes if year in (c.start.year, c.end.year)),
            key=lambda c: (c.start, c.end, c.kind.value),
        )
    )


# Users import these from their public face; they say so in their __module__.
rehome("cchc", WorkCalendar)
rehome("cchc.calendar", CalendarRangeError, ChangeKind, DayChange, Policy)
