"""The cascade check: a child's report must reach its parent in time for the parent's own.

For every period a child plan and its parent both report on, the child's sending deadline
must fall at least *lead* working days before the parent's earliest one (one by default,
the gap Nghị định 09/2019/NĐ-CP, Điều 8.5 requires between receiving data and reporting).
Only the periods both plans report on are worked out.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator

from cchc.calendar._budget import Budget
from cchc.calendar._days import Days
from cchc.calendar._occurrence import Occurrence, describe_period
from cchc.calendar._regime import ND09, ReportRegime
from cchc.calendar._streams import Context, Stream, streams
from cchc.calendar._workdays import Policy, WorkCalendar, add_working_days
from cchc.exceptions import Problem, Severity
from cchc.model._plan import Plan
from cchc.text._vocab import Cadence, ScheduleKind

__all__ = ["check_cascade"]


def check_cascade(
    pairs: Iterable[tuple[Plan, Plan]],
    *,
    calendar: WorkCalendar | None = None,
    regime: ReportRegime = ND09,
    policy: Policy = Policy.NEXT,
    lead: int = 1,
    max_occurrences: int | None = None,
) -> tuple[Problem, ...]:
    """Check that each child's report is due *lead* working days before its parent's.

    *pairs* holds (parent, child) plans.  For every period both report on, the child's
    sending deadline must fall at least *lead* working days (default 1, the gap NĐ 09/2019,
    Điều 8.5 requires between receiving data and reporting) before the parent's earliest
    one; a parent that names no day is taken at the last day its regime allows (NĐ 09,
    Điều 13.1).  A child that names no day is not compared: it has no deadline to be late,
    only a legal window.  Each violation is a warning with rule ``calendar.cascade``,
    located in the child (its :attr:`Problem.plan`; :meth:`Corpus.locate
    <cchc.Corpus.locate>` adds the file).  Only the periods both
    plans report on are worked out, and with *max_occurrences* the check raises
    :class:`~cchc.calendar._budget.BudgetError` once it has worked out that many.
    """
    context = Context(days=Days(calendar), regime=regime, policy=policy)
    reports = _Reports(context, Budget(max_occurrences))
    problems: set[Problem] = set()
    for parent, child in pairs:
        for occurrence, upper in reports.compare(parent, child):
            latest = context.days.run(
                upper.date, functools.partial(add_working_days, upper.date, -lead)
            )
            if occurrence.date > latest:
                problems.add(_late(occurrence, upper, parent, latest, lead=lead))
    return tuple(sorted(problems, key=lambda p: (p.plan or "", p.where, p.message)))


def _late(
    occurrence: Occurrence,
    upper: Occurrence,
    parent: Plan,
    latest: dt.date,
    *,
    lead: int,
) -> Problem:
    """The warning that the child's *occurrence* is due after *latest*, in the child."""
    return Problem(
        file=None,
        plan=occurrence.plan,
        path=occurrence.path,
        message=(
            f"{occurrence.plan}#{occurrence.task}: report for "
            f"{describe_period(occurrence)} is due "
            f"{occurrence.date.isoformat()}, expected by {latest.isoformat()}, "
            f"{lead} working day(s) before {parent.key}#{upper.task} "
            f"due {upper.date.isoformat()}"
        ),
        severity=Severity.WARNING,
        rule="calendar.cascade",
    )


class _Reports:
    """Reports worked out for the periods a child and its parent both report on, only."""

    def __init__(self, context: Context, budget: Budget) -> None:
        self._context = context
        self._budget = budget
        self._streams: dict[str, dict[Cadence, list[Stream]]] = {}
        self._earliest: dict[tuple[str, Cadence, int], Occurrence | None] = {}

    def _of(self, plan: Plan) -> dict[Cadence, list[Stream]]:
        """The report streams of *plan*, by cadence."""
        found = self._streams.get(plan.key)
        if found is None:
            found = self._streams[plan.key] = {}
            for stream in streams(plan, self._context):
                if stream.cadence is not None and stream.base.schedule.kind is ScheduleKind.REPORT:
                    found.setdefault(stream.cadence, []).append(stream)
        return found

    def _at(self, stream: Stream, number: int) -> Occurrence:
        self._budget.spend()
        return stream.at(number)

    def _upper(
        self, key: str, cadence: Cadence, number: int, uppers: list[Stream]
    ) -> Occurrence | None:
        """The earliest report of plan *key* on period *number* (a parent has many children)."""
        place = (key, cadence, number)
        if place not in self._earliest:
            self._earliest[place] = min(
                (self._at(stream, number) for stream in uppers if number in stream.numbers),
                key=Occurrence.sort_key,
                default=None,
            )
        return self._earliest[place]

    def compare(self, parent: Plan, child: Plan) -> Iterator[tuple[Occurrence, Occurrence]]:
        """Each report of *child* with the earliest of *parent* for the same period.

        A child's report whose document names no day has no deadline to compare: it is
        left out, and never worked out.
        """
        above = self._of(parent)
        for cadence, lows in self._of(child).items():
            uppers = above.get(cadence)
            if not uppers:
                continue
            low = min(stream.numbers.start for stream in uppers)
            high = max(stream.numbers.stop for stream in uppers)
            for stream in lows:
                if not stream.stated:
                    continue
                for number in range(max(low, stream.numbers.start), min(high, stream.numbers.stop)):
                    upper = self._upper(parent.key, cadence, number, uppers)
                    if upper is not None:
                        yield self._at(stream, number), upper
