"""Coverage: whether every item of a parent plan is carried down into each plan implementing it.

For an *implements* edge (parent plan, child plan) every parent item of the counted kinds is

- **covered** when a child item links to it with ``inherits``;
- **waived** when the only child items linking to it carry a ``waiver`` (the reason is shown);
- **suggested** when nothing links to it but a child item of the same family reads alike
  (:mod:`cchc.coverage._match`, score at least the threshold);
- **missing** otherwise.

The share of an edge is (covered + waived) / counted items: a waiver is a reasoned decision
that the item does not apply, a suggestion is only a hint until someone writes the link.
A parent with no counted item (a document known only from a citation) gives an edge whose
status is ``unknown`` and whose share is None: nothing can be checked, so it neither passes
at 100% nor fails; it is left out of overall shares.

Besides, the module finds links to parent items that do not exist (``coverage.dangling``),
child items that inherit nothing (local additions, not a fault), carried tasks that are not
concrete (Hà Nội KH 54/KH-UBND asks every unit's plan to be "cụ thể nội dung, nhiệm vụ, sản
phẩm, thời gian thực hiện": a lead unit, a product and a time), and carried indicators whose
target is weaker than the parent's.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from cchc._faces import rehome
from cchc.coverage._concreteness import Gap, Weakening, concreteness, weakened
from cchc.coverage._match import DEFAULT_THRESHOLD, Prepared, best_match, prepare
from cchc.exceptions import Problem, Severity
from cchc.files._paths import item_path
from cchc.model._items import Channel, Indicator, Objective, Task
from cchc.model._plan import Plan

if TYPE_CHECKING:
    from cchc.model._corpus import Corpus

__all__ = [
    "DEFAULT_KINDS",
    "CorpusCoverage",
    "EdgeCoverage",
    "EdgeStatus",
    "Family",
    "ItemCoverage",
    "ItemKind",
    "Matrix",
    "Status",
    "TraceStep",
    "corpus_coverage",
    "dangling_links",
    "edge_coverage",
    "matrix",
    "trace",
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
        return Family.OBJECTIVES if self is ItemKind.REQUIREMENTS else Family(self.value)


class Family(enum.StrEnum):
    """Kinds of items alike enough to be suggested for each other.

    Each is named, and valued, after the section it gathers (``"tasks"``); objectives and
    requirements are one family.
    """

    TASKS = "tasks"
    OBJECTIVES = "objectives"
    CHANNELS = "channels"
    INDICATORS = "indicators"


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
    SUGGESTED = "suggested"
    MISSING = "missing"

    @property
    def carried(self) -> bool:
        """True when the item counts as carried down (covered or waived)."""
        return self in (Status.COVERED, Status.WAIVED)


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
    """Covered, waived, suggested or missing."""
    by: tuple[str, ...] = ()
    """Ids of the child items that link to it (covered, waived) or resemble it (suggested)."""
    score: float | None = None
    """For a suggestion: the similarity, 0-100."""
    reason: str | None = None
    """For a waiver: why the item does not apply to the child's issuer."""
    matched: tuple[str, ...] = ()
    """For a suggestion: the shared words, as the parent item spells them."""


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


def _dangling(child: Plan, item_id: str, message: str) -> Problem:
    return Problem(
        file=None,
        path=f"{item_path(child, item_id) or '$'}.inherits",
        message=message,
        severity=Severity.ERROR,
        rule="coverage.dangling",
        plan=child.key,
    )


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
    counted = _items(parent, kinds)
    carriers, dangling = _carriers(parent, child)
    local = tuple(item.id for _, item in _items(child, kinds) if not item.inherits)
    families = _candidates(child) if suggest else {}
    results: list[ItemCoverage] = []
    for kind, item in counted:
        links = carriers.get(item.id, [])
        if links:
            plain = tuple(sorted(i for i, waiver in links if waiver is None))
            if plain:
                results.append(_covered(kind, item, Status.COVERED, plain))
            else:
                reasons = "; ".join(w for _, w in sorted(links) if w)
                ids = tuple(sorted(i for i, _ in links))
                results.append(_covered(kind, item, Status.WAIVED, ids, reason=reasons))
            continue
        found = None
        family = families.get(kind.family)
        if family is not None:
            found = best_match(prepare(item.text), family.texts, threshold=threshold)
        if found is None or family is None:
            results.append(_covered(kind, item, Status.MISSING, ()))
        else:
            index, match = found
            results.append(
                ItemCoverage(
                    item=item.id,
                    kind=kind,
                    text=item.text,
                    status=Status.SUGGESTED,
                    by=(family.ids[index],),
                    score=round(match.score, 1),
                    matched=match.matched,
                )
            )
    return EdgeCoverage(
        parent=parent.key,
        child=child.key,
        items=tuple(results),
        dangling=tuple(dangling),
        local=local,
    )


