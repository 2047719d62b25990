"""The deadline calendar as a month-by-month agenda, and its JSON twin."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby
from typing import Any

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from cchc.calendar._occurrence import Occurrence, Timing, timing
from cchc.render._console import Lang, t, visible_text, write_laid_out
from cchc.text._dates import format_vn_date
from cchc.text._vocab import Cadence, ScheduleKind

__all__ = [
    "deadline_lines",
    "deadline_table",
    "kind_label",
    "occurrence_json",
    "occurrences_json",
    "render_agenda",
    "short_period",
    "timing_label",
    "window_text",
]

_KIND = {
    ScheduleKind.DUE: ("hạn", "due"),
    ScheduleKind.RECURRING: ("định kỳ", "recurring"),
    ScheduleKind.QUOTA: ("chỉ tiêu", "quota"),
    ScheduleKind.REPORT: ("báo cáo", "report"),
    ScheduleKind.CONTINUOUS: ("thường xuyên", "continuous"),
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
        "stated": occurrence.stated,
        "window": _window_json(occurrence),
    }


def _window_json(occurrence: Occurrence) -> dict[str, Any] | None:
    """The legal window of a report whose document names no day; None for a stated date."""
    if occurrence.stated:
        return None
    return {
        "earliest": _iso(occurrence.earliest),
        "latest": occurrence.original_date.isoformat(),
        "basis": occurrence.basis,
    }


def window_text(occurrence: Occurrence, lang: Lang) -> str:
    """What the law allows a report whose document names no day, or "" for a stated date.

    ``văn bản không nêu ngày; NĐ 09/2019/NĐ-CP: từ 15/03/2024 (sau ngày chốt số liệu
    14/03/2024), chậm nhất 25/03/2024``.
    """
    if occurrence.stated:
        return ""
    latest = format_vn_date(occurrence.original_date, "numeric")
    earliest = "" if occurrence.earliest is None else format_vn_date(occurrence.earliest, "numeric")
    cutoff = "" if occurrence.cutoff is None else format_vn_date(occurrence.cutoff.end, "numeric")
    basis = occurrence.basis or ""
    return t(
        lang,
        f"văn bản không nêu ngày; {basis}: từ {earliest} (sau ngày chốt số liệu {cutoff}), "
        f"chậm nhất {latest}",
        f"no date in the document; {basis}: from {earliest} (after the data cut-off {cutoff}), "
        f"at latest {latest}",
    )


def occurrences_json(occurrences: Iterable[Occurrence], as_of: dt.date) -> dict[str, Any]:
    """Return the ``--json`` document: ``{"as_of": ..., "occurrences": [...]}``."""
    return {
        "as_of": as_of.isoformat(),
        "occurrences": [occurrence_json(o, as_of) for o in occurrences],
    }


def kind_label(kind: ScheduleKind, lang: Lang) -> str:
    """The short name of a schedule's kind: ``hạn``/``due``, ``định kỳ``/``recurring`` ..."""
    return t(lang, *_KIND[kind])


def _month_title(year: int, month: int, lang: Lang) -> str:
    return t(lang, f"Tháng {month}/{year}", f"{_MONTH_EN[month - 1]} {year}")


def _date_cell(occurrence: Occurrence, lang: Lang) -> Text:
    day = occurrence.date
    weekday = (_WEEKDAY_VI if lang is Lang.VI else _WEEKDAY_EN)[day.weekday()]
    cell = Text(f"{weekday} {day.strftime('%d/%m/%Y')}")
    if occurrence.moved:
        moved = occurrence.original_date.strftime("%d/%m")
        cell.append("\n" + t(lang, f"(văn bản: {moved})", f"(written: {moved})"), style="dim")
    if not occurrence.stated:
        cell.append("\n" + t(lang, "(không nêu ngày)", "(no date stated)"), style="dim")
    return cell


_ROMAN = ("I", "II", "III", "IV")


