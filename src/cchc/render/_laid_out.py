"""The agenda of ``calendar`` laid out as plain text, without rich, for speed.

On a console without styles, the two-column grid of
:func:`~cchc.render._deadlines.deadline_table` is laid out here, line by line, exactly as
rich would lay it out: a calendar of 300,000 deadlines prints in seconds instead of
minutes.  Every text is made visible (:func:`~cchc.render._console.visible_text`) before
it is measured, as the console does for what rich lays out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.text import Text

from cchc._visible import is_visible
from cchc.calendar._occurrence import Occurrence
from cchc.render._console import Lang, visible_text
from cchc.render._deadlines import date_cell, headline, units_cell

__all__ = ["Memo", "line_width", "not_one_cell", "plain_table", "wrapped_lines"]


def _rich_divide_line() -> Callable[[str, int, bool], list[int]] | None:
    """The cutting of a line into words that fit, rich's own; None in a rich without it."""
    try:
        from rich._wrap import divide_line  # noqa: PLC0415 - private: it may go
    except ImportError:  # pragma: no cover - Text.wrap then does it all
        return None
    return divide_line


_DIVIDE_LINE = _rich_divide_line()

_MEMO_KEPT = 100_000
"""How many shared texts a calendar keeps for reuse; then it starts afresh."""


# Characters after which rich's measuring (str.splitlines) or wrapping (tabs) of a text
# differs from one line of cells: a text holding one is laid out by rich itself.
_NOT_ONE_LINE = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


class _Cell:
    """A text of the agenda made visible, as it is laid out: its plain lines and width.

    Deadlines share most of their texts (a date, a headline, a list of units, a task met
    again in another month): each is built, made visible and measured once.
    """

    __slots__ = ("_wrapped", "plain", "text", "width")

    def __init__(self, text: Text, *, date: bool = False) -> None:
        # Made visible before it is measured, as the console does for what rich lays out.
        self.text = visible_text(text)
        self.plain = plain = self.text.plain
        self.width: int
        """Its width in cells (of its widest line, for a date); -1 for a detail that is
        not one simple line."""
        if date:
            self.width = max(map(_cell_len, plain.split("\n")))
        elif _NOT_ONE_CELL.search(plain) is None:
            # Only characters of one cell each: none of them breaks the line either.
            self.width = len(plain)
        else:
            self.width = -1 if _NOT_ONE_LINE.search(plain) else cell_len(plain)
        self._wrapped: dict[tuple[int, bool], list[str]] | None = None

    @property
    def lines(self) -> list[str]:
        """Its lines, as written."""
        return self.plain.split("\n")

    def wrapped(self, console: Console, width: int, *, cut: bool = False) -> list[str]:
        """Its lines wrapped by rich at *width* cells, each padded to *width*.

        *cut*: one line cut with an ellipsis instead, as rich shows a text that does not
        wrap.
        """
        if self._wrapped is None:
            self._wrapped = {}
        found = self._wrapped.get((width, cut))
        if found is None:
            overflow: OverflowMethod = "ellipsis" if cut else "fold"
            found = self._wrapped[width, cut] = wrapped_lines(
                console, self.text, width, justify="left", overflow=overflow, no_wrap=cut
            )
        return found


class Memo:
    """The cells a calendar has met, by what they show, kept from one month to the next."""

    __slots__ = ("broken", "heads", "shown", "tasks", "units")

    def __init__(self) -> None:
        self.tasks: dict[tuple[str, str, str, tuple[str, ...]], _Task] = {}
        """The units, place and text cells of each task, and the widest of them."""
        self.units: dict[tuple[str, ...], _Cell] = {}
        self.heads: dict[tuple[object, ...], tuple[_Cell, _Cell]] = {}
        """The date and headline cells of each date, kind, period and what is asked."""
        self.broken = 0
        """How many of its cells are not one simple line (almost always none)."""
        self.shown: set[tuple[str, str]] = set()
        """The tasks whose text was given in full; never trimmed, since it is not a cache."""

    def trim(self) -> None:
        """Start afresh once it holds :data:`_MEMO_KEPT` entries."""
        if len(self.tasks) + len(self.units) + len(self.heads) >= _MEMO_KEPT:
            for found in (self.tasks, self.units, self.heads):
                found.clear()
            self.broken = 0

    def cell(self, text: Text) -> _Cell:
        """A new cell of *text*, counted when it is not one simple line."""
        cell = _Cell(text)
        self.broken += cell.width < 0
        return cell


