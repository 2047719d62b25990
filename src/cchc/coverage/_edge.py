"""Coverage of one edge: whether every item of a parent plan is carried down into a child plan.

For an *implements* edge (parent plan, child plan) every parent item of the counted kinds is

- **covered** when a child item links to it with ``inherits``;
- **waived** when the only child items linking to it carry a ``waiver`` (the reason is shown);
- **suspect** when it would be covered or waived but a link that makes it so recorded
  another fingerprint of the item (:mod:`cchc.coverage._suspect`); it still counts as carried;
- **suggested** when nothing links to it but a child item of the same family reads alike
  (:mod:`cchc.coverage._match`, score at least the threshold);
- **missing** otherwise.

The share of an edge is (covered + waived + suspect) / counted items: a waiver is a reasoned
decision that the item does not apply, a suggestion is only a hint until someone writes the
link.
A parent with no counted item (a document known only from a citation) gives an edge whose
status is ``unknown`` and whose share is None: nothing can be checked, so it neither passes
at 100% nor fails; it is left out of overall shares.  Links to parent items that do not
exist are problems (``coverage.dangling``), suspect links warnings (``coverage.suspect_link``);
child items that inherit nothing are local additions, not a fault.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import NamedTuple

import attrs

from cchc._faces import rehome
from cchc.coverage._match import DEFAULT_THRESHOLD, Prepared, PreparedTexts, best_match
from cchc.coverage._suspect import ChangedLink, changed_links
from cchc.exceptions import Problem, Severity
from cchc.files._paths import item_path
from cchc.model._items import Channel, Indicator, ItemLink, Objective, Task
from cchc.model._plan import Plan

__all__ = [
    "DEFAULT_KINDS",
    "EdgeCoverage",
    "EdgeStatus",
    "Family",
    "ItemCoverage",
    "ItemKind",
    "Status",
    "classify_edge",
    "dangling_of",
    "edge_coverage",
]

Item = Task | Objective | Channel | Indicator


class ItemKind(enum.Enum):
    """The sections of a plan whose items can be counted (``--include`` takes these values)."""

    TASKS = "tasks"
    OBJECTIVES = "objectives"
    REQUIREMENTS = "requirements"
    CHANNELS = "channels"
    INDICATORS = "indicators"

    @property
    def family(self) -> Family:
        """Items compared with each other for suggestions: objectives go with requirements."""
        return _FAMILIES[self]


class Family(enum.StrEnum):
    """Kinds of items alike enough to be suggested for each other.

    Each is named, and valued, after the section it gathers (``"tasks"``); objectives and
    requirements are one family.
    """

    TASKS = "tasks"
    OBJECTIVES = "objectives"
    CHANNELS = "channels"
    INDICATORS = "indicators"


_FAMILIES = {
    kind: Family.OBJECTIVES if kind is ItemKind.REQUIREMENTS else Family(kind.value)
    for kind in ItemKind
}

DEFAULT_KINDS: frozenset[ItemKind] = frozenset({ItemKind.TASKS})
"""Content items (tasks) count by default."""


def _items(plan: Plan, kinds: Collection[ItemKind]) -> list[tuple[ItemKind, Item]]:
    sections: list[tuple[ItemKind, Sequence[Item]]] = [
        (ItemKind.OBJECTIVES, plan.objectives),
        (ItemKind.REQUIREMENTS, plan.requirements),
        (ItemKind.TASKS, plan.tasks),
        (ItemKind.CHANNELS, plan.channels),
        (ItemKind.INDICATORS, plan.indicators),
    ]
    return [(kind, item) for kind, items in sections if kind in kinds for item in items]


class Status(enum.Enum):
    """What became of one parent item in one child plan."""

    COVERED = "covered"
    WAIVED = "waived"
    SUSPECT = "suspect"
    """Linked, but the parent item changed since a link recorded its fingerprint."""
    SUGGESTED = "suggested"
    MISSING = "missing"

    @property
    def carried(self) -> bool:
        """True when the item counts as carried down (covered, waived or suspect)."""
        return self in (Status.COVERED, Status.WAIVED, Status.SUSPECT)


class EdgeStatus(enum.Enum):
    """Whether an edge could be checked."""

    KNOWN = "known"
    UNKNOWN = "unknown"
    """The parent has no counted item (e.g. it is known only from a citation)."""


@attrs.frozen(kw_only=True)
class ItemCoverage:
    """One parent item and how the child plan carries it."""

    item: str
    """The parent item's id."""
    kind: ItemKind
    """The section the parent item belongs to."""
    text: str
    """The parent item's text, as written."""
    status: Status
    """Covered, waived, suspect, suggested or missing."""
    by: tuple[str, ...] = ()
    """Ids of the child items that link to it (covered, waived, suspect) or resemble it."""
    score: float | None = None
    """For a suggestion: the similarity, 0-100."""
    reason: str | None = None
    """For a waiver (a suspect item all of whose links waive it too): why it does not apply."""
    matched: tuple[str, ...] = ()
    """For a suggestion: the shared words, as the parent item spells them."""
    changed: tuple[ChangedLink, ...] = ()
    """For a suspect item: the links whose recorded fingerprint is not the item's now."""
    unchecked: tuple[str, ...] = ()
    """Ids of the child items in :attr:`by` whose links recorded no fingerprint."""