def short_period(occurrence: Occurrence, lang: Lang) -> str:
    """The period an occurrence is for, in a few characters: ``T1/2024``, ``Q1 2024``.

    A due date has no period of its own (its period runs from the plan's start), so it
    gets the empty string.
    """
    start = occurrence.period.start
    cadence = occurrence.cadence
    if cadence is None:
        return ""
    if cadence is Cadence.MONTHLY:
        return t(
            lang,
            f"tháng {start.month}/{start.year}",
            f"{_MONTH_EN[start.month - 1][:3]} {start.year}",
        )
    if cadence is Cadence.QUARTERLY:
        quarter = (start.month - 1) // 3
        return t(lang, f"quý {_ROMAN[quarter]}/{start.year}", f"Q{quarter + 1} {start.year}")
    if cadence in (Cadence.HALF_YEARLY, Cadence.FIRST_HALF):
        first = start.month == 1
        return t(
            lang,
            f"6 tháng {'đầu' if first else 'cuối'} năm {start.year}",
            f"H{1 if first else 2} {start.year}",
        )
    if cadence is Cadence.NINE_MONTHLY:
        return t(lang, f"9 tháng năm {start.year}", f"9 months {start.year}")
    return t(lang, f"năm {start.year}", f"year {start.year}")


def timing_label(state: Timing, lang: Lang) -> Text:
    """``quá hạn`` / ``overdue`` in bold, ``sắp đến`` / ``upcoming``, or nothing."""
    if state is Timing.OVERDUE:
        return Text(t(lang, "quá hạn", "overdue"), style="bold red")
    if state is Timing.UPCOMING:
        return Text(t(lang, "sắp đến", "upcoming"), style="yellow")
    if state is Timing.WINDOW_PASSED:
        return Text(t(lang, "đã qua khung luật định", "legal window passed"), style="dim")
    return Text("")


def _headline(occurrence: Occurrence, as_of: dt.date, lang: Lang, names: Mapping[str, str]) -> Text:
    """Kind, period and what is asked, after the timing mark: ``quá hạn · chỉ tiêu · ...``."""
    line = Text()
    mark = timing_label(timing(occurrence, as_of), lang)
    if mark:
        line.append_text(mark)
        line.append(" · ")
    vi, en = _KIND[occurrence.kind]
    line.append(t(lang, vi, en), style="bold")
    period = short_period(occurrence, lang)
    if period:
        line.append(" · " + period)
    if occurrence.kind is ScheduleKind.QUOTA:
        what = occurrence.what or t(lang, "sản phẩm", "items")
        line.append(" · " + t(lang, "ít nhất", "at least") + f" {occurrence.count} {what}")
    if occurrence.to is not None:
        line.append(" · " + t(lang, "gửi ", "to ") + names.get(occurrence.to, occurrence.to))
    if occurrence.cutoff is not None:
        window = (
            f"{occurrence.cutoff.start.strftime('%d/%m/%Y')}"
            f"-{occurrence.cutoff.end.strftime('%d/%m/%Y')}"
        )
        line.append(" · " + t(lang, "số liệu ", "data ") + window)
    if not occurrence.stated:
        line.append(" · " + window_text(occurrence, lang))
    return line


def deadline_table(
    occurrences: Iterable[Occurrence],
    *,
    as_of: dt.date,
    lang: Lang,
    unit_names: Mapping[str, str] | None = None,
    full_text: bool = True,
) -> Table:
    """Deadlines as a two-column list: the date, then what is due on a few lines.

    The second column holds, one a line: the timing, kind, period and what is asked; the
    units responsible; the plan and item with the task text.  The text wraps at word
    boundaries (*full_text*) or is cut to one line with an ellipsis; it is never changed
    otherwise.  The date column never wraps, so dates line up down the list.
    """
    names = unit_names or {}
    table = Table.grid(padding=(0, 2, 0, 0), expand=False)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for index, occurrence in enumerate(occurrences):
        date, details = _cells(occurrence, as_of=as_of, lang=lang, names=names, full_text=full_text)
        if index:
            table.add_row("", "")
        table.add_row(date, Group(*details))
    return table


def _cells(
    occurrence: Occurrence,
    *,
    as_of: dt.date,
    lang: Lang,
    names: Mapping[str, str],
    full_text: bool = True,
    memo: dict[object, Text] | None = None,
) -> tuple[Text, tuple[Text, ...]]:
    """The two cells of a deadline: its date, and the lines saying what is due.

    *memo*, when given, keeps the texts deadlines share (a date, a headline, a list of
    units, a task met again in another month) to hand out again: only for callers that
    read them without changing them.
    """
    if memo is not None and full_text:
        return _shared_cells(occurrence, as_of=as_of, lang=lang, names=names, memo=memo)
    where = Text(f"{occurrence.plan}#{occurrence.task}", style="dim")
    task = Text(occurrence.text)
    if not full_text:
        task.no_wrap = True
        task.overflow = "ellipsis"
        where.no_wrap = True
        where.overflow = "ellipsis"
    details = (_headline(occurrence, as_of, lang, names), _units(occurrence, names), where, task)
    return _date_cell(occurrence, lang), details


