"""A draft made in a corpus: its units and bases resolved there, its parents, suggested links.

With ``draft --corpus``, each legal basis is resolved the way ``graph`` resolves one
(:class:`~cchc.graph.BasisResolver`: reference, year and issuer, relative wordings read
against the draft's issuer); the plans it *implements* become its ``parents``.  A plan
that cites its parent under "Căn cứ" only (no "Thực hiện" resolves) gets as parent the one
cited plan of its own kind and year, issued a level above, whose title is its own but for
the place (:func:`_inferred_parent`); its provenance says it was inferred.  For each
parent, the matcher of ``coverage`` (:func:`~cchc.coverage.edge_coverage`) suggests the
parent item each drafted item carries; the draft takes each suggestion as an ``inherits``
link marked ``editorial`` (the reader's, not the text's), and its provenance says it is a
suggestion to confirm, so that ``coverage`` right after ``draft`` shows what the new plan
dropped.  Each suggested link records the parent item's fingerprint and text, as ``derive``
does, so that a later rewording of the parent item makes it *suspect*.
"""

from __future__ import annotations

import attrs
from rapidfuzz import fuzz

from cchc.coverage._edge import ItemKind, Status, edge_coverage
from cchc.draft._derive import _link as fingerprinted
from cchc.draft._drafter import Draft, Provenance, draft_plan
from cchc.draft._source import Source
from cchc.graph._issuers import resolve_issuer
from cchc.graph._resolve import BasisResolver
from cchc.model._corpus import Corpus
from cchc.model._items import ItemLink
from cchc.model._plan import LegalBasis, Plan
from cchc.text._normal import fold
from cchc.text._vocab import Relation

__all__ = ["draft_in_corpus", "link_draft"]

_LISTS = ("objectives", "requirements", "tasks", "channels", "indicators")
_SAME_TITLE = 85.0
"""How alike (rapidfuzz's token set ratio, 0-100, on folded titles) a cited plan's title
must be to the draft's for the plan to be taken as its parent without a "Thực hiện"."""


def draft_in_corpus(source: Source, corpus: Corpus, *, key: str | None = None) -> Draft:
    """Draft a plan from *source* with *corpus*' units, then link it into *corpus*."""
    drafted = draft_plan(
        source,
        units=corpus.units,
        taken=[plan.key for plan in corpus],
        key=key,
        relative=resolve_issuer,
    )
    return link_draft(drafted, corpus)


def link_draft(draft: Draft, corpus: Corpus) -> Draft:
    """*draft* with its bases resolved against *corpus*, its parents and suggested links."""
    resolver = BasisResolver(corpus)
    plan = draft.plan
    provenance = list(draft.provenance)
    bases = []
    parents: list[str] = []
    known = {unit.code for unit in plan.units} | set(corpus.units)
    for index, cited in enumerate(plan.legal_bases):
        key, issuer = resolver.match(cited, plan)
        basis = cited
        if issuer is not None and issuer in known:
            basis = attrs.evolve(basis, issuer=issuer)
        if key is not None and key != plan.key:
            basis = attrs.evolve(basis, plan=key)
            if basis.relation is Relation.IMPLEMENTS and key not in parents:
                parents.append(key)
                provenance.extend(
                    attrs.evolve(
                        p, field=f"parents[{len(parents) - 1}]", note="its basis says Thực hiện"
                    )
                    for p in draft.provenance
                    if p.field == f"legal_bases[{index}]"
                )
        bases.append(basis)
    if not parents:
        inferred = _inferred_parent(plan, bases, corpus, resolver)
        if inferred is not None:
            key = bases[inferred].plan
            assert key is not None  # only resolved bases are candidates
            parents.append(key)
            provenance.extend(
                attrs.evolve(
                    p,
                    field="parents[0]",
                    note="inferred: a Căn cứ of the same kind and year, from a level above, "
                    "with the same title but for the place; confirm or remove",
                )
                for p in draft.provenance
                if p.field == f"legal_bases[{inferred}]"
            )
    plan = attrs.evolve(plan, legal_bases=tuple(bases), parents=tuple(parents))
    for key in parents:
        plan = _suggest(plan, corpus.plan(key), provenance)
    return attrs.evolve(draft, plan=plan, provenance=tuple(provenance))


