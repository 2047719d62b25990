"""Reading a PDF's text layer with pypdfium2 (PDFium, the engine of Chromium's viewer).

PDFium keeps Vietnamese words whole (its text comes from each font's ``ToUnicode`` map, in
reading order), is fast enough for a 50-page plan in well under a second, and carries a
permissive licence.  A PDF published by a portal is often a scan with no text layer: that
is said, with the OCR step to take, rather than drafted as an empty plan.

An annex's task table (STT | Nội dung | Cơ quan chủ trì | ...) is read from its ruling: the
thin vertical and horizontal lines a bordered table is drawn with give its columns and rows,
and each character of the text layer falls in the cell its box sits in.  A table that runs
on over pages gives each page's rows in turn; a row the page break cuts in two (its number
cell empty at the top of the next page) is joined back into one.  A table drawn without
lines (or with each cell's border as one rectangle) is read from its text: from a header
line that says STT and Nội dung, its columns are the bands the text fills between empty
gutters, its rows start at each number in the first column (:func:`_unruled_grid`).
"""

from __future__ import annotations

import itertools
import re
import warnings
from typing import Any

from cchc.draft._source import Block, DocumentError, Source, clean, finish
from cchc.text._normal import fold

__all__ = ["MAX_PAGES", "read_pdf"]

MAX_PAGES = 1000
"""The most pages read; a plan with its annexes has a few dozen."""
_MIN_CHARACTERS_PER_PAGE = 20
"""Fewer letters than this on every page is a scan (or a document of pictures)."""

_OCR = (
    "has no text layer (a scanned image): run OCR on it first, for example "
    "`ocrmypdf -l vie FILE out.pdf` (or `tesseract` with the Vietnamese language pack), "
    "then draft the result"
)


