"""``coverage --xlsx``: the coverage matrix as a workbook.

A summary sheet (one row per implements edge), one sheet per parent plan with items (its
items by its child plans, each cell the item's state in words on its own fill colour, a
legend above) and a details sheet (one row per parent item and child, with what carries
it, a suggestion's score or a waiver's reason), as ``coverage --json`` holds them.  The
workbook is dated by the newest issue date of its plans: the same input, the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from cchc.coverage._coverage import CorpusCoverage, EdgeCoverage, Status, matrix
from cchc.model._plan import Plan
from cchc.render._books import EPOCH, Cells, Formats, mark_key, new_book, write_headers
from cchc.render._workbook import sheet_names

__all__ = ["STATE_WORDS", "coverage_book_bytes"]

STATE_WORDS: Mapping[Status, str] = {
    Status.COVERED: "đã kế thừa / covered",
    Status.WAIVED: "miễn / waived",
    Status.SUGGESTED: "gợi ý / suggested",
    Status.MISSING: "thiếu / missing",
}
"""The words of each state of a parent item in a child plan, as the cells say it."""

_STATE_FILL = {
    Status.COVERED: "#C6EFCE",
    Status.WAIVED: "#DDEBF7",
    Status.SUGGESTED: "#FFEB9C",
    Status.MISSING: "#FFC7CE",
}
# Green, blue, yellow and red as offices know them from conditional formatting; the word
# says the state too, for a printout in black and white.


def _percent(value: float | None) -> float | None:
    """A share of 0-100 as Excel's fraction of one, for a ``0.0%`` format; None unknown."""
    return None if value is None else value / 100


_SUMMARY_HEADERS = (
    ("Kế hoạch cấp trên / Parent plan", 28),
    ("Số, ký hiệu / Reference", 30),
    ("Kế hoạch cấp dưới / Child plan", 28),
    ("Số, ký hiệu / Reference", 30),
    ("Số nội dung / Items", 10),
    ("Đã kế thừa hoặc miễn / Carried", 12),
    ("Tỷ lệ kế thừa / Share carried", 12),
    ("Liên kết sai / Dangling links", 10),
    ("Nội dung riêng của cấp dưới / Local additions", 30),
)
_DETAIL_HEADERS = (
    ("Kế hoạch cấp trên / Parent plan", 28),
    ("Nội dung / Item", 10),
    ("Loại / Kind", 12),
    ("Kế hoạch cấp dưới / Child plan", 28),
    ("Trạng thái / State", 20),
    ("Bởi nội dung / By items", 14),
    ("Điểm tương đồng / Score", 10),
    ("Lý do miễn / Reason waived", 40),
    ("Từ trùng / Shared words", 24),
    ("Nội dung công việc / Text", 60),
)
_SUMMARY_SHEET, _DETAIL_SHEET = "Tổng hợp", "Chi tiết"
_MATRIX_TOP = 4
"""Rows above a matrix's first item: title, legend, child keys, child references."""


def coverage_book_bytes(result: CorpusCoverage, plans: Mapping[str, Plan]) -> bytes:
    """The coverage workbook of *result*: summary, one matrix sheet per parent, details.

    *plans* give the references and item texts; a plan marked ``illustrative`` is marked
    in every cell that names it.
    """
    issued = [p.issued for e in result.edges for k in (e.parent, e.child) if (p := plans.get(k))]
    dates = [d for d in issued if d is not None]
    created = dt.datetime.combine(max(dates), dt.time()) if dates else EPOCH
    share = "?" if result.percent is None else f"{result.percent:.1f}%"
    book, stream = new_book("Mức độ kế thừa / Coverage", f"cchc coverage, {share}", created)
    by_parent: dict[str, list[EdgeCoverage]] = {}
    for edge in result.edges:
        if edge.items:  # a parent without items has nothing to tabulate
            by_parent.setdefault(edge.parent, []).append(edge)
    names = sheet_names(
        [
            ("sheet:summary", _SUMMARY_SHEET),
            *((f"plan:{key}", key) for key in by_parent),
            ("sheet:details", _DETAIL_SHEET),
        ]
    )
    marked = frozenset(
        key
        for edge in result.edges
        for key, flag in (
            (edge.parent, edge.parent_illustrative),
            (edge.child, edge.child_illustrative),
        )
        if flag
    )
    writer = _CoverageBook(book, plans, marked)
    writer.summary_sheet(names["sheet:summary"], result)
    for parent, edges in by_parent.items():
        writer.parent_sheet(names[f"plan:{parent}"], edges)
    writer.detail_sheet(names["sheet:details"], result)
    book.close()
    return stream.getvalue()


def _reference(plans: Mapping[str, Plan], key: str) -> str:
    """How a cell names a plan beside its key: ``Kế hoạch số 54/KH-UBND``, else its title."""
    plan = plans.get(key)
    if plan is None:
        return ""
    if plan.ref is not None and not plan.ref.is_blank:
        return f"{plan.kind.vietnamese} số {plan.ref}"
    return plan.title


