"""The ``--json`` document of each command: the converter's values in their envelopes.

Each function returns a plain dict ready for ``json.dumps(..., ensure_ascii=False)``,
exactly as the command writes it; ``docs/schemas/`` pins each one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cchc.files._dump import dumps_plan
from cchc.graph._export import edges_of, nodes_of
from cchc.render._json import converter, occurrence_record, percent
from cchc.report._tree import EdgeShare

# Names only in annotations: importing them would load openpyxl and the drafter on every --json.
if TYPE_CHECKING:
    from cchc.calendar._expand import Occurrence
    from cchc.coverage._concreteness import Gap
    from cchc.coverage._coverage import EdgeCoverage
    from cchc.coverage._trace import TraceStep
    from cchc.draft._drafter import Draft
    from cchc.exceptions import Problem
    from cchc.files._relink import LinkChange
    from cchc.graph._graph import PlanGraph
    from cchc.model._plan import Plan
    from cchc.refs._citations import Citation
    from cchc.refs._header import Header
    from cchc.refs._refs import DocumentRef
    from cchc.render._page import Page
    from cchc.report._detail import PlanDetail
    from cchc.report._imported import Imported
    from cchc.report._summary import CorpusSummary

__all__ = [
    "calendar_document",
    "citations_document",
    "derive_document",
    "draft_document",
    "examples_document",
    "graph_document",
    "links_refresh_document",
    "plan_document",
    "records_import_document",
    "report_document",
    "summary_document",
    "validate_document",
]


def summary_document(summary: CorpusSummary) -> dict[str, Any]:
    """``summary --json`` (docs/schemas/summary.json)."""
    document: dict[str, Any] = converter.unstructure(summary)
    return document


def plan_document(detail: PlanDetail) -> dict[str, Any]:
    """``summary --plan KEY --json`` (docs/schemas/summary-plan.json)."""
    document: dict[str, Any] = converter.unstructure(detail)
    return document


def links_refresh_document(
    by_file: Mapping[str, Sequence[LinkChange]],
    refused: Sequence[tuple[str, str]],
    *,
    path: str,
    plan: str | None,
    written: bool,
) -> dict[str, Any]:
    """``links refresh --json`` (docs/schemas/links.json)."""
    return {
        "path": path,
        "plan": plan,
        "written": written,
        "changes": [
            {
                "file": file,
                "plan": change.plan,
                "item": change.item,
                "path": change.path,
                "link": str(change.new),
                "was": change.old.fingerprint,
                "fingerprint": change.new.fingerprint,
                "suspect": change.suspect,
            }
            for file, changes in by_file.items()
            for change in changes
        ],
        "refused": [{"file": file, "reason": reason} for file, reason in refused],
    }


def calendar_document(occurrences: Iterable[Occurrence], as_of: dt.date) -> dict[str, Any]:
    """``calendar --json``: ``{"as_of", "occurrences"}`` (docs/schemas/calendar.json)."""
    return {
        "as_of": as_of.isoformat(),
        "occurrences": [occurrence_record(o, as_of) for o in occurrences],
    }


def _symbol(ref: DocumentRef) -> str | None:
    """The symbol (*ký hiệu*) of a reference: ``KH-UBND`` of 54/KH-UBND, ``NQ/TU`` of 60-NQ/TU."""
    written = str(ref)
    if ref.party:
        return written.split("-", 1)[1] if "-" in written else None
    return written.rsplit("/", 1)[1] if "/" in written else None


def citations_document(
    citations: Sequence[Citation], header: Header | None = None
) -> dict[str, Any]:
    """``cite --json``: ``{"citations": [...], "header": {...}}`` (docs/schemas/cite.json).

    ``header`` is the document's own number, place, date and title when its header says
    them (:func:`~cchc.refs.read_header`), else null.
    """
    own = None
    if header is not None and (header.ref is not None or header.date or header.title):
        ref = header.ref
        own = {
            "reference": None if ref is None else str(ref),
            "number": None if ref is None else ref.number,
            "symbol": None if ref is None else _symbol(ref),
            "issuer": header.issuer,
            "place": header.place,
            "date": None if header.date is None else header.date.isoformat(),
            "title": header.title,
        }
    return {"citations": converter.unstructure(citations), "header": own}


def graph_document(graph: PlanGraph, keys: Collection[str] | None = None) -> dict[str, Any]:
    """``graph --json``: ``{"nodes", "edges": [{"from", "to", "kind"}]}`` (docs/schemas/graph.json).

    Limited to *keys* when given; nodes come in corpus order, then external documents by
    key; ``from`` is the child or citing plan.
    """
    return {
        "nodes": [converter.unstructure(graph.doc(key)) for key in nodes_of(graph, keys)],
        "edges": [{"from": s, "to": t, "kind": kind.value} for s, t, kind in edges_of(graph, keys)],
    }


def validate_document(
    problems: Iterable[Problem], *, plans: int | None, units: int | None
) -> dict[str, Any]:
    """``validate --json`` (docs/schemas/validate.json).

    *plans* and *units* are None when the corpus could not be read at all.
    """
    return {"problems": converter.unstructure(list(problems)), "plans": plans, "units": units}


def derive_document(
    child: Plan, parent: Plan, *, output: str | None, edge: EdgeCoverage, gaps: Sequence[Gap]
) -> dict[str, Any]:
    """``derive --json`` (docs/schemas/derive.json): the plan drafted and what it carries."""
    share = EdgeShare.of(edge)
    return {
        "key": child.key,
        "parent": parent.key,
        "output": output,
        "carried": share.carried,
        "items": share.items,
        "percent": percent(share.percent),
        "gaps": converter.unstructure(list(gaps)),
        "plan": json.loads(dumps_plan(child, fmt="json")),
    }


def draft_document(draft: Draft, *, output: str | None) -> dict[str, Any]:
    """``draft --json`` (docs/schemas/draft.json): the plan drafted, where each field was read."""
    return {
        "source": draft.source,
        "format": draft.format,
        "output": output,
        "plan": json.loads(dumps_plan(draft.plan, fmt="json")),
        "provenance": [
            {
                "field": entry.field,
                "text": entry.text,
                "note": entry.note,
                "where": [
                    {"where": piece.where, "start": piece.start, "end": piece.end}
                    for piece in entry.pieces
                ],
            }
            for entry in draft.provenance
        ],
        "unplaced": [
            {
                "text": entry.text,
                "where": [
                    {"where": piece.where, "start": piece.start, "end": piece.end}
                    for piece in entry.pieces
                ],
            }
            for entry in draft.unplaced
        ],
    }


def examples_document(folder: str, files: Sequence[str]) -> dict[str, Any]:
    """``examples --json`` (docs/schemas/examples.json): where the corpus was copied, and what."""
    return {"folder": folder, "files": list(files)}


def report_document(output: str, size: int, page: Page, lang: str) -> dict[str, Any]:
    """``report --json`` (docs/schemas/report.json): the page written, and what it lists.

    Each section says how many rows the page lists and how many it leaves out (a large
    corpus is cut, :class:`~cchc.render._page.Limits`); the page itself is the file.
    """
    return {
        "output": output,
        "bytes": size,
        "as_of": page.as_of.isoformat(),
        "lang": lang,
        "sections": {
            name: {"shown": section.shown, "left_out": section.left_out}
            for name, section in page.sections.items()
        },
        "problems": dict(page.problem_counts),
        "deadlines": page.deadlines,
        "has_records": page.has_records,
    }


def trace_document(
    item: str, steps: Sequence[TraceStep], illustrative: Collection[str] = ()
) -> dict[str, Any]:
    """``coverage --plan KEY --item ID --json`` (docs/schemas/coverage-trace.json).

    The steps are flat, in the order of the tree, each naming the step it is under
    (``under``: its index, or None at the top): a cascade many plans deep stays a list,
    not a document nested as deep.
    """
    found: list[dict[str, Any]] = []
    stack: list[tuple[TraceStep, int | None]] = [(step, None) for step in reversed(steps)]
    while stack:
        step, under = stack.pop()
        index = len(found)
        found.append(
            {
                "under": under,
                "parent": step.parent,
                "child": step.child,
                "status": step.status.value,
                "by": list(step.by),
                "illustrative": step.child in illustrative,
            }
        )
        stack.extend((below, index) for below in reversed(step.next))
    return {"item": item, "steps": found}


def records_import_document(
    result: Imported, workbook: str, output: str | None, *, written: bool
) -> dict[str, Any]:
    """``records import --json`` (docs/schemas/records.json)."""
    return {
        "workbook": workbook,
        "output": output,
        "written": written,
        "filled": result.filled,
        "known": result.known,
        "records": [
            {
                "unit": r.unit,
                "duty": str(r.duty),
                "period": r.period,
                "done": r.done.isoformat() if r.done else None,
                "evidence": r.evidence,
                "quantity": r.quantity,
                "waiver": r.waiver,
                "note": r.note,
            }
            for r in result.records
        ],
        "problems": converter.unstructure(list(result.problems)),
    }


# --- diff: kept in one block, its import with it ----------------------------------------------

if TYPE_CHECKING:
    from cchc.report._diff import PlanDiff


def diff_document(diff: PlanDiff, *, old: str, new: str) -> dict[str, Any]:
    """``diff OLD NEW --json`` (docs/schemas/diff.json): the files, the counts, every change."""
    return {
        "old_file": old,
        "new_file": new,
        "same": diff.same,
        "counts": diff.counts(),
        **converter.unstructure(diff),
    }
