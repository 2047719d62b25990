"""What the HTML report shows, as plain values gathered once from the layers below.

:func:`build_page` runs what ``summary``, ``coverage``, ``calendar``, ``progress`` and
``validate`` run (the same functions, with the same settings as their defaults, so that
the page agrees with their ``--json``), then keeps what one page can show: every
section lists at most a fixed number of rows and counts those it leaves out, so that a
corpus of a thousand plans still makes a page of a few hundred kilobytes.
:mod:`cchc.render._html` lays the values out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TypeVar

import attrs

from cchc.calendar._done import DoneByRecords
from cchc.calendar._expand import Occurrence, expand
from cchc.calendar._occurrence import Timing, agenda, timing
from cchc.coverage._coverage import EdgeCoverage, ItemKind, Status, corpus_coverage, matrix
from cchc.exceptions import Problem
from cchc.graph._expected import ExpectedChildren, expected_children
from cchc.graph._graph import PlanGraph
from cchc.model._corpus import Corpus
from cchc.report._checks import check_corpus
from cchc.report._progress import Rates, progress
from cchc.report._summary import Counts, Node, document_node
from cchc.report._summary import _counts as corpus_counts
from cchc.report._tree import EdgeShare, TreeNode, cascade_tree

__all__ = [
    "LIMITS",
    "AgendaUnit",
    "Limits",
    "MatrixTable",
    "Page",
    "RatesRow",
    "Section",
    "TreeRow",
    "build_page",
]


@attrs.frozen(kw_only=True)
class Limits:
    """The most rows each section of the page lists; the rest are counted, not shown."""

    tree: int = 200
    """Rows of the cascade tree."""
    matrices: int = 12
    """Coverage matrices (one a parent plan)."""
    matrix_rows: int = 50
    """Parent items of one matrix."""
    matrix_columns: int = 40
    """Child plans of one matrix."""
    expected: int = 100
    """Plans expecting children."""
    expected_units: int = 30
    """Units named as issued or missing under one plan expecting children."""
    agenda_units: int = 30
    """Units with an agenda."""
    agenda_rows: int = 12
    """Deadlines of one unit's agenda: the overdue and upcoming ones first."""
    rates: int = 100
    """Rows of each table of rates."""
    problems: int = 100
    """Problems listed."""


LIMITS = Limits()
"""The limits the command uses."""


@attrs.frozen(kw_only=True)
class Section:
    """How many rows a section lists and how many it leaves out."""

    shown: int
    """Rows listed."""
    left_out: int
    """Rows counted but not listed."""


@attrs.frozen(kw_only=True)
class TreeRow:
    """One line of the cascade tree: a document under its parent, at a depth."""

    node: Node
    """The document."""
    depth: int
    """0 at the top of the cascade."""
    parent: str | None
    """The key of the document above it; None at the top."""
    edge: EdgeShare | None
    """How much of the parent it carries; None at the top or when unknown."""
    repeated: bool
    """True when its own children are listed higher up."""
    hidden: int
    """Children not listed because the tree stops here."""


@attrs.frozen(kw_only=True)
class MatrixTable:
    """One parent's items by its child plans, cut to what the page lists."""

    parent: str
    """The parent plan's key."""
    parent_illustrative: bool
    """True when the parent is illustrative."""
    children: tuple[str, ...]
    """The child plans listed (columns)."""
    illustrative: frozenset[str]
    """The keys among :attr:`children` of illustrative plans."""
    items: tuple[tuple[str, str], ...]
    """The parent items listed (rows): id and text."""
    cells: dict[tuple[str, str], Status]
    """Status of (item id, child key)."""
    child_percent: dict[str, float | None]
    """The share of all the parent's items each child carries."""
    item_percent: dict[str, float | None]
    """The share of all child plans carrying each item."""
    rows_left_out: int
    """Parent items not listed."""
    columns_left_out: int
    """Child plans not listed."""


@attrs.frozen(kw_only=True)
class AgendaUnit:
    """One unit's deadlines: counts by timing, and the nearest ones listed."""

    unit: str
    """The unit's code."""
    name: str
    """The unit's name."""
    counts: dict[str, int]
    """How many of its deadlines stand at each :class:`~cchc.Timing`, by value."""
    entries: tuple[tuple[Occurrence, Timing], ...]
    """The deadlines listed, in date order, each with its timing."""
    left_out: int
    """Its deadlines not listed."""


@attrs.frozen(kw_only=True)
class RatesRow:
    """One row of a table of follow-through rates: a unit or a plan."""

    key: str
    """The unit's code or the plan's key."""
    name: str
    """The unit's name, or the plan's key."""
    rates: Rates
    """Its counts and rates."""
    illustrative: bool = False
    """True for a plan that is illustrative."""


