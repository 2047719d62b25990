"""Expected children: which of the units a plan orders to issue a plan of their own did so."""

from __future__ import annotations

import datetime as dt

import attrs

from cchc._faces import rehome
from cchc.graph._graph import PlanGraph
from cchc.model._plan import Plan
from cchc.model._units import unit_chain

__all__ = ["ExpectedChildren", "expected_children", "expected_children_status"]


@attrs.frozen(kw_only=True)
class ExpectedChildren:
    """Which of the units a plan expects to issue a derived plan did so.

    An expected group counts by its members: "UBND các quận, huyện, thị xã" is thirty
    districts, each of which owes a plan, not one unit done once any district issues.
    """

    plan: str
    """The key of the parent plan."""
    issued: dict[str, tuple[str, ...]]
    """Each expected unit (a group's members in its place) that issued, with the plans."""
    missing: tuple[str, ...]
    """The expected units (a group's members in its place) with no derived plan yet."""
    groups: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    """Each expected group with its members on :attr:`on`; empty when none is declared,
    and the group then counts once, as itself."""
    on: dt.date | None = None
    """The day groups were resolved: the plan's date of issue, else its first day."""

    @property
    def expected(self) -> tuple[str, ...]:
        """Every expected unit, those that issued first."""
        return (*self.issued, *self.missing)

    @property
    def share(self) -> float | None:
        """The share of expected units that issued a plan, 0 to 1; None when none is expected.

        This is how a report measures "100% các cơ quan ... xây dựng kế hoạch" (60/BC-UBND).
        """
        total = len(self.issued) + len(self.missing)
        return len(self.issued) / total if total else None

    def of_group(self, group: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The members of expected group *group* that issued, and those that did not."""
        members = self.groups.get(group) or (group,)
        return (
            tuple(m for m in members if m in self.issued),
            tuple(m for m in members if m not in self.issued),
        )


def expected_children_status(graph: PlanGraph, key: str) -> ExpectedChildren:
    """Which of plan *key*'s ``expected_children`` units issued a plan implementing it.

    A group stands for its members on the plan's date of issue (else its first day):
    each member owes a plan of its own.  A unit counts when a child of the plan was issued
    by it or by a unit whose ``parent`` chain reaches it (a Phòng of an expected city
    UBND).  Drafts and plans known only from citations count: they show a plan was built.
    """
    doc = graph.doc(key)
    if not isinstance(doc, Plan):
        raise KeyError(f"{key!r} is an external document, not a plan of the corpus")
    corpus = graph.corpus
    on = doc.issued or (doc.period.start if doc.period is not None else None)
    groups = {
        code: corpus.groups.members(code, on)
        for code in doc.expected_children
        if corpus.groups.is_group(code)
    }
    # The children each unit counts by: those issued by it or by a unit under it, in the
    # children's order.  Made once, so that a plan expecting thousands of units among
    # thousands of children does not look through every child for every unit.
    children_of: dict[str, list[str]] = {}
    for child in dict.fromkeys(graph.children(key)):
        plan = corpus.get(child)
        if plan is not None:
            for unit in dict.fromkeys(unit_chain(corpus.units, plan.issuer)):
                children_of.setdefault(unit, []).append(child)
    issued: dict[str, tuple[str, ...]] = {}
    missing: dict[str, None] = {}
    for code in doc.expected_children:
        for unit in groups.get(code) or (code,):
            if unit in issued or unit in missing:
                continue
            found = children_of.get(unit)
            if found:
                issued[unit] = tuple(found)
            else:
                missing[unit] = None
    return ExpectedChildren(plan=key, issued=issued, missing=tuple(missing), groups=groups, on=on)


def expected_children(graph: PlanGraph, key: str | None = None) -> tuple[ExpectedChildren, ...]:
    """The :func:`expected_children_status` of every plan that expects children, in file order.

    With *key*, of that plan only (nothing when it expects none).
    """
    return tuple(
        expected_children_status(graph, plan.key)
        for plan in graph.corpus.plans
        if plan.expected_children and (key is None or plan.key == key)
    )


# Users import this from its public face; it says so in its __module__.
rehome("cchc.graph", ExpectedChildren)
