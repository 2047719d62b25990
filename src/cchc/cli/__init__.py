"""The command line of cchc: ``python -m cchc COMMAND ...``.

Each command lives in its own module of this package, exposing ``HELP`` (one line),
``configure(parser)`` and ``execute(args, env) -> int``.  Modules are imported only to
build the parser; they keep heavy imports (networkx, rich, pendulum) inside
``execute`` so that ``--help`` stays fast.

Exit codes, used by every command (:data:`cchc.cli._common.EXIT_CODES_HELP`, docs/cli.md):
0 ok, 1 a check fell short, 2 bad input or usage, or output that could not be written.

Commands write to the streams of :class:`cchc.cli._common.Env`, which :func:`main` wraps:
both show every control character visibly and degrade to what their encoding can carry;
standard output names its failures, standard error never fails.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO, cast

from cchc._version import __version__
from cchc._visible import visible
from cchc.cli._common import (
    EXIT_CODES_HELP,
    EXIT_INPUT,
    Env,
    OutputError,
    OutputStream,
    ProblemStream,
    path_argument,
)

if TYPE_CHECKING:
    from cchc.exceptions import CchcError

__all__ = ["COMMANDS", "SHELL_COMMANDS", "main", "run", "script"]

COMMANDS: tuple[str, ...] = (
    "summary",
    "validate",
    "graph",
    "coverage",
    "calendar",
    "progress",
    "report",
    "records",
    "links",
    "derive",
    "draft",
    "cite",
    "diff",
    "examples",
)
"""Command names in the order ``--help`` lists them; each is the module ``cchc.cli._NAME``."""

SHELL_COMMANDS: tuple[str, ...] = ("completion",)
"""Commands about the shell, not a corpus, listed after :data:`COMMANDS`; no ``--json``."""


class _Command(Protocol):
    HELP: str

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def execute(self, args: argparse.Namespace, env: Env) -> int: ...


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors with exit code 2 and no traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # The message may quote the command line (file names included): shown visibly,
        # and not at all when standard error is closed.
        stream = ProblemStream(sys.stderr)
        self.print_usage(cast(TextIO, stream))
        stream.write(f"{self.prog}: error: {visible(message)}\n")
        raise SystemExit(EXIT_INPUT)


def _load(name: str) -> _Command:
    return cast(_Command, importlib.import_module(f"cchc.cli._{name}"))


def build_parser(prog: str = "python -m cchc") -> argparse.ArgumentParser:
    """The full argument parser, with one sub-parser per command, named *prog* in its help.

    The ``cchc`` console script passes ``cchc``: help names the command the user typed.
    """
    parser = _Parser(
        prog=prog,
        description="Model, link and check cascades of Vietnamese CCHC plans.",
        epilog=EXIT_CODES_HELP
        + ". Labels: --lang vi|en, else CCHC_LANG, else the locale, else vi."
        + " Every command but completion takes --json"
        + " (schemas: docs/schemas/; reference: docs/cli.md).",
    )
    parser.add_argument("-V", "--version", action="version", version=f"cchc {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help=_QUIET_HELP)
    parser.add_argument("--no-cache", action="store_true", help=_NO_CACHE_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in (*COMMANDS, *SHELL_COMMANDS):
        command = _load(name)
        help_ = command.HELP
        command_parser = sub.add_parser(name, help=help_, description=help_, epilog=EXIT_CODES_HELP)
        # Also after the command (``validate -q``); SUPPRESS keeps a -q given before it.
        command_parser.add_argument(
            "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=_QUIET_HELP
        )
        if name in CACHED_COMMANDS:
            command_parser.add_argument(
                "--no-cache", action="store_true", default=argparse.SUPPRESS, help=_NO_CACHE_HELP
            )
        command.configure(command_parser)
    return parser


_NO_CACHE_HELP = (
    "work everything out again, without the output kept from an earlier run on the same "
    "files (also CCHC_NO_CACHE=1; the cache is in CCHC_CACHE_DIR or the user cache folder)"
)
CACHED_COMMANDS = frozenset(
    {"summary", "validate", "graph", "coverage", "calendar", "progress", "diff"}
)
"""Commands run through the output cache (:mod:`cchc.cli._cache`): their output depends
only on the files they read, the command line, the setting and the day."""

_QUIET_HELP = (
    "print nothing on standard output: the exit code gives the result; problems still go "
    "to standard error and files asked for are still written"
)


class _Discard(io.TextIOBase):
    """Standard output under ``--quiet``: everything written is dropped."""

    def write(self, text: str) -> int:
        """Drop *text*, as written."""
        return len(text)

    def writable(self) -> bool:
        """It takes writes."""
        return True


def _take_trailing_path(
    args: argparse.Namespace, extras: list[str], parser: argparse.ArgumentParser
) -> None:
    """Accept PATH after the options of a command that also has a leading positional.

    argparse fills every positional at the first run of them, so in
    ``derive PARENT --unit X PATH`` the PATH comes back unparsed; it is taken here.
    """
    if len(extras) == 1 and not extras[0].startswith("-") and getattr(args, "path", 0) is None:
        args.path = path_argument(extras[0])
        return
    parser.error(f"unrecognized arguments: {' '.join(extras)}")


def _report(where: str, error: CchcError | OSError) -> str:
    """Bad input a command did not report itself, as lines: one, or one a problem of a corpus."""
    from cchc.exceptions import CorpusError

    if isinstance(error, CorpusError):
        return "\n".join(str(problem) for problem in error.problems)
    return f"{where}: {visible(str(error))}"


def _output_lost(target: TextIO | None) -> None:
    """After standard output failed, point it at the null device.

    What is still buffered would fail again when the interpreter flushes it at exit,
    with an "Exception ignored" message; it has nowhere to go anyway.
    """
    process_stdout = sys.__stdout__
    if target is None or process_stdout is None or target is not process_stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, process_stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
    prog: str = "python -m cchc",
) -> int:
    """Run the command line with *argv* and return the exit code.

    *environ* stands for the process environment (``NO_COLOR``, ``COLUMNS``,
    ``CCHC_LANG``, the locale) so that tests can fix it.  Output that cannot be
    written (standard output closed, full, or a broken pipe) is exit 2: with a line on
    standard error, except for a broken pipe, whose reader stopped on purpose
    (``| head``).
    """
    target = stdout if stdout is not None else sys.stdout
    out = OutputStream(target)
    err = ProblemStream(stderr if stderr is not None else sys.stderr)
    parser = build_parser(prog)
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:
            _take_trailing_path(args, extras, parser)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_INPUT
    where = parser.prog if args.command is None else f"{parser.prog} {args.command}"
    try:
        if target is None:
            raise OutputError("it is closed")
        if args.command is None:
            # No command is a usage error, as argparse makes every other one: help on
            # standard error, exit 2, so that a script missing its command fails.
            parser.print_help(cast(TextIO, err))
            return EXIT_INPUT
        env = Env(
            stdout=cast(TextIO, _Discard() if args.quiet else out),
            stderr=cast(TextIO, err),
            environ=dict(os.environ if environ is None else environ),
        )
        if args.command in CACHED_COMMANDS and not getattr(args, "no_cache", False):
            given = list(sys.argv[1:] if argv is None else argv)
            return _cached(args, env, (out, err), [prog, *given])
        return _execute(args, env, out, where)
    except OutputError as error:
        if not isinstance(error.cause, BrokenPipeError):
            print(f"{where}: cannot write standard output: {error.reason}", file=err)
        _output_lost(target)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


def _execute(args: argparse.Namespace, env: Env, out: OutputStream, where: str) -> int:
    """Run the command *args* names; its exit code."""
    from cchc.exceptions import CchcError

    err = env.stderr
    wanted = env.environ.get("CCHC_LANG", "").strip()
    if wanted and wanted.lower()[:2] not in ("vi", "en"):
        # The shell is wrong, not the command line: go on, but say what was ignored.
        print(
            f"{where}: warning: CCHC_LANG={visible(wanted)!r} is neither vi nor en; ignored",
            file=err,
        )
    from cchc._collector import command_run

    try:
        with command_run():
            code = _load(args.command).execute(args, env)
    except (CchcError, OSError) as error:
        # Bad input that a command did not report itself: one line, never a traceback.
        print(_report(where, error), file=err)
        code = EXIT_INPUT
    out.flush()
    return code


def _cached(
    args: argparse.Namespace,
    env: Env,
    streams: tuple[OutputStream, ProblemStream],
    command_line: list[str],
) -> int:
    """Run a command through the output cache (:mod:`cchc.cli._cache`): kept output if true."""
    from cchc.cli import _cache, _tape
    from cchc.files import _record

    out, err = streams
    where = f"{command_line[0]} {args.command}"
    folder = _cache.cache_folder(env.environ)
    if folder is None or out.target is None or err.target is None:
        return _execute(args, env, out, where)
    key = _cache.command_key(command_line, env.environ, out.target, err.target)
    kept = _cache.lookup(folder, key)
    if kept is not None:
        with contextlib.suppress(OSError):  # standard error never fails a command
            _tape.replay(err.target, kept.stderr)
        try:
            _tape.replay(out.target, kept.stdout)
        except OSError as error:
            raise OutputError(error.strerror or str(error), error) from error
        return kept.code
    tapes = _tape.Tape(out.target), _tape.Tape(err.target)
    out.target, err.target = tapes  # type: ignore[assignment]
    recording = _record.recording()
    try:
        code = _execute(args, env, out, where)
    finally:
        _record.stop()
        out.target = tapes[0].target
        broken = err.target is None  # standard error failed, and dropped what came after
        err.target = None if broken else tapes[1].target
    overflow = tapes[0].overflow or tapes[1].overflow
    if recording.keep and not recording.wrote and not broken and not overflow:
        packed = (tapes[0].size, tapes[0].packed()), (tapes[1].size, tapes[1].packed())
        _cache.store(folder, key, recording.looks, code, packed)
    return code


def run() -> None:
    """Run the command line as the ``cchc`` console script would, ending with ``SystemExit``.

    Its help and errors say ``cchc``.  A program calling it goes on after it (catching
    ``SystemExit``); the console script itself is :func:`script`.
    """
    sys.exit(main(sys.argv[1:], prog="cchc"))


def script() -> None:
    """Entry point of the ``cchc`` console script: it ends the process.

    Called at the top of the script the installer writes, the process is cchc's, and it
    ends without freeing what the command held (:func:`cchc._collector.end_process`);
    called from anywhere else, it ends as :func:`run` does.
    """
    from cchc._collector import end_process, run_by_interpreter

    try:
        caller = sys._getframe(1)
    except ValueError:  # called from C, with no Python code above it
        whole = False
    else:
        whole = run_by_interpreter(caller)
    end_process(lambda: main(sys.argv[1:], prog="cchc"), whole=whole)
