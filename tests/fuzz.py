"""Fuzz the loader, the parsers, the citation finder, the output sanitiser and the writer.

``python -m tests.fuzz --seconds 60`` keeps drawing new inputs with Hypothesis until the time
is up, in rounds with fresh random seeds; any exception other than the documented ones,
or a span that does not slice back to its text, stops it with the failing input.  An input
that keeps one target busy longer than ``--example-seconds`` is a find too (a hang), reported
at once without shrinking, and the whole run is cut off with every thread's stack shortly
after ``--seconds``, so a hang can never stall the caller.  ``--seed N`` makes the rounds
repeatable (rounds N, N+1, ...): the default ``nox`` run does a short, seeded round, so the
same commit always fuzzes the same inputs; ``nox -s fuzz`` a long, random one.
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import functools
import io
import json
import os
import secrets
import shutil
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from rich.markup import escape
from rich.text import Text

from cchc import CchcError, CorpusError, Problem, bundled_corpus_path, load_corpus, parse_ref
from cchc._visible import HOSTILE, escape_json, replacements, visible
from cchc.files._tree import write_tree
from cchc.files._write import WriteError, write_bytes
from cchc.graph._export import _dot_quote, _mermaid_text
from cchc.refs._citations import find_citations
from cchc.render._console import make_console
from cchc.text._dates import parse_date
from tests import strategies

SEEDS = sorted((Path(__file__).parent / "data" / "seeds").glob("*.txt"))
CORPUS_FILES = sorted(bundled_corpus_path().rglob("*.yaml"))

# Characters that break naive parsers: YAML indicators, quotes, controls, combining marks,
# bidi controls, a BOM and an unpaired surrogate's UTF-8 neighbours.
NASTY = list(":-?[]{}#&*!|>'\"%@`\t\r\n\x00\x0b\x85\u0301\u0323\u202e\ufeff\u2028 ")


@st.composite
def mutated(draw: st.DrawFn, texts: list[str]) -> str:
    """A real text with a few random cuts, insertions and swaps."""
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        operation = draw(st.sampled_from(["cut", "insert", "swap", "dup"]))
        if operation == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif operation == "insert":
            piece = draw(
                st.text(st.sampled_from(NASTY), min_size=1, max_size=5) | strategies.any_text
            )
            text = text[:at] + piece + text[at:]
        elif operation == "swap":
            other = draw(st.integers(0, len(text) - 1))
            chars = list(text)
            chars[at], chars[other] = chars[other], chars[at]
            text = "".join(chars)
        else:
            text = text[:at] + text[at : at + 200] + text[at:]
    return text


def _texts(paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in paths]


def target_loader(data: bytes | str, folder: Path) -> None:
    """Any file content: the loader answers with a corpus or a CorpusError, nothing else."""
    path = folder / "plan.yaml"
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(data)
    try:
        load_corpus(path)
    except CorpusError as error:
        problems = error.problems
    else:
        return
    if not problems or any("\n" in problem.where for problem in problems):
        raise AssertionError(f"a CorpusError must carry one-line problems, got {problems!r}")


def target_citations(text: str) -> None:
    """Any text: find_citations never raises and every span slices back to its text."""
    for citation in find_citations(text):
        start, end = citation.span
        assert text[start:end] == citation.text


def target_parsers(text: str) -> None:
    """Any text: the parsers answer with a value or a cchc error naming the text."""
    for parse in (parse_ref, parse_date):
        with contextlib.suppress(CchcError):
            parse(text)


HOSTILE_TEXT = st.text(
    alphabet=st.characters(codec=None, exclude_categories=())
    | st.sampled_from(sorted(map(chr, HOSTILE)))
    | st.sampled_from(NASTY),
    max_size=300,
)
"""Any text, lone surrogates included, rich in controls, bidi controls and markup."""


def _hostile_in(text: str, *, keep: str = "") -> set[str]:
    return {c for c in text if ord(c) in HOSTILE and c not in keep}


def target_visible(text: str, style_at: int) -> None:
    """Any text: the sanitiser leaves nothing hostile, loses nothing else, and is idempotent.

    The same text through a problem line, a rich console (as ``Text`` with a style span
    and as an escaped ``str``), DOT, Mermaid and JSON: never a raw hostile character.
    """
    for multiline in (False, True):
        shown = visible(text, multiline=multiline)
        assert not _hostile_in(shown, keep="\n" if multiline else ""), repr(shown)
        assert visible(shown, multiline=multiline) == shown
        pieces: list[str] = []
        done = 0
        for index, replacement in replacements(text, multiline=multiline):
            pieces += (text[done:index], replacement)
            done = index + 1
        assert "".join(pieces) + text[done:] == shown
    line = str(Problem(file=text, path=text, message=text))
    assert len(line.splitlines()) <= 1, repr(line)
    assert not _hostile_in(line), repr(line)
    out = io.StringIO()
    console = make_console(out, {}, width=60)
    styled = Text(text)
    styled.stylize("bold", style_at % (len(text) + 1), len(text))
    console.print(styled)
    console.print(escape(text))
    assert not _hostile_in(out.getvalue(), keep="\n"), repr(out.getvalue())
    for exported in (_dot_quote(text), _mermaid_text(text)):
        assert not _hostile_in(exported), repr(exported)
        assert "\n" not in exported, repr(exported)
    dumped = escape_json(json.dumps([text], ensure_ascii=False))
    # A high then a low surrogate escape read back as one character (RFC 8259, section 7).
    paired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    assert json.loads(dumped) == [paired]
    assert not _hostile_in(dumped)


# Names a writer may be handed: separators, dots, controls, NUL, bidi, Vietnamese.
# NUL, refused outright, is drawn less often so that most names get to the file system.
NAME_CHARS = [*list("ab.-_ /\\:\t\n\x01\x7f\x9b\u0301\u202eđƯ") * 3, "\x00"]
EXISTING = ("none", "file", "folder", "link", "dangling", "fifo")

write_cases = st.tuples(
    st.text(st.sampled_from(NAME_CHARS), max_size=12),
    st.sampled_from(EXISTING),
    st.booleans(),
    st.binary(max_size=300),
    st.sampled_from([0o600, 0o640, 0o644, 0o444, 0o755]),
)


def _entries(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every entry under *folder*, links not followed: type, mode and content."""
    found: dict[str, tuple[int, int, bytes]] = {}
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(root, name)
            info = os.lstat(path)
            content = (
                path.read_bytes()
                if stat.S_ISREG(info.st_mode)
                else os.readlink(path).encode("utf-8", "surrogateescape")
                if stat.S_ISLNK(info.st_mode)
                else b""
            )
            found[str(path.relative_to(folder))] = (
                stat.S_IFMT(info.st_mode),
                stat.S_IMODE(info.st_mode),
                content,
            )
    return found


