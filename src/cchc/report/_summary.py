"""What ``summary`` shows, as plain values: the terminal and ``--json`` both read these.

Nothing here imports rich.  :func:`corpus_summary` gathers, for a whole corpus, the
cascade as a tree with the coverage share of every edge, the counts, the deadlines
around a day and how many problems the corpus checks find (by reusing
:func:`cchc.report._checks.check_corpus`, never by checking again).  :func:`plan_detail`
gathers one plan in full.  :func:`summary_json` and :func:`plan_detail_json` turn them
into the documented ``--json`` documents (docs/schemas/summary.json).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

import attrs

from cchc._faces import rehome
from cchc.calendar._expand import (
    UPCOMING_DAYS,
    BudgetError,
    Expansion,
    Occurrence,
    timing,
)
from cchc.coverage._coverage import EdgeCoverage, ItemKind, corpus_coverage
from cchc.exceptions import Problem, Severity
from cchc.graph._graph import (
    TREE_DEPTH,
    ExpectedChildren,
    ExternalDocument,
    PlanGraph,
    expected_children_status,
    mark_below,
)
from cchc.model._corpus import Corpus
from cchc.model._items import Channel, Indicator, Objective, Schedule, Task
from cchc.model._plan import LegalBasis, Plan
from cchc.report._checks import check_corpus
from cchc.text._vocab import PlanStatus

__all__ = [
    "DEFAULT_LIMIT",
    "CorpusSummary",
    "Counts",
    "Deadlines",
    "Node",
    "PlanDetail",
    "ProblemCounts",
    "TreeNode",
    "corpus_summary",
    "deadline_json",
    "deadlines_around",
    "plan_detail",
    "plan_detail_json",
    "summary_json",
]

DEFAULT_LIMIT = 5
"""How many upcoming and how many overdue deadlines a summary lists."""


@attrs.frozen(kw_only=True)
class Node:
    """One document of the cascade as a summary line shows it."""

    key: str
    """The plan key, or the key of an external document."""
    kind: str | None
    """The document kind (``DocumentKind`` value); None when a citation does not say."""
    ref: str | None
    """The reference as printed (``54/KH-UBND``); None when unnumbered or unknown."""
    issuer: str | None
    """Code of the issuing unit, when known."""
    issuer_name: str | None
    """The issuer's name: the unit's, or the citation's words for an unknown issuer."""
    issued: dt.date | None
    """Date of issue, when known."""
    level: str | None
    """The issuer's level of government (``Level`` value), when the unit is known."""
    status: PlanStatus
    """Draft, issued, or known only from a citation."""
    external: bool
    """True for a document the corpus knows only from references."""


@attrs.frozen(kw_only=True)
class TreeNode:
    """A place in the cascade tree: a document under one of its parents."""

    key: str
    """The document's key (see :attr:`CorpusSummary.nodes`)."""
    edge: EdgeCoverage | None
    """Coverage of the parent above by this document; None at the top or when unknown."""
    repeated: bool = False
    """True when the document's own children were already listed higher up."""
    children: tuple[TreeNode, ...] = ()
    """The documents implementing this one, in corpus order."""
    hidden: int = 0
    """How many children are not listed because the tree stops here, at
    :data:`~cchc.graph._graph.TREE_DEPTH` levels (``graph --json`` lists every edge)."""


@attrs.frozen(kw_only=True)
class Counts:
    """How much the corpus holds."""

    plans: int
    """Plans of the corpus (drafts and cited plans included)."""
    external: int
    """Parents known only from references."""
    content_items: int
    """Content items (*nội dung*) of every plan."""
    duties: int
    """Duties of named units (*tổ chức thực hiện*) of every plan."""
    objectives: int
    """Objectives and requirements of every plan."""
    units: int
    """Units declared in the corpus."""
    channels: int
    """Forms of communication of every plan."""
    indicators: int
    """Measurable targets of every plan."""


