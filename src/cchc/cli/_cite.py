"""``python -m cchc cite FILE``: the documents a text cites, with date, issuer and relation."""

from __future__ import annotations

import argparse
import sys

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_json_argument,
    add_lang_argument,
    whole_number,
    write_json,
)

MAX_CITATIONS = 100_000
"""The most citations ``cite`` lists unless told otherwise: a long report cites a few
hundred, and each citation found costs memory (about a kilobyte with its output)."""

HELP = "list the documents a text cites (Căn cứ / Thực hiện ...), as a table or JSON"


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
    label = "<stdin>" if name == "-" else name
    try:
        if name == "-":
            buffer = getattr(sys.stdin, "buffer", None)
            data = buffer.read() if buffer is not None else sys.stdin.read().encode()
        else:
            with open(name, "rb") as stream:
                data = stream.read()
    except OSError as error:
        print(f"cchc cite: cannot read {label}: {error.strerror or error}", file=env.stderr)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        print(
            f"cchc cite: cannot read {label}: not UTF-8 text (byte {error.start})",
            file=env.stderr,
        )
        return None


def execute(args: argparse.Namespace, env: Env) -> int:
    """Find the citations of the file and print them.

    The text is read as UTF-8 and put in NFC first, so spans count characters of the
    NFC text.
    """
    text = _read(args.file, env)
    if text is None:
        return EXIT_INPUT
    from cchc._citations import CitationLimitError, find_citations
    from cchc._text import nfc

    try:
        citations = find_citations(nfc(text), max_citations=args.max_citations)
    except CitationLimitError as error:
        print(f"cchc cite: {error}; raise the limit with --max-citations N", file=env.stderr)
        return EXIT_INPUT
    if args.json:
        from cchc.render._cite import citations_json

        write_json(env, citations_json(citations))
        return EXIT_OK
    from cchc.render._cite import render_citations
    from cchc.render._console import choose_lang, make_console

    console = make_console(env.stdout, env.environ)
    render_citations(console, citations, choose_lang(args.lang, env.environ))
    return EXIT_OK
