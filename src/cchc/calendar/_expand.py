"""Deadline calendars: each task's schedules expanded over its plan's period into dates.

A :class:`~cchc.Schedule` says *when* in words (``hằng tháng``, ``định kỳ hằng quý, 6
tháng, năm báo cáo``); :func:`expand` turns it into dated :class:`Occurrence` values on
Vietnamese working days.  Periods follow the calendar year, as the reporting periods of
Nghị định 09/2019/NĐ-CP, Điều 12 do.  Reports carry their data cut-off window and a
sending deadline taken from a :class:`ReportRegime` (NĐ 09 by default).

Everything here is a pure function of its arguments: "today" is the explicit ``as_of``.
"""

from __future__ import annotations

import calendar as _gregorian
import datetime as dt
import enum
import functools
import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

import attrs

from cchc._faces import rehome
from cchc.calendar._workdays import (
    CalendarRangeError,
    Policy,
    WorkCalendar,
    add_working_days,
    adjust,
    is_working_day,
    previous_working_day,
)
from cchc.exceptions import CchcError, ModelError, Problem, Severity
from cchc.model._checks import MAX_YEAR, MIN_YEAR
from cchc.model._items import Schedule, Task
from cchc.model._plan import Period, Plan
from cchc.text._vocab import Anchor, Cadence, ScheduleKind

__all__ = [
    "DEFAULT_MAX_OCCURRENCES",
    "ND09",
    "OCCURRENCES_PER_SCHEDULE",
    "UPCOMING_DAYS",
    "BudgetError",
    "Expansion",
    "Occurrence",
    "ReportRegime",
    "ReportRule",
    "Timing",
    "agenda",
    "calendar_for",
    "check_cascade",
    "default_budget",
    "describe_period",
    "expand",
    "expand_plan",
    "in_range",
    "overdue",
    "timing",
    "upcoming",
]


@attrs.frozen(kw_only=True)
class ReportRule:
    """The cut-off window and sending deadline of one kind of periodic report."""

    cutoff_day: int = 14
    """The window ends on this day of the period's last month and starts the day after it
    in the month before the period's first month (15/12 -> 14/3 for Q1)."""
    send_after: int = 1
    """Working days from the cut-off to the sending deadline (at least 1: NĐ 09, Điều 8.5)."""
    source: str = ""
    """Where the rule comes from."""

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.cutoff_day <= 27:
            raise ModelError("cutoff_day", "a day of month from 1 to 27", self.cutoff_day)
        if self.send_after < 1:
            raise ModelError(
                "send_after", "at least 1 working day (NĐ 09/2019, Điều 8.5)", self.send_after
            )


@attrs.frozen(kw_only=True)
class ReportRegime:
    """The reporting rules a body applies: one :class:`ReportRule` per cadence."""

    name: str
    """A short name for display (``NĐ 09/2019/NĐ-CP``)."""
    rules: tuple[tuple[Cadence, ReportRule], ...]
    """The rule of each cadence; a cadence left out uses the monthly one."""

    def rule(self, cadence: Cadence) -> ReportRule:
        """Return the rule for *cadence*."""
        for key, value in self.rules:
            if key is cadence:
                return value
        return ReportRule()


_ND09 = "Nghị định 09/2019/NĐ-CP, Điều 12 (cut-off) and Điều 8.5 (1 working day)"
ND09 = ReportRegime(
    name="NĐ 09/2019/NĐ-CP",
    rules=(
        (Cadence.MONTHLY, ReportRule(source=_ND09)),
        (Cadence.QUARTERLY, ReportRule(source=_ND09)),
        (Cadence.HALF_YEARLY, ReportRule(source=_ND09)),
        # Nine-month reports are not in NĐ 09; provinces define them (Khánh Hòa: 15/12 ->
        # 14/9, sent within 2 working days).  Keep the decree's shape and its minimum gap.
        (Cadence.NINE_MONTHLY, ReportRule(source="provincial practice (Khánh Hòa), NĐ 09 shape")),
        (Cadence.YEARLY, ReportRule(source=_ND09)),
    ),
)
"""The default regime of Nghị định 09/2019/NĐ-CP (chế độ báo cáo)."""

