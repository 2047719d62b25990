"""The cascade as a tree, for the summary: each document under its parents, with coverage.

A document implementing two parents appears under both, its own children listed the
first time only; the tree stops at :data:`~cchc.graph._graph.TREE_DEPTH` levels.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from cchc._faces import rehome
from cchc.coverage._coverage import EdgeCoverage, EdgeStatus
from cchc.graph._graph import TREE_DEPTH, PlanGraph, mark_below

__all__ = ["EdgeShare", "TreeNode", "cascade_tree"]


@attrs.frozen(kw_only=True)
class EdgeShare:
    """How much of its parent one child carries: an edge as the summary shows it.

    The summary's tree repeats edges under every parent, so it keeps this count rather
    than the item-by-item :class:`~cchc.coverage.EdgeCoverage` (``coverage`` shows that).
    """

    parent: str
    """Key of the plan implemented."""
    child: str
    """Key of the plan implementing it."""
    status: EdgeStatus
    """Whether the edge can be checked at all."""
    percent: float | None
    """Share of the parent's items carried; None when the parent has none."""
    carried: int
    """How many parent items are covered or waived."""
    items: int
    """How many parent items the edge is judged on."""
    parent_illustrative: bool = False
    """True when the parent is a plan marked ``illustrative``."""
    child_illustrative: bool = False
    """True when the child is a plan marked ``illustrative``."""

    @classmethod
    def of(cls, edge: EdgeCoverage) -> EdgeShare:
        """The share of *edge*."""
        return cls(
            parent=edge.parent,
            child=edge.child,
            status=edge.status,
            percent=edge.percent,
            carried=edge.carried,
            items=len(edge.items),
            parent_illustrative=edge.parent_illustrative,
            child_illustrative=edge.child_illustrative,
        )


@attrs.frozen(kw_only=True)
class TreeNode:
    """A place in the cascade tree: a document under one of its parents."""

    key: str
    """The document's key (see :attr:`CorpusSummary.nodes`)."""
    edge: EdgeShare | None
    """How much of the parent above this document carries; None at the top or when unknown."""
    repeated: bool = False
    """True when the document's own children were already listed higher up."""
    children: tuple[TreeNode, ...] = ()
    """The documents implementing this one, in corpus order."""
    hidden: int = 0
    """How many children are not listed because the tree stops here, at
    :data:`~cchc.graph._graph.TREE_DEPTH` levels (``graph --json`` lists every edge)."""


def cascade_tree(
    graph: PlanGraph, edges: Mapping[tuple[str, str], EdgeShare]
) -> tuple[TreeNode, ...]:
    """The cascade from its roots; a shared child's subtree is listed the first time only.

    The tree nests at most :data:`TREE_DEPTH` levels: a document there says how many
    children it does not list.  The walk keeps its own stack, so a corpus of any depth is
    read without recursion.
    """
    expanded: set[str] = set()
    below: list[str] = []  # children of the documents where the tree stops
    # A frame: the document, the edge above it, its depth, its children still to visit,
    # the nodes built for those visited, and where its own node goes once built.
    stack: list[
        tuple[str, EdgeShare | None, int, Iterator[str], list[TreeNode], list[TreeNode]]
    ] = []

    def visit(key: str, parent: str | None, depth: int, into: list[TreeNode]) -> None:
        edge = edges.get((parent, key)) if parent is not None else None
        kids = graph.children(key)
        if key in expanded:
            into.append(TreeNode(key=key, edge=edge, repeated=bool(kids)))
            return
        expanded.add(key)
        if kids and depth >= TREE_DEPTH:
            into.append(TreeNode(key=key, edge=edge, hidden=len(kids)))
            below.extend(kids)
        else:
            stack.append((key, edge, depth, iter(kids), [], into))

    def build(top: str) -> TreeNode:
        built: list[TreeNode] = []
        visit(top, None, 1, built)
        while stack:
            key, edge, depth, kids, children, into = stack[-1]
            child = next(kids, None)
            if child is not None:
                visit(child, key, depth + 1, children)
            else:
                stack.pop()
                into.append(TreeNode(key=key, edge=edge, children=tuple(children)))
        return built[0]

    tops = [build(root) for root in graph.roots()]
    # Plans on a cycle have a parent, so no root reaches them; list them at the top.  What
    # lies below a cut is left out, not listed there as if no root reached it.
    for key in graph.cascade_keys():
        mark_below(graph, below, expanded)
        below.clear()
        if key not in expanded:
            tops.append(build(key))
    return tuple(tops)


# Users import this from its public face; it says so in its __module__.
rehome("cchc.report", EdgeShare, TreeNode)
