"""``python -m cchc summary [PATH]``: the cascade at a glance."""

from __future__ import annotations

import argparse

from cchc.cli._common import EXIT_INPUT, EXIT_OK, Env, add_corpus_argument, load_for_command

HELP = "show the cascade of plans: who implements whom, with counts"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``summary``."""
    add_corpus_argument(parser)
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        help="label language (default: CCHC_LANG, the locale, then vi)",
    )


def execute(args: argparse.Namespace, env: Env) -> int:
    """Load the corpus and print the tree of plans."""
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    from cchc.render._console import choose_lang, make_console
    from cchc.render._summary import render_cascade

    console = make_console(env.stdout, env.environ)
    render_cascade(console, corpus, choose_lang(args.lang, env.environ))
    return EXIT_OK
