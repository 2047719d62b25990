"""``coverage --xlsx`` and ``calendar --xlsx``: the workbooks read back agree with the JSON."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import warnings
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from cchc import bundled_corpus_path, load_corpus
from cchc.calendar._occurrence import Occurrence, Timing
from cchc.cli import main
from cchc.coverage._coverage import Status
from cchc.model._plan import Period
from cchc.render._agenda_book import (
    AGENDA_COLUMNS,
    TIMING_WORDS,
    calendar_book_bytes,
    kind_words,
)
from cchc.render._coverage_book import STATE_WORDS
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.text._vocab import ScheduleKind

AS_OF = "2024-07-01"
HOSTILE = '=HYPERLINK("http://example.invalid/x","bấm vào đây")'
"""A plan text Excel would run as a formula if it were written as one."""

UNITS = """\
units:
  - {code: hn.ubnd, name: UBND Thành phố Hà Nội, level: province}
  - {code: hn-bd.ubnd, name: UBND quận Ba Đình, level: district, parent: hn.ubnd}
  - {code: hn-hk.ubnd, name: UBND quận Hoàn Kiếm, level: district, parent: hn.ubnd}
"""
PARENT = f"""\
key: p
kind: plan
title: Kế hoạch của Thành phố
issuer: hn.ubnd
issued: 2024-02-08
period: 2024
tasks:
  - {{id: nd1, text: Tuyên truyền các văn bản chỉ đạo của Trung ương về cải cách hành chính}}
  - {{id: nd2, text: "Tuyên truyền việc cải thiện các Chỉ số PAR INDEX, SIPAS, PAPI, PCI"}}
  - id: nd3
    text: "Tuyên truyền về cơ chế một cửa, một cửa liên thông trong giải quyết TTHC"
  - id: nd4
    text: '{HOSTILE}'
  - id: nd5
    text: "+1+1\\tcột\\n@SUM(A1) \\u202eđảo chiều"
