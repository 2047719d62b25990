"""The opening of a document: its header, its issuer, the documents it cites as bases.

NĐ 30/2020/NĐ-CP, Phụ lục I: the issuer block and the national motto side by side, the
number line (``Số: 54/KH-UBND``) and the place-and-date line, the kind in capitals and the
title (*trích yếu*), then the bases (*Căn cứ* ...; *Thực hiện* ...) and the body.  A news
article or a web post has none of that layout; it says the same things in a sentence
("Ngày 08/2/2024, UBND Thành phố ban hành Kế hoạch số 54/KH-UBND về ..."), which is read
instead, and marked as read from such a sentence in the provenance.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import attrs

from cchc.draft._phrases import unit_name_at
from cchc.draft._segments import Segmented
from cchc.refs._citations import Citation, find_citations
from cchc.refs._header import KIND_OF_WORD, read_header
from cchc.refs._refs import DocumentRef
from cchc.text._dates import parse_date
from cchc.text._normal import fold
from cchc.text._vocab import DocumentKind

__all__ = ["Opening", "Spanned", "read_opening"]


@attrs.frozen
class Spanned:
    """A value read from the text, with its span in :attr:`Segmented.text`."""

    value: object
    span: tuple[int, int]
    note: str | None = None


@attrs.frozen(kw_only=True)
class Opening:
    """What the opening of a document says, each value with where it says it."""

    fields: dict[str, Spanned]
    """``ref``, ``kind``, ``place``, ``issued``, ``title``, ``issuer`` when found."""
    bases: tuple[tuple[Citation, tuple[int, int]], ...]
    """The documents cited as bases, with their spans in the joined text."""
    body: int
    """The index of the first segment of the body."""
    used: frozenset[int]
    """The segments the opening took (header lines, bases, the self-describing sentence)."""


_BODY = re.compile(r"(?:Căn cứ|Thực hiện|Triển khai)(?!\w)", re.IGNORECASE)
_SELF_VERB = re.compile(
    r"(?P<issuer>[^.;:]{2,120}?)\s+(?:đã\s+)?(?:xây dựng|ban hành|có|hướng dẫn)\s*\Z", re.IGNORECASE
)
_ON_DAY = re.compile(r"^\s*Ngày\s+(?P<date>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})\s*,\s*", re.IGNORECASE)
_HEADER_SEGMENTS = 30
_TITLE_PREFIX = re.compile(r"^\s*(?:về\s+việc|v/v)\s+", re.IGNORECASE)


def read_opening(seg: Segmented) -> Opening:  # noqa: PLR0912 - one branch per header part
    """Read the header, the bases and the sentence that names the document itself."""
    text = seg.text
    items = seg.items
    fields: dict[str, Spanned] = {}
    used: set[int] = set()
    body = 0
    while body < len(items) and body < _HEADER_SEGMENTS:
        segment = items[body]
        if segment.label is not None or _BODY.match(segment.text) or segment.cells:
            break
        body += 1
    if body >= _HEADER_SEGMENTS:
        body = 0
    head_end = seg.starts[body] if body < len(items) else len(text)
    header = read_header(text[:head_end])
    cursor = 0

    def spot(line: str | None) -> tuple[int, int] | None:
        nonlocal cursor
        if not line:
            return None
        position = text.find(line, cursor, head_end)
        if position < 0:
            position = text.find(line[:20], cursor, head_end)
            if position < 0:
                return None
            return position, position + min(len(line), 20)
        cursor = position
        return position, position + len(line)

    if header.issuer_lines and (where := spot(header.issuer_lines[0])) is not None:
        last = spot(header.issuer_lines[-1]) or where
        fields["issuer"] = Spanned(_issuer_of(header.issuer_lines), (where[0], last[1]))
    where = spot(header.number_line) if header.number_line else None
    if where is not None and header.ref is not None:
        fields["ref"] = Spanned(header.ref, where)
    if header.date_line and (where := spot(header.date_line)) is not None:
        if header.place:
            fields["place"] = Spanned(header.place, (where[0], where[0] + len(header.place)))
        if header.date is not None:
            fields["issued"] = Spanned(header.date, where)
    if header.kind is not None and (where := spot(header.kind_text)) is not None:
        fields["kind"] = Spanned(header.kind, where)
        if header.title_lines:
            first = spot(header.title_lines[0])
            final = spot(header.title_lines[-1])
            if first is not None and final is not None:
                title = _TITLE_PREFIX.sub("", " ".join(header.title_lines)) or header.title
                fields["title"] = Spanned(title, (first[0], final[1]))
    for index in range(body):
        used.add(index)
    bases, self_found = _bases(seg, body, used)
    for name, value in self_found.items():
        fields.setdefault(name, value)
    if "title" not in fields:
        _title_from_first_line(seg, fields, used)
    return Opening(fields=fields, bases=tuple(bases), body=body, used=frozenset(used))


def _issuer_of(lines: tuple[str, ...]) -> str:
    """The issuer in the block: the last line when it names a body of the first (SỞ NỘI VỤ)."""
    places = ("thanh pho", "tinh", "huyen", "quan", "xa", "phuong")
    last = lines[-1]
    if len(lines) >= 2 and unit_name_at(last.title(), 0) and not fold(last).startswith(places):
        return last
    return " ".join(lines)


def _bases(
    seg: Segmented, body: int, used: set[int]
) -> tuple[list[tuple[Citation, tuple[int, int]]], dict[str, Spanned]]:
    """The citations of the bases, and what the document's sentence about itself says."""
    bases: list[tuple[Citation, tuple[int, int]]] = []
    found: dict[str, Spanned] = {}
    for index in range(min(len(seg.items), body + 40)):
        segment = seg.items[index]
        if segment.label is not None and index > 0:
            break
        start = seg.starts[index]
        citations = find_citations(segment.text, max_citations=200)
        opens = _BODY.match(segment.text) is not None
        took = False
        for citation in citations:
            span = (start + citation.span[0], start + citation.span[1])
            before = segment.text[: citation.span[0]]
            sentence = re.split(r"[.;]\s", before)[-1]
            verb = _SELF_VERB.search(sentence)
            if verb is not None and not _BODY.match(sentence):
                _describe_self(seg, index, citation, verb, span, found)
                took = True
                continue
            if opens or citation.relation is not None:
                bases.append((citation, span))
                took = True
        if took or opens:
            used.add(index)
        elif index > body + 3 and not bases:
            break
        if "issuer" not in found and (statement := _issuer_statement(segment.text)) is not None:
            found["issuer"] = Spanned(
                segment.text[statement[0] : statement[1]],
                (start + statement[0], start + statement[1]),
                "read from the sentence in which the document names its issuer",
            )
    return bases, found


