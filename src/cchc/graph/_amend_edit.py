"""How one amendment changes one plan: its items replaced, added and removed by id.

The mechanics behind :mod:`cchc.graph._amend`: which amendments can apply and in what
order, and the plan an amendment makes of the content it finds in force, with what it
changed and what it could not change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from cchc._faces import rehome
from cchc.exceptions import ModelError
from cchc.model._amend import SECTIONS, Addition
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan
from cchc.refs._refs import DocumentRef
from cchc.text._suggest import did_you_mean
from cchc.text._vocab import PlanStatus

__all__ = [
    "Change",
    "Found",
    "amended_plans",
    "amends_links",
    "apply_amendment",
    "effective_date",
    "in_cycle",
]

Action = Literal["replaced", "added", "removed"]


@attrs.frozen(kw_only=True)
class Change:
    """What one amendment did to one item of the plan it amends."""

    item: str
    """The id of the item."""
    action: Action
    """``replaced``, ``added`` or ``removed``."""
    by: str
    """Key of the amending plan."""
    ref: DocumentRef | None
    """The amending plan's reference (``99/KH-UBND``), when it has one."""
    issued: dt.date | None
    """The amending plan's date of issue."""
    effective: dt.date
    """The day the change took effect."""


def effective_date(plan: Plan) -> dt.date | None:
    """The day *plan*'s amendment takes effect: its ``effective`` day, else its date of issue."""
    if plan.amends is None:
        return None
    return plan.amends.effective or plan.issued


def amends_links(corpus: Corpus) -> dict[str, str]:
    """The key of the plan each amending plan amends, by the amending plan's key."""
    return {p.key: p.amends.plan for p in corpus if p.amends is not None}


def in_cycle(links: Mapping[str, str], key: str) -> bool:
    """Whether following ``amends`` from *key* comes back to it."""
    seen = {key}
    current = links.get(key)
    while current is not None:
        if current == key:
            return True
        if current in seen:
            return False
        seen.add(current)
        current = links.get(current)
    return False


def _usable(corpus: Corpus, links: Mapping[str, str], plan: Plan) -> bool:
    """Whether *plan*'s amendment can apply at all: a dated, non-draft amendment of a plan."""
    target = links.get(plan.key)
    return (
        target is not None
        and target in corpus
        and target not in links  # an amendment of an amendment says nothing in force
        and effective_date(plan) is not None
        and plan.status is not PlanStatus.DRAFT
    )


def amended_plans(corpus: Corpus) -> dict[str, tuple[Plan, ...]]:
    """The usable amendments of each amended plan, in the order they apply."""
    links = amends_links(corpus)
    found: dict[str, list[Plan]] = {}
    for plan in corpus:
        if _usable(corpus, links, plan):
            assert plan.amends is not None
            found.setdefault(plan.amends.plan, []).append(plan)
    return {
        key: tuple(sorted(plans, key=lambda p: (effective_date(p), p.key)))
        for key, plans in found.items()
    }


Found = tuple[str, str, str]
"""A problem of an amendment: (path in the amending plan's file, message, rule)."""


@attrs.define
class _Edit:
    """One amendment being made to one plan: its sections as lists, what was done and not."""

    plan: Plan
    amending: Plan
    day: dt.date
    sections: dict[str, list[Any]]
    where: dict[str, str]
    changes: list[Change] = attrs.field(factory=list)
    found: list[Found] = attrs.field(factory=list)

    def change(self, item_id: str, action: Action) -> None:
        a = self.amending
        self.changes.append(
            Change(
                item=item_id,
                action=action,
                by=a.key,
                ref=a.ref,
                issued=a.issued,
                effective=self.day,
            )
        )

    def unknown(self, path: str, item_id: str, rule: str = "amendments.unknown_item") -> None:
        self.found.append(
            (
                path,
                f"expected the id of an item of {self.plan.key} in force on "
                f"{self.day.isoformat()}, found {item_id!r}{did_you_mean(item_id, self.where)}",
                rule,
            )
        )

    def replace(self, name: str, index: int, item: Any) -> None:
        path = f"$.amends.replace.{name}[{index}].id"
        section = self.where.get(item.id)
        if section is None:
            self.unknown(path, item.id)
        elif section != name:
            self.found.append(
                (
                    path,
                    f"expected an item of {name}, found {item.id!r}, one of "
                    f"{self.plan.key}'s {section}",
                    "amendments.wrong_section",
                )
            )
        else:
            ids = [i.id for i in self.sections[name]]
            self.sections[name][ids.index(item.id)] = item
            self.change(item.id, "replaced")

    def add(self, number: int, addition: Addition) -> None:
        after = addition.after
        if after is not None and after not in self.where:
            self.unknown(f"$.amends.add[{number}].after", after, "amendments.unknown_after")
            after = None
        for name, items in addition.sections():
            fresh = []
            for index, item in enumerate(items):
                if item.id in self.where:
                    self.found.append(
                        (
                            f"$.amends.add[{number}].{name}[{index}].id",
                            f"expected an id {self.plan.key} does not have on "
                            f"{self.day.isoformat()}, found {item.id!r}, one of its "
                            f"{self.where[item.id]}",
                            "amendments.existing_item",
                        )
                    )
                    continue
                fresh.append(item)
                self.where[item.id] = name
                self.change(item.id, "added")
            ids = [i.id for i in self.sections[name]]
            at = ids.index(after) + 1 if after in ids else len(ids)
            self.sections[name][at:at] = fresh

    def remove(self, index: int, item_id: str) -> None:
        section = self.where.pop(item_id, None)
        if section is None:
            self.unknown(f"$.amends.remove[{index}]", item_id)
            return
        self.sections[section] = [i for i in self.sections[section] if i.id != item_id]
        self.change(item_id, "removed")


def apply_amendment(plan: Plan, amending: Plan) -> tuple[Plan, list[Change], list[Found]]:
    """*plan* with *amending*'s changes made, the changes, and what could not be made."""
    amendment = amending.amends
    day = effective_date(amending)
    assert amendment is not None
    assert day is not None
    sections: dict[str, list[Any]] = {name: list(getattr(plan, name)) for name in SECTIONS}
    where = {item.id: name for name in SECTIONS for item in sections[name]}
    edit = _Edit(plan=plan, amending=amending, day=day, sections=sections, where=where)
    # Additions before removals: an addition may follow an item the amendment removes.
    for name, items in amendment.replace.sections():
        for index, item in enumerate(items):
            edit.replace(name, index, item)
    for number, addition in enumerate(amendment.add):
        edit.add(number, addition)
    for index, item_id in enumerate(amendment.remove):
        edit.remove(index, item_id)
    try:
        fields: dict[str, Any] = {name: tuple(items) for name, items in sections.items()}
        amended = attrs.evolve(plan, **fields)
    except ModelError as error:
        # The changes make a plan the model refuses (a task's period outside the plan's):
        # none of them is made, and the amending plan is told why.
        message = f"the amended {plan.key}: expected {error.expected}, found {error.got!r}"
        edit.found.append(("$.amends", message, "amendments.invalid"))
        return plan, [], edit.found
    return amended, edit.changes, edit.found


# Users import it from its public face; it says so in its __module__.
rehome("cchc.graph", Change)
