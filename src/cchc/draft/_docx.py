"""Reading a Word ``.docx``: paragraphs and tables in document order, numbers as Word shows them.

A ``.docx`` is a zip of XML parts.  Before python-docx parses it, the zip is checked: at most
:data:`MAX_MEMBERS` members and :data:`MAX_UNPACKED` bytes unpacked (a zip bomb unpacks a few
kilobytes into gigabytes), and no XML part may declare a document type, so no entity is ever
expanded (python-docx's parser does not resolve entities either).

Plans number their sections and items with Word's automatic numbering (``I.``, ``1.``,
``a)``, ``-``): the numbers live in ``numbering.xml``, not in the text, and are lost by plain
text extraction.  :class:`_Numbering` replays them the way Word counts: one counter per list
and level, a level's counter restarting when a level above it moves on.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from cchc.draft._source import Block, DocumentError, Source, clean, finish, legacy_font_hint
from cchc.text._normal import fold

__all__ = ["MAX_MEMBERS", "MAX_UNPACKED", "read_docx"]

MAX_MEMBERS = 2000
"""The most members a ``.docx`` may hold; Word writes a few dozen."""
MAX_UNPACKED = 100 * 1024 * 1024
"""The most bytes a ``.docx`` may unpack to, all members together."""
_MAX_RATIO = 200
"""A member packed more than this many times over is a zip bomb, not a document."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEGACY_FONTS = (".vn", "vni-", "vni ")


def read_docx(name: str, data: bytes) -> Source:
    """The blocks of the ``.docx`` *data*; :class:`DocumentError` for a broken or hostile one."""
    _check_zip(name, data)
    try:
        import docx  # noqa: PLC0415 - python-docx is loaded only to read a .docx

        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        blocks = list(_blocks(document, numbering))
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(
            name, f"is not a Word document cchc can read ({type(error).__name__})"
        ) from None
    if _legacy_fonts(document):
        hint = legacy_font_hint("\n".join(block.text for block in blocks))
        raise DocumentError(
            name,
            hint
            or "is typed in a legacy Vietnamese font (TCVN3 .Vn* or VNI-*): convert it to "
            "Unicode first (UniKey's converter, Công cụ chuyển mã), then draft it again",
        )
    return finish(Source(name=name, format="docx", blocks=tuple(blocks)))