@attrs.frozen(kw_only=True)
class Deadlines:
    """The deadlines around a day: the next ones and the latest missed ones."""

    as_of: dt.date
    """The day they are judged on."""
    upcoming: tuple[Occurrence, ...]
    """The first deadlines on or after ``as_of``, soonest first, at most the limit."""
    overdue: tuple[Occurrence, ...]
    """The latest deadlines before ``as_of``, oldest first, at most the limit."""
    upcoming_total: int
    """Every deadline on or after ``as_of``."""
    within_30_days: int
    """Deadlines from ``as_of`` to 30 days later (``Timing.UPCOMING``)."""
    overdue_total: int
    """Every deadline before ``as_of`` (cchc cannot tell which were met)."""


@attrs.frozen(kw_only=True)
class ProblemCounts:
    """What ``validate`` finds, counted."""

    errors: int
    """Problems that make the corpus unusable."""
    warnings: int
    """Problems worth a look (loading warnings included)."""
    rules: Mapping[str, int]
    """How many problems each rule found, by rule name."""


@attrs.frozen(kw_only=True)
class CorpusSummary:
    """A corpus at a glance, on one day."""

    nodes: Mapping[str, Node]
    """Every document of the cascade by key, in cascade order."""
    tree: tuple[TreeNode, ...]
    """The tops of the cascade, each with what implements it below."""
    edges: tuple[EdgeCoverage, ...]
    """Coverage of every implements edge between plans of the corpus."""
    percent: float | None
    """Share of parent items carried over every checkable edge; None when none is."""
    counts: Counts
    """How much the corpus holds."""
    deadlines: Deadlines
    """The next and the missed deadlines."""
    problems: ProblemCounts
    """What the corpus checks find."""
    unit_names: Mapping[str, str]
    """Names of the units the deadlines name, by code."""


def _node(graph: PlanGraph, key: str) -> Node:
    doc = graph.doc(key)
    corpus = graph.corpus
    if isinstance(doc, ExternalDocument):
        issuer, issued, status = doc.issuer, doc.date, PlanStatus.CITED
        name = corpus.unit_name(doc.issuer) if doc.issuer else doc.issuer_text
        kind = doc.kind.value if doc.kind is not None else None
    else:
        issuer, issued, status = doc.issuer, doc.issued, doc.status
        name, kind = corpus.unit_name(doc.issuer), doc.kind.value
    unit = corpus.unit(issuer) if issuer else None
    return Node(
        key=key,
        kind=kind,
        ref=str(doc.ref) if doc.ref is not None and str(doc.ref) else None,
        issuer=issuer,
        issuer_name=name,
        issued=issued,
        level=unit.level.value if unit is not None else None,
        status=status,
        external=isinstance(doc, ExternalDocument),
    )


def _tree(graph: PlanGraph, edges: Mapping[tuple[str, str], EdgeCoverage]) -> tuple[TreeNode, ...]:
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
        tuple[str, EdgeCoverage | None, int, Iterator[str], list[TreeNode], list[TreeNode]]
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


def _counts(corpus: Corpus, graph: PlanGraph) -> Counts:
    plans = corpus.plans
    return Counts(
        plans=len(plans),
        external=sum(1 for key in graph.cascade_keys() if graph.is_external(key)),
        content_items=sum(len(p.content_items) for p in plans),
        duties=sum(len(p.duties) for p in plans),
        objectives=sum(len(p.objectives) + len(p.requirements) for p in plans),
        units=len(corpus.units),
        channels=sum(len(p.channels) for p in plans),
        indicators=sum(len(p.indicators) for p in plans),
    )


