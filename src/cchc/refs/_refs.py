"""Document references (số ký hiệu): the value type, reading and printing.

Forms follow Nghị định 30/2020/NĐ-CP (Điều 15 and Phụ lục III) for state documents and
Hướng dẫn 36-HD/VPTW (2018) for party documents:

- state: ``54/KH-UBND`` (number / type - issuer), ``07/KH-UBND`` zero-padded;
- normative, with the year: ``09/2019/NĐ-CP``, ``93/2021/NQ-HĐND``, ``202/2025/QH15``;
- công văn, with no type code: ``1624/UBND-VXNV``, ``2231/SNV-CCHC&PC``;
- party: ``60-NQ/TU``, ``01-CTr/TU``, ``59-CV/TU``;
- a draft whose number is still blank: ``/KH-UBND``; a bare number: ``49``;
- a type with no issuer after it, as sloppy text prints it: ``54/KH`` (issuer None).

``str(ref)`` prints a reference back in canonical form: ``parse_ref(str(ref)) == ref`` for
every reference :func:`parse_ref` returns, and ``str(parse_ref(text)) == text`` for text
already in canonical form.
"""

from __future__ import annotations

import re

import attrs

from cchc._faces import rehome
from cchc.exceptions import ParseError
from cchc.text._normal import nfc
from cchc.text._vocab import DocumentKind

__all__ = ["MAX_REF_LENGTH", "DocumentRef", "parse_ref"]


@attrs.frozen(kw_only=True)
class DocumentRef:
    """A document reference (*số, ký hiệu*) as printed on the document."""

    number: str | None
    """The number as printed, padding kept (``07``); None for a draft whose number is blank."""
    code: str | None = None
    """The type abbreviation (``KH``, ``NĐ``); None for a state công văn or a law (``QH15``)."""
    issuer: str | None = None
    """The issuer symbol (``UBND``, ``CP``, ``TU``, ``QH15``); None when none is printed:
    a bare number (``49``), or a type with nothing after it (``54/KH``)."""
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
        if self.issuer is None and self.code is None:
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


def _split_symbol(symbol: str) -> tuple[str | None, str | None, str | None]:
    """Split ``KH-UBND`` into type, issuer and drafting unit; a công văn has no type.

    A symbol that is a type abbreviation alone (``54/KH``) is that type with its issuer
    left out, never an issuer called ``KH``: the issuing unit then comes from elsewhere
    (the plan's ``issuer``, the citation's wording), as it must anyway (Điều 15.1).
    """
    head, _, rest = symbol.partition("-")
    if DocumentKind.from_abbreviation(head) is not None:
        if not rest:
            return head, None, None
        issuer, _, unit = rest.partition("-")
        return head, issuer, unit or None
    return None, head, rest or None


def _tighten(text: str) -> str:
    """Drop the spaces around ``-`` and ``/`` (``83/HD- LĐLĐ``), in linear time."""
    return "".join(piece.strip() for piece in _PUNCT.split(text))


# Users import these from their public face; they say so in their __module__.
rehome("cchc", DocumentRef)
