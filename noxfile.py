"""Development sessions: ``nox`` runs the tests on the newest and on the oldest versions
pyproject.toml allows, lint, types and docs; ``nox -s bench``, ``nox -s fuzz``,
``nox -s mutate`` and ``nox -s browser`` on demand.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "tests-oldest", "lint", "mypy", "docs"]
nox.options.error_on_external_run = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHON = "3.11"
OLDEST = "constraints/oldest.txt"


def _group(name: str) -> tuple[str, ...]:
    return nox.project.dependency_groups(PYPROJECT, name)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (quick Hypothesis profile), then the real entry point as a smoke test."""
    session.install(".", *_group("tests"))
    _run_tests(session)


@nox.session(name="tests-oldest", python=PYTHON)
def tests_oldest(session: nox.Session) -> None:
    """Run the same tests against the lowest versions pyproject.toml allows.

    The default ``tests`` session gets the newest releases, as a user does; this one pins
    every lower bound (``constraints/oldest.txt``), so a bound that is too low shows up.
    """
    session.install("-c", OLDEST, ".", *_group("tests"))
    # cchc's own text I/O is checked for a missing encoding by the default session; here the
    # check would only catch the standard library's zoneinfo, which icalendar 6 calls on import.
    _run_tests(session, encoding_warnings=False)


def _run_tests(session: nox.Session, *, encoding_warnings: bool = True) -> None:
    env = {
        "TERM": "dumb",
        "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "ci"),
    }
    if encoding_warnings:
        env["PYTHONWARNDEFAULTENCODING"] = "1"
    # A folder of the session's own: pytest's shared numbered folders under /tmp are
    # cleaned by code that leaves a directory iterator open (an unraisable ResourceWarning,
    # an error under filterwarnings=error) when other pytest runs share them.
    basetemp = f"{session.create_tmp()}/pytest"
    session.run("pytest", "--basetemp", basetemp, *session.posargs, env=env)
    session.run("python", "-m", "cchc", "summary", env=env)
    session.run("python", "-m", "cchc", "validate", env=env)
    # A short fuzzing round on every run, seeded so that one commit always fuzzes the same
    # inputs and a find reproduces; `nox -s fuzz` runs a long, randomly seeded one.
    session.run("python", "-m", "tests.fuzz", "--seconds", "20", "--seed", "0", env=env)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Check lint and formatting with ruff, and the direction of imports between layers."""
    session.install(*_group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    # The layers of the architecture, read from the source without importing it.
    session.run("lint-imports", env={"PYTHONPATH": "src"})


@nox.session(python=PYTHON)
def mypy(session: nox.Session) -> None:
    """Type-check the package, the tests and this file with mypy --strict.

    typing_tests/ is never run: it states the types the public verbs return, so that a
    change to a public signature fails here.
    """
    session.install(".", *_group("typing"))
    session.run(
        "mypy",
        "--strict",
        *("src", "tests", "typing_tests", "bench", "examples", "docs", "noxfile.py"),
    )


@nox.session(python=PYTHON, default=False)
def browser(session: nox.Session) -> None:
    """Load the HTML report in Chromium through Playwright: console, matrix, filters, PDF.

    On demand, not in the default run or CI: it needs a Chromium on the machine
    (Debian: ``apt-get install chromium``; elsewhere point ``CCHC_CHROMIUM`` at one).
    Playwright comes from PyPI and drives that browser; it never downloads one.
    """
    session.install(".", "playwright>=1.40", *_group("tests"))
    chromium = os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        session.error(f"no Chromium at {chromium}: apt-get install chromium, or set CCHC_CHROMIUM")
    env = {"CCHC_CHROMIUM": chromium, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
    basetemp = f"{session.create_tmp()}/pytest"
    # Named outside pytest's test_*.py pattern, so only a run that names it collects it.
    session.run(
        "pytest", "-s", "--basetemp", basetemp, "tests/browser_report.py", *session.posargs, env=env
    )


@nox.session(python=PYTHON, default=False)
def fuzz(session: nox.Session) -> None:
    """Fuzz the loader, parsers, citation finder, output sanitiser (600 s; nox -s fuzz -- 60)."""
    session.install(".", *_group("tests"))
    seconds = session.posargs[0] if session.posargs else "600"
    session.run("python", "-m", "tests.fuzz", "--seconds", seconds)


@nox.session(python=PYTHON, default=False)
def mutate(session: nox.Session) -> None:
    """Plant small bugs in the core packages and count those the test suite lets survive.

    ``nox -s mutate`` mutates every function of text, refs, model, files, graph, coverage,
    calendar, draft and report ([tool.mutmut] in pyproject.toml), which takes hours on two
    cores; ``nox -s mutate -- "cchc.text.*" "cchc.refs.*"`` runs only the mutants whose
    names match (the whole suite still runs once, to learn which tests reach which function).

    mutmut rather than cosmic-ray: mutmut 3 reads its settings from pyproject.toml, handles
    the src layout itself, and runs for each mutant only the tests that reach the mutated
    function, in a forked process, two at a time here; cosmic-ray re-runs a whole test
    command per mutant (80 s here), keeps its settings in a file of its own, and would need
    days for the core's 8,000 mutants.
    """
    session.install("-e", ".", *_group("mutate"))
    # The ci profile is derandomised: a mutant gets the same verdict on every run.  pytest's
    # temporary folders go under the session's own, away from those of other test runs.
    env = {
        "TERM": "dumb",
        "HYPOTHESIS_PROFILE": "ci",
        "PYTEST_DEBUG_TEMPROOT": str(Path(session.create_tmp()).resolve()),
    }
    session.run(
        "mutmut", "run", "--max-children", str(os.cpu_count() or 2), *session.posargs, env=env
    )
    session.run("mutmut", "export-cicd-stats", env=env)
    stats = json.loads(Path("mutants/mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    # The survival rate counts only mutants with a verdict: a timeout is neither killed nor
    # survived, and a mutant no test reaches says nothing of the tests' strength.
    tested = stats["killed"] + stats["survived"]
    others = ("timeout", "no_tests", "suspicious", "segfault", "skipped", "interrupted")
    stats["interrupted"] = stats["check_was_interrupted_by_user"]
    unrun = stats["total"] - tested - sum(stats[name] for name in others)
    if tested:
        session.log(
            f"survived {stats['survived']} of {tested} mutants killed or survived "
            f"({100 * stats['survived'] / tested:.1f}%); "
            + ", ".join(f"{name} {stats[name]}" for name in others)
            + f", not run {unrun}. `mutmut results` lists the survivors, `mutmut show NAME` one."
        )


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the documentation site with mkdocs --strict: a broken link or reference fails."""
    session.install(".", *_group("docs"))
    session.run("python", "docs/_gen_schema.py", "--check")
    site = f"{session.create_tmp()}/site"
    env = {"NO_MKDOCS_2_WARNING": "1"}
    session.run("mkdocs", "build", "--strict", "--site-dir", site, env=env)


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Run the benchmarks under bench/ and print their figures."""
    session.install(".", *_group("bench"))
    for script in sorted(os.listdir("bench")):
        if script.startswith("bench_") and script.endswith(".py"):
            session.run("python", f"bench/{script}", *session.posargs)
