"""One member's agenda: the duties a plan gives a group fall to each of its members.

"UBND các huyện báo cáo hằng quý" is owed by every district that was a member of the group
on the day the report is due, so a district's agenda holds its own duties and those of the
groups it belonged to then.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from cchc.calendar._occurrence import Occurrence
from cchc.model._groups import Groups

__all__ = ["agenda_units", "owed_by"]


def agenda_units(groups: Groups, codes: Iterable[str]) -> frozenset[str]:
    """*codes* and every group any of them was ever a member of: what to expand for them.

    Pass it as ``units`` to :func:`~cchc.calendar.expand`, then keep what :func:`owed_by`
    keeps: a group's duty falls to a member only on the days it was one.
    """
    wanted = set(codes)
    for code in tuple(wanted):
        wanted.update(groups.groups_of(code))
    return frozenset(wanted)


def owed_by(
    occurrences: Iterable[Occurrence], codes: Collection[str], groups: Groups
) -> tuple[Occurrence, ...]:
    """The *occurrences* owed by one of *codes*: their own, and their groups' on the day.

    An occurrence of a group's duty is kept when one of *codes* was a member of the group
    on the occurrence's date; order is kept.
    """
    wanted = frozenset(codes)
    kept: list[Occurrence] = []
    for occurrence in occurrences:
        if not wanted.isdisjoint(occurrence.units) or any(
            groups.is_group(unit) and not wanted.isdisjoint(groups.members(unit, occurrence.date))
            for unit in occurrence.units
        ):
            kept.append(occurrence)
    return tuple(kept)
