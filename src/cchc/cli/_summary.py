"""``python -m cchc summary [PATH] [--plan KEY]``: the corpus at a glance, or one plan in full."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cchc._collector import collector_paused, hold
from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_as_of_argument,
    add_budget_argument,
    add_corpus_argument,
    add_json_argument,
    add_lang_argument,
    budget_line,
    load_for_command,
    today_in_vietnam,
    unknown_plan,
    write_json,
)

if TYPE_CHECKING:
    import datetime as dt

    from cchc.model._corpus import Corpus

HELP = "the cascade at a glance: plans, coverage, counts, deadlines, problems"


def _limit(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, got {text!r}")
    return int(text)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``summary``."""
    add_corpus_argument(parser)
    parser.add_argument(
        "--plan",
        metavar="KEY",
        help="show one plan in full: bases, items, units, schedules, expected children",
    )
    add_as_of_argument(parser)
    parser.add_argument(
        "--limit",
        type=_limit,
        default=None,
        metavar="N",
        help="list N upcoming and N overdue deadlines (default: 5)",
    )
    add_budget_argument(parser)
    add_json_argument(parser)
    add_lang_argument(parser)


def _plan(
    args: argparse.Namespace, env: Env, corpus: Corpus, *, as_of: dt.date, limit: int, budget: int
) -> int:
    """``summary --plan KEY``: one plan in full."""
    from cchc.calendar._expand import BudgetError
    from cchc.render._console import Lang, choose_lang
    from cchc.report._detail import plan_detail

    lang = choose_lang(args.lang, env.environ)
    # JSON keeps the Vietnamese qualifiers of same-named units; the text follows --lang.
    english = lang is Lang.EN and not args.json
    try:
        detail = plan_detail(
            corpus, args.plan, as_of, limit=limit, max_occurrences=budget, english=english
        )
    except BudgetError as error:
        print(budget_line("summary", error, "list fewer with --limit"), file=env.stderr)
        return EXIT_INPUT
    if args.json:
        from cchc.render._documents import plan_document

        write_json(env, plan_document(detail))
        return EXIT_OK
    from cchc.render._console import make_console
    from cchc.render._detail import render_plan_detail

    console = make_console(env.stdout, env.environ)
    render_plan_detail(console, detail, lang)
    return EXIT_OK


def execute(args: argparse.Namespace, env: Env) -> int:
    """Load the corpus and print its summary (or one plan's); 0 unless the input is bad.

    Problems the checks find are counted, not failed on: ``validate`` is the command
    that fails on them.
    """
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    if args.plan is not None and args.plan not in corpus:
        print(unknown_plan("summary: --plan", args.plan, corpus), file=env.stderr)
        return EXIT_INPUT
    from cchc.calendar._expand import BudgetError, default_budget
    from cchc.graph._amend import effective_corpus
    from cchc.report._deadlines import DEFAULT_LIMIT
    from cchc.report._summary import corpus_summary

    as_of = args.as_of or today_in_vietnam()
    # Each plan as in force on --as-of, its amendments made (their problems counted).
    corpus, _ = effective_corpus(corpus, as_of)
    limit = DEFAULT_LIMIT if args.limit is None else args.limit
    budget = args.max_occurrences or default_budget(corpus.plans)
    if args.plan is not None:
        return _plan(args, env, corpus, as_of=as_of, limit=limit, budget=budget)

    from cchc.render._bar import progress_bar

    english = False
    if not args.json:
        # Only text needs the language (JSON keeps the Vietnamese qualifiers of names).
        from cchc.render._console import Lang, choose_lang

        english = choose_lang(args.lang, env.environ) is Lang.EN

    try:
        with progress_bar(env.stderr, env.environ, "summary") as progress, collector_paused():
            steps = ("graph", "coverage", "calendar", "checks")

            def step(name: str) -> None:
                if progress is not None:
                    progress(steps.index(name), len(steps))

            summary = corpus_summary(
                corpus,
                as_of,
                limit=limit,
                progress=step,
                max_occurrences=budget,
                english=english,
            )
            hold(corpus, summary)
    except BudgetError as error:
        print(budget_line("summary", error, "list fewer with --limit"), file=env.stderr)
        return EXIT_INPUT
    if args.json:
        from cchc.render._documents import summary_document

        write_json(env, summary_document(summary))
        return EXIT_OK
    from cchc.render._console import choose_lang, make_console
    from cchc.render._summary import render_summary

    console = make_console(env.stdout, env.environ)
    render_summary(console, summary, choose_lang(args.lang, env.environ))
    return EXIT_OK
