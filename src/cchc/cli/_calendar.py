"""``python -m cchc calendar [PATH]``: deadlines on working days, as an agenda or iCalendar."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from cchc.cli._common import EXIT_INPUT, EXIT_OK, EXIT_SHORT, Env, add_corpus_argument

HELP = "list deadlines on Vietnamese working days; export them to iCalendar"

DATE_FORMAT = "a date like 2024-03-31 or 31/03/2024"
"""How dates are asked for on the command line."""


def date_argument(text: str) -> dt.date:
    """Read a date option (argparse ``type=``); argparse prefixes errors with the option."""
    from cchc._dates import parse_date
    from cchc._errors import CchcError

    try:
        return parse_date(text)
    except CchcError:
        raise argparse.ArgumentTypeError(f"expected {DATE_FORMAT}, got {text!r}") from None


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``calendar``."""
    add_corpus_argument(parser)
    parser.add_argument("--plan", metavar="KEY", action="append", help="only this plan (repeat)")
    parser.add_argument("--unit", metavar="UNIT", action="append", help="only this unit (repeat)")
    parser.add_argument(
        "--from", dest="start", metavar="DATE", type=date_argument, help="first date"
    )
    parser.add_argument("--to", dest="end", metavar="DATE", type=date_argument, help="last date")
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        type=date_argument,
        help="the day overdue and upcoming are judged on (default: today in Việt Nam)",
    )
    parser.add_argument("--ics", metavar="FILE", type=Path, help="also write an iCalendar file")
    parser.add_argument("--force", action="store_true", help="overwrite the --ics file")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        help="label language (default: CCHC_LANG, the locale, then vi)",
    )


def _today() -> dt.date:
    import pendulum

    today = pendulum.today("Asia/Ho_Chi_Minh")
    return dt.date(today.year, today.month, today.day)


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
    plans = corpus.plans
    if args.plan:
        missing = [key for key in args.plan if key not in corpus]
        if missing:
            known = ", ".join(sorted(p.key for p in corpus.plans))
            print(f"--plan: expected one of {known}, got {', '.join(missing)}", file=env.stderr)
            return EXIT_INPUT
        plans = tuple(p for p in plans if p.key in set(args.plan))

    import json

    from cchc._calendar import Timing, expand, in_range, timing

    occurrences = in_range(expand(plans), args.start, args.end)
    if args.unit:
        wanted = set(args.unit)
        occurrences = tuple(o for o in occurrences if wanted.intersection(o.units))
    as_of = args.as_of or _today()
    names = {code: corpus.unit_name(code) for o in occurrences for code in (*o.units, o.to) if code}

    if args.ics is not None:
        from cchc._ics import write_ics

        try:
            write_ics(args.ics, occurrences, as_of=as_of, unit_names=names, force=args.force)
        except (OSError, ValueError) as error:
            print(f"--ics: {error}", file=env.stderr)
            return EXIT_INPUT

    if args.json:
        from cchc.render._calendar import occurrences_json

        document = occurrences_json(occurrences, as_of)
        print(json.dumps(document, ensure_ascii=False, indent=2), file=env.stdout)
    else:
        from cchc.render._calendar import render_agenda
        from cchc.render._console import choose_lang, make_console

        console = make_console(env.stdout, env.environ)
        lang = choose_lang(args.lang, env.environ)
        render_agenda(console, occurrences, as_of=as_of, lang=lang, unit_names=names)
    # Overdue duties are a check falling short (cchc.cli._common.EXIT_SHORT).
    late = any(timing(o, as_of) is Timing.OVERDUE for o in occurrences)
    return EXIT_SHORT if late else EXIT_OK
