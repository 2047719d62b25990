"""The cascade check: a child's report must reach its parent in time for the parent's own.

For every period a child plan and its parent both report on, the child's sending deadline
must fall at least *lead* working days before the parent's earliest own one (one by
default, the gap Nghị định 09/2019/NĐ-CP, Điều 8.5 requires between receiving data and
reporting).  A report the parent orders from a group the child belongs to ("UBND các
huyện báo cáo trước ngày 10/12") is the child's own duty, not the parent's: the child's
deadline must not fall after it, and it is not taken for the parent's report.  Only the
periods both plans report on are worked out.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator

from cchc.calendar._budget import Budget
from cchc.calendar._occurrence import Occurrence, describe_period
from cchc.calendar._regime import ND09, ReportRegime
from cchc.calendar._streams import ReportStreams, Stream
from cchc.calendar._workdays import Policy, WorkCalendar, add_working_days
from cchc.exceptions import Problem, Severity
from cchc.model._groups import Groups
from cchc.model._plan import Plan
from cchc.text._vocab import Cadence

__all__ = ["cascade_problems", "check_cascade"]

_Place = tuple[str, Cadence, int, str | None]
"""A parent's report period: its plan, cadence, number and the child owing it, if one does."""


def check_cascade(
    pairs: Iterable[tuple[Plan, Plan]],
    *,
    calendar: WorkCalendar | None = None,
    regime: ReportRegime = ND09,
    policy: Policy = Policy.NEXT,
    lead: int = 1,
    max_occurrences: int | None = None,
    groups: Groups | None = None,
) -> tuple[Problem, ...]:
    """Check that each child's report is due *lead* working days before its parent's.

    *pairs* holds (parent, child) plans.  For every period both report on, the child's
    sending deadline must fall at least *lead* working days (default 1, the gap NĐ 09/2019,
    Điều 8.5 requires between receiving data and reporting) before the parent's earliest
    own one; a parent that names no day is taken at the last day its regime allows (NĐ 09,
    Điều 13.1).  With *groups* (the corpus' :attr:`~cchc.Corpus.groups`), a report of the
    parent sent by a group the child's issuer belongs to, or by the issuer itself, is the
    child's duty: the child's deadline must not fall after it, and it is not the parent's
    own; a report sent by another group is another unit's.  A child that names no day is
    not compared: it has no deadline to be late, only a legal window.  Each violation is a
    warning with rule ``calendar.cascade``, located in the child (its
    :attr:`Problem.plan`; :meth:`Corpus.locate <cchc.Corpus.locate>` adds the file).  Only
    the periods both plans report on are worked out, and with *max_occurrences* the check
    raises :class:`~cchc.calendar._budget.BudgetError` once it has worked out that many.
    """
    reports = ReportStreams.made(calendar=calendar, regime=regime, policy=policy)
    return cascade_problems(
        pairs, reports, lead=lead, max_occurrences=max_occurrences, groups=groups
    )


def cascade_problems(
    pairs: Iterable[tuple[Plan, Plan]],
    streams: ReportStreams,
    *,
    lead: int = 1,
    max_occurrences: int | None = None,
    groups: Groups | None = None,
) -> tuple[Problem, ...]:
    """:func:`check_cascade` over the report streams *streams* makes, shared with others."""
    reports = _Reports(streams, Budget(max_occurrences), groups, lead)
    problems: set[Problem] = set()
    for parent, child in pairs:
        for stream, number, upper, latest, owed in reports.late(parent, child):
            problems.add(
                _late(stream.at(number), upper, parent, latest, lead=None if owed else lead)
            )
    return tuple(sorted(problems, key=lambda p: (p.plan or "", p.where, p.message)))


def _late(
    occurrence: Occurrence,
    upper: Occurrence,
    parent: Plan,
    latest: dt.date,
    *,
    lead: int | None,
) -> Problem:
    """The warning that the child's *occurrence* is due after *latest*, in the child.

    *lead* is None when *upper* is the child's own report as the parent orders it.
    """
    against = (
        f"the day {parent.key}#{upper.task} orders it"
        if lead is None
        else f"{lead} working day(s) before {parent.key}#{upper.task} due {upper.date.isoformat()}"
    )
    return Problem(
        file=None,
        plan=occurrence.plan,
        path=occurrence.path,
        message=(
            f"{occurrence.plan}#{occurrence.task}: report for "
            f"{describe_period(occurrence)} is due "
            f"{occurrence.date.isoformat()}, expected by {latest.isoformat()}, {against}"
        ),
        severity=Severity.WARNING,
        rule="calendar.cascade",
    )