_KIND_ORDER = {kind: i for i, kind in enumerate(ScheduleKind)}
_CADENCE_ORDER = {cadence: i for i, cadence in enumerate(Cadence)}


@attrs.frozen(kw_only=True)
class Occurrence:
    """One dated duty: a task's schedule in one period."""

    plan: str
    """Key of the plan."""
    task: str
    """Id of the task within the plan."""
    path: str
    """Where the schedule is in the plan file, e.g. ``$.tasks[2].schedules[0]``."""
    units: tuple[str, ...]
    """Codes of the units responsible: the task's lead, else the plan's issuer."""
    date: dt.date
    """The date after adjustment to a working day."""
    original_date: dt.date
    """The date the schedule gives before adjustment."""
    kind: ScheduleKind
    """The shape of the schedule."""
    period: Period
    """The period covered: a month, quarter ... or, for a due date, plan start to due date."""
    cadence: Cadence | None = None
    """The cadence of the period; None for a due date."""
    cutoff: Period | None = None
    """For a report: its data cut-off window (NĐ 09/2019, Điều 12)."""
    count: int | None = None
    """For a quota: at least this many in the period."""
    what: str | None = None
    """For a quota: what is counted."""
    to: str | None = None
    """For a report: the unit it goes to."""
    text: str = ""
    """The task's text."""
    schedule_text: str = ""
    """The schedule as worded in the document."""
    stated: bool = True
    """False for a report dated by the regime's default because the document names no day."""

    @property
    def moved(self) -> bool:
        """True when the date was moved off a day off."""
        return self.date != self.original_date

    def sort_key(self) -> tuple[object, ...]:
        """Return the order of a calendar: date, plan, task, kind, period, cadence, place."""
        return (
            self.date,
            self.plan,
            self.task,
            _KIND_ORDER[self.kind],
            self.period.start,
            self.period.end,
            -1 if self.cadence is None else _CADENCE_ORDER[self.cadence],
            self.path,
            self.units,
        )


# --- periods --------------------------------------------------------------------------


def _month_shift(year: int, month: int, months: int) -> tuple[int, int]:
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
}

# The periods of a cadence are numbered: period k starts in year k // n, where n is the
# number of periods a year, at its (k % n)-th first month.  The periods a plan covers are
# then a range of numbers, and any one of them is found without listing the others.


def _end_at(cadence: Cadence, number: int) -> dt.date:
    """The last day of period *number* of *cadence*."""
    starts = _STARTS[cadence]
    year, place = divmod(number, len(starts))
    last_year, last_month = _month_shift(year, starts[place], cadence.months - 1)
    return _month_end(last_year, last_month)


@functools.lru_cache(maxsize=8192)
def _period_at(cadence: Cadence, number: int) -> Period:
    """Period *number* of *cadence*."""
    starts = _STARTS[cadence]
    year, place = divmod(number, len(starts))
    return Period(start=dt.date(year, starts[place], 1), end=_end_at(cadence, number))


def _first_ending(cadence: Cadence, day: dt.date, numbers: range) -> int:
    """The first of *numbers* whose period of *cadence* ends on or after *day* (else the stop).

    Periods lie within a calendar year, so none of an earlier year ends on or after *day*.
    """
    number = min(max(day.year * len(_STARTS[cadence]), numbers.start), numbers.stop)
    while number < numbers.stop and _end_at(cadence, number) < day:
        number += 1
    return number


def _numbers(cadence: Cadence, span: Period) -> range:
    """The numbers of the periods of *cadence* that end within *span* (a plan's period)."""
    count = len(_STARTS[cadence])
    first = _first_ending(cadence, span.start, range(span.start.year * count, 10_000 * count))
    last = span.end.year * count + count - 1
    while last >= first and _end_at(cadence, last) > span.end:
        last -= 1
    return range(first, last + 1)