def deadlines_around(
    plans: Iterable[Plan], as_of: dt.date, limit: int, *, max_occurrences: int | None = None
) -> Deadlines:
    """The *limit* deadlines of *plans* from *as_of* on and the *limit* latest before it.

    Only those are worked out, with the totals counted without expanding the rest, so the
    work does not grow with the years a plan claims.  With *max_occurrences*, a *limit*
    that would list more raises :class:`~cchc.calendar._expand.BudgetError`.
    """
    schedules = Expansion(plans)
    before = as_of - dt.timedelta(days=1) if as_of > dt.date.min else None
    ahead = schedules.count(start=as_of)
    # A report whose document names no day has no deadline to pass: never overdue.
    late = schedules.count(end=before, stated=True) if before is not None else 0
    if max_occurrences is not None:
        needed = min(limit, ahead) + min(limit, late)
        if needed > max_occurrences:
            raise BudgetError(max_occurrences, needed)
    horizon = dt.date.max - as_of
    soon_end = as_of + min(dt.timedelta(days=UPCOMING_DAYS), horizon)
    overdue = (
        tuple(islice(schedules.backward(before, stated=True), limit))
        if before is not None and limit
        else ()
    )
    return Deadlines(
        as_of=as_of,
        upcoming=tuple(islice(schedules.forward(as_of), limit)),
        overdue=overdue[::-1],
        upcoming_total=ahead,
        within_30_days=schedules.count(as_of, soon_end),
        overdue_total=late,
    )


def _problem_counts(problems: Iterable[Problem]) -> ProblemCounts:
    found = list(problems)
    errors = sum(1 for p in found if p.severity is Severity.ERROR)
    rules = Counter(p.rule for p in found)
    return ProblemCounts(
        errors=errors, warnings=len(found) - errors, rules=dict(sorted(rules.items()))
    )


def corpus_summary(
    corpus: Corpus,
    as_of: dt.date,
    *,
    limit: int = DEFAULT_LIMIT,
    graph: PlanGraph | None = None,
    progress: Callable[[str], None] | None = None,
    max_occurrences: int | None = None,
) -> CorpusSummary:
    """Gather the summary of *corpus* on *as_of*, listing *limit* deadlines each way.

    *progress*, when given, is called with the name of each step as it starts
    (``graph``, ``coverage``, ``calendar``, ``checks``), for a progress display.
    *max_occurrences* bounds the deadlines worked out by the listing and by the cascade
    check, each (:class:`~cchc.calendar._expand.BudgetError` past it).
    """

    def step(name: str) -> None:
        if progress is not None:
            progress(name)

    step("graph")
    graph = graph if graph is not None else PlanGraph.from_corpus(corpus)
    pairs = graph.implements_edges()
    step("coverage")
    coverage = corpus_coverage(corpus, pairs, kinds=(ItemKind.TASKS,), suggest=False)
    by_pair = {(e.parent, e.child): e for e in coverage.edges}
    step("calendar")
    deadlines = deadlines_around(corpus.plans, as_of, limit, max_occurrences=max_occurrences)
    step("checks")
    problems = (
        *corpus.problems,
        *check_corpus(corpus, graph=graph, coverage=coverage, max_occurrences=max_occurrences),
    )
    codes = {c for o in (*deadlines.upcoming, *deadlines.overdue) for c in (*o.units, o.to) if c}
    return CorpusSummary(
        nodes={key: _node(graph, key) for key in graph.cascade_keys()},
        tree=_tree(graph, by_pair),
        edges=coverage.edges,
        percent=coverage.percent,
        counts=_counts(corpus, graph),
        deadlines=deadlines,
        problems=_problem_counts(problems),
        unit_names={code: corpus.unit_name(code) for code in sorted(codes)},
    )


# --- one plan ------------------------------------------------------------------------------


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
    coverage: tuple[EdgeCoverage, ...]
    """Coverage of its parents by it, and of it by its children."""
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
) -> PlanDetail:
    """Gather plan *key* of *corpus* in full on *as_of*; :class:`KeyError` when it is not there.

    *max_occurrences* bounds the deadlines listed (see :func:`deadlines_around`).
    """
    plan = corpus.plan(key)
    graph = graph if graph is not None else PlanGraph.from_corpus(corpus)
    pairs = tuple((p, c) for p, c in graph.implements_edges() if key in (p, c))
    coverage = corpus_coverage(corpus, pairs, kinds=(ItemKind.TASKS,), suggest=False)
    expected = expected_children_status(graph, key)
    children = graph.children(key)
    codes = _codes(plan)
    for child in children:
        child_plan = corpus.get(child)
        if child_plan is not None:
            codes.add(child_plan.issuer)
    return PlanDetail(
        plan=plan,
        node=_node(graph, key),
        parents=tuple(_node(graph, k) for k in graph.parents(key)),
        children=tuple(_node(graph, k) for k in children),
        coverage=coverage.edges,
        expected=expected,
        deadlines=deadlines_around((plan,), as_of, limit, max_occurrences=max_occurrences),
        unit_names={code: corpus.unit_name(code) for code in sorted(codes)},
    )


