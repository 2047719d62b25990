"""The content of a plan in force on a day: the plan with its amendments applied in order.

A plan is amended by a new document with its own number and date (NĐ 30/2020/NĐ-CP,
Điều 15.1: numbers run per issuer per year), which replaces, adds and removes items by
id (:class:`~cchc.model.Amendment`).  The amendments of a plan apply in the order of the
day they take effect (their ``effective`` day, else their date of issue), then of their
keys; a draft amends nothing, having no force yet.

The corpus in force on a day (:func:`effective_corpus`) holds each amended plan as it
then reads.  An amending plan stays in it as a document of the cascade (it has a number,
a date, an issuer) but with no items and no parents of its own: its items are the amended
plan's, and no unit has to carry them down from it a second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from cchc.exceptions import ModelError, Problem, Severity
from cchc.model._amend import SECTIONS, Addition
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan
from cchc.refs._refs import DocumentRef
from cchc.text._suggest import did_you_mean
from cchc.text._vocab import PlanStatus

__all__ = [
    "AMENDMENT_RULES",
    "Change",
    "amended_plans",
    "check_amendments",
    "effective_corpus",
    "effective_date",
    "effective_plan",
]

AMENDMENT_RULES: dict[str, Severity] = {
    "amendments.unknown_plan": Severity.ERROR,
    "amendments.no_date": Severity.ERROR,
    "amendments.of_amendment": Severity.ERROR,
    "amendments.cycle": Severity.ERROR,
    "amendments.unknown_item": Severity.ERROR,
    "amendments.wrong_section": Severity.ERROR,
    "amendments.existing_item": Severity.ERROR,
    "amendments.unknown_after": Severity.ERROR,
    "amendments.invalid": Severity.ERROR,
    "amendments.conflict": Severity.ERROR,
    "amendments.own_items": Severity.WARNING,
}
"""Every rule :func:`check_amendments` applies, with its severity."""

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


def _amends(corpus: Corpus) -> dict[str, str]:
    return {p.key: p.amends.plan for p in corpus if p.amends is not None}


def _in_cycle(links: Mapping[str, str], key: str) -> bool:
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
    links = _amends(corpus)
    found: dict[str, list[Plan]] = {}
    for plan in corpus:
        if _usable(corpus, links, plan):
            assert plan.amends is not None
            found.setdefault(plan.amends.plan, []).append(plan)
    return {
        key: tuple(sorted(plans, key=lambda p: (effective_date(p), p.key)))
        for key, plans in found.items()
    }


_Found = tuple[str, str, str]
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
    found: list[_Found] = attrs.field(factory=list)

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


def _apply(plan: Plan, amending: Plan) -> tuple[Plan, list[Change], list[_Found]]:
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


def effective_plan(corpus: Corpus, key: str, on: dt.date) -> tuple[Plan, dict[str, Change]]:
    """The plan *key* as in force on *on*, with the last change of each item changed.

    Every amendment in force on *on* (effective that day or before) applies, in order of
    its effective day then its key; an item an amendment could not change stays as it was
    (:func:`check_amendments` says why).  No amendment: the plan itself and no changes.
    """
    return _effective(corpus.plan(key), amended_plans(corpus).get(key, ()), on)


def _effective(
    plan: Plan, amendments: Iterable[Plan], on: dt.date
) -> tuple[Plan, dict[str, Change]]:
    provenance: dict[str, Change] = {}
    for amending in amendments:
        day = effective_date(amending)
        if day is None or day > on:
            break
        plan, changes, _ = _apply(plan, amending)
        provenance.update((c.item, c) for c in changes)
    return plan, provenance


def _stripped(plan: Plan) -> Plan:
    """An amending plan as a document only: its items are the amended plan's."""
    # Without its amends too: the corpus in force has its changes made already.
    return attrs.evolve(
        plan,
        parents=(),
        expected_children=(),
        amends=None,
        objectives=(),
        requirements=(),
        tasks=(),
        channels=(),
        indicators=(),
    )


def effective_corpus(corpus: Corpus, on: dt.date) -> tuple[Corpus, dict[str, dict[str, Change]]]:
    """The corpus as in force on *on*, with the changes made to each amended plan.

    Each amended plan reads as :func:`effective_plan` gives it; each amending plan stays
    as a document with no items, parents, expected children or amendment (its changes are
    made); the problems of the amendments join the corpus' :attr:`~cchc.Corpus.problems`.
    A corpus with no amendment is returned as it is.
    """
    if all(p.amends is None for p in corpus):
        return corpus, {}
    amendments = amended_plans(corpus)
    plans: list[Plan] = []
    provenance: dict[str, dict[str, Change]] = {}
    for plan in corpus:
        if plan.amends is not None:
            plans.append(_stripped(plan))
            continue
        current, changes = _effective(plan, amendments.get(plan.key, ()), on)
        plans.append(current)
        if changes:
            provenance[plan.key] = changes
    # The checks of the amendments go with the corpus: it no longer holds them to check.
    found = tuple(corpus.locate(p) for p in check_amendments(corpus))
    evolved = attrs.evolve(corpus, plans=tuple(plans), problems=(*corpus.problems, *found))
    return evolved, provenance


