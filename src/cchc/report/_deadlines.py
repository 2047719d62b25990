"""The deadlines around a day: the next ones and the latest missed ones, with totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from cchc._faces import rehome
from cchc.calendar._expand import UPCOMING_DAYS, BudgetError, Expansion, Occurrence
from cchc.model._plan import Plan

__all__ = ["DEFAULT_LIMIT", "Deadlines", "deadlines_around"]

DEFAULT_LIMIT = 5
"""How many upcoming and how many overdue deadlines a summary lists."""


@attrs.frozen(kw_only=True)
class Deadlines:
    """The deadlines around a day: the next ones and the latest missed ones."""

    as_of: dt.date
    """The day they are judged on."""
    upcoming: tuple[Occurrence, ...]
    """The first deadlines on or after ``as_of``, soonest first, at most the limit."""
    overdue: tuple[Occurrence, ...]
    """The latest deadlines before ``as_of``, oldest first, at most the limit."""
    upcoming_total: int
    """Every deadline on or after ``as_of``."""
    within_30_days: int
    """Deadlines from ``as_of`` to 30 days later (``Timing.UPCOMING``)."""
    overdue_total: int
    """Every deadline before ``as_of`` (cchc cannot tell which were met)."""


def deadlines_around(
    plans: Iterable[Plan], as_of: dt.date, limit: int, *, max_occurrences: int | None = None
) -> Deadlines:
    """The *limit* deadlines of *plans* from *as_of* on and the *limit* latest before it.

    Only those are worked out, with the totals counted without expanding the rest, so the
    work does not grow with the years a plan claims.  With *max_occurrences*, a *limit*
    that would list more raises :class:`~cchc.calendar._expand.BudgetError`.
    """
    schedules = Expansion(plans)
    before = as_of - dt.timedelta(days=1) if as_of > dt.date.min else None
    ahead = schedules.count(start=as_of)
    # A report whose document names no day has no deadline to pass: never overdue.
    late = schedules.count(end=before, stated=True) if before is not None else 0
    if max_occurrences is not None:
        needed = min(limit, ahead) + min(limit, late)
        if needed > max_occurrences:
            raise BudgetError(max_occurrences, needed)
    horizon = dt.date.max - as_of
    soon_end = as_of + min(dt.timedelta(days=UPCOMING_DAYS), horizon)
    overdue = (
        tuple(schedules.backward(before, stated=True, limit=limit))
        if before is not None and limit
        else ()
    )
    return Deadlines(
        as_of=as_of,
        upcoming=tuple(schedules.forward(as_of, limit)),
        overdue=overdue[::-1],
        upcoming_total=ahead,
        within_30_days=schedules.count(as_of, soon_end),
        overdue_total=late,
    )


# Users import this from its public face; it says so in its __module__.
rehome("cchc.report", Deadlines)