@attrs.frozen(kw_only=True)
class EdgeCoverage:
    """Coverage of one parent plan by one child plan."""

    parent: str
    """Key of the parent plan."""
    child: str
    """Key of the child plan."""
    items: tuple[ItemCoverage, ...]
    """Every counted parent item, in the parent's order."""
    dangling: tuple[Problem, ...] = ()
    """Child links to items the parent does not have (rule ``coverage.dangling``)."""
    local: tuple[str, ...] = ()
    """Ids of child items of the counted kinds that inherit nothing: local additions."""
    parent_illustrative: bool = False
    """True when the parent is a plan marked ``illustrative`` (written to show cchc's checks)."""
    child_illustrative: bool = False
    """True when the child is a plan marked ``illustrative``."""

    @property
    def status(self) -> EdgeStatus:
        """Unknown when the parent has no counted item, known otherwise."""
        return EdgeStatus.KNOWN if self.items else EdgeStatus.UNKNOWN

    @property
    def carried(self) -> int:
        """How many parent items are covered or waived."""
        return sum(1 for i in self.items if i.status.carried)

    @property
    def percent(self) -> float | None:
        """The share of parent items carried, 0-100; None for an unknown edge."""
        if not self.items:
            return None
        return 100.0 * self.carried / len(self.items)

    def count(self, status: Status) -> int:
        """How many parent items have *status*."""
        return sum(1 for i in self.items if i.status is status)

    @property
    def suspect_links(self) -> int:
        """How many links to the parent's items are suspect (a suspect item may have several)."""
        return sum(len(i.changed) for i in self.items)

    @property
    def unchecked_links(self) -> int:
        """How many links to the parent's items recorded no fingerprint."""
        return sum(len(i.unchecked) for i in self.items)


def edge_coverage(
    parent: Plan,
    child: Plan,
    *,
    kinds: Collection[ItemKind] = DEFAULT_KINDS,
    suggest: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
) -> EdgeCoverage:
    """Classify every counted item of *parent* as carried by *child*.

    Links count whatever the kind of the child item (a child objective may carry a parent
    task); suggestions compare items of the same family only (tasks with tasks, objectives
    and requirements together, channels, indicators).
    """
    return classify_edge(
        parent, child, kinds=kinds, suggest=suggest, threshold=threshold, texts=PreparedTexts()
    )


def classify_edge(
    parent: Plan,
    child: Plan,
    *,
    kinds: Collection[ItemKind],
    suggest: bool,
    threshold: float,
    texts: PreparedTexts,
) -> EdgeCoverage:
    """:func:`edge_coverage` as a step of a computation over many edges.

    *texts* are the texts that computation has prepared so far: each is prepared once for
    every edge it compares, and the computation lets them go when it returns.
    """
    carriers = _carriers(parent, child)
    counted = tuple(_items(parent, kinds))
    # The child's texts are prepared only for an edge with a parent item left to suggest for.
    unlinked = suggest and any(not carriers.get(item.id) for _, item in counted)
    families = _candidates(child, texts) if unlinked else {}
    items = tuple(
        _classify(
            kind,
            item,
            carriers.get(item.id, ()),
            families.get(kind.family) if families else None,
            threshold=threshold,
            texts=texts,
        )
        for kind, item in counted
    )
    return EdgeCoverage(
        parent=parent.key,
        child=child.key,
        items=items,
        dangling=dangling_of(parent, child),
        local=tuple(item.id for _, item in _items(child, kinds) if not item.inherits),
        parent_illustrative=parent.illustrative,
        child_illustrative=child.illustrative,
    )