def read_pdf(name: str, data: bytes) -> Source:
    """The lines of the PDF *data*, page by page; :class:`DocumentError` when it has none."""
    with warnings.catch_warnings():
        # pypdfium2 reads its own version file without naming an encoding when imported.
        warnings.simplefilter("ignore", EncodingWarning)
        import pypdfium2  # noqa: PLC0415 - PDFium is loaded only to read a PDF

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        message = str(error).lower()
        if "password" in message or "security" in message:
            raise DocumentError(
                name,
                "is an encrypted PDF: open it with its password and save an unprotected "
                "copy (or print it to PDF), then draft that copy",
            ) from None
        raise DocumentError(name, "is a broken PDF that cannot be opened") from None
    blocks: list[Block] = []
    letters = 0
    try:
        pages = len(document)
        if pages == 0:
            raise DocumentError(name, "is a PDF with no pages")
        if pages > MAX_PAGES:
            raise DocumentError(name, f"has {pages} pages; cchc reads at most {MAX_PAGES}")
        for number in range(pages):
            page = document[number]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                    grid = _grid(page, pypdfium2.raw.FPDF_PAGEOBJ_PATH)
                    if grid is None:
                        grid = _unruled_grid(textpage, text)
                    rows = _table(textpage, text, grid) if grid is not None else None
                finally:
                    textpage.close()
            finally:
                page.close()
            letters += sum(char.isalpha() for char in text)
            _page(blocks, text, rows, number + 1)
    except pypdfium2.PdfiumError:
        raise DocumentError(name, "is a broken PDF: a page cannot be read") from None
    finally:
        document.close()
    if letters < _MIN_CHARACTERS_PER_PAGE * max(1, pages // 4) or not blocks:
        raise DocumentError(name, _OCR)
    return finish(Source(name=name, format="pdf", blocks=tuple(blocks)))


def _page(
    blocks: list[Block], text: str, rows: tuple[str, list[tuple[str, ...]], str] | None, page: int
) -> None:
    """Add one page's blocks: its lines, and its table's rows where the table stands."""
    if rows is None:
        _lines(blocks, text, page)
        return
    before, table, after = rows
    count = len(blocks)
    first = _lines(blocks, before, page)
    for row, read in enumerate(table, start=1):
        where, cells = f"page {page}, table row {row}", read
        if row == 1 and len(blocks) == count and _cut(blocks, read):
            # Nothing but a page number stands between this row and the last one: a
            # row the page break cut in two, whose halves are one task.
            cells = tuple(
                " ".join(part for part in pair if part)
                for pair in zip(blocks[-1].cells, read, strict=True)
            )
            where = f"{blocks.pop().where} and {where}"
        blocks.append(Block(text=" | ".join(cells), where=where, cells=cells))
    _lines(blocks, after, page, first)


def _cut(blocks: list[Block], cells: tuple[str, ...]) -> bool:
    """Whether *cells*, a page's first table row, continue the row the last page ended with.

    A table's numbered rows (STT) each start a task; a row whose number cell is empty right
    after a page break, under a numbered row of as many columns, is the rest of that row.
    """
    if not blocks or len(blocks[-1].cells) != len(cells) or not cells:
        return False
    above = blocks[-1].cells[0].strip()
    return above.rstrip(".").isdigit() and not cells[0].strip() and any(cells[1:])


def _lines(blocks: list[Block], text: str, page: int, number: int = 0) -> int:
    """Add the lines of one page's text, numbered after *number*; give the last number.

    A line after the first may continue the one before.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "").replace("\x02", "")
    for raw in text.split("\n"):
        line = clean(raw)
        number += 1
        if not line:
            continue
        if line.isdigit() and len(line) <= 3:
            continue  # a page number in the header or footer
        blocks.append(Block(text=line, where=f"page {page}, line {number}", wraps=True))
    return number


_RULE = 2.0
"""A path thinner than this (in points) is a ruling line of a table."""
_SHORTEST = 5.0
"""A ruling line is at least this long; shorter marks are underlines or bullets."""
_SNAP = 1.5
"""Ruling lines this close (in points) are one border drawn twice."""
_MIN_COLUMNS = 3
"""Fewer columns than this is a box around text, not a task table."""


def _snapped(values: list[float]) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > _SNAP:
            merged.append(value)
    return merged


def _grid(page: Any, path_type: int) -> tuple[list[float], list[float]] | None:
    """The x of a ruled table's column borders and the y of its row borders, top first."""
    xs: list[float] = []
    ys: list[float] = []
    for item in page.get_objects(filter=[path_type], max_depth=3):
        # pypdfium2 5 calls it get_bounds; 4, which pyproject.toml allows, get_pos.
        bounds = getattr(item, "get_bounds", None) or item.get_pos
        left, bottom, right, top = bounds()
        if right - left <= _RULE and top - bottom >= _SHORTEST:
            xs.append((left + right) / 2)
        elif top - bottom <= _RULE and right - left >= _SHORTEST:
            ys.append((top + bottom) / 2)
    columns, rows = _snapped(xs), _snapped(ys)
    if len(columns) <= _MIN_COLUMNS or len(rows) < 2:
        return None
    return columns, rows[::-1]


def _cell(columns: list[float], rows: list[float], x: float, y: float) -> tuple[int, int] | None:
    if not (columns[0] < x < columns[-1] and rows[-1] < y < rows[0]):
        return None
    column = next(i for i in range(len(columns) - 1) if x < columns[i + 1])
    row = next(i for i in range(len(rows) - 1) if y > rows[i + 1])
    return row, column


def _table(
    textpage: Any, text: str, grid: tuple[list[float], list[float]]
) -> tuple[str, list[tuple[str, ...]], str] | None:
    """A page's text before its ruled table, the table's rows of cells, and the text after.

    None when the characters and the text do not line up (then the page is read as lines).
    """
    count = textpage.count_chars()
    if count != len(text):
        return None
    columns, rows = grid
    cells = [["" for _ in columns[1:]] for _ in rows[1:]]
    before: list[str] = []
    after: list[str] = []
    place: tuple[int, int] | None = None
    seen = False
    for index, char in enumerate(text):
        if char.isspace() or char in "\ufffe\x02":
            # Spaces and line ends PDFium adds have no box: they go where the last letter went.
            if place is not None:
                cells[place[0]][place[1]] += " "
            else:
                (after if seen else before).append("\n" if char in "\r\n" else char)
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        place = _cell(columns, rows, (left + right) / 2, (bottom + top) / 2)
        if place is None:
            (after if seen else before).append(char)
        else:
            seen = True
            cells[place[0]][place[1]] += char
    table = [tuple(" ".join(cell.split()) for cell in row) for row in cells]
    table = [row for row in table if any(row)]
    if not table:
        return None
    return "".join(before), table, "".join(after)


_GUTTER = 6.0
"""Columns of a table drawn without lines are apart by at least this much (in points):
wider than the space between two words, narrower than a cell's padding on both sides."""
_HEADER = ("stt", "noi dung")
"""What the header row of a task table drawn without lines says, at the least."""
_ROW_NUMBER = re.compile(r"\d{1,3}\.?")


def _unruled_grid(textpage: Any, text: str) -> tuple[list[float], list[float]] | None:
    """The column and row borders of a task table drawn without ruling lines, if any.

    The table starts at its header line (STT | Nội dung | ...).  Its columns are the
    bands of the page that the text of the header and the lines below fills, the gutters
    between them empty on every line; the first line whose text crosses a gutter (a
    paragraph across the page) ends it.  A row starts at each line whose first column
    holds a number (STT): a cell's wrapped lines stay in its row.
    """
    folded = fold(text)
    if textpage.count_chars() != len(text) or not all(word in folded for word in _HEADER):
        return None  # most pages hold no table: their letters' boxes are not read
    lines = _char_lines(textpage, text)
    header = next(
        (i for i, (words, _, _) in enumerate(lines) if all(w in fold(words) for w in _HEADER)),
        None,
    )
    if header is None:
        return None
    bands: list[list[float]] = []
    last = header
    for index in range(header, len(lines)):
        widened = _bands(bands, lines[index][1])
        if index > header and len(widened) < len(bands):
            break  # this line bridges a gutter: the table ended above it
        bands, last = widened, index
    if len(bands) < _MIN_COLUMNS:
        return None
    columns = [bands[0][0] - 1.0] + [
        (left[1] + right[0]) / 2 for left, right in itertools.pairwise(bands)
    ]
    columns.append(bands[-1][1] + 1.0)
    tops = [_top(lines[header][1]) + 1.0]
    for index in range(header + 1, last + 1):
        first = "".join(
            char
            for char, box in zip(lines[index][0], lines[index][2], strict=True)
            if box is not None and box[0] < columns[1]
        )
        if _ROW_NUMBER.fullmatch(first.strip()):
            above = min(box[1] for box in lines[index - 1][1])
            tops.append((above + _top(lines[index][1])) / 2)
    if len(tops) < 2:
        return None
    tops.append(min(box[1] for box in lines[last][1]) - 1.0)
    return columns, tops


_Box = tuple[float, float, float, float]


def _char_lines(textpage: Any, text: str) -> list[tuple[str, list[_Box], list[_Box | None]]]:
    """Each line of the page: its text, the boxes of its letters, and a box per character."""
    lines: list[tuple[str, list[_Box], list[_Box | None]]] = []
    chars: list[str] = []
    boxes: list[_Box | None] = []
    for index, char in enumerate([*text, "\n"]):
        if char in "\r\n":
            letters = [box for box in boxes if box is not None]
            if letters:
                lines.append(("".join(chars), letters, boxes))
            chars, boxes = [], []
            continue
        chars.append(char)
        boxes.append(
            None
            if char.isspace() or char in "\ufffe\x02" or index >= len(text)
            else textpage.get_charbox(index)
        )
    return lines


def _top(boxes: list[_Box]) -> float:
    return max(box[3] for box in boxes)


def _bands(bands: list[list[float]], boxes: list[_Box]) -> list[list[float]]:
    """*bands* (the x ranges text fills, left to right) widened by one line's letters."""
    spans = sorted([[box[0], box[2]] for box in boxes] + [list(band) for band in bands])
    merged: list[list[float]] = []
    for left, right in spans:
        if merged and left - merged[-1][1] < _GUTTER:
            merged[-1][1] = max(merged[-1][1], right)
        else:
            merged.append([left, right])
    return merged
