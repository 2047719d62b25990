"""The deadline calendar as a month-by-month agenda, and its JSON twin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from itertools import groupby
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cchc._calendar import Occurrence, Timing, describe_period, timing
from cchc._vocab import Cadence, ScheduleKind
from cchc.render._console import Lang, t

__all__ = ["occurrence_json", "occurrences_json", "render_agenda"]

_KIND = {
    ScheduleKind.DUE: ("hạn", "due"),
    ScheduleKind.RECURRING: ("định kỳ", "recurring"),
    ScheduleKind.QUOTA: ("chỉ tiêu", "quota"),
    ScheduleKind.REPORT: ("báo cáo", "report"),
}
_WEEKDAY_VI = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_CADENCE_EN = {
    Cadence.MONTHLY: "month",
    Cadence.QUARTERLY: "quarter",
    Cadence.HALF_YEARLY: "half-year",
    Cadence.NINE_MONTHLY: "nine months",
    Cadence.YEARLY: "year",
}


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def occurrence_json(occurrence: Occurrence, as_of: dt.date) -> dict[str, Any]:
    """Return *occurrence* as a JSON-ready mapping with a stable key order."""
    cutoff = occurrence.cutoff
    return {
        "plan": occurrence.plan,
        "task": occurrence.task,
        "unit": list(occurrence.units),
        "date": occurrence.date.isoformat(),
        "original_date": occurrence.original_date.isoformat(),
        "kind": occurrence.kind.value,
        "cadence": None if occurrence.cadence is None else occurrence.cadence.value,
        "period": {
            "start": occurrence.period.start.isoformat(),
            "end": occurrence.period.end.isoformat(),
        },
        "cutoff": None
        if cutoff is None
        else {"start": cutoff.start.isoformat(), "end": cutoff.end.isoformat()},
        "count": occurrence.count,
        "what": occurrence.what,
        "to": occurrence.to,
        "timing": timing(occurrence, as_of).value,
        "path": occurrence.path,
        "text": occurrence.text,
        "schedule_text": occurrence.schedule_text,
    }


def occurrences_json(occurrences: Iterable[Occurrence], as_of: dt.date) -> dict[str, Any]:
    """Return the ``--json`` document: ``{"as_of": ..., "occurrences": [...]}``."""
    return {
        "as_of": as_of.isoformat(),
        "occurrences": [occurrence_json(o, as_of) for o in occurrences],
    }


def _month_title(year: int, month: int, lang: Lang) -> str:
    return t(lang, f"Tháng {month}/{year}", f"{_MONTH_EN[month - 1]} {year}")


def _date_cell(occurrence: Occurrence, lang: Lang) -> str:
    day = occurrence.date
    weekday = (_WEEKDAY_VI if lang is Lang.VI else _WEEKDAY_EN)[day.weekday()]
    cell = f"{weekday} {day.strftime('%d/%m/%Y')}"
    if occurrence.moved:
        moved = occurrence.original_date.strftime("%d/%m")
        cell += "\n" + t(lang, f"(văn bản: {moved})", f"(written: {moved})")
    return cell


def _period_words(occurrence: Occurrence, lang: Lang) -> str:
    if lang is Lang.VI or occurrence.cadence is None:
        return describe_period(occurrence)
    start = occurrence.period.start
    return f"{_CADENCE_EN[occurrence.cadence]} from {start.strftime('%d/%m/%Y')}"


def _what(occurrence: Occurrence, lang: Lang, unit_names: Mapping[str, str]) -> str:
    parts = []
    if occurrence.kind is not ScheduleKind.DUE:
        parts.append(f"[bold]{escape(_period_words(occurrence, lang))}[/bold]")
    if occurrence.kind is ScheduleKind.QUOTA:
        what = occurrence.what or t(lang, "sản phẩm", "items")
        parts.append(escape(t(lang, "ít nhất", "at least") + f" {occurrence.count} {what}"))
    if occurrence.to is not None:
        parts.append(escape(t(lang, "gửi ", "to ") + unit_names.get(occurrence.to, occurrence.to)))
    if occurrence.cutoff is not None:
        window = (
            f"{occurrence.cutoff.start.strftime('%d/%m/%Y')}"
            f"-{occurrence.cutoff.end.strftime('%d/%m/%Y')}"
        )
        parts.append(escape(t(lang, "số liệu ", "data ") + window))
    head = " · ".join(parts)
    text = escape(occurrence.text)
    return f"{head}\n{text}" if head else text


def _mark(occurrence: Occurrence, as_of: dt.date, lang: Lang) -> str:
    state = timing(occurrence, as_of)
    if state is Timing.OVERDUE:
        return f"[bold red]{t(lang, 'quá hạn', 'overdue')}[/bold red]"
    if state is Timing.UPCOMING:
        return f"[yellow]{t(lang, 'sắp đến', 'upcoming')}[/yellow]"
    return ""


def render_agenda(
    console: Console,
    occurrences: Iterable[Occurrence],
    *,
    as_of: dt.date,
    lang: Lang,
    unit_names: Mapping[str, str] | None = None,
) -> None:
    """Print *occurrences* month by month, marking overdue and upcoming ones on *as_of*."""
    names = unit_names or {}
    ordered = sorted(occurrences, key=Occurrence.sort_key)
    if not ordered:
        console.print(t(lang, "Không có hạn nào trong phạm vi đã chọn.", "No deadlines selected."))
        return
    for (year, month), group in groupby(ordered, key=lambda o: (o.date.year, o.date.month)):
        table = Table(
            title=f"[bold]{_month_title(year, month, lang)}[/bold]",
            title_justify="left",
            show_lines=False,
            expand=True,
        )
        table.add_column(t(lang, "Ngày", "Date"), no_wrap=True)
        table.add_column("", no_wrap=True, min_width=8)
        table.add_column(t(lang, "Loại", "Kind"), no_wrap=True)
        # Long plan keys and unit names wrap so that the duty itself keeps room.
        table.add_column(t(lang, "Kế hoạch", "Plan"), overflow="fold", max_width=18)
        table.add_column(t(lang, "Đơn vị", "Unit"), overflow="fold", max_width=18)
        table.add_column(t(lang, "Nội dung", "What"), ratio=1, min_width=30)
        for occurrence in group:
            vi, en = _KIND[occurrence.kind]
            table.add_row(
                _date_cell(occurrence, lang),
                _mark(occurrence, as_of, lang),
                t(lang, vi, en),
                escape(f"{occurrence.plan}#{occurrence.task}"),
                escape(", ".join(names.get(code, code) for code in occurrence.units)),
                _what(occurrence, lang, names),
            )
        console.print(table)
    late = sum(timing(o, as_of) is Timing.OVERDUE for o in ordered)
    soon = sum(timing(o, as_of) is Timing.UPCOMING for o in ordered)
    day = as_of.strftime("%d/%m/%Y")
    console.print(
        t(
            lang,
            f"{len(ordered)} hạn; tính đến {day}: {late} quá hạn, {soon} sắp đến (30 ngày).",
            f"{len(ordered)} deadlines; as of {day}: {late} overdue, {soon} upcoming (30 days).",
        )
    )
