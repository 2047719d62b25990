"""What the workbooks of cchc share: typed cells, formats, a pinned date, headers.

``coverage --xlsx`` (:mod:`cchc.render._coverage_book`) and ``calendar --xlsx``
(:mod:`cchc.render._agenda_book`) write through these; ``progress --xlsx`` has its own
fill-in workbook (:mod:`cchc.render._workbook`), whose :func:`sheet_names` they reuse.
Every text goes in with ``write_string``: a plan's text such as ``=HYPERLINK(...)`` stays
text, never a formula.  The same input gives the same bytes: the caller pins the creation
date, and XlsxWriter dates every part of the archive 1 January 1980.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import xlsxwriter

from cchc.render._graph import ILLUSTRATIVE_LABEL

__all__ = ["DATE_FORMAT", "EPOCH", "Cells", "Formats", "mark_key", "new_book", "write_headers"]

DATE_FORMAT = "dd/mm/yyyy"
EPOCH = dt.datetime(1980, 1, 1)
"""The creation date of a workbook when nothing in the input dates it."""


def mark_key(key: str, illustrative: bool) -> str:
    """A plan's key, marked when the plan is illustrative, as the terminal marks it."""
    return f"{key} ({ILLUSTRATIVE_LABEL})" if illustrative else key


class Cells:
    """Writes typed cells: strings as strings, numbers as numbers, empty as blank."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet

    def put(self, row: int, column: int, value: object, style: Any = None) -> None:
        """Write *value* at (*row*, *column*); text never becomes a formula or number."""
        sheet = self.sheet
        if value is None or value == "":
            sheet.write_blank(row, column, None, style)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, style)
        elif isinstance(value, int | float):
            sheet.write_number(row, column, value, style)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), style)
        else:
            # write_string, never write: "=HYPERLINK(...)" or "2024" stays the text it is.
            sheet.write_string(row, column, str(value), style)


def new_book(title: str, comments: str, created: dt.datetime) -> tuple[Any, io.BytesIO]:
    """A workbook writing into memory, its properties set, and the stream it fills."""
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True})
    # Pinned: XlsxWriter would otherwise write the time of the run into docProps/core.xml.
    book.set_properties({"title": title, "comments": comments, "created": created})
    return book, stream


class Formats:
    """The cell formats of one workbook, made once."""

    def __init__(self, book: Any) -> None:
        self.title = book.add_format({"bold": True, "font_size": 12})
        self.header = book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#D9E1F2"}
        )
        self.text = book.add_format({"text_wrap": True, "valign": "top"})
        self.plain = book.add_format({"valign": "top"})
        self.date = book.add_format({"num_format": DATE_FORMAT, "valign": "top"})
        self.share = book.add_format({"num_format": "0.0%", "valign": "top"})
        self.bold_share = book.add_format({"num_format": "0.0%", "bold": True})
        self.bold = book.add_format({"bold": True})


def write_headers(
    sheet: Any, row: int, headers: Sequence[tuple[str, int]], formats: Formats
) -> None:
    """Write *headers* (text, width) in *row*, and set the widths of their columns."""
    for column, (text, width) in enumerate(headers):
        sheet.write_string(row, column, text, formats.header)
        sheet.set_column(column, column, width)
