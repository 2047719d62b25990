"""The budget of occurrences a command may work out, and the error past it.

A small file may claim a century of monthly duties: every command that expands plans
works out at most a budget of occurrences, told before the work starts when it can be.
"""

from __future__ import annotations

from collections.abc import Iterable

from cchc.calendar._periods import periods_a_year
from cchc.exceptions import CchcError
from cchc.model._plan import Plan
from cchc.text._vocab import Cadence

__all__ = [
    "DEFAULT_MAX_OCCURRENCES",
    "OCCURRENCES_PER_SCHEDULE",
    "Budget",
    "BudgetError",
    "default_budget",
]

DEFAULT_MAX_OCCURRENCES = 200_000
"""The least budget of occurrences a command works out (see :func:`default_budget`)."""
OCCURRENCES_PER_SCHEDULE = 10 * sum(periods_a_year(cadence) for cadence in Cadence)
"""The budget each schedule adds: ten years of every cadence (210: 12 + 4 + 2 + 1 + 1 + 1
periods a year)."""


class BudgetError(CchcError):
    """Working out the occurrences asked for would pass the budget given."""

    def __init__(self, limit: int, needed: int | None = None) -> None:
        self.limit = limit
        """The budget: the most occurrences the work was allowed."""
        self.needed = needed
        """How many it would have taken, when known before starting."""
        found = "more" if needed is None else f"{needed:,}"
        super().__init__(f"expected at most {limit:,} deadline occurrences, found {found}")


def default_budget(plans: Iterable[Plan]) -> int:
    """The budget of occurrences a command works out over *plans* unless told otherwise.

    Every schedule may give ten years of every cadence (:data:`OCCURRENCES_PER_SCHEDULE`),
    and any corpus at least :data:`DEFAULT_MAX_OCCURRENCES`: real plans never come near
    it, while a small file claiming a century of monthly duties does.
    """
    schedules = sum(len(task.schedules) for plan in plans for task in plan.tasks)
    return max(DEFAULT_MAX_OCCURRENCES, OCCURRENCES_PER_SCHEDULE * schedules)


class Budget:
    """Counts the occurrences some work has worked out, against its limit (None: no limit)."""

    __slots__ = ("limit", "spent")

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.spent = 0

    def spend(self, count: int = 1) -> None:
        """Count *count* more occurrences worked out; past the limit, raise BudgetError."""
        self.spent += count
        if self.limit is not None and self.spent > self.limit:
            raise BudgetError(self.limit)
