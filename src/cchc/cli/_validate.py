"""``python -m cchc validate [PATH]``: every problem of a corpus, one a line."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cchc._collector import collector_paused, hold
from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_budget_argument,
    add_corpus_argument,
    add_json_argument,
    budget_line,
    load_for_command,
    write_json,
)

if TYPE_CHECKING:
    from pathlib import Path

    from cchc.exceptions import Problem

HELP = "check a corpus and list every problem, one a line (exit 2 on errors)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``validate``."""
    add_corpus_argument(parser)
    add_budget_argument(parser)
    add_json_argument(parser)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Load the corpus, run the corpus checks and report every problem found.

    Problems go to stderr one a line and a count to stdout; with ``--json`` the whole
    report goes to stdout.  Errors make a corpus unusable, so they are bad input
    (exit 2), whether loading or the corpus checks found them; warnings alone exit 0.
    """
    from cchc.exceptions import CorpusError, Severity
    from cchc.files._load import bundled_corpus_path, load_corpus
    from cchc.files._walk import corpus_root

    root = corpus_root(args.path) if args.path is not None else None
    if root is not None:
        return _validate_in_corpus(args, env, root)
    if not args.json:
        corpus = load_for_command(args.path, env)
        if corpus is None:
            return EXIT_INPUT
    else:
        try:
            corpus = load_corpus(args.path if args.path is not None else bundled_corpus_path())
        except CorpusError as error:
            from cchc.render._documents import validate_document

            write_json(env, validate_document(error.problems, plans=None, units=None))
            return EXIT_INPUT
        hold(corpus)
    from cchc.calendar._expand import BudgetError, default_budget
    from cchc.render._bar import progress_bar
    from cchc.report._checks import check_corpus

    budget = args.max_occurrences or default_budget(corpus.plans)
    try:
        with progress_bar(env.stderr, env.environ, "checks") as progress, collector_paused():
            problems = check_corpus(corpus, max_occurrences=budget)
            if progress is not None:
                progress(1, 1)
    except BudgetError as error:
        # The report cascade check can meet the budget: say so rather than pass a corpus
        # it could not finish checking.
        print(budget_line("validate", error), file=env.stderr)
        return EXIT_INPUT
    everything = (*corpus.problems, *problems)
    errors = sum(p.severity is Severity.ERROR for p in everything)
    warnings = len(everything) - errors
    if args.json:
        # Only the JSON report needs the document builders (and what they import).
        from cchc.render._documents import validate_document

        write_json(env, validate_document(everything, plans=len(corpus), units=len(corpus.units)))
        return EXIT_INPUT if errors else EXIT_OK
    for problem in problems:
        print(problem, file=env.stderr)
    # The report stays in English, like the problems' messages it counts (they come
    # from the checks, in English): one grep-able line for scripts and CI logs.
    print(
        f"{len(corpus)} plan(s), {len(corpus.units)} unit(s): "
        f"{errors} error(s), {warnings} warning(s)",
        file=env.stdout,
    )
    return EXIT_INPUT if errors else EXIT_OK


def _validate_in_corpus(args: argparse.Namespace, env: Env, root: Path) -> int:
    """``validate FILE`` for a plan file inside a corpus: read it with its corpus.

    A plan names units its registry declares and parents other files hold: read alone,
    it would show errors it does not have.  The corpus is read from *root* (found as git
    finds ``.git``), said on the first line, and only the file's own problems are shown.
    """
    from pathlib import Path

    from cchc.exceptions import CorpusError, Severity
    from cchc.files._load import load_corpus
    from cchc.render._documents import validate_document
    from cchc.report._checks import check_corpus

    file = Path(args.path).resolve()

    def mine(problems: Iterable[Problem]) -> list[Problem]:
        return [p for p in problems if p.file is not None and Path(p.file).resolve() == file]

    if not args.json:
        print(f"validate: {args.path} read with its corpus {root}", file=env.stderr)
    try:
        corpus = load_corpus(root)
    except CorpusError as error:
        found = mine(error.problems)
        if args.json:
            write_json(env, validate_document(found, plans=None, units=None))
        else:
            for problem in found:
                print(problem, file=env.stderr)
            print(
                f"validate: other files of the corpus have errors; run validate {root}",
                file=env.stderr,
            )
        return EXIT_INPUT
    with collector_paused():
        problems = mine((*corpus.problems, *check_corpus(corpus)))
    errors = sum(p.severity is Severity.ERROR for p in problems)
    if args.json:
        write_json(env, validate_document(problems, plans=1, units=len(corpus.units)))
        return EXIT_INPUT if errors else EXIT_OK
    for problem in problems:
        print(problem, file=env.stderr)
    print(
        f"1 plan(s) in a corpus of {len(corpus)}, {len(corpus.units)} unit(s): "
        f"{errors} error(s), {len(problems) - errors} warning(s)",
        file=env.stdout,
    )
    return EXIT_INPUT if errors else EXIT_OK