@attrs.frozen(kw_only=True)
class Page:
    """Everything the report page shows, on one day."""

    as_of: dt.date
    """The day deadlines are judged on."""
    counts: Counts
    """How much the corpus holds."""
    percent: float | None
    """Share of parent items carried over every checkable edge."""
    tree: tuple[TreeRow, ...]
    """The cascade, depth first."""
    matrices: tuple[MatrixTable, ...]
    """One coverage matrix a parent plan with items."""
    expected: tuple[ExpectedChildren, ...]
    """The plans that order units to issue a plan of their own, and who did."""
    agenda: tuple[AgendaUnit, ...]
    """The units' agendas, the most overdue first."""
    deadlines: int
    """Every deadline worked out."""
    has_records: bool
    """True when the corpus has records of what was done."""
    unit_rates: tuple[RatesRow, ...]
    """Follow-through by unit (empty without records)."""
    plan_rates: tuple[RatesRow, ...]
    """Follow-through by plan (empty without records)."""
    problems: tuple[Problem, ...]
    """What ``validate`` finds, listed."""
    problem_counts: dict[str, int]
    """Problems by severity, all of them."""
    unit_names: dict[str, str]
    """The name of every unit the page names, by code."""
    illustrative: frozenset[str]
    """Keys of the corpus's illustrative plans."""
    sections: dict[str, Section]
    """How much of each section is listed and left out."""
    limits: Limits = LIMITS
    """The most rows each section lists."""


def _tree_rows(tops: Sequence[TreeNode]) -> Iterator[tuple[TreeNode, int, str | None]]:
    """The nodes of the tree depth first, with depth and parent key (without recursion)."""
    stack: list[tuple[TreeNode, int, str | None]] = [(n, 0, None) for n in reversed(tops)]
    while stack:
        node, depth, parent = stack.pop()
        yield node, depth, parent
        stack.extend((child, depth + 1, node.key) for child in reversed(node.children))


_T = TypeVar("_T")


def _cut(values: Sequence[_T], limit: int) -> tuple[tuple[_T, ...], Section]:
    shown = tuple(values[:limit])
    return shown, Section(shown=len(shown), left_out=len(values) - len(shown))


# Which deadlines of a unit's agenda the page lists first: what needs doing now.
_URGENCY = {
    Timing.OVERDUE: 0,
    Timing.UPCOMING: 1,
    Timing.DONE: 2,
    Timing.LATER: 3,
    Timing.WINDOW_PASSED: 4,
}
_LATEST_FIRST = (Timing.OVERDUE, Timing.DONE, Timing.WINDOW_PASSED)


def _urgency(pair: tuple[Occurrence, Timing]) -> tuple[int, int]:
    """Where a deadline comes in a unit's list: by state, then the nearest first.

    The nearest overdue or done deadline is the last one, the nearest upcoming the next.
    """
    occurrence, state = pair
    day = occurrence.date.toordinal()
    return _URGENCY[state], -day if state in _LATEST_FIRST else day


def _agenda(
    occurrences: Sequence[Occurrence], as_of: dt.date, limits: Limits, names: dict[str, str]
) -> tuple[tuple[AgendaUnit, ...], Section]:
    units: list[AgendaUnit] = []
    for unit, found in agenda(occurrences).items():
        judged = [(o, timing(o, as_of)) for o in found]
        counts = Counter(state.value for _, state in judged)
        ranked = sorted(judged, key=_urgency)
        listed = sorted(ranked[: limits.agenda_rows], key=lambda pair: pair[0].sort_key())
        units.append(
            AgendaUnit(
                unit=unit,
                name=names.get(unit, unit),
                counts={state.value: counts[state.value] for state in Timing},
                entries=tuple(listed),
                left_out=len(judged) - len(listed),
            )
        )
    units.sort(key=lambda u: (-u.counts[Timing.OVERDUE.value], u.unit))
    return _cut(units, limits.agenda_units)


