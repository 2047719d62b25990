"""``python -m cchc calendar [PATH]``: deadlines on working days, as an agenda or iCalendar."""

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
    date_argument,
    today_in_vietnam,
    unknown_plan,
    write_json,
    write_output,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping, Sequence

    from cchc.calendar._occurrence import Occurrence
    from cchc.graph._amend import Change
    from cchc.model._corpus import Corpus
    from cchc.model._plan import Plan

HELP = "list deadlines on Vietnamese working days; export them to iCalendar"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``calendar``."""
    add_corpus_argument(parser)
    parser.add_argument("--plan", metavar="KEY", action="append", help="only this plan (repeat)")
    parser.add_argument(
        "--unit", metavar="UNIT", action="append", help="only this unit: a code or name (repeat)"
    )
    parser.add_argument(
        "--from", dest="start", metavar="DATE", type=date_argument, help="first date"
    )
    parser.add_argument("--to", dest="end", metavar="DATE", type=date_argument, help="last date")
    add_as_of_argument(parser)
    parser.add_argument(
        "--before",
        choices=("exclusive", "inclusive"),
        default="exclusive",
        help="read 'trước ngày N' as ending on N-1 (exclusive, the default) or on N",
    )
    # A str, not a Path: Path drops the trailing slash that shows FILE names a folder.
    parser.add_argument("--ics", metavar="FILE", help="also write an iCalendar file")
    parser.add_argument(
        "--xlsx", metavar="FILE", help="also write the agenda by unit as a workbook (.xlsx)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite the --ics and --xlsx files")
    add_budget_argument(parser)
    add_json_argument(parser)
    add_lang_argument(parser)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Expand the corpus' schedules, filter them, print them and optionally write a file."""
    from cchc.cli._common import load_for_command

    if args.start and args.end and args.start > args.end:
        print(
            f"--to: expected a date on or after --from {args.start}, got {args.end}",
            file=env.stderr,
        )
        return EXIT_INPUT
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    from cchc.graph._amend import effective_corpus

    # Each plan as in force on --as-of (default today), its amendments made.
    corpus, amended = effective_corpus(corpus, args.as_of or today_in_vietnam())
    plans = corpus.plans
    if args.plan:
        missing = [key for key in args.plan if key not in corpus]
        if missing:
            for key in missing:
                print(unknown_plan("calendar: --plan", key, corpus), file=env.stderr)
            return EXIT_INPUT
        plans = tuple(p for p in plans if p.key in set(args.plan))

    with collector_paused():
        return _calendar(args, env, corpus, plans, amended)


def _calendar(
    args: argparse.Namespace,
    env: Env,
    corpus: Corpus,
    plans: tuple[Plan, ...],
    amended: Mapping[str, Mapping[str, Change]],
) -> int:
    """Work out the deadlines of *plans* asked for, print them, and write the file asked."""
    from cchc.calendar._expand import BudgetError, Timing, default_budget, expand, timing
    from cchc.calendar._limits import Reading
    from cchc.calendar._members import agenda_units, owed_by

    wanted = None
    if args.unit:
        wanted = wanted_units(args.unit, corpus, env)
        if wanted is None:
            return EXIT_INPUT
    budget = args.max_occurrences or default_budget(plans)
    try:
        # Only the dates and units asked for are worked out, whatever the plans' periods.
        occurrences = expand(
            plans,
            start=args.start,
            end=args.end,
            # A member owes the duties of the groups it belonged to on their days.
            units=None if wanted is None else agenda_units(corpus.groups, wanted),
            max_occurrences=budget,
            reading=Reading(args.before),
        )
        if wanted is not None:
            occurrences = owed_by(occurrences, wanted, corpus.groups)
        hold(occurrences)
    except BudgetError as error:
        hint = "choose fewer with --from and --to, --plan or --unit"
        print(budget_line("calendar", error, hint), file=env.stderr)
        return EXIT_INPUT
    as_of = args.as_of or today_in_vietnam()
    if corpus.records:
        from cchc.calendar._done import DoneByRecords

        # What the records say is done shows in the agenda, the JSON and the .ics alike.
        occurrences = DoneByRecords(corpus, as_of).mark(occurrences)
    names = {code: corpus.unit_name(code) for o in occurrences for code in (*o.units, o.to) if code}

    if args.ics is not None:
        from cchc.calendar._ics import write_ics
        from cchc.render._console import Lang, choose_lang

        english = choose_lang(args.lang, env.environ) is Lang.EN
        try:
            shown = {p.key for p in plans if p.illustrative}  # marked in every event
            write_ics(
                args.ics,
                occurrences,
                as_of=as_of,
                unit_names={code: corpus.unit_name(code, english=english) for code in names},
                force=args.force,
                illustrative=shown,
                plan_labels={p.key: _plan_label(p) for p in plans},
                english=english,
            )
        except (OSError, ValueError) as error:
            print(f"calendar: --ics: {error}", file=env.stderr)
            return EXIT_INPUT

    if args.xlsx is not None and not _workbook(
        args, env, corpus, plans=plans, occurrences=occurrences, wanted=wanted, as_of=as_of
    ):
        return EXIT_INPUT

    if args.json:
        from cchc.render._documents import calendar_document

        write_json(env, calendar_document(occurrences, as_of))
    else:
        from cchc.render._calendar import render_agenda
        from cchc.render._console import Lang, choose_lang, make_console

        console = make_console(env.stdout, env.environ)
        lang = choose_lang(args.lang, env.environ)
        english = lang is Lang.EN
        names = {code: corpus.unit_name(code, english=english) for code in names}
        render_agenda(console, occurrences, as_of=as_of, lang=lang, unit_names=names)
        from cchc.render._coverage import render_amended

        shown = {p.key for p in plans}
        render_amended(console, {k: v for k, v in amended.items() if k in shown}, lang)
    # Overdue duties are a check falling short (cchc.cli._common.EXIT_SHORT).
    late = any(timing(o, as_of) is Timing.OVERDUE for o in occurrences)
    return EXIT_SHORT if late else EXIT_OK


