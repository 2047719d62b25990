"""Every ``--json`` document of cchc, from one cattrs converter.

Each type that appears in a document has one unstructure hook, registered once on
:data:`converter`: an edge's coverage, a deadline, a node of the cascade or a plan's task
looks the same in whichever document it appears.  Where the attrs fields already are the
JSON (names and order), cattrs generates the hook; where the JSON renames, reorders or
adds a derived value, the hook says so by hand.  A command's document is then
``converter.unstructure(value)``, wrapped in the few keys of its envelope by the
``*_document`` functions of :mod:`cchc.render._documents`.  The documents are pinned by
``docs/schemas/``.

Dump the result with ``json.dumps(..., ensure_ascii=False)`` (``cli._common.write_json``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from cchc.calendar._expand import Occurrence, timing
from cchc.coverage._concreteness import Gap, Weakening
from cchc.coverage._coverage import CorpusCoverage, EdgeCoverage, ItemCoverage
from cchc.exceptions import Problem
from cchc.graph._expected import ExpectedChildren
from cchc.graph._graph import ExternalDocument
from cchc.model._items import Channel, Indicator, ItemLink, Objective, Schedule, Task
from cchc.model._plan import LegalBasis, Period, Plan
from cchc.refs._citations import Citation
from cchc.refs._refs import DocumentRef
from cchc.report._deadlines import Deadlines
from cchc.report._detail import PlanDetail
from cchc.report._summary import CorpusSummary, Counts, Node, ProblemCounts
from cchc.report._tree import EdgeShare, TreeNode
from cchc.text._vocab import PlanStatus

__all__ = ["converter", "occurrence_record", "percent"]

converter = cattrs.Converter()
"""The converter of every document; its hooks are registered once, below, at import."""

_T = TypeVar("_T")


def _hook(cls: type[_T]) -> Callable[[Callable[[_T], Any]], Callable[[_T], Any]]:
    """Register the decorated function as the unstructure hook of *cls*."""

    def register(function: Callable[[_T], Any]) -> Callable[[_T], Any]:
        converter.register_unstructure_hook(cls, function)
        return function

    return register


def _generated(cls: type[Any], **fields: Any) -> None:
    """Let cattrs write the hook of *cls*: its fields in order, with *fields* overridden."""
    converter.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, converter, **fields))


def percent(value: float | None) -> float | None:
    """A share as the documents give it: one decimal, so that float noise stays out."""
    return None if value is None else round(value, 1)


# --- values written as text ---------------------------------------------------------------

converter.register_unstructure_hook(dt.date, dt.date.isoformat)
converter.register_unstructure_hook(DocumentRef, str)
converter.register_unstructure_hook(ItemLink, str)
# Enums need no hook: cattrs writes an enum member as its value.  A tuple of texts is a
# list of them: copied in C, not member by member through cattrs' hook for text.
converter.register_unstructure_hook_func(lambda kind: kind == tuple[str, ...], list)

# --- values whose JSON renames, reorders or adds ------------------------------------------


@_hook(Problem)
def _problem(problem: Problem) -> dict[str, Any]:
    # "path" is where the problem is as its line shows it: a JSON path or "line L, column C".
    return {
        "file": problem.file,
        "path": problem.where,
        "message": problem.message,
        "severity": problem.severity.value,
        "rule": problem.rule,
    }


@_hook(EdgeCoverage)
def _edge(edge: EdgeCoverage) -> dict[str, Any]:
    return {
        "parent": edge.parent,
        "child": edge.child,
        "status": edge.status.value,
        "percent": percent(edge.percent),
        "carried": edge.carried,
        "items": converter.unstructure(edge.items),
        "dangling": converter.unstructure(edge.dangling),
        "local": list(edge.local),
        "parent_illustrative": edge.parent_illustrative,
        "child_illustrative": edge.child_illustrative,
    }


@_hook(EdgeShare)
def _share(share: EdgeShare) -> dict[str, Any]:
    return {
        "parent": share.parent,
        "child": share.child,
        "status": share.status.value,
        "percent": percent(share.percent),
        "carried": share.carried,
        "items": share.items,
        "parent_illustrative": share.parent_illustrative,
        "child_illustrative": share.child_illustrative,
    }


@_hook(Schedule)
def _schedule(schedule: Schedule) -> dict[str, Any]:
    return {
        "kind": schedule.kind.value,
        "text": schedule.text,
        "due": converter.unstructure(schedule.due),
        "cadences": [c.value for c in schedule.cadences],
        "anchor": None if schedule.anchor is None else schedule.anchor.value,
        "day": schedule.day,
        "count": schedule.count,
        "what": schedule.what,
        "to": schedule.to,
    }


@_hook(LegalBasis)
def _basis(basis: LegalBasis) -> dict[str, Any]:
    return {
        "relation": basis.relation.value,
        "kind": basis.kind.value,
        "ref": converter.unstructure(basis.ref),
        "date": converter.unstructure(basis.date),
        "issuer": basis.issuer,
        "issuer_text": basis.issuer_text,
        "plan": basis.plan,
        "citation": basis.citation,
    }


@_hook(Citation)
def _citation(citation: Citation) -> dict[str, Any]:
    return {
        "kind": citation.kind_code,
        "number": citation.number,
        "issuer": citation.issuer_symbol,
        "date": converter.unstructure(citation.date),
        "relation": None if citation.relation is None else citation.relation.value,
        "issuer_text": citation.issuer_text,
        "span": [citation.span[0], citation.span[1]],
        "text": citation.text,
        "title": citation.title,
        "ref": converter.unstructure(citation.ref),
        "kind_word": citation.kind_text,
        "document_kind": citation.kind.value,
        "impossible_date": citation.impossible_date,
    }


@_hook(ExpectedChildren)
def _expected(expected: ExpectedChildren) -> dict[str, Any]:
    return {
        "plan": expected.plan,
        "share": None if expected.share is None else round(expected.share, 3),
        "issued": [{"unit": u, "plans": list(keys)} for u, keys in expected.issued.items()],
        "missing": list(expected.missing),
        "groups": [{"group": g, "members": list(m)} for g, m in expected.groups.items()],
        "on": None if expected.on is None else expected.on.isoformat(),
    }


# A document of the graph: what ``graph --json`` lists of a plan or an external document.


@_hook(Plan)
def _plan_node(plan: Plan) -> dict[str, Any]:
    return {
        "key": plan.key,
        "ref": converter.unstructure(plan.ref),
        "issuer": plan.issuer,
        "date": converter.unstructure(plan.issued),
        "external": False,
        "illustrative": plan.illustrative,
        "kind": plan.kind.value,
        "status": plan.status.value,
        "title": plan.title,
    }


@_hook(ExternalDocument)
def _external_node(doc: ExternalDocument) -> dict[str, Any]:
    return {
        "key": doc.key,
        "ref": converter.unstructure(doc.ref),
        "issuer": doc.issuer or doc.issuer_text,
        "date": converter.unstructure(doc.date),
        "external": True,
        "illustrative": False,
        "kind": None if doc.kind is None else doc.kind.value,
        "status": PlanStatus.CITED.value,
        "title": None,
    }


@_hook(TreeNode)
def _tree(top: TreeNode) -> dict[str, Any]:
    """A tree node and everything below it, built without recursion."""

    def shell(node: TreeNode) -> dict[str, Any]:
        found: dict[str, Any] = {
            "key": node.key,
            "coverage": converter.unstructure(node.edge),
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


# --- deadlines: judged on a day -----------------------------------------------------------


def occurrence_record(occurrence: Occurrence, as_of: dt.date) -> dict[str, Any]:
    """One deadline, in ``calendar`` and ``summary`` alike.

    An occurrence alone has no JSON: whether it is overdue depends on the day it is
    judged on, so the values that hold that day (:class:`Deadlines`, the calendar's
    envelope) write their occurrences through this one function.
    """
    return {
        "plan": occurrence.plan,
        "task": occurrence.task,
        "unit": list(occurrence.units),
        "date": occurrence.date.isoformat(),
        "original_date": occurrence.original_date.isoformat(),
        "kind": occurrence.kind.value,
        "cadence": None if occurrence.cadence is None else occurrence.cadence.value,
        "period": converter.unstructure(occurrence.period),
        "cutoff": converter.unstructure(occurrence.cutoff),
        "count": occurrence.count,
        "what": occurrence.what,
        "to": occurrence.to,
        "timing": timing(occurrence, as_of).value,
        "path": occurrence.path,
        "text": occurrence.text,
        "schedule_text": occurrence.schedule_text,
        "stated": occurrence.stated,
        "window": _window(occurrence),
        "estimated": occurrence.estimated,
        "illustrative": occurrence.illustrative,
        "done": _done(occurrence),
    }


def _done(occurrence: Occurrence) -> dict[str, Any] | None:
    """What the records say of an occurrence; None when none was read or none is about it."""
    done = occurrence.done
    if done is None:
        return None
    return {
        "owing": done.owing,
        "done": done.done,
        "late": done.late,
        "waived": done.waived,
        "last": None if done.last is None else done.last.isoformat(),
        "complete": done.complete,
    }


def _window(occurrence: Occurrence) -> dict[str, Any] | None:
    """The legal window of a report whose document names no day; None for a stated date."""
    if occurrence.stated:
        return None
    return {
        "earliest": None if occurrence.earliest is None else occurrence.earliest.isoformat(),
        "latest": occurrence.original_date.isoformat(),
        "basis": occurrence.basis,
    }


@_hook(Deadlines)
def _deadlines(deadlines: Deadlines) -> dict[str, Any]:
    as_of = deadlines.as_of
    return {
        "upcoming_total": deadlines.upcoming_total,
        "within_30_days": deadlines.within_30_days,
        "overdue_total": deadlines.overdue_total,
        "done_before": deadlines.done_before,
        "upcoming": [occurrence_record(o, as_of) for o in deadlines.upcoming],
        "overdue": [occurrence_record(o, as_of) for o in deadlines.overdue],
    }


# --- the summary's two documents ----------------------------------------------------------


@_hook(CorpusSummary)
def _summary(summary: CorpusSummary) -> dict[str, Any]:
    return {
        "as_of": summary.deadlines.as_of.isoformat(),
        "counts": converter.unstructure(summary.counts),
        "documents": [converter.unstructure(node) for node in summary.nodes.values()],
        "tree": converter.unstructure(summary.tree),
        "coverage": {
            "percent": percent(summary.percent),
            "edges": converter.unstructure(summary.edges),
        },
        "deadlines": converter.unstructure(summary.deadlines),
        "problems": converter.unstructure(summary.problems),
        "suspect_links": summary.suspect_links,
        "unchecked_links": summary.unchecked_links,
        "expected_children": converter.unstructure(list(summary.expected)),
        "late": [
            {"unit": one.unit, "plan": one.plan, "overdue": one.overdue} for one in summary.late
        ],
        "units": dict(summary.unit_names),
        "past": None
        if summary.past is None
        else {
            "last_day": summary.past.last_day.isoformat(),
            "suggested": summary.past.suggested.isoformat(),
        },
    }


@_hook(PlanDetail)
def _detail(detail: PlanDetail) -> dict[str, Any]:
    plan = detail.plan
    return {
        "as_of": detail.deadlines.as_of.isoformat(),
        "plan": {
            **converter.unstructure(detail.node),
            "title": plan.title,
            "place": plan.place,
            "period": converter.unstructure(plan.period),
            "source": plan.source,
            "notes": plan.notes,
        },
        "legal_bases": converter.unstructure(plan.legal_bases),
        "parents": converter.unstructure(detail.parents),
        "children": converter.unstructure(detail.children),
        "coverage": converter.unstructure(detail.coverage),
        "objectives": converter.unstructure(plan.objectives),
        "requirements": converter.unstructure(plan.requirements),
        "content_items": converter.unstructure(plan.content_items),
        "duties": converter.unstructure(plan.duties),
        "channels": converter.unstructure(plan.channels),
        "indicators": converter.unstructure(plan.indicators),
        "expected_children": converter.unstructure(detail.expected),
        "deadlines": converter.unstructure(detail.deadlines),
        "units": dict(detail.unit_names),
    }


@_hook(CorpusCoverage)
def _coverage(result: CorpusCoverage) -> dict[str, Any]:
    return {
        "percent": percent(result.percent),
        "edges": converter.unstructure(result.edges),
        "concreteness": converter.unstructure(result.concreteness),
        "weakened": converter.unstructure(result.weakened),
    }


# --- values whose fields are their JSON ---------------------------------------------------
# Generated last: cattrs looks up the hook of each field's type (a task's schedules) when it
# generates a class's hook, so the hand-written ones above must be registered by then.

for _cls in (Period, Node, Counts, ProblemCounts, Gap, Weakening, Objective, Channel, Indicator):
    _generated(_cls)
_generated(ItemCoverage, text=override(omit=True))  # the parent's text is in its plan
_generated(Task, kind=override(omit=True))  # a task's list says its kind
