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
from collections.abc import Iterable

import attrs

from cchc.exceptions import Problem, Severity
from cchc.graph._amend_edit import (
    Change,
    amended_plans,
    amends_links,
    apply_amendment,
    effective_date,
    in_cycle,
)
from cchc.model._amend import SECTIONS
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan
from cchc.text._suggest import did_you_mean

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
        plan, changes, _ = apply_amendment(plan, amending)
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
    links = amends_links(corpus)
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
        elif in_cycle(links, plan.key):
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
        plan, _, found = apply_amendment(plan, amending)
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