# --- JSON ----------------------------------------------------------------------------------


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _node_json(node: Node) -> dict[str, Any]:
    return {
        "key": node.key,
        "kind": node.kind,
        "ref": node.ref,
        "issuer": node.issuer,
        "issuer_name": node.issuer_name,
        "issued": _iso(node.issued),
        "level": node.level,
        "status": node.status.value,
        "external": node.external,
    }


def _edge_json(edge: EdgeCoverage) -> dict[str, Any]:
    return {
        "parent": edge.parent,
        "child": edge.child,
        "status": edge.status.value,
        "percent": _percent(edge.percent),
        "carried": edge.carried,
        "items": len(edge.items),
    }


def _tree_json(top: TreeNode) -> dict[str, Any]:
    """The JSON of a tree node and everything below it, built without recursion."""

    def shell(node: TreeNode) -> dict[str, Any]:
        found: dict[str, Any] = {
            "key": node.key,
            "coverage": None if node.edge is None else _edge_json(node.edge),
            "repeated": node.repeated,
            "children": [],
        }
        if node.hidden:
            found["hidden"] = node.hidden
        return found

    root = shell(top)
    stack = [(top, root)]
    while stack:
        node, made = stack.pop()
        for child in node.children:
            below = shell(child)
            made["children"].append(below)
            stack.append((child, below))
    return root


def deadline_json(occurrence: Occurrence, as_of: dt.date) -> dict[str, Any]:
    """One deadline as the summary's JSON gives it (a subset of ``calendar --json``'s)."""
    return {
        "date": occurrence.date.isoformat(),
        "original_date": occurrence.original_date.isoformat(),
        "plan": occurrence.plan,
        "task": occurrence.task,
        "kind": occurrence.kind.value,
        "cadence": None if occurrence.cadence is None else occurrence.cadence.value,
        "period": {
            "start": occurrence.period.start.isoformat(),
            "end": occurrence.period.end.isoformat(),
        },
        "unit": list(occurrence.units),
        "to": occurrence.to,
        "count": occurrence.count,
        "what": occurrence.what,
        "timing": timing(occurrence, as_of).value,
        "text": occurrence.text,
        "stated": occurrence.stated,
    }


def _deadlines_json(deadlines: Deadlines) -> dict[str, Any]:
    as_of = deadlines.as_of
    return {
        "upcoming_total": deadlines.upcoming_total,
        "within_30_days": deadlines.within_30_days,
        "overdue_total": deadlines.overdue_total,
        "upcoming": [deadline_json(o, as_of) for o in deadlines.upcoming],
        "overdue": [deadline_json(o, as_of) for o in deadlines.overdue],
    }


def summary_json(summary: CorpusSummary) -> dict[str, Any]:
    """The ``summary --json`` document of a corpus (docs/schemas/summary.json)."""
    counts = summary.counts
    return {
        "as_of": summary.deadlines.as_of.isoformat(),
        "counts": {
            "plans": counts.plans,
            "external": counts.external,
            "content_items": counts.content_items,
            "duties": counts.duties,
            "objectives": counts.objectives,
            "units": counts.units,
            "channels": counts.channels,
            "indicators": counts.indicators,
        },
        "documents": [_node_json(node) for node in summary.nodes.values()],
        "tree": [_tree_json(node) for node in summary.tree],
        "coverage": {
            "percent": _percent(summary.percent),
            "edges": [_edge_json(e) for e in summary.edges],
        },
        "deadlines": _deadlines_json(summary.deadlines),
        "problems": {
            "errors": summary.problems.errors,
            "warnings": summary.problems.warnings,
            "rules": dict(summary.problems.rules),
        },
        "units": dict(summary.unit_names),
    }


