"""The periods of each cadence, numbered, and the dates a schedule gives in one of them.

Periods follow the calendar year, as the reporting periods of Nghị định 09/2019/NĐ-CP,
Điều 12 do: the months, the quarters, the halves, January to September, the year.  A
report's data window and its sending deadline come from a :class:`ReportRule`.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
import functools
from collections.abc import Mapping

from cchc.calendar._limits import Reading, bound_of, last_day
from cchc.calendar._regime import ReportRegime, ReportRule
from cchc.calendar._workdays import (
    Policy,
    WorkCalendar,
    add_working_days,
    adjust,
    is_working_day,
    previous_working_day,
)
from cchc.model._checks import MIN_YEAR
from cchc.model._items import Schedule
from cchc.model._plan import Period
from cchc.text._vocab import Anchor, Cadence, ScheduleKind

__all__ = [
    "Dates",
    "dated",
    "end_at",
    "first_ending",
    "month_shift",
    "period_at",
    "period_numbers",
    "periods_a_year",
]


def month_shift(year: int, month: int, months: int) -> tuple[int, int]:
    """The year and month *months* after (or before) *month* of *year*."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _day_in(year: int, month: int, day: int) -> dt.date:
    # A day past the month's end means its last day (Bộ luật Dân sự 2015, Điều 148.1).
    return dt.date(year, month, min(day, _gregorian.monthrange(year, month)[1]))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _gregorian.monthrange(year, month)[1])


# First months of each period within a calendar year (NĐ 09/2019, Điều 12: the periods run
# on the calendar year; the nine-month period is January to September).
_STARTS: Mapping[Cadence, tuple[int, ...]] = {
    Cadence.MONTHLY: tuple(range(1, 13)),
    Cadence.QUARTERLY: (1, 4, 7, 10),
    Cadence.HALF_YEARLY: (1, 7),
    Cadence.NINE_MONTHLY: (1,),
    Cadence.YEARLY: (1,),
    Cadence.FIRST_HALF: (1,),
}


def periods_a_year(cadence: Cadence) -> int:
    """How many periods of *cadence* a calendar year holds (12 months, 4 quarters ...)."""
    return len(_STARTS[cadence])


# The periods of a cadence are numbered: period k starts in year k // n, where n is the
# number of periods a year, at its (k % n)-th first month.  The periods a plan covers are
# then a range of numbers, and any one of them is found without listing the others.


@functools.lru_cache(maxsize=8192)
def end_at(cadence: Cadence, number: int) -> dt.date:
    """The last day of period *number* of *cadence*."""
    starts = _STARTS[cadence]
    year, place = divmod(number, len(starts))
    last_year, last_month = month_shift(year, starts[place], cadence.months - 1)
    return _month_end(last_year, last_month)


@functools.lru_cache(maxsize=8192)
def period_at(cadence: Cadence, number: int) -> Period:
    """Period *number* of *cadence*."""
    starts = _STARTS[cadence]
    year, place = divmod(number, len(starts))
    return Period(start=dt.date(year, starts[place], 1), end=end_at(cadence, number))


def first_ending(cadence: Cadence, day: dt.date, numbers: range) -> int:
    """The first of *numbers* whose period of *cadence* ends on or after *day* (else the stop).

    Periods lie within a calendar year, so none of an earlier year ends on or after *day*.
    """
    number = min(max(day.year * len(_STARTS[cadence]), numbers.start), numbers.stop)
    while number < numbers.stop and end_at(cadence, number) < day:
        number += 1
    return number


def first_starting(cadence: Cadence, day: dt.date, numbers: range) -> int:
    """The first of *numbers* whose period of *cadence* starts on or after *day* (else the stop)."""
    number = min(max(day.year * len(_STARTS[cadence]), numbers.start), numbers.stop)
    while number < numbers.stop and period_at(cadence, number).start < day:
        number += 1
    return number


@functools.lru_cache(maxsize=1024)
def period_numbers(cadence: Cadence, span: Period) -> range:
    """The numbers of the periods of *cadence* that end within *span* (a plan's period)."""
    count = len(_STARTS[cadence])
    first = first_ending(cadence, span.start, range(span.start.year * count, 10_000 * count))
    last = span.end.year * count + count - 1
    while last >= first and end_at(cadence, last) > span.end:
        last -= 1
    return range(first, last + 1)


