"""``python -m cchc cite FILE``: the documents a text cites, with date, issuer and relation."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_json_argument,
    add_lang_argument,
    whole_number,
    write_json,
)

if TYPE_CHECKING:
    from cchc.files._reading import Readable

MAX_CITATIONS = 100_000
"""The most citations ``cite`` lists unless told otherwise: a long report cites a few
hundred, and each citation found costs memory (about a kilobyte with its output)."""

HELP = "list the documents a text cites (Căn cứ / Thực hiện ...), as a table or JSON"

MAX_TEXT_BYTES = 64 * 1024 * 1024
"""The most ``cite`` reads, from a file or standard input: a long law is a few megabytes."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``cite``."""
    parser.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    parser.add_argument(
        "--max-citations",
        metavar="N",
        type=whole_number,
        default=MAX_CITATIONS,
        help=f"list at most N citations, else stop with exit 2 (default: {MAX_CITATIONS:,})",
    )
    add_json_argument(parser)
    add_lang_argument(parser)


def _read(name: str, env: Env) -> str | None:
    """The text of *name* (``-``: standard input); None after one line on stderr."""
    from cchc.files._reading import ReadError, read_bounded, read_stream_bounded

    label = "<stdin>" if name == "-" else name
    try:
        if name == "-":
            data = read_stream_bounded(_stdin_bytes(), MAX_TEXT_BYTES, what="a text")
        else:
            data = read_bounded(name, MAX_TEXT_BYTES, what="a text")
    except ReadError as error:
        print(f"cchc cite: {label}: {error.reason}", file=env.stderr)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        print(
            f"cchc cite: cannot read {label}: not UTF-8 text (byte {error.start})",
            file=env.stderr,
        )
        return None


def _stdin_bytes() -> Readable:
    """Standard input as bytes, also when it was replaced by a text stream (tests, IDEs)."""
    buffer: Readable | None = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else _TextAsBytes(sys.stdin)


class _TextAsBytes:
    """A text stream read as UTF-8 bytes, a bounded number of characters at a time."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def read(self, size: int, /) -> bytes:
        # One character is at most four bytes: asking for *size* characters keeps every
        # read within a few times the cap's step.
        return self._stream.read(size).encode("utf-8", "surrogatepass")


def execute(args: argparse.Namespace, env: Env) -> int:
    """Find the citations of the file and print them.

    The text is read as UTF-8 and put in NFC first, so spans count characters of the
    NFC text.
    """
    text = _read(args.file, env)
    if text is None:
        return EXIT_INPUT
    from cchc.refs._citations import CitationLimitError, find_citations
    from cchc.text._normal import nfc

    try:
        citations = find_citations(nfc(text), max_citations=args.max_citations)
    except CitationLimitError as error:
        print(f"cchc cite: {error}; raise the limit with --max-citations N", file=env.stderr)
        return EXIT_INPUT
    for citation in citations:
        if citation.impossible_date is not None:
            print(
                f"cchc cite: warning: {citation.kind_text} {citation.ref or ''}: "
                f"{citation.impossible_date} is no day of the calendar; its date is left empty",
                file=env.stderr,
            )
    if args.json:
        from cchc.refs._header import read_header
        from cchc.render._documents import citations_document

        write_json(env, citations_document(citations, read_header(nfc(text))))
        return EXIT_OK
    from cchc.render._cite import render_citations
    from cchc.render._console import choose_lang, make_console

    console = make_console(env.stdout, env.environ)
    render_citations(console, citations, choose_lang(args.lang, env.environ))
    return EXIT_OK