def _check_zip(name: str, data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocumentError(name, "is a broken zip file, not a Word document") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise DocumentError(name, f"holds more than {MAX_MEMBERS} parts: not a Word document")
        total = sum(member.file_size for member in members)
        if total > MAX_UNPACKED:
            raise DocumentError(
                name, f"unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB (a zip bomb?)"
            )
        names = {member.filename for member in members}
        if "word/document.xml" not in names:
            raise DocumentError(
                name, "is a zip file without word/document.xml: not a Word document"
            )
        for member in members:
            if member.file_size > _MAX_RATIO * max(member.compress_size, 1024):
                raise DocumentError(
                    name, f"part {member.filename} is packed {_MAX_RATIO}+ times (a zip bomb?)"
                )
            if member.filename.endswith((".xml", ".rels")):
                try:
                    head = archive.read(member)
                except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                    raise DocumentError(name, f"part {member.filename} is broken") from None
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise DocumentError(
                        name,
                        f"part {member.filename} declares a document type or entities, "
                        "which Word never writes: refused",
                    )


def _legacy_fonts(document: Any) -> bool:
    """Whether the document's runs or styles name a TCVN3 (``.VnTime``) or VNI font."""
    body = document.element.body
    for seen, fonts in enumerate(body.iter(f"{_W}rFonts")):
        if seen >= 5000:
            break
        for key in ("ascii", "hAnsi"):
            font = (fonts.get(f"{_W}{key}") or "").lower()
            if font.startswith(_LEGACY_FONTS):
                return True
    return False


def _blocks(document: Any, numbering: _Numbering) -> Iterator[Block]:
    from docx.table import Table  # noqa: PLC0415 - loaded with python-docx, on use
    from docx.text.paragraph import Paragraph  # noqa: PLC0415 - likewise

    paragraph_count = 0
    table_count = 0
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            paragraph_count += 1
            paragraph = Paragraph(child, document)
            label = numbering.label(paragraph)
            text = clean(paragraph.text)
            if text or label not in (None, "-"):
                yield Block(text=text, where=f"paragraph {paragraph_count}", label=label)
        elif child.tag == f"{_W}tbl":
            table_count += 1
            yield from _table(Table(child, document), table_count)


def _table(table: Any, number: int) -> Iterator[Block]:
    """A table's rows as blocks: header layouts cell by cell, other tables row by row."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell repeats itself across the columns
                continue
            previous = cell._tc
            cells.append(clean(" \n".join(p.text for p in cell.paragraphs)))
        rows.append(cells)
    if _is_task_table(rows):
        for index, cells in enumerate(rows, start=1):
            flat = tuple(" ".join(cell.split()) for cell in cells)
            if any(flat):
                yield Block(text=" | ".join(flat), where=f"table {number}, row {index}", cells=flat)
        return
    # An NĐ 30 header (issuer | Quốc hiệu; Số | place and date) or any other layout table:
    # each line of each cell, in reading order, as the header reader expects them.
    for index, cells in enumerate(rows, start=1):
        for column, cell in enumerate(cells, start=1):
            lines = [line for line in cell.splitlines() if line.strip()]
            for count, line in enumerate(lines, start=1):
                where = f"table {number}, row {index}, cell {column}"
                yield Block(
                    text=clean(line), where=where + (f", line {count}" if len(lines) > 1 else "")
                )


def _is_task_table(rows: list[list[str]]) -> bool:
    if not rows or len(rows[0]) < 3:
        return False
    head = " ".join(fold(cell) for cell in rows[0])
    return "noi dung" in head or ("nhiem vu" in head and "chu tri" in head)


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def _letter(value: int) -> str:
    out = ""
    while value > 0:
        value, rest = divmod(value - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _format(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "lowerLetter":
        return _letter(value)
    if fmt == "upperLetter":
        return _letter(value).upper()
    return str(value)


class _Numbering:
    """Word's list counters, replayed paragraph by paragraph."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._counters: dict[str, list[int]] = {}
        self._styles = document.styles
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in node.iterchildren(f"{_W}lvl"):
                level = int(lvl.get(f"{_W}ilvl") or 0)
                levels[level] = (
                    int(_value(lvl, "start") or 1),
                    _value(lvl, "numFmt") or "decimal",
                    _value(lvl, "lvlText") or "",
                )
            abstract[node.get(f"{_W}abstractNumId") or ""] = levels
        for node in root.iterchildren(f"{_W}num"):
            levels = dict(abstract.get(_value(node, "abstractNumId") or "", {}))
            for override in node.iterchildren(f"{_W}lvlOverride"):
                level = int(override.get(f"{_W}ilvl") or 0)
                start = _value(override, "startOverride")
                if start is not None and level in levels:
                    _, fmt, text = levels[level]
                    levels[level] = (int(start), fmt, text)
            self._levels[node.get(f"{_W}numId") or ""] = levels

    def label(self, paragraph: Any) -> str | None:
        """The number Word shows before *paragraph*, counting it; None when it has none."""
        found = self._num_pr(paragraph)
        if found is None:
            return None
        num_id, level = found
        levels = self._levels.get(num_id)
        if not levels or level not in levels:
            return None
        counters = self._counters.setdefault(num_id, [0] * 9)
        level = min(level, 8)
        start, fmt, text = levels[level]
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return None
        label = text
        for index in range(level + 1):
            value = counters[index] or levels.get(index, (1, "", ""))[0]
            index_fmt = levels.get(index, (1, "decimal", ""))[1]
            label = label.replace(f"%{index + 1}", _format(value, index_fmt))
        return label.strip() or None

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(f"{_W}numPr") if p_pr is not None else None
        style = paragraph.style
        depth = 0
        while num_pr is None and style is not None and depth < 10:
            s_pr = style.element.find(f"{_W}pPr")
            if s_pr is not None:
                num_pr = s_pr.find(f"{_W}numPr")
            style = style.base_style
            depth += 1
        if num_pr is None:
            return None
        num_id = _value(num_pr, "numId")
        if num_id is None or num_id == "0":
            return None
        return num_id, int(_value(num_pr, "ilvl") or 0)


def _value(node: Any, tag: str) -> str | None:
    child = node.find(f"{_W}{tag}")
    if child is None:
        return None
    value = child.get(f"{_W}val")
    return None if value is None else str(value)