def _carriers(
    parent: Plan, child: Plan
) -> tuple[dict[str, list[tuple[str, str | None]]], list[Problem]]:
    """Child items linking to each parent item, with their waiver; and the dangling links."""
    parent_ids = {item.id for item in parent.items()}
    carriers: dict[str, list[tuple[str, str | None]]] = {}
    dangling: list[Problem] = []
    for _, item in _items(child, tuple(ItemKind)):
        waiver = item.waiver if isinstance(item, Task) else None
        for link in item.inherits:
            if link.plan != parent.key:
                continue
            if link.item in parent_ids:
                carriers.setdefault(link.item, []).append((item.id, waiver))
            else:
                message = f"links to {link}, but {parent.key} has no item {link.item!r}"
                dangling.append(_dangling(child, item.id, message))
    return carriers, dangling


@attrs.frozen
class _Candidates:
    """The child items of one family that a parent item may be suggested to: ids and texts.

    ``texts[i]`` is the prepared text of the item ``ids[i]``: :func:`best_match` returns
    an index into *texts*, which names the item in *ids*.
    """

    ids: tuple[str, ...]
    texts: tuple[Prepared, ...]


def _candidates(child: Plan) -> dict[Family, _Candidates]:
    """Child items by family, sorted by id so that the order of items never matters."""
    grouped: dict[Family, list[Item]] = {}
    for kind, item in sorted(_items(child, tuple(ItemKind)), key=lambda ki: ki[1].id):
        grouped.setdefault(kind.family, []).append(item)
    return {
        family: _Candidates(
            ids=tuple(item.id for item in items), texts=tuple(prepare(item.text) for item in items)
        )
        for family, items in grouped.items()
    }


def _covered(
    kind: ItemKind, item: Item, status: Status, by: tuple[str, ...], *, reason: str | None = None
) -> ItemCoverage:
    return ItemCoverage(
        item=item.id, kind=kind, text=item.text, status=status, by=by, reason=reason
    )


# --- matrix and trace ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Matrix:
    """Parent items by child plans, with the share of items each child carries."""

    parent: str
    """Key of the parent plan."""
    items: tuple[str, ...]
    """Parent item ids (rows)."""
    children: tuple[str, ...]
    """Child plan keys (columns)."""
    cells: Mapping[tuple[str, str], Status]
    """Status of (item id, child key)."""

    def child_percent(self, child: str) -> float | None:
        """The share of parent items *child* carries; None when the parent has no item."""
        if not self.items:
            return None
        carried = sum(1 for i in self.items if self.cells[i, child].carried)
        return 100.0 * carried / len(self.items)

    def item_percent(self, item: str) -> float | None:
        """The share of child plans carrying *item*; None when there is no child."""
        if not self.children:
            return None
        carried = sum(1 for c in self.children if self.cells[item, c].carried)
        return 100.0 * carried / len(self.children)


def matrix(edges: Sequence[EdgeCoverage]) -> Matrix:
    """The matrix of one parent's items by its child plans, from that parent's edges."""
    parents = {e.parent for e in edges}
    if len(parents) > 1:
        raise ValueError(f"edges of one parent expected, got {sorted(parents)}")
    items = tuple(i.item for i in edges[0].items) if edges else ()
    cells = {(i.item, e.child): i.status for e in edges for i in e.items}
    return Matrix(
        parent=edges[0].parent if edges else "",
        items=items,
        children=tuple(e.child for e in edges),
        cells=cells,
    )


@attrs.frozen(kw_only=True)
class TraceStep:
    """Where one item goes in one child plan, and on from there."""

    parent: str
    """``plan#item`` being carried."""
    child: str
    """Key of the child plan."""
    status: Status
    """How the child carries it; the chain breaks here unless covered."""
    by: tuple[str, ...] = ()
    """Child item ids carrying (or resembling) it."""
    next: tuple[TraceStep, ...] = ()
    """The steps from the carrying child items into the child's own children."""


@attrs.define
class _Frame:
    """A plan of a trace being followed.

    It holds the (child, item) pairs still to look at, the steps made so far, and the
    covered step waiting for the steps below it.
    """

    key: str
    todo: Iterator[tuple[str, str]]
    steps: list[TraceStep] = attrs.Factory(list)
    waiting: tuple[str, str, ItemCoverage] | None = None


