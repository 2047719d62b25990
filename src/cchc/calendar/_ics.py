"""iCalendar export of occurrences (RFC 5545), byte-identical for the same input.

Each occurrence becomes one all-day ``VEVENT``.  Its UID hashes the plan, task, kind and
period, so re-exporting after an edit updates the same event in a calendar client; the
``DTSTAMP`` comes from the caller's ``as_of`` instead of the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from cchc._visible import visible
from cchc.calendar._occurrence import Done, Occurrence, describe_period
from cchc.files._write import OutputExistsError, check_target, write_bytes
from cchc.model._plan import Period
from cchc.text._dates import format_vn_date
from cchc.text._vocab import ScheduleKind

__all__ = ["OutputExistsError", "event_uid", "to_ics", "write_ics"]

PRODID = "-//cchc//Lịch hạn cải cách hành chính//VI"
"""The product identifier (RFC 5545, 3.7.3) naming cchc."""
UID_DOMAIN = "cchc"
"""The right-hand side of every UID."""

_SUMMARY_LIMIT = 80
ILLUSTRATIVE_PREFIX = "[Minh họa / Illustrative]"
"""Heads the summary of an event of a plan marked ``illustrative``: not a real deadline."""
ILLUSTRATIVE_LINE = (
    "Minh họa: kế hoạch viết tay để minh họa các kiểm tra của cchc, không phải văn bản thật. "
    "Illustrative: a plan written by hand to show cchc's checks, not a real document."
)
"""Ends the description of such an event."""
ESTIMATED_PREFIX = "[Ước tính / Estimated]"
"""Heads the summary of an event whose date rests on a year whose days off are estimated."""
ESTIMATED_LINE = (
    "Ước tính: lịch nghỉ của năm này chưa được công bố, ngày có thể thay đổi khi công bố. "
    "Estimated: this year's days off are not announced yet; the date may move once they are."
)
"""Says so in the description of such an event."""

_KIND_LABEL: Mapping[ScheduleKind, str] = {
    ScheduleKind.DUE: "Hạn hoàn thành",
    ScheduleKind.RECURRING: "Định kỳ",
    ScheduleKind.QUOTA: "Chỉ tiêu",
    ScheduleKind.REPORT: "Gửi báo cáo",
    ScheduleKind.CONTINUOUS: "Thường xuyên",
}


def event_uid(occurrence: Occurrence) -> str:
    """Return the stable UID of *occurrence*: a hash of its plan, task, kind and period."""
    key = "\x1f".join(
        (
            occurrence.plan,
            occurrence.task,
            occurrence.kind.value,
            occurrence.period.start.isoformat(),
            occurrence.period.end.isoformat(),
        )
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SUMMARY_LIMIT:
        return text
    return text[: _SUMMARY_LIMIT - 1].rstrip() + "…"


def _summary(occurrence: Occurrence) -> str:
    label = _KIND_LABEL[occurrence.kind]
    if occurrence.kind is ScheduleKind.REPORT:
        label = f"{label} {describe_period(occurrence)}"
    elif occurrence.kind is ScheduleKind.QUOTA:
        what = occurrence.what or "sản phẩm"
        label = f"{label} {describe_period(occurrence)}: ít nhất {occurrence.count:02d} {what}"
    elif occurrence.kind is ScheduleKind.RECURRING:
        label = f"{label} {describe_period(occurrence)}"
    if not occurrence.stated:
        label = f"{label} (không nêu ngày)"
    return f"{label} — {_shorten(occurrence.text)}"


def _span(period: Period) -> str:
    return f"{format_vn_date(period.start, 'numeric')} - {format_vn_date(period.end, 'numeric')}"


def _description(occurrence: Occurrence, unit_names: Mapping[str, str]) -> str:
    units = ", ".join(unit_names.get(code, code) for code in occurrence.units)
    lines = [
        occurrence.text,
        "",
        f"Kế hoạch: {occurrence.plan}, nhiệm vụ {occurrence.task}",
        f"Đơn vị thực hiện: {units}",
        f"Kỳ: {_span(occurrence.period)}",
    ]
    if occurrence.cutoff is not None:
        lines.append(f"Thời gian chốt số liệu: {_span(occurrence.cutoff)}")
    if occurrence.to is not None:
        lines.append(f"Gửi: {unit_names.get(occurrence.to, occurrence.to)}")
    if occurrence.moved:
        lines.append(
            f"Hạn theo văn bản {format_vn_date(occurrence.original_date, 'numeric')} "
            "rơi vào ngày nghỉ, chuyển sang ngày làm việc"
        )
    if not occurrence.stated:
        # The event sits on the last day the law allows; the document set no date.
        earliest = (
            "" if occurrence.earliest is None else format_vn_date(occurrence.earliest, "numeric")
        )
        lines.append(
            f"Văn bản không nêu ngày; {occurrence.basis or ''}: gửi từ {earliest}, "
            f"chậm nhất {format_vn_date(occurrence.original_date, 'numeric')}"
        )
    if occurrence.schedule_text:
        lines.append(f"Văn bản ghi: {occurrence.schedule_text}")
    return "\n".join(lines)


DONE_PREFIX = "[Đã xong / Done]"
"""Heads the summary of an event the corpus' records show complete (:class:`Done`)."""


