"""Regenerate the golden outputs of every command: ``python tests/golden/regenerate.py``.

Golden files are never edited by hand.  Each holds one run of one command on the bundled
corpus at width 100, with a fixed ``--as-of`` so that nothing depends on today: the
command line, the exit code, stdout and stderr.  ``tests/test_output.py`` runs the same
cases through :func:`run_case` and compares; after an intended change of output, run
this script and review the diff.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import io
import re
import shlex
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEED = ROOT / "tests" / "data" / "seeds" / "001_3940132143a2bbd2.txt"
DOCX = ROOT / "tests" / "data" / "draft" / "ls-tp-2024.docx"
AS_OF = ("--as-of", "2024-03-01")
ENVIRON = {"COLUMNS": "100", "LANG": "C.UTF-8"}
"""The environment of every run: width 100, no terminal, labels from ``--lang``."""

_BY_LANG: dict[str, tuple[str, ...]] = {
    "summary": ("summary", *AS_OF),
    # Every plan of the bundled corpus has ended by then: summary says so, not 100 overdue.
    "summary-past": ("summary", "--as-of", "2026-12-02"),
    "summary-plan": ("summary", "--plan", "ls-tp-kh-tuyen-truyen-2024", *AS_OF),
    "summary-plan-hn": ("summary", "--plan", "hn-kh-54-2024", *AS_OF),
    "graph": ("graph",),
    "coverage": ("coverage",),
    "calendar": ("calendar", *AS_OF),
    "cite": ("cite", "<seed>"),
    "derive": ("derive", "hn-kh-54-2024", "--unit", "UBND quận Ba Đình"),
    # Mid-2024, when the illustrative records show each standing.
    "progress": (
        "progress",
        "--as-of",
        "2024-07-01",
        "--unit",
        "ls-tp-cl.ubnd",
        "--unit",
        "hn-hk.vp",
    ),
    "draft": ("draft", "<docx>"),
    # report writes a file: <out> is a fresh folder's report.html, its page checked by
    # tests/test_report.py; the golden file holds what the command prints.
    "report": ("report", "-o", "<out>", *AS_OF),
    # A workbook of progress --xlsx as a unit fills it in (filled_workbook), checked only.
    "records": ("records", "import", "<workbook>", "--dry-run"),
    # A dry run: the bundled corpus is never edited; the ward plan's links record nothing yet.
    "links": ("links", "refresh", "<bundled>", "--plan", "mh-ls-tp-cl-kh-2024", "--dry-run"),
}
_JSON: dict[str, tuple[str, ...]] = {
    "summary": ("summary", *AS_OF, "--json"),
    "summary-past": ("summary", "--as-of", "2026-12-02", "--json"),
    "summary-plan": ("summary", "--plan", "ls-tp-kh-tuyen-truyen-2024", *AS_OF, "--json"),
    "graph": ("graph", "--json"),
    "coverage": ("coverage", "--json"),
    "coverage-item": ("coverage", "--plan", "hn-kh-54-2024", "--item", "nd5", "--json"),
    "calendar": ("calendar", *AS_OF, "--json"),
    "validate": ("validate", "--json"),
    "cite": ("cite", "<seed>", "--json"),
    "derive": ("derive", "hn-kh-54-2024", "--unit", "UBND quận Ba Đình", "--json"),
    "progress": ("progress", "--as-of", "2024-07-01", "--unit", "ls-tp-cl.ubnd", "--json"),
    "draft": ("draft", "<docx>", "--corpus", "<bundled>", "--json"),
    "report": ("report", "-o", "<out>", *AS_OF, "--json"),
    "records": ("records", "import", "<workbook>", "--dry-run", "--json"),
    "links": (
        "links",
        "refresh",
        "<bundled>",
        "--plan",
        "mh-ls-tp-cl-kh-2024",
        "--dry-run",
        "--json",
    ),
}

CASES: dict[str, tuple[str, ...]] = {
    **{
        f"{name}.{lang}": (*argv, "--lang", lang)
        for name, argv in _BY_LANG.items()
        for lang in ("vi", "en")
    },
    "validate": ("validate",),
    **{f"{name}.json": argv for name, argv in _JSON.items()},
}
"""Golden file name (without ``.txt``) -> the command line after ``python -m cchc``."""


FILLED: dict[tuple[str, str, str | None], dict[str, object]] = {
    # ILLUSTRATIVE: what Phường Chi Lăng might write back; every evidence is invented.
    ("mh-ls-tp-cl-kh-2024", "tc1", "2024-Q1"): {
        # The record the corpus holds already, written again: nothing new.
        "result": "đã thực hiện / done",
        "done": "22/03/2024",
        "evidence": "Báo cáo số 05/BC-UBND ngày 22/3/2024 (minh họa)",
        "note": "ILLUSTRATIVE: invented record.",
    },
    ("mh-ls-tp-cl-kh-2024", "tc1", "2024-Q2"): {
        "result": "đã thực hiện / done",
        "done": dt.datetime(2024, 6, 24),  # a cell Excel holds as a date
        "evidence": "Báo cáo số 09/BC-UBND ngày 24/6/2024 (minh họa)",
    },
    ("mh-ls-tp-cl-kh-2024", "tc2", "2024-06"): {
        "done": "03.07.2024",  # day first, as written in Vietnam; no result: done
        "quantity": 1,
        "evidence": "Tin bài về một cửa liên thông (minh họa)",
    },
    ("ls-tp-kh-tuyen-truyen-2024", "tc1.4", "2024-05"): {
        "result": "được miễn / waived",
        "note": "Minh họa: đơn vị được miễn trong tháng (ILLUSTRATIVE)",
    },
}
"""The open cells filled in the golden workbook, by plan, task and period."""


def fill_workbook(
    source: Path, target: Path, cells: dict[tuple[str, str, str | None], dict[str, object]]
) -> None:
    """Fill *source*'s rows named by (plan, task, period) with *cells*, as a unit would."""
    from openpyxl import load_workbook

    from cchc.files._workbook import FIRST_ROW, INDEX

    book = load_workbook(source)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=FIRST_ROW):
            plan, task, period = (row[INDEX[k]].value for k in ("plan", "task", "period"))
            key = (str(plan), str(task), None if period is None else str(period))
            for column, written in cells.get(key, {}).items():
                row[INDEX[column]].value = written  # type: ignore[assignment]
    with warnings.catch_warnings():
        # openpyxl opens a temporary file without naming its encoding while it saves.
        warnings.simplefilter("ignore", EncodingWarning)
        book.save(target)


