"""What every command shares: exit codes, the output streams, common arguments, JSON output."""

from __future__ import annotations

import argparse
import codecs
import os
from typing import TYPE_CHECKING, Any, TextIO

from cchc._visible import visible

if TYPE_CHECKING:
    # Only for annotations: --help imports this module, and needs none of these.
    import datetime as dt
    from pathlib import Path

    from cchc.model._corpus import Corpus

EXIT_OK = 0
"""Everything went well."""
EXIT_SHORT = 1
"""A check fell short: missing coverage, overdue duties."""
EXIT_INPUT = 2
"""Bad input or usage: a file that cannot be read, an unknown option, a corpus with errors.

Also output that cannot be written: standard output closed, full, or a broken pipe.
"""

EXIT_CODES_HELP = (
    "exit codes: 0 ok; 1 a check fell short (coverage below target, overdue deadlines); "
    "2 bad input or usage (unreadable file, corpus with errors, unknown option or key)"
)
"""The exit codes as ``--help`` prints them (docs/cli.md says the same)."""

DATE_FORMAT = "a date like 2024-03-31 or 31/03/2024"
"""How dates are asked for on the command line."""


class OutputError(Exception):
    """Standard output could not be written: closed, a broken pipe, a full disk.

    Not a :class:`cchc.CchcError`: the input was fine, the output is what failed, and
    no command's handler for bad input catches it; :func:`cchc.cli.main` does.
    """

    def __init__(self, reason: str, cause: OSError | None = None) -> None:
        self.reason = reason
        self.cause = cause
        super().__init__(reason)


def _degraded(text: str, encoding: str) -> str:
    r"""*text* as *encoding* can carry it: what it cannot, as ``\u1ec7`` escapes."""
    return text.encode(encoding, "backslashreplace").decode(encoding)


class OutputStream:
    """Standard output as the commands see it: nothing written drives a terminal.

    Every text written passes :func:`cchc._visible.visible` (newlines kept), whoever
    writes it, so a plain ``print`` of text from a file cannot emit a control character.
    A character the stream's encoding cannot carry (``PYTHONIOENCODING=ascii``, a
    Windows code page) is written as a backslash escape instead of failing, and an
    error of the stream (closed, broken pipe, full disk) becomes :class:`OutputError`.
    rich consoles write through :attr:`unfiltered`: their text is made visible by the
    console itself (:func:`cchc.render._console.make_console`) and the filter would
    break their colour codes; ``--json`` goes to :attr:`buffer`, escaped by
    :func:`write_json`.
    """

    def __init__(self, target: TextIO | None) -> None:
        self.target = target

    def _failed(self, error: OSError) -> None:
        raise OutputError(error.strerror or str(error), error) from error

    def _write(self, text: str) -> int:
        target = self.target
        if target is None:
            raise OutputError("it is closed")
        try:
            try:
                return target.write(text)
            except UnicodeEncodeError:
                return target.write(_degraded(text, self.encoding))
        except OSError as error:
            self._failed(error)
            return 0

    def write(self, text: str) -> int:
        """Write *text* with every control character shown, degraded to the encoding."""
        return self._write(visible(text, multiline=True))

    def flush(self) -> None:
        """Flush the stream, so that a failure shows here rather than at exit."""
        if self.target is not None:
            try:
                self.target.flush()
            except OSError as error:
                self._failed(error)

    def isatty(self) -> bool:
        """Whether the stream is a terminal (rich decides on colours from this)."""
        isatty = getattr(self.target, "isatty", None)
        return bool(isatty()) if callable(isatty) else False

    def fileno(self) -> int:
        """The stream's file descriptor, where it has one."""
        if self.target is None:
            raise OSError("closed")
        return self.target.fileno()

    @property
    def encoding(self) -> str:
        """The stream's encoding; UTF-8 when it does not say."""
        return getattr(self.target, "encoding", None) or "utf-8"

    @property
    def buffer(self) -> Any:
        """The binary stream under the text stream, or None (a ``StringIO``)."""
        return getattr(self.target, "buffer", None)

    @property
    def unfiltered(self) -> OutputStream:
        """The same stream without the filter, for rich (whose output is visible already)."""
        return _Unfiltered(self)


class ProblemStream(OutputStream):
    """Standard error as the commands see it: lines shown visibly, and writing never fails.

    With standard error closed (``2>&-``) or broken, problems are dropped: never sent
    to standard output, where they would corrupt ``--json``, and never a traceback.
    """

    def _failed(self, error: OSError) -> None:
        self.target = None  # nowhere left to say anything

    def _write(self, text: str) -> int:
        if self.target is None:
            return len(text)
        return super()._write(text)


class _Unfiltered(OutputStream):
    """The face of a stream that rich writes to: failures as the stream's, no filter."""

    def __init__(self, stream: OutputStream) -> None:
        super().__init__(stream.target)
        self.stream = stream

    def _write(self, text: str) -> int:
        self.target = self.stream.target
        return self.stream._write(text)

    def write(self, text: str) -> int:
        """Write *text* as it is."""
        return self._write(text)

    def flush(self) -> None:
        """Flush the stream."""
        self.stream.flush()


