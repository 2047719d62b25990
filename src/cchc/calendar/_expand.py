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
from collections.abc import Iterable, Iterator, Mapping

import attrs

from cchc._faces import rehome
from cchc.calendar._workdays import (
    Policy,
    WorkCalendar,
    add_working_days,
    adjust,
    is_working_day,
    previous_working_day,
)
from cchc.exceptions import ModelError, Problem, Severity
from cchc.model._items import Schedule, Task
from cchc.model._plan import Period, Plan
from cchc.text._vocab import Anchor, Cadence, ScheduleKind

__all__ = [
    "ND09",
    "UPCOMING_DAYS",
    "Occurrence",
    "ReportRegime",
    "ReportRule",
    "Timing",
    "agenda",
    "calendar_for",
    "check_cascade",
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


@functools.lru_cache(maxsize=4096)
def _periods(cadence: Cadence, span: Period) -> tuple[Period, ...]:
    """Return the periods of *cadence* that end within *span* (a plan's period)."""
    found = []
    for year in range(span.start.year, span.end.year + 1):
        for month in _STARTS[cadence]:
            last_year, last_month = _month_shift(year, month, cadence.months - 1)
            end = _month_end(last_year, last_month)
            if span.start <= end <= span.end:
                found.append(Period(start=dt.date(year, month, 1), end=end))
    return tuple(found)


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
    return Period(
        start=dt.date(first_year, first_month, rule.cutoff_day + 1),
        end=dt.date(period.end.year, period.end.month, rule.cutoff_day),
    )


# --- expansion ------------------------------------------------------------------------


def calendar_for(plans: Iterable[Plan], *, culture_day: bool = False) -> WorkCalendar:
    """Build a Vietnamese working-day calendar covering every date the *plans* can produce.

    One year of margin on each side holds the cut-off windows that start in the previous
    December and the deadlines that fall in the month after a period.
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
) -> tuple[Occurrence, ...]:
    """Every occurrence of every task of *plans*, sorted by :meth:`Occurrence.sort_key`.

    Schedules of a plan without a period give only their fixed due dates: cchc does not
    guess the years a recurring duty covers.  Dates that fall on a day off move by *policy*
    (the next working day by default, Bộ luật Dân sự 2015, Điều 148.5).
    """
    plans = tuple(plans)
    work = calendar if calendar is not None else calendar_for(plans)
    found: list[Occurrence] = []
    for plan in plans:
        found.extend(_expand(plan, work, regime, policy))
    found.sort(key=Occurrence.sort_key)
    return tuple(found)


def expand_plan(
    plan: Plan,
    *,
    calendar: WorkCalendar | None = None,
    regime: ReportRegime = ND09,
    policy: Policy = Policy.NEXT,
) -> tuple[Occurrence, ...]:
    """Expand one plan; see :func:`expand`."""
    return expand((plan,), calendar=calendar, regime=regime, policy=policy)


def _expand(
    plan: Plan, work: WorkCalendar, regime: ReportRegime, policy: Policy
) -> Iterator[Occurrence]:
    for task_index, task in enumerate(plan.tasks):
        units = task.lead or (plan.issuer,)
        for schedule_index, schedule in enumerate(task.schedules):
            path = f"$.tasks[{task_index}].schedules[{schedule_index}]"
            base = _Base(plan=plan, task=task, units=units, path=path, schedule=schedule)
            if schedule.kind is ScheduleKind.DUE:
                yield _due(base, work, policy)
            elif plan.period is not None:
                for cadence in schedule.cadences:
                    for period in _periods(cadence, plan.period):
                        yield _periodic(
                            base, cadence, period, work=work, regime=regime, policy=policy
                        )


@attrs.frozen(kw_only=True)
class _Base:
    plan: Plan
    task: Task
    units: tuple[str, ...]
    path: str
    schedule: Schedule

    def make(self, **fields: object) -> Occurrence:
        return Occurrence(
            plan=self.plan.key,
            task=self.task.id,
            path=self.path,
            units=self.units,
            kind=self.schedule.kind,
            text=self.task.text,
            schedule_text=self.schedule.text,
            **fields,  # type: ignore[arg-type]
        )


def _due(base: _Base, work: WorkCalendar, policy: Policy) -> Occurrence:
    due = base.schedule.due
    assert due is not None  # the model requires it for kind 'due'
    span = base.plan.period
    start = span.start if span is not None and span.start <= due else due
    return base.make(
        date=adjust(due, work, policy),
        original_date=due,
        period=Period(start=start, end=due),
    )


def _periodic(
    base: _Base,
    cadence: Cadence,
    period: Period,
    *,
    work: WorkCalendar,
    regime: ReportRegime,
    policy: Policy,
) -> Occurrence:
    schedule = base.schedule
    if schedule.kind is ScheduleKind.QUOTA:
        # The quota must be met inside the period: its last working day is the deadline.
        day = period.end
        last = day if is_working_day(day, work) else previous_working_day(day, work)
        return base.make(
            date=last,
            original_date=day,
            period=period,
            cadence=cadence,
            count=schedule.count,
            what=schedule.what,
        )
    if schedule.kind is ScheduleKind.REPORT:
        rule = regime.rule(cadence)
        window = _cutoff(period, rule)
        if schedule.anchor is not None:
            day = _anchored(period, schedule.anchor, schedule.day)
            date = adjust(day, work, policy)
        else:
            # No date in the document: the regime's deadline, cut-off plus N working days.
            day = date = add_working_days(window.end, rule.send_after, work)
        return base.make(
            date=date,
            original_date=day,
            period=period,
            cadence=cadence,
            cutoff=window,
            to=schedule.to,
            stated=schedule.anchor is not None,
        )
    day = _anchored(period, schedule.anchor or Anchor.END, schedule.day)
    return base.make(
        date=adjust(day, work, policy), original_date=day, period=period, cadence=cadence
    )


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
    last = None if within_days is None else as_of + dt.timedelta(days=within_days)
    return tuple(o for o in occurrences if o.date >= as_of and (last is None or o.date <= last))


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
) -> tuple[Problem, ...]:
    """Check that each child's report is due *lead* working days before its parent's.

    *pairs* holds (parent, child) plans.  For every period both report on, the child's
    sending deadline must fall at least *lead* working days (default 1, the gap NĐ 09/2019,
    Điều 8.5 requires between receiving data and reporting) before the parent's earliest
    one.  Pairs where neither plan names its report's day are not compared: both dates
    would come from the regime's default, not from the documents.  Each violation is a
    warning with rule ``calendar.cascade``, located in the child.
    *occurrences*, when the caller has already expanded the plans with the same calendar,
    regime and policy, are used instead of expanding them again.
    """
    pairs = tuple(pairs)
    expanded: dict[str, list[Occurrence]] | None = None
    if occurrences is not None:
        expanded = {}
        for occurrence in occurrences:
            if occurrence.kind is ScheduleKind.REPORT:
                expanded.setdefault(occurrence.plan, []).append(occurrence)
    work = calendar if calendar is not None else calendar_for(p for pair in pairs for p in pair)
    files = files or {}
    problems: set[Problem] = set()
    # A parent has many children: its earliest report per period is worked out once.
    earliest: dict[str, dict[Period, Occurrence]] = {}
    for parent, child in pairs:
        parent_due = earliest.get(parent.key)
        if parent_due is None:
            parent_due = earliest[parent.key] = {}
            for occurrence in _reports(parent, work, regime, policy, expanded):
                known = parent_due.get(occurrence.period)
                if known is None or occurrence.sort_key() < known.sort_key():
                    parent_due[occurrence.period] = occurrence
        for occurrence in _reports(child, work, regime, policy, expanded):
            upper = parent_due.get(occurrence.period)
            # Two dates that only cchc's default regime gives say nothing about the plans.
            if upper is None or not (occurrence.stated or upper.stated):
                continue
            latest = add_working_days(upper.date, -lead, work)
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


def _reports(
    plan: Plan,
    work: WorkCalendar,
    regime: ReportRegime,
    policy: Policy,
    expanded: Mapping[str, list[Occurrence]] | None = None,
) -> Iterator[Occurrence]:
    if expanded is not None:
        yield from expanded.get(plan.key, ())
        return
    for occurrence in _expand(plan, work, regime, policy):
        if occurrence.kind is ScheduleKind.REPORT:
            yield occurrence


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
    if occurrence.date <= as_of + dt.timedelta(days=within_days):
        return Timing.UPCOMING
    return Timing.LATER


# Users import these from their public face; they say so in their __module__.
rehome("cchc", Occurrence, Timing)
rehome("cchc.calendar", ReportRegime, ReportRule)
