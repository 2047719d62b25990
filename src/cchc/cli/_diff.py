"""``python -m cchc diff OLD NEW``: two versions of a plan compared item by item.

Exit codes as diff(1) gives them: 0 when the versions do not differ, 1 when they do,
2 when a file cannot be read or is not a valid plan file.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_SHORT,
    Env,
    add_json_argument,
    add_lang_argument,
    path_argument,
    write_json,
)

if TYPE_CHECKING:
    from pathlib import Path

    from cchc.model._plan import Plan
    from cchc.report._diff import PlanDiff

HELP = "compare two versions of a plan item by item (exit 1 when they differ, as diff does)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``diff``."""
    parser.add_argument(
        "old", metavar="OLD", type=path_argument, help="the old version: a plan file"
    )
    parser.add_argument(
        "new", metavar="NEW", type=path_argument, help="the new version: a plan file"
    )
    parser.add_argument("--html", metavar="FILE", help="also write the comparison as one HTML page")
    parser.add_argument("--force", action="store_true", help="overwrite the --html file")
    add_json_argument(parser)
    add_lang_argument(parser)


def _load(paths: tuple[Path, Path], env: Env) -> tuple[Plan, Plan] | None:
    """Both plans; None after printing every problem of both files, one a line."""
    from cchc.exceptions import CorpusError
    from cchc.files._load import load_plan

    plans: list[Plan] = []
    failed = False
    for path in paths:
        try:
            plans.append(load_plan(path))
        except CorpusError as error:
            failed = True
            for problem in error.problems:
                print(problem, file=env.stderr)
    if failed:
        return None
    return plans[0], plans[1]


def _page(args: argparse.Namespace, env: Env, diff: PlanDiff) -> bool:
    """Write the page of *diff* to ``--html`` through the one writer; False after saying why not."""
    from cchc.files._write import WriteError, write_text
    from cchc.render._console import choose_lang
    from cchc.render._diff_page import render_diff_html

    lang = choose_lang(args.lang, env.environ)
    html = render_diff_html(diff, lang, old=str(args.old), new=str(args.new))
    try:
        write_text(args.html, html, force=args.force)
    except WriteError as error:
        print(f"diff: --html: {error}", file=env.stderr)
        return False
    return True


def execute(args: argparse.Namespace, env: Env) -> int:
    """Compare OLD with NEW and print what differs."""
    if args.html is not None:
        from cchc.files._write import WriteError, check_target

        try:
            # Refused before the work, not after it; the writer checks again as it writes.
            check_target(args.html, force=args.force)
        except WriteError as error:
            print(f"diff: --html: {error}", file=env.stderr)
            return EXIT_INPUT
    plans = _load((args.old, args.new), env)
    if plans is None:
        return EXIT_INPUT
    from cchc.report._diff import diff_plans

    diff = diff_plans(*plans)
    if args.html is not None and not _page(args, env, diff):
        return EXIT_INPUT
    if args.json:
        from cchc.render._documents import diff_document

        write_json(env, diff_document(diff, old=str(args.old), new=str(args.new)))
    else:
        from cchc.render._console import choose_lang, make_console
        from cchc.render._diff import render_diff

        console = make_console(env.stdout, env.environ)
        render_diff(console, diff, choose_lang(args.lang, env.environ))
    return EXIT_OK if diff.same else EXIT_SHORT
