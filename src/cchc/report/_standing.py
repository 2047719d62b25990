"""Where one unit stands with one occurrence of a duty, and the counts of DHIS2's rates.

The values :func:`~cchc.report._progress.progress` gives: each :class:`Obligation` with its
:class:`Standing`, and :class:`Rates` over many.  An obligation is built by its slots in the
hot loop of ``progress`` (``_new_obligation``), from values already checked.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from cchc.calendar._occurrence import Occurrence

__all__ = ["Obligation", "Rates", "Standing"]


class Standing(enum.Enum):
    """Where one unit stands with one occurrence of a duty on a day."""

    DONE_ON_TIME = "done_on_time"
    """Done (received) by its deadline."""
    DONE_LATE = "done_late"
    """Done after its deadline."""
    OVERDUE = "overdue"
    """Past its deadline and not done."""
    DUE_SOON = "due_soon"
    """Not done, due within the horizon (30 days by default)."""
    NOT_YET_DUE = "not_yet_due"
    """Not done, due later."""
    NOT_STATED = "not_stated"
    """Not done, and the document states no deadline: never overdue."""
    WAIVED = "waived"
    """The unit was excused from it (a record with a waiver)."""

    @property
    def done(self) -> bool:
        """True when the duty was done, on time or not."""
        return self in (Standing.DONE_ON_TIME, Standing.DONE_LATE)


@attrs.frozen(kw_only=True)
class Obligation:
    """One unit's share of one occurrence of a duty, and where it stands."""

    unit: str
    """Code of the unit that owes it (a group's member, not the group)."""
    plan: str
    """Key of the plan the duty is in."""
    task: str | None
    """Id of the task; None for the duty to issue a plan of one's own (expected child)."""
    period: str | None
    """The period label (``2024-Q1``); None for a due date or an expected plan."""
    deadline: dt.date | None
    """The deadline on working days; None when the document gives none for an expected plan."""
    status: Standing
    """Where it stands on the day asked about."""
    done: dt.date | None = None
    """The day it was done: the record's, or the day the count of a quota was reached."""
    late_by: int | None = None
    """For a duty done late: working days after the deadline."""
    quantity: int | None = None
    """For a quota: the quantity recorded in the period so far."""
    count: int | None = None
    """For a quota: the quantity it asks for."""
    evidence: tuple[str, ...] = ()
    """What the records give as evidence, as written."""
    occurrence: Occurrence | None = None
    """The occurrence, for a scheduled duty."""
    group: str | None = None
    """The group the duty was given to, when the unit owes it as a member."""
    since: dt.date | None = None
    """For a duty with no deadline (an expected plan): the day it became owed, the
    parent's date of issue; it is expected from then on."""


# Building an obligation by its slots, not through attrs' keyword __init__, is a third of
# what a corpus of a million obligations spends on them.  Obligation has no validator,
# converter or post-init step to skip (tests/test_progress_exact.py pins that both ways
# build equal values), and its values come from occurrences and records already checked.
_OBLIGATION_FIELDS = tuple(field.name for field in attrs.fields(Obligation))
(
    _unit,
    _plan,
    _task,
    _period,
    _deadline,
    _status_of,
    _done,
    _late_by,
    _quantity,
    _count,
    _evidence,
    _occurrence,
    _group,
    _since,
) = (getattr(Obligation, name).__set__ for name in _OBLIGATION_FIELDS)
_NEW = object.__new__


def _new_obligation(values: tuple[object, ...]) -> Obligation:
    """The obligation whose fields are *values*, in the order of ``attrs.fields``."""
    obligation: Obligation = _NEW(Obligation)
    # One call a field, written out: a loop over the fields costs twice as much.
    _unit(obligation, values[0])
    _plan(obligation, values[1])
    _task(obligation, values[2])
    _period(obligation, values[3])
    _deadline(obligation, values[4])
    _status_of(obligation, values[5])
    _done(obligation, values[6])
    _late_by(obligation, values[7])
    _quantity(obligation, values[8])
    _count(obligation, values[9])
    _evidence(obligation, values[10])
    _occurrence(obligation, values[11])
    _group(obligation, values[12])
    _since(obligation, values[13])
    return obligation


@attrs.frozen(kw_only=True)
class Rates:
    """Counts of obligations and DHIS2's two rates over them."""

    expected: int = 0
    """Obligations due by the day (or done already), waived ones left out."""
    done: int = 0
    """Of those, done (on time or late)."""
    on_time: int = 0
    """Of those, done by the deadline."""
    late: int = 0
    """Of those, done after the deadline."""
    overdue: int = 0
    """Past the deadline and not done."""
    waived: int = 0
    """Excused."""

    @property
    def reporting_rate(self) -> float | None:
        """Percent of the expected that were done; None when nothing is expected yet."""
        return 100 * self.done / self.expected if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        """Percent of the expected that were done by their deadline; None when none is."""
        return 100 * self.on_time / self.expected if self.expected else None

    def add(self, obligation: Obligation, as_of: dt.date) -> Rates:
        """These counts with *obligation* counted in."""
        counts = _counts(obligation, as_of)
        if counts is None:
            return self
        return Rates(
            **{name: getattr(self, name) + n for name, n in zip(_FIELDS, counts, strict=True)}
        )


_FIELDS = ("expected", "done", "on_time", "late", "overdue", "waived")
"""The counts of :class:`Rates`, in the order :func:`_counts` gives them."""
_WAIVED = (0, 0, 0, 0, 0, 1)
_EXPECTED = (1, 0, 0, 0, 0, 0)
_BY_STATUS = {
    Standing.DONE_ON_TIME: (1, 1, 1, 0, 0, 0),
    Standing.DONE_LATE: (1, 1, 0, 1, 0, 0),
    Standing.OVERDUE: (1, 0, 0, 0, 1, 0),
    # Past the end of its legal window, not done: expected, never overdue.
    Standing.NOT_STATED: _EXPECTED,
    # Never due by as_of, so never counted; listed so that every standing has its counts.
    Standing.DUE_SOON: _EXPECTED,
    Standing.NOT_YET_DUE: _EXPECTED,
}


def _counts(obligation: Obligation, as_of: dt.date) -> tuple[int, ...] | None:
    """What *obligation* adds to each count of :data:`_FIELDS`; None when nothing."""
    return _counts_of(obligation.status, obligation.deadline, obligation.since, as_of)


def _counts_of(
    status: Standing, deadline: dt.date | None, since: dt.date | None, as_of: dt.date
) -> tuple[int, ...] | None:
    """What an obligation of *status*, *deadline* and *since* adds to the counts."""
    if status is Standing.WAIVED:
        return _WAIVED
    # One with no deadline (an expected plan) is expected from the day it became owed.
    due = deadline < as_of if deadline is not None else (since is not None and since <= as_of)
    if not (due or status.done):
        return None
    return _BY_STATUS[status]
