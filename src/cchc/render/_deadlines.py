"""The words and cells of deadlines: kinds, periods, timing marks, and their tables.

What a deadline says in the terminal, in Vietnamese or English: the two-column table
``calendar`` prints month by month, and the one-line list of ``summary``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from cchc.calendar._occurrence import Occurrence, Timing, timing
from cchc.render._console import Lang, t
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.text._dates import format_vn_date
from cchc.text._vocab import Cadence, ScheduleKind

__all__ = [
    "date_cell",
    "date_text",
    "deadline_lines",
    "deadline_table",
    "estimate_text",
    "headline",
    "kind_label",
    "month_title",
    "short_period",
    "timing_label",
    "units_cell",
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


def kind_label(kind: ScheduleKind, lang: Lang) -> str:
    """The short name of a schedule's kind: ``hạn``/``due``, ``định kỳ``/``recurring`` ..."""
    return t(lang, *_KIND[kind])


def month_title(year: int, month: int, lang: Lang) -> str:
    return t(lang, f"Tháng {month}/{year}", f"{_MONTH_EN[month - 1]} {year}")


def date_cell(occurrence: Occurrence, lang: Lang) -> Text:
    day = occurrence.date
    weekday = (_WEEKDAY_VI if lang is Lang.VI else _WEEKDAY_EN)[day.weekday()]
    cell = Text(f"{weekday} {format_vn_date(day, 'numeric')}")
    if occurrence.moved:
        moved = format_vn_date(occurrence.original_date, "day_month")
        cell.append("\n" + t(lang, f"(văn bản: {moved})", f"(written: {moved})"), style="dim")
    if not occurrence.stated:
        cell.append("\n" + t(lang, "(không nêu ngày)", "(no date stated)"), style="dim")
    if occurrence.estimated:
        cell.append("\n" + t(lang, "(ước tính)", "(estimated)"), style="yellow")
    return cell


def date_text(occurrence: Occurrence, lang: Lang) -> str:
    """The date of one line of a list, with its marks.

    ``≤`` before the last day of a legal window (no date stated); ``(ước tính)`` /
    ``(estimated)`` after a date whose year's days off are not announced.
    """
    day = ("" if occurrence.stated else "≤") + format_vn_date(occurrence.date, "numeric")
    return f"{day} {t(lang, '(ước tính)', '(estimated)')}" if occurrence.estimated else day


def estimate_text(lang: Lang) -> str:
    """Why a date is marked estimated: the days off of its year are not announced yet."""
    return t(lang, "lịch nghỉ chưa được công bố", "days off not announced yet")


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
    if state is Timing.DONE:
        return Text(t(lang, "đã xong", "done"), style="green")
    return Text("")


def headline(occurrence: Occurrence, as_of: dt.date, lang: Lang, names: Mapping[str, str]) -> Text:
    """Kind, period and what is asked, after the timing mark: ``quá hạn · chỉ tiêu · ...``."""
    line = Text()
    if occurrence.illustrative:
        line.append(ILLUSTRATIVE_LABEL, style="magenta")
        line.append(" · ")
    state = timing(occurrence, as_of)
    mark = timing_label(state, lang)
    done = occurrence.done
    if state is Timing.DONE and done is not None and done.late:
        mark.append(t(lang, " (trễ hạn)", " (late)"))
    if mark:
        line.append_text(mark)
        line.append(" · ")
    if done is not None and not done.complete:
        # Some of the units owing it did it: say how many, beside whether it is overdue.
        line.append(
            t(
                lang,
                f"{done.done + done.waived}/{done.owing} đơn vị đã làm",
                f"{done.done + done.waived} of {done.owing} units done",
            )
        )
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
            f"{format_vn_date(occurrence.cutoff.start, 'numeric')}"
            f"-{format_vn_date(occurrence.cutoff.end, 'numeric')}"
        )
        line.append(" · " + t(lang, "số liệu ", "data ") + window)
    if not occurrence.stated:
        line.append(" · " + window_text(occurrence, lang))
    if occurrence.estimated:
        line.append(" · " + estimate_text(lang))
    return line


