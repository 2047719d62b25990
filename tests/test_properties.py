"""Properties across layers over generated corpora: checks, coverage, calendar and commands."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc import (
    Corpus,
    DocumentRef,
    Plan,
    Severity,
    Unit,
    dump_plan,
    dumps_plan,
    load_corpus,
    load_plan,
    parse_ref,
)
from cchc.cli import main
from cchc.coverage._coverage import corpus_coverage
from cchc.report._checks import check_corpus
from tests import strategies

Forest = tuple[tuple[Unit, ...], tuple[Plan, ...]]
LOCAL = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def as_corpus(forest: Forest) -> Corpus:
    units, plans = forest
    return Corpus(plans=plans, units={u.code: u for u in units})


def write_forest(folder: Path, forest: Forest) -> Path:
    units, plans = forest
    for child in folder.iterdir():
        child.unlink()
    lines = ["units:"]
    for unit in units:
        parent = f", parent: {unit.parent}" if unit.parent else ""
        lines.append(
            f"  - {{code: {unit.code}, name: '{unit.name}', level: {unit.level.value}{parent}}}"
        )
    (folder / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for plan in plans:
        dump_plan(plan, folder / f"{plan.key}.yaml")
    return folder


@given(strategies.refs())
def test_canonical_reference_round_trip(ref: DocumentRef) -> None:
    assert parse_ref(str(ref)) == ref


@given(strategies.forests())
def test_generated_forests_have_no_errors(forest: Forest) -> None:
    problems = check_corpus(as_corpus(forest))
    assert [p for p in problems if p.severity is Severity.ERROR] == []


@given(strategies.forests())
def test_coverage_counts_exactly_the_linked_items(forest: Forest) -> None:
    corpus = as_corpus(forest)
    from cchc import PlanGraph

    edges = PlanGraph.from_corpus(corpus).implements_edges()
    for edge in corpus_coverage(corpus, edges, suggest=False).edges:
        parent, child = corpus.plan(edge.parent), corpus.plan(edge.child)
        linked = {
            link.item for task in child.tasks for link in task.inherits if link.plan == parent.key
        }
        covered = {item.item for item in edge.items if item.status.value == "covered"}
        assert covered == linked


@LOCAL
@given(
    strategies.forests(max_plans=5),
    st.sampled_from(["summary", "graph", "coverage", "calendar", "validate"]),
)
def test_commands_handle_any_valid_corpus(tmp_path: Path, forest: Forest, command: str) -> None:
    folder = write_forest(tmp_path, forest)
    out, err = io.StringIO(), io.StringIO()
    argv = [command, str(folder)]
    if command in ("summary", "calendar"):
        argv += ["--as-of", "2024-06-01"]
    code = main(argv, stdout=out, stderr=err)
    assert code in (0, 1), err.getvalue()
    assert "Traceback" not in err.getvalue()


@LOCAL
@given(strategies.plans())
def test_nfd_files_load_equal_to_nfc_with_a_warning(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(unicodedata.normalize("NFD", dumps_plan(plan)), encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.plans == (plan,)
    changed = dumps_plan(plan) != unicodedata.normalize("NFD", dumps_plan(plan))
    assert [p.severity for p in corpus.problems] == ([Severity.WARNING] if changed else [])
    assert load_plan(path) == plan


@pytest.mark.parametrize("command", ["summary", "graph", "coverage", "calendar", "validate"])
def test_commands_on_the_bundled_corpus(command: str) -> None:
    argv = [command] + (["--as-of", "2024-06-01"] if command in ("summary", "calendar") else [])
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, stdout=out, stderr=err) in (0, 1)
    assert out.getvalue()


@given(strategies.forests())
def test_checks_give_the_same_problems_with_work_passed_in(forest: Forest) -> None:
    from cchc import PlanGraph, expand

    corpus = as_corpus(forest)
    graph = PlanGraph.from_corpus(corpus)
    coverage = corpus_coverage(corpus, graph.implements_edges(), suggest=False)
    reused = check_corpus(corpus, graph=graph, coverage=coverage, occurrences=expand(corpus.plans))
    assert reused == check_corpus(corpus)
