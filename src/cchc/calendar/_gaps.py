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
from cchc.calendar._days import Days
from cchc.calendar._limits import Reading
from cchc.calendar._occurrence import Occurrence, describe_period
from cchc.calendar._regime import ND09, ReportRegime
from cchc.calendar._streams import Context, streams
from cchc.calendar._workdays import Policy, WorkCalendar, add_working_days
from cchc.exceptions import Problem, Severity
from cchc.model._plan import Plan
from cchc.text._vocab import ScheduleKind

__all__ = ["check_report_gaps"]


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
    context = Context(days=Days(calendar), regime=regime, policy=policy, reading=reading)
    budget = Budget(max_occurrences)
    problems: list[Problem] = []
    for plan in plans:
        for stream in streams(plan, context):
            cadence = stream.cadence
            if cadence is None or stream.base.schedule.kind is not ScheduleKind.REPORT:
                continue
            if not stream.stated:
                continue
            gap = regime.rule(cadence).send_after
            for number in stream.numbers:
                budget.spend()
                occurrence = stream.at(number)
                cutoff = occurrence.cutoff
                assert cutoff is not None  # every report has its data window
                earliest = context.days.run(
                    cutoff.end, functools.partial(add_working_days, cutoff.end, gap)
                )
                if occurrence.date < earliest:
                    problems.append(_early(occurrence, earliest, gap))
                    break
    return tuple(sorted(problems, key=lambda p: (p.plan or "", p.where, p.message)))


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
