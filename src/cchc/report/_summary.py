"""What ``summary`` shows, as plain values: the terminal and ``--json`` both read these.

Nothing here imports rich or knows JSON (``cchc.render`` does both).  :func:`corpus_summary`
gathers, for a whole corpus, the cascade as a tree with the coverage share of every edge
(:mod:`cchc.report._tree`), the counts, the deadlines around a day
(:mod:`cchc.report._deadlines`) and how many problems the corpus checks find (by reusing
:func:`cchc.report._checks.check_corpus`, never by checking again).
:func:`cchc.report._detail.plan_detail` gathers one plan in full.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

import attrs

from cchc._faces import rehome
from cchc.calendar._done import DoneByRecords
from cchc.calendar._expand import Expansion
from cchc.coverage._coverage import ItemKind, corpus_coverage, unchecked_links
from cchc.exceptions import Problem, Severity
from cchc.graph._expected import ExpectedChildren, expected_children
from cchc.graph._graph import ExternalDocument, PlanGraph
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan
from cchc.report._checks import check_corpus
from cchc.report._deadlines import DEFAULT_LIMIT, Deadlines, deadlines_around
from cchc.report._progress import Standing, progress
from cchc.report._tree import EdgeShare, TreeNode, cascade_tree
from cchc.text._vocab import DocumentKind, Level, PlanStatus

__all__ = [
    "CorpusSummary",
    "Counts",
    "LateUnit",
    "Node",
    "PastPlans",
    "ProblemCounts",
    "corpus_summary",
    "document_node",
    "past_plans",
]


@attrs.frozen(kw_only=True)
class Node:
    """One document of the cascade as a summary line shows it."""

    key: str
    """The plan key, or the key of an external document."""
    kind: DocumentKind | None
    """The document kind; None when a citation does not say."""
    ref: str | None
    """The reference as printed (``54/KH-UBND``); None when unnumbered or unknown."""
    issuer: str | None
    """Code of the issuing unit, when known."""
    issuer_name: str | None
    """The issuer's name: the unit's, or the citation's words for an unknown issuer."""
    issued: dt.date | None
    """Date of issue, when known."""
    level: Level | None
    """The issuer's level of government, when the unit is known."""
    status: PlanStatus
    """Draft, issued, or known only from a citation."""
    external: bool
    """True for a document the corpus knows only from references."""
    illustrative: bool = False
    """True for a plan written by hand to show cchc's checks, not a real document."""


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
    edges: tuple[EdgeShare, ...]
    """How much of its parent each implements edge between plans of the corpus carries."""
    percent: float | None
    """Share of parent items carried over every checkable edge; None when none is."""
    counts: Counts
    """How much the corpus holds."""
    deadlines: Deadlines
    """The next and the missed deadlines."""
    problems: ProblemCounts
    """What the corpus checks find."""
    unit_names: Mapping[str, str]
    """Names of the units the deadlines and the expected children name, by code."""
    past: PastPlans | None = None
    """Set when every plan of the corpus ends before the day of the summary."""
    expected: tuple[ExpectedChildren, ...] = ()
    """Each plan that orders units to issue a plan of their own, and which of them did."""
    late: tuple[LateUnit, ...] = ()
    """When the corpus has records: the units with duties past their deadline and not done,
    most overdue first."""
    suspect_links: int = 0
    """Links whose parent item changed since they recorded its fingerprint, of every kind
    of item (the ``coverage.suspect_link`` warnings of the checks)."""
    unchecked_links: int = 0
    """Links to an item of a parent that record no fingerprint, of every kind of item: no
    change of the parent item can show on them."""


@attrs.frozen(kw_only=True)
class LateUnit:
    """A unit with duties of one plan past their deadline and not done, by the records."""

    unit: str
    """Code of the unit."""
    plan: str
    """Key of the plan the duties are in."""
    overdue: int
    """Its obligations of the plan past their deadline, not done."""


LATE_LIMIT = 10
"""Units the summary names as late at most; ``progress`` lists every one."""


def _late_units(
    corpus: Corpus, graph: PlanGraph, as_of: dt.date, budget: int | None, expansion: Expansion
) -> tuple[LateUnit, ...]:
    """The units most overdue by the records, with the plan, at most :data:`LATE_LIMIT`.

    *expansion* is that of the corpus' plans.
    """
    before = as_of - dt.timedelta(days=1)
    past = expansion.between(None, before, max_occurrences=budget)
    found = progress(corpus, as_of, graph=graph, occurrences=past)
    overdue = Standing.OVERDUE  # looked up once, not once an obligation
    counts = Counter((o.unit, o.plan) for o in found.obligations if o.status is overdue)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(
        LateUnit(unit=unit, plan=plan, overdue=n) for (unit, plan), n in ranked[:LATE_LIMIT]
    )


@attrs.frozen(kw_only=True)
class PastPlans:
    """Every plan of a corpus lies before the day asked about: where to look instead."""

    last_day: dt.date
    """The last day any plan covers (its period's end, else its date of issue)."""
    suggested: dt.date
    """A day inside the plans' own time: 30 June of the year the newest plan was issued."""