class _CoverageBook:
    """Writes the sheets of one coverage workbook: its formats, plans and marked keys."""

    def __init__(self, book: Any, plans: Mapping[str, Plan], marked: Collection[str]) -> None:
        self.book, self.plans, self.marked = book, plans, marked
        self.formats = Formats(book)
        self.state = {
            status: book.add_format({"bg_color": fill, "border": 1, "valign": "top"})
            for status, fill in _STATE_FILL.items()
        }

    def summary_sheet(self, name: str, result: CorpusCoverage) -> None:
        """One row per implements edge: its ends, its share carried, its dangling links."""
        book, plans, marked, formats = self.book, self.plans, self.marked, self.formats
        sheet = book.add_worksheet(name)
        cells = Cells(sheet)
        sheet.write_string(0, 0, "Mức độ kế thừa / Coverage", formats.title)
        sheet.write_string(1, 0, "Tỷ lệ kế thừa chung / Overall share carried", formats.bold)
        if result.percent is None:
            sheet.write_string(1, 2, "không đánh giá được / cannot be checked")
        else:
            sheet.write_number(1, 2, result.percent / 100, formats.bold_share)
        write_headers(sheet, 2, _SUMMARY_HEADERS, formats)
        if not result.edges:
            sheet.write_string(3, 0, "Không có quan hệ thực hiện nào / No implements edge")
        for offset, edge in enumerate(result.edges):
            row = 3 + offset
            unknown = "không đánh giá được / cannot be checked"
            values: tuple[object, ...] = (
                mark_key(edge.parent, edge.parent in marked),
                _reference(plans, edge.parent),
                mark_key(edge.child, edge.child in marked),
                _reference(plans, edge.child),
                len(edge.items),
                edge.carried,
                unknown if edge.percent is None else edge.percent / 100,
                len(edge.dangling),
                ", ".join(edge.local),
            )
            for column, value in enumerate(values):
                cells.put(row, column, value, formats.share if column == 6 else formats.text)
        last = 2 + max(len(result.edges), 1)
        sheet.freeze_panes(3, 1)
        sheet.autofilter(2, 0, last, len(_SUMMARY_HEADERS) - 1)

    def parent_sheet(self, name: str, edges: Sequence[EdgeCoverage]) -> None:
        """One parent's items by its child plans, each cell its state in words and colour."""
        table = matrix(edges)
        book, plans, marked, formats = self.book, self.plans, self.marked, self.formats
        sheet = book.add_worksheet(name)
        cells = Cells(sheet)
        parent = table.parent
        title = f"Kế hoạch cấp trên / Parent plan: {mark_key(parent, parent in marked)}"
        reference = _reference(plans, parent)
        sheet.write_string(0, 0, f"{title} — {reference}" if reference else title, formats.title)
        sheet.write_string(1, 0, "Chú giải / Legend", formats.bold)
        for offset, (status, words) in enumerate(STATE_WORDS.items()):
            sheet.write_string(1, 1 + offset, words, self.state[status])
        first = 3  # the first child column, after item, kind and text
        for column, text in enumerate(
            ("Nội dung / Item", "Loại / Kind", "Nội dung công việc / Text")
        ):
            sheet.write_string(2, column, text, formats.header)
            sheet.write_blank(3, column, None, formats.header)
        for offset, child in enumerate(table.children):
            sheet.write_string(2, first + offset, mark_key(child, child in marked), formats.header)
            cells.put(3, first + offset, _reference(plans, child), formats.header)
        share_column = first + len(table.children)
        sheet.write_string(2, share_column, "Tỷ lệ kế thừa / Share carried", formats.header)
        sheet.write_blank(3, share_column, None, formats.header)
        kinds = {i.item: i.kind.value for i in edges[0].items}
        texts = {i.item: i.text for i in edges[0].items}
        for index, item in enumerate(table.items):
            row = _MATRIX_TOP + index
            cells.put(row, 0, item, formats.plain)
            cells.put(row, 1, kinds[item], formats.plain)
            cells.put(row, 2, texts[item], formats.text)
            for offset, child in enumerate(table.children):
                status = table.cells[item, child]
                sheet.write_string(row, first + offset, STATE_WORDS[status], self.state[status])
            cells.put(row, share_column, _percent(table.item_percent(item)), formats.share)
        last = _MATRIX_TOP + len(table.items) - 1
        # The shares of the children sit below a blank row, outside the filter: filtering
        # the items would hide them otherwise.
        total = last + 2
        sheet.write_string(total, 0, "Tỷ lệ kế thừa / Share carried", formats.bold)
        for offset, child in enumerate(table.children):
            cells.put(
                total, first + offset, _percent(table.child_percent(child)), formats.bold_share
            )
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, 12)
        sheet.set_column(2, 2, 50)
        sheet.set_column(first, share_column, 22)
        sheet.freeze_panes(_MATRIX_TOP, first)
        sheet.autofilter(_MATRIX_TOP - 1, 0, last, share_column)

    def detail_sheet(self, name: str, result: CorpusCoverage) -> None:
        """One row per parent item and child plan: the state and what it rests on."""
        book, marked, formats = self.book, self.marked, self.formats
        sheet = book.add_worksheet(name)
        cells = Cells(sheet)
        write_headers(sheet, 0, _DETAIL_HEADERS, formats)
        row = 1
        for edge in result.edges:
            for item in edge.items:
                values: tuple[object, ...] = (
                    mark_key(edge.parent, edge.parent in marked),
                    item.item,
                    item.kind.value,
                    mark_key(edge.child, edge.child in marked),
                    None,  # the state, in its colour, below
                    ", ".join(item.by),
                    item.score,
                    item.reason,
                    ", ".join(item.matched),
                    item.text,
                )
                for column, value in enumerate(values):
                    cells.put(row, column, value, formats.text)
                sheet.write_string(row, 4, STATE_WORDS[item.status], self.state[item.status])
                row += 1
        sheet.freeze_panes(1, 2)
        sheet.autofilter(0, 0, max(row - 1, 1), len(_DETAIL_HEADERS) - 1)
