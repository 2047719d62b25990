"""``python -m cchc report [PATH] -o FILE``: the whole cascade as one HTML page to open anywhere."""

from __future__ import annotations

import argparse

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
    write_json,
)

HELP = "write one HTML page: cascade, coverage matrix, agendas, follow-through, problems"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``report``."""
    add_corpus_argument(parser)
    # A str, not a Path: Path drops the trailing slash that shows FILE names a folder.
    parser.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="the HTML file to write"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_as_of_argument(parser)
    add_budget_argument(parser)
    add_json_argument(parser)
    add_lang_argument(parser)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Gather the page, write it through the one writer, and say what it holds."""
    from cchc.files._write import WriteError, check_target

    try:
        # Refused before the work, not after it; the writer checks again as it writes.
        check_target(args.output, force=args.force)
    except WriteError as error:
        print(f"report: -o: {error}", file=env.stderr)
        return EXIT_INPUT
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    from cchc.calendar._expand import BudgetError, default_budget
    from cchc.files._write import write_text
    from cchc.render._console import Lang, choose_lang
    from cchc.render._html import render_html
    from cchc.render._page import build_page

    lang = choose_lang(args.lang, env.environ)
    as_of = args.as_of or today_in_vietnam()
    budget = args.max_occurrences or default_budget(corpus.plans)
    try:
        page = build_page(corpus, as_of, english=lang is Lang.EN, max_occurrences=budget)
    except BudgetError as error:
        print(budget_line("report", error), file=env.stderr)
        return EXIT_INPUT
    html = render_html(page, lang)
    try:
        write_text(args.output, html, force=args.force)
    except WriteError as error:
        print(f"report: -o: {error}", file=env.stderr)
        return EXIT_INPUT
    size = len(html.encode("utf-8"))
    if args.json:
        from cchc.render._documents import report_document

        write_json(env, report_document(args.output, size, page, lang.value))
        return EXIT_OK
    from cchc.render._html import report_lines

    for line in report_lines(args.output, size, page, lang):
        print(line, file=env.stdout)
    return EXIT_OK
