"""What every command shares: exit codes, the output streams, the corpus argument."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import attrs

if TYPE_CHECKING:
    from cchc._corpus import Corpus

EXIT_OK = 0
"""Everything went well."""
EXIT_SHORT = 1
"""A check fell short: missing coverage, overdue duties, validation problems of a corpus."""
EXIT_INPUT = 2
"""Bad input or usage: a file that cannot be read, an unknown option."""


@attrs.frozen(kw_only=True)
class Env:
    """The streams and settings a command runs with; tests pass their own."""

    stdout: TextIO
    """Where results go."""
    stderr: TextIO
    """Where problems and progress go."""
    environ: dict[str, str] = attrs.field(factory=lambda: dict(os.environ))
    """The environment (``NO_COLOR``, ``COLUMNS``, ``CCHC_LANG``), injectable for tests."""


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    """Add the optional PATH argument: a plan file or a folder; the bundled corpus by default."""
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="a plan file or a folder of them (default: the bundled example corpus)",
    )


def load_for_command(path: Path | None, env: Env) -> Corpus | None:
    """Load the corpus at *path* (bundled when None); on bad input print every problem.

    Returns None when the corpus has errors, after printing them one a line to stderr;
    the caller then exits with :data:`EXIT_INPUT`.  Warnings are printed and loading goes on.
    """
    from cchc._errors import CorpusError
    from cchc._files import bundled_corpus_path, load_corpus

    try:
        corpus = load_corpus(path if path is not None else bundled_corpus_path())
    except CorpusError as error:
        for problem in error.problems:
            print(problem, file=env.stderr)
        return None
    for problem in corpus.problems:
        print(problem, file=env.stderr)
    return corpus