def _problem(plan: Plan, path: str, message: str, rule: str) -> Problem:
    return Problem(
        file=None,
        plan=plan.key,
        path=path,
        message=message,
        severity=AMENDMENT_RULES[rule],
        rule=rule,
    )


def check_amendments(corpus: Corpus) -> list[Problem]:
    """Every problem of the corpus' amendments, at its path in the amending plan's file.

    The amended plan must be in the corpus and not an amendment itself (nor lead back to
    the amending plan); the amendment needs a day it takes effect; the ids it replaces and
    removes must be items of the amended plan as in force on that day, those it adds must
    not be; two amendments of a plan that take effect the same day must not change an
    item in two ways.
    """
    links = _amends(corpus)
    problems: list[Problem] = []
    for plan in corpus:
        amendment = plan.amends
        if amendment is None:
            continue
        if any(getattr(plan, name) for name in SECTIONS):
            problems.append(
                _problem(
                    plan,
                    "$",
                    "expected the items of an amending plan under amends (replace, add), "
                    "found items of its own, which commands in force on a day leave out",
                    "amendments.own_items",
                )
            )
        if amendment.plan not in corpus:
            known = [p.key for p in corpus if p.key != plan.key]
            problems.append(
                _problem(
                    plan,
                    "$.amends.plan",
                    f"expected the key of a plan of the corpus, found {amendment.plan!r}"
                    f"{did_you_mean(amendment.plan, known)}",
                    "amendments.unknown_plan",
                )
            )
        elif _in_cycle(links, plan.key):
            problems.append(
                _problem(
                    plan,
                    "$.amends.plan",
                    f"expected a plan that does not amend {plan.key} in turn, found "
                    f"{amendment.plan!r}, whose amendments lead back to it",
                    "amendments.cycle",
                )
            )
        elif amendment.plan in links:
            problems.append(
                _problem(
                    plan,
                    "$.amends.plan",
                    f"expected a plan that is not an amendment itself, found {amendment.plan!r},"
                    f" which amends {links[amendment.plan]!r}; amend that plan instead",
                    "amendments.of_amendment",
                )
            )
        if effective_date(plan) is None:
            problems.append(
                _problem(
                    plan,
                    "$.amends.effective",
                    "expected the day the amendment takes effect (effective, or the plan's "
                    "issued date), found neither",
                    "amendments.no_date",
                )
            )
    for key, amendments in amended_plans(corpus).items():
        problems.extend(_check_history(corpus.plan(key), amendments))
    return problems


def _check_history(plan: Plan, amendments: tuple[Plan, ...]) -> list[Problem]:
    """The problems of each amendment of *plan* against the content it finds in force."""
    problems: list[Problem] = []
    same_day: dict[tuple[dt.date | None, str], tuple[Plan, object]] = {}
    for amending in amendments:
        assert amending.amends is not None
        day = effective_date(amending)
        for item_id, path, what in _what_changes(amending):
            earlier = same_day.setdefault((day, item_id), (amending, what))
            if earlier[0] is not amending and earlier[1] != what:
                problems.append(
                    _problem(
                        amending,
                        path,
                        f"expected no other change of {plan.key}#{item_id} on {day}, found "
                        f"another in {earlier[0].key}",
                        "amendments.conflict",
                    )
                )
        plan, _, found = _apply(plan, amending)
        problems.extend(_problem(amending, *f) for f in found)
    return problems


def _what_changes(amending: Plan) -> Iterable[tuple[str, str, object]]:
    """(id, path, what becomes of it) for each item *amending* changes."""
    amendment = amending.amends
    assert amendment is not None
    for name, items in amendment.replace.sections():
        for index, item in enumerate(items):
            yield item.id, f"$.amends.replace.{name}[{index}].id", item
    for number, addition in enumerate(amendment.add):
        for name, items in addition.sections():
            for index, item in enumerate(items):
                yield item.id, f"$.amends.add[{number}].{name}[{index}].id", item
    for index, item_id in enumerate(amendment.remove):
        yield item_id, f"$.amends.remove[{index}]", None
