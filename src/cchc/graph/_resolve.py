"""Resolving a cited document (a legal basis) to the plan of the corpus it names.

A reference such as ``54/KH-UBND`` identifies nothing by itself: every People's Committee
prints ``KH-UBND``, and numbers restart at 01 every 1 January, unique per issuer per year
(Nghị định 30/2020/NĐ-CP, Điều 15.1).  A citation therefore names a plan of the corpus
only when their :class:`~cchc.refs.RefIdentity` agree: number, type, issuing unit and year,
or for a party document (Hướng dẫn 36-HD/VPTW) number, type, committee and term.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from cchc._faces import rehome
from cchc.graph._issuers import resolve_issuers
from cchc.model._corpus import Corpus
from cchc.model._plan import LegalBasis, Plan
from cchc.refs._identity import RefIdentity, document_type, identity_on
from cchc.refs._refs import DocumentRef
from cchc.text._normal import fold
from cchc.text._vocab import Level

__all__ = ["BasisResolver", "external_key"]

# Issuer, type, number and party: a tuple, as this key is built for every plan and citation.
_Series = tuple[str, str | None, int, bool]


class BasisResolver:
    """Resolves legal bases against one corpus, through an index of its plans built once.

    Build one per corpus and keep it while resolving its bases (building a graph does);
    it holds nothing but that corpus and its index.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        # Each numbered plan under its identity without year or term: the part every
        # match needs; the year or term is compared afterwards, by the rules of _same.
        self._series: dict[_Series, list[tuple[Plan, RefIdentity]]] = defaultdict(list)
        for plan in corpus.plans:
            if plan.ref is None:
                continue
            level = self.level_of(plan.issuer)
            found = identity_on(plan.ref, plan.issuer, plan.issued, kind=plan.kind, level=level)
            if found is not None:
                self._series[_series(found)].append((plan, found))

    def level_of(self, code: str | None) -> Level | None:
        """The level of the unit *code*, when the corpus declares it."""
        unit = self.corpus.unit(code) if code is not None else None
        return unit.level if unit is not None else None

    def issuer_of(self, basis: LegalBasis, citing_plan: Plan) -> str | None:
        """The unit code of the basis' issuer: given, or read from its wording.

        The wording is relative to the citing plan's issuer as it was on the cited
        document's date (in a Lạng Sơn city plan, "UBND tỉnh" is the province of Lạng
        Sơn; in a plan of a province formed on 1 July 2025, "UBND tỉnh" of a 2024 plan is
        the province it succeeds).  None when the wording names no unit, or several.
        """
        found = self.issuers_of(basis, citing_plan)
        return found[0] if len(found) == 1 else None

    def issuers_of(self, basis: LegalBasis, citing_plan: Plan) -> tuple[str, ...]:
        """Every unit the basis' issuer may be: several after a merger, one usually."""
        if basis.issuer is not None:
            return (basis.issuer,)
        if not basis.issuer_text:
            return ()
        units = self.corpus.units
        return resolve_issuers(basis.issuer_text, citing_plan.issuer, units, on=basis.date)

    def resolve(self, basis: LegalBasis, citing_plan: Plan) -> str | None:
        """The key of the plan of the corpus that *basis* (cited by *citing_plan*) names, or None.

        ``basis.plan`` wins when it is a key of the corpus.  Otherwise the identity of the
        citation (its reference, the year of its date, its issuing unit: ``basis.issuer``,
        or ``basis.issuer_text`` read relative to the citing plan's issuer as it was on
        the citation's date) must be that of exactly one plan; anything less gives None.
        After a merger the wording may name each of the merged units: the one that has
        a plan with the cited identity is the issuer.
        """
        return self.match(basis, citing_plan)[0]

    def match(self, basis: LegalBasis, citing_plan: Plan) -> tuple[str | None, str | None]:
        """The key of the plan *basis* cites (or None) and the code of its issuer (or None)."""
        if basis.plan is not None and basis.plan in self.corpus:
            return basis.plan, self.corpus.plan(basis.plan).issuer
        issuers = self.issuers_of(basis, citing_plan)
        if len(issuers) == 1:
            issuer = issuers[0]
            return (None if basis.plan is not None else self._find(basis, issuer)), issuer
        if basis.plan is not None or not issuers:
            return None, None
        # Merged predecessors: the citation names the one whose series holds the document.
        found = [(key, issuer) for issuer in issuers if (key := self._find(basis, issuer))]
        return found[0] if len(found) == 1 else (None, None)

    def _find(self, basis: LegalBasis, issuer: str | None) -> str | None:
        ref = basis.ref
        if ref is None or issuer is None:
            return None
        cited = identity_on(ref, issuer, basis.date, kind=basis.kind, level=self.level_of(issuer))
        if cited is None:
            # A blank number, or a state number without its year: ambiguous by law (Điều 15.1).
            return None
        found = [
            plan.key
            for plan, known in self._series.get(_series(cited), ())
            if _symbols_agree(plan.ref, ref) and _same(cited, basis.date, known, plan.issued)
        ]
        return found[0] if len(found) == 1 else None


