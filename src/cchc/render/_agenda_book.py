"""``calendar --xlsx``: the agenda by unit as a workbook.

One sheet per unit, one row per deadline the unit owes in the range asked for, in date
order, dates as Excel dates shown ``dd/mm/yyyy``, as ``calendar --json`` holds them.  The
workbook is dated by the day asked about: the same input, the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from cchc.calendar._occurrence import Occurrence, Timing, timing
from cchc.model._groups import Groups
from cchc.render._books import Cells, Formats, new_book, write_headers
from cchc.render._console import Lang
from cchc.render._deadlines import short_period
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.render._workbook import sheet_names
from cchc.text._dates import format_vn_date
from cchc.text._vocab import ScheduleKind

__all__ = [
    "AGENDA_COLUMNS",
    "TIMING_WORDS",
    "agenda_by_unit",
    "calendar_book_bytes",
    "kind_words",
    "period_words",
]

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
    member of on the day (as :func:`cchc.calendar.owed_by` selects them), and a sheet even
    when it owes nothing in the range: the empty agenda is the answer asked for.
    """
    by_unit: dict[str, list[Occurrence]] = defaultdict(list)
    for code in sorted(wanted or ()):
        by_unit[code] = []
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
    book, stream = new_book(
        "Lịch hạn theo đơn vị / Deadlines by unit",
        f"cchc calendar, {day}",
        dt.datetime.combine(as_of, dt.time()),
    )
    formats = Formats(book)
    columns = AGENDA_COLUMNS + (_DONE_COLUMNS if records else ())
    codes = sorted(by_unit)
    sheets = sheet_names((code, unit_names.get(code, code)) for code in codes)
    for code in codes:
        sheet = book.add_worksheet(sheets[code])
        cells = Cells(sheet)
        name = unit_names.get(code, code)
        sheet.write_string(
            0, 0, f"Đơn vị / Unit: {name} ({code}) — tính đến / as of {day}", formats.title
        )
        write_headers(sheet, _AGENDA_TOP - 1, [(h, w) for _, h, w in columns], formats)
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
