"""Properties across layers over generated corpora: checks, coverage, calendar and commands."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from cchc import (
    Corpus,
    DocumentRef,
    Plan,
    PlanGraph,
    Severity,
    Timing,
    Unit,
    bundled_corpus_path,
    dump_plan,
    dumps_plan,
    load_corpus,
    load_plan,
    parse_ref,
)
from cchc.calendar import expand, timing
from cchc.cli import main
from cchc.coverage._coverage import corpus_coverage
from cchc.report._checks import check_corpus
from tests import strategies

Forest = tuple[tuple[Unit, ...], tuple[Plan, ...]]
COMMANDS = ("summary", "graph", "coverage", "calendar", "validate")
AS_OF = dt.date(2024, 6, 1)
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
    edges = PlanGraph.from_corpus(corpus).implements_edges()
    for edge in corpus_coverage(corpus, edges, suggest=False).edges:
        parent, child = corpus.plan(edge.parent), corpus.plan(edge.child)
        linked = {
            link.item for task in child.tasks for link in task.inherits if link.plan == parent.key
        }
        covered = {item.item for item in edge.items if item.status.value == "covered"}
        assert covered == linked


def run_command(command: str, folder: Path | None) -> tuple[int, str, str]:
    argv = [command] + ([] if folder is None else [str(folder)])
    if command in ("summary", "calendar"):
        argv += ["--as-of", AS_OF.isoformat()]
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def expected_exit(command: str, corpus: Corpus) -> int:
    """The exit code docs/cli.md gives *command* on a corpus that loads, from the library."""
    if command == "validate":  # 2 when loading or the checks find an error
        found = (*corpus.problems, *check_corpus(corpus))
        return 2 if any(p.severity is Severity.ERROR for p in found) else 0
    if command == "coverage":  # 1 on a dangling link or an edge that carries less than all
        edges = PlanGraph.from_corpus(corpus).implements_edges()
        result = corpus_coverage(corpus, edges, suggest=False)
        return 1 if any(e.dangling or e.carried < len(e.items) for e in result.edges) else 0
    if command == "calendar":  # 1 when a deadline is overdue on the --as-of day
        late = any(timing(o, AS_OF) is Timing.OVERDUE for o in expand(corpus.plans))
        return 1 if late else 0
    return 0  # summary and graph report; they never fail a corpus that loads


def assert_validate_reports(corpus: Corpus, out: str, err: str) -> None:
    """Standard error lists exactly the problems of loading and of check_corpus, in order."""
    problems = (*corpus.problems, *check_corpus(corpus))
    errors = sum(p.severity is Severity.ERROR for p in problems)
    assert err.splitlines() == [str(p) for p in problems]
    assert out == (
        f"{len(corpus)} plan(s), {len(corpus.units)} unit(s): "
        f"{errors} error(s), {len(problems) - errors} warning(s)\n"
    )


@LOCAL
@given(strategies.forests(max_plans=5))
def test_commands_handle_any_valid_corpus(tmp_path: Path, forest: Forest) -> None:
    # Every command on each corpus: drawing one command an example left coverage and
    # calendar with two examples in sixty, too few to reach their exit 1.
    folder = write_forest(tmp_path, forest)
    corpus = load_corpus(folder)
    for command in COMMANDS:
        code, out, err = run_command(command, folder)
        assert code in (0, 1), err
        assert "Traceback" not in err
        assert code == expected_exit(command, corpus), (command, out, err)
        if command == "validate":
            assert_validate_reports(corpus, out, err)


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


@pytest.mark.parametrize("command", COMMANDS)
def test_commands_on_the_bundled_corpus(command: str) -> None:
    code, out, err = run_command(command, None)
    assert code in (0, 1)
    assert out
    corpus = load_corpus(bundled_corpus_path())
    assert code == expected_exit(command, corpus), (out, err)
    if command == "validate":
        assert_validate_reports(corpus, out, err)