_Task = tuple[_Cell, _Cell, _Cell, int]
"""The units, place and text cells of a task, and the widest of the three."""

_Row = tuple[_Cell, _Cell, _Cell, _Cell, _Cell, int, bool]
"""The cells of one deadline, the date first, then the widest of its details, and whether
its task was given in full above (its place and text are then cut to one line)."""


def plain_table(
    console: Console,
    occurrences: Sequence[Occurrence],
    *,
    as_of: dt.date,
    lang: Lang,
    names: Mapping[str, str],
    memo: Memo,
) -> str | None:
    """The text :func:`~cchc.render._deadlines.deadline_table` prints without styles.

    rich measures and renders every cell of a table, about a millisecond a deadline; this
    lays the same two-column grid out directly (the date column as wide as its widest
    date, two cells of gap, the rest for the details, each text wrapped by rich only
    when it does not fit).  *memo* keeps the cells met, each built from the same texts
    as ``deadline_table`` shows.  Returns None when a text is not one simple line or the
    console is too narrow: rich then lays the table out itself.
    """
    memo.trim()
    rows, fresh = _rows(occurrences, as_of=as_of, lang=lang, names=names, memo=memo)
    if memo.broken and any(min(cell.width for cell in row[1:5]) < 0 for row in rows):
        return None
    dates = {id(row[0]): row[0] for row in rows}
    first = max(cell.width for cell in dates.values()) + 2
    second = min(max(row[5] for row in rows), console.width - first)
    if second < 1:
        return None
    left = {
        key: [line + " " * (first - _cell_len(line)) for line in cell.lines]
        for key, cell in dates.items()
    }
    blocks = _blocks(console, rows, left, first=first, second=second)
    memo.shown |= fresh
    blocks[-1] += "\n"  # the text ends its last line; joined, it is copied only once
    blank = " " * (first + second)
    return f"\n{blank}\n".join(blocks)


def _rows(
    occurrences: Sequence[Occurrence],
    *,
    as_of: dt.date,
    lang: Lang,
    names: Mapping[str, str],
    memo: Memo,
) -> tuple[list[_Row], set[tuple[str, str]]]:
    """The cells of each deadline, taken from *memo* or built there, and the tasks met."""
    tasks, heads = memo.tasks, memo.heads
    rows: list[_Row] = []
    fresh = set[tuple[str, str]]()
    for occurrence in occurrences:
        key = (occurrence.plan, occurrence.task, occurrence.text, occurrence.units)
        found = tasks.get(key)
        if found is None:
            found = tasks[key] = _task_cells(occurrence, names, memo)
        units, place, task, widest = found
        cutoff = occurrence.cutoff
        # Enums go by identity and periods by their dates: quick to hash, as a key must be.
        head = (
            occurrence.date,
            occurrence.original_date,
            id(occurrence.kind),
            id(occurrence.cadence),
            occurrence.period.start,
            occurrence.count,
            occurrence.what,
            occurrence.to,
            None if cutoff is None else cutoff.start,
            None if cutoff is None else cutoff.end,
            occurrence.stated,
            occurrence.earliest,
            occurrence.basis,
            occurrence.estimated,
            occurrence.illustrative,
            occurrence.done,
        )
        pair = heads.get(head)
        if pair is None:
            pair = heads[head] = (
                _Cell(date_cell(occurrence, lang), date=True),
                memo.cell(headline(occurrence, as_of, lang, names)),
            )
        date, line = pair
        # Marked shown only once the month is laid out here (rich may lay it out instead).
        task_key = (occurrence.plan, occurrence.task)
        again = task_key in memo.shown or task_key in fresh
        fresh.add(task_key)
        rows.append((date, line, units, place, task, max(widest, line.width), again))
    return rows, fresh


def _task_cells(occurrence: Occurrence, names: Mapping[str, str], memo: Memo) -> _Task:
    """The cells that show the units of *occurrence*, where its task is, and its text."""
    units = memo.units.get(occurrence.units)
    if units is None:
        units = memo.units[occurrence.units] = memo.cell(units_cell(occurrence, names))
    place = memo.cell(Text(f"{occurrence.plan}#{occurrence.task}", style="dim"))
    task = memo.cell(Text(occurrence.text))
    return units, place, task, max(units.width, place.width, task.width)


