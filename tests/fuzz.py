"""Fuzz the loader, the parsers, the citation finder and the output sanitiser for a set time.

``python -m tests.fuzz --seconds 60`` keeps drawing new inputs with Hypothesis until the time
is up, in rounds with fresh random seeds; any exception other than the documented ones,
or a span that does not slice back to its text, stops it with the failing input.  The
default ``nox`` run does a short round; ``nox -s fuzz`` a long one.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.markup import escape
from rich.text import Text

from cchc import CchcError, CorpusError, Problem, bundled_corpus_path, load_corpus, parse_ref
from cchc._citations import find_citations
from cchc._dates import parse_date
from cchc._graph_export import _dot_quote, _mermaid_text
from cchc._visible import HOSTILE, escape_json, replacements, visible
from cchc.render._console import make_console
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
    if not problems or any("\n" in problem.path for problem in problems):
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
    assert json.loads(dumped) == [text]
    assert not _hostile_in(dumped)


def _round(seed: int, examples: int, folder: Path) -> None:
    seed_texts = _texts(SEEDS)
    corpus_texts = _texts(CORPUS_FILES)
    run = settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    random.seed(seed)
    # The settings go on the test given() returns: put on given's decorator, as they once
    # were, they were lost, and every target ran with Hypothesis' defaults (a 200 ms deadline).
    tests: list[Callable[[], None]] = [
        run(
            given(st.binary(max_size=2048) | mutated(corpus_texts))(
                lambda data: target_loader(data, folder)
            )
        ),
        run(
            given(mutated(seed_texts) | strategies.any_text | strategies.nfd_text)(target_citations)
        ),
        run(
            given(
                strategies.any_text | st.text(st.sampled_from("0123456789/-.:số ngàythánmKHUBND"))
            )(target_parsers)
        ),
        run(
            given(HOSTILE_TEXT | mutated(seed_texts).map(lambda t: t[:3000]), st.integers(0, 400))(
                target_visible
            )
        ),
    ]
    for test in tests:
        test()


def main(argv: list[str] | None = None) -> int:
    """Fuzz for the given number of seconds; exit 1 with the failing input on a find."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--examples", type=int, default=200, help="examples per target per round")
    args = parser.parse_args(argv)
    stop = time.monotonic() + args.seconds
    rounds = 0
    with tempfile.TemporaryDirectory() as folder:
        while time.monotonic() < stop:
            _round(rounds, args.examples, Path(folder))
            rounds += 1
    print(f"fuzz: {rounds} round(s) of {args.examples} examples per target, nothing found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
