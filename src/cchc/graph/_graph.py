"""The plan graph: which plan implements which, and which documents each one cites.

A :class:`PlanGraph` wraps a networkx ``DiGraph`` (``graph.nx``) whose nodes are the plans
of a corpus plus the documents known only from citations (external nodes, keyed
``ext:KH-UBND:54:2021:hn.ubnd``), and whose edges point from a child to its parent
(``implements``) or from a plan to a document it cites as a basis (``cites``).  Several
parents are normal: the Cẩm Duệ commune plan of 2022 implements both the Hà Tĩnh province
plan and the Cẩm Xuyên district plan.

Queries that follow the cascade (parents, ancestors, lineage, depth ...) use only
``implements`` edges.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Iterator

import networkx as nx

from cchc._faces import rehome
from cchc.exceptions import CchcError

# The vocabulary of the graph's nodes and edges is defined where they are made; modules
# that query a graph take it from here with PlanGraph.
from cchc.graph._build import EdgeKind, ExternalDocument, link_corpus
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan
from cchc.model._units import unit_chain

__all__ = [
    "TREE_DEPTH",
    "CycleError",
    "EdgeKind",
    "ExternalDocument",
    "PlanGraph",
    "mark_below",
]


TREE_DEPTH = 12
"""The most levels a tree of the cascade nests when shown (``summary``, ``graph``'s tree, a
trace of ``coverage --item``); below, a line says what is left out.  Real cascades have
fewer than eight levels (central, ministry, province, department, commune ...), and each
level takes four cells of guides: twelve leave a label half of a 100-column screen.  A
deeper cascade is shown in full by ``graph --format json``, ``dot`` or ``mermaid``."""


class CycleError(CchcError):
    """A query that needs an acyclic cascade met a cycle of ``implements`` edges."""

    def __init__(self, cycle: tuple[str, ...]) -> None:
        self.cycle = cycle
        super().__init__(
            "expected plans to implement no ancestor of theirs, found the cycle "
            + " -> ".join((*cycle, cycle[0]))
        )


class PlanGraph:
    """The cascade of a corpus over a networkx ``DiGraph``; build it with :meth:`from_corpus`.

    Node attributes: ``doc`` (the :class:`~cchc.Plan` or :class:`ExternalDocument`) and
    ``external`` (bool).  Edge attributes: ``kind`` (:class:`EdgeKind`) and ``via`` (the
    path in the child's file the edge comes from).  Read ``nx`` freely but do not change
    it: the queries keep their own index of ``implements`` edges.
    """

    def __init__(self, graph: nx.DiGraph, corpus: Corpus) -> None:
        self.nx: nx.DiGraph = graph
        """The underlying networkx graph, for users who want networkx itself."""
        self.corpus = corpus
        """The corpus the graph was built from."""
        self._depth_cache: dict[str, int] | None = None
        self._parents: dict[str, list[str]] = {}
        self._children: dict[str, list[str]] = {}
        for child, parent, kind in graph.edges(data="kind"):
            if kind is EdgeKind.IMPLEMENTS:
                self._parents.setdefault(child, []).append(parent)
                self._children.setdefault(parent, []).append(child)

    # -- building -----------------------------------------------------------------------

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> PlanGraph:
        """Link every plan of *corpus* to its parents and to the documents it cites.

        Parents come from ``Plan.parents``, from ``LegalBasis.plan`` and from references
        resolved by their identity (:meth:`~cchc.graph.BasisResolver.resolve`): ``LegalBasis.plan``,
        when it is a key of the corpus, wins over whatever its reference would match.  A
        basis cited with ``relation: implements`` is a parent; any other is cited.  A key
        or reference that no plan matches becomes an external node.
        """
        return cls(link_corpus(corpus), corpus)

    # -- nodes ----------------------------------------------------------------------------

    def __contains__(self, key: object) -> bool:
        return key in self.nx

    def __len__(self) -> int:
        return int(self.nx.number_of_nodes())

    def doc(self, key: str) -> Plan | ExternalDocument:
        """The plan or external document of node *key*; :class:`KeyError` naming it otherwise."""
        try:
            doc: Plan | ExternalDocument = self.nx.nodes[key]["doc"]
        except KeyError:
            raise KeyError(f"no plan or cited document with key {key!r} in the graph") from None
        return doc

    def is_external(self, key: str) -> bool:
        """Tell whether *key* is a document known only from references."""
        return isinstance(self.doc(key), ExternalDocument)

    def node_keys(self) -> tuple[str, ...]:
        """Every node: the corpus plans in file order, then external documents by key."""
        external = sorted(k for k, ext in self.nx.nodes(data="external") if ext)
        return (*(p.key for p in self.corpus.plans), *external)

    def external_keys(self) -> tuple[str, ...]:
        """The external documents, by key."""
        return tuple(sorted(k for k, ext in self.nx.nodes(data="external") if ext))

    def edges(self, kind: EdgeKind | None = None) -> Iterator[tuple[str, str, EdgeKind]]:
        """Every edge as (from, to, kind), child or citing plan first, in building order."""
        for source, target, edge_kind in self.nx.edges(data="kind"):
            if kind is None or edge_kind is kind:
                yield source, target, edge_kind

    def via(self, source: str, target: str) -> str:
        """Where in *source*'s file the edge to *target* comes from (``$.parents[0]``)."""
        via: str = self.nx.edges[source, target]["via"]
        return via

    # -- the cascade ------------------------------------------------------------------------

    def parents(self, key: str) -> tuple[str, ...]:
        """The documents *key* implements, in the order the plan gives them."""
        self.doc(key)
        return tuple(self._parents.get(key, ()))

    def children(self, key: str) -> tuple[str, ...]:
        """The plans that implement *key*, in corpus order."""
        self.doc(key)
        return tuple(self._children.get(key, ()))

    def implements_edges(self) -> tuple[tuple[str, str], ...]:
        """Every (parent_key, child_key) pair where both are plans of the corpus."""
        return tuple(
            (parent, child)
            for child, parent, _ in self.edges(EdgeKind.IMPLEMENTS)
            if parent in self.corpus and child in self.corpus
        )

    def _walk(self, key: str, step: dict[str, list[str]]) -> frozenset[str]:
        self.doc(key)
        seen: set[str] = set()
        queue = deque(step.get(key, ()))
        while queue:
            node = queue.popleft()
            if node not in seen:
                seen.add(node)
                queue.extend(step.get(node, ()))
        seen.discard(key)  # a plan on a cycle is not its own ancestor
        return frozenset(seen)

    def ancestors(self, key: str) -> frozenset[str]:
        """Every document *key* implements, directly or through its parents."""
        return self._walk(key, self._parents)

    def descendants(self, key: str) -> frozenset[str]:
        """Every plan that implements *key*, directly or through its children."""
        return self._walk(key, self._children)

    def cascade_keys(self) -> tuple[str, ...]:
        """The nodes of the cascade: every corpus plan and every external parent."""
        parents = sorted(k for k in self._children if self.is_external(k))
        return (*(p.key for p in self.corpus.plans), *parents)

    def roots(self) -> tuple[str, ...]:
        """Cascade nodes that implement nothing: the tops of the cascades."""
        return tuple(k for k in self.cascade_keys() if not self._parents.get(k))

    def leaves(self, *, external: bool = False) -> tuple[str, ...]:
        """Cascade nodes that nothing implements (plans only, unless *external*)."""
        keys = self.cascade_keys() if external else tuple(p.key for p in self.corpus.plans)
        return tuple(k for k in keys if not self._children.get(k))

    def lineage(self, key: str) -> tuple[tuple[str, ...], ...]:
        """Every path from *key* up to a root, *key* first; one per route through parents.

        A plan below several diamonds has many routes: the count is the product of the
        choices.  Raises :class:`CycleError` when a cycle lies above *key*.
        """
        self.doc(key)
        paths: list[tuple[str, ...]] = []
        # Depth-first with an explicit stack, parents in their given order.
        stack: list[tuple[str, ...]] = [(key,)]
        while stack:
            path = stack.pop()
            parents = self._parents.get(path[-1], ())
            if not parents:
                paths.append(path)
            for parent in reversed(parents):
                if parent in path:
                    raise CycleError(path[path.index(parent) :])
                stack.append((*path, parent))
        return tuple(paths)

    def depth(self, key: str) -> int:
        """How many levels lie above *key* on its longest path to a root (a root is 0).

        Raises :class:`CycleError` when the cascade has a cycle.
        """
        self.doc(key)
        if self._depth_cache is None:
            depths: dict[str, int] = {}
            for node in self.topological_order():
                depths[node] = max((depths[p] + 1 for p in self._parents.get(node, ())), default=0)
            self._depth_cache = depths
        return self._depth_cache[key]

    def siblings(self, key: str) -> tuple[str, ...]:
        """Other plans implementing any parent of *key*, in parent then corpus order."""
        found: dict[str, None] = {}
        for parent in self.parents(key):
            for child in self._children.get(parent, ()):
                if child != key:
                    found.setdefault(child)
        return tuple(found)

    def topological_order(self) -> tuple[str, ...]:
        """Every node, each after all the documents it implements; ties broken by key.

        Raises :class:`CycleError` naming a cycle when there is one.
        """
        waiting = {node: len(self._parents.get(node, ())) for node in self.nx}
        ready = [node for node, count in waiting.items() if count == 0]
        heapq.heapify(ready)
        order: list[str] = []
        while ready:
            node = heapq.heappop(ready)
            order.append(node)
            for child in self._children.get(node, ()):
                waiting[child] -= 1
                if waiting[child] == 0:
                    heapq.heappush(ready, child)
        if len(order) < len(waiting):
            raise CycleError(self.cycles()[0])
        return tuple(order)

    def cycles(self) -> tuple[tuple[str, ...], ...]:
        """One cycle of ``implements`` edges per tangle of plans that implement each other."""
        implements = nx.DiGraph(
            (child, parent) for child, parents in self._parents.items() for parent in parents
        )
        found: list[tuple[str, ...]] = []
        for component in nx.strongly_connected_components(implements):
            start = min(component)
            if len(component) == 1 and not implements.has_edge(start, start):
                continue
            edges = nx.find_cycle(implements.subgraph(component), source=start)
            found.append(tuple(edge[0] for edge in edges))
        return tuple(sorted(found))

    # -- plans by unit and year -----------------------------------------------------------

    def plans(self) -> tuple[Plan, ...]:
        """The plans of the corpus, in file order."""
        return self.corpus.plans

    def by_unit(self, code: str, *, below: bool = False) -> tuple[str, ...]:
        """Keys of the plans *code* issued; with *below*, also those of units under it."""
        return tuple(
            p.key
            for p in self.corpus.plans
            if p.issuer == code or (below and code in unit_chain(self.corpus.units, p.issuer))
        )

    def by_year(self, year: int) -> tuple[str, ...]:
        """Keys of the plans issued in *year* (or, undated, whose period starts in it)."""
        return tuple(p.key for p in self.corpus.plans if p.year == year)


def mark_below(graph: PlanGraph, starts: Iterable[str], seen: set[str]) -> None:
    """Add to *seen* each document at or below *starts* that it does not hold yet.

    A tree cut at :data:`TREE_DEPTH` marks what it leaves out this way, so that those
    documents are not listed again at the top as if no root reached them.  The walk skips
    what *seen* holds, so marking below many cuts costs the size of the graph once.
    """
    stack = [key for key in starts if key not in seen]
    while stack:
        key = stack.pop()
        if key not in seen:
            seen.add(key)
            stack.extend(child for child in graph.children(key) if child not in seen)


# Users import these from their public face; they say so in their __module__.
rehome("cchc", PlanGraph)
rehome("cchc.graph", CycleError)
