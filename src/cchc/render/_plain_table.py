"""Tables of many rows laid out without rich, row by row exactly as rich lays them out.

``progress`` prints a row per unit, tens of thousands of them on a national cascade, and
rich measures and renders every cell (a table of 10,000 units took half a minute).  On a
console without styles, :func:`print_table` lets rich work out the column widths, the
title, the borders and the header from a table holding only the rows that decide the
widths (a column is as wide as its widest cell), and writes the other rows out itself:
a cell of one line is padded as rich pads it (by its width in cells), wrapped first by
rich's own wrapping when it is too wide, and any other cell is laid out by rich.  The
rows rich laid out are then compared with the same rows laid out here; on any difference
(a rich that lays out otherwise) rich lays out the whole table.  With colour, rich
always lays out the table itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text

from cchc.render._console import write_laid_out
from cchc.render._laid_out import line_width, not_one_cell, wrapped_lines

__all__ = ["Cell", "print_table"]

Cell = str | Text
"""A cell: a ``str`` is plain text as written (never read as markup)."""

_JUSTIFIED = frozenset({"default", "left", "right", "center"})


def print_table(
    console: Console, build: Callable[[], Table], rows: Sequence[Sequence[Cell]]
) -> None:
    """Print the table *build* makes, with *rows* added, as rich prints it.

    *build* makes the table with its columns and no rows; it is called once or twice.
    """
    plain = console.no_color and console.color_system is None and not console.record
    laid_out = _laid_out(console, build, rows) if plain and rows else None
    if laid_out is None:
        console.print(_filled(build(), rows))
    else:
        write_laid_out(console, laid_out)


def _filled(table: Table, rows: Sequence[Sequence[Cell]]) -> Table:
    for row in rows:
        table.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in row))
    return table


def _text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell.plain


def _own_layout(cell: Cell) -> bool:
    """Whether *cell* asks for a layout of its own, not its column's."""
    return not isinstance(cell, str) and (
        cell.justify is not None or cell.overflow is not None or cell.no_wrap is not None
    )


class _Measured:
    """The widths rich measures each text at, remembered: cells repeat a lot."""

    __slots__ = ("found",)

    def __init__(self) -> None:
        self.found: dict[str, tuple[int, int]] = {}

    def __call__(self, text: str) -> tuple[int, int]:
        """Its longest word and its longest line in cells, as ``Text`` measures itself."""
        try:
            return self.found[text]
        except KeyError:
            pass
        if not_one_cell(text):
            lines = max(map(cell_len, text.splitlines()), default=0)
            found = (max(map(cell_len, text.split()), default=lines), lines)
        else:
            # Only characters of one cell each, none of them a line break: counted in
            # characters.
            found = (max(map(len, text.split()), default=len(text)), len(text))
        self.found[text] = found
        return found


def _deciding(rows: Sequence[Sequence[Cell]], columns: int) -> list[int] | None:
    """The rows that decide the widths: each column's widest word and widest line.

    rich measures a column as the widest of its cells (the header included), so a table
    of these rows has the widths of the whole table.  The first and the last rows are
    added too (the last has its own border); None if a row has too few or many cells.
    """
    measured = _Measured()
    best: list[tuple[int, int]] = [(-1, 0)] * (2 * columns)
    for index, row in enumerate(rows):
        if len(row) != columns:
            return None
        for column, cell in enumerate(row):
            word, line = measured(_text(cell))
            if word > best[2 * column][0]:
                best[2 * column] = (word, index)
            if line > best[2 * column + 1][0]:
                best[2 * column + 1] = (line, index)
    return sorted({0, len(rows) - 1, *(index for width, index in best if width >= 0)})