def deadline_table(
    occurrences: Iterable[Occurrence],
    *,
    as_of: dt.date,
    lang: Lang,
    unit_names: Mapping[str, str] | None = None,
    full_text: bool = True,
    shown: set[tuple[str, str]] | None = None,
) -> Table:
    """Deadlines as a two-column list: the date, then what is due on a few lines.

    The second column holds, one a line: the timing, kind, period and what is asked; the
    units responsible; the plan and item with the task text.  The text wraps at word
    boundaries (*full_text*) or is cut to one line with an ellipsis; it is never changed
    otherwise.  With *shown*, the tasks whose text was already given in full (their plan
    and item, added to it here) get the one cut line: a monthly quota does not repeat its
    paragraph twelve times.  The date column never wraps, so dates line up down the list.
    """
    names = unit_names or {}
    table = Table.grid(padding=(0, 2, 0, 0), expand=False)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for index, occurrence in enumerate(occurrences):
        whole = full_text and not _seen_before(shown, occurrence)
        date, details = _cells(occurrence, as_of=as_of, lang=lang, names=names, full_text=whole)
        if index:
            table.add_row("", "")
        table.add_row(date, Group(*details))
    return table


def _seen_before(shown: set[tuple[str, str]] | None, occurrence: Occurrence) -> bool:
    """Whether *shown* already holds the task of *occurrence*; it holds it afterwards."""
    if shown is None:
        return False
    key = (occurrence.plan, occurrence.task)
    if key in shown:
        return True
    shown.add(key)
    return False


def _cells(
    occurrence: Occurrence,
    *,
    as_of: dt.date,
    lang: Lang,
    names: Mapping[str, str],
    full_text: bool = True,
) -> tuple[Text, tuple[Text, ...]]:
    """The two cells of a deadline: its date, and the lines saying what is due."""
    where = Text(f"{occurrence.plan}#{occurrence.task}", style="dim")
    task = Text(occurrence.text)
    if not full_text:
        task.no_wrap = True
        task.overflow = "ellipsis"
        where.no_wrap = True
        where.overflow = "ellipsis"
    details = (headline(occurrence, as_of, lang, names), units_cell(occurrence, names), where, task)
    return date_cell(occurrence, lang), details


def units_cell(occurrence: Occurrence, names: Mapping[str, str]) -> Text:
    """The units responsible for *occurrence*, by name."""
    return Text(", ".join(names.get(code, code) for code in occurrence.units), overflow="fold")


def deadline_lines(
    occurrences: Sequence[Occurrence],
    *,
    as_of: dt.date,
    lang: Lang,
    width: int,
    unit_names: Mapping[str, str] | None = None,
) -> Table:
    """Deadlines two lines each (or more), *width* cells wide, for a summary on one screen.

    The first line gives the date, kind and period, then the units responsible by their
    full names, wrapped when longer than the width beside the date (a unit is never cut to
    a few letters); the last, under the names, the plan and item and the start of the task
    text, cut with an ellipsis at the end of the line (never otherwise changed).  Under a
    heading that says whether they are upcoming or overdue; ``calendar`` shows the texts
    in full.
    """
    names = unit_names or {}
    rows = [
        (
            date_text(occurrence, lang),
            kind_label(occurrence.kind, lang),
            short_period(occurrence, lang),
            ", ".join(names.get(code, code) for code in occurrence.units),
            # Marked at the head of the line, which is cut at its end.
            (f"[{ILLUSTRATIVE_LABEL}] " if occurrence.illustrative else "")
            + f"{occurrence.plan}#{occurrence.task} · {occurrence.text}",
            timing(occurrence, as_of) is Timing.OVERDUE,
        )
        for occurrence in occurrences
    ]
    # Fixed widths: rich would otherwise shrink the short columns before the long text.
    fixed = [max((cell_len(str(row[i])) for row in rows), default=0) for i in range(3)]
    gap = 2
    room = max(10, width - sum(fixed) - gap * 3)
    table = Table.grid(padding=(0, gap, 0, 0), collapse_padding=True)
    for size in fixed:
        table.add_column(no_wrap=True, width=size, overflow="ellipsis")
    table.add_column(width=room)
    for day, kind, period, who, what, late in rows:
        table.add_row(
            day,
            Text(kind, style="bold red" if late else "bold"),
            period,
            Group(
                Text(who, overflow="fold"),
                Text(what, style="dim", no_wrap=True, overflow="ellipsis"),
            ),
        )
    return table
