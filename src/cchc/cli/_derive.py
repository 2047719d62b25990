"""``python -m cchc derive PARENT_KEY --unit UNIT``: the skeleton of a child plan."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_corpus_argument,
    add_json_argument,
    add_lang_argument,
    load_for_command,
    unknown_plan,
    write_json,
)

if TYPE_CHECKING:
    from cchc.coverage._concreteness import Gap
    from cchc.coverage._coverage import EdgeCoverage
    from cchc.model._corpus import Corpus
    from cchc.model._plan import Plan

HELP = "write a child plan skeleton carrying every item of a parent plan"


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a year such as 2024, got {text!r}")
    return int(text)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``derive``."""
    # Python 3.11's argparse binds PATH (nargs="?") together with PARENT_KEY, so PATH is
    # accepted right after PARENT_KEY or after every option, not between options.
    parser.add_argument("parent", metavar="PARENT_KEY", help="key of the plan to derive from")
    add_corpus_argument(parser)
    parser.add_argument(
        "--unit",
        required=True,
        help="the issuing unit: a code or name of the corpus, or the name of a new unit",
    )
    parser.add_argument(
        "--year", type=_year, help="the year the plan covers (default: the parent's year)"
    )
    parser.add_argument("--key", help="key of the new plan (default: UNIT-CODE.kh-YEAR)")
    # A str, not a Path: Path drops the trailing slash that shows FILE names a folder.
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_json_argument(parser)
    add_lang_argument(parser)


def _inputs(args: argparse.Namespace, env: Env) -> tuple[Corpus, Plan, int] | None:
    """The corpus, the parent and the year; None after printing why they cannot be had."""
    if args.output is not None:
        from cchc.files._write import WriteError, check_target

        try:
            check_target(args.output, force=args.force)
        except WriteError as error:
            print(f"derive: {error}", file=env.stderr)
            return None
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return None
    parent = corpus.get(args.parent)
    if parent is None:
        print(unknown_plan("derive", args.parent, corpus), file=env.stderr)
        return None
    year = args.year if args.year is not None else parent.year
    if year is None:
        print(f"derive: {args.parent} has no date or period; pass --year", file=env.stderr)
        return None
    return corpus, parent, year


def execute(args: argparse.Namespace, env: Env) -> int:
    """Derive the skeleton, write it, and report its coverage and concreteness gaps."""
    inputs = _inputs(args, env)
    if inputs is None:
        return EXIT_INPUT
    corpus, parent, year = inputs
    child = _draft(args, env, corpus, parent, year)
    if child is None:
        return EXIT_INPUT

    from cchc.coverage._concreteness import concreteness
    from cchc.coverage._coverage import ItemKind, edge_coverage

    edge = edge_coverage(parent, child, kinds=tuple(ItemKind), suggest=False)
    gaps = concreteness(child)
    if args.json:
        from cchc.render._documents import derive_document

        output = None if args.output is None else str(args.output)
        write_json(env, derive_document(child, parent, output=output, edge=edge, gaps=gaps))
    else:
        _report(args, env, parent=parent, child=child, edge=edge, gaps=gaps)
    return EXIT_OK


def _draft(
    args: argparse.Namespace, env: Env, corpus: Corpus, parent: Plan, year: int
) -> Plan | None:
    """The child plan, written to ``--output`` when given; None after printing why not."""
    from cchc.draft._derive import derive
    from cchc.exceptions import CchcError
    from cchc.files._dump import dump_plan

    try:
        child = derive(parent, args.unit, year, units=corpus.units, key=args.key)
        if child.key in corpus:
            raise CchcError(f"the corpus already has a plan {child.key!r}; pass --key")
        if args.output is not None:
            dump_plan(child, args.output, force=args.force)
    except (CchcError, OSError) as error:
        print(f"derive: {error}", file=env.stderr)
        return None
    return child


def _report(
    args: argparse.Namespace,
    env: Env,
    *,
    parent: Plan,
    child: Plan,
    edge: EdgeCoverage,
    gaps: Sequence[Gap],
) -> None:
    """Print the plan when no ``--output`` is given, then the share it carries and its gaps."""
    from cchc.files._dump import dumps_plan
    from cchc.render._console import choose_lang, make_console, t
    from cchc.render._coverage import render_gaps

    report = env.stdout
    if args.output is None:
        env.stdout.write(dumps_plan(child))
        report = env.stderr  # stdout holds the plan itself

    lang = choose_lang(args.lang, env.environ)
    console = make_console(report, env.environ)
    where = str(args.output) if args.output is not None else "stdout"
    share = f"{edge.percent or 0:.0f}%"
    console.print(
        t(
            lang,
            f"{child.key} ({where}): kế thừa {edge.carried}/{len(edge.items)} mục của "
            f"{parent.key} ({share})",
            f"{child.key} ({where}): carries {edge.carried}/{len(edge.items)} items of "
            f"{parent.key} ({share})",
        )
    )
    render_gaps(console, gaps, lang)
