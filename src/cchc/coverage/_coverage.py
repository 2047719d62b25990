"""Coverage of a whole corpus: every implements edge, with concreteness and targets.

One edge is classified by :mod:`cchc.coverage._edge`; over the corpus, this module adds
the tasks of child plans that are not concrete, carried or local (Hà Nội KH 54/KH-UBND
asks every unit's plan to be "cụ thể nội dung, nhiệm vụ, sản phẩm, thời gian thực hiện":
a lead unit, a product and a time) and the carried indicators whose target is weaker than
the parent's (:mod:`cchc.coverage._concreteness`).  The edges come from the plan graph,
built once by the caller: coverage never builds a graph.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

from cchc._faces import rehome
from cchc.coverage._concreteness import Gap, Weakening, concreteness, weakened
from cchc.coverage._edge import (
    DEFAULT_KINDS,
    EdgeCoverage,
    EdgeStatus,
    Family,
    ItemCoverage,
    ItemKind,
    Status,
    classify_edge,
    dangling_of,
    edge_coverage,
)
from cchc.coverage._match import DEFAULT_THRESHOLD, PreparedTexts
from cchc.coverage._suspect import ChangedLink, suspect_of
from cchc.coverage._trace import Matrix, TraceStep, matrix, trace
from cchc.exceptions import Problem

if TYPE_CHECKING:
    from cchc.model._corpus import Corpus
    from cchc.model._plan import Plan

# The names of one edge, of the matrix and of traces live in _edge and _trace; render/,
# report/ and cli/ import them from here, as they did before coverage was cut in three.
__all__ = [
    "DEFAULT_KINDS",
    "ChangedLink",
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
    "suspect_links",
    "trace",
    "unchecked_links",
]


@attrs.frozen(kw_only=True)
class CorpusCoverage:
    """Coverage of every implements edge of a corpus, with concreteness and targets."""

    edges: tuple[EdgeCoverage, ...]
    """One result per (parent, child) edge, in the graph's order."""
    concreteness: tuple[Gap, ...] = ()
    """Gaps of the tasks of the child plans of parents with items, carried or local."""
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
    concrete: bool = True,
) -> CorpusCoverage:
    """Coverage of each implements edge (parent key, child key) of *corpus*.

    The edges come from the plan graph (:meth:`cchc.PlanGraph.implements_edges`), which
    the caller builds once; with *plan*, only the edges touching it are computed.  With
    *concrete* False, only the edges are: :attr:`~CorpusCoverage.concreteness` and
    :attr:`~CorpusCoverage.weakened` stay empty, for a caller that only counts shares.
    """
    if plan is not None and plan not in corpus:
        raise KeyError(f"no plan with key {plan!r} in the corpus")
    results: list[EdgeCoverage] = []
    gaps: list[Gap] = []
    weak: list[Weakening] = []
    seen_children: set[str] = set()
    # Each parent text is compared for every child of the parent: prepared once, here.
    texts = PreparedTexts()
    for parent, child in _plans_of(corpus, edges, plan):
        result = classify_edge(
            parent, child, kinds=kinds, suggest=suggest, threshold=threshold, texts=texts
        )
        if result.dangling:
            located = tuple(corpus.locate(p) for p in result.dangling)
            result = attrs.evolve(result, dangling=located)
        results.append(result)
        if not concrete:
            continue
        weak.extend(weakened(parent, child))
        # Every task of a child whose parent's items are known owes a unit, a product and a
        # time, carried or not: deleting a link must not hide a task from the check.  A
        # parent known only from a citation gives nothing to carry, so nothing is judged.
        if child.key not in seen_children and parent.items():
            seen_children.add(child.key)
            gaps.extend(concreteness(child))
    return CorpusCoverage(edges=tuple(results), concreteness=tuple(gaps), weakened=tuple(weak))


def dangling_links(corpus: Corpus, edges: Iterable[tuple[str, str]]) -> tuple[Problem, ...]:
    """The links of each child of *edges* to items its parent does not have, edge by edge.

    The problems of :attr:`CorpusCoverage.problems`, without classifying a single item.
    """
    return tuple(
        corpus.locate(problem)
        for parent, child in _plans_of(corpus, edges)
        for problem in dangling_of(parent, child)
    )


def suspect_links(corpus: Corpus, edges: Iterable[tuple[str, str]]) -> tuple[Problem, ...]:
    """The links of each child of *edges* to parent items changed since they were recorded.

    Warnings (``coverage.suspect_link``), one a link, edge by edge: what ``validate`` adds
    to :func:`dangling_links`.
    """
    return tuple(
        corpus.locate(problem)
        for parent, child in _plans_of(corpus, edges)
        for problem in suspect_of(parent, child)
    )


def unchecked_links(corpus: Corpus, edges: Iterable[tuple[str, str]]) -> int:
    """How many links of each child of *edges* to an item of its parent record no fingerprint.

    Such a link is *unchecked*: no change of the parent item can show on it (a dangling link
    is :func:`dangling_links`' to count, not this).
    """
    count = 0
    for parent, child in _plans_of(corpus, edges):
        ids = {item.id for item in parent.items()}
        count += sum(
            1
            for item in child.items()
            for link in item.inherits
            if link.plan == parent.key and link.fingerprint is None and link.item in ids
        )
    return count


def _plans_of(
    corpus: Corpus, edges: Iterable[tuple[str, str]], plan: str | None = None
) -> Iterator[tuple[Plan, Plan]]:
    """The (parent, child) plans of the *edges* between plans of *corpus*; touching *plan*."""
    for parent_key, child_key in edges:
        if plan is not None and plan not in (parent_key, child_key):
            continue
        parent, child = corpus.get(parent_key), corpus.get(child_key)
        if parent is not None and child is not None:
            yield parent, child


# Users import these from their public face; they say so in their __module__.
rehome("cchc", CorpusCoverage)
