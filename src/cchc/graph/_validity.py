"""Units checked against the days they are given work: leads, recipients, expected children.

A unit exists from ``valid_from`` to ``valid_to`` and then hands its duties to its
``successor``.  On 1 July 2025 local government became two levels, province and commune,
and every district ended the day before (Luật Tổ chức chính quyền địa phương 2025, in
force that day); provinces went from 63 to 34.  A 2021-2025 plan of a district body
still lists that body's quarterly reports of Q3 and Q4 2025: those are owed by a unit
that no longer exists, and the warning names who took over.

The days a unit is owed work come from the plan's own data only (no working-day
calendar): a ``due`` schedule's date; for a periodic schedule, one nominal day per
calendar period of its cadence within the plan's period (the period's start or end, the
given day of its last month, or of the month after it, by its ``anchor``); and for a task
with no dated schedule, the plan's whole period.  A deadline moved to the next working
day (Bộ luật Dân sự 2015, Điều 148) can only fall later, so a nominal day after a unit
ended is surely after it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections.abc import Iterator
from typing import NamedTuple

from cchc.exceptions import Problem, Severity
from cchc.graph._graph import PlanGraph
from cchc.model._corpus import Corpus
from cchc.model._items import Schedule, Task
from cchc.model._plan import Period, Plan, Unit
from cchc.model._units import units_on
from cchc.text._dates import format_vn_date
from cchc.text._vocab import Anchor, Cadence, ScheduleKind

__all__ = ["VALIDITY_RULES", "validity_problems"]

VALIDITY_RULES: dict[str, Severity] = {
    "graph.lead_inactive": Severity.WARNING,
    "graph.recipient_inactive": Severity.WARNING,
    "graph.expected_child_inactive": Severity.WARNING,
}
"""The rules of this module, with their severity (part of ``cchc.graph.RULES``)."""

MAX_PERIODS = 1200
"""Periods of one schedule looked at, at most: a hundred years of monthly ones."""

_SHOWN = 4
"""Owed periods a message lists before it only counts the rest."""


class _Owed(NamedTuple):
    """A day a unit is owed work on, with how a message names it (``Q3/2025``)."""

    day: dt.date
    name: str
    span: bool = False
    """True for the first or last day of an undated duty's span (the plan's period)."""


def validity_problems(graph: PlanGraph) -> Iterator[Problem]:
    """Warnings for leads, report recipients and expected children outside their validity."""
    units = graph.corpus.units
    # Only units with dates can be given work outside them: most corpora have few.
    dated = {code for code, unit in units.items() if unit.valid_from or unit.valid_to}
    if not dated:
        return
    for plan in graph.corpus.plans:
        for i, task in enumerate(plan.tasks):
            if dated.intersection(task.lead):
                owed = _task_owed(task, plan)
                for j, code in enumerate(task.lead):
                    where = f"$.tasks[{i}].lead[{j}]"
                    yield from _outside(graph, plan, where, code, owed, role="lead")
            for k, schedule in enumerate(task.schedules):
                if schedule.to in dated:
                    where = f"$.tasks[{i}].schedules[{k}].to"
                    sent = list(_schedule_owed(schedule, plan)) or _through(plan, "reports")
                    yield from _outside(graph, plan, where, schedule.to, sent, role="recipient")
        yield from _expected(graph, plan)


# -- the days work is owed ------------------------------------------------------------------


def _task_owed(task: Task, plan: Plan) -> list[_Owed]:
    """Every day *task*'s leads owe work: its schedules' days, else the plan's whole period.

    A schedule that names no period (``định kỳ báo cáo``) runs through the plan's period.
    """
    owed: list[_Owed] = []
    undated = not task.schedules
    for schedule in task.schedules:
        days = list(_schedule_owed(schedule, plan))
        owed.extend(days)
        undated = undated or not days
    if undated:
        owed.extend(_through(plan))
    return sorted(set(owed))


def _through(plan: Plan, what: str = "duties") -> list[_Owed]:
    """The plan's period as the span of undated work: its first and its last day."""
    if plan.period is None:
        return []
    name = f"{what} through the plan's period {plan.period}"
    return [_Owed(plan.period.start, name, True), _Owed(plan.period.end, name, True)]


