"""The header of a published document: number line, place and date, kind and title.

Nghị định 30/2020/NĐ-CP, Phụ lục I lays the header out: ``Số: 54/KH-UBND``, then
``Hà Nội, ngày 08 tháng 02 năm 2024``, then the kind in capitals (``KẾ HOẠCH``) and the
title (*trích yếu*) lines.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import attrs

from cchc._faces import rehome
from cchc.exceptions import CchcError
from cchc.refs._refs import DocumentRef, parse_ref
from cchc.text._dates import parse_date
from cchc.text._normal import fold
from cchc.text._vocab import DocumentKind, vietnamese_words

__all__ = ["KIND_OF_WORD", "Header", "read_header"]

KIND_OF_WORD: dict[str, DocumentKind] = {
    fold(word): kind
    for word, kind in vietnamese_words(DocumentKind).items()
    if isinstance(kind, DocumentKind)
}
"""Document kinds by their folded Vietnamese word (``ke hoach``: plan)."""


@attrs.frozen(kw_only=True)
class Header:
    """The opening lines of a document: number, place and date, kind and title."""

    number_line: str | None = None
    """The number line as written (``Số: /KH-UBND``)."""
    ref: DocumentRef | None = None
    """The reference of the number line, when it reads."""
    date_line: str | None = None
    """The place-and-date line as written (``TP. Lạng Sơn, ngày 27 tháng 02 năm 2024``)."""
    place: str | None = None
    """The place of that line (``TP. Lạng Sơn``)."""
    date: dt.date | None = None
    """Its date; None when left blank (a draft) or impossible."""
    kind: DocumentKind | None = None
    """The kind the kind line names (``KẾ HOẠCH``: plan)."""
    kind_text: str | None = None
    """The kind line as written."""
    title_lines: tuple[str, ...] = ()
    """The title (*trích yếu*) lines under the kind line, as written."""
    issuer_lines: tuple[str, ...] = ()
    """The issuer block above the number line (``ỦY BAN NHÂN DÂN`` / ``THÀNH PHỐ LẠNG SƠN``),
    without the national motto block (*Quốc hiệu*, *Tiêu ngữ*) that shares its rows."""

    @property
    def issuer(self) -> str | None:
        """The issuer lines joined by single spaces; None when there are none."""
        return " ".join(self.issuer_lines) if self.issuer_lines else None

    @property
    def title(self) -> str | None:
        """The title lines joined by single spaces; None when there are none."""
        return " ".join(self.title_lines) if self.title_lines else None


_NUMBER_LINE = re.compile(r"(?<!\w)Số[ \t\u00a0]*:(?P<ref>[^\n]*)")
_DATE_LINE = re.compile(
    r"(?P<place>[^,\n]{1,80}),[ \t\u00a0]*(?P<date>ngày\b[^\n]*)", re.IGNORECASE
)
_BODY_START = re.compile(r"(?:Căn cứ|Thực hiện|Triển khai|Kính gửi|I\.|1\.)(?!\w)", re.IGNORECASE)
_HEADER_LINES = 40
# Header lines are short; a longer line is body text (and is never run through a regex).
_HEADER_LINE_LENGTH = 300


def read_header(text: str) -> Header:
    """Read the issuer block, number line, place-and-date line, kind line and title lines.

    Each part may be missing.  The header ends at the first line that opens the body
    (*Căn cứ*, *Thực hiện*, *I.* ...), after :data:`_HEADER_LINES` lines, or at the
    blank line after the title.  Markdown emphasis around lines (``**KẾ HOẠCH**``) is ignored.
    A header copied with its table's bars (``Số: 07/KH-UBND | Quảng Ngãi, ngày ...``), or
    with the number and the date on one line, is read cell by cell; a date broken across
    two lines (``ngày 27 tháng 02`` / ``năm 2024``) is read whole.  The national motto block
    (``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` / ``Độc lập - Tự do - Hạnh phúc``) is skipped.
    """
    header = Header()
    title: list[str] = []
    issuer: list[str] = []
    in_title = False
    lines = _header_lines(text)
    for line in lines:
        opens = bool(line) and _BODY_START.match(line) is not None
        if opens and in_title and not title and _CITES.search(line) is None:
            # "KẾ HOẠCH" / "Triển khai thực hiện ...": a title may open with such a verb.
            opens = False
        if len(line) > _HEADER_LINE_LENGTH or opens:
            break
        if in_title:
            if line:
                title.append(line)
            elif title:
                break
            continue
        if not line:
            continue
        if header.number_line is None and (match := _NUMBER_LINE.search(line)):
            written = match["ref"].strip()
            header = attrs.evolve(
                header, number_line=line[match.start() :], ref=_header_ref(written)
            )
        elif header.date_line is None and (match := _DATE_LINE.fullmatch(line)):
            header = attrs.evolve(
                header,
                date_line=line,
                place=match["place"].strip(),
                date=_header_date(match["date"].strip()),
            )
        elif header.kind is None and (kind := KIND_OF_WORD.get(fold(line))) is not None:
            header = attrs.evolve(header, kind=kind, kind_text=line)
            in_title = True
        elif header.number_line is None and header.kind is None and _is_issuer_line(line):
            issuer.append(line)
    if header.number_line is None:
        issuer = []  # capitals with no number line under them are a web page's, not an issuer's
    return attrs.evolve(header, title_lines=tuple(title), issuer_lines=tuple(issuer))


_CITES = re.compile(r"(?<!\w)(?:số|Căn cứ)(?!\w)", re.IGNORECASE)
_TABLE_ROW = re.compile(r"(?<!\w)Số[ \t\u00a0]*:|,[ \t\u00a0]*ngày(?!\w)")
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_SPLIT_NUMBER = re.compile(r"(?<!\w)Số[ \t\u00a0]*:")
_PLACE_AFTER = re.compile(
    r"[ \t\u00a0]+(?=(?:TP\.[ \t\u00a0]*)?[^\W\d_][^,|\n]{0,60},[ \t\u00a0]*ngày\b)"
)
_DATE_TAIL = re.compile(r"năm[ \t\u00a0]*[0-9]{4}\s*$|[0-9]{4}\s*$", re.IGNORECASE)
_DATE_REST = re.compile(r"(?:năm|tháng|[0-9])", re.IGNORECASE)


def _is_issuer_line(line: str) -> bool:
    """A line of the issuer block: in capitals, and not the national motto."""
    letters = [char for char in line if char.isalpha()]
    if len(letters) < 2 or not all(char.isupper() for char in letters):
        return False
    folded = fold(line)
    return not any(folded in motto or motto in folded for motto in _MOTTO)


def _header_lines(text: str) -> list[str]:
    """The header's lines, cells of a copied table apart and broken dates joined."""
    lines: list[str] = []
    for count, raw in enumerate(text.splitlines()):
        if count >= _HEADER_LINES:
            break
        line = unicodedata.normalize("NFC", raw).strip().strip("*_#").strip()
        if len(line) > _HEADER_LINE_LENGTH:
            lines.append(line)
            break
        if line.endswith("|") and not line.startswith("|"):
            line = line.rstrip("| \t")  # the closing bar of a copied table's row
        # Bars are a copied table's only in its number and date row.
        cells = line.split("|") if "|" in line and _TABLE_ROW.search(line) else (line,)
        for cell in cells:
            lines.extend(_number_then_date(cell.strip().strip("*_").strip()))
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        if (
            line
            and _DATE_LINE.fullmatch(previous)
            and not _DATE_TAIL.search(previous)
            and _DATE_REST.match(line)
        ):
            joined[-1] = f"{previous} {line}"
            continue
        joined.append(line)
    return joined


def _number_then_date(line: str) -> list[str]:
    """``Số: /KH-UBND TP. Lạng Sơn, ngày 27 ...`` as the number line and the date line."""
    number = _SPLIT_NUMBER.match(line)
    if number is None or "ngày" not in line:
        return [line]
    for match in _PLACE_AFTER.finditer(line, number.end()):
        ref = line[number.end() : match.start()].strip()
        place = line[match.end() :]
        first = place.split(None, 1)[0] if place.split() else ""
        # "83/HD- LĐLĐ Gia Lâm, ngày": a word in capitals still belongs to the symbol.
        if first.isupper() and not first.startswith("TP"):
            continue
        if ref and _header_ref(ref) is not None:
            return [line[: match.start()].strip(), place.strip()]
    return [line]


def _header_ref(written: str) -> DocumentRef | None:
    if not written:
        return None
    try:
        return parse_ref(written)
    except CchcError:
        return None


def _header_date(written: str) -> dt.date | None:
    try:
        return parse_date(written)
    except CchcError:
        return None


# Users import these from their public face; they say so in their __module__.
rehome("cchc", Header)