def _units(occurrence: Occurrence, names: Mapping[str, str]) -> Text:
    """The units responsible for *occurrence*, by name."""
    return Text(", ".join(names.get(code, code) for code in occurrence.units), overflow="fold")


def _shared_cells(
    occurrence: Occurrence,
    *,
    as_of: dt.date,
    lang: Lang,
    names: Mapping[str, str],
    memo: dict[object, Text],
) -> tuple[Text, tuple[Text, ...]]:
    """:func:`_cells`, handing out again the texts *memo* holds for the same content."""
    if len(memo) >= _MEMO_KEPT:
        memo.clear()
    plan, task_id, text = occurrence.plan, occurrence.task, occurrence.text
    # Each key starts with what it is for.  Enums go by identity and periods by their
    # dates: quick to hash, as a key must be here.
    key: tuple[object, ...] = ("where", plan, task_id)
    where = memo.get(key)
    if where is None:
        where = memo[key] = Text(f"{plan}#{task_id}", style="dim")
    key = ("task", text)
    task = memo.get(key)
    if task is None:
        task = memo[key] = Text(text)
    key = ("units", occurrence.units)
    units = memo.get(key)
    if units is None:
        units = memo[key] = _units(occurrence, names)
    cutoff = occurrence.cutoff
    key = (
        "headline",
        occurrence.date,
        id(occurrence.kind),
        id(occurrence.cadence),
        occurrence.period.start,
        occurrence.count,
        occurrence.what,
        occurrence.to,
        None if cutoff is None else (cutoff.start, cutoff.end),
        occurrence.stated,
        occurrence.earliest,
        occurrence.basis,
    )
    headline = memo.get(key)
    if headline is None:
        headline = memo[key] = _headline(occurrence, as_of, lang, names)
    key = ("date", occurrence.date, occurrence.original_date, occurrence.stated)
    date = memo.get(key)
    if date is None:
        date = memo[key] = _date_cell(occurrence, lang)
    return date, (headline, units, where, task)


_MEMO_KEPT = 100_000
"""How many shared texts a calendar keeps for reuse; then it starts afresh."""


# Characters after which rich's measuring (str.splitlines) or wrapping (tabs) of a text
# differs from one line of cells: a text holding one is laid out by rich itself.
_NOT_ONE_LINE = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _plain_table(
    console: Console,
    occurrences: Sequence[Occurrence],
    *,
    as_of: dt.date,
    lang: Lang,
    names: Mapping[str, str],
    memo: dict[object, Text],
    widths: dict[str, int],
) -> list[str] | None:
    """The lines :func:`deadline_table` prints on a console without styles, laid out here.

    rich measures and renders every cell of a table, about a millisecond a deadline; this
    lays the same two-column grid out directly (the date column as wide as its widest
    date, two cells of gap, the rest for the details, each text wrapped by rich only
    when it does not fit), so that a calendar of 300,000 deadlines prints in seconds.
    *memo* and *widths* keep the texts met, and their widths (-1: not one simple line),
    from one month to the next.  Returns None when a text is not one simple line or the console
    is too narrow: rich then lays the table out itself.
    """
    if len(widths) >= _MEMO_KEPT:
        widths.clear()
    rows: list[tuple[str, tuple[Text, ...], list[str]]] = []
    natural = 0
    for occurrence in occurrences:
        cell, details = _cells(occurrence, as_of=as_of, lang=lang, names=names, memo=memo)
        # Made visible before they are measured, as the console does for what rich lays out.
        cell, details = visible_text(cell), tuple(map(visible_text, details))
        plains = [text.plain for text in details]
        for plain in plains:
            width = widths.get(plain)
            if width is None:
                width = widths[plain] = -1 if _NOT_ONE_LINE.search(plain) else _cell_len(plain)
            natural = max(natural, width)
            if width < 0:
                return None
        rows.append((cell.plain, details, plains))
    left = {date: date.split("\n") for date, _, _ in rows}
    first = max(_cell_len(line) for lines in left.values() for line in lines) + 2
    second = min(natural, console.width - first)
    if second < 1:
        return None
    for date, lines in left.items():
        left[date] = [line + " " * (first - _cell_len(line)) for line in lines]
    blank, no_date = " " * (first + second), " " * first
    pads = [" " * count for count in range(second + 1)]
    out: list[str] = []
    for index, (date, details, plains) in enumerate(rows):
        if index:
            out.append(blank)
        right = _right(console, details, plains, widths, pads)
        date_lines = left[date]
        if len(date_lines) < len(right):
            date_lines = [*date_lines, *[no_date] * (len(right) - len(date_lines))]
        elif len(right) < len(date_lines):
            right.extend([pads[second]] * (len(date_lines) - len(right)))
        out.extend(map(str.__add__, date_lines, right))
    return out


