"""Deadline calendars: each task's schedules expanded over its plan's period into dates.

A :class:`~cchc.Schedule` says *when* in words (``hằng tháng``, ``định kỳ hằng quý, 6
tháng, năm báo cáo``); :func:`expand` turns it into dated :class:`Occurrence` values on
Vietnamese working days.  Periods follow the calendar year, as the reporting periods of
Nghị định 09/2019/NĐ-CP, Điều 12 do (:mod:`cchc.calendar._periods`).  Reports carry their
data cut-off window and a sending deadline taken from a :class:`ReportRegime` (NĐ 09 by
default).

Everything here is a pure function of its arguments: "today" is the explicit ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import heapq
from array import array
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from cchc._collector import collector_paused
from cchc.calendar._budget import BudgetError, default_budget
from cchc.calendar._cascade import check_cascade
from cchc.calendar._days import Days
from cchc.calendar._limits import Reading
from cchc.calendar._occurrence import (
    UPCOMING_DAYS,
    Occurrence,
    Timing,
    build_occurrence,
    in_range,
    order_of,
    timing,
)
from cchc.calendar._regime import ND09, ReportRegime, ReportRule
from cchc.calendar._streams import Context, ReportStreams, Stream, streams
from cchc.calendar._workdays import Policy, WorkCalendar
from cchc.model._plan import Plan
from cchc.text._vocab import ScheduleKind

__all__ = [
    "ND09",
    "UPCOMING_DAYS",
    "BudgetError",
    "Expansion",
    "Occurrence",
    "Reading",
    "ReportRegime",
    "ReportRule",
    "Timing",
    "check_cascade",
    "default_budget",
    "expand",
    "expand_plan",
    "in_range",
    "timing",
]
"""Expansion's own names, and those other modules of cchc still import from here (their
homes are the modules they come from; the face ``cchc.calendar`` lists them all)."""

_Key = TypeVar("_Key", str, tuple[str, ...])


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
    reading: Reading = Reading.EXCLUSIVE,
) -> tuple[Occurrence, ...]:
    """Every occurrence of every task of *plans*, sorted by :meth:`Occurrence.sort_key`.

    Schedules of a plan without a period give only their fixed due dates: cchc does not
    guess the years a recurring duty covers.  Dates that fall on a day off move by *policy*
    (the next working day by default, Bộ luật Dân sự 2015, Điều 148.5).  A date worded
    *trước ngày N* ends on N-1 unless *reading* is :attr:`Reading.INCLUSIVE`.

    *start* and *end* keep the occurrences dated from one to the other (both included;
    None: no bound), and only those are worked out, whatever the plans' periods.  *units*
    keeps the duties of those units.  With *max_occurrences*, a window holding more raises
    :class:`BudgetError` before any is worked out.  Without *calendar*, Vietnam's working
    days are read for the years met.
    """
    # Occurrences are values without cycles, by the hundred thousand for a cascade: the
    # cyclic collector would only slow their making.
    with collector_paused():
        expansion = Expansion(
            plans, calendar=calendar, regime=regime, policy=policy, units=units, reading=reading
        )
        return expansion.between(start, end, max_occurrences=max_occurrences)


def expand_plan(
    plan: Plan,
    *,
    calendar: WorkCalendar | None = None,
    regime: ReportRegime = ND09,
    policy: Policy = Policy.NEXT,
    reading: Reading = Reading.EXCLUSIVE,
) -> tuple[Occurrence, ...]:
    """Expand one plan; see :func:`expand`."""
    return expand((plan,), calendar=calendar, regime=regime, policy=policy, reading=reading)


class Expansion:
    """The schedules of some plans, ready to be expanded over any window of dates.

    Building it works out no date.  Each query works out only the occurrences it returns,
    and a few at the edges of its window: the periods of a schedule are numbered, and the
    dates of a schedule's occurrences never go down as the number goes up, so the
    occurrences in a window are a range of numbers found by bisection
    (:class:`~cchc.calendar._streams.Stream`).  A plan claiming 150 years thus costs what
    the window asked about holds.
    """

    def __init__(
        self,
        plans: Iterable[Plan],
        *,
        calendar: WorkCalendar | None = None,
        regime: ReportRegime = ND09,
        policy: Policy = Policy.NEXT,
        units: Iterable[str] | None = None,
        reading: Reading = Reading.EXCLUSIVE,
    ) -> None:
        self._context = Context(days=Days(calendar), regime=regime, policy=policy, reading=reading)
        wanted = None if units is None else frozenset(units)
        plans = tuple(plans)
        # Every plan's streams, when no unit is picked: the report checks can share them.
        self._plans = plans if wanted is None else None
        self._streams = [
            stream
            for plan in plans
            for stream in streams(plan, self._context)
            if wanted is None or not wanted.isdisjoint(stream.base.units)
        ]
        self._alike: list[array[int]] | None = None

    def report_streams(self) -> ReportStreams:
        """The report streams of its plans in its context, for the report checks.

        Those it made already when it holds every stream of its plans (no *units* were
        picked); the checks then also share the dates it has worked out.
        """
        found = ReportStreams(self._context)
        if self._plans is not None:
            found.keep(self._plans, self._streams)
        return found

    def _groups(self) -> list[array[int]]:
        """The streams by shape and periods, each group the places of its streams in order.

        Streams of the same shape over the same periods have the same dates (a cascade
        repeats its schedules in every plan): a query works out one of each group.
        """
        if self._alike is None:
            # Places as machine integers: a summary of 100,000 plans groups 2.4 million.
            alike: dict[tuple[int, range], array[int]] = {}
            for place, stream in enumerate(self._streams):
                key = (stream.shape, stream.numbers)
                group = alike.get(key)
                if group is None:
                    group = alike[key] = array("q")
                group.append(place)
            self._alike = list(alike.values())
        return self._alike

    def count(
        self, start: dt.date | None = None, end: dt.date | None = None, *, stated: bool = False
    ) -> int:
        """How many occurrences are dated from *start* to *end*, without working them out.

        With *stated*, only those with a deadline the document states (what can be overdue).
        """
        found = self._streams
        return sum(
            found[group[0]].count(start, end) * len(group)
            for group in self._groups()
            if found[group[0]].stated or not stated
        )

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
        found: list[Occurrence] = []
        keys: list[tuple[object, ...]] = []
        for (stream, numbers), (plan_task_kind, place) in zip(
            spans, _ranks(self._streams), strict=True
        ):
            if not numbers:
                continue
            # An occurrence is its stream's fields around those its period gives.
            head, tail = stream.around()
            for fields in map(stream.fields, numbers):
                period = fields[3]
                # Occurrence.sort_key in five parts quick to compare: the date, then the
                # rank of the stream's (plan, task, kind), the period, the rank of its
                # (cadence, path, units).  Equal ranks stand for equal parts.
                keys.append((fields[0], plan_task_kind, period.start, period.end, place))
                found.append(build_occurrence(head + fields + tail))
        order = sorted(range(len(found)), key=keys.__getitem__)
        return tuple(map(found.__getitem__, order))

    def forward(
        self, start: dt.date | None = None, limit: int | None = None
    ) -> Iterator[Occurrence]:
        """The occurrences from *start* on, soonest first, worked out as they are read.

        With *limit*, only the first *limit* of them.
        """
        streams = self._streams
        if limit is not None:
            streams = self._holding(limit, start, latest=False, stated=False)
        merged = heapq.merge(
            *(stream.ascending(start) for stream in streams), key=Occurrence.sort_key
        )
        return merged if limit is None else islice(merged, limit)

    def backward(
        self, end: dt.date | None = None, *, stated: bool = False, limit: int | None = None
    ) -> Iterator[Occurrence]:
        """The occurrences up to *end*, latest first, worked out as they are read.

        With *stated*, only those with a deadline the document states; with *limit*, only
        the latest *limit* of them.
        """
        if limit is not None:
            streams = self._holding(limit, end, latest=True, stated=stated)
        else:
            streams = [stream for stream in self._streams if stream.stated or not stated]
        merged = heapq.merge(
            *(stream.descending(end) for stream in streams), key=Occurrence.sort_key, reverse=True
        )
        return merged if limit is None else islice(merged, limit)

    def _holding(
        self, limit: int, day: dt.date | None, *, latest: bool, stated: bool
    ) -> list[Stream]:
        """The streams that can hold one of the *limit* first occurrences, in their order.

        Read soonest first from *day* on, or with *latest* latest first up to *day*; with
        *stated*, only the streams of stated deadlines.  A stream's later occurrences
        come after its first, and occurrences of two streams never sort alike (but for a
        plan given twice, whose copies are both kept), so a stream whose first is not
        among the *limit* best firsts has *limit* occurrences of others before all of its
        own.  The dates, one a group of alike streams, pick the few candidates at once;
        only those tied on the last date are told apart by their whole sort key: a
        cascade's units share their deadlines, and a tie can hold thousands of streams.
        """
        found = self._streams
        firsts: list[tuple[dt.date, int, array[int]]] = []
        for group in self._groups():
            stream = found[group[0]]
            if stated and not stream.stated:
                continue
            numbers = stream.span(None, day) if latest else stream.span(day, None)
            if numbers:
                number = numbers[-1] if latest else numbers[0]
                firsts.append((stream.fields(number)[0], number, group))
        if not firsts or not limit:
            return []
        firsts.sort(key=lambda first: first[0], reverse=latest)
        # The date of the limit-th first occurrence, counting each stream of a group.
        seen, bound = 0, firsts[-1][0]
        for date, _, group in firsts:
            seen += len(group)
            if seen >= limit:
                bound = date
                break
        near = sorted(
            (place, number)
            for date, number, group in firsts
            if (date >= bound if latest else date <= bound)
            for place in group
        )
        if len(near) <= limit:
            return [found[place] for place, _ in near]
        keyed = [(found[place].sort_key(number), found[place]) for place, number in near]
        best = heapq.nlargest if latest else heapq.nsmallest
        # Equal keys (a plan given twice) are all kept: the merge then sees what it saw before.
        chosen = set(best(limit, (key for key, _ in keyed)))
        return [stream for key, stream in keyed if key in chosen]


def _ranks(found: list[Stream]) -> list[tuple[int, int]]:
    """For each stream, the ranks of its (plan, task, kind) and (cadence, path, units).

    These are the parts of :meth:`Occurrence.sort_key` a stream fixes: before and after
    the period.  Streams with equal parts get equal ranks, and the ranks keep the order
    of the parts.  Each part is ranked among its own few distinct values (a corpus has
    far fewer plans, task ids or paths than streams), and a stream's ranks combine them
    as the digits of one number, most significant first: comparing two such numbers
    compares the parts in order, and sorting the streams' tuples of strings is avoided.
    """
    if not found:
        return []
    bases = [stream.base for stream in found]
    plans = _dense([base.plan.key for base in bases])
    tasks = _dense([base.task.id for base in bases])
    paths = _dense([base.path for base in bases])
    units = _dense([base.units for base in bases])
    n_tasks, n_paths, n_units = max(tasks) + 1, max(paths) + 1, max(units) + 1
    n_kinds = len(ScheduleKind)
    ranks: list[tuple[int, int]] = []
    for stream, base, plan, task, path, unit in zip(
        found, bases, plans, tasks, paths, units, strict=True
    ):
        kind, cadence = order_of(base.schedule.kind, stream.cadence)
        # cadence is -1 for a due date: shifted by one so that every digit is at least 0.
        ranks.append(
            (
                (plan * n_tasks + task) * n_kinds + kind,
                ((cadence + 1) * n_paths + path) * n_units + unit,
            )
        )
    return ranks


def _dense(values: list[_Key]) -> list[int]:
    """The dense rank of each of *values* (equal values, equal ranks), in their order."""
    ranks = {value: rank for rank, value in enumerate(sorted(set(values)))}
    return [ranks[value] for value in values]