def _make(existing: str, path: Path, mode: int, home: Path) -> bool:
    """Put *existing* at *path*; False when the name cannot hold it (then nothing is made).

    Nothing is made unless *path* names an entry strictly inside *home*: a name such as
    ``.`` or ``/b`` must not make the fuzzer write outside its folder.
    """
    if existing == "none" or home not in path.parents:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if existing == "file":
            path.write_bytes(b"before\n")
            path.chmod(mode)
        elif existing == "folder":
            path.mkdir()
        elif existing == "link":
            (path.parent / "their-file").write_bytes(b"theirs\n")
            path.symlink_to("their-file")
        elif existing == "dangling":
            path.symlink_to("nowhere")
        else:
            os.mkfifo(path)
    except (OSError, ValueError):
        return False
    return True


class Hung(BaseException):
    """One target kept busy past its time: a find, reported with its input at once.

    A ``BaseException``, so that Hypothesis neither counts it as an ordinary failure nor
    shrinks it (shrinking a hang would replay it hundreds of times).
    """

    def __init__(self, target: str, seconds: float, given: tuple[object, ...]) -> None:
        super().__init__(target, seconds, given)
        self.target, self.seconds, self.given = target, seconds, given

    def __str__(self) -> str:
        shown = ", ".join(repr(value)[:2000] for value in self.given)
        return f"{self.target} was still busy after {self.seconds:g} s on: {shown}"


