"""What every command shares: exit codes, the output streams, common arguments, JSON output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs

if TYPE_CHECKING:
    from cchc._corpus import Corpus

EXIT_OK = 0
"""Everything went well."""
EXIT_SHORT = 1
"""A check fell short: missing coverage, overdue duties."""
EXIT_INPUT = 2
"""Bad input or usage: a file that cannot be read, an unknown option, a corpus with errors."""

EXIT_CODES_HELP = (
    "exit codes: 0 ok; 1 a check fell short (coverage below target, overdue deadlines); "
    "2 bad input or usage (unreadable file, corpus with errors, unknown option or key)"
)
"""The exit codes as ``--help`` prints them (docs/cli.md says the same)."""

DATE_FORMAT = "a date like 2024-03-31 or 31/03/2024"
"""How dates are asked for on the command line."""


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


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang vi|en``, the language of labels (content is shown as written)."""
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        help="label language (default: CCHC_LANG, the locale, then vi)",
    )


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--json``: print the result as JSON (schema in docs/schemas/)."""
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the result as JSON (schema: docs/schemas/), not for the eye",
    )


def date_argument(text: str) -> dt.date:
    """Read a date option (argparse ``type=``); argparse prefixes errors with the option."""
    from cchc._dates import parse_date
    from cchc._errors import CchcError

    try:
        return parse_date(text)
    except CchcError:
        raise argparse.ArgumentTypeError(f"expected {DATE_FORMAT}, got {text!r}") from None


def add_as_of_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--as-of DATE``: the day overdue and upcoming are judged on."""
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        type=date_argument,
        help="the day overdue and upcoming are judged on (default: today in Việt Nam)",
    )


def add_budget_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-occurrences N``: the most deadline occurrences the command works out."""
    parser.add_argument(
        "--max-occurrences",
        metavar="N",
        type=whole_number,
        help=(
            "work out at most N deadline occurrences, else stop with exit 2 "
            "(default: 200 a schedule, at least 200,000)"
        ),
    )


def whole_number(text: str) -> int:
    """Read a count option of at least 1 (argparse ``type=``)."""
    if not (text.isascii() and text.isdigit()) or int(text) < 1 or len(text) > 18:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def budget_line(command: str, error: Exception, hint: str = "") -> str:
    """The one line a command prints when its work would pass ``--max-occurrences``."""
    narrow = f"{hint}, or " if hint else ""
    return f"{command}: {error}; {narrow}raise the budget with --max-occurrences N"


def today_in_vietnam() -> dt.date:
    """Today's date in Asia/Ho_Chi_Minh: the CLI's default ``as_of``, and nowhere else."""
    import pendulum

    today = pendulum.today("Asia/Ho_Chi_Minh")
    return dt.date(today.year, today.month, today.day)


def write_json(env: Env, document: Any) -> None:
    """Print *document* on stdout as the ``--json`` output: UTF-8 text, indented, key order kept."""
    env.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def load_for_command(path: Path | None, env: Env) -> Corpus | None:
    """Load the corpus at *path* (bundled when None); on bad input print every problem.

    Returns None when the corpus has errors, after printing them one a line to stderr;
    the caller then exits with :data:`EXIT_INPUT`.  Warnings are printed and loading goes on.
    A progress bar is drawn on stderr while reading, when stderr is a terminal.
    """
    from cchc._errors import CorpusError
    from cchc._files import bundled_corpus_path, load_corpus
    from cchc.render._console import progress_bar

    try:
        with progress_bar(env.stderr, env.environ, "loading") as progress:
            corpus = load_corpus(
                path if path is not None else bundled_corpus_path(), progress=progress
            )
    except CorpusError as error:
        for problem in error.problems:
            print(problem, file=env.stderr)
        return None
    for problem in corpus.problems:
        print(problem, file=env.stderr)
    return corpus
