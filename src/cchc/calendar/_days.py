"""The working-day calendars an expansion reads: the caller's, or Vietnam's built on demand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

from cchc.calendar._workdays import CalendarRangeError, WorkCalendar
from cchc.model._checks import MAX_YEAR, MIN_YEAR
from cchc.model._plan import Plan

__all__ = ["Days", "calendar_for"]

_T = TypeVar("_T")
_FIRST_YEAR = MIN_YEAR - 1  # cut-off windows of January 1945 start in December 1944
_LAST_YEAR = MAX_YEAR + 1  # deadlines of December 2100 fall in January 2101


class Days:
    """The working-day calendars an expansion reads: the caller's, or Vietnam's on demand.

    Without a calendar from the caller, Vietnam's is built only for the years the dates
    worked out fall in (and one on each side), so that a plan claiming 150 years costs the
    holidays of the years asked about.  A span that must grow grows by at least its own
    length, so building never costs more than twice the years finally covered.
    """

    __slots__ = ("_fixed", "_last", "_spans")

    def __init__(self, calendar: WorkCalendar | None) -> None:
        self._fixed = calendar
        self._spans: list[WorkCalendar] = []
        self._last: WorkCalendar | None = None

    def run(self, near: dt.date, compute: Callable[[WorkCalendar], _T]) -> _T:
        """*compute* with a calendar covering *near*, grown as often as it steps out of it."""
        if self._fixed is not None:
            return compute(self._fixed)
        calendar = self._last
        if calendar is None or not calendar.first_year <= near.year <= calendar.last_year:
            calendar = self._covering(near.year)
        while True:
            try:
                result = compute(calendar)
            except CalendarRangeError as error:
                calendar = self._grow(calendar, error.day.year)
            else:
                self._last = calendar
                return result

    def _covering(self, year: int) -> WorkCalendar:
        for calendar in self._spans:
            if calendar.first_year <= year <= calendar.last_year:
                return calendar
        return self._merge(year - 1, year + 1)

    def _grow(self, calendar: WorkCalendar, year: int) -> WorkCalendar:
        first, last = calendar.first_year, calendar.last_year
        size = last - first + 1
        if year < first:
            first = min(year - 1, max(first - size, _FIRST_YEAR))
        if year > last:
            last = max(year + 1, min(last + size, _LAST_YEAR))
        return self._merge(first, last)

    def _merge(self, first: int, last: int) -> WorkCalendar:
        """The calendar of *first* to *last* and of every span it touches, replacing those."""
        kept: list[WorkCalendar] = []
        for calendar in self._spans:
            if calendar.last_year + 1 < first or calendar.first_year - 1 > last:
                kept.append(calendar)
            else:
                first = min(first, calendar.first_year)
                last = max(last, calendar.last_year)
        merged = WorkCalendar.vietnam(max(first, dt.MINYEAR), min(last, dt.MAXYEAR))
        self._spans = [*kept, merged]
        return merged


def calendar_for(plans: Iterable[Plan], *, culture_day: bool = False) -> WorkCalendar:
    """Build a Vietnamese working-day calendar covering every date the *plans* can produce.

    One year of margin on each side holds the cut-off windows that start in the previous
    December and the deadlines that fall in the month after a period.  Expanding needs no
    such calendar (it builds the years it meets); pass one to fix the days off yourself.
    """
    years: set[int] = set()
    for plan in plans:
        if plan.issued is not None:
            years.add(plan.issued.year)
        if plan.period is not None:
            years.update((plan.period.start.year, plan.period.end.year))
        for task in plan.tasks:
            for schedule in task.schedules:
                if schedule.due is not None:
                    years.add(schedule.due.year)
    if not years:
        # Nothing dated: no day will ever be asked about.
        return WorkCalendar(first_year=2000, last_year=2000, days_off=frozenset())
    return WorkCalendar.vietnam(min(years) - 1, max(years) + 1, culture_day=culture_day)
