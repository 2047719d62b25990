"""Document references (số ký hiệu): the value type, reading and printing.

Forms follow Nghị định 30/2020/NĐ-CP (Điều 15 and Phụ lục III) for state documents and
Hướng dẫn 36-HD/VPTW (2018) for party documents:

- state: ``54/KH-UBND`` (number / type - issuer), ``07/KH-UBND`` zero-padded;
- normative, with the year: ``09/2019/NĐ-CP``, ``93/2021/NQ-HĐND``, ``202/2025/QH15``;
- công văn, with no type code: ``1624/UBND-VXNV``, ``2231/SNV-CCHC&PC``;
- party: ``60-NQ/TU``, ``01-CTr/TU``, ``59-CV/TU``;
- a draft whose number is still blank: ``/KH-UBND``; a bare number: ``49``.
"""

from __future__ import annotations

import re

import attrs

from cchc._errors import ModelError, ParseError
from cchc._text import nfc
from cchc._vocab import DocumentKind

__all__ = [
    "MAX_REF_LENGTH",
    "DocumentRef",
    "RefIdentity",
    "format_number",
    "format_ref",
    "identity",
    "parse_ref",
]


@attrs.frozen(kw_only=True)
class DocumentRef:
    """A document reference (*số, ký hiệu*) as printed on the document."""

    number: str | None
    """The number as printed, padding kept (``07``); None for a draft whose number is blank."""
    code: str | None = None
    """The type abbreviation (``KH``, ``NĐ``); None for a state công văn or a law (``QH15``)."""
    issuer: str | None = None
    """The issuer symbol (``UBND``, ``CP``, ``TU``, ``QH15``); None for a bare number."""
    unit: str | None = None
    """The drafting unit after the issuer in a công văn (``VXNV`` in ``1624/UBND-VXNV``)."""
    year: int | None = None
    """The year printed inside the reference (``2019`` in ``09/2019/NĐ-CP``), if any."""
    party: bool = False
    """True for a party document (``60-NQ/TU``), numbered per type within a committee term."""

    @property
    def kind(self) -> DocumentKind | None:
        """The document kind the type abbreviation stands for, if it has one."""
        return DocumentKind.from_abbreviation(self.code) if self.code else None

    @property
    def is_blank(self) -> bool:
        """True when the number is left blank, as in a draft."""
        return self.number is None

    @property
    def numeric(self) -> int | None:
        """The number as an integer (``07`` gives 7), for identity comparisons."""
        return int(self.number) if self.number else None

    def __str__(self) -> str:
        number = self.number or ""
        if self.party:
            return f"{number}-{self.code}/{self.issuer}"
        if self.issuer is None:
            return number
        parts = [p for p in (self.code, self.issuer, self.unit) if p]
        year = f"{self.year}/" if self.year is not None else ""
        return f"{number}/{year}{'-'.join(parts)}"


_SYMBOL = r"[^\W\d_][\w&.]*(?:-[\w&.]+)*"
_PARTY = re.compile(rf"(?P<number>\d+)-(?P<code>[^\W\d_]+)/(?P<issuer>{_SYMBOL})")
_STATE = re.compile(rf"(?P<number>\d*)/(?:(?P<year>\d{{4}})/)?(?P<symbol>{_SYMBOL})")
_BARE = re.compile(r"\d+")
_PREFIX = re.compile(r"^\s*(?:số|so)\s*:?\s*", re.IGNORECASE)
_PUNCT = re.compile(r"([-/])")
# Nothing printed as a reference is this long; longer text is refused before any regex
# runs, so hostile input costs nothing.
MAX_REF_LENGTH = 200
"""The longest text read as a document reference (real ones are under 40 characters)."""


