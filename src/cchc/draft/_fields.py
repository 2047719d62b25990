"""Two readings the item builder shares: a schedule from its phrase, units from a list.

:func:`to_schedule` turns a phrase :func:`~cchc.draft._phrases.schedule_phrases` found into
a :class:`~cchc.Schedule`; :func:`listed_units` reads the units of a comma-separated list in
which commas also separate the words of a group's name ("các sở, ban, ngành, UBND các
quận, huyện, thị xã").
"""

from __future__ import annotations

import datetime as dt
import re

from cchc.draft._names import Names
from cchc.draft._phrases import Found
from cchc.exceptions import CchcError
from cchc.model._items import Schedule
from cchc.text._vocab import Bound, Cadence, ScheduleKind

__all__ = ["listed_units", "ordered_units", "to_schedule"]

_ORDERED = re.compile(
    r"\byêu cầu\s+(?P<units>(?:các|UBND|Sở|Phòng)[^.;:]*?)\s+(?:căn cứ|xây dựng|tổ chức|triển khai|"
    r"thực hiện|chủ động|khẩn trương|nghiêm túc)\b"
)


def ordered_units(text: str) -> tuple[int, int] | None:
    """The span of the units a "Chủ tịch ... yêu cầu X căn cứ ..." sentence orders."""
    match = _ORDERED.search(text)
    return match.span("units") if match is not None else None


def listed_units(text: str, span: tuple[int, int], names: Names) -> list[tuple[int, int]]:
    """The units of a list such as "các sở, ban, ngành, UBND các quận, huyện, thị xã".

    Commas separate the units and also the words of a group's name, so the longest run
    of comma-separated pieces that names a known unit is taken first; without one, a
    piece that opens a name (``các ...``, ``UBND ...``) takes the bare words after it.
    """
    pieces: list[tuple[int, int]] = []
    position = span[0]
    for part in text[span[0] : span[1]].split(","):
        lead = len(part) - len(part.lstrip())
        if part.strip():
            pieces.append((position + lead, position + len(part.rstrip())))
        position += len(part) + 1
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(pieces):
        for last in range(len(pieces) - 1, index - 1, -1):
            start, end = pieces[index][0], pieces[last][1]
            if names.lookup(text[start:end]) is not None:
                found.append((start, end))
                index = last + 1
                break
        else:
            last = index
            while last + 1 < len(pieces) and " " not in text[slice(*pieces[last + 1])].strip():
                last += 1
            start, end = pieces[index][0], pieces[last][1]
            if text[start:end][:1].isupper() or text.startswith("các ", start):
                found.append((start, end))
            index = last + 1
    return found


def to_schedule(  # noqa: PLR0911 - one return per kind of schedule
    found: Found, text: str, names: Names
) -> Schedule | None:
    """The schedule *found* words in *text*; None when its values make none."""
    words = text[found.span[0] : found.span[1]]
    values = found.values
    cadences = tuple(c for c in values.get("cadences", ()) if isinstance(c, Cadence))  # type: ignore[attr-defined]
    try:
        if found.kind == "quota":
            count = values["count"]
            return Schedule(
                kind=ScheduleKind.QUOTA,
                cadences=cadences,
                count=count if isinstance(count, int) else None,
                what=str(values["what"]),
                text=words,
            )
        if found.kind == "report":
            to = names.code_for(str(values["to"]))
            return Schedule(kind=ScheduleKind.REPORT, cadences=cadences, to=to, text=words)
        if found.kind == "due":
            due = values["due"]
            bound = Bound.BEFORE if values["bound"] == "before" else Bound.BY
            return Schedule(
                kind=ScheduleKind.DUE,
                due=due if isinstance(due, dt.date) else None,
                bound=bound,
                text=words,
            )
        if found.kind == "continuous":
            return Schedule(kind=ScheduleKind.CONTINUOUS, text=words)
        if found.kind == "recurring":
            return Schedule(kind=ScheduleKind.RECURRING, cadences=cadences, text=words)
    except CchcError:
        return None
    return None
