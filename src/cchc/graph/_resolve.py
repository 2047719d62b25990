"""Resolving a cited document (a legal basis) to the plan of the corpus it names.

A reference such as ``54/KH-UBND`` identifies nothing by itself: every People's Committee
prints ``KH-UBND``, and numbers restart at 01 every 1 January, unique per issuer per year
(Nghị định 30/2020/NĐ-CP, Điều 15.1).  A citation therefore names a plan of the corpus
only when its number, type, issuer symbol, issuing unit *and* year all agree.  Party
documents are numbered per type for a whole committee term (Hướng dẫn 36-HD/VPTW), so
their year is compared when the citation gives one, and is not required otherwise.
"""

from __future__ import annotations

from collections import defaultdict

from cchc._faces import rehome
from cchc.graph._issuers import resolve_issuer
from cchc.model._corpus import Corpus
from cchc.model._plan import LegalBasis, Plan
from cchc.refs._refs import DocumentRef
from cchc.text._normal import fold
from cchc.text._vocab import DocumentKind

__all__ = ["BasisResolver", "external_key", "resolve_basis"]


def _type_of(ref: DocumentRef, kind: DocumentKind) -> str:
    """The document type a reference stands for: its printed code, else the kind's."""
    return ref.code or kind.abbreviation or kind.value


class BasisResolver:
    """Resolves legal bases against one corpus, through an index built once.

    Use it directly when resolving many bases (building a graph does); :func:`resolve_basis`
    keeps one per corpus for single calls.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        # (number as an integer, issuing unit) -> plans: the two parts every match needs.
        self._index: dict[tuple[int, str], list[Plan]] = defaultdict(list)
        for plan in corpus.plans:
            if plan.ref is not None and plan.ref.numeric is not None:
                self._index[plan.ref.numeric, plan.issuer].append(plan)

    def issuer_of(self, basis: LegalBasis, citing_plan: Plan) -> str | None:
        """The unit code of the basis' issuer: given, or read from its wording.

        The wording is relative to the citing plan's issuer (in a Lạng Sơn city plan,
        "UBND tỉnh" is the province of Lạng Sơn).
        """
        if basis.issuer is not None:
            return basis.issuer
        if not basis.issuer_text:
            return None
        return resolve_issuer(basis.issuer_text, citing_plan.issuer, self.corpus.units)

    def resolve(self, basis: LegalBasis, citing_plan: Plan) -> str | None:
        """The key of the corpus plan *basis* cites, or None when none matches for sure."""
        return self.match(basis, citing_plan)[0]

    def match(self, basis: LegalBasis, citing_plan: Plan) -> tuple[str | None, str | None]:
        """The key of the plan *basis* cites (or None) and the code of its issuer (or None)."""
        if basis.plan is not None and basis.plan in self.corpus:
            return basis.plan, self.corpus.plan(basis.plan).issuer
        issuer = self.issuer_of(basis, citing_plan)
        if basis.plan is not None:
            return None, issuer
        return self._find(basis, issuer), issuer

    def _find(self, basis: LegalBasis, issuer: str | None) -> str | None:
        ref = basis.ref
        if ref is None or ref.numeric is None or issuer is None:
            return None
        year = basis.date.year if basis.date is not None else ref.year
        if year is None and not ref.party:
            # A state number without its year is ambiguous by law (Điều 15.1).
            return None
        wanted_type = _type_of(ref, basis.kind)
        found = [
            plan.key
            for plan in self._index.get((ref.numeric, issuer), ())
            if plan.ref is not None
            and plan.ref.party == ref.party
            and _type_of(plan.ref, plan.kind) == wanted_type
            and (plan.ref.issuer is None or ref.issuer is None or plan.ref.issuer == ref.issuer)
            and _year_fits(plan, year, party=ref.party)
        ]
        return found[0] if len(found) == 1 else None


def _year_fits(plan: Plan, year: int | None, *, party: bool) -> bool:
    """Tell whether *plan* was issued in *year*; party numbers tolerate an unknown year."""
    plan_year = _issue_year(plan)
    if year is None or plan_year is None:
        return party
    return plan_year == year


def _issue_year(plan: Plan) -> int | None:
    """The year a plan was issued: its date's, else the year printed in its reference."""
    if plan.issued is not None:
        return plan.issued.year
    return plan.ref.year if plan.ref is not None else None


# The resolver of the last corpus asked about, so that resolving its bases one by one
# does not rebuild the index each time; only one corpus is kept alive by it.
_LAST: list[BasisResolver] = []


def _resolver_for(corpus: Corpus) -> BasisResolver:
    if not _LAST or _LAST[0].corpus is not corpus:
        _LAST[:] = [BasisResolver(corpus)]
    return _LAST[0]


def resolve_basis(basis: LegalBasis, citing_plan: Plan, corpus: Corpus) -> str | None:
    """The key of the plan of *corpus* that *basis* (cited by *citing_plan*) names, or None.

    ``basis.plan`` wins when it is a key of the corpus.  Otherwise the reference's number,
    type and issuer symbol, the year of its date and its issuing unit (``basis.issuer``,
    or ``basis.issuer_text`` read relative to the citing plan's issuer) must match exactly
    one plan's ``ref``, year of ``issued`` and ``issuer``; anything less gives None.
    """
    return _resolver_for(corpus).resolve(basis, citing_plan)


def external_key(basis: LegalBasis, issuer: str | None) -> str | None:
    """A stable key for a document known only from *basis*: ``ext:KH-UBND:54:2021:hn.ubnd``.

    The parts are the type and symbol, the number, the year and the issuer (its unit
    code, else its wording folded to ASCII, else ``-``); documents cited the same way by
    several plans get the same key.  None when the citation has no number to key on.
    """
    ref = basis.ref
    if ref is None or ref.numeric is None:
        return None
    kind = _type_of(ref, basis.kind)
    if ref.party:
        symbol = f"{kind}/{ref.issuer}"
    else:
        symbol = "-".join(p for p in (ref.code, ref.issuer, ref.unit) if p) or kind
    year = basis.date.year if basis.date is not None else ref.year
    who = issuer or ("-".join(fold(basis.issuer_text).split()) if basis.issuer_text else "-")
    return f"ext:{symbol}:{ref.numeric}:{year if year is not None else '-'}:{who}"


# Users import these from their public face; they say so in their __module__.
rehome("cchc.graph", BasisResolver)