"""
CHILD_BD = """\
key: c-bd
kind: plan
title: Kế hoạch của quận Ba Đình
issuer: hn-bd.ubnd
issued: 2024-03-01
period: 2024
parents: [p]
tasks:
  - id: a
    text: Phổ biến văn bản chỉ đạo
    inherits: [p#nd1]
    lead: [hn-bd.ubnd]
    schedules:
      - {kind: due, due: 2024-05-15, text: trước ngày 15/5/2024}
  - {id: b, text: "", inherits: [p#nd2], waiver: Quận không được chấm điểm PAR INDEX}
  - id: c
    text: Hướng dẫn người dân về cơ chế một cửa liên thông, giải quyết TTHC
    lead: [hn-bd.ubnd]
    schedules:
      - {kind: report, cadences: [quarterly], to: hn.ubnd, text: Báo cáo hằng quý}
  - {id: d, text: Tổ chức hội thi văn nghệ, inherits: [p#nd4]}
"""
CHILD_HK = """\
key: c-hk
kind: plan
title: Kế hoạch của quận Hoàn Kiếm (minh họa)
issuer: hn-hk.ubnd
issued: 2024-03-05
period: 2024
illustrative: true
parents: [p]
tasks:
  - id: a
    text: Tuyên truyền mọi nội dung
    inherits: [p#nd1, p#nd2, p#nd3, p#nd5]
    lead: [hn-hk.ubnd]
    schedules:
      - {kind: due, due: 2024-09-30, text: trước ngày 30/9/2024}
"""


def _main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A parent with a hostile text, a child carrying, waiving and resembling, and one more."""
    folder = tmp_path / "small"
    folder.mkdir()
    for name, text in {
        "units.yaml": UNITS,
        "p.yaml": PARENT,
        "c-bd.yaml": CHILD_BD,
        "c-hk.yaml": CHILD_HK,
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _read(path: Path) -> Any:
    with warnings.catch_warnings():
        # openpyxl opens the archive without naming an encoding for one of its parts.
        warnings.simplefilter("ignore", EncodingWarning)
        return load_workbook(path)


def _json(*argv: str) -> Any:
    code, out, err = _main(*argv, "--json")
    assert code in (0, 1), err
    return json.loads(out)


def _xlsx(target: Path, *argv: str) -> Any:
    code, _, err = _main(*argv, "--xlsx", str(target))
    assert code in (0, 1), err
    return _read(target)


def _unmarked(text: str) -> str:
    suffix = f" ({ILLUSTRATIVE_LABEL})"
    return text[: -len(suffix)] if text.endswith(suffix) else text


def _values(sheet: Any, row: int) -> list[Any]:
    return [cell.value for cell in sheet[row]]


# --- coverage -----------------------------------------------------------------------------


def _texts(path: Path | None) -> dict[tuple[str, str], str]:
    """The text of every item of the corpus at *path* (the bundled one for None): the JSON
    leaves them out."""
    corpus = load_corpus(bundled_corpus_path() if path is None else path)
    return {
        (plan.key, item.id): item.text
        for plan in corpus.plans
        for section in (
            plan.objectives,
            plan.requirements,
            plan.tasks,
            plan.channels,
            plan.indicators,
        )
        for item in section
    }


def _check_coverage(book: Any, document: dict[str, Any], texts: dict[tuple[str, str], str]) -> None:
    """Every sheet of a coverage workbook against ``coverage --json``, cell by cell."""
    edges = document["edges"]
    parents = list(dict.fromkeys(e["parent"] for e in edges if e["items"]))
    assert len(book.sheetnames) == len(parents) + 2
    summary, details = book[book.sheetnames[0]], book[book.sheetnames[-1]]

    # The summary: one row per edge, in the JSON's order, unknown edges included.
    assert summary.freeze_panes == "B4"
    assert summary.auto_filter.ref
    if document["percent"] is not None:
        assert summary.cell(2, 3).value == pytest.approx(document["percent"] / 100, abs=5e-4)
    for row, edge in enumerate(edges, start=4):
        cells = _values(summary, row)
        assert cells[0] == edge["parent"] + (
            f" ({ILLUSTRATIVE_LABEL})" if edge["parent_illustrative"] else ""
        )
        assert cells[2] == edge["child"] + (
            f" ({ILLUSTRATIVE_LABEL})" if edge["child_illustrative"] else ""
        )
        assert cells[4:6] == [len(edge["items"]), edge["carried"]]
        if edge["percent"] is None:
            assert cells[6] == "không đánh giá được / cannot be checked"
        else:
            assert cells[6] == pytest.approx(edge["percent"] / 100, abs=5e-4)
        assert cells[7] == len(edge["dangling"])
        assert (cells[8] or "") == ", ".join(edge["local"])
    assert summary.cell(4 + len(edges), 1).value is None

    # One matrix per parent with items: its items by its children, the states in words.
    for name, parent in zip(book.sheetnames[1:-1], parents, strict=True):
        sheet = book[name]
        own = [e for e in edges if e["parent"] == parent]
        assert _unmarked(sheet.cell(1, 1).value.split(": ", 1)[1].split(" — ")[0]) == parent
        legend = {sheet.cell(2, 2 + i).value: sheet.cell(2, 2 + i) for i in range(4)}
        assert set(legend) == set(STATE_WORDS.values())
        colours = {words: cell.fill.fgColor.rgb for words, cell in legend.items()}
        assert len(set(colours.values())) == 4  # a colour of its own for each state
        assert [_unmarked(sheet.cell(3, 4 + i).value) for i in range(len(own))] == [
            e["child"] for e in own
        ]
        assert sheet.freeze_panes == "D5"
        assert (
            sheet.auto_filter.ref
            == f"A4:{sheet.cell(4 + len(own[0]['items']), 4 + len(own)).coordinate}"
        )
        for row, item in enumerate(own[0]["items"], start=5):
            text = texts[parent, item["item"]]
            assert _values(sheet, row)[:3] == [item["item"], item["kind"], text]
            for column, edge in enumerate(own, start=4):
                (state,) = [i["status"] for i in edge["items"] if i["item"] == item["item"]]
                cell = sheet.cell(row, column)
                assert cell.data_type == "s"
                assert cell.value == STATE_WORDS[Status(state)]
                assert cell.fill.fgColor.rgb == colours[cell.value]
            carried = sum(
                i["status"] in ("covered", "waived")
                for e in own
                for i in e["items"]
                if i["item"] == item["item"]
            )
            assert sheet.cell(row, 4 + len(own)).value == pytest.approx(carried / len(own))
        total = 5 + len(own[0]["items"]) + 1
        assert sheet.cell(total, 1).value == "Tỷ lệ kế thừa / Share carried"
        assert [sheet.cell(total, 4 + i).value for i in range(len(own))] == pytest.approx(
            [e["percent"] / 100 for e in own], abs=5e-4
        )

    # The details: one row per (edge, item), in the JSON's order.
    rows = [(e, i) for e in edges for i in e["items"]]
    assert details.max_row == len(rows) + 1
    for row, (edge, item) in enumerate(rows, start=2):
        cells = _values(details, row)
        assert [_unmarked(cells[0]), cells[1], cells[2], _unmarked(cells[3])] == [
            edge["parent"],
            item["item"],
            item["kind"],
            edge["child"],
        ]
        assert cells[4] == STATE_WORDS[Status(item["status"])]
        assert (cells[5] or "") == ", ".join(item["by"])
        assert cells[6] == item["score"]
        assert cells[7] == item["reason"]
        assert (cells[8] or "") == ", ".join(item["matched"])
        assert (cells[9] or "") == texts[edge["parent"], item["item"]]


def test_the_bundled_coverage_workbook_agrees_with_the_json(tmp_path: Path) -> None:
    book = _xlsx(tmp_path / "coverage.xlsx", "coverage")
    document = _json("coverage")
    _check_coverage(book, document, _texts(None))
    # The bundled corpus' illustrative children are marked in their column headers.
    assert book["hn-kh-54-2024"].cell(3, 4).value.endswith(f"({ILLUSTRATIVE_LABEL})")


def test_the_small_coverage_workbook_agrees_with_the_json_with_every_state(
    small: Path, tmp_path: Path
) -> None:
    book = _xlsx(tmp_path / "coverage.xlsx", "coverage", str(small), "--suggest")
    document = _json("coverage", str(small), "--suggest")
    _check_coverage(book, document, _texts(small))
    states = Counter(i["status"] for e in document["edges"] for i in e["items"])
    assert set(states) == {"covered", "waived", "suggested", "missing"}
    assert book.sheetnames == ["Tổng hợp", "p", "Chi tiết"]


def test_the_coverage_workbook_keeps_to_the_plan_asked_for(tmp_path: Path) -> None:
    argv = ("coverage", "--plan", "mh-hn-dd-kh-2024")
    book = _xlsx(tmp_path / "coverage.xlsx", *argv)
    document = _json(*argv)
    assert [e["child"] for e in document["edges"]] == ["mh-hn-dd-kh-2024"]
    _check_coverage(book, document, _texts(None))
    assert book.sheetnames == ["Tổng hợp", "hn-kh-54-2024", "Chi tiết"]


def test_hostile_plan_text_is_written_as_text_never_as_a_formula(
    small: Path, tmp_path: Path
) -> None:
    target = tmp_path / "coverage.xlsx"
    book = _xlsx(target, "coverage", str(small))
    texts = {row[0]: row[2] for row in book["p"].iter_rows(min_row=5, max_row=9, values_only=True)}
    assert texts["nd4"] == HOSTILE
    assert texts["nd5"] == "+1+1\tcột\n@SUM(A1) \u202eđảo chiều"
    for row in book["p"].iter_rows(min_row=5, max_row=9):
        assert row[2].data_type == "s"
    with zipfile.ZipFile(target) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        assert not any(b"<f>" in archive.read(n) for n in sheets)


def test_control_characters_stay_escaped_text_in_the_archive() -> None:
    """Text the loader would refuse still makes a valid workbook, should a caller pass it."""
    text = "báo cáo\x01\x1b[2J" + HOSTILE
    occurrence = Occurrence(
        plan="p",
        task="a",
        path="$.tasks[0].schedules[0]",
        units=("u",),
        date=dt.date(2024, 5, 15),
        original_date=dt.date(2024, 5, 15),
        kind=ScheduleKind.DUE,
        period=Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 5, 15)),
        text=text,
    )
    data = calendar_book_bytes(
        {"u": [occurrence]},
        as_of=dt.date(2024, 5, 1),
        unit_names={"u": "Đơn vị\x07 u"},
        plan_labels={"p": "=1+1"},
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", archive.read(name)), name
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet.title == "Đơn vị u"
    row = _values(sheet, 4)
    assert row[5] == "=1+1"
    assert sheet.cell(4, 6).data_type == "s"
    # XlsxWriter writes a control character as Excel's escape, _x0001_, which Excel reads back.
    assert row[8] == "báo cáo_x0001__x001B_[2J" + HOSTILE


def test_coverage_xlsx_is_not_for_a_trace(tmp_path: Path) -> None:
    target = tmp_path / "trace.xlsx"
    code, out, err = _main(
        "coverage", "--plan", "hn-kh-54-2024", "--item", "nd1", "--xlsx", str(target)
    )
    assert (code, out) == (2, "")
    assert err.startswith("coverage: --xlsx: ")
    assert not target.exists()


# --- calendar -----------------------------------------------------------------------------

_COLUMN = {key: index for index, (key, _, _) in enumerate(AGENDA_COLUMNS)}
_TITLE = re.compile(r"^Đơn vị / Unit: .* \(([^()]+)\) — tính đến / as of \d\d/\d\d/\d{4}$")


def _day(text: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())


def _identity(values: list[Any]) -> tuple[Any, ...]:
    """What tells one agenda row from the others of its sheet: date, plan, task, period."""
    return tuple(values[_COLUMN[k]] for k in ("date", "plan_key", "task", "period_start"))


def _check_calendar(book: Any, document: dict[str, Any], records: bool) -> None:
    """Every unit's sheet against ``calendar --json``: a row per deadline the unit owes."""
    occurrences = document["occurrences"]
    width = len(AGENDA_COLUMNS) + (2 if records else 0)
    seen = 0
    for sheet in book.worksheets:
        match = _TITLE.match(sheet.cell(1, 1).value)
        assert match, sheet.cell(1, 1).value
        code = match.group(1)
        assert sheet.freeze_panes == "B4"
        assert sheet.auto_filter.ref
        assert sheet.max_column == width
        rows = [_values(sheet, r) for r in range(4, sheet.max_row + 1)]
        assert [r[0] for r in rows] == sorted(r[0] for r in rows)
        expected = [o for o in occurrences if code in o["unit"]]
        assert len(rows) == len(expected)
        key = _COLUMN
        found = {_identity(r): r for r in rows}
        assert len(found) == len(rows)
        for occurrence in expected:
            row = found[
                (
                    _day(occurrence["date"]),
                    occurrence["plan"],
                    occurrence["task"],
                    _day(occurrence["period"]["start"]),
                )
            ]
            assert row[key["period_end"]] == _day(occurrence["period"]["end"])
            assert row[key["kind"]] == kind_words(ScheduleKind(occurrence["kind"]))
            assert row[key["text"]] == (occurrence["text"] or None)
            assert row[key["timing"]] == TIMING_WORDS[Timing(occurrence["timing"])]
            assert (
                row[key["plan"]].endswith(f"({ILLUSTRATIVE_LABEL})") == (occurrence["illustrative"])
            )
            assert (row[key["period"]] is None) == (occurrence["cadence"] is None)
            if records:
                done = occurrence["done"]
                text, last = row[width - 2], row[width - 1]
                if done is None:
                    assert (text, last) == (None, None)
                else:
                    assert text.startswith(f"{done['done'] + done['waived']}/{done['owing']}")
                    assert last == (None if done["last"] is None else _day(done["last"]))
        seen += len(rows)
    assert seen == sum(len(o["unit"]) for o in occurrences)


def test_the_bundled_calendar_workbook_agrees_with_the_json(tmp_path: Path) -> None:
    argv = ("calendar", "--as-of", AS_OF)
    book = _xlsx(tmp_path / "calendar.xlsx", *argv)
    document = _json(*argv)
    _check_calendar(book, document, records=True)
    units = {u for o in document["occurrences"] for u in o["unit"]}
    assert len(book.sheetnames) == len(units)
    # Dates are Excel dates shown day first, not text.
    cell = book.worksheets[0].cell(4, 1)
    assert (cell.data_type, cell.number_format) == ("d", "dd/mm/yyyy")
    # The records of the bundled corpus show in the done columns.
    assert any(
        row[len(AGENDA_COLUMNS)] is not None
        for sheet in book.worksheets
        for row in sheet.iter_rows(min_row=4, values_only=True)
    )


def test_the_small_calendar_workbook_agrees_with_the_json(small: Path, tmp_path: Path) -> None:
    argv = ("calendar", str(small), "--as-of", AS_OF, "--from", "2024-04-01", "--to", "2024-12-31")
    book = _xlsx(tmp_path / "calendar.xlsx", *argv)
    document = _json(*argv)
    assert document["occurrences"]
    _check_calendar(book, document, records=False)
    assert book.sheetnames == ["UBND quận Ba Đình", "UBND quận Hoàn Kiếm"]


def test_one_unit_gets_one_sheet_with_its_groups_duties(tmp_path: Path) -> None:
    argv = ("calendar", "--as-of", AS_OF, "--unit", "ls-tp-cl.ubnd")
    book = _xlsx(tmp_path / "calendar.xlsx", *argv)
    document = _json(*argv)
    assert book.sheetnames == ["UBND phường Chi Lăng"]
    (sheet,) = book.worksheets
    # Its own duties and those of the group it is a member of, one row each.
    assert sheet.max_row - 3 == len(document["occurrences"])
    owners = {u for o in document["occurrences"] for u in o["unit"]}
    assert owners - {"ls-tp-cl.ubnd"}, "expected a group's duty among the ward's"
    rows = {
        (r[_COLUMN["plan_key"]], r[_COLUMN["task"]], r[_COLUMN["date"]])
        for r in sheet.iter_rows(min_row=4, values_only=True)
    }
    assert rows == {(o["plan"], o["task"], _day(o["date"])) for o in document["occurrences"]}


def test_an_empty_selection_still_makes_a_workbook(tmp_path: Path) -> None:
    target = tmp_path / "none.xlsx"
    book = _xlsx(target, "calendar", "--from", "1990-01-01", "--to", "1990-01-31")
    assert book.sheetnames == ["cchc"]
    assert (
        book["cchc"]["A1"].value == "Không có hạn nào trong phạm vi đã chọn / No deadlines selected"
    )
    # A unit asked for gets its sheet, empty, when it owes nothing in the range.
    book = _xlsx(
        tmp_path / "unit.xlsx",
        *("calendar", "--from", "1990-01-01", "--to", "1990-01-31", "--unit", "ls-tp-cl.ubnd"),
    )
    assert book.sheetnames == ["UBND phường Chi Lăng"]
    assert book.worksheets[0].max_row == 3


# --- both ---------------------------------------------------------------------------------

BOTH = (
    ("coverage", "--suggest"),
    ("calendar", "--as-of", AS_OF),
)


@pytest.mark.parametrize("argv", BOTH, ids=lambda a: a[0])
def test_the_same_input_gives_the_same_bytes(argv: tuple[str, ...], tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert _main(*argv, "--xlsx", str(first))[0] in (0, 1)
    assert _main(*argv, "--xlsx", str(second))[0] in (0, 1)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        core = archive.read("docProps/core.xml").decode()
    # The creation date comes from the input, not from the clock of the run.
    created = re.search(r"<dcterms:created[^>]*>([^<]+)<", core)
    assert created is not None
    day = "2024-07-01" if argv[0] == "calendar" else "2024-03-08"
    assert created.group(1) == f"{day}T00:00:00Z"


@pytest.mark.parametrize("argv", BOTH, ids=lambda a: a[0])
def test_an_existing_file_is_kept_without_force(argv: tuple[str, ...], tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"mine")
    code, out, err = _main(*argv, "--xlsx", str(target))
    assert code == 2
    assert err.startswith(f"{argv[0]}: --xlsx: {target}")
    assert "--force" in err
    assert out == ""
    assert target.read_bytes() == b"mine"
    code, out, err = _main(*argv, "--xlsx", str(target), "--force")
    assert code in (0, 1), err
    assert target.read_bytes().startswith(b"PK")
    assert out  # the normal output still goes to standard output


@pytest.mark.parametrize("argv", BOTH, ids=lambda a: a[0])
def test_quiet_writes_the_workbook_and_prints_nothing(
    argv: tuple[str, ...], tmp_path: Path
) -> None:
    target = tmp_path / "book.xlsx"
    code, out, _ = _main("--quiet", *argv, "--xlsx", str(target))
    assert code in (0, 1)
    assert out == ""
    assert _read(target).sheetnames


@pytest.mark.parametrize("argv", BOTH, ids=lambda a: a[0])
def test_a_folder_is_refused_even_with_force(argv: tuple[str, ...], tmp_path: Path) -> None:
    target = tmp_path / "folder"
    target.mkdir()
    code, out, err = _main(*argv, "--xlsx", str(target), "--force")
    assert (code, out) == (2, "")
    assert err.startswith(f"{argv[0]}: --xlsx: {target}: ")
    assert len(err.splitlines()) == 1
    assert list(target.iterdir()) == []
