"""``coverage --xlsx`` and ``calendar --xlsx``: the matrix and the agenda as workbooks.

Offices pass coverage and deadlines around as spreadsheets, so both commands can write
what they print to an .xlsx file as well:

- the coverage workbook has a summary sheet (one row per implements edge), one sheet per
  parent plan with items (its items by its child plans, each cell the item's state in
  words on its own fill colour, a legend above) and a details sheet (one row per parent
  item and child, with what carries it, a suggestion's score or a waiver's reason);
- the calendar workbook has one sheet per unit, one row per deadline the unit owes in
  the range asked for, dates as Excel dates.

Headers are in Vietnamese and English, frozen, with an autofilter.  Every text goes in with
``write_string``: a plan's text such as ``=HYPERLINK(...)`` stays text, never a formula.
The same input gives the same bytes: the creation date is pinned (the day asked about for
the calendar, the newest issue date of the plans for coverage) and XlsxWriter dates every
part of the archive 1 January 1980.  Sheet names come from :func:`sheet_names`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import xlsxwriter

from cchc.calendar._occurrence import Occurrence, Timing, timing
from cchc.coverage._coverage import CorpusCoverage, EdgeCoverage, Status, matrix
from cchc.model._groups import Groups
from cchc.model._plan import Plan
from cchc.render._console import Lang
from cchc.render._deadlines import short_period
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.render._workbook import sheet_names
from cchc.text._dates import format_vn_date
from cchc.text._vocab import ScheduleKind

__all__ = [
    "AGENDA_COLUMNS",
    "STATE_WORDS",
    "TIMING_WORDS",
    "agenda_by_unit",
    "calendar_book_bytes",
    "coverage_book_bytes",
    "kind_words",
    "period_words",
]

_DATE_FORMAT = "dd/mm/yyyy"
_EPOCH = dt.datetime(1980, 1, 1)
"""The creation date of a workbook when nothing in the input dates it."""

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

TIMING_WORDS: Mapping[Timing, str] = {
    Timing.OVERDUE: "quá hạn / overdue",
    Timing.UPCOMING: "sắp đến / upcoming",
    Timing.LATER: "chưa đến / later",
    Timing.WINDOW_PASSED: "đã qua khung luật định / legal window passed",
    Timing.DONE: "đã xong / done",
}
"""Where an occurrence stands on the day asked about, as the agenda's cells say it."""

_KIND_WORDS = {
    ScheduleKind.DUE: "hạn / due",
    ScheduleKind.RECURRING: "định kỳ / recurring",
    ScheduleKind.QUOTA: "chỉ tiêu / quota",
    ScheduleKind.REPORT: "báo cáo / report",
    ScheduleKind.CONTINUOUS: "thường xuyên / continuous",
}


def kind_words(kind: ScheduleKind) -> str:
    """A schedule's kind in both languages: ``báo cáo / report``."""
    return _KIND_WORDS[kind]


def _marked(key: str, illustrative: bool) -> str:
    """A plan's key, marked when the plan is illustrative, as the terminal marks it."""
    return f"{key} ({ILLUSTRATIVE_LABEL})" if illustrative else key


def _percent(value: float | None) -> float | None:
    """A share of 0-100 as Excel's fraction of one, for a ``0.0%`` format; None unknown."""
    return None if value is None else value / 100


class _Cells:
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


def _new_book(title: str, comments: str, created: dt.datetime) -> tuple[Any, io.BytesIO]:
    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True})
    # Pinned: XlsxWriter would otherwise write the time of the run into docProps/core.xml.
    book.set_properties({"title": title, "comments": comments, "created": created})
    return book, stream


class _Formats:
    """The cell formats of one workbook, made once."""

    def __init__(self, book: Any) -> None:
        self.title = book.add_format({"bold": True, "font_size": 12})
        self.header = book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#D9E1F2"}
        )
        self.text = book.add_format({"text_wrap": True, "valign": "top"})
        self.plain = book.add_format({"valign": "top"})
        self.date = book.add_format({"num_format": _DATE_FORMAT, "valign": "top"})
        self.share = book.add_format({"num_format": "0.0%", "valign": "top"})
        self.bold_share = book.add_format({"num_format": "0.0%", "bold": True})
        self.bold = book.add_format({"bold": True})
        self.state = {
            status: book.add_format({"bg_color": fill, "border": 1, "valign": "top"})
            for status, fill in _STATE_FILL.items()
        }


# --- coverage -----------------------------------------------------------------------------

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
    created = dt.datetime.combine(max(dates), dt.time()) if dates else _EPOCH
    share = "?" if result.percent is None else f"{result.percent:.1f}%"
    book, stream = _new_book("Mức độ kế thừa / Coverage", f"cchc coverage, {share}", created)
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


def _headers(sheet: Any, row: int, headers: Sequence[tuple[str, int]], formats: _Formats) -> None:
    for column, (text, width) in enumerate(headers):
        sheet.write_string(row, column, text, formats.header)
        sheet.set_column(column, column, width)


