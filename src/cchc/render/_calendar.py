"""The deadline calendar as a month-by-month agenda, and its JSON twin."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence

from rich.console import Console
from rich.text import Text

from cchc.calendar._occurrence import UPCOMING_DAYS, Occurrence, Timing, timing
from cchc.render._console import Lang, t, write_laid_out
from cchc.render._deadlines import (
    deadline_lines,
    deadline_table,
    kind_label,
    month_title,
    short_period,
    timing_label,
    window_text,
)
from cchc.render._laid_out import Memo, plain_table
from cchc.text._dates import format_vn_date

# The words and tables of deadlines live in cchc.render._deadlines; the summary's renderer
# still imports them from here.
__all__ = [
    "deadline_lines",
    "deadline_table",
    "kind_label",
    "render_agenda",
    "short_period",
    "timing_label",
    "window_text",
]


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
    memo = Memo()
    # Sorted by date first: each month, and the overdue and upcoming ones, are a slice.
    dates = [occurrence.date for occurrence in ordered]
    start = 0
    while start < len(ordered):
        year, month = dates[start].year, dates[start].month
        stop = (
            len(ordered)
            if (year, month) == (dt.MAXYEAR, 12)
            else bisect_left(dates, dt.date(year + month // 12, month % 12 + 1, 1), start)
        )
        entries = ordered[start:stop]
        start = stop
        title = Text(month_title(year, month, lang), style="bold underline")
        title.append(f" ({len(entries)})")
        console.print(title)
        laid_out = (
            plain_table(console, entries, as_of=as_of, lang=lang, names=names, memo=memo)
            if plain
            else None
        )
        if laid_out is None:
            table = deadline_table(
                entries, as_of=as_of, lang=lang, unit_names=names, shown=memo.shown
            )
            console.print(table)
        else:
            write_laid_out(console, laid_out)
        console.print()
    late, soon = _late_and_soon(dates, as_of)
    # Records mark some done: those are neither overdue nor upcoming.
    if any(o.done is not None for o in ordered):
        states = [timing(o, as_of) for o in ordered]
        late, soon = states.count(Timing.OVERDUE), states.count(Timing.UPCOMING)
    day = format_vn_date(as_of, "numeric")
    console.print(
        t(
            lang,
            f"{len(ordered)} hạn; tính đến {day}: {late} quá hạn, {soon} sắp đến (30 ngày).",
            f"{len(ordered)} deadlines; as of {day}: {late} overdue, {soon} upcoming (30 days).",
        )
    )


def _late_and_soon(dates: Sequence[dt.date], as_of: dt.date) -> tuple[int, int]:
    """How many of the sorted *dates* are overdue and upcoming on *as_of* (see :func:`timing`)."""
    late = bisect_left(dates, as_of)
    if as_of > dt.date.max - dt.timedelta(days=UPCOMING_DAYS):
        return late, len(dates) - late
    return late, bisect_right(dates, as_of + dt.timedelta(days=UPCOMING_DAYS)) - late
