"""``progress --xlsx``: a fill-in workbook a Sở Nội vụ sends its units, one sheet per unit.

Each sheet lists the unit's scheduled duties (one row per occurrence: a quarterly report of
2024-Q1, the article quota of 2024-05) with the columns of :data:`cchc.files._workbook.COLUMNS`:
what is owed, locked, and what the unit did, open, with a drop-down for the result.  The
sheet is protected without a password: it keeps the keys from being edited by mistake, not
from a determined user; ``records import`` refuses a row whose keys changed anyway (the
hidden check code).  The same input gives the same bytes: the workbook's creation date is
the day asked about, and XlsxWriter dates every part of the archive 1 January 1980.

A unit's duty to issue a plan of its own is not listed: its record is the plan itself.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import xlsxwriter

from cchc.files._workbook import COLUMNS, FIRST_ROW, INDEX, RESULTS, check_code
from cchc.model._corpus import Corpus
from cchc.model._items import Task
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.render._progress import STANDING_LABELS
from cchc.report._progress import Obligation, Progress
from cchc.text._dates import format_vn_date

__all__ = ["MAX_SHEET_NAME", "sheet_names", "workbook_bytes"]

MAX_SHEET_NAME = 31
"""Excel refuses a sheet name longer than this."""
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
"""What Excel refuses in a sheet name, and control characters."""
_DATE_FORMAT = "dd/mm/yyyy"


def sheet_names(units: Iterable[tuple[str, str]]) -> dict[str, str]:
    r"""A sheet name for each (code, name) of *units*: the name made safe, unique, short.

    Excel allows 31 characters, none of ``[]:*?/\\``, no apostrophe at either end, and
    compares names without regard to case; a name left empty falls back to the code, and
    a name taken already gets `` (2)``, `` (3)`` ... within the 31 characters.
    """
    found: dict[str, str] = {}
    taken: set[str] = set()
    for code, name in units:
        base = _safe(name) or _safe(code) or "Sheet"
        candidate, number = base, 1
        while candidate.casefold() in taken or candidate.casefold() == "history":
            number += 1
            suffix = f" ({number})"
            candidate = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        taken.add(candidate.casefold())
        found[code] = candidate
    return found


def _safe(text: str) -> str:
    cleaned = " ".join(_NOT_IN_SHEET_NAME.sub(" ", text).split()).strip("'")
    return cleaned[:MAX_SHEET_NAME].rstrip().strip("'")


def workbook_bytes(
    result: Progress,
    corpus: Corpus,
    names: Mapping[str, str],
    *,
    illustrative: frozenset[str] = frozenset(),
) -> bytes:
    """The fill-in workbook of *result*'s scheduled obligations, one sheet per unit.

    *names* are the units' names (for the sheets and the unit column); plans of
    *illustrative* are marked as such in every row.
    """
    by_unit: dict[str, list[Obligation]] = defaultdict(list)
    for obligation in result.obligations:
        if obligation.task is not None and obligation.deadline is not None:
            by_unit[obligation.unit].append(obligation)
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True})
    # Pinned: XlsxWriter would otherwise write the time of the run into docProps/core.xml.
    midnight = dt.datetime.combine(result.as_of, dt.time())
    book.set_properties(
        {
            "title": "Theo dõi thực hiện kế hoạch / Follow-through of plans",
            "comments": f"cchc progress, {format_vn_date(result.as_of, 'numeric')}",
            "created": midnight,
        }
    )
    writer = _Writer(book, corpus, result.as_of, illustrative)
    codes = sorted(by_unit)
    sheets = sheet_names((code, names.get(code, code)) for code in codes)
    for code in codes:
        rows = sorted(by_unit[code], key=lambda o: (o.deadline, o.plan, o.task, o.period or ""))
        writer.sheet(sheets[code], rows, names.get(code, code))
    if not codes:
        sheet = book.add_worksheet("cchc")
        sheet.write_string(0, 0, "Không có nhiệm vụ nào trong kỳ / No duty in the period")
    book.close()
    return stream.getvalue()


class _Formats:
    """The cell formats of the sheets, made once per workbook."""

    def __init__(self, book: Any) -> None:
        header = {"bold": True, "text_wrap": True, "valign": "top", "border": 1}
        self.header = book.add_format({**header, "bg_color": "#D9E1F2"})
        self.header_open = book.add_format({**header, "bg_color": "#FFF2CC"})
        self.english = book.add_format({"italic": True, "text_wrap": True, "valign": "top"})
        self.locked = book.add_format({"text_wrap": True, "valign": "top"})
        self.locked_date = book.add_format({"num_format": _DATE_FORMAT, "valign": "top"})
        self.open = book.add_format({"locked": False, "text_wrap": True, "valign": "top"})
        self.open_date = book.add_format(
            {"locked": False, "num_format": _DATE_FORMAT, "valign": "top"}
        )


class _Writer:
    """Writes the sheets of one workbook: its formats, the corpus, the day."""

    def __init__(
        self, book: Any, corpus: Corpus, as_of: dt.date, illustrative: frozenset[str]
    ) -> None:
        self.book, self.corpus, self.as_of = book, corpus, as_of
        self.illustrative = illustrative
        self.formats = _Formats(book)

    def sheet(self, name: str, rows: list[Obligation], unit_name: str) -> None:
        """One unit's sheet: headers, a row per obligation, widths, validation, protection."""
        sheet = self.book.add_worksheet(name)
        formats = self.formats
        day = format_vn_date(self.as_of, "numeric")
        for index, column in enumerate(COLUMNS):
            vi, en = column.vi, column.en
            if column.key == "standing":
                vi, en = f"{vi} ngày {day}", f"{en} on {day}"
            sheet.write_string(0, index, vi, formats.header_open if column.open else formats.header)
            sheet.write_string(1, index, en, formats.english)
            width_format = formats.open if column.open else None
            sheet.set_column(index, index, column.width, width_format)
        sheet.set_column(
            INDEX["check"], INDEX["check"], COLUMNS[INDEX["check"]].width, None, {"hidden": True}
        )
        for offset, obligation in enumerate(rows):
            self._row(sheet, FIRST_ROW - 1 + offset, obligation, unit_name)
        last = FIRST_ROW - 1 + max(len(rows), 1) - 1
        result = INDEX["result"]
        sheet.data_validation(
            FIRST_ROW - 1,
            result,
            last,
            result,
            {
                "validate": "list",
                "source": list(RESULTS),
                "input_title": "Kết quả / Result",
                "input_message": "Chọn trong danh sách / Choose from the list",
            },
        )
        # No validation of the date done: Excel would refuse 20/03/2024 typed on a computer
        # set to month-first dates, which records import reads day first as written.
        sheet.freeze_panes(FIRST_ROW - 1, INDEX["plan"])
        sheet.autofilter(1, 0, last, len(COLUMNS) - 2)
        # No password: the lock keeps keys from being changed by mistake (see the module).
        sheet.protect("", {"autofilter": True, "sort": False, "format_columns": True})

    def _row(self, sheet: Any, row: int, obligation: Obligation, unit_name: str) -> None:
        """One obligation's row: its keys locked, its open cells blank."""
        formats, illustrative = self.formats, self.illustrative
        assert obligation.task is not None
        assert obligation.deadline is not None
        plan = self.corpus.get(obligation.plan)
        item = plan.item(obligation.task) if plan is not None else None
        asked = item.text if isinstance(item, Task) else ""
        if obligation.plan in illustrative:
            asked = f"{asked} [{ILLUSTRATIVE_LABEL}]"
        _, vi, en = STANDING_LABELS[obligation.status]
        cells: dict[str, Any] = {
            "unit": obligation.unit,
            "unit_name": unit_name,
            "plan": obligation.plan,
            "task": obligation.task,
            "period": obligation.period or "",
            "asked": asked,
            "count": obligation.count,
            "standing": f"{vi} / {en}"
            + (f" ({format_vn_date(obligation.done, 'numeric')})" if obligation.done else ""),
            "check": check_code(
                obligation.unit,
                obligation.plan,
                obligation.task,
                obligation.period,
                obligation.deadline,
            ),
        }
        for key, value in cells.items():
            if value is None or value == "":
                sheet.write_blank(row, INDEX[key], None, formats.locked)
            elif isinstance(value, int):
                sheet.write_number(row, INDEX[key], value, formats.locked)
            else:
                # write_string, never write: text such as "=1+1" or "2024" stays text.
                sheet.write_string(row, INDEX[key], value, formats.locked)
        deadline = dt.datetime.combine(obligation.deadline, dt.time())
        sheet.write_datetime(row, INDEX["deadline"], deadline, formats.locked_date)
        for column in COLUMNS:
            if column.open:
                style = formats.open_date if column.key == "done" else formats.open
                sheet.write_blank(row, INDEX[column.key], None, style)