def parse_ref(text: str) -> DocumentRef:
    """Read a document reference such as ``54/KH-UBND``, ``60-NQ/TU`` or ``Số: /KH-UBND``.

    Stray spaces around ``-`` and ``/`` (``83/HD- LĐLĐ``) are tolerated; anything else
    that is not a reference raises :class:`ParseError` quoting the text.
    """
    if len(text) > MAX_REF_LENGTH:
        raise ParseError("a document reference", text[:MAX_REF_LENGTH] + "…", "a short reference")
    cleaned = _tighten(_PREFIX.sub("", nfc(text)).strip())
    if match := _PARTY.fullmatch(cleaned):
        return DocumentRef(
            number=match["number"], code=match["code"], issuer=match["issuer"], party=True
        )
    if match := _STATE.fullmatch(cleaned):
        code, issuer, unit = _split_symbol(match["symbol"])
        return DocumentRef(
            number=match["number"] or None,
            code=code,
            issuer=issuer,
            unit=unit,
            year=int(match["year"]) if match["year"] else None,
        )
    if _BARE.fullmatch(cleaned):
        return DocumentRef(number=cleaned)
    raise ParseError(
        "a document reference",
        text,
        "a form such as 54/KH-UBND, 09/2019/NĐ-CP, 1624/UBND-VXNV or 60-NQ/TU",
    )


def _split_symbol(symbol: str) -> tuple[str | None, str, str | None]:
    """Split ``KH-UBND`` into type, issuer and drafting unit; a công văn has no type."""
    head, _, rest = symbol.partition("-")
    if DocumentKind.from_abbreviation(head) is not None and rest:
        issuer, _, unit = rest.partition("-")
        return head, issuer, unit or None
    return None, head, rest or None


def _tighten(text: str) -> str:
    """Drop the spaces around ``-`` and ``/`` (``83/HD- LĐLĐ``), in linear time."""
    return "".join(piece.strip() for piece in _PUNCT.split(text))


def format_ref(ref: DocumentRef) -> str:
    """Print *ref* in its canonical form (``54/KH-UBND``, ``60-NQ/TU``, ``/KH-UBND``).

    ``parse_ref(format_ref(ref)) == ref`` for every reference :func:`parse_ref` returns,
    and ``format_ref(parse_ref(text)) == text`` for text already in canonical form.
    """
    return str(ref)


def format_number(number: int) -> str:
    """Print a document number as Nghị định 30/2020/NĐ-CP wants it: below 10 zero-padded.

    Phụ lục I, mục II.3.a: numbers below 10 take a leading 0 (``07``).
    """
    if number < 1:
        raise ModelError("number", "a document number of at least 1", number)
    return f"{number:02d}"


@attrs.frozen(kw_only=True)
class RefIdentity:
    """What makes a reference name one document and no other.

    A state document is identified by number, type, issuer and year: numbering restarts
    at 01 every 1 January and is unique per issuer per year (Nghị định 30/2020/NĐ-CP,
    Điều 15.1), so ``54/KH-UBND`` alone means nothing.  A party document is numbered per
    type within a committee term (Hướng dẫn 36-HD/VPTW, 2018), so its term replaces the year.
    """

    issuer: str
    """Code of the issuing unit (every People's Committee prints the same ``UBND``)."""
    code: str | None
    """The type abbreviation (``KH``); None for a state công văn or a law."""
    number: int
    """The number as an integer: ``07`` and ``7`` are the same document."""
    year: int | None = None
    """For a state document, the year of issue; None for a party document."""
    term: str | None = None
    """For a party document, the committee term (``XVII``, ``2020-2025``); None if unknown."""
    party: bool = False
    """True for a party document."""


def identity(
    ref: DocumentRef,
    issuer_code: str,
    year: int | None,
    *,
    kind: DocumentKind | None = None,
    term: str | None = None,
) -> RefIdentity:
    """The identity of the document *ref* names, issued by the unit *issuer_code* in *year*.

    *kind* supplies the type when the reference has none (the bare ``kế hoạch số 49`` is
    a ``KH``).  A state document needs its year (the one printed in ``09/2019/NĐ-CP``, else
    *year*; the two must agree).  A party document ignores *year* and takes *term*.
    A draft with a blank number has no identity yet: :class:`ModelError`.
    """
    number = ref.numeric
    if number is None:
        raise ModelError(
            "number", "a document number (a blank draft number names nothing)", str(ref)
        )
    code = ref.code or (kind.abbreviation if kind is not None else None)
    if ref.party:
        return RefIdentity(issuer=issuer_code, code=code, number=number, term=term, party=True)
    if ref.year is not None and year is not None and ref.year != year:
        raise ModelError("year", f"the year printed in {ref} ({ref.year})", year)
    issued = ref.year if ref.year is not None else year
    if issued is None:
        raise ModelError("year", f"the year {ref} was issued in (numbers restart every year)", None)
    return RefIdentity(issuer=issuer_code, code=code, number=number, year=issued)