@functools.cache
def filled_workbook() -> Path:
    """The workbook of Phường Chi Lăng's duties (mid-2024), filled with :data:`FILLED`."""
    from cchc.cli import main

    folder = Path(tempfile.mkdtemp(prefix="cchc-golden-"))
    atexit.register(shutil.rmtree, folder, True)
    blank = folder / "blank.xlsx"
    argv = ["progress", "--as-of", "2024-07-01", "--unit", "ls-tp-cl.ubnd", "--xlsx", str(blank)]
    main(argv, stdout=io.StringIO(), stderr=io.StringIO(), environ=dict(ENVIRON))
    filled = folder / "phuong-chi-lang.xlsx"
    fill_workbook(blank, filled, FILLED)
    return filled


def _argv(argv: tuple[str, ...], out: str) -> list[str]:
    from cchc import bundled_corpus_path

    paths = {
        "<seed>": str(SEED),
        "<docx>": str(DOCX),
        "<bundled>": str(bundled_corpus_path()),
        "<out>": out,
    }
    if "<workbook>" in argv:
        paths["<workbook>"] = str(filled_workbook())
    return [paths.get(arg, arg) for arg in argv]


def _normalise(text: str, out: str) -> str:
    """Replace machine-specific paths so that golden files hold the same on every machine."""
    from cchc import bundled_corpus_path

    text = (
        text.replace(str(bundled_corpus_path()), "<bundled>")
        .replace(str(SEED), "<seed>")
        .replace(str(DOCX), "<docx>")
    )
    text = text.replace(out, "<out>")
    if "cchc-golden-" in text:
        text = text.replace(str(filled_workbook()), "<workbook>")
    # The page holds the corpus' file names, so its size depends on where cchc is installed:
    # the size is checked by tests/test_report.py against the file, not kept here (0 keeps
    # the JSON valid for the schema test).
    text = re.sub(r'"bytes": [0-9]+', '"bytes": 0', text)
    return re.sub(r"\(([0-9]+) KB\)\.", "(<size> KB).", text)


def run_case(name: str) -> str:
    """The golden text of case *name*: the command line, exit code, stdout and stderr."""
    from cchc.cli import main

    argv = CASES[name]
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        written = str(Path(folder) / "report.html")
        code = main(_argv(argv, written), stdout=out, stderr=err, environ=dict(ENVIRON))
    return _normalise(
        f"$ python -m cchc {shlex.join(argv)}\n"
        f"[exit {code}]\n"
        f"--- stdout\n{out.getvalue()}"
        f"--- stderr\n{err.getvalue()}",
        written,
    )


def golden_path(name: str) -> Path:
    """Where case *name*'s golden file lives."""
    return HERE / f"{name}.txt"


def main() -> int:
    """Write every golden file and remove those of cases that are gone."""
    for stale in HERE.glob("*.txt"):
        if stale.stem not in CASES:
            stale.unlink()
    for name in CASES:
        golden_path(name).write_text(run_case(name), encoding="utf-8", newline="\n")
    print(f"{len(CASES)} golden file(s) written to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