def _blocks(
    console: Console,
    rows: list[_Row],
    left: Mapping[int, list[str]],
    *,
    first: int,
    second: int,
) -> list[str]:
    """The lines of each deadline, *first* cells of date and *second* of details."""
    no_date = " " * first
    pads = [" " * count for count in range(second + 1)]
    blocks: list[str] = []
    for date, line, units, place, task, widest, again in rows:
        date_lines = left[id(date)]
        if widest <= second and len(date_lines) == 1:
            # The common case, one line each: written out, for speed.
            blocks.append(
                f"{date_lines[0]}{line.plain}{pads[second - line.width]}\n"
                f"{no_date}{units.plain}{pads[second - units.width]}\n"
                f"{no_date}{place.plain}{pads[second - place.width]}\n"
                f"{no_date}{task.plain}{pads[second - task.width]}"
            )
            continue
        right: list[str] = []
        for cell, cut in ((line, False), (units, False), (place, again), (task, again)):
            if cell.width <= second:
                right.append(cell.plain + pads[second - cell.width])
            else:
                right.extend(cell.wrapped(console, second, cut=cut))
        if len(date_lines) < len(right):
            date_lines = [*date_lines, *[no_date] * (len(right) - len(date_lines))]
        elif len(right) < len(date_lines):
            right.extend([pads[second]] * (len(date_lines) - len(right)))
        blocks.append("\n".join(map(str.__add__, date_lines, right)))
    return blocks


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


def not_one_cell(text: str) -> bool:
    """Whether *text* holds a character that is not one cell of one line to rich."""
    return _NOT_ONE_CELL.search(text) is not None


def line_width(text: str) -> int:
    """The cells *text* takes as one line shown as written, or -1 if it is not one.

    -1 for a text holding a line break or a tab (rich splits or expands it) or a
    character the console shows by its name instead (:func:`cchc._visible.visible`).
    """
    if _NOT_ONE_CELL.search(text) is None:
        return len(text)
    if _NOT_ONE_LINE.search(text) or not is_visible(text):
        return -1
    return cell_len(text)


def _cell_len(text: str) -> int:
    """The cells *text* takes, as rich counts them, quicker on Vietnamese letters."""
    return cell_len(text) if _NOT_ONE_CELL.search(text) else len(text)


def wrapped_lines(
    console: Console,
    text: str | Text,
    width: int,
    *,
    justify: JustifyMethod | None,
    overflow: OverflowMethod | None,
    no_wrap: bool | None,
) -> list[str]:
    """The plain lines of ``Text(text).wrap(console, width, ...)``, as rich wraps them.

    A text of one-cell characters on one line, wrapped word by word, justified to the
    left (or not at all), is cut at the places rich's own ``divide_line`` gives and each
    line trimmed and padded as ``Text.wrap`` does, without a ``Text`` for every line:
    tables of tens of thousands of units wrap a name a row.  Anything else (a word
    cropped, a line centred, wide or control characters) is left to rich.
    """
    plain = text if isinstance(text, str) else text.plain
    # A Text's own justify, overflow or no_wrap stand in for those not given: rich's.
    own = not isinstance(text, str) and (
        text.justify is not None or text.overflow is not None or text.no_wrap is not None
    )
    simple = (
        not own
        and _DIVIDE_LINE is not None
        and width > 0
        and justify in (None, "default", "left")
        and not no_wrap
        and overflow in (None, "fold")
        and _NOT_ONE_CELL.search(plain) is None
    )
    found = _divided(plain, width, pad=justify == "left") if simple else None
    if found is None:
        shown = Text(text) if isinstance(text, str) else text
        lines = shown.wrap(console, width, justify=justify, overflow=overflow, no_wrap=no_wrap)
        found = [line.plain for line in lines]
    return found


def _divided(plain: str, width: int, *, pad: bool) -> list[str] | None:
    """*plain* (one-cell characters) cut where rich cuts it, each line at most *width*.

    None if a line comes out wider (rich would then crop it).
    """
    assert _DIVIDE_LINE is not None
    places = [0, *_DIVIDE_LINE(plain, width, True), len(plain)]
    found: list[str] = []
    for start, end in pairwise(places):
        line = plain[start:end]
        # As Text.rstrip_end: the spaces past the width go, as many as it is over.
        over = len(line) - width
        if over > 0:
            line = line[: len(line) - min(over, len(line) - len(line.rstrip()))]
            if len(line) > width:
                return None
        found.append(line.ljust(width) if pad else line)
    return found
