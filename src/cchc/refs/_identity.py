"""What makes a document reference name one document and no other.

A state document is its number, type, issuer and year: numbering restarts at 01 every
1 January and is unique per issuer per year (Nghị định 30/2020/NĐ-CP, Điều 15.1), so
``54/KH-UBND`` alone means nothing.  A party document is numbered per type within a
committee term (Hướng dẫn 36-HD/VPTW, 2018), so its term replaces the year.

This is the one place that says so: resolving citations, finding duplicate plans and
keying documents known only from citations all compare :class:`RefIdentity` values.
Nothing here knows the model: the issuer's code and level come in as plain values.
"""

from __future__ import annotations

import datetime as dt

import attrs

from cchc._faces import rehome
from cchc.exceptions import ModelError
from cchc.refs._refs import DocumentRef
from cchc.text._vocab import DocumentKind, Level

__all__ = ["RefIdentity", "document_type", "identity", "identity_on", "party_term"]

TERM_YEARS = 5
"""A party committee sits five years, from one congress to the next (Điều lệ Đảng 2011,
Điều 15 for the national congress; local congresses likewise) [L]."""


@attrs.frozen(kw_only=True)
class RefIdentity:
    """What makes a reference name one document and no other.

    A state document is identified by number, type, issuer and year (Nghị định
    30/2020/NĐ-CP, Điều 15.1); a party document by number, type, issuer and committee
    term (Hướng dẫn 36-HD/VPTW).  Build one with :func:`identity` or :func:`identity_on`.
    """

    issuer: str
    """Code of the issuing unit (every People's Committee prints the same ``UBND``)."""
    code: str | None
    """The type: the printed abbreviation (``KH``), else the kind's; None when neither says."""
    number: int
    """The number as an integer: ``07`` and ``7`` are the same document."""
    year: int | None = None
    """For a state document, the year of issue; None for a party document."""
    term: int | None = None
    """For a party document, the first year of its committee's term (2020 for 2020-2025);
    None when unknown."""
    party: bool = False
    """True for a party document."""

    @property
    def is_complete(self) -> bool:
        """True when it names one document for sure: a state year, or a party term, is known."""
        return (self.term if self.party else self.year) is not None

    @property
    def when(self) -> str | None:
        """The span numbering runs over: the year (``2024``), the term (``2020-2025``), or None."""
        if self.party:
            return None if self.term is None else f"{self.term}-{self.term + TERM_YEARS}"
        return None if self.year is None else str(self.year)


def document_type(ref: DocumentRef, kind: DocumentKind | None = None) -> str | None:
    """The type *ref* stands for: its printed code, else *kind*'s abbreviation, else its name.

    A bare ``kế hoạch số 49`` is a ``KH``; a kind with no abbreviation (a state công văn,
    a law) is told apart by its name, so that a law and a letter never share an identity.
    """
    if ref.code:
        return ref.code
    if kind is None:
        return None
    return kind.abbreviation or kind.value


def party_term(day: dt.date, level: Level | None = None) -> int | None:
    """The first year of the committee term a party document of *day* belongs to, or None.

    Party numbers run per type for a whole term (Hướng dẫn 36-HD/VPTW, 2018).  Local
    congresses meet in the second half of years ending in 0 or 5 (2020, 2025); the national
    one (a *level* of ``central``) in January and February of years ending in 1 or 6 (2021,
    2026).  A date inside those windows could belong to either term, so it gives None
    rather than a guess; a committee of unknown *level* is taken as local, as the party
    committees a plan corpus holds are. [L]: exact congress dates differ by committee.
    """
    central = level is Level.CENTRAL
    offset = 1 if central else 0
    start = day.year - (day.year - offset) % TERM_YEARS
    if start != day.year:
        return start
    if central:
        return None if day.month <= 2 else start
    return None if day.month >= 7 else start - TERM_YEARS


def _identity(
    ref: DocumentRef, issuer: str, year: int | None, kind: DocumentKind | None, term: int | None
) -> RefIdentity | ModelError:
    """The identity, or the error saying why there is none (raised or dropped by the callers)."""
    number = ref.numeric
    if number is None:
        return ModelError(
            "number", "a document number (a blank draft number names nothing)", str(ref)
        )
    code = document_type(ref, kind)
    if ref.party:
        return RefIdentity(issuer=issuer, code=code, number=number, term=term, party=True)
    if ref.year is not None and year is not None and ref.year != year:
        return ModelError("year", f"the year printed in {ref} ({ref.year})", year)
    issued = ref.year if ref.year is not None else year
    if issued is None:
        return ModelError(
            "year", f"the year {ref} was issued in (numbers restart every year)", None
        )
    return RefIdentity(issuer=issuer, code=code, number=number, year=issued)


def identity(
    ref: DocumentRef,
    issuer: str,
    year: int | None = None,
    *,
    kind: DocumentKind | None = None,
    term: int | None = None,
) -> RefIdentity:
    """The identity of the document *ref* names, issued by the unit *issuer* in *year*.

    *kind* supplies the type when the reference has none (the bare ``kế hoạch số 49`` is
    a ``KH``).  A state document needs its year (the one printed in ``09/2019/NĐ-CP``, else
    *year*; the two must agree).  A party document ignores *year* and takes *term* (see
    :func:`party_term`), which may be unknown.  A draft with a blank number has no identity
    yet.  What is missing raises :class:`ModelError`.
    """
    found = _identity(ref, issuer, year, kind, term)
    if isinstance(found, ModelError):
        raise found
    return found


def identity_on(
    ref: DocumentRef,
    issuer: str,
    day: dt.date | None,
    *,
    kind: DocumentKind | None = None,
    level: Level | None = None,
) -> RefIdentity | None:
    """The identity of the document *ref* names, issued by *issuer* (at *level*) on *day*.

    The year is *day*'s, else the one printed in the reference; a party document's term is
    :func:`party_term` of *day*, and stays None when *day* is unknown or falls in a congress
    window (check :attr:`RefIdentity.is_complete`).  None when the document has no identity:
    a blank draft number, a state document with no year, or a printed year that *day*
    contradicts.
    """
    term = party_term(day, level) if ref.party and day is not None else None
    found = _identity(ref, issuer, day.year if day is not None else None, kind, term)
    return None if isinstance(found, ModelError) else found


# Users import these from their public face; they say so in their __module__.
rehome("cchc.refs", RefIdentity)
