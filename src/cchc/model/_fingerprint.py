"""The fingerprint of a parent item: what a child's link records, to tell when the item changed.

A child item's ``inherits`` link may record the fingerprint of the parent item as it was when
the link was made (``derive`` writes it, ``links refresh`` writes it after a person has
looked).  When the parent item is later reworded, its fingerprint changes and coverage
reports the link as *suspect*: someone has to read the new text and decide whether the child
item still carries it.

The fingerprint hashes what the parent item asks of the child, in a normalised form, so that
edits which change nothing a reader would act on leave it alone, and every other edit
changes it.  It is the first 12 hexadecimal digits of a BLAKE2b hash
(:data:`FINGERPRINT_LENGTH`); docs/format.md describes it for other tools.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from typing import Any

from cchc.model._items import Channel, Indicator, Objective, Schedule, Task
from cchc.model._period import Period
from cchc.text._normal import nfc

__all__ = ["FINGERPRINT_LENGTH", "FINGERPRINT_PATTERN", "fingerprint", "normalised_text"]

FINGERPRINT_LENGTH = 12
"""Hexadecimal digits of a fingerprint: 48 bits, enough that two versions of one item never
share one by chance (a collision needs millions of versions of the same item)."""

FINGERPRINT_PATTERN = f"[0-9a-f]{{{FINGERPRINT_LENGTH}}}"
"""A fingerprint as written in plan files: lower-case hexadecimal digits."""

_VERSION = "cchc-fingerprint/1"
"""Hashed first: a later change of what is hashed gets a new version, never a silent clash."""

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# The old tone placement (hoà, thuỷ, Uỷ ban) and the new one (hòa, thủy, Ủy ban) write the
# same syllable: in an open syllable of oa, oe or uy the old style puts the tone on the second
# vowel.  Both are common in documents of the same year, so the tone moves to the first
# vowel before hashing; no pair of distinct words is merged, since placement never tells
# words apart.
_OLD_TONE = re.compile(f"([oO][aAeE]|[uU][yY])([{_TONES}])(?!\\w)")
_SPACES = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s.;,:]+$")


def normalised_text(text: str) -> str:
    """*text* as the fingerprint sees it: the words, not how they are typed.

    Unicode NFC and NFD are alike, as are the old and new tone placements (``hoà``,
    ``hòa``); letter case is folded (a heading in capitals, or an item that begins a
    sentence after a split, says the same); runs of white space are one space; leading and
    trailing spaces and trailing full stops, semicolons, commas and colons go (the last
    item of a list ends with a full stop, the others with a semicolon).  Diacritics stay:
    ``bán`` and ``bàn`` are different words.
    """
    decomposed = unicodedata.normalize("NFD", text)
    placed = _OLD_TONE.sub(lambda m: m[1][0] + m[2] + m[1][1], decomposed)
    spaced = _SPACES.sub(" ", nfc(placed).casefold())
    return nfc(_TRAILING.sub("", spaced).strip())


def _date(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _period(period: Period | None) -> list[str] | None:
    return None if period is None else [period.start.isoformat(), period.end.isoformat()]


def _schedule(schedule: Schedule) -> list[Any]:
    # The structured fields, not the schedule's wording: they are what the child's calendar
    # follows, and "Hằng quý" reworded as "Định kỳ hằng quý" asks nothing new.
    return [
        schedule.kind.value,
        _date(schedule.due),
        sorted(c.value for c in schedule.cadences),
        None if schedule.anchor is None else schedule.anchor.value,
        schedule.day,
        None if schedule.bound is None else schedule.bound.value,
        schedule.count,
        None if schedule.what is None else normalised_text(schedule.what),
        schedule.to,
        schedule.cutoff_day,
    ]


def _fields(item: Task | Objective | Channel | Indicator) -> list[Any]:
    """What of *item* the fingerprint hashes, by the kind of item."""
    text = normalised_text(item.text)
    if isinstance(item, Task):
        return [
            "task",
            text,
            sorted(normalised_text(p) for p in item.products),
            sorted((_schedule(s) for s in item.schedules), key=json.dumps),
            _period(item.period),
        ]
    if isinstance(item, Indicator):
        return [
            "indicator",
            text,
            item.comparator.value,
            item.value,
            item.measure.value,
            None if item.per is None else item.per.value,
            None if item.scope is None else normalised_text(item.scope),
            item.by_year,
            [[step.year, step.value] for step in item.steps],
        ]
    if isinstance(item, Channel):
        return ["channel", text, item.kind.value]
    return ["objective", text]


def fingerprint(item: Task | Objective | Channel | Indicator) -> str:
    """The fingerprint of *item*: 12 hexadecimal digits of what it asks of a child plan.

    What is hashed is what the child item carrying it has to do, so a change there asks
    whoever wrote the child to look again:

    * the text, normalised by :func:`normalised_text` (any word changed changes it);
    * for a task, its products (what is delivered, in any order), its schedules (their
      kind, dates, cadences, anchor, day, bound, count, what is counted, where a report
      goes and its cut-off, not their wording) and its period;
    * for an indicator, the target: comparator, value, measure, period, scope, year and
      yearly steps;
    * for a channel, its kind.

    Left out are what the child does not carry: the parent's own units (``lead``,
    ``cooperating``: the child names its own, and a unit's new code asks nothing new), the
    corpus author's classifications (``area``, a task's ``kind``), the parent's own links
    and waiver, and the item's id (the link names it already).
    """
    data = json.dumps([_VERSION, *_fields(item)], ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.blake2b(data.encode("utf-8"), digest_size=FINGERPRINT_LENGTH // 2)
    return digest.hexdigest()
