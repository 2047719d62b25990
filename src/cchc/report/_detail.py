"""What ``summary --plan KEY`` shows, as plain values: one plan in full, in its cascade."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from cchc._faces import rehome
from cchc.coverage._coverage import ItemKind, corpus_coverage
from cchc.graph._expected import ExpectedChildren, expected_children_status
from cchc.graph._graph import PlanGraph
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan
from cchc.report._deadlines import DEFAULT_LIMIT, Deadlines, deadlines_around
from cchc.report._summary import Node, document_node
from cchc.report._tree import EdgeShare

__all__ = ["PlanDetail", "plan_detail"]


@attrs.frozen(kw_only=True)
class PlanDetail:
    """One plan in full, with where it stands in the cascade."""

    plan: Plan
    """The plan itself, every item as written."""
    node: Node
    """Its summary line: issuer name, level, status."""
    parents: tuple[Node, ...]
    """The documents it implements (plans of the corpus or external ones)."""
    children: tuple[Node, ...]
    """The plans implementing it."""
    coverage: tuple[EdgeShare, ...]
    """How much of its parents it carries, and its children of it."""
    expected: ExpectedChildren
    """The units expected to issue a plan from it, and who did."""
    deadlines: Deadlines
    """Its own deadlines around the day."""
    unit_names: Mapping[str, str]
    """Names of every unit the plan names, by code."""


def _codes(plan: Plan) -> set[str]:
    codes = {plan.issuer, *plan.implementers, *plan.expected_children}
    for task in plan.tasks:
        codes.update(task.lead)
        codes.update(task.cooperating)
        codes.update(s.to for s in task.schedules if s.to)
    codes.update(b.issuer for b in plan.legal_bases if b.issuer)
    return codes


def plan_detail(
    corpus: Corpus,
    key: str,
    as_of: dt.date,
    *,
    limit: int = DEFAULT_LIMIT,
    graph: PlanGraph | None = None,
    max_occurrences: int | None = None,
    english: bool = False,
) -> PlanDetail:
    """Gather plan *key* of *corpus* in full on *as_of*; :class:`KeyError` when it is not there.

    *max_occurrences* bounds the deadlines listed (see :func:`deadlines_around`); *english*
    is as for :func:`~cchc.report.corpus_summary`.
    """
    plan = corpus.plan(key)
    graph = graph if graph is not None else PlanGraph.from_corpus(corpus)
    pairs = tuple((p, c) for p, c in graph.implements_edges() if key in (p, c))
    coverage = corpus_coverage(
        corpus, pairs, kinds=(ItemKind.TASKS,), suggest=False, concrete=False
    )
    expected = expected_children_status(graph, key)
    children = graph.children(key)
    codes = _codes(plan) | set(expected.expected)
    for child in children:
        child_plan = corpus.get(child)
        if child_plan is not None:
            codes.add(child_plan.issuer)
    return PlanDetail(
        plan=plan,
        node=document_node(graph, key, english=english),
        parents=tuple(document_node(graph, k, english=english) for k in graph.parents(key)),
        children=tuple(document_node(graph, k, english=english) for k in children),
        coverage=tuple(EdgeShare.of(edge) for edge in coverage.edges),
        expected=expected,
        deadlines=deadlines_around((plan,), as_of, limit, max_occurrences=max_occurrences),
        unit_names={code: corpus.unit_name(code, english=english) for code in sorted(codes)},
    )


# Users import this from its public face; it says so in its __module__.
rehome("cchc.report", PlanDetail)