def _schedule_owed(schedule: Schedule, plan: Plan) -> Iterator[_Owed]:
    """The nominal days of *schedule*: its due date, or one per period of each cadence."""
    if schedule.kind is ScheduleKind.DUE:
        if schedule.due is not None:
            yield _Owed(schedule.due, format_vn_date(schedule.due, "numeric"))
        return
    if plan.period is None:
        return
    for cadence in schedule.cadences:
        for start, end, label in itertools.islice(
            cadence_periods(cadence, plan.period), MAX_PERIODS
        ):
            yield _Owed(_nominal(schedule, start, end), label)


def cadence_periods(cadence: Cadence, period: Period) -> Iterator[tuple[dt.date, dt.date, str]]:
    """The calendar periods of *cadence* that overlap *period*, with their names.

    Periods run from 1 January by the cadence's months (Nghị định 09/2019/NĐ-CP, Điều 12
    counts months, quarters, halves and years of the calendar); a nine-month period is
    January to September, the one that provinces' "báo cáo 9 tháng" cover.
    """
    months = cadence.months
    for year in range(period.start.year, period.end.year + 1):
        firsts = (1,) if cadence is Cadence.NINE_MONTHLY else range(1, 13, months)
        for index, first in enumerate(firsts, start=1):
            start = dt.date(year, first, 1)
            end = _month_end(year, first + months - 1)
            if end >= period.start and start <= period.end:
                yield start, end, _period_name(cadence, year, first, index)


def _period_name(cadence: Cadence, year: int, first: int, index: int) -> str:
    """``07/2025``, ``Q3/2025``, ``H2/2025``, ``9M/2025`` or ``2025``."""
    if cadence is Cadence.MONTHLY:
        return f"{first:02d}/{year}"
    if cadence is Cadence.QUARTERLY:
        return f"Q{index}/{year}"
    if cadence is Cadence.HALF_YEARLY:
        return f"H{index}/{year}"
    if cadence is Cadence.NINE_MONTHLY:
        return f"9M/{year}"
    return str(year)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _nominal(schedule: Schedule, start: dt.date, end: dt.date) -> dt.date:
    """The day within or after a period that *schedule* sets, before any working-day shift."""
    if schedule.anchor is Anchor.START:
        return start
    if schedule.anchor in (Anchor.DAY, Anchor.FOLLOWING_DAY) and schedule.day is not None:
        year, month = end.year, end.month
        if schedule.anchor is Anchor.FOLLOWING_DAY:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        # A day the month lacks (31 in June) is its last day, as Điều 148.1 BLDS reads it.
        return dt.date(year, month, min(schedule.day, calendar.monthrange(year, month)[1]))
    # The end anchor, a quota and a report without anchor are owed by the period's end.
    return end


# -- the checks -----------------------------------------------------------------------------

_ROLE = {
    "lead": ("graph.lead_inactive", "a lead unit that exists on the days its duty is owed"),
    "recipient": (
        "graph.recipient_inactive",
        "a report recipient that exists on the days reports are sent to it",
    ),
}


