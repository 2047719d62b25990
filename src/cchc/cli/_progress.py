"""``python -m cchc progress [PATH]``: who did what, on time or late, as reporting rates."""

from __future__ import annotations

import argparse
import gc
from typing import TYPE_CHECKING

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_SHORT,
    Env,
    add_as_of_argument,
    add_budget_argument,
    add_corpus_argument,
    add_json_argument,
    add_lang_argument,
    budget_line,
    load_for_command,
    today_in_vietnam,
    write_json,
)

if TYPE_CHECKING:
    from cchc.model._corpus import Corpus
    from cchc.report._progress import Progress

HELP = "follow-through: each unit's duties done on time, late or overdue, and its rates"


def _period(text: str) -> str:
    from cchc.exceptions import ModelError
    from cchc.model._records import parse_period_label

    try:
        parse_period_label(text)
    except ModelError as error:
        raise argparse.ArgumentTypeError(f"expected {error.expected}, got {text!r}") from None
    return text


def _workbook(
    args: argparse.Namespace,
    env: Env,
    result: Progress,
    corpus: Corpus,
    illustrative: frozenset[str],
) -> bool:
    """Write the fill-in workbook of *result* to ``--xlsx``; False after saying why not."""
    from cchc.exceptions import CchcError
    from cchc.files._write import write_bytes
    from cchc.render._workbook import workbook_bytes

    names = {o.unit: corpus.unit_name(o.unit) for o in result.obligations}
    try:
        write_bytes(
            args.xlsx,
            workbook_bytes(result, corpus, names, illustrative=illustrative),
            force=args.force,
        )
    except CchcError as error:
        print(f"--xlsx: {error}", file=env.stderr)
        return False
    return True


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``progress``."""
    add_corpus_argument(parser)
    add_as_of_argument(parser)
    parser.add_argument(
        "--unit", metavar="UNIT", action="append", help="only this unit: a code or name (repeat)"
    )
    parser.add_argument(
        "--period", metavar="P", type=_period, help="only this period: 2024, 2024-03, 2024-Q1"
    )
    # A str, not a Path: Path drops the trailing slash that shows FILE names a folder.
    parser.add_argument("--xlsx", metavar="FILE", help="also write a fill-in workbook (.xlsx)")
    parser.add_argument("--force", action="store_true", help="overwrite the --xlsx file")
    add_budget_argument(parser)
    add_json_argument(parser)
    add_lang_argument(parser)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Work out every obligation's standing and print the rates; 1 when any is overdue."""
    # Obligations are many small objects without cycles: the cyclic garbage collector
    # would walk them again and again, more than half the time of a million of them.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _progress(args, env)
    finally:
        if enabled:
            gc.enable()


def _progress(args: argparse.Namespace, env: Env) -> int:
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    from cchc.calendar._expand import BudgetError, default_budget, expand
    from cchc.calendar._members import agenda_units
    from cchc.cli._calendar import wanted_units
    from cchc.report._progress import Standing, progress

    wanted = None
    if args.unit:
        wanted = wanted_units(args.unit, corpus, env, "progress")
        if wanted is None:
            return EXIT_INPUT
    as_of = args.as_of or today_in_vietnam()
    budget = args.max_occurrences or default_budget(corpus.plans)
    try:
        # For --unit, only its duties (and its groups') are worked out, not the corpus'.
        occurrences = None
        if wanted is not None:
            owners = agenda_units(corpus.groups, wanted)
            occurrences = expand(corpus.plans, units=owners, max_occurrences=budget)
        result = progress(
            corpus,
            as_of,
            occurrences=occurrences,
            units=wanted,
            period=args.period,
            max_occurrences=budget,
        )
    except BudgetError as error:
        print(budget_line("progress", error, "choose fewer with --period"), file=env.stderr)
        return EXIT_INPUT
    illustrative = frozenset(p.key for p in corpus.plans if p.illustrative)
    codes = {o.unit for o in result.obligations}
    if args.xlsx is not None and not _workbook(args, env, result, corpus, illustrative):
        return EXIT_INPUT
    if args.json:
        from cchc.render._documents import progress_document

        names = {code: corpus.unit_name(code) for code in codes}
        write_json(env, progress_document(result, names, illustrative))
    else:
        from cchc.render._console import Lang, choose_lang, make_console
        from cchc.render._progress import render_progress

        lang = choose_lang(args.lang, env.environ)
        names = {code: corpus.unit_name(code, english=lang is Lang.EN) for code in codes}
        console = make_console(env.stdout, env.environ)
        render_progress(console, result, lang, names=names, illustrative=illustrative)
    late = any(o.status is Standing.OVERDUE for o in result.obligations)
    return EXIT_SHORT if late else EXIT_OK