class _Reports:
    """Reports worked out for the periods a child and its parent both report on, only."""

    def __init__(
        self, streams: ReportStreams, budget: Budget, groups: Groups | None, lead: int
    ) -> None:
        self._made = streams
        self._context = streams.context
        self._budget = budget
        self._groups = groups
        self._lead = lead
        self._streams: dict[str, dict[Cadence, list[Stream]]] = {}
        self._limits: dict[_Place, tuple[Occurrence, dt.date] | None] = {}
        # Parents' deadlines repeat across their children: each is moved back once.
        self._before: dict[dt.date, dt.date] = {}

    def _of(self, plan: Plan) -> dict[Cadence, list[Stream]]:
        """The report streams of *plan*, by cadence."""
        found = self._streams.get(plan.key)
        if found is None:
            found = self._streams[plan.key] = {}
            for stream in self._made.of(plan):
                assert stream.cadence is not None  # ReportStreams keeps no other
                found.setdefault(stream.cadence, []).append(stream)
        return found

    def _at(self, stream: Stream, number: int) -> Occurrence:
        self._budget.spend()
        return stream.at(number)

    def _limit(self, place: _Place, uppers: list[Stream]) -> tuple[Occurrence, dt.date] | None:
        """The parent's earliest of *uppers* on period ``place[2]``, and the child's latest day.

        The latest day is the parent's own deadline moved back *lead* working days, or the
        day itself for a report the child owes (``place[3]`` names the child); each place
        is worked out once.
        """
        limits = self._limits
        if place in limits:
            return limits[place]
        number = place[2]
        upper = min(
            (self._at(stream, number) for stream in uppers if number in stream.numbers),
            key=Occurrence.sort_key,
            default=None,
        )
        found = None
        if upper is not None:
            day = upper.date
            if place[3] is not None:
                latest = day
            elif day in self._before:
                latest = self._before[day]
            else:
                latest = self._before[day] = self._context.days.run(
                    day, functools.partial(add_working_days, day, -self._lead)
                )
            found = (upper, latest)
        limits[place] = found
        return found

    def _sorted(
        self, parent: Plan, child: Plan
    ) -> dict[Cadence, tuple[list[Stream], list[Stream]]]:
        """The parent's report streams by cadence: its own, and those the child owes.

        Without groups, every report of the parent is its own.
        """
        groups = self._groups
        found: dict[Cadence, tuple[list[Stream], list[Stream]]] = {}
        for cadence, uppers in self._of(parent).items():
            if not groups:
                found[cadence] = (uppers, [])
                continue
            own: list[Stream] = []
            owed: list[Stream] = []
            for stream in uppers:
                senders = stream.base.units
                if any(
                    code == child.issuer
                    or (groups.is_group(code) and groups.belongs(child.issuer, code))
                    for code in senders
                ):
                    owed.append(stream)
                elif not any(groups.is_group(code) for code in senders):
                    own.append(stream)
            found[cadence] = (own, owed)
        return found

    def late(
        self, parent: Plan, child: Plan
    ) -> Iterator[tuple[Stream, int, Occurrence, dt.date, bool]]:
        """Each report of *child* due after what *parent* allows, as its stream and number.

        With it come the parent's earliest report for the same period, the latest day the
        child's could be due, and True when the parent's report is the child's own duty,
        sent by a group it belongs to.  A child's report whose document names no day has no
        deadline to compare: it is left out, and never worked out.  A report on the first
        half-year only and a half-yearly one meet on the first half.  Only the dates are
        compared here, the occurrences are made for the late ones alone.
        """
        above = self._sorted(parent, child)
        spend = self._budget.spend
        for cadence, lows in self._of(child).items():
            for upper_cadence, numbers in _SAME_PERIOD.get(cadence, ((cadence, _same),)):
                split = above.get(upper_cadence)
                if split is None:
                    continue
                for owed, uppers in ((False, split[0]), (True, split[1])):
                    if not uppers:
                        continue
                    place_of = child.issuer if owed else None
                    low = min(stream.numbers.start for stream in uppers)
                    high = max(stream.numbers.stop for stream in uppers)
                    for stream in lows:
                        if not stream.stated:
                            continue
                        fields = stream.fields
                        for number, above_number in numbers(stream.numbers, low, high):
                            limit = self._limit(
                                (parent.key, upper_cadence, above_number, place_of), uppers
                            )
                            if limit is None:
                                continue
                            spend()
                            if fields(number)[0] > limit[1]:
                                yield stream, number, limit[0], limit[1], owed


def _same(numbers: range, low: int, high: int) -> Iterator[tuple[int, int]]:
    """The periods of *numbers* from *low* to *high*, numbered alike in both cadences."""
    for number in range(max(low, numbers.start), min(high, numbers.stop)):
        yield number, number


def _half_of_first(numbers: range, low: int, high: int) -> Iterator[tuple[int, int]]:
    """First halves (numbered by year) as half-years (two a year) from *low* to *high*."""
    for year in range(max(numbers.start, -(-low // 2)), min(numbers.stop, -(-high // 2))):
        yield year, 2 * year


def _first_of_half(numbers: range, low: int, high: int) -> Iterator[tuple[int, int]]:
    """The first half-years of *numbers* as first halves (numbered by year), *low* to *high*."""
    for year in range(max(low, -(-numbers.start // 2)), min(high, -(-numbers.stop // 2))):
        yield 2 * year, year


_SAME_PERIOD = {
    Cadence.FIRST_HALF: ((Cadence.FIRST_HALF, _same), (Cadence.HALF_YEARLY, _half_of_first)),
    Cadence.HALF_YEARLY: ((Cadence.HALF_YEARLY, _same), (Cadence.FIRST_HALF, _first_of_half)),
}
"""The parent's cadences a child's report of a cadence shares periods with, and how their
numbers pair; any other cadence shares only its own."""