def trace(
    plans: Mapping[str, Plan],
    edges: Iterable[tuple[str, str]],
    plan_key: str,
    item_id: str,
    *,
    suggest: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[TraceStep, ...]:
    """Follow one item down the tree: in which descendants it is carried and where it stops.

    Links are followed transitively: a grandchild item carries the item when it links to a
    child item that carries it.  Each plan is visited once per chain, so cycles end; the
    walk keeps its own stack, so a chain of any length is followed.
    """
    children: dict[str, list[str]] = {}
    for parent_key, child_key in edges:
        children.setdefault(parent_key, []).append(child_key)
    if plan_key not in plans:
        raise KeyError(f"no plan with key {plan_key!r}")
    if plans[plan_key].item(item_id) is None:
        raise KeyError(f"plan {plan_key!r} has no item {item_id!r}")

    on_path = {plan_key}  # the plans of the chain being followed, so that cycles end

    def pairs(key: str, ids: tuple[str, ...]) -> Iterator[tuple[str, str]]:
        # Read lazily: whether a child is on the chain is asked when it comes up.
        for child_key in sorted(children.get(key, ())):
            if child_key in plans and child_key not in on_path:
                for item in ids:
                    yield child_key, item

    # Depth first with an explicit stack, so that a chain of any length is followed.
    stack = [_Frame(plan_key, pairs(plan_key, (item_id,)))]
    while True:
        frame = stack[-1]
        following = next(frame.todo, None)
        if following is None:
            stack.pop()
            if not stack:
                return tuple(frame.steps)
            on_path.discard(frame.key)
            above = stack[-1]
            assert above.waiting is not None
            child_key, item, result = above.waiting
            above.waiting = None
            above.steps.append(
                TraceStep(
                    parent=f"{above.key}#{item}",
                    child=child_key,
                    status=result.status,
                    by=result.by,
                    next=tuple(frame.steps),
                )
            )
            continue
        child_key, item = following
        result = _one_item(
            plans[frame.key], plans[child_key], item, suggest=suggest, threshold=threshold
        )
        if result.status is Status.COVERED:
            frame.waiting = (child_key, item, result)
            on_path.add(child_key)
            stack.append(_Frame(child_key, pairs(child_key, result.by)))
        else:
            frame.steps.append(
                TraceStep(
                    parent=f"{frame.key}#{item}",
                    child=child_key,
                    status=result.status,
                    by=result.by,
                )
            )


def _one_item(
    parent: Plan, child: Plan, item_id: str, *, suggest: bool, threshold: float
) -> ItemCoverage:
    edge = edge_coverage(parent, child, kinds=tuple(ItemKind), suggest=suggest, threshold=threshold)
    return next(i for i in edge.items if i.item == item_id)


# --- a whole corpus -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CorpusCoverage:
    """Coverage of every implements edge of a corpus, with concreteness and targets."""

    edges: tuple[EdgeCoverage, ...]
    """One result per (parent, child) edge, in the graph's order."""
    concreteness: tuple[Gap, ...] = ()
    """Gaps of the child plans' carried tasks."""
    weakened: tuple[Weakening, ...] = ()
    """Carried indicators with weaker targets."""

    @property
    def percent(self) -> float | None:
        """Carried items over counted items of every known edge; None when none is known."""
        total = sum(len(e.items) for e in self.edges)
        if not total:
            return None
        return 100.0 * sum(e.carried for e in self.edges) / total

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every dangling link, edge by edge."""
        return tuple(p for e in self.edges for p in e.dangling)


def corpus_coverage(
    corpus: Corpus,
    edges: Iterable[tuple[str, str]],
    *,
    plan: str | None = None,
    kinds: Collection[ItemKind] = DEFAULT_KINDS,
    suggest: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
) -> CorpusCoverage:
    """Coverage of each implements edge (parent key, child key) of *corpus*.

    The edges come from the plan graph (:meth:`cchc.PlanGraph.implements_edges`), which
    the caller builds once; with *plan*, only the edges touching it are computed.
    """
    pairs = tuple(edges)
    if plan is not None:
        if plan not in corpus:
            raise KeyError(f"no plan with key {plan!r} in the corpus")
        pairs = tuple((p, c) for p, c in pairs if plan in (p, c))
    results: list[EdgeCoverage] = []
    gaps: list[Gap] = []
    weak: list[Weakening] = []
    seen_children: set[str] = set()
    for parent_key, child_key in pairs:
        parent, child = corpus.get(parent_key), corpus.get(child_key)
        if parent is None or child is None:
            continue
        result = edge_coverage(parent, child, kinds=kinds, suggest=suggest, threshold=threshold)
        if result.dangling:
            dangling = tuple(corpus.locate(p) for p in result.dangling)
            result = attrs.evolve(result, dangling=dangling)
        results.append(result)
        weak.extend(weakened(parent, child))
        if child_key not in seen_children:
            seen_children.add(child_key)
            gaps.extend(concreteness(child))
    return CorpusCoverage(edges=tuple(results), concreteness=tuple(gaps), weakened=tuple(weak))


def dangling_links(corpus: Corpus, edges: Iterable[tuple[str, str]]) -> tuple[Problem, ...]:
    """The links of each child of *edges* to items its parent does not have, edge by edge.

    The problems of :attr:`CorpusCoverage.problems`, without classifying a single item.
    """
    found: list[Problem] = []
    for parent_key, child_key in edges:
        parent, child = corpus.get(parent_key), corpus.get(child_key)
        if parent is not None and child is not None:
            found.extend(corpus.locate(p) for p in _carriers(parent, child)[1])
    return tuple(found)


# Users import these from their public face; they say so in their __module__.
rehome("cchc", CorpusCoverage, EdgeCoverage, ItemCoverage, Status)
rehome("cchc.coverage", EdgeStatus, Family, ItemKind, Matrix, TraceStep)
