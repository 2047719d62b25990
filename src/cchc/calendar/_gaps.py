"""The gap check: a report's stated deadline must fall after its data cut-off.

Nghị định 09/2019/NĐ-CP, Điều 8.5 leaves at least one working day between the end of a
report's data window and the day it is sent.  A plan that sets its report's day before
its cut-off (a province's yearly report "trước ngày 10/12" read with the decree's
14/12), or the day after it when that leaves no working day, asks for the impossible:
``validate`` warns once for each schedule and cadence, at the first period concerned.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from cchc.calendar._budget import Budget
from cchc.calendar._limits import Reading
from cchc.calendar._occurrence import Occurrence, describe_period
from cchc.calendar._regime import ND09, ReportRegime
from cchc.calendar._streams import Context, ReportStreams, Stream
from cchc.calendar._workdays import Policy, WorkCalendar, add_working_days
from cchc.exceptions import Problem, Severity
from cchc.model._plan import Plan

__all__ = ["check_report_gaps", "gap_problems"]


def check_report_gaps(
    plans: Iterable[Plan],
    *,
    calendar: WorkCalendar | None = None,
    regime: ReportRegime = ND09,
    policy: Policy = Policy.NEXT,
    reading: Reading = Reading.EXCLUSIVE,
    max_occurrences: int | None = None,
) -> tuple[Problem, ...]:
    """Warn where a report's stated deadline leaves too little time after its cut-off.

    For each report schedule that names its day, the first period whose deadline falls
    before the regime's ``send_after`` working days after the data cut-off (NĐ 09/2019,
    Điều 8.5) gives a warning with rule ``calendar.report_gap``.  A report with no day
    has a window, not a deadline, and is not checked.  Each warning names its plan
    (:attr:`Problem.plan`); :meth:`Corpus.locate <cchc.Corpus.locate>` adds the file.
    With *max_occurrences*, the check raises :class:`~cchc.calendar._budget.BudgetError`
    once it has worked out that many.
    """
    streams = ReportStreams.made(calendar=calendar, regime=regime, policy=policy, reading=reading)
    return gap_problems(plans, streams, max_occurrences=max_occurrences)


def gap_problems(
    plans: Iterable[Plan], streams: ReportStreams, *, max_occurrences: int | None = None
) -> tuple[Problem, ...]:
    """:func:`check_report_gaps` over the report streams *streams* makes, shared with others."""
    context = streams.context
    regime = context.regime
    budget = Budget(max_occurrences)
    problems: list[Problem] = []
    # Schedules worded alike over the same periods have the same dates: the plans of a
    # cascade repeat their parents' reports, and each is worked out once.
    found: dict[tuple[int, range], tuple[int, dt.date] | None] = {}
    for plan in plans:
        for stream in streams.of(plan):
            cadence = stream.cadence
            assert cadence is not None  # ReportStreams keeps no other
            if not stream.stated:
                continue
            key = (stream.shape, stream.numbers)
            if key not in found:
                found[key] = _first_early(stream, context, regime.rule(cadence).send_after, budget)
            early = found[key]
            if early is not None:
                number, earliest = early
                gap = regime.rule(cadence).send_after
                problems.append(_early(stream.at(number), earliest, gap))
    return tuple(sorted(problems, key=lambda p: (p.plan or "", p.where, p.message)))


def _first_early(
    stream: Stream, context: Context, gap: int, budget: Budget
) -> tuple[int, dt.date] | None:
    """The first period of *stream* due less than *gap* working days after its cut-off.

    With the earliest day it could be due; None when every period leaves the time.
    """
    for number in stream.numbers:
        budget.spend()
        fields = stream.fields(number)  # the dates alone: no occurrence is built
        date, cutoff = fields[0], fields[5]
        assert cutoff is not None  # every report has its data window
        earliest = context.days.run(
            cutoff.end, functools.partial(add_working_days, cutoff.end, gap)
        )
        if date < earliest:
            return number, earliest
    return None


def _early(occurrence: Occurrence, earliest: dt.date, gap: int) -> Problem:
    """The warning that *occurrence* is due before *earliest*, *gap* working days in."""
    cutoff = occurrence.cutoff
    assert cutoff is not None
    where = (
        "on or before its data cut-off"
        if occurrence.date <= cutoff.end
        else f"less than {gap} working day(s) after its data cut-off"
    )
    return Problem(
        file=None,
        plan=occurrence.plan,
        path=occurrence.path,
        message=(
            f"{occurrence.plan}#{occurrence.task}: report for {describe_period(occurrence)} "
            f"is due {occurrence.date.isoformat()}, {where} {cutoff.end.isoformat()}; "
            f"expected on or after {earliest.isoformat()} (NĐ 09/2019, Điều 8.5); state "
            "the report's own cutoff_day if the plan sets an earlier one (Điều 13.2)"
        ),
        severity=Severity.WARNING,
        rule="calendar.report_gap",
    )
