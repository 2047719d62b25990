"""The fill-in workbook of ``progress --xlsx`` and ``records import`` of a filled one."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import warnings
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cchc.cli import main
from cchc.files._workbook import COLUMNS, FIRST_ROW, INDEX, read_workbook
from cchc.render._workbook import MAX_SHEET_NAME, sheet_names

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2024-07-01"
UNIT = "ls-tp-cl.ubnd"
SHEET = "UBND phường Chi Lăng"


def _regenerate() -> ModuleType:
    path = ROOT / "tests" / "golden" / "regenerate.py"
    spec = importlib.util.spec_from_file_location("golden_regenerate_workbook", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regenerate()
fill_workbook = REGEN.fill_workbook


def _main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the bundled corpus, to import records into."""
    folder = tmp_path / "corpus"
    assert _main("examples", str(folder))[0] == 0
    return folder


def _blank(corpus: Path, target: Path, *extra: str) -> Path:
    code, _, err = _main("progress", str(corpus), "--as-of", AS_OF, "--xlsx", str(target), *extra)
    assert code in (0, 1), err
    return target


def _save(book: Any, target: Path) -> None:
    with warnings.catch_warnings():
        # openpyxl opens a temporary file without naming its encoding while it saves.
        warnings.simplefilter("ignore", EncodingWarning)
        book.save(target)


# --- the workbook -------------------------------------------------------------------------


def test_the_same_input_gives_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    first = _blank(corpus, tmp_path / "a.xlsx", "--unit", UNIT).read_bytes()
    second = _blank(corpus, tmp_path / "b.xlsx", "--unit", UNIT).read_bytes()
    assert first == second
    other = _blank(corpus, tmp_path / "c.xlsx", "--unit", UNIT, "--force").read_bytes()
    assert other == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "2024-07-01T00:00:00Z" in core  # pinned to --as-of, not the time of the run


def test_a_sheet_per_unit_with_locked_keys_and_a_drop_down(corpus: Path, tmp_path: Path) -> None:
    book = load_workbook(_blank(corpus, tmp_path / "all.xlsx"))
    assert len(book.sheetnames) > 10  # every unit owing a scheduled duty
    one = load_workbook(_blank(corpus, tmp_path / "one.xlsx", "--unit", UNIT))
    assert one.sheetnames == [SHEET]
    sheet = one[SHEET]
    assert [c.value for c in sheet[1]][: INDEX["task"] + 1] == [
        "Mã đơn vị",
        "Đơn vị",
        "Kế hoạch",
        "Nhiệm vụ",
    ]
    assert sheet.cell(row=2, column=1).value == "Unit code"
    assert sheet.freeze_panes == "C3"
    assert sheet.protection.sheet
    for column in COLUMNS:
        cell = sheet.cell(row=FIRST_ROW, column=INDEX[column.key] + 1)
        assert cell.protection.locked is not column.open, column.key
    assert round(sheet.column_dimensions["G"].width) == 61  # 60 characters and padding
    assert sheet.column_dimensions["O"].hidden  # the check code
    (validation,) = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert str(validation.sqref) == f"J{FIRST_ROW}:J{sheet.max_row}"
    assert "được miễn / waived" in (validation.formula1 or "")
    rows = list(sheet.iter_rows(min_row=FIRST_ROW, values_only=True))
    assert all(row[0] == UNIT for row in rows)
    assert all(row[INDEX["task"]] for row in rows)  # no expected plan: its record is a plan
    deadlines = [row[INDEX["deadline"]] for row in rows]
    assert all(isinstance(d, dt.datetime) for d in deadlines)  # Excel dates, dd/mm/yyyy
    assert [str(d) for d in deadlines] == sorted(str(d) for d in deadlines)
    illustrative = [row for row in rows if row[INDEX["plan"]] == "mh-ls-tp-cl-kh-2024"]
    assert all("minh họa" in str(row[INDEX["asked"]]) for row in illustrative)


def test_period_keeps_one_period(corpus: Path, tmp_path: Path) -> None:
    book = load_workbook(_blank(corpus, tmp_path / "q.xlsx", "--unit", UNIT, "--period", "2024-05"))
    periods = {row[INDEX["period"]] for row in book[SHEET].iter_rows(min_row=3, values_only=True)}
    assert periods == {"2024-05"}