def _right(
    console: Console,
    details: Sequence[Text],
    plains: Sequence[str],
    widths: Mapping[str, int],
    pads: Sequence[str],
) -> list[str]:
    """The lines of the details column of one deadline, each as wide as the column."""
    second = len(pads) - 1
    lines: list[str] = []
    for text, plain in zip(details, plains, strict=True):
        width = widths[plain]
        if width <= second:
            lines.append(plain + pads[second - width])
        else:
            wrapped = text.wrap(console, second, justify="left", overflow="fold")
            lines.extend(line.plain for line in wrapped)
    return lines


# The characters of Vietnamese text that rich counts as one cell each (printable ASCII,
# Latin-1, Latin Extended A and B, Latin Extended Additional): a text made of them only is
# as wide as it is long, which one regular expression search tells.
_ONE_CELL = "".join(
    re.escape(chr(code))
    for block in (range(0x20, 0x7F), range(0xA0, 0x250), range(0x1E00, 0x1F00))
    for code in block
    if get_character_cell_size(chr(code)) == 1
)
_NOT_ONE_CELL = re.compile(f"[^{_ONE_CELL}]")


def _cell_len(text: str) -> int:
    """The cells *text* takes, as rich counts them, quicker on Vietnamese letters."""
    return cell_len(text) if _NOT_ONE_CELL.search(text) else len(text)


def deadline_lines(
    occurrences: Sequence[Occurrence],
    *,
    as_of: dt.date,
    lang: Lang,
    width: int,
    unit_names: Mapping[str, str] | None = None,
) -> Table:
    """Deadlines one a line, *width* cells wide: date, kind, period, units, task text.

    For a summary that must fit one screen, under a heading that says whether they are
    upcoming or overdue: the units and the text are cut with an ellipsis at the end of
    the line (never otherwise changed); ``calendar`` shows them in full.
    """
    names = unit_names or {}
    rows = [
        (
            # "≤": the last day of a legal window, not a date the document states.
            ("" if occurrence.stated else "≤") + format_vn_date(occurrence.date, "numeric"),
            kind_label(occurrence.kind, lang),
            short_period(occurrence, lang),
            ", ".join(names.get(code, code) for code in occurrence.units),
            occurrence.text,
            timing(occurrence, as_of) is Timing.OVERDUE,
        )
        for occurrence in occurrences
    ]
    # Fixed widths: rich would otherwise shrink the short columns before the long text.
    fixed = [max((cell_len(str(row[i])) for row in rows), default=0) for i in range(3)]
    gap = 2
    room = width - sum(fixed) - gap * 4
    longest = max((cell_len(str(row[3])) for row in rows), default=0)
    units = min(24, longest, max(6, room // 3))
    text = max(10, room - units)
    table = Table.grid(padding=(0, gap, 0, 0), collapse_padding=True)
    for size in (*fixed, units):
        table.add_column(no_wrap=True, width=size, overflow="ellipsis")
    table.add_column(no_wrap=True, width=text, overflow="ellipsis")
    for day, kind, period, who, what, late in rows:
        table.add_row(
            day,
            Text(kind, style="bold red" if late else "bold"),
            period,
            Text(who, no_wrap=True, overflow="ellipsis"),
            Text(what, no_wrap=True, overflow="ellipsis"),
        )
    return table


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
    # Without styles, the grid is laid out here, line by line, as rich would lay it out.
    plain = console.no_color and console.color_system is None and not console.record
    memo: dict[object, Text] = {}
    widths: dict[str, int] = {}
    for (year, month), group in groupby(ordered, key=lambda o: (o.date.year, o.date.month)):
        entries = list(group)
        title = Text(_month_title(year, month, lang), style="bold underline")
        title.append(f" ({len(entries)})")
        console.print(title)
        lines = (
            _plain_table(
                console,
                entries,
                as_of=as_of,
                lang=lang,
                names=names,
                memo=memo,
                widths=widths,
            )
            if plain
            else None
        )
        if lines is None:
            console.print(deadline_table(entries, as_of=as_of, lang=lang, unit_names=names))
        else:
            write_laid_out(console, "\n".join(lines) + "\n")
        console.print()
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
