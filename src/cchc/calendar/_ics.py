"""iCalendar export of occurrences (RFC 5545), byte-identical for the same input.

Each occurrence becomes one all-day ``VEVENT``.  Its UID hashes what identifies the duty
(plan, task, schedule and period), never its date, so re-exporting after an edit that
moves a deadline updates the same event in a calendar client.  ``DTSTAMP`` and
``LAST-MODIFIED`` come from the caller's ``as_of`` instead of the clock, and ``SEQUENCE``
counts its days since 2000-01-01: a later export is the newer version (RFC 5545,
3.8.7.4), and the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

import attrs

from cchc._visible import visible
from cchc.calendar._occurrence import Done, Occurrence, describe_period
from cchc.files._write import OutputExistsError, check_target, write_bytes
from cchc.model._plan import Period
from cchc.text._dates import format_vn_date
from cchc.text._vocab import Cadence, ScheduleKind

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

_KIND_LABEL: Mapping[ScheduleKind, tuple[str, str]] = {
    ScheduleKind.DUE: ("Hạn hoàn thành", "Due"),
    ScheduleKind.RECURRING: ("Định kỳ", "Recurring"),
    ScheduleKind.QUOTA: ("Chỉ tiêu", "Quota"),
    ScheduleKind.REPORT: ("Gửi báo cáo", "Report"),
    ScheduleKind.CONTINUOUS: ("Thường xuyên", "Ongoing"),
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _period_en(occurrence: Occurrence) -> str:
    """The period in English: ``Q1 2024``, ``Mar 2024``, ``H1 2024``, ``9 months 2024``."""
    start, cadence = occurrence.period.start, occurrence.cadence
    if cadence is Cadence.MONTHLY:
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if cadence is Cadence.QUARTERLY:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if cadence in (Cadence.HALF_YEARLY, Cadence.FIRST_HALF):
        return f"H{1 if start.month <= 6 else 2} {start.year}"
    if cadence is Cadence.NINE_MONTHLY:
        return f"9 months {start.year}"
    if cadence is Cadence.YEARLY:
        return str(start.year)
    return _span(occurrence.period)


def event_uid(occurrence: Occurrence) -> str:
    """Return the stable UID of *occurrence*: a hash of its plan, task, schedule and period.

    The date is no part of it: a deadline moved by an edit keeps its event.  A due date
    has no period of its own (its period ends on the date), so only a periodic duty adds
    its cadence and the first day of its period.
    """
    parts = [occurrence.plan, occurrence.task, occurrence.path]
    if occurrence.cadence is not None:
        parts += [occurrence.cadence.value, occurrence.period.start.isoformat()]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


_EPOCH = dt.date(2000, 1, 1)


def sequence(as_of: dt.date) -> int:
    """The ``SEQUENCE`` of an export judged on *as_of*: its days since 2000-01-01 (never < 0)."""
    return max((as_of - _EPOCH).days, 0)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SUMMARY_LIMIT:
        return text
    return text[: _SUMMARY_LIMIT - 1].rstrip() + "…"


def _summary(occurrence: Occurrence, unit_names: Mapping[str, str], *, english: bool) -> str:
    """``Phòng Nội vụ: Chỉ tiêu tháng 1/2024: ít nhất 01 tin, bài — <task>``: who, what, when.

    The unit comes first: a calendar of many units holds many events of one day that only
    their unit tells apart.
    """
    vi, en = _KIND_LABEL[occurrence.kind]
    label = en if english else vi
    period = _period_en(occurrence) if english else describe_period(occurrence)
    if occurrence.kind is ScheduleKind.QUOTA:
        what = occurrence.what or ("items" if english else "sản phẩm")
        least = "at least" if english else "ít nhất"
        label = f"{label} {period}: {least} {occurrence.count:02d} {what}"
    elif occurrence.kind in (ScheduleKind.REPORT, ScheduleKind.RECURRING):
        label = f"{label} {period}"
    if not occurrence.stated:
        label += " (no date stated)" if english else " (không nêu ngày)"
    owners = [unit_names.get(code, code) for code in occurrence.units]
    who = ", ".join(owners[:2]) + (f" +{len(owners) - 2}" if len(owners) > 2 else "")
    return f"{who}: {label} — {_shorten(occurrence.text)}" if who else label


def _span(period: Period) -> str:
    return f"{format_vn_date(period.start, 'numeric')} - {format_vn_date(period.end, 'numeric')}"


@attrs.frozen(kw_only=True)
class _Words:
    """What an event says around its data, in one language."""

    plan: str
    task: str
    units: str
    period: str
    cutoff: str
    to: str
    moved: str
    unstated: str
    wording: str


_VI = _Words(
    plan="Kế hoạch",
    task="nhiệm vụ",
    units="Đơn vị thực hiện",
    period="Kỳ",
    cutoff="Thời gian chốt số liệu",
    to="Gửi",
    moved="Hạn theo văn bản {day} rơi vào ngày nghỉ, chuyển sang ngày làm việc",
    unstated="Văn bản không nêu ngày; {basis}: gửi từ {earliest}, chậm nhất {latest}",
    wording="Văn bản ghi",
)
_EN = _Words(
    plan="Plan",
    task="task",
    units="Units responsible",
    period="Period",
    cutoff="Data cut-off",
    to="Sent to",
    moved="The document's date {day} is a day off: moved to a working day",
    unstated="No date in the document; {basis}: from {earliest}, at latest {latest}",
    wording="The document says",
)


def _description(
    occurrence: Occurrence,
    unit_names: Mapping[str, str],
    plan_labels: Mapping[str, str],
    *,
    english: bool,
) -> str:
    """The task in full, then its plan by reference, units, period and what the text says."""
    words = _EN if english else _VI
    units = ", ".join(unit_names.get(code, code) for code in occurrence.units)
    plan = plan_labels.get(occurrence.plan)
    named = f"{plan} ({occurrence.plan})" if plan else occurrence.plan
    lines = [
        occurrence.text,
        "",
        f"{words.plan}: {named}, {words.task} {occurrence.task}",
        f"{words.units}: {units}",
        f"{words.period}: {_span(occurrence.period)}",
    ]
    if occurrence.cutoff is not None:
        lines.append(f"{words.cutoff}: {_span(occurrence.cutoff)}")
    if occurrence.to is not None:
        lines.append(f"{words.to}: {unit_names.get(occurrence.to, occurrence.to)}")
    if occurrence.moved:
        lines.append(words.moved.format(day=format_vn_date(occurrence.original_date, "numeric")))
    if not occurrence.stated:
        # The event sits on the last day the law allows; the document set no date.
        earliest = (
            "" if occurrence.earliest is None else format_vn_date(occurrence.earliest, "numeric")
        )
        latest = format_vn_date(occurrence.original_date, "numeric")
        lines.append(
            words.unstated.format(basis=occurrence.basis or "", earliest=earliest, latest=latest)
        )
    if occurrence.schedule_text:
        lines.append(f"{words.wording}: {occurrence.schedule_text}")
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
    plan_labels: Mapping[str, str] | None = None,
    english: bool = False,
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
    whose days off are only estimated (:attr:`Occurrence.estimated`).  Each summary starts
    with the unit responsible; the description names the plan by *plan_labels* (its
    reference, ``Kế hoạch số 54/KH-UBND``) beside its key; with *english*, the words around
    the plans' own text are English.
    """
    import icalendar  # noqa: PLC0415 (only the export needs it)

    names = unit_names or {}
    labels = plan_labels or {}
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
        event.add("last-modified", stamp)
        event.add("sequence", sequence(as_of))
        event.add("dtstart", occurrence.date)
        event.add("dtend", occurrence.date + dt.timedelta(days=1))
        summary = _summary(occurrence, names, english=english)
        description = _description(occurrence, names, labels, english=english)
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
    plan_labels: Mapping[str, str] | None = None,
    english: bool = False,
) -> Path:
    """Write the iCalendar file of *occurrences* to *path* atomically and return *path*.

    Writing follows the rules of :mod:`cchc.files._write`: a reader never sees half a file,
    missing folders are created, and an existing *path* is replaced only with *force*
    and only if it is a regular file; otherwise :class:`OutputExistsError` or another
    :class:`~cchc.files._write.WriteError` names it.
    """
    check_target(path, force=force)  # refuse before the work of building the calendar
    data = to_ics(
        occurrences,
        as_of=as_of,
        unit_names=unit_names,
        illustrative=illustrative,
        plan_labels=plan_labels,
        english=english,
    )
    return write_bytes(path, data, force=force)
