"""Fill-in workbooks of follow-through: their layout, and reading a filled one back.

``progress --xlsx`` writes a workbook (:mod:`cchc.render._workbook`) with one row per
obligation of a unit: locked key columns saying what is owed, and open columns for what
the unit did (the result, the day, the evidence, the quantity, a note).  This module holds
the layout both sides share and reads a workbook back, cell by cell, into :class:`SheetRow`
values; which rows become records is decided against the corpus (:mod:`cchc.report._imported`).

A workbook comes back from outside and is read as untrusted: it must be a zip archive no
larger than :data:`MAX_WORKBOOK_BYTES`, holding at most :data:`MAX_UNPACKED_BYTES` once
unpacked and :data:`MAX_ROWS` rows in all.  Dates written in cells are read day first, as
Vietnamese users write them (``20/03/2024``, ``20-03-2024``, ``20.3.2024``); a cell Excel
holds as a date is read as that date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from cchc.exceptions import CchcError, ParseError, Problem
from cchc.model._checks import MAX_COUNT
from cchc.text._dates import parse_date

__all__ = [
    "COLUMNS",
    "DONE",
    "FIRST_ROW",
    "INDEX",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "MAX_WORKBOOK_BYTES",
    "RESULTS",
    "WAIVED",
    "Column",
    "SheetRow",
    "WorkbookError",
    "check_code",
    "column_letter",
    "read_workbook",
]

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
"""Workbooks larger than this are refused: a year of a province's duties is well under 1 MB."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""The most a workbook may unpack to: a small file that unpacks to gigabytes is a zip bomb."""
MAX_ROWS = 200_000
"""The most rows read from all sheets together, empty ones included."""
MAX_TEXT = 2_000
"""The longest text taken from one cell; evidence and notes are a line or two."""


@attrs.frozen
class Column:
    """One column of the fill-in sheet."""

    key: str
    """The name the code uses for it."""
    vi: str
    """Its header in Vietnamese (the first header row)."""
    en: str
    """Its header in English (the second header row)."""
    width: int
    """Its width, in characters."""
    open: bool = False
    """True for the columns the unit fills in; the others are locked."""


COLUMNS: tuple[Column, ...] = (
    Column("unit", "Mã đơn vị", "Unit code", 18),
    Column("unit_name", "Đơn vị", "Unit", 30),
    Column("plan", "Kế hoạch", "Plan", 28),
    Column("task", "Nhiệm vụ", "Task", 10),
    Column("period", "Kỳ", "Period", 10),
    Column("deadline", "Hạn", "Deadline", 12),
    Column("asked", "Nội dung yêu cầu", "What is asked", 60),
    Column("count", "Số lượng yêu cầu", "Quantity asked", 10),
    Column("standing", "Tình trạng", "Standing", 24),
    Column("result", "Kết quả", "Result", 22, open=True),
    Column("done", "Ngày thực hiện", "Date done", 14, open=True),
    Column("evidence", "Minh chứng", "Evidence", 40, open=True),
    Column("quantity", "Số lượng đã thực hiện", "Quantity done", 12, open=True),
    Column("note", "Ghi chú (lý do nếu được miễn)", "Note (the reason if waived)", 36, open=True),
    Column("check", "Mã kiểm tra", "Check code", 18),
)
"""The columns of every sheet, in order.  The check code (hidden) is a digest of the key
columns: a row whose keys were edited no longer matches it."""
INDEX = {column.key: index for index, column in enumerate(COLUMNS)}
"""The 0-based position of each column by key."""
FIRST_ROW = 3
"""The 1-based row of the first obligation: the two above hold the headers."""


DONE = "đã thực hiện / done"
"""The result of a duty done (the date done is then required)."""
WAIVED = "được miễn / waived"
"""The result of a unit excused (the note then gives the reason)."""
RESULTS: tuple[str, ...] = (DONE, WAIVED)
"""The values of the drop-down of the result column."""


def column_letter(index: int) -> str:
    """The letter of the 0-based column *index* (fewer than 26 columns are used)."""
    return chr(ord("A") + index)