def _series(found: RefIdentity) -> _Series:
    """The identity without its year or term: issuer, type, number and state or party."""
    return found.issuer, found.code, found.number, found.party


def _symbols_agree(printed: DocumentRef | None, cited: DocumentRef) -> bool:
    """Tell whether two issuer symbols can be one (``KH-UBND`` and ``KH-SNV`` cannot)."""
    return printed is None or printed.issuer is None or cited.issuer in (None, printed.issuer)


def _same(
    cited: RefIdentity, cited_on: dt.date | None, known: RefIdentity, issued: dt.date | None
) -> bool:
    """Tell whether a citation and a plan of the same series are one document.

    A state document: the same year (Điều 15.1); a plan of unknown year is never indexed,
    so a citation with a year never matches it.  A party document (Hướng dẫn 36-HD/VPTW):
    the same term when both are known.  When either term is unknown (a date in a congress
    window, or a plan without a date), nothing but the day says which term a number
    belongs to, so only a plan issued on the citation's very day is that document.  A
    citation without any date gives only number, type and committee: it names the one
    plan of the series, if there is just one.
    """
    if not cited.party:
        return cited.year == known.year
    if cited_on is None:
        return True
    if cited.term is not None and known.term is not None:
        return cited.term == known.term
    return issued == cited_on


def external_key(
    basis: LegalBasis, issuer: str | None, *, level: Level | None = None
) -> str | None:
    """A stable key for a document known only from *basis*: ``ext:KH-UBND:54:2021:hn.ubnd``.

    The parts are the type and symbol, the number, the span its numbering runs over and
    the issuer (its unit code, else its wording folded to ASCII, else ``-``).  The span is
    that of its :class:`~cchc.refs.RefIdentity`: the year of a state document, the term of
    a party one (``ext:NQ/TU:60:2020-2025:ls.tu``, with the issuer's *level* telling a
    central committee's terms from a local one's), or when the term is unknown the day
    cited, or ``-``.  Documents cited the same way by several plans get the same key.
    None when the citation has no number to key on.
    """
    ref = basis.ref
    if ref is None or ref.numeric is None:
        return None
    who = issuer or ("-".join(fold(basis.issuer_text).split()) if basis.issuer_text else "-")
    found = identity_on(ref, who, basis.date, kind=basis.kind, level=level)
    kind = document_type(ref, basis.kind)
    if ref.party:
        symbol = f"{kind}/{ref.issuer}"
    else:
        symbol = "-".join(p for p in (ref.code, ref.issuer, ref.unit) if p) or f"{kind}"
    when = found.when if found is not None else None
    if when is None and ref.party and basis.date is not None:
        when = basis.date.isoformat()
    return f"ext:{symbol}:{ref.numeric}:{when or '-'}:{who}"


# Users import these from their public face; they say so in their __module__.
rehome("cchc.graph", BasisResolver)
