"""Coverage seen from one parent or one item: the matrix of a parent's edges, and traces.

:func:`matrix` lays one parent's edges out as items by child plans; :func:`trace` follows
one item down the tree, through the links of each plan's children, to where it stops.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from cchc._faces import rehome
from cchc.coverage._edge import EdgeCoverage, ItemCoverage, ItemKind, Status, classify_edge
from cchc.coverage._match import DEFAULT_THRESHOLD, PreparedTexts
from cchc.model._plan import Plan

__all__ = ["Matrix", "TraceStep", "matrix", "trace"]


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
    """How the child carries it; the chain breaks here unless covered (or suspect)."""
    by: tuple[str, ...] = ()
    """Child item ids carrying (or resembling) it."""
    next: tuple[TraceStep, ...] = ()
    """The steps from the carrying child items into the child's own children."""
    reason: str | None = None
    """For a waived step, or a suspect one whose links all waive the item: why."""

    @property
    def breaks(self) -> bool:
        """True when the chain stops here: not carried on by a child item that links to it.

        A suspect link still carries the item on (its parent changed, the link stands).
        """
        return not _follows(self.status, self.reason)


def _follows(status: Status, reason: str | None) -> bool:
    """Whether a trace goes on below a step: a covered item, or a suspect one not waived."""
    return status is Status.COVERED or (status is Status.SUSPECT and reason is None)


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
    texts = PreparedTexts()  # a plan met on several chains has its texts prepared once

    def classified(parent: Plan, child: Plan, item: str) -> ItemCoverage:
        edge = classify_edge(
            parent, child, kinds=tuple(ItemKind), suggest=suggest, threshold=threshold, texts=texts
        )
        return next(i for i in edge.items if i.item == item)

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
                    reason=result.reason,
                )
            )
            continue
        child_key, item = following
        result = classified(plans[frame.key], plans[child_key], item)
        if _follows(result.status, result.reason):
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
                    reason=result.reason,
                )
            )


# Users import these from their public face; they say so in their __module__.
rehome("cchc.coverage", Matrix, TraceStep)