class Env:
    """The streams and settings a command runs with; tests pass their own.

    A plain class rather than an attrs one: ``--help`` builds the parser of every
    command through this module, and importing attrs would double its start-up.
    """

    __slots__ = ("environ", "stderr", "stdout")

    def __init__(
        self, *, stdout: TextIO, stderr: TextIO, environ: dict[str, str] | None = None
    ) -> None:
        self.stdout = stdout
        """Where results go."""
        self.stderr = stderr
        """Where problems and progress go."""
        self.environ = dict(os.environ) if environ is None else environ
        """The environment (``NO_COLOR``, ``COLUMNS``, ``CCHC_LANG``), injectable for tests."""

    def __repr__(self) -> str:
        return f"Env(stdout={self.stdout!r}, stderr={self.stderr!r})"


def path_argument(text: str) -> Path:
    """Read a path argument (argparse ``type=``), importing pathlib only when one is given."""
    from pathlib import Path

    return Path(text)


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    """Add the optional PATH argument: a plan file or a folder; the bundled corpus by default."""
    parser.add_argument(
        "path",
        nargs="?",
        type=path_argument,
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
    from cchc.exceptions import CchcError
    from cchc.text._dates import parse_date

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
    import datetime as dt

    import pendulum

    today = pendulum.today("Asia/Ho_Chi_Minh")
    return dt.date(today.year, today.month, today.day)


def _is_utf8(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "utf-8").name == "utf-8"
    except LookupError:
        return False


def write_json(env: Env, document: Any) -> None:
    r"""Print *document* on stdout as the ``--json`` output: strict JSON, UTF-8, key order kept.

    Strict RFC 8259: a NaN or an infinity raises ``ValueError`` (it is a bug that one got
    here; nothing is printed).  Vietnamese is written as UTF-8 bytes to the stream's
    binary buffer whatever the locale's encoding; a text stream without one that is not
    UTF-8 gets ASCII with ``\uXXXX`` escapes.  Control, bidirectional and separator
    characters are escaped either way (:func:`cchc._visible.escape_json`): the data
    stays exact, the terminal untouched.
    """
    from cchc._collector import hold
    from cchc.files._json import encode_document

    hold(document)  # millions of values for a large corpus: see cchc._collector.hold
    # Lists of millions of values are made as they are encoded (cchc.render._streamed).
    pieces = encode_document(document)
    buffer = getattr(env.stdout, "buffer", None)
    try:
        if buffer is not None:
            env.stdout.flush()
            for piece in pieces:  # a stream's buffer need not have writelines
                buffer.write(piece)
            buffer.write(b"\n")
            buffer.flush()
        elif _is_utf8(getattr(env.stdout, "encoding", None)):
            env.stdout.write(b"".join(pieces).decode("utf-8") + "\n")
        else:
            import json

            # The document's lists were made as they were encoded: read back, all ASCII.
            whole = json.loads(b"".join(pieces))
            env.stdout.write(json.dumps(whole, indent=2, allow_nan=False) + "\n")
    except OSError as error:
        raise OutputError(error.strerror or str(error), error) from error


def write_output(env: Env, where: str, path: str, data: bytes, *, force: bool) -> bool:
    """Write *data* to the file *path* through the one writer; False after saying why not.

    *where* names the command and its option (``calendar --xlsx`` is ``calendar: --xlsx``),
    so that the one line on standard error says whose file could not be written.
    """
    from cchc.exceptions import CchcError
    from cchc.files._write import write_bytes

    try:
        write_bytes(path, data, force=force)
    except CchcError as error:
        print(f"{where}: {error}", file=env.stderr)
        return False
    return True


def load_for_command(path: Path | None, env: Env) -> Corpus | None:
    """Load the corpus at *path* (bundled when None); on bad input print every problem.

    Returns None when the corpus has errors, after printing them one a line to stderr;
    the caller then exits with :data:`EXIT_INPUT`.  Warnings are printed and loading goes on.
    A progress bar is drawn on stderr while reading, when stderr is a terminal.
    """
    from cchc._collector import collector_paused, hold, settle_loaded
    from cchc.exceptions import CorpusError
    from cchc.files._load import bundled_corpus_path, load_corpus
    from cchc.render._bar import progress_bar

    try:
        # The collector stays paused until the corpus is set aside: resumed first, it
        # would walk every value the loading made at its next pass.
        with progress_bar(env.stderr, env.environ, "loading") as progress, collector_paused():
            corpus = load_corpus(
                path if path is not None else bundled_corpus_path(), progress=progress
            )
            settle_loaded()
    except CorpusError as error:
        for problem in error.problems:
            print(problem, file=env.stderr)
        return None
    for problem in corpus.problems:
        print(problem, file=env.stderr)
    hold(corpus)
    return corpus


def unknown_plan(where: str, key: str, corpus: Corpus) -> str:
    """The line for a plan key the corpus lacks, with the key it resembles if any."""
    from cchc.text._suggest import did_you_mean

    hint = did_you_mean(key, (plan.key for plan in corpus.plans))
    return f"{where}: no plan with key {visible(key)!r} in the corpus{hint}"
