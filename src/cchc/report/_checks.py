"""Checks over a whole corpus, gathered in one place for ``validate`` and ``summary``.

Each check is a named rule that returns :class:`~cchc.Problem` values; loading has
already checked every file on its own.  This module sits above the graph, coverage and
calendar layers and only asks each of them for its problems.
"""

from __future__ import annotations

from cchc.calendar._cascade import cascade_problems
from cchc.calendar._gaps import gap_problems
from cchc.calendar._regime import ND09
from cchc.calendar._streams import ReportStreams
from cchc.coverage._coverage import dangling_links, suspect_links
from cchc.exceptions import Problem, Severity
from cchc.files._paths import item_path
from cchc.graph._amend import check_amendments
from cchc.graph._checks import check as check_graph
from cchc.graph._graph import PlanGraph
from cchc.model._corpus import Corpus
from cchc.report._records import check_records

__all__ = ["check_corpus"]


def check_corpus(
    corpus: Corpus | PlanGraph,
    *,
    max_occurrences: int | None = None,
    reports: ReportStreams | None = None,
) -> tuple[Problem, ...]:
    """Run every corpus-wide check and return the problems found, errors first.

    *corpus* is a corpus, or the plan graph of one, which a command that needs the graph
    anyway builds once and passes here.  Each check is asked for its problems only:
    coverage for the links to items a parent lacks or that changed since, the calendar
    for the report cascade.
    *max_occurrences* bounds the report deadlines the cascade check works out
    (:class:`~cchc.calendar._expand.BudgetError` past it).  *reports* are report streams
    made already (:meth:`~cchc.calendar.Expansion.report_streams`), on Vietnam's working
    days under NĐ 09/2019, as the checks read them.
    """
    graph = corpus if isinstance(corpus, PlanGraph) else PlanGraph.from_corpus(corpus)
    plans = graph.corpus
    edges = graph.implements_edges()
    problems = [
        *check_graph(graph),
        *check_amendments(plans),
        *_links_outside_parents(plans, graph),
        *dangling_links(plans, edges),
        *suspect_links(plans, edges),
    ]
    pairs = [(plans.plan(parent), plans.plan(child)) for parent, child in edges]
    # The two report checks read the same streams, made once, on Vietnam's working days.
    reports = reports if reports is not None else ReportStreams.made(regime=ND09)
    problems.extend(
        cascade_problems(pairs, reports, max_occurrences=max_occurrences, groups=plans.groups)
    )
    problems.extend(gap_problems(plans.plans, reports, max_occurrences=max_occurrences))
    problems.extend(check_records(plans, max_occurrences=max_occurrences))
    located = (plans.locate(p) for p in problems)
    return tuple(
        sorted(located, key=lambda p: (p.severity is not Severity.ERROR, p.file or "", p.where))
    )


def _links_outside_parents(corpus: Corpus, graph: PlanGraph) -> list[Problem]:
    """Links to plans the corpus lacks (error) or that the plan does not implement (warning).

    Links to a parent's items are checked by coverage, edge by edge.
    """
    problems: list[Problem] = []
    for plan in corpus:
        parents = set(graph.parents(plan.key))
        for item in plan.items():
            for link in item.inherits:
                if link.plan in parents:
                    continue
                known = link.plan in corpus
                problems.append(
                    Problem(
                        file=None,
                        plan=plan.key,
                        path=f"{item_path(plan, item.id)}.inherits",
                        message=(
                            f"expected a link to a parent plan, found {link} whose plan "
                            + ("this plan does not implement" if known else "is not in the corpus")
                        ),
                        severity=Severity.WARNING if known else Severity.ERROR,
                        rule="links.not_parent" if known else "links.unknown_plan",
                    )
                )
    return problems