def _inferred_parent(
    plan: Plan, bases: list[LegalBasis], corpus: Corpus, resolver: BasisResolver
) -> int | None:
    """The index of the one basis that is *plan*'s parent though it says only "Căn cứ".

    Child plans often cite the plan they carry down under "Căn cứ" ("Căn cứ Kế hoạch số
    37/KH-UBND ngày 06/02/2024 của UBND tỉnh về tuyên truyền cải cách hành chính năm
    2024"), beside the laws and the multi-year programmes they also rest on.  The parent
    is told from those by what it shares with the child: the same kind of document, the
    same year, an issuer a level above (NĐ 30/2020, Phụ lục I lays down no relation word,
    so the hierarchy of bodies is what says who implements whom), and a title that is the
    child's own but for the place.  None unless exactly one basis qualifies: a guess
    between two would be invented.
    """
    level = resolver.level_of(plan.issuer)
    title = fold(plan.title)
    found: list[int] = []
    for index, basis in enumerate(bases):
        if basis.plan is None or basis.relation is not Relation.BASIS:
            continue
        cited = corpus.plan(basis.plan)
        above = resolver.level_of(cited.issuer)
        if (
            cited.kind is plan.kind
            and cited.year is not None
            and cited.year == plan.year
            and cited.issuer != plan.issuer
            and level is not None
            and above is not None
            and above.rank < level.rank
            and fuzz.token_set_ratio(fold(cited.title), title) >= _SAME_TITLE
        ):
            found.append(index)
    return found[0] if len(found) == 1 else None


def _suggest(plan: Plan, parent: Plan, provenance: list[Provenance]) -> Plan:
    """*plan* with an editorial ``inherits`` link for each item the matcher pairs with *parent*."""
    edge = edge_coverage(parent, plan, kinds=tuple(ItemKind), suggest=True)
    wanted: dict[str, list[tuple[str, float | None]]] = {}
    for covered in edge.items:
        if covered.status is Status.SUGGESTED and covered.by:
            wanted.setdefault(covered.by[0], []).append((covered.item, covered.score))
    if not wanted:
        return plan
    for name in _LISTS:
        items = list(getattr(plan, name))
        for position, child in enumerate(items):
            links = wanted.get(child.id)
            if not links:
                continue
            added = tuple(_suggested(parent, item) for item, _ in links)
            items[position] = attrs.evolve(child, inherits=(*child.inherits, *added))
            for number, (item, score) in enumerate(links, start=len(child.inherits)):
                shown = f"{score:.0f}" if score is not None else "?"
                provenance.append(
                    Provenance(
                        field=f"{name}[{position}].inherits[{number}]",
                        pieces=(),
                        text=f"{parent.key}#{item}",
                        note=f"suggested by the matcher (similarity {shown}): confirm or remove",
                    )
                )
        plan = _with_items(plan, name, tuple(items))
    return plan


def _suggested(parent: Plan, item_id: str) -> ItemLink:
    """The editorial link to item *item_id* of *parent*, with its fingerprint and text.

    The fingerprint is the one ``derive`` records (the same helper makes it): the text the
    matcher read is what the author confirms, and a later change of it makes the link
    suspect.
    """
    item = parent.item(item_id)
    assert item is not None, item_id  # the matcher names items of the parent only
    (link,) = fingerprinted(parent.key, item)
    return attrs.evolve(link, editorial=True)


def _with_items(plan: Plan, name: str, items: tuple[object, ...]) -> Plan:
    """*plan* with its list *name* (``tasks``, ``channels`` ...) replaced by *items*."""
    return attrs.evolve(plan, **{name: items})  # type: ignore[arg-type]
