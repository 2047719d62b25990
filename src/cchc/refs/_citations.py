"""Citations of documents in published text.

Real plans are linked only by sentences such as "Thực hiện Kế hoạch số 145/KH-UBND ngày
14/6/2021 của UBND Thành phố về ...".  :func:`find_citations` reads every
"<kind> số <reference>" of a text with what follows it (date, issuer, title) and the
relation its context gives (*Căn cứ*: basis; *Thực hiện*, *Triển khai*: implements).
:func:`read_header` reads the number line, the place-and-date line, the kind and the title
that open a document.  Turning an issuer wording into a unit of a corpus needs the corpus:
that is :func:`cchc.graph.resolve_issuer`.

Every pattern here runs in linear time: each regex is either free of nested or adjacent
overlapping repetition or runs on a window of bounded size, because the text may be large
and hostile.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from cchc._faces import rehome
from cchc.exceptions import CchcError
from cchc.refs._clauses import DOT, MAIN_CLAUSE, context_relation
from cchc.refs._cores import SPACE as _SPACE
from cchc.refs._cores import Core, find_cores
from cchc.refs._header import Header, read_header
from cchc.refs._offsets import normalise
from cchc.refs._refs import DocumentRef
from cchc.text._dates import parse_date
from cchc.text._vocab import DocumentKind, Relation

__all__ = ["Citation", "CitationLimitError", "Header", "find_citations", "read_header"]


@attrs.frozen(kw_only=True)
class Citation:
    """One mention of a numbered document in a text (*Kế hoạch số 145/KH-UBND ngày ...*)."""

    span: tuple[int, int]
    """Start and end offsets in the text searched: ``text[start:end]`` is :attr:`text`."""
    text: str
    """The citation exactly as written, from the kind word to the end of its title."""
    kind: DocumentKind
    """The kind its kind word names (``Kế hoạch``: plan)."""
    kind_text: str
    """The kind word as written (``Kế hoạch``, ``kế hoạch``, ``KẾ HOẠCH``)."""
    ref: DocumentRef | None
    """The reference, read with :func:`~cchc.refs.parse_ref`; a bare ``49`` is a reference too."""
    date: dt.date | None = None
    """The date after ``ngày``, when given and real."""
    issuer_text: str | None = None
    """The issuer as worded after ``của`` (``UBND Thành phố``), shared along a list."""
    issuer_symbol: str | None = None
    """The issuer symbol of the reference (``UBND`` in ``145/KH-UBND``); None for a bare number."""
    title: str | None = None
    """The subject after ``về`` (or ``về việc``), without those words; None when not given."""
    relation: Relation | None = None
    """*basis* after *Căn cứ*, *implements* after *Thực hiện* / *Triển khai*, else None."""
    impossible_date: str | None = None
    """The date as written when it is no day of the calendar (``31/02/2024``); :attr:`date`
    is then None, and ``cite`` warns."""

    @property
    def number(self) -> str | None:
        """The number as written (``06`` stays ``06``); None when blank or absent."""
        return self.ref.number if self.ref is not None else None

    @property
    def kind_code(self) -> str | None:
        """The type abbreviation: the reference's, else the kind word's (None: công văn, law)."""
        if self.ref is not None and self.ref.code:
            return self.ref.code
        return self.kind.abbreviation


# --- finding citations ----------------------------------------------------------------

_DATE_TEXT = (
    rf"[0-9]{{1,2}}{_SPACE}?[/.-]{_SPACE}?[0-9]{{1,2}}{_SPACE}?[/.-]{_SPACE}?[0-9]{{4}}"
    rf"|[0-9]{{1,2}}{_SPACE}+tháng{_SPACE}+[0-9]{{1,2}}{_SPACE}+năm{_SPACE}+[0-9]{{4}}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
)
# Text taken from a PDF breaks lines anywhere: "ngày" / "28/01/2022", "của" / "Chính phủ".
# One line break may stand for a space around these words (never two: a blank line ends it).
_BREAK = r"(?:[ \t\u00a0]*\r?\n[ \t\u00a0]*|[ \t\u00a0]+)"
_LEAD = r"[ \t\u00a0,]*(?:\r?\n[ \t\u00a0]*)?"
_DATE_AFTER = re.compile(
    rf"{_LEAD}(?:ban{_BREAK}hành{_BREAK})?ngày{_BREAK}(?P<date>{_DATE_TEXT})(?![0-9])",
    re.IGNORECASE,
)
_OF = re.compile(rf"{_LEAD}của{_BREAK}", re.IGNORECASE)
_ABOUT = re.compile(rf"{_LEAD}về{_BREAK}(?:việc{_BREAK})?", re.IGNORECASE)
# "của Chính phủ quy định chức năng ...": a title may start with its verb, without "về".
_TITLE_VERB = re.compile(
    rf"{_LEAD}(?=(?:quy định|hướng dẫn|phê duyệt|sửa đổi|bổ sung|ban hành|thành lập|"
    r"kiện toàn|triển khai|thực hiện|tổ chức|đẩy mạnh|tăng cường)(?!\w))",
    re.IGNORECASE,
)
_ISSUER_STOP = re.compile(
    rf"[\n;,:()\[\]“”\"‘’…]|{DOT}"
    r"|\s(?:về|ban hành|thực hiện|triển khai|tại|theo|để|nhằm|ngày|với|đã|trong|đến|do|quy định|"
    r"hướng dẫn|phê duyệt|sửa đổi|bổ sung|thành lập|kiện toàn|tổ chức|đẩy mạnh|tăng cường)(?!\w)",
    re.IGNORECASE,
)
_TITLE_STOP = re.compile(
    rf"[;\n]|{DOT}(?=\s|\Z)|…(?=\s|\Z)|[“\"]|,[ \t\u00a0]*(?:{MAIN_CLAUSE})(?!\w)"
)
_CLOSING_QUOTE = {"“": "”", '"': '"'}
_ISSUER_WINDOW = 160
_TITLE_WINDOW = 400
_SHARED_ISSUER_GAP = re.compile(r"[\s,]*(?:và[\s,]+)?", re.IGNORECASE)


class CitationLimitError(CchcError):
    """A text holds more citations than the limit given to :func:`find_citations`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        """The most citations the caller allowed."""
        super().__init__(f"expected at most {limit:,} citations in the text, found more")


