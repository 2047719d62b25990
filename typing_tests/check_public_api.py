"""The public signatures of cchc, pinned for the type checker (``nox -s mypy``).

Nothing here runs: each function calls public verbs of ``cchc`` and of its package faces
and states, with ``assert_type``, the type each one returns.  A change to a public
signature (a return type widened, a parameter renamed or made positional) fails
``mypy --strict`` here before it reaches a user's code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import assert_type

import cchc
from cchc import calendar, coverage, draft, files, graph, model, refs, report, text

DAY = dt.date(2024, 6, 1)


def load_and_write(path: Path, out: Path) -> None:
    corpus = cchc.load_corpus(path, progress=None)
    assert_type(corpus, cchc.Corpus)
    assert_type(cchc.load_corpus(str(path)), cchc.Corpus)
    assert_type(cchc.bundled_corpus_path(), Path)
    assert_type(corpus.plans, tuple[cchc.Plan, ...])
    assert_type(corpus.problems, tuple[cchc.Problem, ...])
    assert_type(corpus.plan("k"), cchc.Plan)
    assert_type(corpus.get("k"), cchc.Plan | None)
    assert_type(corpus.unit("u"), cchc.Unit | None)
    plan = cchc.load_plan(path)
    assert_type(plan, cchc.Plan)
    assert_type(cchc.dumps_plan(plan), str)
    assert_type(cchc.dumps_plan(plan, fmt="json"), str)
    assert_type(cchc.dump_plan(plan, out, force=True), Path)
    assert_type(files.load_corpus(path), cchc.Corpus)
    assert_type(files.read_bounded(path, files.MAX_FILE_BYTES, what="a plan"), bytes)
    assert_type(files.write_text(out, "x", force=False), Path)
    assert_type(files.write_bytes(out, b"x"), Path)


def text_and_refs(words: str) -> None:
    assert_type(cchc.parse_date(words), dt.date)
    assert_type(text.parse_date(words), dt.date)
    assert_type(text.format_vn_date(DAY), str)
    assert_type(text.fold(words), str)
    assert_type(text.nfc(words), str)
    assert_type(text.same_text(words, words), bool)
    assert_type(text.tokens(words), tuple[str, ...])
    assert_type(text.visible(words), str)
    ref = cchc.parse_ref(words)
    assert_type(ref, cchc.DocumentRef)
    assert_type(refs.parse_ref(words), refs.DocumentRef)
    assert_type(cchc.find_citations(words), tuple[cchc.Citation, ...])
    assert_type(refs.find_citations(words), tuple[refs.Citation, ...])
    assert_type(cchc.read_header(words), cchc.Header)
    assert_type(refs.read_header(words), refs.Header)


def the_graph(corpus: cchc.Corpus) -> None:
    plans = cchc.PlanGraph.from_corpus(corpus)
    assert_type(plans, cchc.PlanGraph)
    assert_type(graph.PlanGraph.from_corpus(corpus), graph.PlanGraph)
    assert_type(plans.implements_edges(), tuple[tuple[str, str], ...])
    assert_type(plans.parents("k"), tuple[str, ...])
    assert_type(plans.children("k"), tuple[str, ...])
    assert_type(plans.roots(), tuple[str, ...])
    assert_type(plans.cascade_keys(), tuple[str, ...])
    assert_type(plans.lineage("k"), tuple[tuple[str, ...], ...])
    assert_type(plans.ancestors("k"), frozenset[str])
    assert_type(plans.doc("k"), cchc.Plan | graph.ExternalDocument)
    assert_type(graph.check(plans), tuple[cchc.Problem, ...])
    assert_type(graph.to_mermaid(plans, plans.cascade_keys()), str)
    assert_type(graph.to_dot(plans), str)
    assert_type(graph.focus(plans, "k"), frozenset[str])


def the_coverage(corpus: cchc.Corpus, parent: cchc.Plan, child: cchc.Plan) -> None:
    edges = cchc.PlanGraph.from_corpus(corpus).implements_edges()
    result = cchc.corpus_coverage(corpus, edges, suggest=False)
    assert_type(result, cchc.CorpusCoverage)
    assert_type(coverage.corpus_coverage(corpus, edges), coverage.CorpusCoverage)
    assert_type(result.edges, tuple[cchc.EdgeCoverage, ...])
    assert_type(result.percent, float | None)
    assert_type(result.problems, tuple[cchc.Problem, ...])
    edge = cchc.edge_coverage(parent, child, kinds=coverage.DEFAULT_KINDS, threshold=80)
    assert_type(edge, cchc.EdgeCoverage)
    assert_type(edge.percent, float | None)
    assert_type(edge.items, tuple[cchc.ItemCoverage, ...])
    assert_type(edge.items[0].status, cchc.Status)
    assert_type(coverage.matrix(result.edges), coverage.Matrix)
    plans = {plan.key: plan for plan in corpus}
    steps = coverage.trace(plans, edges, "k", "nd1", suggest=False)
    assert_type(steps, tuple[coverage.TraceStep, ...])
    assert_type(cchc.concreteness(child), tuple[cchc.Gap, ...])
    assert_type(coverage.weakened(parent, child), tuple[coverage.Weakening, ...])
    assert_type(coverage.compare("a", "b"), coverage.Match)
    found = coverage.best_match(coverage.prepare("a"), [coverage.prepare("b")])
    assert_type(found, tuple[int, coverage.Match] | None)


def the_calendar(corpus: cchc.Corpus, plan: cchc.Plan, out: Path) -> None:
    occurrences = cchc.expand(corpus.plans)
    assert_type(occurrences, tuple[cchc.Occurrence, ...])
    work = calendar.calendar_for(corpus.plans)
    assert_type(work, cchc.WorkCalendar)
    assert_type(calendar.expand(corpus.plans, calendar=work), tuple[calendar.Occurrence, ...])
    assert_type(
        calendar.expand_plan(plan, policy=calendar.Policy.NEXT), tuple[cchc.Occurrence, ...]
    )
    assert_type(calendar.timing(occurrences[0], DAY), cchc.Timing)
    assert_type(calendar.overdue(occurrences, DAY), tuple[cchc.Occurrence, ...])
    assert_type(calendar.upcoming(occurrences, DAY), tuple[cchc.Occurrence, ...])
    assert_type(calendar.in_range(occurrences, DAY, None), tuple[cchc.Occurrence, ...])
    assert_type(calendar.agenda(occurrences), dict[str, tuple[cchc.Occurrence, ...]])
    assert_type(calendar.describe_period(occurrences[0]), str)
    assert_type(calendar.check_cascade([(plan, plan)], lead=1), tuple[cchc.Problem, ...])
    assert_type(calendar.is_working_day(DAY, work), bool)
    assert_type(calendar.next_working_day(DAY, work), dt.date)
    assert_type(calendar.add_working_days(DAY, 3, work), dt.date)
    assert_type(calendar.count_working_days(DAY, DAY, work), int)
    assert_type(calendar.to_ics(occurrences, as_of=DAY), bytes)
    assert_type(cchc.write_ics(out, occurrences, as_of=DAY, force=True), Path)


def drafts_and_reports(corpus: cchc.Corpus, parent: cchc.Plan) -> None:
    child = cchc.derive(parent, "UBND quận Ba Đình", 2024, units=corpus.units)
    assert_type(child, cchc.Plan)
    assert_type(draft.derive(parent, "u", 2024, level=cchc.Level.DISTRICT), cchc.Plan)
    assert_type(model.find_unit("u", corpus.units), cchc.Unit | None)
    assert_type(draft.unit_code("Quận Ba Đình"), str)
    assert_type(cchc.check_corpus(corpus), tuple[cchc.Problem, ...])
    assert_type(report.check_corpus(corpus), tuple[cchc.Problem, ...])
    built = cchc.PlanGraph.from_corpus(corpus)
    assert_type(cchc.check_corpus(built, max_occurrences=10), tuple[cchc.Problem, ...])
    assert_type(corpus.locate(cchc.Problem(file=None, path="$", message="m")), cchc.Problem)
    assert_type(report.corpus_summary(corpus, DAY, limit=5), report.CorpusSummary)
    assert_type(report.plan_detail(corpus, "k", DAY), report.PlanDetail)
