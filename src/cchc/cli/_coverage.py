"""``python -m cchc coverage [PATH]``: whether every parent item is carried down to each child."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cchc._collector import collector_paused, hold
from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_SHORT,
    Env,
    add_corpus_argument,
    add_json_argument,
    add_lang_argument,
    date_argument,
    load_for_command,
    today_in_vietnam,
    unknown_plan,
    write_json,
    write_output,
)

if TYPE_CHECKING:
    from cchc.coverage._coverage import CorpusCoverage
    from cchc.model._corpus import Corpus

HELP = "check that every parent item is carried down (inherits links, waivers, suggestions)"

_KINDS = ("tasks", "objectives", "requirements", "channels", "indicators")


def _include(text: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    for name in names:
        if name not in _KINDS:
            raise argparse.ArgumentTypeError(
                f"expected a comma-separated list of {', '.join(_KINDS)}, got {name!r}"
            )
    return names


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a percentage from 0 to 100, got {text!r}"
        ) from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a percentage from 0 to 100, got {text!r}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coverage``."""
    add_corpus_argument(parser)
    parser.add_argument("--plan", metavar="KEY", help="only the edges from or to this plan")
    parser.add_argument(
        "--item",
        metavar="ID",
        help="with --plan: follow this item down the tree and show where the chain breaks",
    )
    parser.add_argument("--matrix", action="store_true", help="show parent items by child plans")
    parser.add_argument(
        "--suggest",
        action="store_true",
        help="suggest child items that resemble unlinked parent items",
    )
    parser.add_argument(
        "--threshold",
        type=_percent,
        default=None,
        metavar="SCORE",
        help="similarity from which to suggest, 0-100 (default: measured, see bench)",
    )
    parser.add_argument(
        "--include",
        type=_include,
        default=(),
        metavar="KINDS",
        help="also count objectives, requirements, channels, indicators (comma-separated)",
    )
    parser.add_argument(
        "--fail-under",
        type=_percent,
        default=None,
        metavar="PCT",
        help="pass when the overall share carried is at least PCT (default: every item)",
    )
    # A str, not a Path: Path drops the trailing slash that shows FILE names a folder.
    parser.add_argument(
        "--xlsx", metavar="FILE", help="also write the matrix as a workbook (.xlsx)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite the --xlsx file")
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        type=date_argument,
        help="check the plans as in force that day, amendments made (default: today in Việt Nam)",
    )
    add_json_argument(parser)
    add_lang_argument(parser)


def _workbook(args: argparse.Namespace, env: Env, result: CorpusCoverage, corpus: Corpus) -> bool:
    """Write the coverage workbook of *result* to ``--xlsx``; False after saying why not."""
    from cchc.render._coverage_book import coverage_book_bytes

    data = coverage_book_bytes(result, {p.key: p for p in corpus})
    return write_output(env, "coverage: --xlsx", args.xlsx, data, force=args.force)


def _trace(
    args: argparse.Namespace,
    env: Env,
    corpus: Corpus,
    edges: tuple[tuple[str, str], ...],
    threshold: float,
) -> int:
    from cchc.coverage._coverage import trace
    from cchc.render._console import choose_lang, make_console
    from cchc.render._coverage import render_trace
    from cchc.render._graph import ILLUSTRATIVE_LABEL

    if corpus.plan(args.plan).item(args.item) is None:
        print(f"coverage: --item: {args.plan} has no item {args.item!r}", file=env.stderr)
        return EXIT_INPUT
    plans = {p.key: p for p in corpus}
    steps = trace(plans, edges, args.plan, args.item, suggest=args.suggest, threshold=threshold)
    marked = {key for key, plan in plans.items() if plan.illustrative}
    if args.json:
        from cchc.render._documents import trace_document

        write_json(env, trace_document(f"{args.plan}#{args.item}", steps, marked))
        return EXIT_OK
    console = make_console(env.stdout, env.environ)
    lang = choose_lang(args.lang, env.environ)
    root = f"{args.plan}#{args.item}"
    if args.plan in marked:
        root += f" ({ILLUSTRATIVE_LABEL})"
    render_trace(console, root, steps, lang, illustrative=marked)
    return EXIT_OK


def _exit_code(result: CorpusCoverage, fail_under: float | None) -> int:
    """1 on dangling links or short coverage; unknown edges (no parent items) never fail."""
    if result.problems:
        return EXIT_SHORT
    if fail_under is not None:
        share = result.percent
        return EXIT_OK if share is None or share >= fail_under else EXIT_SHORT
    known = [e for e in result.edges if e.percent is not None]
    return EXIT_OK if all(e.percent == 100 for e in known) else EXIT_SHORT


def _refusal(args: argparse.Namespace) -> str | None:
    """Why the options asked for do not go together, or None when they do."""
    if args.item and not args.plan:
        return "coverage: --item needs --plan KEY"
    if args.item and args.xlsx is not None:
        # A trace is a tree, not a matrix: a workbook of it would be another format.
        return "coverage: --xlsx: not with --item; leave --item out for the matrix"
    return None


def execute(args: argparse.Namespace, env: Env) -> int:
    """Compute coverage over the corpus and print it; exit 1 when it falls short."""
    refusal = _refusal(args)
    if refusal is not None:
        print(refusal, file=env.stderr)
        return EXIT_INPUT
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    if args.plan and args.plan not in corpus:
        print(unknown_plan("coverage: --plan", args.plan, corpus), file=env.stderr)
        return EXIT_INPUT

    from cchc.coverage._coverage import ItemKind, corpus_coverage
    from cchc.coverage._match import DEFAULT_THRESHOLD
    from cchc.graph._amend import effective_corpus
    from cchc.graph._expected import expected_children
    from cchc.graph._graph import PlanGraph

    # Each plan as in force on the day asked about, its amendments made.
    corpus, amended = effective_corpus(corpus, args.as_of or today_in_vietnam())
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    graph = PlanGraph.from_corpus(corpus)
    edges = graph.implements_edges()
    if args.item:
        return _trace(args, env, corpus, edges, threshold)
    kinds = {ItemKind.TASKS, *(ItemKind(k) for k in args.include)}
    with collector_paused():
        result = corpus_coverage(
            corpus, edges, plan=args.plan, kinds=kinds, suggest=args.suggest, threshold=threshold
        )
        # Which units the plans order to issue a plan of their own have not (a group's
        # members one by one): the other half of whether a cascade is complete.
        expected = expected_children(graph, args.plan)
        hold(corpus, graph, result, expected)
        if args.xlsx is not None and not _workbook(args, env, result, corpus):
            return EXIT_INPUT
        if args.json:
            from cchc.render._streamed import coverage_parts

            write_json(env, coverage_parts(result, expected, amended))
        else:
            from cchc.render._console import Lang, choose_lang, make_console
            from cchc.render._coverage import render_amended, render_coverage, render_matrices
            from cchc.render._expected import render_expected_plans

            lang = choose_lang(args.lang, env.environ)
            console = make_console(env.stdout, env.environ)
            if args.matrix:
                render_matrices(console, result, lang)
            else:
                render_coverage(console, result, lang)
            english = lang is Lang.EN
            names = {
                code: corpus.unit_name(code, english=english)
                for status in expected
                for code in (*status.expected, *status.groups)
            }
            render_expected_plans(console, expected, {p.key: p for p in corpus}, names, lang)
            render_amended(console, amended, lang)
    for problem in result.problems:
        print(problem, file=env.stderr)
    return _exit_code(result, args.fail_under)