def find_citations(text: str, *, max_citations: int | None = None) -> tuple[Citation, ...]:
    """Every numbered citation of *text*, in order of appearance.

    A citation is a kind word, ``số`` and a reference (``Kế hoạch số 145/KH-UBND``,
    ``Nghị quyết số 60-NQ/TU``, the bare ``kế hoạch số 49``), followed where the text
    gives them by ``ngày`` and a date, ``của`` and the issuer, ``về`` and the title.
    Spans index *text* itself even when it is not in NFC; the fields other than
    ``text`` are read from its NFC form.  A reference is read within a few hundred
    characters after ``số``; a longer one has no :attr:`Citation.ref`.

    Without *max_citations* it never raises; with it, a text holding more citations
    raises :class:`CitationLimitError` once that many are found, so that the memory the
    citations take stays bounded whatever the text.
    """
    normal, offsets = normalise(text)
    cores: list[Core] = []
    for core in find_cores(normal):
        if max_citations is not None and len(cores) >= max_citations:
            raise CitationLimitError(max_citations)
        cores.append(core)
    found: list[Citation] = []
    previous_end = 0
    previous_relation: Relation | None = None
    for index, core in enumerate(cores):
        limit = cores[index + 1].start if index + 1 < len(cores) else len(normal)
        end, date, issuer, title, impossible = _extend(normal, core, limit)
        relation = context_relation(normal, previous_end, core.start, previous_relation)
        span = (core.start, end)
        if offsets is not None:
            first = offsets.start(core.start)
            span = (first, max(first + 1, offsets.end(end)))
        found.append(
            Citation(
                span=span,
                text=text[span[0] : span[1]],
                kind=core.kind,
                kind_text=core.kind_text,
                ref=core.ref,
                date=date,
                issuer_text=issuer,
                issuer_symbol=core.ref.issuer if core.ref is not None else None,
                title=title,
                relation=relation,
                impossible_date=impossible,
            )
        )
        previous_end, previous_relation = end, relation
    return _share_issuers(normal, found, cores)