def _anchored(period: Period, anchor: Anchor, day: int | None) -> dt.date:
    if anchor is Anchor.START:
        return period.start
    if anchor is Anchor.END:
        return period.end
    assert day is not None  # the model requires a day with these anchors
    if anchor is Anchor.DAY:
        return _day_in(period.end.year, period.end.month, day)
    year, month = _month_shift(period.end.year, period.end.month, 1)
    return _day_in(year, month, day)


def _cutoff(period: Period, rule: ReportRule) -> Period:
    """Return the data window of a report on *period* (NĐ 09/2019, Điều 12)."""
    first_year, first_month = _month_shift(period.start.year, period.start.month, -1)
    return _window(
        dt.date(first_year, first_month, rule.cutoff_day + 1),
        dt.date(period.end.year, period.end.month, rule.cutoff_day),
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


# --- working days ---------------------------------------------------------------------

_T = TypeVar("_T")
_FIRST_YEAR = MIN_YEAR - 1  # cut-off windows of January 1945 start in December 1944
_LAST_YEAR = MAX_YEAR + 1  # deadlines of December 2100 fall in January 2101


class _Days:
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


# --- expansion ------------------------------------------------------------------------

_FIELDS_KEPT = 65_536
"""How many dated periods an expansion keeps for reuse; then it starts afresh."""

DEFAULT_MAX_OCCURRENCES = 200_000
"""The least budget of occurrences a command works out (see :func:`default_budget`)."""
OCCURRENCES_PER_SCHEDULE = 200
"""The budget each schedule adds: ten years of every cadence (12 + 4 + 2 + 1 + 1 a year)."""


class BudgetError(CchcError):
    """Working out the occurrences asked for would pass the budget given."""

    def __init__(self, limit: int, needed: int | None = None) -> None:
        self.limit = limit
        """The budget: the most occurrences the work was allowed."""
        self.needed = needed
        """How many it would have taken, when known before starting."""
        found = "more" if needed is None else f"{needed:,}"
        super().__init__(f"expected at most {limit:,} deadline occurrences, found {found}")


def default_budget(plans: Iterable[Plan]) -> int:
    """The budget of occurrences a command works out over *plans* unless told otherwise.

    Every schedule may give ten years of every cadence (:data:`OCCURRENCES_PER_SCHEDULE`),
    and any corpus at least :data:`DEFAULT_MAX_OCCURRENCES`: real plans never come near
    it, while a small file claiming a century of monthly duties does.
    """
    schedules = sum(len(task.schedules) for plan in plans for task in plan.tasks)
    return max(DEFAULT_MAX_OCCURRENCES, OCCURRENCES_PER_SCHEDULE * schedules)


class _Budget:
    """Counts the occurrences some work has worked out, against its limit (None: no limit)."""

    __slots__ = ("limit", "spent")

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.spent = 0

    def spend(self, count: int = 1) -> None:
        self.spent += count
        if self.limit is not None and self.spent > self.limit:
            raise BudgetError(self.limit)


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


def expand(
    plans: Iterable[Plan],
    *,
    calendar: WorkCalendar | None = None,
    regime: ReportRegime = ND09,
    policy: Policy = Policy.NEXT,
    start: dt.date | None = None,
    end: dt.date | None = None,
    units: Iterable[str] | None = None,
    max_occurrences: int | None = None,
) -> tuple[Occurrence, ...]:
    """Every occurrence of every task of *plans*, sorted by :meth:`Occurrence.sort_key`.

    Schedules of a plan without a period give only their fixed due dates: cchc does not
    guess the years a recurring duty covers.  Dates that fall on a day off move by *policy*
    (the next working day by default, Bộ luật Dân sự 2015, Điều 148.5).

    *start* and *end* keep the occurrences dated from one to the other (both included;
    None: no bound), and only those are worked out, whatever the plans' periods.  *units*
    keeps the duties of those units.  With *max_occurrences*, a window holding more raises
    :class:`BudgetError` before any is worked out.  Without *calendar*, Vietnam's working
    days are read for the years met.
    """
    expansion = Expansion(plans, calendar=calendar, regime=regime, policy=policy, units=units)
    return expansion.between(start, end, max_occurrences=max_occurrences)


def expand_plan(
    plan: Plan,
    *,
    calendar: WorkCalendar | None = None,
    regime: ReportRegime = ND09,
    policy: Policy = Policy.NEXT,
) -> tuple[Occurrence, ...]:
    """Expand one plan; see :func:`expand`."""
    return expand((plan,), calendar=calendar, regime=regime, policy=policy)


class Expansion:
    """The schedules of some plans, ready to be expanded over any window of dates.

    Building it works out no date.  Each query works out only the occurrences it returns,
    and a few at the edges of its window: the periods of a schedule are numbered, and the
    dates of a schedule's occurrences never go down as the number goes up (an anchor, a
    cut-off plus working days and a move to a working day all keep the order of the
    periods), so the occurrences in a window are a range of numbers found by bisection.
    A plan claiming 150 years thus costs what the window asked about holds.
    """

    def __init__(
        self,
        plans: Iterable[Plan],
        *,
        calendar: WorkCalendar | None = None,
        regime: ReportRegime = ND09,
        policy: Policy = Policy.NEXT,
        units: Iterable[str] | None = None,
    ) -> None:
        self._context = _Context(days=_Days(calendar), regime=regime, policy=policy)
        wanted = None if units is None else frozenset(units)
        self._streams = [
            stream
            for plan in plans
            for stream in _streams(plan, self._context)
            if wanted is None or not wanted.isdisjoint(stream.base.units)
        ]

    def count(self, start: dt.date | None = None, end: dt.date | None = None) -> int:
        """How many occurrences are dated from *start* to *end*, without working them out."""
        return sum(stream.count(start, end) for stream in self._streams)

    def between(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        *,
        max_occurrences: int | None = None,
    ) -> tuple[Occurrence, ...]:
        """The occurrences dated from *start* to *end*, sorted.

        Past *max_occurrences*, :class:`BudgetError` is raised before any is worked out.
        """
        spans = [(stream, stream.span(start, end)) for stream in self._streams]
        if max_occurrences is not None:
            needed = sum(len(numbers) for _, numbers in spans)
            if needed > max_occurrences:
                raise BudgetError(max_occurrences, needed)
        found = [stream.at(number) for stream, numbers in spans for number in numbers]
        found.sort(key=Occurrence.sort_key)
        return tuple(found)

    def forward(self, start: dt.date | None = None) -> Iterator[Occurrence]:
        """The occurrences from *start* on, soonest first, worked out as they are read."""
        return heapq.merge(
            *(stream.ascending(start) for stream in self._streams), key=Occurrence.sort_key
        )

    def backward(self, end: dt.date | None = None) -> Iterator[Occurrence]:
        """The occurrences up to *end*, latest first, worked out as they are read."""
        return heapq.merge(
            *(stream.descending(end) for stream in self._streams),
            key=Occurrence.sort_key,
            reverse=True,
        )


@attrs.frozen(kw_only=True)
class _Context:
    """What the streams of one expansion share: calendars, rules and what was found."""

    days: _Days
    regime: ReportRegime
    policy: Policy
    shapes: dict[tuple[object, ...], int] = attrs.field(factory=dict)
    """A number for each shape of schedule met (what its dates depend on)."""
    fields: dict[tuple[int, int], dict[str, object]] = attrs.field(factory=dict)
    """The dates of occurrence k of each shape of schedule, for those worked out lately."""
    places: dict[tuple[int, int, int, dt.date], int] = attrs.field(factory=dict)
    """Where each day falls in the occurrences of each shape and range of periods."""


@attrs.frozen(kw_only=True)
class _Base:
    plan: Plan
    task: Task
    units: tuple[str, ...]
    path: str
    schedule: Schedule


class _Stream:
    """The occurrences of one schedule in one cadence, or its one due date, in date order.

    Occurrence *k* is that of period number *k*; a due date has the single number 0.
    """

    __slots__ = ("_common", "_context", "_shape", "base", "cadence", "numbers", "stated")

    def __init__(
        self, base: _Base, cadence: Cadence | None, numbers: range, context: _Context
    ) -> None:
        self.base = base
        self.cadence = cadence
        self.numbers = numbers
        self.stated = base.schedule.anchor is not None
        self._context = context
        schedule = base.schedule
        self._common: dict[str, object] = {
            "plan": base.plan.key,
            "task": base.task.id,
            "path": base.path,
            "units": base.units,
            "kind": schedule.kind,
            "text": base.task.text,
            "schedule_text": schedule.text,
            **_extras(schedule),
        }
        # What the dates depend on besides the period number: equal shapes, equal dates.
        # Each shape gets a small number, quicker to hash than the enums it holds.
        shape = (
            schedule.kind,
            schedule.due,
            base.plan.period if cadence is None else None,
            schedule.anchor,
            schedule.day,
            cadence,
        )
        self._shape = context.shapes.setdefault(shape, len(context.shapes))

    def at(self, number: int) -> Occurrence:
        """Occurrence *number*, its date worked out on working days."""
        return Occurrence(**self._common, **self._fields(number))  # type: ignore[arg-type]

    def _fields(self, number: int) -> dict[str, object]:
        """The dates of occurrence *number*, worked out once for the schedules worded alike."""
        key = (self._shape, number)
        cache = self._context.fields
        found = cache.get(key)
        if found is None:
            found = self._work_out(number)
            if len(cache) >= _FIELDS_KEPT:
                cache.clear()
            cache[key] = found
        return found

    def _work_out(self, number: int) -> dict[str, object]:
        base, context, cadence = self.base, self._context, self.cadence
        if cadence is None:
            due = base.schedule.due
            assert due is not None  # the model requires it for kind 'due'
            span = base.plan.period
            start = span.start if span is not None and span.start <= due else due
            return context.days.run(
                due,
                lambda work: {
                    "date": adjust(due, work, context.policy),
                    "original_date": due,
                    "period": Period(start=start, end=due),
                },
            )
        period = _period_at(cadence, number)
        return context.days.run(
            period.end,
            lambda work: _dated(
                base.schedule,
                cadence,
                period,
                work=work,
                regime=context.regime,
                policy=context.policy,
            ),
        )

    def locate(self, day: dt.date) -> int:
        """The number of the first occurrence dated on or after *day* (the stop if none)."""
        first, stop = self.numbers.start, self.numbers.stop
        # Schedules worded alike give the same dates: the place is found once for them all.
        place = (self._shape, first, stop, day)
        found = self._context.places.get(place)
        if found is not None:
            return found
        number = first if self.cadence is None else _first_ending(self.cadence, day, self.numbers)
        # A date lies within its period or soon after it: from the first period ending on
        # or after *day*, a step or two finds the exact place.
        while number > first and self._date(number - 1) >= day:
            number -= 1
        while number < stop and self._date(number) < day:
            number += 1
        self._context.places[place] = number
        return number

    def _date(self, number: int) -> dt.date:
        """The date of occurrence *number*."""
        date = self._fields(number)["date"]
        assert isinstance(date, dt.date)
        return date

    def _after(self, day: dt.date) -> int:
        """The number of the first occurrence dated after *day*."""
        if day >= dt.date.max:
            return self.numbers.stop
        return self.locate(day + dt.timedelta(days=1))

    def span(self, start: dt.date | None, end: dt.date | None) -> range:
        """The numbers of the occurrences dated from *start* to *end*."""
        first = self.numbers.start if start is None else self.locate(start)
        stop = self.numbers.stop if end is None else self._after(end)
        return range(first, max(first, stop))

    def count(self, start: dt.date | None, end: dt.date | None) -> int:
        return len(self.span(start, end))

    def ascending(self, start: dt.date | None) -> Iterator[Occurrence]:
        for number in self.span(start, None):
            yield self.at(number)

    def descending(self, end: dt.date | None) -> Iterator[Occurrence]:
        for number in reversed(self.span(None, end)):
            yield self.at(number)


def _streams(plan: Plan, context: _Context) -> Iterator[_Stream]:
    for task_index, task in enumerate(plan.tasks):
        units = task.lead or (plan.issuer,)
        for schedule_index, schedule in enumerate(task.schedules):
            path = f"$.tasks[{task_index}].schedules[{schedule_index}]"
            base = _Base(plan=plan, task=task, units=units, path=path, schedule=schedule)
            if schedule.kind is ScheduleKind.DUE:
                yield _Stream(base, None, range(1), context)
            elif plan.period is not None:
                for cadence in schedule.cadences:
                    numbers = _numbers(cadence, plan.period)
                    if numbers:
                        yield _Stream(base, cadence, numbers, context)


def _dated(
    schedule: Schedule,
    cadence: Cadence,
    period: Period,
    *,
    work: WorkCalendar,
    regime: ReportRegime,
    policy: Policy,
) -> dict[str, object]:
    """The dates of *schedule* in *period*: what every schedule worded alike shares."""
    if schedule.kind is ScheduleKind.QUOTA:
        # The quota must be met inside the period: its last working day is the deadline.
        day = period.end
        last = day if is_working_day(day, work) else previous_working_day(day, work)
        return {"date": last, "original_date": day, "period": period, "cadence": cadence}
    if schedule.kind is ScheduleKind.REPORT:
        rule = regime.rule(cadence)
        window = _cutoff(period, rule)
        if schedule.anchor is not None:
            day = _anchored(period, schedule.anchor, schedule.day)
            date = adjust(day, work, policy)
        else:
            # No date in the document: the regime's deadline, cut-off plus N working days.
            day = date = add_working_days(window.end, rule.send_after, work)
        return {
            "date": date,
            "original_date": day,
            "period": period,
            "cadence": cadence,
            "cutoff": window,
            "stated": schedule.anchor is not None,
        }
    day = _anchored(period, schedule.anchor or Anchor.END, schedule.day)
    return {
        "date": adjust(day, work, policy),
        "original_date": day,
        "period": period,
        "cadence": cadence,
    }


def _extras(schedule: Schedule) -> dict[str, object]:
    """What an occurrence takes from its schedule besides dates: a count, a recipient."""
    if schedule.kind is ScheduleKind.QUOTA:
        return {"count": schedule.count, "what": schedule.what}
    if schedule.kind is ScheduleKind.REPORT:
        return {"to": schedule.to}
    return {}


# --- queries --------------------------------------------------------------------------


def in_range(
    occurrences: Iterable[Occurrence], start: dt.date | None = None, end: dt.date | None = None
) -> tuple[Occurrence, ...]:
    """Keep the occurrences dated from *start* to *end* (both included; None: no bound)."""
    return tuple(
        o
        for o in occurrences
        if (start is None or o.date >= start) and (end is None or o.date <= end)
    )


def agenda(occurrences: Iterable[Occurrence]) -> dict[str, tuple[Occurrence, ...]]:
    """Group occurrences by unit, in code order; a shared duty is listed under each unit."""
    by_unit: dict[str, list[Occurrence]] = {}
    for occurrence in occurrences:
        for unit in occurrence.units:
            by_unit.setdefault(unit, []).append(occurrence)
    return {
        unit: tuple(sorted(found, key=Occurrence.sort_key))
        for unit, found in sorted(by_unit.items())
    }


def overdue(occurrences: Iterable[Occurrence], as_of: dt.date) -> tuple[Occurrence, ...]:
    """Keep the occurrences whose date has passed on *as_of* (done or not: cchc cannot tell)."""
    return tuple(o for o in occurrences if o.date < as_of)


def upcoming(
    occurrences: Iterable[Occurrence], as_of: dt.date, *, within_days: int | None = None
) -> tuple[Occurrence, ...]:
    """Keep the occurrences on or after *as_of*, up to *within_days* days ahead if given."""
    return tuple(
        o
        for o in occurrences
        if o.date >= as_of and (within_days is None or (o.date - as_of).days <= within_days)
    )


# --- cascade --------------------------------------------------------------------------


def check_cascade(
    pairs: Iterable[tuple[Plan, Plan]],
    *,
    calendar: WorkCalendar | None = None,
    regime: ReportRegime = ND09,
    policy: Policy = Policy.NEXT,
    lead: int = 1,
    files: Mapping[str, str] | None = None,
    occurrences: Iterable[Occurrence] | None = None,
    max_occurrences: int | None = None,
) -> tuple[Problem, ...]:
    """Check that each child's report is due *lead* working days before its parent's.

    *pairs* holds (parent, child) plans.  For every period both report on, the child's
    sending deadline must fall at least *lead* working days (default 1, the gap NĐ 09/2019,
    Điều 8.5 requires between receiving data and reporting) before the parent's earliest
    one.  Pairs where neither plan names its report's day are not compared: both dates
    would come from the regime's default, not from the documents.  Each violation is a
    warning with rule ``calendar.cascade``, located in the child.
    *occurrences*, when the caller has already expanded the plans with the same calendar,
    regime and policy, are used instead of expanding them again.  Otherwise only the
    periods both plans report on are worked out, and with *max_occurrences* the check
    raises :class:`BudgetError` once it has worked out that many.
    """
    context = _Context(days=_Days(calendar), regime=regime, policy=policy)
    source: _Given | _Lazy
    if occurrences is not None:
        source = _Given(occurrences)
    else:
        source = _Lazy(context, _Budget(max_occurrences))
    files = files or {}
    problems: set[Problem] = set()
    for parent, child in pairs:
        for occurrence, upper in source.compare(parent, child):
            # Two dates that only cchc's default regime gives say nothing about the plans.
            if not (occurrence.stated or upper.stated):
                continue
            latest = context.days.run(
                upper.date, functools.partial(add_working_days, upper.date, -lead)
            )
            if occurrence.date > latest:
                problems.add(
                    Problem(
                        file=files.get(child.key),
                        path=occurrence.path,
                        message=(
                            f"{child.key}#{occurrence.task}: report for "
                            f"{describe_period(occurrence)} is due "
                            f"{occurrence.date.isoformat()}, expected by {latest.isoformat()}, "
                            f"{lead} working day(s) before {parent.key}#{upper.task} "
                            f"due {upper.date.isoformat()}"
                        ),
                        severity=Severity.WARNING,
                        rule="calendar.cascade",
                    )
                )
    return tuple(sorted(problems, key=lambda p: (p.file or "", p.path, p.message)))


def _earliest(found: Iterable[Occurrence]) -> Occurrence | None:
    return min(found, key=Occurrence.sort_key, default=None)


class _Given:
    """Reports taken from occurrences the caller expanded, by plan and period."""

    def __init__(self, occurrences: Iterable[Occurrence]) -> None:
        self._reports: dict[str, list[Occurrence]] = {}
        for occurrence in occurrences:
            if occurrence.kind is ScheduleKind.REPORT:
                self._reports.setdefault(occurrence.plan, []).append(occurrence)
        # A parent has many children: its earliest report per period is worked out once.
        self._earliest: dict[str, dict[Period, Occurrence]] = {}

    def compare(self, parent: Plan, child: Plan) -> Iterator[tuple[Occurrence, Occurrence]]:
        """Each report of *child* with the earliest of *parent* for the same period."""
        by_period = self._earliest.get(parent.key)
        if by_period is None:
            by_period = self._earliest[parent.key] = {}
            for occurrence in self._reports.get(parent.key, ()):
                known = by_period.get(occurrence.period)
                if known is None or occurrence.sort_key() < known.sort_key():
                    by_period[occurrence.period] = occurrence
        for occurrence in self._reports.get(child.key, ()):
            upper = by_period.get(occurrence.period)
            if upper is not None:
                yield occurrence, upper


class _Lazy:
    """Reports worked out for the periods a child and its parent both report on, only."""

    def __init__(self, context: _Context, budget: _Budget) -> None:
        self._context = context
        self._budget = budget
        self._streams: dict[str, dict[Cadence, list[_Stream]]] = {}
        self._earliest: dict[tuple[str, Cadence, int], Occurrence | None] = {}

    def _reports(self, plan: Plan) -> dict[Cadence, list[_Stream]]:
        found = self._streams.get(plan.key)
        if found is None:
            found = self._streams[plan.key] = {}
            for stream in _streams(plan, self._context):
                if stream.cadence is not None and stream.base.schedule.kind is ScheduleKind.REPORT:
                    found.setdefault(stream.cadence, []).append(stream)
        return found

    def _at(self, stream: _Stream, number: int) -> Occurrence:
        self._budget.spend()
        return stream.at(number)

    def _upper(
        self, key: str, cadence: Cadence, number: int, streams: list[_Stream]
    ) -> Occurrence | None:
        place = (key, cadence, number)
        if place not in self._earliest:
            self._earliest[place] = _earliest(
                self._at(stream, number) for stream in streams if number in stream.numbers
            )
        return self._earliest[place]

    def compare(self, parent: Plan, child: Plan) -> Iterator[tuple[Occurrence, Occurrence]]:
        """Each report of *child* with the earliest of *parent* for the same period."""
        above = self._reports(parent)
        for cadence, streams in self._reports(child).items():
            uppers = above.get(cadence)
            if not uppers:
                continue
            # Dates that only the default regime gives on both sides are never compared.
            any_stated = any(stream.stated for stream in uppers)
            low = min(stream.numbers.start for stream in uppers)
            high = max(stream.numbers.stop for stream in uppers)
            for stream in streams:
                if not (stream.stated or any_stated):
                    continue
                for number in range(max(low, stream.numbers.start), min(high, stream.numbers.stop)):
                    upper = self._upper(parent.key, cadence, number, uppers)
                    if upper is not None and (stream.stated or upper.stated):
                        yield self._at(stream, number), upper


# --- wording --------------------------------------------------------------------------

_ROMAN = ("I", "II", "III", "IV")


def describe_period(occurrence: Occurrence) -> str:
    """Name the period as Vietnamese reports do: ``quý I/2024``, ``6 tháng đầu năm 2024``."""
    start, end = occurrence.period.start, occurrence.period.end
    cadence = occurrence.cadence
    if cadence is Cadence.MONTHLY:
        return f"tháng {start.month}/{start.year}"
    if cadence is Cadence.QUARTERLY:
        return f"quý {_ROMAN[(start.month - 1) // 3]}/{start.year}"
    if cadence is Cadence.HALF_YEARLY:
        half = "đầu năm" if start.month == 1 else "cuối năm"
        return f"6 tháng {half} {start.year}"
    if cadence is Cadence.NINE_MONTHLY:
        return f"9 tháng năm {start.year}"
    if cadence is Cadence.YEARLY:
        return f"năm {start.year}"
    return f"{start.strftime('%d/%m/%Y')}-{end.strftime('%d/%m/%Y')}"


# --- timing relative to a day ---------------------------------------------------------


class Timing(enum.Enum):
    """Where an occurrence stands on a given day."""

    OVERDUE = "overdue"
    """Its date has passed."""
    UPCOMING = "upcoming"
    """Due today or within the horizon."""
    LATER = "later"
    """Due after the horizon."""


UPCOMING_DAYS = 30
"""The default horizon of :attr:`Timing.UPCOMING`, in calendar days."""


def timing(occurrence: Occurrence, as_of: dt.date, *, within_days: int = UPCOMING_DAYS) -> Timing:
    """Tell whether *occurrence* is overdue, upcoming or later on *as_of*."""
    if occurrence.date < as_of:
        return Timing.OVERDUE
    # A difference of dates, not a sum: --as-of may be the last day a date can hold.
    if (occurrence.date - as_of).days <= within_days:
        return Timing.UPCOMING
    return Timing.LATER


# Users import these from their public face; they say so in their __module__.
rehome("cchc", Occurrence, Timing)
rehome("cchc.calendar", ReportRegime, ReportRule)