def _classify(
    kind: ItemKind,
    item: Item,
    carriers: Sequence[_Carrier],
    candidates: _Candidates | None,
    *,
    threshold: float,
    texts: PreparedTexts,
) -> ItemCoverage:
    """What became of one parent item: linked (covered, waived), else suggested or missing."""
    if carriers:
        return _linked(kind, item, carriers)
    if candidates is not None:
        found = best_match(texts(item.text), candidates.texts, threshold=threshold)
        if found is not None:
            index, match = found
            return ItemCoverage(
                item=item.id,
                kind=kind,
                text=item.text,
                status=Status.SUGGESTED,
                by=(candidates.ids[index],),
                score=round(match.score, 1),
                matched=match.matched,
            )
    return _covered(kind, item, Status.MISSING, ())


def _linked(kind: ItemKind, item: Item, carriers: Sequence[_Carrier]) -> ItemCoverage:
    """Covered by a link without waiver, else waived; suspect if one recorded another print."""
    plain = sorted((c for c in carriers if c.waiver is None), key=lambda c: c.item)
    counted = plain or sorted(carriers, key=lambda c: c.item)
    reasons = None if plain else "; ".join(c.waiver for c in counted if c.waiver)
    changed = changed_links(item, [(c.item, c.link) for c in counted])
    status = Status.SUSPECT if changed else Status.COVERED if plain else Status.WAIVED
    return ItemCoverage(
        item=item.id,
        kind=kind,
        text=item.text,
        status=status,
        by=tuple(c.item for c in counted),
        reason=reasons,
        changed=changed,
        unchecked=tuple(c.item for c in counted if c.link.fingerprint is None),
    )


class _Carrier(NamedTuple):
    """A child item linking to a parent item, with its waiver when it declines the item."""

    item: str
    waiver: str | None
    link: ItemLink


def _links(parent: Plan, child: Plan) -> Iterable[tuple[Item, ItemLink]]:
    """Each link of a child item to an item of *parent*: the child item and its link."""
    for _, item in _items(child, tuple(ItemKind)):
        for link in item.inherits:
            if link.plan == parent.key:
                yield item, link


def _carriers(parent: Plan, child: Plan) -> dict[str, list[_Carrier]]:
    """The child items linking to each parent item that exists, with their waiver."""
    parent_ids = {item.id for item in parent.items()}
    carriers: dict[str, list[_Carrier]] = {}
    for item, link in _links(parent, child):
        if link.item in parent_ids:
            waiver = item.waiver if isinstance(item, Task) else None
            carriers.setdefault(link.item, []).append(_Carrier(item.id, waiver, link))
    return carriers


def dangling_of(parent: Plan, child: Plan) -> tuple[Problem, ...]:
    """The links of *child* to items *parent* does not have (rule ``coverage.dangling``).

    Each names the child plan (:attr:`Problem.plan`), not its file:
    :meth:`cchc.Corpus.locate` finds that.
    """
    parent_ids = {item.id for item in parent.items()}
    return tuple(
        Problem(
            file=None,
            path=f"{item_path(child, item.id) or '$'}.inherits",
            message=f"links to {link}, but {parent.key} has no item {link.item!r}",
            severity=Severity.ERROR,
            rule="coverage.dangling",
            plan=child.key,
        )
        for item, link in _links(parent, child)
        if link.item not in parent_ids
    )


@attrs.frozen
class _Candidates:
    """The child items of one family that a parent item may be suggested to: ids and texts.

    ``texts[i]`` is the prepared text of the item ``ids[i]``: :func:`best_match` returns
    an index into *texts*, which names the item in *ids*.
    """

    ids: tuple[str, ...]
    texts: tuple[Prepared, ...]


def _candidates(child: Plan, texts: PreparedTexts) -> Mapping[Family, _Candidates]:
    """Child items by family, sorted by id so that the order of items never matters."""
    grouped: dict[Family, list[Item]] = {}
    for kind, item in sorted(_items(child, tuple(ItemKind)), key=lambda ki: ki[1].id):
        grouped.setdefault(kind.family, []).append(item)
    return {
        family: _Candidates(
            ids=tuple(item.id for item in items), texts=tuple(texts(item.text) for item in items)
        )
        for family, items in grouped.items()
    }


def _covered(
    kind: ItemKind, item: Item, status: Status, by: tuple[str, ...], *, reason: str | None = None
) -> ItemCoverage:
    return ItemCoverage(
        item=item.id, kind=kind, text=item.text, status=status, by=by, reason=reason
    )


# Users import these from their public face; they say so in their __module__.
rehome("cchc", EdgeCoverage, ItemCoverage, Status)
rehome("cchc.coverage", EdgeStatus, Family, ItemKind)
