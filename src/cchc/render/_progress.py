"""``progress`` for the terminal: the rates by unit, who is late, and units by periods.

Everything printed comes from :class:`cchc.report.Progress`; names and plan text are added
as plain text, never as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import partial

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cchc.render._console import Lang, t
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.render._plain_table import Cell, print_table
from cchc.report._progress import Obligation, Progress, Rates, Standing
from cchc.text._dates import format_vn_date
from cchc.text._normal import fold

__all__ = ["STANDING_LABELS", "render_progress", "standing_label"]

STANDING_LABELS: Mapping[Standing, tuple[str, str, str]] = {
    Standing.DONE_ON_TIME: ("✔", "đúng hạn", "on time"),
    Standing.DONE_LATE: ("⏱", "trễ hạn", "late"),
    Standing.OVERDUE: ("✘", "quá hạn", "overdue"),
    Standing.DUE_SOON: ("!", "sắp đến hạn", "due soon"),
    Standing.NOT_YET_DUE: ("·", "chưa đến hạn", "not yet due"),
    Standing.NOT_STATED: ("?", "không nêu hạn", "no deadline stated"),
    Standing.WAIVED: ("–", "được miễn", "waived"),
}
"""Each standing's mark and its words in Vietnamese and English."""

_STYLES = {
    Standing.DONE_ON_TIME: "green",
    Standing.DONE_LATE: "yellow",
    Standing.OVERDUE: "bold red",
    Standing.DUE_SOON: "bold",
}

# The worst standing of several in one cell, first: what a reader must see.
_WORST = (
    Standing.OVERDUE,
    Standing.DONE_LATE,
    Standing.DUE_SOON,
    Standing.NOT_STATED,
    Standing.NOT_YET_DUE,
    Standing.DONE_ON_TIME,
    Standing.WAIVED,
)

LATE_SHOWN = 20
"""Overdue and late obligations listed at most; the JSON lists every one."""


def standing_label(status: Standing, lang: Lang) -> str:
    """The words of *status* in *lang*."""
    _, vi, en = STANDING_LABELS[status]
    return t(lang, vi, en)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def _rates_columns(lang: Lang) -> Table:
    table = Table(title=t(lang, "Theo đơn vị", "By unit"), title_justify="left")
    table.add_column(t(lang, "Đơn vị", "Unit"), overflow="fold", ratio=1)
    for vi, en in (
        ("Phải làm", "Expected"),
        ("Đã làm", "Done"),
        ("Đúng hạn", "On time"),
        ("Trễ", "Late"),
        ("Quá hạn", "Overdue"),
        ("Tỷ lệ báo cáo", "Reporting rate"),
        ("Tỷ lệ đúng hạn", "On-time rate"),
    ):
        table.add_column(t(lang, vi, en), justify="right")
    return table


def _rates_rows(rates: Mapping[str, Rates], names: Mapping[str, str]) -> list[tuple[Cell, ...]]:
    # Late ones first: most overdue, then the lowest on-time rate.
    order = sorted(
        ((code, rate) for code, rate in rates.items() if rate.expected or rate.waived),
        key=lambda item: (
            -item[1].overdue,
            item[1].on_time_rate or 0.0,
            fold(names.get(item[0], item[0])),
        ),
    )
    return [
        (
            names.get(code, code),
            str(rate.expected),
            str(rate.done),
            str(rate.on_time),
            str(rate.late),
            Text(str(rate.overdue), style="bold red") if rate.overdue else "0",
            _percent(rate.reporting_rate),
            _percent(rate.on_time_rate),
        )
        for code, rate in order
    ]


def _late_lines(
    found: Sequence[Obligation],
    names: Mapping[str, str],
    illustrative: frozenset[str],
    lang: Lang,
) -> Text:
    # The members looked up once: in the loop, each lookup on the enum would cost more
    # than the test, over a million obligations.
    kinds = (Standing.OVERDUE, Standing.DONE_LATE)
    late = [o for o in found if o.status in kinds]
    text = Text(t(lang, "Quá hạn và trễ hạn", "Overdue and late"), style="bold")
    text.append(f" ({len(late)})")
    for obligation in late[:LATE_SHOWN]:
        text.append("\n")
        when = format_vn_date(obligation.deadline, "numeric") if obligation.deadline else "–"
        text.append(f"{when}  ")
        text.append(standing_label(obligation.status, lang), style=_STYLES[obligation.status])
        if obligation.late_by is not None:
            text.append(
                t(
                    lang,
                    f" {obligation.late_by} ngày làm việc",
                    f" by {obligation.late_by} working day(s)",
                )
            )
        text.append("  ")
        text.append(names.get(obligation.unit, obligation.unit))
        duty = obligation.plan + (f"#{obligation.task}" if obligation.task else "")
        text.append(f"  {duty}", style="dim")
        if obligation.period:
            text.append(f" {obligation.period}", style="dim")
        if obligation.plan in illustrative:
            text.append(f" · {ILLUSTRATIVE_LABEL}", style="italic")
    if len(late) > LATE_SHOWN:
        more = len(late) - LATE_SHOWN
        text.append("\n")
        text.append(t(lang, f"… và {more} mục khác (--json)", f"… and {more} more (--json)"))
    return text


