"""``python -m cchc graph [PATH] [--plan KEY] [--format ...]``: the plan graph."""

from __future__ import annotations

import argparse

from cchc.cli import _common
from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_corpus_argument,
    add_json_argument,
    add_lang_argument,
    write_json,
)

HELP = "show which plan implements which, as a tree, DOT, Mermaid or JSON"

FORMATS = ("tree", "dot", "mermaid", "json")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``graph``."""
    add_corpus_argument(parser)
    parser.add_argument(
        "--plan",
        metavar="KEY",
        help="show only this plan, what it implements and what implements it",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="tree (default), Graphviz dot, mermaid, or json (the same as --json)",
    )
    add_json_argument(parser)
    add_lang_argument(parser)


def execute(args: argparse.Namespace, env: Env) -> int:
    """Load the corpus, build its graph and print it in the chosen format."""
    fmt = args.format or ("json" if args.json else "tree")
    if args.json and fmt != "json":
        print(f"graph: --json: cannot be combined with --format {fmt}", file=env.stderr)
        return EXIT_INPUT
    corpus = _common.load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    from cchc.graph._export import focus, to_dot, to_mermaid
    from cchc.graph._graph import PlanGraph

    graph = PlanGraph.from_corpus(corpus)
    keys = None
    if args.plan is not None:
        if args.plan not in graph:
            print(
                f"no plan or cited document with key {args.plan!r} in the corpus", file=env.stderr
            )
            return EXIT_INPUT
        keys = focus(graph, args.plan)
    if fmt == "json":
        from cchc.render._documents import graph_document

        write_json(env, graph_document(graph, keys))
    elif fmt == "dot":
        env.stdout.write(to_dot(graph, keys))
    elif fmt == "mermaid":
        env.stdout.write(to_mermaid(graph, keys))
    else:
        from cchc.render._console import choose_lang, make_console
        from cchc.render._graph import render_graph_tree

        console = make_console(env.stdout, env.environ)
        render_graph_tree(console, graph, choose_lang(args.lang, env.environ), keys)
    return EXIT_OK
