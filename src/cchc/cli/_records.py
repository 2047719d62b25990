"""``python -m cchc records import FILE.xlsx [PATH]``: a filled workbook back into records."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from cchc.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    Env,
    add_budget_argument,
    add_corpus_argument,
    add_json_argument,
    add_lang_argument,
    budget_line,
    load_for_command,
    path_argument,
    today_in_vietnam,
    write_json,
)

if TYPE_CHECKING:
    from pathlib import Path

    from cchc.model._corpus import Corpus
    from cchc.model._records import Record

HELP = "follow-through records: import a filled progress workbook into a record file"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the sub-command ``import`` of ``records`` and its arguments."""
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    doc = "read a workbook written by progress --xlsx and filled in, into a record file"
    sub = actions.add_parser("import", help=doc, description=doc, epilog=parser.epilog)
    sub.add_argument(
        "workbook", type=path_argument, metavar="FILE.xlsx", help="the filled workbook"
    )
    add_corpus_argument(sub)
    # A str, not a Path: Path drops the trailing slash that shows FILE names a folder.
    sub.add_argument(
        "--output",
        metavar="FILE",
        help="the record file to write or add to "
        "(default: PATH/records/imported-NAME.records.yaml)",
    )
    sub.add_argument(
        "--dry-run", action="store_true", help="check the workbook and say what would be written"
    )
    add_budget_argument(sub)
    add_json_argument(sub)
    add_lang_argument(sub)


def _output(args: argparse.Namespace) -> str | None:
    """The record file to write: --output, else one in PATH's folder ``records``."""
    given: str | None = args.output
    corpus: Path | None = args.path
    if given is not None:
        return given
    if corpus is None or not corpus.is_dir():
        return None
    workbook: Path = args.workbook
    # The workbook's name, kept to what any file system takes.
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in workbook.stem)
    return os.fspath(corpus / "records" / f"imported-{stem[:80] or 'workbook'}.records.yaml")


def execute(args: argparse.Namespace, env: Env) -> int:
    """Read the workbook, check every filled row, and write the new records atomically."""
    from pathlib import Path

    from cchc.files._load import is_record_file

    output = _output(args)
    if output is None and not args.dry_run:
        print(
            "records import: expected a corpus folder PATH to add the records to, or --output",
            file=env.stderr,
        )
        return EXIT_INPUT
    if output is not None and (
        not is_record_file(Path(output)) or Path(output).suffix.lower() not in (".yaml", ".yml")
    ):
        print(
            f"--output: expected a record file name such as NAME.records.yaml, got {output!r}",
            file=env.stderr,
        )
        return EXIT_INPUT
    corpus = load_for_command(args.path, env)
    if corpus is None:
        return EXIT_INPUT
    return _import(args, env, corpus, output)


def _import(args: argparse.Namespace, env: Env, corpus: Corpus, output: str | None) -> int:
    from pathlib import Path

    from cchc.calendar._expand import BudgetError, default_budget, expand
    from cchc.calendar._members import agenda_units
    from cchc.exceptions import CchcError
    from cchc.files._dump import dumps_records
    from cchc.files._workbook import WorkbookError, read_workbook
    from cchc.files._write import write_text
    from cchc.report._imported import imported_records
    from cchc.report._progress import progress

    label = os.fspath(args.workbook)
    try:
        rows = read_workbook(args.workbook, label)
    except WorkbookError as error:
        print(error, file=env.stderr)
        return EXIT_INPUT
    found = _kept(output, corpus, env)
    if found is None:
        return EXIT_INPUT
    kept, inside = found
    today = today_in_vietnam()
    budget = args.max_occurrences or default_budget(corpus.plans)
    # Only the duties of the units the workbook names are worked out (and their groups').
    wanted = {row.unit for row in rows if row.unit is not None}
    try:
        occurrences = expand(
            corpus.plans, units=agenda_units(corpus.groups, wanted), max_occurrences=budget
        )
        owed = progress(corpus, today, occurrences=occurrences, units=wanted).obligations
    except BudgetError as error:
        print(budget_line("records import", error), file=env.stderr)
        return EXIT_INPUT
    held = corpus if inside else _with(corpus, kept, output or "")
    result = imported_records(
        held, rows, owed, label=label, today=today, places=[f for f, _ in held.record_places]
    )
    written = False
    if not result.problems and result.records and not args.dry_run and output is not None:
        header = (
            f"Bản ghi nhập từ bảng tính {Path(label).name} (cchc records import).\n"
            f"Records imported from the workbook {Path(label).name} (cchc records import)."
        )
        text = dumps_records((*kept, *result.records), header=header)
        try:
            # Replaced only when it was read above: its records are all in the new text.
            write_text(output, text, force=bool(kept) or _exists(output))
        except CchcError as error:
            print(error, file=env.stderr)
            return EXIT_INPUT
        written = True
    for problem in result.problems:
        print(problem, file=env.stderr)
    if args.json:
        from cchc.render._documents import records_import_document

        write_json(env, records_import_document(result, label, output, written=written))
    else:
        from cchc.render._console import choose_lang, make_console
        from cchc.render._records import render_import

        console = make_console(env.stdout, env.environ)
        lang = choose_lang(args.lang, env.environ)
        render_import(console, result, label, output, written=written, lang=lang)
    return EXIT_INPUT if result.problems else EXIT_OK


def _exists(output: str) -> bool:
    return os.path.lexists(output)


def _kept(output: str | None, corpus: Corpus, env: Env) -> tuple[tuple[Record, ...], bool] | None:
    """The records the output file holds already (all kept), and whether the corpus has them.

    None after saying why when the file cannot be read.
    """
    if output is None or not _exists(output):
        return (), False
    from cchc.exceptions import CorpusError
    from cchc.files._load import load_corpus

    target = os.path.realpath(output)
    inside = tuple(
        r
        for r, (file, _) in zip(corpus.records, corpus.record_places, strict=True)
        if os.path.realpath(file) == target
    )
    if inside:
        return inside, True
    try:
        return load_corpus(output).records, False
    except CorpusError as error:
        for problem in error.problems:
            print(problem, file=env.stderr)
        print(
            f"--output: expected a record file to add to, found {output!r} unreadable",
            file=env.stderr,
        )
        return None


def _with(corpus: Corpus, kept: tuple[Record, ...], output: str) -> Corpus:
    """*corpus* with the records of the output file, which lies outside it."""
    import attrs

    return attrs.evolve(
        corpus,
        records=(*corpus.records, *kept),
        record_places=(*corpus.record_places, *((output, "$") for _ in kept)),
    )
