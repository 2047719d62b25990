"""Regenerate the golden outputs of every command: ``python tests/golden/regenerate.py``.

Golden files are never edited by hand.  Each holds one run of one command on the bundled
corpus at width 100, with a fixed ``--as-of`` so that nothing depends on today: the
command line, the exit code, stdout and stderr.  ``tests/test_output.py`` runs the same
cases through :func:`run_case` and compares; after an intended change of output, run
this script and review the diff.
"""

from __future__ import annotations

import io
import re
import shlex
import sys
import tempfile
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


def _argv(argv: tuple[str, ...], out: str) -> list[str]:
    from cchc import bundled_corpus_path

    paths = {
        "<seed>": str(SEED),
        "<docx>": str(DOCX),
        "<bundled>": str(bundled_corpus_path()),
        "<out>": out,
    }
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