_STATEMENT = re.compile(
    r"(?:^|[.;]\s+|,\s+)(?P<rest>(?:Ban Thường vụ\s+)?(?:UBND|Ủy ban|Uỷ ban|Sở|Phòng|Ban|"
    r"Liên đoàn|LĐLĐ|Văn phòng|Trung tâm|Công đoàn)[^.;,:]{0,100}?)\s+(?:đã\s+)?"
    r"(?:xây dựng|ban hành|có|hướng dẫn|triển khai)\b"
)


def _issuer_statement(text: str) -> tuple[int, int] | None:
    """The span of the issuer in "UBND thành phố Lạng Sơn xây dựng Kế hoạch ..."."""
    match = _STATEMENT.search(text)
    if match is None:
        return None
    start = match.start("rest")
    if text.startswith("Ban Thường vụ ", start):
        start += len("Ban Thường vụ ")
    span = unit_name_at(text, start)
    return span if span is not None and span[1] > span[0] else None


def _describe_self(  # noqa: PLR0917 - private, called once
    seg: Segmented,
    index: int,
    citation: Citation,
    verb: re.Match[str],
    span: tuple[int, int],
    found: dict[str, Spanned],
) -> None:
    """What "UBND Thành phố ban hành Kế hoạch số 54/KH-UBND về ..." says of the document."""
    note = "read from the sentence in which the document names itself"
    found["kind"] = Spanned(citation.kind, span, note)
    if citation.ref is not None:
        found["ref"] = Spanned(citation.ref, span, note)
    segment = seg.items[index]
    start = seg.starts[index]
    if citation.date is not None:
        found["issued"] = Spanned(citation.date, span, note)
    elif (day := _ON_DAY.match(segment.text)) is not None:
        with contextlib.suppress(ValueError):
            found["issued"] = Spanned(
                parse_date(day["date"]), (start + day.start("date"), start + day.end("date")), note
            )
    about = citation.title and re.search(
        r"(?<!\w)về\s+(?:việc\s+)?" + re.escape(citation.title[:20]), citation.text
    )
    if citation.title and about:
        # Only "... về <title>" names the subject; "... thực hiện công tác ..." is a clause.
        title = citation.title[0].upper() + citation.title[1:]
        found["title"] = Spanned(title, span, note)


def _title_from_first_line(seg: Segmented, fields: dict[str, Spanned], used: set[int]) -> None:
    """A web post's headline, its leading kind word removed: the title when nothing else is."""
    if not seg.items:
        return
    first = seg.items[0]
    words = first.text.split(None, 2)
    for count in (2, 1):
        if len(words) > count and (kind := KIND_OF_WORD.get(fold(" ".join(words[:count])))):
            rest = first.text.split(None, count)[count]
            start = seg.starts[0] + first.text.index(rest)
            fields["title"] = Spanned(rest, (start, start + len(rest)), "the headline")
            fields.setdefault("kind", Spanned(kind, (seg.starts[0], start), "the headline"))
            used.add(0)
            return
    if 10 <= len(first.text) <= 300:
        fields["title"] = Spanned(first.text, (0, len(first.text)), "the headline")
        used.add(0)


def header_date(value: object) -> dt.date | None:
    """*value* as a date, when it is one."""
    return value if isinstance(value, dt.date) else None


def header_ref(value: object) -> DocumentRef | None:
    """*value* as a reference, when it is one."""
    return value if isinstance(value, DocumentRef) else None


def header_kind(value: object) -> DocumentKind | None:
    """*value* as a document kind, when it is one."""
    return value if isinstance(value, DocumentKind) else None