GRID_PERIODS = 8
"""Periods the grid of units by periods shows at most: the latest that are due or due soon."""


def _grid(
    result: Progress, names: Mapping[str, str], lang: Lang
) -> tuple[Callable[[], Table], list[tuple[Cell, ...]]] | None:
    """Units by the latest periods due, the worst standing in each cell."""
    found: list[Obligation] = []
    keep = found.append
    # The periods due or begun, in the order of their first deadline (then of the first
    # obligation that has it): the order a stable sort of the obligations would give.
    # Obligations come in order, so an equal deadline met later never comes first.
    first: dict[str, tuple[dt.date, int]] = {}
    waiting = (Standing.NOT_YET_DUE, Standing.NOT_STATED)
    as_of = result.as_of
    for index, obligation in enumerate(result.obligations):
        label, deadline = obligation.period, obligation.deadline
        if not label or deadline is None:
            continue
        keep(obligation)
        if (obligation.status not in waiting or deadline <= as_of) and (
            label not in first or deadline < first[label][0]
        ):
            first[label] = (deadline, index)
    periods = sorted(first, key=first.__getitem__)[-GRID_PERIODS:]
    if not periods:
        return None
    # The worst standing of each cell shown, by its place in _WORST (by identity: an enum
    # member hashes in Python code, and a cascade has a million obligations).
    shown = frozenset(periods)
    place_of = {id(status): place for place, status in enumerate(_WORST)}
    empty = len(_WORST)
    cells: dict[tuple[str, str], int] = {}
    for obligation in found:
        label = obligation.period
        if label in shown:
            key = (obligation.unit, label)
            place = place_of[id(obligation.status)]
            if place < cells.get(key, empty):
                cells[key] = place

    def columns() -> Table:
        table = Table(title=t(lang, "Theo kỳ", "By period"), title_justify="left")
        table.add_column(t(lang, "Đơn vị", "Unit"), overflow="fold", ratio=1)
        for period in periods:
            table.add_column(period, justify="center", no_wrap=True, min_width=len(period))
        return table

    marks: list[Cell] = [
        Text(STANDING_LABELS[status][0], style=_STYLES.get(status, "")) for status in _WORST
    ]
    marks.append("")  # no obligation in the cell
    rows: list[tuple[Cell, ...]] = []
    # Vietnamese names in the order a reader expects: Đ with D, not after Z.
    for unit in sorted({u for u, p in cells if p in periods}, key=lambda c: fold(names.get(c, c))):
        row: list[Cell] = [names.get(unit, unit)]
        for period in periods:
            row.append(marks[cells.get((unit, period), len(_WORST))])
        rows.append(tuple(row))
    return columns, rows


def render_progress(
    console: Console,
    result: Progress,
    lang: Lang,
    *,
    names: Mapping[str, str],
    illustrative: frozenset[str] = frozenset(),
) -> None:
    """Print the rates by unit, the late and overdue obligations, and units by periods."""
    day = format_vn_date(result.as_of, "numeric")
    console.print(
        Text(t(lang, "Tiến độ thực hiện", "Follow-through"), style="bold")
        + Text(t(lang, f" — tính đến {day}", f" — as of {day}"))
    )
    if not result.obligations:
        console.print(t(lang, "Không có nhiệm vụ nào.", "No duty is owed."))
        return
    print_table(console, partial(_rates_columns, lang), _rates_rows(result.units, names))
    waiting = sum(1 for rate in result.units.values() if not (rate.expected or rate.waived))
    if waiting:
        console.print(
            t(
                lang,
                f"{waiting} đơn vị chưa có nhiệm vụ đến hạn.",
                f"{waiting} unit(s) with nothing due yet.",
            )
        )
    console.print(_late_lines(result.obligations, names, illustrative, lang))
    grid = _grid(result, names, lang)
    if grid is not None:
        console.print()
        print_table(console, *grid)
        legend = "  ".join(f"{mark} {t(lang, vi, en)}" for mark, vi, en in STANDING_LABELS.values())
        console.print(Text(legend, style="dim"))