def _extend(
    text: str, core: Core, limit: int
) -> tuple[int, dt.date | None, str | None, str | None, str | None]:
    """Read the date, issuer and title after *core*, not past *limit*; return the new end.

    The last value is the date as written when it is no day of the calendar.
    """
    end = core.end
    date: dt.date | None = None
    impossible: str | None = None
    issuer: str | None = None
    for _ in range(2):  # the date and the issuer come in either order
        if date is None and (match := _DATE_AFTER.match(text, end, limit)) is not None:
            try:
                date = parse_date(match["date"])
            except CchcError:
                date, impossible = None, " ".join(match["date"].split())
            end = match.end()
            continue
        if issuer is None and (match := _OF.match(text, end, limit)) is not None:
            phrase_end = _phrase_end(text, match.end(), limit, _ISSUER_STOP, _ISSUER_WINDOW)
            phrase = text[match.end() : phrase_end].rstrip(" \t\u00a0,")
            if phrase:
                issuer = phrase
                end = match.end() + len(phrase)
            continue
        break
    title: str | None = None
    if (match := _ABOUT.match(text, end, limit) or _TITLE_VERB.match(text, end, limit)) is not None:
        phrase_end = _title_end(text, match.end(), limit)
        phrase = _balance(text[match.end() : phrase_end].rstrip(" \t\u00a0,"))
        if phrase:
            title = phrase
            end = match.end() + len(phrase)
    return end, date, issuer, title, impossible


def _phrase_end(text: str, start: int, limit: int, stop: re.Pattern[str], window: int) -> int:
    """Where a phrase starting at *start* ends: at *stop*, *limit* or a word within *window*."""
    bound = min(limit, start + window)
    match = stop.search(text, start, bound)
    if match is not None:
        return match.start()
    if bound == limit:
        return limit
    space = text.rfind(" ", start, bound)
    return space if space > start else bound


def _title_end(text: str, start: int, limit: int) -> int:
    """Where a title ends, reading quoted passages (“...”) whole."""
    bound = min(limit, start + _TITLE_WINDOW)
    position = start
    while (match := _TITLE_STOP.search(text, position, bound)) is not None:
        closing = _CLOSING_QUOTE.get(match.group())
        if closing is None:
            return match.start()
        close = text.find(closing, match.end(), bound)
        if close < 0:
            position = match.end()
            continue
        position = close + 1
    if bound == limit:
        return limit
    space = text.rfind(" ", position, bound)
    return space if space > start else bound


def _balance(title: str) -> str:
    """Cut *title* at a ``)`` that closes a bracket opened before the citation."""
    depth = 0
    for index, char in enumerate(title):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return title[:index].rstrip(" \t\u00a0,")
            depth -= 1
    return title


def _share_issuers(text: str, found: list[Citation], cores: list[Core]) -> tuple[Citation, ...]:
    """Give the issuer of the last citation of a list to the ones before it without one.

    "Nghị quyết số 18-NQ/TW, Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương Đảng":
    both resolutions are the Central Committee's.
    """
    result = list(found)
    for index in range(len(result) - 2, -1, -1):
        current, following = result[index], result[index + 1]
        if current.issuer_text is not None or following.issuer_text is None:
            continue
        if current.date is not None or current.title is not None:
            continue
        # Without date, issuer or title, a citation ends where its reference does.
        gap_start = cores[index].end
        gap = _SHARED_ISSUER_GAP.match(text, gap_start, cores[index + 1].start)
        if gap is not None and gap.end() == cores[index + 1].start:
            result[index] = attrs.evolve(current, issuer_text=following.issuer_text)
    return tuple(result)


# Users import these from their public face; they say so in their __module__.
rehome("cchc", Citation)