def past_plans(plans: Iterable[Plan], as_of: dt.date) -> PastPlans | None:
    """Tell whether every plan ends before *as_of*, and which day shows them in their time.

    A plan ends on its period's last day, or on its date of issue when it states no period;
    one with neither could still be current, so the answer is then None, as it is for an
    empty corpus.  The day suggested is 30 June of the newest plan's year (its issue, else
    its period's start), the middle of the year most of its deadlines fall in.
    """
    ends: list[dt.date] = []
    years: list[int] = []
    for plan in plans:
        end = plan.period.end if plan.period is not None else plan.issued
        if end is None or end >= as_of:
            return None
        ends.append(end)
        if plan.year is not None:
            years.append(plan.year)
    if not ends:
        return None
    year = max(years) if years else max(ends).year
    return PastPlans(last_day=max(ends), suggested=dt.date(year, 6, 30))


def document_node(graph: PlanGraph, key: str, *, english: bool = False) -> Node:
    """The summary line of document *key* of *graph*: a plan or an external document."""
    doc = graph.doc(key)
    corpus = graph.corpus
    if isinstance(doc, ExternalDocument):
        issuer, issued, status = doc.issuer, doc.date, PlanStatus.CITED
        name = corpus.unit_name(doc.issuer, english=english) if doc.issuer else doc.issuer_text
        kind = doc.kind
    else:
        issuer, issued, status = doc.issuer, doc.issued, doc.status
        name, kind = corpus.unit_name(doc.issuer, english=english), doc.kind
    unit = corpus.unit(issuer) if issuer else None
    return Node(
        key=key,
        kind=kind,
        ref=str(doc.ref) if doc.ref is not None and str(doc.ref) else None,
        issuer=issuer,
        issuer_name=name,
        issued=issued,
        level=unit.level if unit is not None else None,
        status=status,
        external=isinstance(doc, ExternalDocument),
        illustrative=isinstance(doc, Plan) and doc.illustrative,
    )


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
    english: bool = False,
) -> CorpusSummary:
    """Gather the summary of *corpus* on *as_of*, listing *limit* deadlines each way.

    *progress*, when given, is called with the name of each step as it starts
    (``graph``, ``coverage``, ``calendar``, ``checks``), for a progress display.
    *max_occurrences* bounds the deadlines worked out by the listing and by the cascade
    check, each (:class:`~cchc.calendar._expand.BudgetError` past it).  With *english*,
    the dates that tell apart units of one name read "from"/"until" (the names stay as
    written).
    """

    def step(name: str) -> None:
        if progress is not None:
            progress(name)

    step("graph")
    graph = graph if graph is not None else PlanGraph.from_corpus(corpus)
    pairs = graph.implements_edges()
    step("coverage")
    coverage = corpus_coverage(
        corpus, pairs, kinds=(ItemKind.TASKS,), suggest=False, concrete=False
    )
    shares = tuple(EdgeShare.of(edge) for edge in coverage.edges)
    by_pair = {(e.parent, e.child): e for e in shares}
    percent = coverage.percent
    # Every parent item of every edge, judged: no longer needed once shared out, and
    # let go before the calendar and the checks build theirs (a million at 50k plans).
    del coverage
    step("calendar")
    followed = DoneByRecords(corpus, as_of) if corpus.records else None
    # One expansion for the deadlines and the report checks: both read its streams.
    expansion = Expansion(corpus.plans)
    deadlines = deadlines_around(
        corpus.plans,
        as_of,
        limit,
        max_occurrences=max_occurrences,
        done=followed,
        expansion=expansion,
    )
    late = _late_units(corpus, graph, as_of, max_occurrences, expansion) if followed else ()
    step("checks")
    problems = (
        *corpus.problems,
        *check_corpus(graph, max_occurrences=max_occurrences, reports=expansion.report_streams()),
    )
    expected = expected_children(graph)
    codes = {c for o in (*deadlines.upcoming, *deadlines.overdue) for c in (*o.units, o.to) if c}
    codes.update(one.unit for one in late)
    codes.update(group for status in expected for group in status.groups)
    codes.update(code for status in expected for code in status.expected)
    return CorpusSummary(
        nodes={key: document_node(graph, key, english=english) for key in graph.cascade_keys()},
        tree=cascade_tree(graph, by_pair),
        edges=shares,
        percent=percent,
        counts=_counts(corpus, graph),
        deadlines=deadlines,
        problems=_problem_counts(problems),
        unit_names={code: corpus.unit_name(code, english=english) for code in sorted(codes)},
        past=past_plans(corpus.plans, as_of),
        expected=expected,
        late=late,
        suspect_links=sum(1 for p in problems if p.rule == "coverage.suspect_link"),
        unchecked_links=unchecked_links(graph.corpus, pairs),
    )


# Users import these from their public face; they say so in their __module__.
rehome("cchc.report", CorpusSummary, Counts, LateUnit, Node, PastPlans, ProblemCounts)