# --- the dates of a schedule in one period ----------------------------------------------


def _anchored(schedule: Schedule, period: Period, reading: Reading) -> dt.date:
    anchor, day = schedule.anchor or Anchor.END, schedule.day
    if anchor is Anchor.START:
        return period.start
    if anchor is Anchor.END:
        return period.end
    assert day is not None  # the model requires a day with these anchors
    if anchor is Anchor.DAY:
        written = _day_in(period.end.year, period.end.month, day)
    else:
        year, month = month_shift(period.end.year, period.end.month, 1)
        written = _day_in(year, month, day)
    # "Trước ngày 20" and "chậm nhất ngày 20" end on different days (cchc.calendar._limits).
    return last_day(written, bound_of(schedule), reading)


def _cutoff(period: Period, day: int) -> Period:
    """Return the data window of a report on *period* ending on *day* (NĐ 09/2019, Điều 12)."""
    first_year, first_month = month_shift(period.start.year, period.start.month, -1)
    return _window(
        dt.date(first_year, first_month, day + 1),
        dt.date(period.end.year, period.end.month, day),
    )


def _window(start: dt.date, end: dt.date) -> Period:
    """A data window as a :class:`Period`, even one that starts before the model's years.

    A window is worked out, not written in a document, so the bounds the model puts on
    document dates (1945 to 2100) do not apply to it: a report on January 1945 reads the
    data from 15/12/1944.  Such a window is built without the model's date check.
    """
    if start.year >= MIN_YEAR:
        return Period(start=start, end=end)
    window = object.__new__(Period)
    object.__setattr__(window, "start", start)
    object.__setattr__(window, "end", end)
    return window


Dates = tuple[dt.date, dt.date, Period, Period | None, dt.date | None]
"""What an occurrence's period gives it: its date, the date written, the period, the cut-off
and, for a report whose document names no day, the first day it may be sent."""


def dated(
    schedule: Schedule,
    cadence: Cadence,
    period: Period,
    *,
    work: WorkCalendar,
    regime: ReportRegime,
    policy: Policy,
    reading: Reading = Reading.EXCLUSIVE,
) -> Dates:
    """The dates of *schedule* in *period*: what every schedule worded alike shares.

    The date written is the last day of the time as *reading* reads its wording (before
    or by the day); a day off then moves it by *policy*.
    """
    if schedule.kind is ScheduleKind.QUOTA:
        # The quota must be met inside the period: its last working day is the deadline.
        day = period.end
        last = day if is_working_day(day, work) else previous_working_day(day, work)
        return last, day, period, None, None
    if schedule.kind is ScheduleKind.REPORT:
        rule = regime.rule(cadence)
        # A schedule may state its own cut-off, earlier than the regime's (Điều 13.2).
        window = _cutoff(period, schedule.cutoff_day or rule.cutoff_day)
        if schedule.anchor is not None:
            day = _anchored(schedule, period, reading)
            return adjust(day, work, policy), day, period, window, None
        # No date in the document: no deadline is made up.  The occurrence spans the legal
        # window, from send_after working days after the cut-off (NĐ 09, Điều 8.5) to the
        # regime's last day (Điều 13.1), and is dated on that last day, marked not stated.
        earliest = add_working_days(window.end, rule.send_after, work)
        latest = _latest(period, window, rule, work)
        latest = max(latest, earliest)
        return adjust(latest, work, policy), latest, period, window, earliest
    day = _anchored(schedule, period, reading)
    return adjust(day, work, policy), day, period, None, None


def _latest(period: Period, window: Period, rule: ReportRule, work: WorkCalendar) -> dt.date:
    """The last day *rule* allows for a report on *period* whose data window is *window*."""
    if rule.latest_day is not None:
        return _day_in(period.end.year, period.end.month, rule.latest_day)
    assert rule.latest_after is not None  # ReportRule requires one of them
    return add_working_days(window.end, rule.latest_after, work)