def _outside(
    graph: PlanGraph, plan: Plan, path: str, code: str, owed: list[_Owed], *, role: str
) -> Iterator[Problem]:
    """A warning for the days of *owed* after the unit *code* ended, one for those before."""
    units = graph.corpus.units
    unit = units.get(code)
    if unit is None or not owed or (unit.valid_from is None and unit.valid_to is None):
        return
    rule, expected = _ROLE[role]
    owed = sorted(set(owed))
    found = f"{code} ({graph.corpus.unit_name(code, english=True)})"
    verb = "owing" if role == "lead" else "receiving"
    if unit.valid_to is not None:
        after = [o for o in owed if o.day > unit.valid_to]
        if after:
            yield _problem(
                graph,
                plan,
                path,
                rule,
                f"expected {expected}, found {found}, which ended "
                f"on {format_vn_date(unit.valid_to, 'numeric')}, {verb} {_names(after)} after "
                f"that; {_successor(graph.corpus, unit, after[0].day)}",
            )
    if unit.valid_from is not None:
        # An undated duty's span counts only when it ends before the unit began: a unit
        # formed on 1 July 2025 may lead an undated duty of a 2025 plan for the part of
        # the year it exists in.  Dated days before it began are owed by nobody.
        start = unit.valid_from
        spans = [o for o in owed if o.span]
        before = [o for o in owed if o.day < start and not o.span]
        if spans and max(o.day for o in spans) < start:
            before += spans
        if before:
            yield _problem(
                graph,
                plan,
                path,
                rule,
                f"expected {expected}, found {found}, which began "
                f"on {format_vn_date(start, 'numeric')}, {verb} {_names(before)} "
                f"before that; {_predecessors(graph.corpus, unit, before[0].day)}",
            )


def _names(owed: list[_Owed]) -> str:
    """The owed periods for a message: the first few, then how many in all."""
    names = list(dict.fromkeys(o.name for o in owed))
    shown = ", ".join(names[:_SHOWN])
    return shown if len(names) <= _SHOWN else f"{shown} … ({len(names)} in all)"


def _successor(corpus: Corpus, unit: Unit, day: dt.date) -> str:
    """Who took over from *unit*, as it was on *day*: for the end of a message."""
    units = corpus.units
    then = [c for c in units_on(units, unit.code, day) if c != unit.code and c in units]
    if not then and unit.successor is not None:
        then = [unit.successor]
    if not then:
        return "no successor is declared (set the unit's successor in the registry)"
    named = ", ".join(f"{code} ({corpus.unit_name(code, english=True)})" for code in then)
    return f"its successor is {named}"


def _predecessors(corpus: Corpus, unit: Unit, day: dt.date) -> str:
    """Who did *unit*'s work on *day*, before it began: for the end of a message."""
    units = corpus.units
    then = [c for c in units_on(units, unit.code, day) if c != unit.code and c in units]
    if not then:
        return "no unit is declared with it as successor"
    named = ", ".join(f"{code} ({corpus.unit_name(code, english=True)})" for code in then)
    return f"before it: {named}"


def _expected(graph: PlanGraph, plan: Plan) -> Iterator[Problem]:
    """Expected children that did not exist when the plan expects their plans.

    A plan expects its children's plans from the day it is issued (else its period's
    first day): a unit that had ended by then cannot issue one, and one formed after the
    plan's period never could.  A unit formed during the period may, so it is not flagged.
    """
    units = graph.corpus.units
    day = plan.issued or (plan.period.start if plan.period is not None else None)
    if day is None:
        return
    for j, code in enumerate(plan.expected_children):
        unit = units.get(code)
        if unit is None:
            continue
        name = f"{code} ({graph.corpus.unit_name(code, english=True)})"
        expected = "an expected child unit that exists when the plan expects its plan"
        on = format_vn_date(day, "numeric")
        if unit.valid_to is not None and unit.valid_to < day:
            message = (
                f"expected {expected} ({on}), found {name}, which ended on "
                f"{format_vn_date(unit.valid_to, 'numeric')}; {_successor(graph.corpus, unit, day)}"
            )
        elif unit.valid_from is not None and unit.valid_from > (
            plan.period.end if plan.period is not None else day
        ):
            message = (
                f"expected {expected} ({on}), found {name}, which began on "
                f"{format_vn_date(unit.valid_from, 'numeric')}, after the plan's period; "
                f"{_predecessors(graph.corpus, unit, day)}"
            )
        else:
            continue
        yield _problem(
            graph, plan, f"$.expected_children[{j}]", "graph.expected_child_inactive", message
        )


def _problem(graph: PlanGraph, plan: Plan, path: str, rule: str, message: str) -> Problem:
    return Problem(
        file=None,
        plan=plan.key,
        path=path,
        message=message,
        severity=VALIDITY_RULES[rule],
        rule=rule,
    )