class _CoverageBook:
    """Writes the sheets of one coverage workbook: its formats, plans and marked keys."""

    def __init__(self, book: Any, plans: Mapping[str, Plan], marked: Collection[str]) -> None:
        self.book, self.plans, self.marked = book, plans, marked
        self.formats = _Formats(book)

    def summary_sheet(self, name: str, result: CorpusCoverage) -> None:
        """One row per implements edge: its ends, its share carried, its dangling links."""
        book, plans, marked, formats = self.book, self.plans, self.marked, self.formats
        sheet = book.add_worksheet(name)
        cells = _Cells(sheet)
        sheet.write_string(0, 0, "Mức độ kế thừa / Coverage", formats.title)
        sheet.write_string(1, 0, "Tỷ lệ kế thừa chung / Overall share carried", formats.bold)
        if result.percent is None:
            sheet.write_string(1, 2, "không đánh giá được / cannot be checked")
        else:
            sheet.write_number(1, 2, result.percent / 100, formats.bold_share)
        _headers(sheet, 2, _SUMMARY_HEADERS, formats)
        if not result.edges:
            sheet.write_string(3, 0, "Không có quan hệ thực hiện nào / No implements edge")
        for offset, edge in enumerate(result.edges):
            row = 3 + offset
            unknown = "không đánh giá được / cannot be checked"
            values: tuple[object, ...] = (
                _marked(edge.parent, edge.parent in marked),
                _reference(plans, edge.parent),
                _marked(edge.child, edge.child in marked),
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
        cells = _Cells(sheet)
        parent = table.parent
        title = f"Kế hoạch cấp trên / Parent plan: {_marked(parent, parent in marked)}"
        reference = _reference(plans, parent)
        sheet.write_string(0, 0, f"{title} — {reference}" if reference else title, formats.title)
        sheet.write_string(1, 0, "Chú giải / Legend", formats.bold)
        for offset, (status, words) in enumerate(STATE_WORDS.items()):
            sheet.write_string(1, 1 + offset, words, formats.state[status])
        first = 3  # the first child column, after item, kind and text
        for column, text in enumerate(
            ("Nội dung / Item", "Loại / Kind", "Nội dung công việc / Text")
        ):
            sheet.write_string(2, column, text, formats.header)
            sheet.write_blank(3, column, None, formats.header)
        for offset, child in enumerate(table.children):
            sheet.write_string(2, first + offset, _marked(child, child in marked), formats.header)
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
                sheet.write_string(row, first + offset, STATE_WORDS[status], formats.state[status])
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
        cells = _Cells(sheet)
        _headers(sheet, 0, _DETAIL_HEADERS, formats)
        row = 1
        for edge in result.edges:
            for item in edge.items:
                values: tuple[object, ...] = (
                    _marked(edge.parent, edge.parent in marked),
                    item.item,
                    item.kind.value,
                    _marked(edge.child, edge.child in marked),
                    None,  # the state, in its colour, below
                    ", ".join(item.by),
                    item.score,
                    item.reason,
                    ", ".join(item.matched),
                    item.text,
                )
                for column, value in enumerate(values):
                    cells.put(row, column, value, formats.text)
                sheet.write_string(row, 4, STATE_WORDS[item.status], formats.state[item.status])
                row += 1
        sheet.freeze_panes(1, 2)
        sheet.autofilter(0, 0, max(row - 1, 1), len(_DETAIL_HEADERS) - 1)


# --- calendar -----------------------------------------------------------------------------

AGENDA_COLUMNS = (
    ("date", "Ngày / Date", 12),
    ("kind", "Loại / Kind", 14),
    ("period", "Kỳ / Period", 20),
    ("period_start", "Từ ngày / Period from", 12),
    ("period_end", "Đến ngày / Period to", 12),
    ("plan", "Kế hoạch / Plan", 30),
    ("plan_key", "Mã kế hoạch / Plan key", 24),
    ("task", "Nhiệm vụ / Item", 10),
    ("text", "Nội dung / Task", 60),
    ("to", "Gửi đến / To", 24),
    ("timing", "Tình trạng / Standing", 18),
    ("notes", "Ghi chú / Notes", 24),
)
"""The key, header and width of each column of an agenda sheet, in order."""
_DONE_COLUMNS = (
    ("done", "Đã làm theo báo cáo / Done per records", 18),
    ("last", "Ngày làm gần nhất / Last done", 12),
)
_AGENDA_TOP = 3
"""Rows above an agenda's first deadline: title, a blank row, the headers."""


def period_words(occurrence: Occurrence) -> str:
    """The period an occurrence is for, in both languages: ``quý I/2024 / Q1 2024``.

    A due date has no period of its own (it runs from the plan's start): the empty string.
    """
    vi, en = short_period(occurrence, Lang.VI), short_period(occurrence, Lang.EN)
    return f"{vi} / {en}" if vi else ""


def agenda_by_unit(
    occurrences: Iterable[Occurrence], groups: Groups, wanted: Collection[str] | None = None
) -> dict[str, list[Occurrence]]:
    """The *occurrences* of each unit's agenda, by unit code, in the calendar's order.

    Without *wanted*, each responsible unit (a group as one) gets the occurrences naming
    it; with *wanted*, each of those units gets its own and those of the groups it was a
    member of on the day (as :func:`cchc.calendar.owed_by` selects them).
    """
    by_unit: dict[str, list[Occurrence]] = defaultdict(list)
    for occurrence in sorted(occurrences, key=Occurrence.sort_key):
        if wanted is None:
            owners = set(occurrence.units)
        else:
            owners = {code for code in wanted if code in occurrence.units}
            for unit in occurrence.units:
                if groups.is_group(unit):
                    owners.update(c for c in groups.members(unit, occurrence.date) if c in wanted)
        for code in sorted(owners):
            by_unit[code].append(occurrence)
    return dict(by_unit)


def calendar_book_bytes(
    by_unit: Mapping[str, Sequence[Occurrence]],
    *,
    as_of: dt.date,
    unit_names: Mapping[str, str],
    plan_labels: Mapping[str, str],
    records: bool = False,
) -> bytes:
    """The agenda workbook: one sheet per unit of *by_unit* (by code), a row per deadline.

    *unit_names* name the sheets and the units reports go to; *plan_labels* name the
    plans (``Kế hoạch số 54/KH-UBND``); with *records*, two columns say what the records
    say is done.  Illustrative plans are marked in the plan column.
    """
    day = format_vn_date(as_of, "numeric")
    book, stream = _new_book(
        "Lịch hạn theo đơn vị / Deadlines by unit",
        f"cchc calendar, {day}",
        dt.datetime.combine(as_of, dt.time()),
    )
    formats = _Formats(book)
    columns = AGENDA_COLUMNS + (_DONE_COLUMNS if records else ())
    codes = sorted(by_unit)
    sheets = sheet_names((code, unit_names.get(code, code)) for code in codes)
    for code in codes:
        sheet = book.add_worksheet(sheets[code])
        cells = _Cells(sheet)
        name = unit_names.get(code, code)
        sheet.write_string(
            0, 0, f"Đơn vị / Unit: {name} ({code}) — tính đến / as of {day}", formats.title
        )
        _headers(sheet, _AGENDA_TOP - 1, [(h, w) for _, h, w in columns], formats)
        rows = by_unit[code]
        for offset, occurrence in enumerate(rows):
            values = _agenda_row(occurrence, as_of, unit_names, plan_labels)
            for column, (key, _, _) in enumerate(columns):
                value = values[key]
                style = formats.date if isinstance(value, dt.date) else formats.text
                cells.put(_AGENDA_TOP + offset, column, value, style)
        last = _AGENDA_TOP - 1 + max(len(rows), 1)
        sheet.freeze_panes(_AGENDA_TOP, 1)
        sheet.autofilter(_AGENDA_TOP - 1, 0, last, len(columns) - 1)
    if not codes:
        sheet = book.add_worksheet("cchc")
        sheet.write_string(0, 0, "Không có hạn nào trong phạm vi đã chọn / No deadlines selected")
    book.close()
    return stream.getvalue()


def _agenda_row(
    occurrence: Occurrence,
    as_of: dt.date,
    unit_names: Mapping[str, str],
    plan_labels: Mapping[str, str],
) -> dict[str, object]:
    """The cells of one deadline, by column key."""
    plan = plan_labels.get(occurrence.plan, occurrence.plan)
    if occurrence.illustrative:
        plan = f"{plan} ({ILLUSTRATIVE_LABEL})"
    notes = []
    if occurrence.moved:
        moved = format_vn_date(occurrence.original_date, "numeric")
        notes.append(f"văn bản: {moved} / written: {moved}")
    if not occurrence.stated:
        notes.append("văn bản không nêu ngày / no date stated")
    if occurrence.estimated:
        notes.append("ước tính / estimated")
    if occurrence.kind is ScheduleKind.QUOTA:
        what = occurrence.what or "sản phẩm / items"
        notes.append(f"ít nhất / at least {occurrence.count} {what}")
    done = occurrence.done
    done_text = ""
    if done is not None:
        done_text = f"{done.done + done.waived}/{done.owing}"
        if done.late:
            done_text += f", {done.late} trễ hạn / late"
    return {
        "date": occurrence.date,
        "kind": kind_words(occurrence.kind),
        "period": period_words(occurrence),
        "period_start": occurrence.period.start,
        "period_end": occurrence.period.end,
        "plan": plan,
        "plan_key": occurrence.plan,
        "task": occurrence.task,
        "text": occurrence.text,
        "to": "" if occurrence.to is None else unit_names.get(occurrence.to, occurrence.to),
        "timing": TIMING_WORDS[timing(occurrence, as_of)],
        "notes": "; ".join(notes),
        "done": done_text,
        "last": None if done is None else done.last,
    }
