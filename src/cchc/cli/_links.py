"""``python -m cchc links refresh PATH [--plan KEY]``: record the parent items' fingerprints.

After a person has read the parent items a plan's links carry (a suspect link, or links
made before fingerprints), ``links refresh`` writes each parent item's fingerprint and text
into its links, editing the plan files in place (:mod:`cchc.files._relink`): nothing else
of a file changes.  Every file is checked before any is written; when one cannot be edited
safely, none is.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_json_argument,
    add_lang_argument,
    load_for_command,
    path_argument,
    today_in_vietnam,
    unknown_plan,
    write_json,
)

if TYPE_CHECKING:
    from pathlib import Path

    from cchc.files._relink import LinkChange
    from cchc.model._corpus import Corpus

HELP = "links between plans: record the parent items' fingerprints once checked (refresh)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the sub-command ``refresh`` of ``links`` and its arguments."""
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    doc = (
        "write the parent item's current fingerprint and text into every link whose parent "
        "item exists, editing nothing else of the plan files"
    )
    sub = actions.add_parser("refresh", help=doc, description=doc, epilog=parser.epilog)
    # Required: the bundled corpus is part of cchc and is never edited.
    sub.add_argument(
        "path", type=path_argument, metavar="PATH", help="a plan file or a folder of them"
    )
    sub.add_argument("--plan", metavar="KEY", help="refresh the links of this plan only")
    sub.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    add_json_argument(sub)
    add_lang_argument(sub)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Work out the links to refresh, edit every file in memory, then write them all."""
    from cchc.files._relink import link_changes

    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    if args.plan is not None and args.plan not in corpus:
        print(unknown_plan("links refresh", args.plan, corpus), file=env.stderr)
        return EXIT_INPUT
    from cchc.graph._amend import effective_corpus

    # Links record the parent items as in force today, amendments made (child files alone
    # are edited: the corpus in force keeps every plan's file).
    corpus, _ = effective_corpus(corpus, today_in_vietnam())
    changes = link_changes(corpus, args.plan)
    by_file: dict[str, list[LinkChange]] = {}
    for change in changes:
        by_file.setdefault(corpus.files[change.plan], []).append(change)
    texts, refused = _edited(corpus, by_file)
    written = False
    if not refused and texts and not args.dry_run:
        failed = _write(texts, env)
        if failed is not None:
            refused.append(failed)
        else:
            written = True
    for file, reason in refused:
        print(f"links refresh: {_shown(file)}: {reason}", file=env.stderr)
    if refused and by_file:
        print("links refresh: nothing was written", file=env.stderr)
    _report(args, env, by_file, refused, written=written)
    return EXIT_INPUT if refused else EXIT_OK


def _shown(file: str) -> str:
    from cchc._visible import visible

    return visible(file)


def _edited(
    corpus: Corpus, by_file: dict[str, list[LinkChange]]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each file's edited text, and the files refused with why."""
    from pathlib import Path

    from cchc.files._load import MAX_FILE_BYTES
    from cchc.files._reading import ReadError, read_bounded
    from cchc.files._relink import RelinkError, relinked_text

    texts: dict[str, str] = {}
    refused: list[tuple[str, str]] = []
    for file, changes in by_file.items():
        path = Path(file)
        try:
            if path.is_symlink():
                raise RelinkError("a symbolic link: refresh the file it leads to")
            data = read_bounded(path, MAX_FILE_BYTES, what="a plan file", follow_symlinks=False)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise RelinkError("expected UTF-8 text") from None
            texts[file] = relinked_text(text, path.suffix, corpus.plan(changes[0].plan), changes)
        except RelinkError as error:
            refused.append((file, error.reason))
        except ReadError as error:
            refused.append((file, str(error.reason)))
    return texts, refused


def _write(texts: dict[str, str], env: Env) -> tuple[str, str] | None:
    """Write every edited file; the first that fails, with why, else None."""
    from cchc.exceptions import CchcError
    from cchc.files._write import write_bytes

    del env
    for file, text in texts.items():
        try:
            # Replaced on purpose: the file was read above and only its links changed.
            write_bytes(file, text.encode("utf-8"), force=True)
        except CchcError as error:
            return file, str(error)
    return None


def _report(
    args: argparse.Namespace,
    env: Env,
    by_file: dict[str, list[LinkChange]],
    refused: list[tuple[str, str]],
    *,
    written: bool,
) -> None:
    path: Path = args.path
    if args.json:
        from cchc.render._documents import links_refresh_document

        write_json(
            env,
            links_refresh_document(
                by_file, refused, path=os.fspath(path), plan=args.plan, written=written
            ),
        )
        return
    from cchc.render._console import choose_lang, make_console
    from cchc.render._links import render_refresh

    console = make_console(env.stdout, env.environ)
    lang = choose_lang(args.lang, env.environ)
    render_refresh(console, by_file, lang, written=written, dry_run=args.dry_run)
