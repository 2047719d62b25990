"""Gathering what each file of a corpus gave into one corpus: plans, units and records.

Plans must have keys unique in the corpus; a unit may be declared in several files as long
as every declaration is the same; records are kept in the order read, each with its place.
"""

from __future__ import annotations

import attrs

from cchc.exceptions import Problem
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan, Unit
from cchc.model._records import Record

__all__ = ["FileResult", "Reading"]


@attrs.frozen(kw_only=True)
class FileResult:
    """What one file gave: its plan, or the units of a unit registry, and its problems."""

    plan: Plan | None = None
    units: tuple[Unit, ...] = ()
    records: tuple[Record, ...] = ()
    problems: tuple[Problem, ...] = ()


@attrs.frozen
class _Declaration:
    """A unit as first declared, and the file that declared it."""

    unit: Unit
    file: str


class Reading:
    """The corpus as its files are read: plans by unique key, units declared alike."""

    def __init__(self) -> None:
        self.plans: list[Plan] = []
        self.problems: list[Problem] = []
        self.files_of: dict[str, str] = {}
        self.declared: dict[str, _Declaration] = {}
        self.records: list[Record] = []
        self.record_places: list[tuple[str, str]] = []

    def add(self, label: str, result: FileResult) -> None:
        """Take in what the file *label* gave."""
        self.problems.extend(result.problems)
        units = list(result.units)
        plan = result.plan
        if plan is not None:
            if plan.key in self.files_of:
                self.problems.append(
                    Problem(
                        file=label,
                        path="$.key",
                        message=f"expected a key unique in the corpus, found {plan.key!r} "
                        f"already used by {self.files_of[plan.key]}",
                    )
                )
            else:
                self.files_of[plan.key] = label
                self.plans.append(plan)
                units.extend(plan.units)
        for unit in units:
            self._declare(unit, label)
        for index, record in enumerate(result.records):
            self.records.append(record)
            self.record_places.append((label, f"$.records[{index}]"))

    def _declare(self, unit: Unit, label: str) -> None:
        """Record a unit declaration; the same code must always declare the same unit."""
        previous = self.declared.get(unit.code)
        if previous is None:
            self.declared[unit.code] = _Declaration(unit, label)
        elif previous.unit != unit:
            self.problems.append(
                Problem(
                    file=label,
                    path="$.units",
                    message=f"expected unit {unit.code!r} to be declared as in "
                    f"{previous.file}, found a different declaration",
                )
            )

    def corpus(self) -> Corpus:
        """The corpus read, with its warnings."""
        return Corpus(
            plans=tuple(self.plans),
            units={code: declared.unit for code, declared in self.declared.items()},
            files=self.files_of,
            problems=tuple(self.problems),
            records=tuple(self.records),
            record_places=tuple(self.record_places),
        )
