"""Group units and their members, resolved at a date.

A group (a unit with :attr:`~cchc.Unit.members`) stands for the bodies a document
addresses together.  :class:`Groups` reads every group of a registry once and answers who
its members were on a day, which groups a unit belonged to then, and what an addressee
stands for (its members, or itself when it is no group).  Members are given in registry
order, each once; a group listed among the members of another stands for its own members,
and a group met again on the way (a cycle of groups) adds nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from cchc._faces import rehome
from cchc.model._plan import Members, Unit
from cchc.model._units import unit_chain

__all__ = ["Groups"]


class Groups:
    """The groups of *units*, and who belongs to each on a day."""

    def __init__(self, units: Mapping[str, Unit]) -> None:
        self._units = units
        self._groups = {code: unit for code, unit in units.items() if unit.members is not None}
        self._candidates: dict[str, tuple[str, ...]] = {}
        self._order = {code: index for index, code in enumerate(units)}
        self._containing: dict[str, tuple[str, ...]] | None = None

    def __bool__(self) -> bool:
        return bool(self._groups)

    def is_group(self, code: str) -> bool:
        """True when *code* is a group of the registry."""
        return code in self._groups

    def members(self, code: str, day: dt.date | None = None) -> tuple[str, ...]:
        """The members of group *code* on *day* (every member ever, without *day*).

        Empty for a code that is no group, and for a group none of whose members existed on
        *day*.  A member is a unit that is no group itself: groups among the members are
        replaced by theirs.
        """
        found: dict[str, None] = {}
        seen: set[str] = set()
        todo = [code]
        while todo:
            current = todo.pop()
            if current in seen or current not in self._groups:
                continue
            seen.add(current)
            for member in self._candidates_of(current):
                if member in self._groups:
                    todo.append(member)
                elif day is None or _valid(self._units.get(member), day):
                    found[member] = None
        return tuple(sorted(found, key=lambda c: self._order.get(c, len(self._order))))

    def addressed(self, code: str, day: dt.date | None = None) -> tuple[str, ...]:
        """What an addressee stands for on *day*: a group's members, else *code* itself.

        A group with no member on *day* stands for itself, so that it is still counted
        (once) rather than vanishing from what a plan expects.
        """
        return self.members(code, day) or (code,)

    def groups_of(self, code: str, day: dt.date | None = None) -> tuple[str, ...]:
        """The groups *code* is a member of on *day* (ever, without *day*), in registry order."""
        if self._containing is None:
            containing: dict[str, list[str]] = {}
            for group in self._groups:
                for member in self.members(group):
                    containing.setdefault(member, []).append(group)
            self._containing = {member: tuple(found) for member, found in containing.items()}
        candidates = self._containing.get(code, ())
        if day is None:
            return candidates
        return tuple(group for group in candidates if code in self.members(group, day))

    def belongs(self, code: str, group: str, day: dt.date | None = None) -> bool:
        """True when *code*, or a unit above it, is a member of *group* on *day*.

        A Phòng of a member district belongs to "UBND các quận, huyện" through its district.
        """
        members = set(self.members(group, day))
        return any(unit in members for unit in unit_chain(self._units, code))

    def _candidates_of(self, group: str) -> tuple[str, ...]:
        """The members of *group* whatever the day: listed, below it, and by its rule."""
        found = self._candidates.get(group)
        if found is None:
            found = self._candidates[group] = self._resolve(group, self._groups[group].members)
        return found

    def _resolve(self, group: str, members: Members | None) -> tuple[str, ...]:
        assert members is not None  # only groups are resolved
        found: dict[str, None] = dict.fromkeys(c for c in members.units if c != group)
        for code, unit in self._units.items():
            if code == group:
                continue
            if unit.parent == group or (members.levels and self._by_rule(unit, members)):
                found[code] = None
        return tuple(found)

    def _by_rule(self, unit: Unit, members: Members) -> bool:
        """True when the rule of *members* takes *unit*: of its levels, first below ``under``."""
        if unit.level not in members.levels or unit.members is not None:
            return False
        above = unit_chain(self._units, unit.code)[1:]
        if members.under is not None:
            if members.under not in above:
                return False
            above = above[: above.index(members.under)]
        # The first unit of its level on the way down: a district's offices, of the
        # district's level too, belong to it rather than to the group.
        # Groups on the way are no bodies of their own and are passed over.
        return all(
            (other := self._units.get(code)) is None
            or other.members is not None
            or other.level is not unit.level
            for code in above
        )


def _valid(unit: Unit | None, day: dt.date) -> bool:
    return unit is None or unit.is_valid_on(day)


# Users import it from its public face; it says so in its __module__.
rehome("cchc.model", Groups)