def _basis_json(basis: LegalBasis) -> dict[str, Any]:
    return {
        "relation": basis.relation.value,
        "kind": basis.kind.value,
        "ref": None if basis.ref is None else str(basis.ref),
        "date": _iso(basis.date),
        "issuer": basis.issuer,
        "issuer_text": basis.issuer_text,
        "plan": basis.plan,
        "citation": basis.citation,
    }


def _objective_json(item: Objective) -> dict[str, Any]:
    return {"id": item.id, "text": item.text, "inherits": [str(x) for x in item.inherits]}


def _schedule_json(schedule: Schedule) -> dict[str, Any]:
    return {
        "kind": schedule.kind.value,
        "text": schedule.text,
        "due": _iso(schedule.due),
        "cadences": [c.value for c in schedule.cadences],
        "count": schedule.count,
        "what": schedule.what,
        "to": schedule.to,
    }


def _task_json(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "text": task.text,
        "area": None if task.area is None else task.area.value,
        "lead": list(task.lead),
        "cooperating": list(task.cooperating),
        "products": list(task.products),
        "schedules": [_schedule_json(s) for s in task.schedules],
        "inherits": [str(x) for x in task.inherits],
        "waiver": task.waiver,
    }


def _channel_json(channel: Channel) -> dict[str, Any]:
    return {
        "id": channel.id,
        "kind": channel.kind.value,
        "text": channel.text,
        "inherits": [str(x) for x in channel.inherits],
    }


def _indicator_json(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "text": indicator.text,
        "comparator": indicator.comparator.value,
        "value": indicator.value,
        "measure": indicator.measure.value,
        "per": None if indicator.per is None else indicator.per.value,
        "scope": indicator.scope,
        "inherits": [str(x) for x in indicator.inherits],
        "by_year": indicator.by_year,
        "steps": [{"year": step.year, "value": step.value} for step in indicator.steps],
    }


def plan_detail_json(detail: PlanDetail) -> dict[str, Any]:
    """The ``summary --plan KEY --json`` document (docs/schemas/summary-plan.json)."""
    plan, expected = detail.plan, detail.expected
    return {
        "as_of": detail.deadlines.as_of.isoformat(),
        "plan": {
            **_node_json(detail.node),
            "title": plan.title,
            "place": plan.place,
            "period": None
            if plan.period is None
            else {"start": plan.period.start.isoformat(), "end": plan.period.end.isoformat()},
            "source": plan.source,
            "notes": plan.notes,
        },
        "legal_bases": [_basis_json(b) for b in plan.legal_bases],
        "parents": [_node_json(n) for n in detail.parents],
        "children": [_node_json(n) for n in detail.children],
        "coverage": [_edge_json(e) for e in detail.coverage],
        "objectives": [_objective_json(o) for o in plan.objectives],
        "requirements": [_objective_json(o) for o in plan.requirements],
        "content_items": [_task_json(t) for t in plan.content_items],
        "duties": [_task_json(t) for t in plan.duties],
        "channels": [_channel_json(c) for c in plan.channels],
        "indicators": [_indicator_json(i) for i in plan.indicators],
        "expected_children": {
            "share": None if expected.share is None else round(expected.share, 3),
            "issued": [{"unit": u, "plans": list(keys)} for u, keys in expected.issued.items()],
            "missing": list(expected.missing),
        },
        "deadlines": _deadlines_json(detail.deadlines),
        "units": dict(detail.unit_names),
    }


# Users import these from their public face; they say so in their __module__.
rehome("cchc.report", CorpusSummary, Counts, Deadlines, Node, PlanDetail, ProblemCounts, TreeNode)
