"""Building the plan graph: the nodes and edges a corpus gives, before any query.

:func:`link_corpus` turns each plan's ``parents`` and ``legal_bases`` into edges of a
networkx ``DiGraph``; a key or citation that no plan of the corpus matches becomes an
:class:`ExternalDocument` node, merged with what later citations of it say.
:class:`~cchc.graph.PlanGraph` wraps the result and answers the queries.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
import networkx as nx

from cchc._faces import rehome
from cchc.graph._resolve import BasisResolver, external_key
from cchc.model._corpus import Corpus
from cchc.model._plan import LegalBasis, Plan
from cchc.refs._refs import DocumentRef
from cchc.text._vocab import DocumentKind, Relation

__all__ = ["EdgeKind", "ExternalDocument", "link_corpus"]


class EdgeKind(enum.StrEnum):
    """What an edge of the plan graph means; the value is the ``kind`` edge attribute."""

    IMPLEMENTS = "implements"
    """Child -> parent: the child carries the parent out (*Thực hiện*)."""
    CITES = "cites"
    """Plan -> document: the plan cites the document as a legal basis (*Căn cứ*)."""


@attrs.frozen(kw_only=True)
class ExternalDocument:
    """A document known only from references to it: a parent or basis outside the corpus."""

    key: str
    """Its synthetic key (``ext:KH-UBND:145:2021:hn.ubnd``) or the unknown key a plan named."""
    kind: DocumentKind | None = None
    """The kind of document, when a citation says."""
    ref: DocumentRef | None = None
    """The reference as cited."""
    date: dt.date | None = None
    """Its date, when a citation gives it."""
    issuer: str | None = None
    """Code of its issuing unit, when known."""
    issuer_text: str | None = None
    """The issuer as a citation words it."""
    citation: str = ""
    """The first citation of it met in the corpus."""

    def merged(self, other: ExternalDocument) -> ExternalDocument:
        """This document with the facts it lacks taken from *other* (another citation)."""
        return attrs.evolve(
            self,
            kind=self.kind or other.kind,
            ref=self.ref or other.ref,
            date=self.date or other.date,
            issuer=self.issuer or other.issuer,
            issuer_text=self.issuer_text or other.issuer_text,
            citation=self.citation or other.citation,
        )


def link_corpus(corpus: Corpus) -> nx.DiGraph:
    """The graph of *corpus*: a node per plan and per document known only from references.

    Each plan links to its parents (``Plan.parents``) and to each legal basis, which
    :meth:`~cchc.graph.BasisResolver.match` resolves to a plan of the corpus (an explicit
    ``LegalBasis.plan`` of the corpus first) or names as an external document.  A basis
    cited with ``relation: implements`` is a parent; any other is cited.
    """
    graph = nx.DiGraph()
    for plan in corpus.plans:
        graph.add_node(plan.key, doc=plan, external=False)
    resolver = BasisResolver(corpus)
    for plan in corpus.plans:
        for index, parent in enumerate(plan.parents):
            if parent not in corpus:
                _add_external(graph, ExternalDocument(key=parent))
            _add_edge(graph, plan.key, parent, EdgeKind.IMPLEMENTS, f"$.parents[{index}]")
        for index, basis in enumerate(plan.legal_bases):
            target = _basis_target(graph, resolver, plan, index, basis)
            kind = EdgeKind.IMPLEMENTS if basis.relation is Relation.IMPLEMENTS else EdgeKind.CITES
            _add_edge(graph, plan.key, target, kind, f"$.legal_bases[{index}]")
    return graph


def _basis_target(
    graph: nx.DiGraph, resolver: BasisResolver, plan: Plan, index: int, basis: LegalBasis
) -> str:
    """The node basis *index* of *plan* points to, added as an external one if need be."""
    target, issuer = resolver.match(basis, plan)
    if target is not None:
        return target
    level = resolver.level_of(issuer)
    key = basis.plan or external_key(basis, issuer, level=level)
    if key is None:
        key = f"ext:{plan.key}:legal_bases[{index}]"
    _add_external(graph, _external(key, basis, issuer))
    return key


def _external(key: str, basis: LegalBasis, issuer: str | None) -> ExternalDocument:
    return ExternalDocument(
        key=key,
        kind=basis.kind,
        ref=basis.ref,
        date=basis.date,
        issuer=issuer,
        issuer_text=basis.issuer_text,
        citation=basis.citation,
    )


def _add_external(graph: nx.DiGraph, doc: ExternalDocument) -> None:
    if doc.key in graph:
        current = graph.nodes[doc.key]["doc"]
        if isinstance(current, ExternalDocument):
            graph.nodes[doc.key]["doc"] = current.merged(doc)
        return
    graph.add_node(doc.key, doc=doc, external=True)


def _add_edge(graph: nx.DiGraph, source: str, target: str, kind: EdgeKind, path: str) -> None:
    """Add an edge; a parent link wins over a citation of the same document."""
    data: dict[str, Any] | None = graph.get_edge_data(source, target)
    if data is not None and (data["kind"] is EdgeKind.IMPLEMENTS or kind is EdgeKind.CITES):
        return
    graph.add_edge(source, target, kind=kind, via=path)


# Users import these from their public face; they say so in their __module__.
rehome("cchc.graph", EdgeKind, ExternalDocument)