def test_an_existing_workbook_is_kept_without_force(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "w.xlsx"
    target.write_bytes(b"mine")
    code, _, err = _main("progress", str(corpus), "--as-of", AS_OF, "--xlsx", str(target))
    assert code == 2
    assert "--force" in err
    assert target.read_bytes() == b"mine"


_UNSAFE = st.text(alphabet=st.sampled_from("ab[]:*?/\\' \tĐđ\x01"), max_size=40)


@given(st.lists(st.tuples(st.text(max_size=5), _UNSAFE), max_size=12))
def test_sheet_names_are_short_unique_and_safe(units: list[tuple[str, str]]) -> None:
    codes = dict.fromkeys(code for code, _ in units)
    names = sheet_names((code, dict(units)[code]) for code in codes)
    assert set(names) == set(codes)
    assert len({n.casefold() for n in names.values()}) == len(names)
    for name in names.values():
        assert 0 < len(name) <= MAX_SHEET_NAME
        assert not set(name) & set("[]:*?/\\\x01\t")
        assert not name.startswith("'")
        assert not name.endswith("'")


def test_same_and_long_unit_names_get_distinct_sheets() -> None:
    long = "Ủy ban nhân dân phường Chi Lăng thành phố Lạng Sơn"
    names = sheet_names([("a", long), ("b", long), ("c", "ủy BAN"), ("d", "Ủy ban"), ("e", "")])
    assert names["a"] == long[:31].rstrip()
    assert names["b"].endswith(" (2)")
    assert len(names["b"]) <= 31
    assert names["d"] == "Ủy ban (2)"  # Excel compares sheet names regardless of case
    assert names["e"] == "e"


# --- the round trip ------------------------------------------------------------------------


def _standings(corpus: Path) -> dict[tuple[str, str, str | None], dict[str, Any]]:
    # Mid-July: after the days done the workbook gives (a record of a later day is unknown).
    code, out, err = _main(
        "progress", str(corpus), "--as-of", "2024-07-15", "--unit", UNIT, "--json"
    )
    assert code in (0, 1), err
    found = json.loads(out)["occurrences"]
    return {(o["plan"][:2], o["task"], o["period"]): o for o in found}


def test_write_fill_import_validate_and_progress_shows_it(corpus: Path, tmp_path: Path) -> None:
    before = _standings(corpus)
    assert before["mh", "tc2", "2024-06"]["status"] == "overdue"
    assert before["ls", "tc1.4", "2024-05"]["status"] == "overdue"
    blank = _blank(corpus, tmp_path / "blank.xlsx", "--unit", UNIT)
    filled = tmp_path / "Phường Chi Lăng.xlsx"
    fill_workbook(blank, filled, REGEN.FILLED)
    code, out, err = _main("records", "import", str(filled), str(corpus), "--lang", "en")
    assert (code, err) == (0, "")
    written = corpus / "records" / "imported-Phường-Chi-Lăng.records.yaml"
    assert f"Wrote 3 record(s) to {written}" in out
    assert "already recorded: 1" in out
    text = written.read_text(encoding="utf-8")
    assert "done: 2024-07-03" in text  # 03.07.2024, read day first
    assert "done: 2024-06-24" in text  # an Excel date cell
    code, out, err = _main("validate", str(corpus))
    assert code == 0, out + err
    assert "0 error(s)" in out
    after = _standings(corpus)
    assert after["mh", "tc2", "2024-06"]["status"] == "done_late"
    assert after["mh", "tc2", "2024-06"]["late_by"] == 3  # 1, 2 and 3 July 2024, working days
    assert after["mh", "tc1", "2024-Q2"]["status"] == "done_on_time"
    assert after["ls", "tc1.4", "2024-05"]["status"] == "waived"
    assert (
        after["mh", "tc1", "2024-Q1"] == before["mh", "tc1", "2024-Q1"]
    )  # the record held already


def test_a_second_import_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    filled = tmp_path / "filled.xlsx"
    fill_workbook(_blank(corpus, tmp_path / "blank.xlsx", "--unit", UNIT), filled, REGEN.FILLED)
    assert _main("records", "import", str(filled), str(corpus))[0] == 0
    written = corpus / "records" / "imported-filled.records.yaml"
    content, stat = written.read_bytes(), written.stat()
    code, out, err = _main("records", "import", str(filled), str(corpus), "--json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert (document["written"], document["records"], document["known"]) == (False, [], 4)
    assert written.read_bytes() == content
    assert written.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name]


def test_a_new_row_is_added_to_the_file_keeping_its_records(corpus: Path, tmp_path: Path) -> None:
    blank = _blank(corpus, tmp_path / "blank.xlsx", "--unit", UNIT)
    output = tmp_path / "out" / "chi-lang.records.yaml"
    first = {("mh-ls-tp-cl-kh-2024", "tc2", "2024-06"): {"done": "01/07/2024", "quantity": 1}}
    fill_workbook(blank, tmp_path / "one.xlsx", first)
    assert (
        _main(
            "records", "import", str(tmp_path / "one.xlsx"), str(corpus), "--output", str(output)
        )[0]
        == 0
    )
    both = {**first, ("mh-ls-tp-cl-kh-2024", "tc2", "2024-07"): {"done": "1/7/2024"}}
    fill_workbook(blank, tmp_path / "two.xlsx", both)
    code, out, err = _main(
        "records",
        "import",
        str(tmp_path / "two.xlsx"),
        str(corpus),
        "--output",
        str(output),
        "--json",
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["known"] == 1
    text = output.read_text(encoding="utf-8")
    assert text.count("- unit:") == 2
    assert "period: 2024-06" in text
    assert "period: 2024-07" in text


def test_a_conflicting_value_is_a_problem_and_nothing_is_written(
    corpus: Path, tmp_path: Path
) -> None:
    # The corpus records Q1's report as received on 22/03/2024; the sheet says 25/03/2024.
    cells = {
        ("mh-ls-tp-cl-kh-2024", "tc1", "2024-Q1"): {"done": "25/03/2024"},
        ("mh-ls-tp-cl-kh-2024", "tc1", "2024-Q2"): {"done": "24/06/2024"},
    }
    fill_workbook(_blank(corpus, tmp_path / "b.xlsx", "--unit", UNIT), tmp_path / "f.xlsx", cells)
    code, _, err = _main("records", "import", str(tmp_path / "f.xlsx"), str(corpus))
    assert code == 2
    (line,) = err.splitlines()
    assert f"{SHEET}!K" in line
    assert "found another already at" in line
    assert "records.yaml" in line
    assert "done 22/03/2024" in line
    assert not (corpus / "records").exists()


def test_quota_parts_on_other_days_add_up(corpus: Path, tmp_path: Path) -> None:
    blank = _blank(corpus, tmp_path / "b.xlsx", "--unit", UNIT)
    key = ("ls-tp-kh-tuyen-truyen-2024", "tc1.4", "2024-07")
    fill_workbook(blank, tmp_path / "one.xlsx", {key: {"done": "02/07/2024", "quantity": 1}})
    assert _main("records", "import", str(tmp_path / "one.xlsx"), str(corpus))[0] == 0
    fill_workbook(blank, tmp_path / "one.xlsx", {key: {"done": "03/07/2024", "quantity": 2}})
    assert _main("records", "import", str(tmp_path / "one.xlsx"), str(corpus))[0] == 0
    fill_workbook(blank, tmp_path / "one.xlsx", {key: {"done": "03/07/2024", "quantity": 5}})
    code, _, err = _main("records", "import", str(tmp_path / "one.xlsx"), str(corpus))
    assert code == 2
    assert "quantity 2" in err


# --- bad cells ------------------------------------------------------------------------------


def test_every_kind_of_bad_cell_is_one_problem_naming_its_cell(
    corpus: Path, tmp_path: Path
) -> None:
    blank = _blank(corpus, tmp_path / "blank.xlsx", "--unit", UNIT)
    book = load_workbook(blank)
    sheet = book[SHEET]
    col = {c.key: chr(ord("A") + i) for i, c in enumerate(COLUMNS)}
    bad: dict[str, str] = {}

    def put(row: int, key: str, value: object, expect: str | None = None) -> None:
        sheet[f"{col[key]}{row}"] = value  # type: ignore[assignment]
        if expect is not None:
            bad[f"{SHEET}!{col[key]}{row}"] = expect

    put(3, "done", "31/02/2024", "expected a date like 20/03/2024, found '31/02/2024'")
    put(4, "done", "03/31/2024", "found '03/31/2024'")  # month first: no 31st month
    put(5, "done", 45371, "found the number 45371")
    sheet["K5"].number_format = "General"  # a number typed where no date format makes it one
    put(6, "result", "maybe", "expected 'đã thực hiện / done' or 'được miễn / waived'")
    put(7, "done", "01/06/2024")
    put(7, "quantity", "x2", "expected a whole number from 1 to 10000, found 'x2'")
    put(8, "done", "01/06/2024")
    put(8, "quantity", 0, "found the number 0")
    put(9, "done", "01/06/2024")
    put(9, "quantity", 1.5, "found the number 1.5")
    put(10, "evidence", "x" * 3000, "expected at most 2000 characters")
    put(10, "done", "01/06/2024")
    put(11, "unit", "hn-hk.vp")  # a locked key edited
    put(11, "done", "01/06/2024", None)
    bad[f"{SHEET}!A11"] = "found them edited"
    put(12, "result", "được miễn / waived")
    put(12, "note", None, "expected the reason the unit was excused")
    put(13, "result", "waived")
    put(13, "note", "Sáp nhập")
    put(13, "quantity", 2, "expected no quantity for a unit excused")
    put(14, "evidence", "Báo cáo", None)
    bad[f"{SHEET}!K14"] = "expected the date done"
    put(15, "done", "20/03/2099", "expected a day that has come, found 20/03/2099")
    put(16, "done", True, "found true/false")
    put(17, "deadline", "someday", "expected a date like 20/03/2024, found 'someday'")
    put(17, "done", "01/06/2024")
    # A row added by hand below the others: no check code.
    last = sheet.max_row + 1
    for key, value in (("unit", UNIT), ("plan", "mh-ls-tp-cl-kh-2024"), ("task", "tc1")):
        put(last, key, value)
    put(last, "deadline", dt.datetime(2024, 3, 25))
    put(last, "done", "20/03/2024")
    bad[f"{SHEET}!A{last}"] = "found them edited or the row added by hand"
    _save(book, tmp_path / "bad.xlsx")
    output = tmp_path / "out.records.yaml"
    code, out, err = _main(
        "records",
        "import",
        str(tmp_path / "bad.xlsx"),
        str(corpus),
        "--output",
        str(output),
        "--json",
    )
    assert code == 2
    assert not output.exists()
    document = json.loads(out)
    assert document["written"] is False
    found = {p["path"]: p["message"] for p in document["problems"]}
    assert set(found) == set(bad), sorted(set(found) ^ set(bad))
    for where, expected in bad.items():
        assert expected in found[where], where
    lines = err.splitlines()
    assert len(lines) == len(bad)
    assert all(line.startswith(f"{tmp_path / 'bad.xlsx'}: {SHEET}!") for line in lines)


def test_dates_are_read_day_first(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phòng Nội vụ"
    written = ["20/03/2024", "20-03-2024", "20.3.2024", "2024-03-20", " 20/3/2024 "]
    for row, text in enumerate(written, start=FIRST_ROW):
        sheet.cell(row=row, column=INDEX["done"] + 1).value = text
    sheet.cell(row=FIRST_ROW + 5, column=INDEX["done"] + 1).value = dt.datetime(2024, 3, 20)
    _save(book, tmp_path / "dates.xlsx")
    rows = read_workbook(tmp_path / "dates.xlsx")
    assert [r.done for r in rows] == [dt.date(2024, 3, 20)] * 6
    assert all(r.problems == () for r in rows)


def test_a_workbook_of_another_corpus_names_no_duty(corpus: Path, tmp_path: Path) -> None:
    blank = _blank(corpus, tmp_path / "b.xlsx", "--unit", UNIT)
    book = load_workbook(blank)
    sheet = book[SHEET]
    sheet.cell(row=FIRST_ROW, column=INDEX["done"] + 1).value = "20/03/2024"
    _save(book, tmp_path / "f.xlsx")
    other = tmp_path / "other"
    other.mkdir()
    plan = next((corpus / "ha-tinh").glob("*.yaml"))
    (other / plan.name).write_bytes(plan.read_bytes())
    code, _, err = _main("records", "import", str(tmp_path / "f.xlsx"), str(other))
    assert code == 2
    assert f"{SHEET}!C{FIRST_ROW}: expected a duty {UNIT} owes in the corpus" in err


# --- hostile workbooks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"plan: not a workbook\n", "a zip archive", id="text"),
        pytest.param(b"", "a zip archive", id="empty"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 100, "a zip archive", id="broken-zip"),
    ],
)
def test_a_file_that_is_no_workbook_is_one_line(
    content: bytes, expected: str, corpus: Path, tmp_path: Path
) -> None:
    (tmp_path / "x.xlsx").write_bytes(content)
    code, out, err = _main("records", "import", str(tmp_path / "x.xlsx"), str(corpus))
    assert (code, out) == (2, "")
    assert expected in err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_a_zip_that_is_no_workbook(corpus: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "x.xlsx", "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    code, _, err = _main("records", "import", str(tmp_path / "x.xlsx"), str(corpus))
    assert code == 2
    assert "expected an Excel workbook" in err
    assert "Traceback" not in err


def test_a_zip_bomb_is_refused_before_it_is_unpacked(corpus: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    block = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(101):  # 101 MB of zeros: about 100 kB packed
            part.write(block)
    assert bomb.stat().st_size < 1 << 20
    code, _, err = _main("records", "import", str(bomb), str(corpus))
    assert code == 2
    assert "unpacking to at most 100 MB" in err


def test_a_file_too_large_is_refused_unread(corpus: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)  # sparse: no disk used
    code, _, err = _main("records", "import", str(huge), str(corpus))
    assert code == 2
    assert "at most 20 MB" in err


def test_a_huge_sheet_is_refused(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cchc.files._workbook as workbook

    monkeypatch.setattr(workbook, "MAX_ROWS", 50)
    with warnings.catch_warnings():
        # openpyxl's write-only sheets open a temporary file without naming its encoding.
        warnings.simplefilter("ignore", EncodingWarning)
        book = Workbook(write_only=True)
        sheet = book.create_sheet("big")
        for number in range(60 + FIRST_ROW):
            sheet.append([f"u{number}", None, "plan", "t1"])
        book.save(tmp_path / "big.xlsx")
    code, _, err = _main("records", "import", str(tmp_path / "big.xlsx"), str(corpus))
    assert code == 2
    assert "expected at most 50 rows" in err


def test_the_output_must_be_a_record_file_and_a_place_is_needed(
    corpus: Path, tmp_path: Path
) -> None:
    blank = _blank(corpus, tmp_path / "b.xlsx", "--unit", UNIT)
    code, _, err = _main("records", "import", str(blank), str(corpus), "--output", "x.yaml")
    assert code == 2
    assert "NAME.records.yaml" in err
    code, _, err = _main("records", "import", str(blank))
    assert code == 2
    assert "PATH" in err
    assert _main("records", "import", str(blank), "--dry-run")[0] == 0
    assert _main("records")[0] == 2  # the action is required


def test_dumped_records_read_back_the_same(tmp_path: Path) -> None:
    from cchc import ItemLink, Record, load_corpus
    from cchc.files._dump import dumps_records

    records = (
        Record(
            unit="a.b",
            duty=ItemLink(plan="k-1", item="t1"),
            period="2024",
            done=dt.date(2024, 3, 20),
        ),
        Record(
            unit="a.b",
            duty=ItemLink(plan="k-1", item="t2"),
            period="2024-Q1",
            done=dt.date(2024, 3, 20),
            evidence="Báo cáo số 12/BC-UBND\u202e: yes",
            quantity=3,
            note="two\nlines",
        ),
        Record(unit="a.b", duty=ItemLink(plan="k-1", item="t3"), waiver="Sáp nhập: 'x'"),
    )
    path = tmp_path / "x.records.yaml"
    path.write_text(dumps_records(records, header="one\ntwo"), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# one\n# two\nrecords:\n")
    assert "\u202e" not in text  # escaped, so the file shows what it holds
    assert load_corpus(path).records == records
    as_json = tmp_path / "x.records.json"
    as_json.write_text(dumps_records(records, header="one", fmt="json"), encoding="utf-8")
    assert as_json.read_text(encoding="utf-8").startswith('{\n  "records": [')
    assert load_corpus(as_json).records == records


def test_dumped_records_refuse_an_unknown_format() -> None:
    from cchc.exceptions import CchcError
    from cchc.files._dump import dumps_records

    with pytest.raises(CchcError, match="expected 'yaml' or 'json'"):
        dumps_records((), fmt="toml")


_CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers() | st.just(10**5000),
    st.floats(allow_nan=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),
    st.dates(),
)


@given(st.lists(_CELL, min_size=len(COLUMNS), max_size=len(COLUMNS)))
def test_any_cell_reads_or_is_one_problem_of_its_own(values: list[object]) -> None:
    from cchc.files._workbook import _row

    row = _row("Phòng Nội vụ", 7, tuple(values), "book.xlsx")
    paths = [p.path for p in row.problems]
    assert len(paths) == len(set(paths))  # one problem a cell at most
    assert all(p is not None and p.startswith("Phòng Nội vụ!") and p.endswith("7") for p in paths)
