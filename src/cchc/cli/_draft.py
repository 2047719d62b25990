"""``python -m cchc draft FILE|-``: a plan file drafted from a published .docx, .pdf or text."""

from __future__ import annotations

import argparse
import sys

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_json_argument,
    add_lang_argument,
    path_argument,
    write_json,
)

HELP = "draft a plan file from a published document (.docx, .pdf, .txt, .md or - for stdin)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``draft``."""
    parser.add_argument("file", metavar="FILE", help="the document: .docx, .pdf, .txt, .md, or -")
    # A str, not a Path: Path drops the trailing slash that shows FILE names a folder.
    parser.add_argument("-o", "--output", metavar="PLAN", help="write here (default: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite PLAN if it exists")
    parser.add_argument(
        "--corpus",
        type=path_argument,
        metavar="PATH",
        help="a corpus to resolve units, bases and parents in, and to suggest inherits links from",
    )
    parser.add_argument(
        "--key", help="key of the new plan (default: made from issuer, kind, number, year)"
    )
    add_json_argument(parser)
    add_lang_argument(parser)


def _read(args: argparse.Namespace, env: Env) -> object:
    """The source read from FILE or stdin; a DocumentError when it cannot be."""
    from pathlib import Path

    from cchc.draft._source import MAX_DOCUMENT_BYTES, DocumentError, read_document

    if args.file == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # pragma: no cover - a replaced stdin without bytes
            raise DocumentError("-", "standard input cannot be read as bytes")
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
        return read_document(None, data)
    return read_document(Path(args.file))


def execute(args: argparse.Namespace, env: Env) -> int:
    """Read the document, draft the plan, write it, and say what was drafted."""
    from cchc.draft._drafter import Draft, draft_plan
    from cchc.draft._source import Source
    from cchc.exceptions import CchcError
    from cchc.files._dump import dump_plan, dumps_plan

    if args.output is not None:
        from cchc.files._write import WriteError, check_target

        try:
            check_target(args.output, force=args.force)
        except WriteError as error:
            print(f"draft: {error}", file=env.stderr)
            return EXIT_INPUT
    try:
        source = _read(args, env)
    except CchcError as error:
        print(f"draft: {error}", file=env.stderr)
        return EXIT_INPUT
    assert isinstance(source, Source)
    corpus = None
    if args.corpus is not None:
        from cchc.cli._common import load_for_command

        corpus = load_for_command(args.corpus, env)
        if corpus is None:
            return EXIT_INPUT
    try:
        if corpus is not None:
            from cchc.report._drafting import draft_in_corpus

            drafted: Draft = draft_in_corpus(source, corpus, key=args.key)
        else:
            drafted = draft_plan(source, key=args.key)
        if args.output is not None:
            dump_plan(drafted.plan, args.output, force=args.force)
    except (CchcError, OSError) as error:
        print(f"draft: {error}", file=env.stderr)
        return EXIT_INPUT
    if args.json:
        from cchc.render._documents import draft_document

        write_json(env, draft_document(drafted, output=args.output))
        return EXIT_OK
    report = env.stdout
    if args.output is None:
        env.stdout.write(dumps_plan(drafted.plan))
        report = env.stderr  # stdout holds the plan itself
    _summary(args, env, drafted, report)
    return EXIT_OK


def _summary(args: argparse.Namespace, env: Env, drafted: object, report: object) -> None:
    """One line: the key, where it went, what was drafted, what is left to place."""
    from cchc.draft._drafter import Draft
    from cchc.render._console import choose_lang, t

    assert isinstance(drafted, Draft)
    plan = drafted.plan
    lang = choose_lang(args.lang, env.environ)
    where = args.output if args.output is not None else "stdout"
    items = (
        len(plan.objectives)
        + len(plan.requirements)
        + len(plan.tasks)
        + len(plan.channels)
        + len(plan.indicators)
    )
    line = t(
        lang,
        f"{plan.key} ({where}): bản dự thảo từ {drafted.source}: {items} mục, "
        f"{len(plan.legal_bases)} căn cứ, {len(plan.units)} đơn vị mới; "
        f"{len(drafted.unplaced)} đoạn chưa xếp được (xem --json)",
        f"{plan.key} ({where}): drafted from {drafted.source}: {items} items, "
        f"{len(plan.legal_bases)} bases, {len(plan.units)} new units; "
        f"{len(drafted.unplaced)} passages unplaced (see --json)",
    )
    print(line, file=report)  # type: ignore[call-overload]
