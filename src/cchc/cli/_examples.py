"""``python -m cchc examples DIR``: copy the bundled corpus into DIR to start from."""

from __future__ import annotations

import argparse
from pathlib import Path

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_json_argument,
    add_lang_argument,
    write_json,
)

HELP = "copy the bundled example corpus into a folder"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``examples``."""
    parser.add_argument("folder", type=Path, metavar="DIR", help="where to copy the corpus")
    parser.add_argument(
        "--force", action="store_true", help="overwrite files that already exist in DIR"
    )
    add_json_argument(parser)
    add_lang_argument(parser)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Copy every file of the bundled corpus, refusing to overwrite without ``--force``."""
    from cchc._errors import CchcError
    from cchc._files import bundled_corpus_path, write_text_atomic

    source = bundled_corpus_path()
    target: Path = args.folder
    if target.exists() and not target.is_dir():
        print(f"{target}: expected a folder, found a file", file=env.stderr)
        return EXIT_INPUT
    files = sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    clashes = [target / f.relative_to(source) for f in files]
    if not args.force:
        existing = [str(c) for c in clashes if c.exists()]
        if existing:
            for name in existing:
                print(f"{name}: the file exists; pass --force to overwrite it", file=env.stderr)
            return EXIT_INPUT
    try:
        for file, destination in zip(files, clashes, strict=True):
            write_text_atomic(destination, file.read_text(encoding="utf-8"), force=True)
    except (CchcError, OSError) as error:
        print(f"{target}: {error}", file=env.stderr)
        return EXIT_INPUT
    if args.json:
        write_json(
            env,
            {
                "folder": str(target),
                "files": [str(c.relative_to(target).as_posix()) for c in clashes],
            },
        )
        return EXIT_OK
    from cchc.render._console import choose_lang, t

    lang = choose_lang(args.lang, env.environ)
    count = len(files)
    print(
        t(lang, f"Đã chép {count} tệp vào {target}", f"{count} file(s) copied to {target}"),
        file=env.stdout,
    )
    return EXIT_OK
