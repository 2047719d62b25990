"""Checks over a whole corpus, gathered in one place for ``validate`` and ``summary``.

Each check is a named rule that returns :class:`~cchc.Problem` values; loading has
already checked every file on its own.  This module sits above the graph, coverage and
calendar layers and only asks each of them for its problems.
"""

from __future__ import annotations

from cchc.calendar._expand import check_cascade
from cchc.calendar._gaps import check_report_gaps
from cchc.coverage._coverage import CorpusCoverage, corpus_coverage
from cchc.exceptions import Problem, Severity
from cchc.files._paths import item_path
from cchc.graph._checks import check as check_graph
from cchc.graph._graph import PlanGraph
from cchc.model._corpus import Corpus

__all__ = ["check_corpus"]


def check_corpus(
    corpus: Corpus,
    *,
    graph: PlanGraph | None = None,
    coverage: CorpusCoverage | None = None,
    max_occurrences: int | None = None,
) -> tuple[Problem, ...]:
    """Run every corpus-wide check and return the problems found, errors first.

    A caller that has already built the *graph* or the *coverage* of its edges passes
    them to save the work.
    *max_occurrences* bounds the report deadlines the cascade check works out
    (:class:`~cchc.calendar._expand.BudgetError` past it).
    """
    graph = graph if graph is not None else PlanGraph.from_corpus(corpus)
    edges = graph.implements_edges()
    problems = [*check_graph(graph), *_links_outside_parents(corpus, graph)]
    if coverage is None:
        coverage = corpus_coverage(corpus, edges, suggest=False)
    problems.extend(coverage.problems)
    pairs = [(corpus.plan(parent), corpus.plan(child)) for parent, child in edges]
    problems.extend(check_cascade(pairs, files=corpus.files, max_occurrences=max_occurrences))
    problems.extend(
        check_report_gaps(corpus.plans, files=corpus.files, max_occurrences=max_occurrences)
    )
    return tuple(
        sorted(problems, key=lambda p: (p.severity is not Severity.ERROR, p.file or "", p.path))
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
                        file=corpus.files.get(plan.key),
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
