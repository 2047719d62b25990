"""``python -m cchc examples DIR``: copy the bundled corpus into DIR to start from."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_json_argument,
    add_lang_argument,
    path_argument,
    write_json,
)

if TYPE_CHECKING:
    from pathlib import Path

HELP = "copy the bundled example corpus into a folder"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``examples``."""
    parser.add_argument(
        "folder", type=path_argument, metavar="DIR", help="where to copy the corpus"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite files of the examples that already exist in DIR (regular files only)",
    )
    add_json_argument(parser)
    add_lang_argument(parser)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Copy every file of the bundled corpus, refusing to overwrite without ``--force``."""
    from cchc.files._load import bundled_corpus_path
    from cchc.files._tree import FolderWriteError, write_tree
    from cchc.files._write import WriteError

    source = bundled_corpus_path()
    target: Path = args.folder
    files = {
        path.relative_to(source).as_posix(): path.read_bytes()
        for path in sorted(source.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    try:
        names = write_tree(target, files, force=args.force)
    except FolderWriteError as error:
        for refusal in error.errors:
            print(refusal, file=env.stderr)
        return EXIT_INPUT
    except WriteError as error:
        print(error, file=env.stderr)
        return EXIT_INPUT
    if args.json:
        from cchc.render._documents import examples_document

        write_json(env, examples_document(str(target), names))
        return EXIT_OK
    from cchc.render._console import choose_lang, t

    lang = choose_lang(args.lang, env.environ)
    count = len(names)
    print(
        t(lang, f"Đã chép {count} tệp vào {target}", f"{count} file(s) copied to {target}"),
        file=env.stdout,
    )
    return EXIT_OK
