"""``python -m cchc validate [PATH]``: every problem of a corpus, one a line."""

from __future__ import annotations

import argparse

from cchc.cli._common import EXIT_INPUT, EXIT_OK, Env, add_corpus_argument, load_for_command

HELP = "check a corpus and list every problem, one a line"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``validate``."""
    add_corpus_argument(parser)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Load the corpus, run the corpus checks and print every problem found."""
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    from cchc._checks import check_corpus
    from cchc._errors import Severity

    problems = check_corpus(corpus)
    for problem in problems:
        print(problem, file=env.stderr)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors + len(corpus.problems)
    print(
        f"{len(corpus)} plan(s), {len(corpus.units)} unit(s): "
        f"{errors} error(s), {warnings} warning(s)",
        file=env.stdout,
    )
    return EXIT_INPUT if errors else EXIT_OK