@contextlib.contextmanager
def _deadline(target: str, seconds: float, given: tuple[object, ...]) -> Iterator[None]:
    """Turn a call that hangs (a write blocked on a FIFO, a runaway parse) into a find."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise Hung(target, seconds, given)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def guarded(target: Callable[..., None], seconds: float) -> Callable[..., None]:
    """*target*, each call cut off with `Hung` after *seconds*."""

    name = target.__name__

    @functools.wraps(target)
    def call(*args: object, **kwargs: object) -> None:
        # Hypothesis passes the drawn values by the names of *target*'s parameters.
        with _deadline(name, seconds, (*args, *kwargs.values())):
            target(*args, **kwargs)

    return call


def _leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob(".*") if p.name.endswith(".tmp")]


def target_writer(case: tuple[str, str, bool, bytes, int], folder: Path) -> None:
    """Any name, content and existing target: write_bytes writes exactly, or refuses.

    A refusal is a WriteError naming the target, never the temporary file, and changes
    nothing; success leaves a regular file holding the bytes, with the mode it had when
    replaced with force, else the umask's; nothing temporary is ever left.
    """
    name, existing, force, data, mode = case
    if ".." in PurePosixPath(name).parts:
        name = name.replace("..", "_")  # stay inside this example's folder
    home = Path(tempfile.mkdtemp(dir=folder))
    try:
        text = f"{home}/{name}"
        made = _make(existing, Path(text), mode, home)
        before = _entries(home)
        mask = os.umask(0)
        os.umask(mask)
        refused: WriteError | None = None
        try:
            written = write_bytes(text, data, force=force)
        except WriteError as error:
            refused = error
        if refused is not None:
            shown = text.replace("\0", "\\0")
            message = str(refused)
            assert message.startswith(f"{shown}: "), message
            assert ".tmp" not in message.removeprefix(shown), message
            assert "force=True" not in message, message
            assert _entries(home) == before, "a refused write changed something"
        else:
            info = os.lstat(written)
            assert stat.S_ISREG(info.st_mode)
            assert written.read_bytes() == data
            assert not made or (existing == "file" and force), f"{existing} was replaced"
            wanted = mode if made else 0o666 & ~mask
            assert stat.S_IMODE(info.st_mode) == wanted, (oct(info.st_mode), oct(wanted))
        assert _leftovers(home) == []
    finally:
        shutil.rmtree(home, ignore_errors=True)


tree_cases = st.tuples(
    st.dictionaries(
        st.text(st.sampled_from([*list("ab/.đ") * 4, "\x00"]), min_size=1, max_size=6),
        st.binary(max_size=50),
        max_size=5,
    ),
    st.sampled_from(EXISTING),
    st.text(st.sampled_from(list("ab/")), min_size=1, max_size=4),
    st.booleans(),
)


def target_tree(case: tuple[dict[str, bytes], str, str, bool], folder: Path) -> None:
    """Any file names and a clash in the folder: write_tree copies all, or changes nothing."""
    files, existing, where, force = case
    home = Path(tempfile.mkdtemp(dir=folder))
    try:
        target = home / "copy"
        if existing != "none":
            target.mkdir()
            _make(existing, target / where.strip("/"), 0o640, target)
        before = _entries(home)
        refused: WriteError | None = None
        try:
            write_tree(target, files, force=force)
        except WriteError as error:
            refused = error
        if refused is not None:
            assert ".tmp" not in str(refused), str(refused)
            assert "force=True" not in str(refused), str(refused)
            assert _entries(home) == before, "a refused copy changed something"
        else:
            for name, data in files.items():
                path = target / name
                assert stat.S_ISREG(os.lstat(path).st_mode)
                assert path.read_bytes() == data
        assert _leftovers(home) == []
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _bound(target: Callable[[Any, Path], None], folder: Path) -> Callable[[Any], None]:
    """*target* with its folder given: a plain one-argument function, as given() needs."""

    def call(value: Any) -> None:
        target(value, folder)

    call.__name__ = target.__name__
    return call


def _round(number: int, examples: int, folder: Path, example_seconds: float) -> None:
    """One round: every target, *examples* inputs each, drawn from seed *number*."""
    seed_texts = _texts(SEEDS)
    corpus_texts = _texts(CORPUS_FILES)
    run = settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )

    def test(target: Callable[..., None], *strategies_: st.SearchStrategy[object]) -> None:
        # The settings go on the test given() returns: put on given's decorator, as they once
        # were, they were lost, and every target ran with Hypothesis' defaults.
        seed(number)(run(given(*strategies_)(guarded(target, example_seconds))))()

    test(
        _bound(target_loader, folder),
        st.binary(max_size=2048) | mutated(corpus_texts),
    )
    test(target_citations, mutated(seed_texts) | strategies.any_text | strategies.nfd_text)
    test(
        target_parsers,
        strategies.any_text | st.text(st.sampled_from("0123456789/-.:số ngàythánmKHUBND")),
    )
    test(
        target_visible,
        HOSTILE_TEXT | mutated(seed_texts).map(lambda t: t[:3000]),
        st.integers(0, 400),
    )
    test(_bound(target_writer, folder), write_cases)
    test(_bound(target_tree, folder), tree_cases)


def main(argv: list[str] | None = None) -> int:
    """Fuzz for the given number of seconds; exit 1 with the failing input on a find."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--examples", type=int, default=200, help="examples per target per round")
    parser.add_argument(
        "--seed", type=int, default=None, help="first round's seed (default: a random one)"
    )
    parser.add_argument(
        "--example-seconds",
        type=float,
        default=10.0,
        help="one input may keep a target busy this long before it counts as a hang",
    )
    args = parser.parse_args(argv)
    # The last line of defence, for a hang the alarm cannot interrupt (inside C code):
    # every thread's stack on stderr, then exit 1, a little after the run should be over.
    faulthandler.dump_traceback_later(args.seconds + 4 * args.example_seconds + 60, exit=True)
    first = args.seed if args.seed is not None else secrets.randbelow(2**32)
    print(f"fuzz: first seed {first} (repeat with --seed {first})", flush=True)
    stop = time.monotonic() + args.seconds
    rounds = 0
    try:
        with tempfile.TemporaryDirectory() as folder:
            while time.monotonic() < stop:
                _round(first + rounds, args.examples, Path(folder), args.example_seconds)
                rounds += 1
    except Hung as hung:
        print(f"fuzz: round with seed {first + rounds}: {hung}", file=sys.stderr)
        return 1
    finally:
        faulthandler.cancel_dump_traceback_later()
    print(f"fuzz: {rounds} round(s) of {args.examples} examples per target, nothing found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
