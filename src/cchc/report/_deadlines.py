"""The deadlines around a day: the next ones and the latest missed ones, with totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import islice

import attrs

from cchc._faces import rehome
from cchc.calendar._done import DoneByRecords
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
    """Every deadline before ``as_of`` not done: without records, every one (cchc cannot
    tell which were met); with records, those they do not show complete."""
    done_before: int = 0
    """Deadlines before ``as_of`` that records show complete, left out of ``overdue``."""
    followed: bool = False
    """True when the corpus' records were read: ``overdue`` is then what is not done."""


def deadlines_around(
    plans: Iterable[Plan],
    as_of: dt.date,
    limit: int,
    *,
    max_occurrences: int | None = None,
    done: DoneByRecords | None = None,
    expansion: Expansion | None = None,
) -> Deadlines:
    """The *limit* deadlines of *plans* from *as_of* on and the *limit* latest before it.

    Only those are worked out, with the totals counted without expanding the rest, so the
    work does not grow with the years a plan claims.  With *max_occurrences*, a *limit*
    that would list more raises :class:`~cchc.calendar._expand.BudgetError`.  With
    *done* (the corpus' records), a deadline they show complete is not overdue: only the
    past occurrences of the tasks records are about are worked out to count them.
    *expansion* is that of *plans* when the caller has made it.
    """
    plans = tuple(plans)
    schedules = expansion if expansion is not None else Expansion(plans)
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
    complete = 0
    overdue: tuple[Occurrence, ...] = ()
    if before is not None and limit and done is None:
        overdue = tuple(schedules.backward(before, stated=True, limit=limit))
    elif before is not None and done is not None:
        # Records show some done: skip those, so the latest *limit* not done are listed.
        complete = _complete_before(plans, done, before, max_occurrences)
        missed = schedules.backward(before, stated=True)
        kept = (o for o in missed if not ((found := done(o)) and found.complete))
        overdue = tuple(islice(kept, limit)) if limit else ()
    upcoming = tuple(schedules.forward(as_of, limit))
    if done is not None:
        # What the records say of those listed: done early, or done by some of their units.
        upcoming, overdue = done.mark(upcoming), done.mark(overdue)
    return Deadlines(
        as_of=as_of,
        upcoming=upcoming,
        overdue=overdue[::-1],
        upcoming_total=ahead,
        within_30_days=schedules.count(as_of, soon_end),
        overdue_total=late - complete,
        done_before=complete,
        followed=done is not None,
    )


def _complete_before(
    plans: tuple[Plan, ...], done: DoneByRecords, before: dt.date, budget: int | None
) -> int:
    """How many stated deadlines up to *before* the records show complete.

    Only the tasks some record is about can be complete, so only theirs are worked out.
    """
    touched = [
        attrs.evolve(plan, tasks=tasks)
        for plan in plans
        if (tasks := tuple(t for t in plan.tasks if (plan.key, t.id) in done.touched))
    ]
    if not touched:
        return 0
    expansion = Expansion(touched)
    if budget is not None and (needed := expansion.count(end=before)) > budget:
        raise BudgetError(budget, needed)
    return sum(
        1 for o in expansion.backward(before, stated=True) if (found := done(o)) and found.complete
    )


# Users import this from its public face; it says so in its __module__.
rehome("cchc.report", Deadlines)
