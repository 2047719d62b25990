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
import os
import re
import shlex
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import attrs

from cchc import (
    Cadence,
    Comparator,
    Indicator,
    Measure,
    Plan,
    PlanStatus,
    Schedule,
    ScheduleKind,
    Task,
    parse_ref,
)

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
    # Two hand-made versions of Lạng Sơn city's plan (diff_versions), every kind of change.
    "diff": ("diff", "<old>", "<new>"),
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
    "diff": ("diff", "<old>", "<new>", "--json"),
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


DIFF_SEED = "lang-son/tp-kh-tuyen-truyen-2024.yaml"
"""The plan of the bundled corpus that :func:`diff_versions` edits."""


def old_version(plan: Plan) -> Plan:
    """The seed plan as an ILLUSTRATIVE old version, with what the real one lacks to compare.

    The real plan has no deadline, no indicator and only quotas of 01 a month: this version
    gives tc2.2 a deadline, adds an indicator and asks 02 a month of tc1.4, all invented.
    """
    tasks = []
    for given in plan.tasks:
        task = given
        if task.id == "tc2.2":
            due = Schedule(
                kind=ScheduleKind.DUE, due=dt.date(2024, 6, 30), text="trước ngày 30/6/2024"
            )
            task = attrs.evolve(task, schedules=(due,))
        elif task.id == "tc1.4":
            quota = attrs.evolve(
                task.schedules[0], count=2, text="Hằng tháng, có ít nhất 02 tin, bài"
            )
            task = attrs.evolve(task, text=task.text.replace("01", "02"), schedules=(quota,))
        tasks.append(task)
    indicator = Indicator(
        id="ct1",
        text=(
            "100% cơ quan, đơn vị có tin, bài về CCHC trên Trang thông tin điện tử thành phố"
            " (minh họa)"
        ),
        comparator=Comparator.AT_LEAST,
        value=100,
        measure=Measure.PERCENT,
        per=Cadence.YEARLY,
        scope="cơ quan, đơn vị",
    )
    notes = "ILLUSTRATIVE: an old version made by hand from the seed plan for `cchc diff`."
    return attrs.evolve(
        plan, tasks=tuple(tasks), indicators=(indicator,), illustrative=True, notes=notes
    )


NEW_ND3 = (
    "Tuyên truyền về hướng dẫn của Sở Nội vụ về công tác xây dựng, tham mưu ban hành văn bản quy"
    " phạm pháp luật, việc theo dõi tình hình thi hành pháp luật trên địa bàn thành phố năm 2024."
)
NEW_ND10 = (
    "Tuyên truyền về công tác phòng, chống tham nhũng, tiêu cực trong thực thi công vụ (minh họa)."
)


def new_version(old: Plan) -> Plan:
    """The ILLUSTRATIVE new version of :func:`old_version`: one change of every kind.

    Header: a number and a later date, issued.  nd3 reworded, nd9 removed, nd10 added,
    tc2.4 renumbered tc3.5 and moved after tc3.4, a unit added to tc2.3, tc1.4 back to
    01 a month, tc2.2's deadline three months later, ct1 down from 100% to 90%.
    """
    by_id = {task.id: task for task in old.tasks}
    tasks = []
    for given in old.tasks:
        task = given
        if task.id == "nd3":
            task = attrs.evolve(task, text=NEW_ND3)
        elif task.id == "tc2.3":
            task = attrs.evolve(task, cooperating=(*task.cooperating, "ls-tp.pvhtt"))
        elif task.id == "tc2.2":
            due = Schedule(
                kind=ScheduleKind.DUE, due=dt.date(2024, 9, 30), text="trước ngày 30/9/2024"
            )
            task = attrs.evolve(task, schedules=(due,))
        elif task.id == "tc1.4":
            quota = attrs.evolve(
                task.schedules[0], count=1, text="Hằng tháng, có ít nhất 01 tin, bài"
            )
            task = attrs.evolve(task, text=task.text.replace("02", "01"), schedules=(quota,))
        if task.id in ("nd9", "tc2.4"):
            continue
        tasks.append(task)
        if task.id == "nd8":
            tasks.append(Task(id="nd10", text=NEW_ND10))
        if task.id == "tc3.4":
            tasks.append(attrs.evolve(by_id["tc2.4"], id="tc3.5"))
    ct1 = old.indicators[0]
    ct1 = attrs.evolve(ct1, value=90, text=ct1.text.replace("100%", "90%"))
    return attrs.evolve(
        old,
        ref=parse_ref("45/KH-UBND"),
        issued=dt.date(2024, 3, 5),
        status=PlanStatus.ISSUED,
        tasks=tuple(tasks),
        indicators=(ct1,),
        notes="ILLUSTRATIVE: a new version made by hand from the old one for `cchc diff`.",
    )


@functools.cache
def diff_versions() -> tuple[Path, Path]:
    """The files of :func:`old_version` and :func:`new_version`, written once a run."""
    from cchc import bundled_corpus_path, load_plan
    from cchc.files._dump import dump_plan

    folder = Path(tempfile.mkdtemp(prefix="cchc-golden-diff-"))
    atexit.register(shutil.rmtree, folder, True)
    old = old_version(load_plan(bundled_corpus_path() / DIFF_SEED))
    paths = (folder / "old.yaml", folder / "new.yaml")
    dump_plan(old, paths[0])
    dump_plan(new_version(old), paths[1])
    return paths


def _docx_name() -> str:
    """The test document as named on the command line: relative to the repository, if inside.

    A draft records where it came from, and the plan file wraps that line by its length:
    the absolute name would make the golden output depend on where the clone lies.
    """
    try:
        relative = os.path.relpath(DOCX)
    except ValueError:  # another drive (Windows)
        return str(DOCX)
    return str(DOCX) if relative.startswith("..") else relative


def _argv(argv: tuple[str, ...], out: str) -> list[str]:
    from cchc import bundled_corpus_path

    paths = {
        "<seed>": str(SEED),
        "<docx>": _docx_name(),
        "<bundled>": str(bundled_corpus_path()),
        "<out>": out,
    }
    if "<workbook>" in argv:
        paths["<workbook>"] = str(filled_workbook())
    if "<old>" in argv:
        paths["<old>"], paths["<new>"] = (str(path) for path in diff_versions())
    return [paths.get(arg, arg) for arg in argv]


def _normalise(text: str, out: str) -> str:
    """Replace machine-specific paths so that golden files hold the same on every machine."""
    from cchc import bundled_corpus_path

    text = (
        text.replace(str(bundled_corpus_path()), "<bundled>")
        .replace(str(SEED), "<seed>")
        .replace(str(DOCX), "<docx>")
        .replace(_docx_name(), "<docx>")
    )
    text = text.replace(out, "<out>")
    if "cchc-golden-diff-" in text:
        old, new = diff_versions()
        text = text.replace(str(old), "<old>").replace(str(new), "<new>")
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