def _matrices(
    corpus: Corpus, graph: PlanGraph, limits: Limits
) -> tuple[tuple[MatrixTable, ...], float | None, dict[tuple[str, str], EdgeShare], Section]:
    # The settings `coverage --json` uses by default: the cells agree with it.
    result = corpus_coverage(
        corpus, graph.implements_edges(), kinds=(ItemKind.TASKS,), suggest=False
    )
    shares = {(e.parent, e.child): EdgeShare.of(e) for e in result.edges}
    by_parent: dict[str, list[EdgeCoverage]] = {}
    for edge in result.edges:
        if edge.items:  # a parent without items has nothing to tabulate
            by_parent.setdefault(edge.parent, []).append(edge)
    tables: list[MatrixTable] = []
    for edges in by_parent.values():
        m = matrix(edges)
        texts = {i.item: i.text for i in edges[0].items}
        children = m.children[: limits.matrix_columns]
        items = m.items[: limits.matrix_rows]
        marked = frozenset(e.child for e in edges if e.child_illustrative)
        tables.append(
            MatrixTable(
                parent=m.parent,
                parent_illustrative=edges[0].parent_illustrative,
                children=children,
                illustrative=marked,
                items=tuple((item, texts[item]) for item in items),
                cells={(i, c): m.cells[i, c] for i in items for c in children},
                child_percent={c: m.child_percent(c) for c in children},
                item_percent={i: m.item_percent(i) for i in items},
                rows_left_out=len(m.items) - len(items),
                columns_left_out=len(m.children) - len(children),
            )
        )
    shown, section = _cut(tables, limits.matrices)
    return shown, result.percent, shares, section


def build_page(
    corpus: Corpus,
    as_of: dt.date,
    *,
    english: bool = False,
    max_occurrences: int | None = None,
    limits: Limits = LIMITS,
) -> Page:
    """Gather what the report shows of *corpus* on *as_of*, cut to *limits*.

    *max_occurrences* bounds the deadlines worked out
    (:class:`~cchc.calendar._expand.BudgetError` past it); with *english*, unit names
    read as ``summary --lang en`` shows them.
    """
    graph = PlanGraph.from_corpus(corpus)
    matrices, share, shares, matrix_section = _matrices(corpus, graph, limits)
    rows = [
        TreeRow(
            node=document_node(graph, node.key, english=english),
            depth=depth,
            parent=parent,
            edge=shares.get((parent, node.key)) if parent is not None else None,
            repeated=node.repeated,
            hidden=node.hidden,
        )
        for node, depth, parent in _tree_rows(cascade_tree(graph, shares))
    ]
    tree, tree_section = _cut(rows, limits.tree)
    occurrences: Sequence[Occurrence] = expand(corpus.plans, max_occurrences=max_occurrences)
    if corpus.records:
        # What the records say is done shows in the agenda as in `calendar`.
        occurrences = DoneByRecords(corpus, as_of).mark(occurrences)
    codes = {code for o in occurrences for code in o.units}
    expected_all = expected_children(graph)
    codes.update(c for status in expected_all for c in (*status.expected, *status.groups))
    followed = (
        progress(corpus, as_of, graph=graph, occurrences=occurrences) if corpus.records else None
    )
    if followed is not None:
        codes.update(followed.units)
    names = {code: corpus.unit_name(code, english=english) for code in sorted(codes)}
    units, agenda_section = _agenda(occurrences, as_of, limits, names)
    expected, expected_section = _cut(expected_all, limits.expected)
    illustrative = frozenset(p.key for p in corpus.plans if p.illustrative)
    unit_rates: tuple[RatesRow, ...] = ()
    plan_rates: tuple[RatesRow, ...] = ()
    rates_sections = {"unit_rates": Section(shown=0, left_out=0)}
    rates_sections["plan_rates"] = rates_sections["unit_rates"]
    if followed is not None:
        unit_list = [
            RatesRow(key=c, name=names.get(c, c), rates=r) for c, r in followed.units.items()
        ]
        plan_list = [
            RatesRow(key=k, name=k, rates=r, illustrative=k in illustrative)
            for k, r in followed.plans.items()
        ]
        unit_rates, rates_sections["unit_rates"] = _cut(unit_list, limits.rates)
        plan_rates, rates_sections["plan_rates"] = _cut(plan_list, limits.rates)
    found = (*corpus.problems, *check_corpus(graph, max_occurrences=max_occurrences))
    problems, problem_section = _cut(found, limits.problems)
    severities = Counter(p.severity.value for p in found)
    return Page(
        as_of=as_of,
        counts=corpus_counts(corpus, graph),
        percent=share,
        tree=tree,
        matrices=matrices,
        expected=expected,
        agenda=units,
        deadlines=len(occurrences),
        has_records=bool(corpus.records),
        unit_rates=unit_rates,
        plan_rates=plan_rates,
        problems=problems,
        problem_counts={"error": severities["error"], "warning": severities["warning"]},
        unit_names=names,
        illustrative=illustrative,
        sections={
            "tree": tree_section,
            "matrices": matrix_section,
            "expected": expected_section,
            "agenda": agenda_section,
            **rates_sections,
            "problems": problem_section,
        },
        limits=limits,
    )