def _workbook(
    args: argparse.Namespace,
    env: Env,
    corpus: Corpus,
    *,
    plans: tuple[Plan, ...],
    occurrences: Sequence[Occurrence],
    wanted: set[str] | None,
    as_of: dt.date,
) -> bool:
    """Write the agenda workbook, a sheet per unit, to ``--xlsx``; False after saying why not."""
    from cchc.render._agenda_book import agenda_by_unit, calendar_book_bytes

    by_unit = agenda_by_unit(occurrences, corpus.groups, wanted)
    codes = {c for o in occurrences for c in (*o.units, o.to) if c} | set(by_unit)
    data = calendar_book_bytes(
        by_unit,
        as_of=as_of,
        unit_names={code: corpus.unit_name(code) for code in codes},
        plan_labels={p.key: _plan_label(p) for p in plans},
        records=bool(corpus.records),
    )
    return write_output(env, "calendar: --xlsx", args.xlsx, data, force=args.force)


def wanted_units(
    texts: list[str], corpus: Corpus, env: Env, command: str = "calendar"
) -> set[str] | None:
    """The unit codes ``--unit`` names; None after printing why one names no unit for sure.

    Each is a code, or a name or alias of one declared unit (:func:`cchc.model.find_unit`,
    diacritics-insensitive), or a code a plan gives work to without declaring it.  Any
    other text is bad input, with the code or name it resembles: a typo would otherwise
    select nothing and exit 0.
    """
    units = corpus.units
    from cchc.exceptions import ModelError
    from cchc.model._units import find_unit
    from cchc.text._suggest import did_you_mean

    wanted: set[str] = set()
    for text in texts:
        try:
            unit = find_unit(text, units)
        except ModelError as error:
            print(f"{command}: --unit: expected {error.expected}, got {text!r}", file=env.stderr)
            return None
        if unit is None and text in _codes_used(corpus):
            wanted.add(text)
            continue
        if unit is None:
            known = [*units, *(u.name for u in units.values()), *_codes_used(corpus)]
            hint = did_you_mean(text, known)
            print(
                f"{command}: --unit: expected a unit code or name the corpus declares, "
                f"got {text!r}{hint}",
                file=env.stderr,
            )
            return None
        wanted.add(unit.code)
    return wanted


def _codes_used(corpus: Corpus) -> set[str]:
    """The unit codes the plans name as issuer, lead or cooperating unit."""
    used = {plan.issuer for plan in corpus.plans}
    for plan in corpus.plans:
        for task in plan.tasks:
            used.update(task.lead)
            used.update(task.cooperating)
    return used


def _plan_label(plan: Plan) -> str:
    """How an event names its plan: ``Kế hoạch số 54/KH-UBND``, else the plan's title."""
    if plan.ref is not None and not plan.ref.is_blank:
        return f"{plan.kind.vietnamese} số {plan.ref}"
    return plan.title