def _laid_out(
    console: Console, build: Callable[[], Table], rows: Sequence[Sequence[Cell]]
) -> str | None:
    """The text rich prints for the table, or None when rich must lay it out."""
    table = build()
    columns = table.columns
    if (
        table.rows
        or table.width is not None
        or table.box is None
        or not table.show_edge
        or table.show_lines
        or table.show_footer
        or table.leading
        or table.caption
        or table.padding != (0, 1, 0, 1)
        or not table.pad_edge
        or table.collapse_padding
        or any(c.justify not in _JUSTIFIED or c.vertical != "top" for c in columns)
    ):
        return None
    deciding = _deciding(rows, len(columns))
    if deciding is None:
        return None
    _filled(table, [rows[index] for index in deciding])
    try:
        # rich's own sum of the widths it lays the columns at, as Table.__rich_console__
        # does it; any change there shows in the comparison below.
        extra = table._extra_width
        widths = table._calculate_column_widths(
            console, console.options.update_width(console.options.max_width - extra)
        )
    except AttributeError:  # pragma: no cover - a rich without these
        return None
    if sum(widths) + extra > console.width:
        return None  # wider than the console: rich crops its lines, cell by cell
    expected = "".join(segment.text for segment in console.render(table)).split("\n")
    box = table.box.substitute(console.options, safe=console.safe_box)
    layout = _Layout(console, table, widths, extra)
    mid = (box.mid_left, box.mid_vertical, box.mid_right)
    foot = (box.foot_left, box.foot_vertical, box.foot_right)
    sample = [
        line
        for place, index in enumerate(deciding)
        for line in layout.row(rows[index], foot if place == len(deciding) - 1 else mid)
    ]
    # The title, the top border and the header, then the rows, then the bottom border.
    head = len(expected) - 2 - len(sample)
    if (
        head < 0
        or expected[-1]
        or [line.rstrip(" ") for line in expected[head:-2]] != [line.rstrip(" ") for line in sample]
    ):
        return None
    body = [
        line
        for index, row in enumerate(rows)
        for line in layout.row(row, foot if index == len(rows) - 1 else mid)
    ]
    return "\n".join((*expected[:head], *body, expected[-2], ""))


class _Layout:
    """The columns of one table at their widths, laying out its body rows."""

    __slots__ = ("_columns", "_console", "_known", "_options", "_pads", "_widths")

    def __init__(self, console: Console, table: Table, widths: list[int], extra: int) -> None:
        self._console = console
        self._columns = table.columns
        self._widths = widths
        self._known: dict[str, int] = {}
        self._pads = [" " * count for count in range(max(widths, default=0) + 1)]
        self._options = console.options.update(
            width=sum(widths) + extra, highlight=table.highlight, height=None
        )

    def row(self, row: Sequence[Cell], edges: tuple[str, str, str]) -> list[str]:
        """The lines of *row*, between the *edges* (left, between cells, right)."""
        left, between, right = edges
        cells = [self._cell(cell, column) for column, cell in enumerate(row)]
        if all(len(lines) == 1 for lines in cells):
            return [left + between.join(lines[0] for lines in cells) + right]
        # A cell of several lines (or of none, in a column too narrow for its padding):
        # the others get blank lines under theirs, as rich's cells sit at the top.
        height = max(1, *map(len, cells))
        blank = self._pads
        cells = [
            lines + [blank[width]] * (height - len(lines))
            for lines, width in zip(cells, self._widths, strict=True)
        ]
        return [left + between.join(line) + right for line in zip(*cells, strict=True)]

    def _cells(self, text: str) -> int:
        """The cells *text* takes on one line, or -1 when rich must lay it out."""
        found = self._known.get(text)
        if found is None:
            found = self._known[text] = line_width(text)
        return found

    def _wrapped(self, text: str, column: Column, room: int) -> list[str] | None:
        """*text*, one line too wide for *room*, wrapped by rich and padded as rich pads it.

        As a ``Text`` lays itself out in a cell (its column's justify, overflow and
        wrapping), without the console's rendering of every line; None when a line comes
        out wider than *room* (rich would crop it cell by cell).
        """
        lines = wrapped_lines(
            self._console,
            text,
            room,
            justify=column.justify,
            overflow=column.overflow,
            no_wrap=column.no_wrap,
        )
        found: list[str] = []
        pads = self._pads
        for plain in lines:
            cells = self._cells(plain)
            if not 0 <= cells <= room:
                return None
            found.append(f" {plain}{pads[room - cells + 1]}")
        return found

    def _cell(self, cell: Cell, index: int) -> list[str]:
        width = self._widths[index]
        column = self._columns[index]
        text = _text(cell)
        room = width - 2
        cells = self._cells(text)
        # A column with no room inside its padding shows nothing of its cells: rich's.
        if 0 <= cells <= room and room > 0 and not _own_layout(cell):
            pads = self._pads
            justify = column.justify
            if justify in ("left", "default"):
                return [f" {text}{pads[room - cells + 1]}"]
            # Right and centre: rich strips the spaces at the end first.
            stripped = text.rstrip()
            excess = room - (cells if stripped == text else self._cells(stripped))
            text = stripped
            if justify == "right":
                return [f"{pads[excess + 1]}{text} "]
            return [f"{pads[excess // 2 + 1]}{text}{pads[excess - excess // 2 + 1]}"]
        if cells > room > 0 and not _own_layout(cell):
            wrapped = self._wrapped(text, column, room)
            if wrapped is not None:
                return wrapped
        options = self._options.update(
            width=width,
            justify=column.justify,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
            height=None,
            highlight=column.highlight,
        )
        renderable = Padding(Text(cell) if isinstance(cell, str) else cell, (0, 1))
        lines = self._console.render_lines(renderable, options)
        return ["".join(segment.text for segment in line) for line in lines]
