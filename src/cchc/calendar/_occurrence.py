"""One dated duty, where it stands on a given day, and the simple queries over many.

An :class:`Occurrence` is a task's schedule in one period, dated on a working day; the
expansion (:mod:`cchc.calendar._expand`) works them out.  Everything here is a pure
function of its arguments: "today" is the explicit ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from cchc._faces import rehome
from cchc.model._plan import Period
from cchc.text._dates import format_vn_date
from cchc.text._vocab import Cadence, ScheduleKind

__all__ = [
    "UPCOMING_DAYS",
    "Done",
    "Occurrence",
    "Timing",
    "agenda",
    "build_occurrence",
    "describe_period",
    "in_range",
    "order_of",
    "overdue",
    "timing",
    "upcoming",
]

# Keyed by member name: an enum member hashes in Python code, its name in C.
_KIND_ORDER = {kind.name: i for i, kind in enumerate(ScheduleKind)}
_CADENCE_ORDER = {cadence.name: i for i, cadence in enumerate(Cadence)}


@attrs.frozen(kw_only=True)
class Done:
    """What the records say of one occurrence: how many of the units owing it did it."""

    owing: int
    """Units that owe it (a group's members one by one)."""
    done: int
    """Of those, the units that did it, on time or late."""
    late: int
    """Of those, the units that did it after the deadline."""
    waived: int
    """Units excused from it."""
    last: dt.date | None
    """The last day one of them did it."""

    @property
    def complete(self) -> bool:
        """True when every owing unit did it or was excused: nothing is left to do."""
        return self.done + self.waived >= self.owing


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
    earliest: dt.date | None = None
    """For a report whose document names no day: the first day it may be sent (the
    regime's working days after the cut-off, NĐ 09/2019, Điều 8.5); ``date`` is then the
    last day the regime allows (Điều 13.1), not a deadline the document set."""
    estimated: bool = False
    """True when the date rests on a year whose days off are not announced yet, only
    estimated (:attr:`~cchc.WorkCalendar.estimated_years`): it may move once they are."""
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
    """False for a report whose document names no day: its date is the end of the legal
    window (``earliest`` to ``date``), never counted overdue."""
    basis: str | None = None
    """For a report whose document names no day: the rule its window comes from."""
    illustrative: bool = False
    """True for a duty of a plan marked ``illustrative``: written by hand to show cchc's
    checks, not a real document's deadline."""
    done: Done | None = None
    """What the corpus' records say of it, when they were read and say anything
    (:class:`~cchc.calendar.DoneByRecords`); None otherwise."""

    @property
    def moved(self) -> bool:
        """True when the date was moved off a day off."""
        return self.date != self.original_date

    def sort_key(self) -> tuple[object, ...]:
        """Return the order of a calendar: date, plan, task, kind, period, cadence, place."""
        period, cadence = self.period, self.cadence
        return (
            self.date,
            self.plan,
            self.task,
            _KIND_ORDER[self.kind._name_],
            period.start,
            period.end,
            -1 if cadence is None else _CADENCE_ORDER[cadence._name_],
            self.path,
            self.units,
        )


# Building an occurrence by its slots, not through attrs' keyword __init__, halves what an
# expansion of 300,000 deadlines spends on them.  Occurrence has no validator, converter
# or post-init step to skip: tests/test_calendar.py pins that both ways build equal values.
_FIELDS = tuple(field.name for field in attrs.fields(Occurrence))
(
    _plan,
    _task,
    _path,
    _units,
    _date,
    _original_date,
    _kind,
    _period,
    _cadence,
    _cutoff,
    _earliest,
    _estimated,
    _count,
    _what,
    _to,
    _text,
    _schedule_text,
    _stated,
    _basis,
    _illustrative,
    _done,
) = (getattr(Occurrence, name).__set__ for name in _FIELDS)
_NEW = object.__new__


def build_occurrence(values: tuple[object, ...]) -> Occurrence:
    """The occurrence whose fields are *values*, in the order of ``attrs.fields``."""
    occurrence: Occurrence = _NEW(Occurrence)
    # One call a field, written out: a loop over the fields costs twice as much.
    _plan(occurrence, values[0])
    _task(occurrence, values[1])
    _path(occurrence, values[2])
    _units(occurrence, values[3])
    _date(occurrence, values[4])
    _original_date(occurrence, values[5])
    _kind(occurrence, values[6])
    _period(occurrence, values[7])
    _cadence(occurrence, values[8])
    _cutoff(occurrence, values[9])
    _earliest(occurrence, values[10])
    _estimated(occurrence, values[11])
    _count(occurrence, values[12])
    _what(occurrence, values[13])
    _to(occurrence, values[14])
    _text(occurrence, values[15])
    _schedule_text(occurrence, values[16])
    _stated(occurrence, values[17])
    _basis(occurrence, values[18])
    _illustrative(occurrence, values[19])
    # Records are read after expansion (DoneByRecords.mark): never one of the values.
    _done(occurrence, None)
    return occurrence


def order_of(kind: ScheduleKind, cadence: Cadence | None) -> tuple[int, int]:
    """The places of *kind* and *cadence* in :meth:`Occurrence.sort_key`."""
    return _KIND_ORDER[kind._name_], -1 if cadence is None else _CADENCE_ORDER[cadence._name_]


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
    """Keep the occurrences whose date has passed on *as_of* and that are not done.

    A report whose document names no day is never overdue: it has no deadline to pass.
    Whether one is done is known only from records (:attr:`Occurrence.done`); without
    them, every passed date is kept.
    """
    return tuple(o for o in occurrences if timing(o, as_of) is Timing.OVERDUE)


def upcoming(
    occurrences: Iterable[Occurrence], as_of: dt.date, *, within_days: int | None = None
) -> tuple[Occurrence, ...]:
    """Keep the occurrences on or after *as_of*, up to *within_days* days ahead if given."""
    return tuple(
        o
        for o in occurrences
        if o.date >= as_of and (within_days is None or (o.date - as_of).days <= within_days)
    )


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
    if cadence in (Cadence.HALF_YEARLY, Cadence.FIRST_HALF):
        half = "đầu năm" if start.month == 1 else "cuối năm"
        return f"6 tháng {half} {start.year}"
    if cadence is Cadence.NINE_MONTHLY:
        return f"9 tháng năm {start.year}"
    if cadence is Cadence.YEARLY:
        return f"năm {start.year}"
    return f"{format_vn_date(start, 'numeric')}-{format_vn_date(end, 'numeric')}"


# --- timing relative to a day ---------------------------------------------------------


class Timing(enum.Enum):
    """Where an occurrence stands on a given day."""

    OVERDUE = "overdue"
    """Its date has passed."""
    UPCOMING = "upcoming"
    """Due today or within the horizon."""
    LATER = "later"
    """Due after the horizon."""
    WINDOW_PASSED = "window_passed"
    """A report whose document names no day, past the last day of its legal window: not
    overdue, since the document set no deadline."""
    DONE = "done"
    """Every unit owing it did it, or was excused, by the corpus' records: nothing is
    left to do, whatever its date."""


UPCOMING_DAYS = 30
"""The default horizon of :attr:`Timing.UPCOMING`, in calendar days."""


def timing(occurrence: Occurrence, as_of: dt.date, *, within_days: int = UPCOMING_DAYS) -> Timing:
    """Tell whether *occurrence* is done, overdue, upcoming or later on *as_of*.

    A report with no stated day is upcoming or later by the end of its legal window, and
    once that has passed :attr:`Timing.WINDOW_PASSED`, never overdue.  One the records
    show complete (:attr:`Occurrence.done`) is :attr:`Timing.DONE`.
    """
    if occurrence.done is not None and occurrence.done.complete:
        return Timing.DONE
    if occurrence.date < as_of:
        return Timing.OVERDUE if occurrence.stated else Timing.WINDOW_PASSED
    # A difference of dates, not a sum: --as-of may be the last day a date can hold.
    if (occurrence.date - as_of).days <= within_days:
        return Timing.UPCOMING
    return Timing.LATER


# Users import these from their public face; they say so in their __module__.
rehome("cchc", Occurrence, Timing)
rehome("cchc.calendar", Done)
