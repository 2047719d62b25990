"""``python -m cchc progress [PATH]``: who did what, on time or late, as reporting rates."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cchc._collector import collector_paused, hold
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
    write_output,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cchc.calendar._expand import Occurrence
    from cchc.model._corpus import Corpus
    from cchc.render._report_template import BodyTemplate
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
    from cchc.render._workbook import workbook_bytes

    # Every unit an obligation names has its rates: a name each, not one an obligation.
    names = {code: corpus.unit_name(code) for code in result.units}
    data = workbook_bytes(result, corpus, names, illustrative=illustrative)
    return write_output(env, "progress: --xlsx", args.xlsx, data, force=args.force)


def _report_template(args: argparse.Namespace, env: Env) -> BodyTemplate | None:
    """The body template of ``--docx``; None after saying why it cannot be used."""
    from cchc.render._report_template import BodyTemplate, ReportTemplateError

    if args.docx is None:
        print("progress: --template: expected --docx FILE as well", file=env.stderr)
        return None
    if not args.unit or len(args.unit) != 1 or args.period is None:
        print(
            "progress: --docx: expected exactly one --unit and one --period "
            "(the report of one unit for one period)",
            file=env.stderr,
        )
        return None
    try:
        return BodyTemplate.read(args.template) if args.template else BodyTemplate.default()
    except ReportTemplateError as error:
        print(f"progress: --template: {error}", file=env.stderr)
        return None


def _report(
    args: argparse.Namespace,
    env: Env,
    template: BodyTemplate,
    corpus: Corpus,
    *,
    wanted: set[str],
    occurrences: Sequence[Occurrence] | None,
    illustrative: frozenset[str],
) -> bool:
    """Write the unit's report of ``--period`` to ``--docx``; False after saying why not."""
    from cchc.calendar._expand import BudgetError, default_budget
    from cchc.render._report_context import report_context
    from cchc.render._report_docx import report_docx_bytes
    from cchc.render._report_template import ReportTemplateError
    from cchc.report._progress import progress

    if len(wanted) != 1:
        print("progress: --docx: expected --unit to name exactly one unit", file=env.stderr)
        return False
    # The report of a year accounts for its quarters and months too: it is made from every
    # period's obligations and keeps those within --period (render._report_context.in_period).
    try:
        result = progress(
            corpus,
            args.as_of or today_in_vietnam(),
            occurrences=occurrences,
            units=wanted,
            max_occurrences=args.max_occurrences or default_budget(corpus.plans),
        )
    except BudgetError as error:
        print(budget_line("progress", error, "choose fewer with --period"), file=env.stderr)
        return False
    (unit,) = wanted
    context = report_context(result, corpus, unit, args.period, illustrative=illustrative)
    try:
        body = template.render(context)
    except ReportTemplateError as error:
        print(f"progress: --template: {error}", file=env.stderr)
        return False
    data = report_docx_bytes(context, corpus, body, as_of=result.as_of)
    return write_output(env, "progress: --docx", args.docx, data, force=args.force)


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
    parser.add_argument(
        "--docx",
        metavar="FILE",
        help="also write the skeleton of the unit's report (.docx); needs one --unit and --period",
    )
    parser.add_argument(
        "--template",
        metavar="FILE",
        help="the body of the --docx report from this Jinja2 text file (docs/cli.md)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite the --xlsx or --docx file")
    add_budget_argument(parser)
    add_json_argument(parser)
    add_lang_argument(parser)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Work out every obligation's standing and print the rates; 1 when any is overdue."""
    with collector_paused():
        return _progress(args, env)


def _progress(args: argparse.Namespace, env: Env) -> int:
    template = None
    if args.docx is not None or args.template is not None:
        template = _report_template(args, env)
        if template is None:
            return EXIT_INPUT
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    from cchc.calendar._expand import BudgetError, default_budget, expand
    from cchc.calendar._members import agenda_units
    from cchc.cli._calendar import wanted_units
    from cchc.graph._amend import effective_corpus
    from cchc.report._progress import Standing, progress

    wanted = None
    if args.unit:
        wanted = wanted_units(args.unit, corpus, env, "progress")
        if wanted is None:
            return EXIT_INPUT
    as_of = args.as_of or today_in_vietnam()
    # Each plan as in force on the day of the report, its amendments made.
    corpus, amended = effective_corpus(corpus, as_of)
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
    hold(corpus, result)
    illustrative = frozenset(p.key for p in corpus.plans if p.illustrative)
    codes = result.units.keys()  # the units of the obligations, each once
    # The report first: it can still refuse the command line (--unit naming two units).
    written = (
        template is None
        or _report(
            args,
            env,
            template,
            corpus,
            wanted=wanted or set(),
            occurrences=occurrences,
            illustrative=illustrative,
        )
    ) and (args.xlsx is None or _workbook(args, env, result, corpus, illustrative))
    if not written:
        return EXIT_INPUT
    if args.json:
        from cchc.render._streamed import progress_parts

        names = {code: corpus.unit_name(code) for code in codes}
        write_json(env, progress_parts(result, names, illustrative))
    else:
        from cchc.render._console import Lang, choose_lang, make_console
        from cchc.render._progress import render_progress

        lang = choose_lang(args.lang, env.environ)
        names = {code: corpus.unit_name(code, english=lang is Lang.EN) for code in codes}
        console = make_console(env.stdout, env.environ)
        render_progress(console, result, lang, names=names, illustrative=illustrative)
        from cchc.render._coverage import render_amended

        render_amended(console, amended, lang)
    overdue = Standing.OVERDUE
    late = any(o.status is overdue for o in result.obligations)
    return EXIT_SHORT if late else EXIT_OK
