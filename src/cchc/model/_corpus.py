"""A corpus: the plans and units read from one folder, with what was found wrong."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from cchc._faces import rehome
from cchc.exceptions import Problem
from cchc.model._groups import Groups
from cchc.model._plan import Plan, Unit
from cchc.model._records import Record
from cchc.model._units import dated_name, sharing_a_name

__all__ = ["Corpus"]


@attrs.frozen(kw_only=True)
class Corpus:
    """Plans and units of one corpus, in file order, with the files they came from."""

    plans: tuple[Plan, ...] = ()
    """Every plan, in the order their files were read (sorted paths)."""
    units: Mapping[str, Unit] = attrs.field(factory=dict)
    """Every declared unit by code, from unit registries and from plans' ``units``."""
    files: Mapping[str, str] = attrs.field(factory=dict)
    """The file each plan key was read from, as a path string."""
    problems: tuple[Problem, ...] = ()
    """Warnings found while loading (errors prevent a corpus from being built)."""
    records: tuple[Record, ...] = ()
    """What units did, from the corpus' record files, in the order read."""
    record_places: tuple[tuple[str, str], ...] = ()
    """For each record, the file it was read from and its path there (``$.records[3]``);
    empty for records not read from files."""

    _index: dict[str, Plan] = attrs.field(init=False, repr=False, eq=False)
    _alike: frozenset[str] | None = attrs.field(init=False, repr=False, eq=False)
    """The codes of units sharing a name with another, once a name was asked for."""
    _groups: Groups = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # A frozen class sets its derived index once, here, from the plans it was given.
        object.__setattr__(self, "_index", {p.key: p for p in self.plans})
        # Worked out when a name is first asked for: a corpus is remade (an amendment in
        # force, a filter) more often than its names are shown.
        object.__setattr__(self, "_alike", None)
        object.__setattr__(self, "_groups", Groups(self.units))

    def __iter__(self) -> Iterator[Plan]:
        return iter(self.plans)

    def __len__(self) -> int:
        return len(self.plans)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def plan(self, key: str) -> Plan:
        """The plan with *key*; :class:`KeyError` naming the key when there is none."""
        try:
            return self._index[key]
        except KeyError:
            raise KeyError(f"no plan with key {key!r} in the corpus") from None

    def locate(self, problem: Problem) -> Problem:
        """*problem* with the file its plan was read from, when it names a plan but no file.

        Checks of plans say which plan a problem is in (:attr:`Problem.plan`); this is the
        one place that turns the key into the file the user sees.
        """
        if problem.file is not None or problem.plan is None:
            return problem
        file = self.files.get(problem.plan)
        return problem if file is None else attrs.evolve(problem, file=file)

    def get(self, key: str) -> Plan | None:
        """The plan with *key*, or None."""
        return self._index.get(key)

    @property
    def groups(self) -> Groups:
        """The group units of the corpus and who belongs to them on a day."""
        return self._groups

    def unit(self, code: str) -> Unit | None:
        """The unit with *code*, or None."""
        return self.units.get(code)

    def unit_name(self, code: str, *, english: bool = False) -> str:
        """The unit's name for display; the code itself when the unit is not declared.

        A name another unit shares says when the unit existed: ``UBND tỉnh X (đến 30/06/2025)``.
        """
        unit = self.units.get(code)
        if unit is None:
            return code
        alike = self._alike
        if alike is None:
            alike = sharing_a_name(self.units)
            object.__setattr__(self, "_alike", alike)
        return dated_name(unit, english=english) if code in alike else unit.name


# Users import these from their public face; they say so in their __module__.
rehome("cchc", Corpus)
