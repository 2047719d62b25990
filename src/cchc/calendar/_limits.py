"""The last day of a deadline as the document words it: *by* the day written, or *before* it.

"Chậm nhất ngày 20" and "đến hết ngày 20" make the 20th the last day.  "Trước ngày 20"
(before the 20th) is read by default as the literal words say: the 20th is not part of
the time, so the last day is the 19th; only if that is a day off does Bộ luật Dân sự 2015,
Điều 148.5 carry the end to the next working day (which may be the 20th again).  Some
units read "trước ngày" as "by"; :attr:`Reading.INCLUSIVE` gives that reading.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import unicodedata

from cchc._faces import rehome
from cchc.model._items import Schedule
from cchc.text._vocab import Bound

__all__ = ["Reading", "bound_of", "last_day"]


class Reading(enum.Enum):
    """How a deadline worded *trước ngày N* (before day N) is read."""

    EXCLUSIVE = "exclusive"
    """The literal reading, the default: the last day is N-1 (then Điều 148.5 BLDS 2015)."""
    INCLUSIVE = "inclusive"
    """Day N itself is the last day, as for *chậm nhất ngày N*."""


# Compared with their diacritics: "trước" (before) is not "trúc".
_BEFORE = re.compile(r"\btrước\s+(?:ngày\s+)?\d")


def bound_of(schedule: Schedule) -> Bound:
    """The bound of *schedule*'s date: its ``bound`` field, else what its wording says.

    *Trước ngày N* is ``before`` even after *chậm nhất* (``chậm nhất trước ngày 20``);
    a wording that says neither is ``by``: the date written is the last day.
    """
    if schedule.bound is not None:
        return schedule.bound
    text = schedule.text
    return _bound_in_short(text) if len(text) <= _SHORT else _bound_in(text)


_SHORT = 200
"""A schedule's text is its short time clause, of a few wordings that a cascade repeats in
every plan: those are kept (a hostile file's long texts are read each time instead)."""


def _bound_in(text: str) -> Bound:
    """``before`` when *text* says *trước ngày N*, else ``by``."""
    words = unicodedata.normalize("NFC", text).casefold()
    if _BEFORE.search(words):
        return Bound.BEFORE
    return Bound.BY


_bound_in_short = functools.lru_cache(maxsize=1024)(_bound_in)


def last_day(day: dt.date, bound: Bound, reading: Reading) -> dt.date:
    """The last day of a time limit written as *day* with *bound*, before any day off moves it."""
    if bound is Bound.BEFORE and reading is Reading.EXCLUSIVE and day > dt.date.min:
        return day - dt.timedelta(days=1)
    return day


# Users import these from their public face; they say so in their __module__.
rehome("cchc.calendar", Reading)
