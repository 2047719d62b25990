"""The occurrences of one schedule in one cadence, numbered and worked out one at a time.

A stream's occurrence *k* is that of period number *k* (:mod:`cchc.calendar._periods`);
its dates never go down as *k* goes up (an anchor, a cut-off plus working days and a
move to a working day all keep the order of the periods), so the occurrences dated in a
window are a range of numbers, found by bisection.  Schedules worded alike share their
dates, worked out once for them all.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

import attrs

from cchc.calendar._days import Days
from cchc.calendar._limits import Reading, bound_of, last_day
from cchc.calendar._occurrence import Occurrence, build_occurrence, order_of
from cchc.calendar._periods import (
    Dates,
    _window,
    dated,
    first_ending,
    first_starting,
    period_at,
    period_numbers,
)
from cchc.calendar._regime import ReportRegime
from cchc.calendar._workdays import Policy, WorkCalendar, adjust
from cchc.model._items import Schedule, Task
from cchc.model._plan import Period, Plan
from cchc.text._vocab import Cadence, ScheduleKind

__all__ = ["Base", "Context", "Fields", "ReportStreams", "Stream", "streams"]

_FIELDS_KEPT = 65_536
"""How many dated periods (and schedules' shapes) an expansion keeps for reuse; then it
starts afresh."""

Fields = tuple[
    dt.date, dt.date, ScheduleKind, Period, Cadence | None, Period | None, dt.date | None, bool
]
"""The fields of an occurrence its period gives, in the order of ``attrs.fields``: date,
original date, kind, period, cadence, cut-off, earliest day to send, estimated."""


@attrs.frozen(kw_only=True)
class Context:
    """What the streams of one expansion share: calendars, rules and what was found."""

    days: Days
    regime: ReportRegime
    policy: Policy
    reading: Reading = Reading.EXCLUSIVE
    """How *trước ngày N* is read (:mod:`cchc.calendar._limits`)."""
    shapes: dict[tuple[object, ...], int] = attrs.field(factory=dict)
    """A number for each shape of schedule met (what its dates depend on)."""
    met: dict[tuple[int, Cadence | None, Period | None], tuple[Schedule, int]] = attrs.field(
        factory=dict
    )
    """The shape of each schedule object met, by its id, cadence and (for a due date) span."""
    fields: dict[tuple[int, int], Fields] = attrs.field(factory=dict)
    """The dates of occurrence k of each shape of schedule, for those worked out lately."""
    places: dict[tuple[int, int, int, dt.date], int] = attrs.field(factory=dict)
    """Where each day falls in the occurrences of each shape and range of periods."""


@attrs.frozen(kw_only=True)
class Base:
    """Where a schedule is: its plan, its task, the units responsible and its path."""

    plan: Plan
    task: Task
    units: tuple[str, ...]
    path: str
    schedule: Schedule


class Stream:
    """The occurrences of one schedule in one cadence, or its one due date, in date order.

    Occurrence *k* is that of period number *k*; a due date has the single number 0.
    """

    __slots__ = ("_context", "_ends", "_shape", "base", "cadence", "numbers", "stated")

    def __init__(
        self, base: Base, cadence: Cadence | None, numbers: range, context: Context
    ) -> None:
        self.base = base
        self.cadence = cadence
        self.numbers = numbers
        self._context = context
        schedule = base.schedule
        # A report with no day in its document has a legal window, not a deadline.
        self.stated = schedule.kind is not ScheduleKind.REPORT or schedule.anchor is not None
        # Most streams are only counted, compared or bisected: the fields around Fields
        # are gathered the first time an occurrence is made (see around).
        self._ends: tuple[tuple[object, ...], tuple[object, ...]] | None = None
        span = (base.task.period or base.plan.period) if cadence is None else None
        # The plans of a cascade hold the very same schedule objects (see
        # cchc.files._shared): a schedule met before in this cadence has its number.  The
        # entry holds the schedule, so its id is not reused while the entry lives.
        met = context.met.get((id(schedule), cadence, span))
        if met is not None and met[0] is schedule:
            self._shape = met[1]
            return
        # What the dates depend on besides the period number: equal shapes, equal dates.
        # Each shape gets a small number, quicker to hash than the enums it holds.
        shape = (
            schedule.kind,
            schedule.due,
            span,
            schedule.anchor,
            schedule.day,
            cadence,
            bound_of(schedule) if schedule.day is not None or cadence is None else None,
            schedule.cutoff_day,
        )
        self._shape = context.shapes.setdefault(shape, len(context.shapes))
        if len(context.met) >= _FIELDS_KEPT:
            context.met.clear()  # schedules not shared between plans: kept few at a time
        context.met[id(schedule), cadence, span] = (schedule, self._shape)

    def around(self) -> tuple[tuple[object, ...], tuple[object, ...]]:
        """The fields of its occurrences that do not depend on the period, around Fields."""
        ends = self._ends
        if ends is None:
            base, schedule, cadence = self.base, self.base.schedule, self.cadence
            quota = schedule.kind is ScheduleKind.QUOTA
            report = schedule.kind is ScheduleKind.REPORT
            regime = self._context.regime
            ends = self._ends = (
                (base.plan.key, base.task.id, base.path, base.units),
                (
                    schedule.count if quota else None,
                    schedule.what if quota else None,
                    schedule.to if report else None,
                    base.task.text,
                    schedule.text,
                    self.stated,
                    None if self.stated or cadence is None else regime.rule(cadence).cite,
                    base.plan.illustrative,
                ),
            )
        return ends

    @property
    def shape(self) -> int:
        """A number equal for the streams of schedules worded alike: their dates are equal."""
        return self._shape

    def at(self, number: int) -> Occurrence:
        """Occurrence *number*, its date worked out on working days."""
        head, tail = self.around()
        return build_occurrence(head + self.fields(number) + tail)

    def sort_key(self, number: int) -> tuple[object, ...]:
        """``self.at(number).sort_key()``, without making the occurrence."""
        base = self.base
        date, _, kind, period, cadence = self.fields(number)[:5]
        kind_order, cadence_order = order_of(kind, cadence)
        return (
            date,
            base.plan.key,
            base.task.id,
            kind_order,
            period.start,
            period.end,
            cadence_order,
            base.path,
            base.units,
        )

    def fields(self, number: int) -> Fields:
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

    def _work_out(self, number: int) -> Fields:
        base, context, cadence = self.base, self._context, self.cadence
        kind = base.schedule.kind
        if cadence is None:
            written = base.schedule.due
            assert written is not None  # the model requires it for kind 'due'
            due = last_day(written, bound_of(base.schedule), context.reading)
            span = base.task.period or base.plan.period
            start = span.start if span is not None and span.start <= due else due

            def moved(work: WorkCalendar) -> tuple[dt.date, bool]:
                day = adjust(due, work, context.policy)
                return day, _estimated(work, day, due)

            date, estimated = context.days.run(due, moved)
            return date, due, kind, _window(start, due), None, None, None, estimated
        period = period_at(cadence, number)

        def compute(work: WorkCalendar) -> tuple[Dates, bool]:
            found = dated(
                base.schedule,
                cadence,
                period,
                work=work,
                regime=context.regime,
                policy=context.policy,
                reading=context.reading,
            )
            return found, _estimated(work, found[0], found[1], found[4])

        dates, estimated = context.days.run(period.end, compute)
        date, original, _, cutoff, earliest = dates
        return date, original, kind, period, cadence, cutoff, earliest, estimated

    def locate(self, day: dt.date) -> int:
        """The number of the first occurrence dated on or after *day* (the stop if none)."""
        first, stop = self.numbers.start, self.numbers.stop
        # Schedules worded alike give the same dates: the place is found once for them all.
        place = (self._shape, first, stop, day)
        found = self._context.places.get(place)
        if found is not None:
            return found
        number = first if self.cadence is None else first_ending(self.cadence, day, self.numbers)
        # A date lies within its period or soon after it: from the first period ending on
        # or after *day*, a step or two finds the exact place.
        while number > first and self.fields(number - 1)[0] >= day:
            number -= 1
        while number < stop and self.fields(number)[0] < day:
            number += 1
        self._context.places[place] = number
        return number

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
        """How many occurrences are dated from *start* to *end*."""
        return len(self.span(start, end))

    def ascending(self, start: dt.date | None) -> Iterator[Occurrence]:
        """The occurrences from *start* on, soonest first."""
        for number in self.span(start, None):
            yield self.at(number)

    def descending(self, end: dt.date | None) -> Iterator[Occurrence]:
        """The occurrences up to *end*, latest first."""
        for number in reversed(self.span(None, end)):
            yield self.at(number)


def _estimated(work: WorkCalendar, *days: dt.date | None) -> bool:
    """Whether one of *days* lies in a year whose days off *work* only estimates.

    They are the dates a deadline was worked out from and on: it rests on an unannounced
    year when it is written or moved into one, or its window opens in one.
    """
    return any(day is not None and work.is_estimated(day) for day in days)


@functools.lru_cache(maxsize=4096)
def _schedule_path(task_index: int, schedule_index: int) -> str:
    """Where a schedule is in its plan file: one string for every plan's same place."""
    return f"$.tasks[{task_index}].schedules[{schedule_index}]"


def streams(plan: Plan, context: Context, kind: ScheduleKind | None = None) -> Iterator[Stream]:
    """The streams of every schedule of *plan*: one per cadence, or one for a due date.

    With *kind*, only those of the schedules of that kind.
    """
    for task_index, task in enumerate(plan.tasks):
        units = task.lead or (plan.issuer,)
        span = task.period or plan.period  # a task may cover a part of the plan's period
        for schedule_index, schedule in enumerate(task.schedules):
            schedule_kind = schedule.kind
            if kind is not None and schedule_kind is not kind:
                continue
            if schedule_kind is ScheduleKind.CONTINUOUS:
                continue  # throughout the period: no date to work out, none made up
            path = _schedule_path(task_index, schedule_index)
            base = Base(plan=plan, task=task, units=units, path=path, schedule=schedule)
            if schedule_kind is ScheduleKind.DUE:
                yield Stream(base, None, range(1), context)
            elif span is not None:
                for cadence in schedule.cadences:
                    numbers = period_numbers(cadence, span)
                    if schedule_kind is ScheduleKind.QUOTA and plan.issued is not None:
                        # A quota cannot be met before the plan asks for it: its first
                        # period starts on or after the day the plan was issued.
                        numbers = range(first_starting(cadence, plan.issued, numbers), numbers.stop)
                    if numbers:
                        yield Stream(base, cadence, numbers, context)


class ReportStreams:
    """Each plan's report streams that have a cadence, made once for every check reading them.

    The cascade check and the gap check of ``validate`` read the same streams: sharing
    them, and their context (which keeps the dates worked out), spares making both twice.
    """

    def __init__(self, context: Context) -> None:
        self.context = context
        """The context the streams are made in."""
        # By the plan's identity, the plan held so that its id is never another's.
        self._made: dict[int, tuple[Plan, tuple[Stream, ...]]] = {}

    @classmethod
    def made(
        cls,
        *,
        calendar: WorkCalendar | None = None,
        regime: ReportRegime,
        policy: Policy = Policy.NEXT,
        reading: Reading = Reading.EXCLUSIVE,
    ) -> ReportStreams:
        """The streams of a fresh context on *calendar* (Vietnam's when None)."""
        return cls(Context(days=Days(calendar), regime=regime, policy=policy, reading=reading))

    def keep(self, plans: tuple[Plan, ...], made: list[Stream]) -> None:
        """Take each of *plans*' report streams from *made*, every stream of theirs in order.

        *made* holds what :func:`streams` gives for each of *plans* in this context (an
        expansion's streams).  Nothing is taken when a plan is given twice, whose streams
        *made* holds twice.
        """
        found: dict[int, list[Stream]] = {id(plan): [] for plan in plans}
        if len(found) != len(plans):
            return
        report = ScheduleKind.REPORT
        for stream in made:
            if stream.cadence is not None and stream.base.schedule.kind is report:
                found[id(stream.base.plan)].append(stream)
        for plan in plans:
            self._made[id(plan)] = (plan, tuple(found[id(plan)]))

    def of(self, plan: Plan) -> tuple[Stream, ...]:
        """The streams of *plan*'s report schedules that have a cadence, in its order."""
        made = self._made.get(id(plan))
        if made is None:
            found = streams(plan, self.context, ScheduleKind.REPORT)
            made = self._made[id(plan)] = (plan, tuple(s for s in found if s.cadence is not None))
        return made[1]
