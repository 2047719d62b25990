"""The time a plan, or one of its tasks, covers: a year or a range of dates.

It lives apart from :mod:`cchc.model._plan` so that a task (:mod:`cchc.model._items`) can
have a period of its own inside its plan's.
"""

from __future__ import annotations

import datetime as dt

import attrs

from cchc.exceptions import ModelError
from cchc.model._checks import DATE, MAX_YEAR, MIN_YEAR

__all__ = ["Period"]


# Periods key the calendar's caches of dates, looked up once for every schedule: the
# hash is worked out once.
@attrs.frozen(kw_only=True, cache_hash=True)
class Period:
    """The time a plan covers: a year (``2024``) or a range of dates (``2021-2025``)."""

    start: dt.date = attrs.field(validator=DATE)
    """First day covered."""
    end: dt.date = attrs.field(validator=DATE)
    """Last day covered (inclusive)."""

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            raise ModelError("end", f"a date on or after the start {self.start}", self.end)

    @classmethod
    def years(cls, first: int, last: int | None = None) -> Period:
        """The whole calendar years *first* to *last* (default: just *first*)."""
        last = first if last is None else last
        for year in (first, last):
            if isinstance(year, bool) or not isinstance(year, int):
                raise ModelError("year", "a year (a whole number)", year)
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ModelError("year", f"a year between {MIN_YEAR} and {MAX_YEAR}", year)
        return cls(start=dt.date(first, 1, 1), end=dt.date(last, 12, 31))

    @property
    def is_whole_years(self) -> bool:
        """True when the period runs from 1 January to 31 December."""
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    def contains(self, other: Period) -> bool:
        """Tell whether *other* lies entirely within this period."""
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        if self.is_whole_years:
            if self.start.year == self.end.year:
                return str(self.start.year)
            return f"{self.start.year}-{self.end.year}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"
