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

HELP = "compare two versions of a plan item by item (exit 1 when they differ, as diff does)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``diff``."""
    parser.add_argument(
        "old", metavar="OLD", type=path_argument, help="the old version: a plan file"
    )
    parser.add_argument(
        "new", metavar="NEW", type=path_argument, help="the new version: a plan file"
    )
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


def execute(args: argparse.Namespace, env: Env) -> int:
    """Compare OLD with NEW and print what differs."""
    plans = _load((args.old, args.new), env)
    if plans is None:
        return EXIT_INPUT
    from cchc.report._diff import diff_plans

    diff = diff_plans(*plans)
    if args.json:
        from cchc.render._documents import diff_document

        write_json(env, diff_document(diff, old=str(args.old), new=str(args.new)))
    else:
        from cchc.render._console import choose_lang, make_console
        from cchc.render._diff import render_diff

        console = make_console(env.stdout, env.environ)
        render_diff(console, diff, choose_lang(args.lang, env.environ))
    return EXIT_OK if diff.same else EXIT_SHORT