def _done_line(done: Done) -> str:
    """What the records say, in both languages: how many owing units did it, and when."""
    did = done.done + done.waived
    last = f", {format_vn_date(done.last, 'numeric')}" if done.last is not None else ""
    return f"Đã thực hiện / Done: {did}/{done.owing} đơn vị / units{last}"


def to_ics(
    occurrences: Iterable[Occurrence],
    *,
    as_of: dt.date,
    unit_names: Mapping[str, str] | None = None,
    name: str = "Lịch hạn CCHC",
    illustrative: Collection[str] = (),
) -> bytes:
    """Render *occurrences* as an iCalendar file: one all-day event each, in sorted order.

    The same occurrences and *as_of* always give the same bytes.  Two occurrences with
    the same UID key (one task with two schedules of the same kind and period) get
    ``-2``, ``-3`` ... suffixes in sorted order.  RFC 5545 (3.3.11) allows no control
    character but tab in a text value: text from plan files passes
    :func:`cchc._visible.visible` (``<U+001B>``), the description keeping its newlines.
    An event of a plan marked illustrative (:attr:`Occurrence.illustrative`, or its key in
    *illustrative*: written to show cchc's checks, not a real document) says so at the
    head of its summary and in its description; so does one whose date rests on a year
    whose days off are only estimated (:attr:`Occurrence.estimated`).
    """
    import icalendar  # noqa: PLC0415 (only the export needs it)

    names = unit_names or {}
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", visible(name))
    seen: dict[str, int] = {}
    for occurrence in sorted(occurrences, key=Occurrence.sort_key):
        uid = event_uid(occurrence)
        seen[uid] = seen.get(uid, 0) + 1
        if seen[uid] > 1:
            local, _, domain = uid.partition("@")
            uid = f"{local}-{seen[uid]}@{domain}"
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", occurrence.date)
        event.add("dtend", occurrence.date + dt.timedelta(days=1))
        summary, description = _summary(occurrence), _description(occurrence, names)
        if occurrence.estimated:
            summary = f"{ESTIMATED_PREFIX} {summary}"
            description += f"\n{ESTIMATED_LINE}"
        if occurrence.illustrative or occurrence.plan in illustrative:
            summary = f"{ILLUSTRATIVE_PREFIX} {summary}"
            description += f"\n{ILLUSTRATIVE_LINE}"
        done = occurrence.done
        if done is not None:
            # Calendar programs show the summary: a mark there says it is done.
            if done.complete:
                summary = f"{DONE_PREFIX} {summary}"
            description += "\n" + _done_line(done)
        event.add("summary", visible(summary))
        event.add("description", visible(description, multiline=True))
        event.add("categories", [visible(code) for code in occurrence.units])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def write_ics(
    path: str | os.PathLike[str],
    occurrences: Iterable[Occurrence],
    *,
    as_of: dt.date,
    unit_names: Mapping[str, str] | None = None,
    force: bool = False,
    illustrative: Collection[str] = (),
) -> Path:
    """Write the iCalendar file of *occurrences* to *path* atomically and return *path*.

    Writing follows the rules of :mod:`cchc.files._write`: a reader never sees half a file,
    missing folders are created, and an existing *path* is replaced only with *force*
    and only if it is a regular file; otherwise :class:`OutputExistsError` or another
    :class:`~cchc.files._write.WriteError` names it.
    """
    check_target(path, force=force)  # refuse before the work of building the calendar
    data = to_ics(occurrences, as_of=as_of, unit_names=unit_names, illustrative=illustrative)
    return write_bytes(path, data, force=force)