def check_code(unit: str, plan: str, task: str, period: str | None, deadline: dt.date) -> str:
    """The digest of a row's keys that the hidden check column holds."""
    text = "\x1f".join((unit, plan, task, period or "", deadline.isoformat()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class WorkbookError(CchcError):
    """A file that cannot be read as a workbook at all: too large, not a workbook, a bomb."""


@attrs.frozen(kw_only=True)
class SheetRow:
    """One filled row of a sheet, its cells read (what could be read) and its problems."""

    sheet: str
    """The sheet's name."""
    row: int
    """The 1-based row number."""
    unit: str | None
    plan: str | None
    task: str | None
    period: str | None
    deadline: dt.date | None
    check: str | None
    result: str | None
    """:data:`DONE`, :data:`WAIVED`, or None when the cell is empty."""
    done: dt.date | None
    evidence: str | None
    quantity: int | None
    note: str | None
    problems: tuple[Problem, ...] = ()
    """The cells that could not be read, each a problem naming ``sheet!cell``."""

    def cell(self, key: str) -> str:
        """The reference (``D7``) of the cell of column *key* in this row."""
        return f"{column_letter(INDEX[key])}{self.row}"

    @property
    def filled(self) -> bool:
        """True when the unit wrote something in an open column."""
        return any(
            v is not None for v in (self.result, self.done, self.evidence, self.quantity, self.note)
        ) or any(p.rule == "workbook.open_cell" for p in self.problems)


def read_workbook(path: str | os.PathLike[str], label: str | None = None) -> list[SheetRow]:
    """Every obligation row of the workbook at *path*, in sheet and row order.

    Raises :class:`WorkbookError` when the file is no workbook, or exceeds the bounds of
    this module; bad cells are problems of their rows, never errors.
    """
    label = os.fspath(path) if label is None else label
    _check_archive(Path(path), label)
    # The file is opened here, not by openpyxl: older releases leave their own handle open
    # when a sheet's reading stops early (a sheet over the row limit), until collected.
    with open(path, "rb") as handle:
        return _read_book(handle, label)


def _read_book(handle: BinaryIO, label: str) -> list[SheetRow]:
    """The rows of the workbook read from the open file *handle*."""
    # Only the commands that read a workbook pay for openpyxl (a third of a second).
    from openpyxl import load_workbook  # noqa: PLC0415

    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises anything on a broken archive
        raise WorkbookError(f"{label}: expected an Excel workbook (.xlsx), {_why(error)}") from None
    rows: list[SheetRow] = []
    seen = 0
    try:
        for sheet in book.worksheets:
            for number, values in _rows(sheet):
                seen += 1  # empty rows too: a sheet of a million empty rows is a bomb as well
                if seen > MAX_ROWS:
                    raise WorkbookError(f"{label}: expected at most {MAX_ROWS} rows, found more")
                if any(v is not None and v != "" for v in values):
                    rows.append(_row(str(sheet.title), number, values, label))
    except WorkbookError:
        raise
    except Exception as error:  # a damaged sheet fails inside openpyxl
        raise WorkbookError(f"{label}: expected an Excel workbook (.xlsx), {_why(error)}") from None
    finally:
        book.close()
    return rows


def _why(error: BaseException) -> str:
    words = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
    return f"found a file that cannot be read as one ({words})"


def _check_archive(path: Path, label: str) -> None:
    """Refuse a file too large, not a zip archive, or unpacking to too much."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise WorkbookError(f"{label}: cannot read it: {error.strerror or error}") from None
    if not path.is_file():
        raise WorkbookError(f"{label}: expected a workbook file, found something else")
    if size > MAX_WORKBOOK_BYTES:
        raise WorkbookError(
            f"{label}: expected a workbook of at most {MAX_WORKBOOK_BYTES // 1024 // 1024} MB, "
            f"found {size} bytes"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            # The sizes the archive declares; openpyxl's reads stop at them (zipfile checks).
            unpacked = sum(info.file_size for info in archive.infolist())
            entries = len(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookError(
            f"{label}: expected an Excel workbook (.xlsx, a zip archive), found another file"
        ) from None
    if unpacked > MAX_UNPACKED_BYTES or entries > 10_000:
        raise WorkbookError(
            f"{label}: expected a workbook unpacking to at most "
            f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB, found {unpacked} bytes in {entries} parts"
        )


def _rows(sheet: Any) -> Iterator[tuple[int, tuple[object, ...]]]:
    """The rows below the headers, as tuples of the first :data:`COLUMNS` values."""
    width = len(COLUMNS)
    for number, values in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_col=width, values_only=True), start=FIRST_ROW
    ):
        padded = tuple(values) + (None,) * (width - len(values))
        yield number, padded[:width]


def _row(sheet: str, number: int, values: tuple[object, ...], label: str) -> SheetRow:
    """One row's cells read, a problem for each that could not be."""
    reading = _Cells(sheet, number, values, label)
    return SheetRow(
        sheet=sheet,
        row=number,
        unit=reading.text("unit"),
        plan=reading.text("plan"),
        task=reading.text("task"),
        period=reading.text("period"),
        deadline=reading.date("deadline"),
        check=reading.text("check"),
        result=reading.result(),
        done=reading.date("done"),
        evidence=reading.text("evidence"),
        quantity=reading.quantity(),
        note=reading.text("note"),
        problems=tuple(reading.problems),
    )


class _Cells:
    """The cells of one row, read one by one; what cannot be read becomes a problem."""

    def __init__(self, sheet: str, number: int, values: tuple[object, ...], label: str) -> None:
        self.sheet, self.number, self.values, self.label = sheet, number, values, label
        self.problems: list[Problem] = []

    def _problem(self, key: str, message: str) -> None:
        rule = "workbook.open_cell" if COLUMNS[INDEX[key]].open else "workbook.key_cell"
        where = f"{self.sheet}!{column_letter(INDEX[key])}{self.number}"
        self.problems.append(Problem(file=self.label, path=where, message=message, rule=rule))

    def text(self, key: str) -> str | None:
        value = self.values[INDEX[key]]
        if value is None:
            return None
        huge = isinstance(value, int) and value.bit_length() > 64
        if huge or isinstance(value, bool) or not isinstance(value, str | int | float):
            self._problem(key, f"expected text, found {_shown(value)}")
            return None
        text = unicodedata.normalize("NFC", str(value)).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))  # a period 2024 Excel turned into a number
        if len(text) > MAX_TEXT:
            self._problem(key, f"expected at most {MAX_TEXT} characters, found {len(text)}")
            return None
        return text or None

    def date(self, key: str) -> dt.date | None:
        value = self.values[INDEX[key]]
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.datetime):
            return value.date()  # a cell Excel holds as a date
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return parse_date(value.strip())
            except ParseError:
                pass
        self._problem(key, f"expected a date like 20/03/2024, found {_shown(value)}")
        return None

    def quantity(self) -> int | None:
        value = self.values[INDEX["quantity"]]
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number: object = value
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            number = int(value.strip())
        if isinstance(number, float) and number.is_integer():
            number = int(number)
        if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= MAX_COUNT:
            return number
        self._problem(
            "quantity", f"expected a whole number from 1 to {MAX_COUNT}, found {_shown(value)}"
        )
        return None

    def result(self) -> str | None:
        text = self.text("result")
        if text is None:
            return None
        wanted = text.casefold()
        for choice in RESULTS:
            if wanted in (choice.casefold(), *(p.strip().casefold() for p in choice.split("/"))):
                return choice
        self._problem("result", f"expected {' or '.join(map(repr, RESULTS))}, found {text!r}")
        return None


def _shown(value: object) -> str:
    """A cell's value as a message quotes it: text in quotes, cut when long."""
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:60] + "…")
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        # Never str() of a huge int: past 4,300 digits Python refuses to convert it.
        return f"the number {value}" if value.bit_length() <= 64 else "a number of over 20 digits"
    if isinstance(value, float):
        return f"the number {value:g}"
    return type(value).__name__
