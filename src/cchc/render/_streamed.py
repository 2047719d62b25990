"""The ``--json`` documents that list every item of every edge, or every obligation.

``coverage --json`` over 100,000 plans lists two million parent items, ``progress --json``
over 10,000 plans 900,000 obligations: built whole, the document was the largest value a
command made, larger than its corpus.  Here such a list is a
:class:`~cchc.files._json.Streamed`, each member made, encoded and let go in turn as the
command writes it (:func:`cchc.files._json.encode_document`).  :func:`coverage_document`
and :func:`progress_document` give the same documents made whole, for programs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cchc.files._json import Streamed
from cchc.render._json import converter, percent

# Names only in annotations, as in cchc.render._documents.
if TYPE_CHECKING:
    from cchc.coverage._coverage import CorpusCoverage
    from cchc.graph._amend import Change
    from cchc.graph._expected import ExpectedChildren
    from cchc.report._progress import Obligation, Progress, Rates

__all__ = [
    "coverage_document",
    "coverage_parts",
    "progress_document",
    "progress_parts",
    "rates_record",
    "whole",
]


def whole(document: dict[str, Any]) -> dict[str, Any]:
    """*document* with each of its :class:`~cchc.files._json.Streamed` lists made a list."""
    return {k: list(v) if isinstance(v, Streamed) else v for k, v in document.items()}


def coverage_document(
    result: CorpusCoverage,
    expected: Sequence[ExpectedChildren] = (),
    amended: Mapping[str, Mapping[str, Change]] | None = None,
) -> dict[str, Any]:
    """``coverage --json`` (docs/schemas/coverage.json).

    *expected* says, for each plan that orders units to issue a plan of their own, which
    (a group's members one by one) have not.  *amended* gives, for each amended parent,
    the amendment that last changed each of its items; such an item gets ``amended_by``.
    """
    return whole(coverage_parts(result, expected, amended))


def coverage_parts(
    result: CorpusCoverage,
    expected: Sequence[ExpectedChildren] = (),
    amended: Mapping[str, Mapping[str, Change]] | None = None,
) -> dict[str, Any]:
    """:func:`coverage_document` with its edges :class:`~cchc.files._json.Streamed`."""
    return {
        "percent": percent(result.percent),
        # Text, whole numbers, booleans, None and worked-out shares and scores: plain.
        "edges": Streamed(_edges(result, amended or {}), plain=True),
        "concreteness": converter.unstructure(result.concreteness),
        "weakened": converter.unstructure(result.weakened),
        "expected_children": converter.unstructure(list(expected)),
    }


def _edges(
    result: CorpusCoverage, amended: Mapping[str, Mapping[str, Change]]
) -> Iterator[dict[str, Any]]:
    for edge in result.edges:
        record: dict[str, Any] = converter.unstructure(edge)
        changes = amended.get(edge.parent)
        for item in record["items"] if changes else ():
            change = changes.get(item["item"]) if changes else None
            if change is not None:
                item["amended_by"] = _amended_by(change)
        yield record


def _amended_by(change: Change) -> dict[str, Any]:
    """The amendment that made an item what it is now, as ``coverage --json`` gives it."""
    return {
        "plan": change.by,
        "ref": None if change.ref is None else str(change.ref),
        "issued": None if change.issued is None else change.issued.isoformat(),
        "effective": change.effective.isoformat(),
        "action": change.action,
    }


def progress_document(
    result: Progress, names: Mapping[str, str], illustrative: Collection[str] = ()
) -> dict[str, Any]:
    """``progress --json`` (docs/schemas/progress.json).

    *names* gives each unit's name; *illustrative* the keys of plans written by hand to
    show cchc's checks, whose obligations are marked.
    """
    return whole(progress_parts(result, names, illustrative))


def progress_parts(
    result: Progress, names: Mapping[str, str], illustrative: Collection[str] = ()
) -> dict[str, Any]:
    """:func:`progress_document` with its occurrences :class:`~cchc.files._json.Streamed`."""
    return {
        "as_of": result.as_of.isoformat(),
        "units": [
            {"unit": code, "name": names.get(code, code), **rates_record(rates)}
            for code, rates in result.units.items()
        ],
        "units_below": [
            {"unit": code, "name": names.get(code, code), **rates_record(rates)}
            for code, rates in result.below.items()
        ],
        "plans": [{"plan": key, **rates_record(rates)} for key, rates in result.plans.items()],
        "cascade": [{"plan": key, **rates_record(rates)} for key, rates in result.cascade.items()],
        "periods": [
            {"period": label or None, **rates_record(rates)}
            for label, rates in result.periods.items()
        ],
        # Text, whole numbers, booleans and None alone (_obligation): plain.
        "occurrences": Streamed(
            (_obligation(o, illustrative) for o in result.obligations), plain=True
        ),
    }


def rates_record(rates: Rates, share: Callable[[float | None], object] = percent) -> dict[str, Any]:
    """The counts of *rates* and its two rates, each rate as *share* writes it.

    As ``progress --json`` gives them, and (with shares written for people) the context
    of a report's template.
    """
    return {
        "expected": rates.expected,
        "done": rates.done,
        "on_time": rates.on_time,
        "late": rates.late,
        "overdue": rates.overdue,
        "waived": rates.waived,
        "reporting_rate": share(rates.reporting_rate),
        "on_time_rate": share(rates.on_time_rate),
    }


def _obligation(obligation: Obligation, illustrative: Collection[str]) -> dict[str, Any]:
    occurrence = obligation.occurrence
    # An enum's value read as _value_: the ``value`` property costs a call in Python, and
    # a large cascade has a million obligations.
    return {
        "unit": obligation.unit,
        "group": obligation.group,
        "plan": obligation.plan,
        "task": obligation.task,
        "period": obligation.period,
        "kind": "plan" if occurrence is None else occurrence.kind._value_,
        "deadline": None if obligation.deadline is None else obligation.deadline.isoformat(),
        "stated": occurrence is not None and occurrence.stated,
        "status": obligation.status._value_,
        "done": None if obligation.done is None else obligation.done.isoformat(),
        "late_by": obligation.late_by,
        "quantity": obligation.quantity,
        "count": obligation.count,
        "evidence": list(obligation.evidence),
        "illustrative": obligation.plan in illustrative,
    }
