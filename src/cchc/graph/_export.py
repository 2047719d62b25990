"""The plan graph as text for other tools: Graphviz DOT and Mermaid.

Labels keep Vietnamese text exactly as written (NFC); only the characters each format
reserves are escaped, after control and bidirectional characters are made visible
(:func:`cchc._visible.visible`: ``<U+001B>``), so that neither a viewer of the file nor
a terminal it is printed on obeys them.  Edges point as in the graph: from the child (or
citing plan) to the parent (or cited document), so ``rankdir=BT`` / ``flowchart BT``
draws parents on top.  The JSON of the graph is written with every other ``--json``
document, by :mod:`cchc.render._json`, from the same :func:`nodes_of` and :func:`edges_of`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from cchc._visible import visible
from cchc.graph._graph import EdgeKind, ExternalDocument, PlanGraph
from cchc.model._plan import Plan
from cchc.text._dates import format_vn_date

__all__ = ["edges_of", "focus", "nodes_of", "to_dot", "to_mermaid"]


def focus(graph: PlanGraph, key: str) -> frozenset[str]:
    """The cascade around *key*: itself, what it implements, what implements it, what it cites."""
    cited = (t for _, t, _ in graph.nx.out_edges(key, data="kind"))
    return frozenset({key, *graph.ancestors(key), *graph.descendants(key), *cited})


def nodes_of(graph: PlanGraph, keys: Collection[str] | None) -> list[str]:
    """The nodes to draw: every node of *graph* (see ``node_keys``), or those in *keys*."""
    return [k for k in graph.node_keys() if keys is None or k in keys]


def edges_of(graph: PlanGraph, keys: Collection[str] | None) -> Iterator[tuple[str, str, EdgeKind]]:
    """The edges to draw: every edge of *graph*, or those with both ends in *keys*."""
    for source, target, kind in graph.edges():
        if keys is None or (source in keys and target in keys):
            yield source, target, kind


def label_lines(graph: PlanGraph, key: str) -> tuple[str, ...]:
    """The lines of a node's label: issuer name, then reference and date (dd/mm/yyyy).

    A document without a number says so (*không số*), one whose number is left blank
    shows ``…/KH-UBND``: a reader of the picture never sees cchc's keys.  A plan marked
    illustrative has a third line saying so.
    """
    doc = graph.doc(key)
    corpus = graph.corpus
    if isinstance(doc, ExternalDocument):
        issuer = corpus.unit_name(doc.issuer) if doc.issuer else (doc.issuer_text or "?")
        day = doc.date
    else:
        issuer, day = corpus.unit_name(doc.issuer), doc.issued
    ref = "không số" if doc.ref is None else str(doc.ref)
    if ref.startswith("/"):
        ref = f"…{ref}"
    second = f"{ref} · {format_vn_date(day, 'numeric')}" if day is not None else ref
    if isinstance(doc, Plan) and doc.illustrative:
        return issuer, second, "minh họa / illustrative"
    return issuer, second


# -- Graphviz DOT ---------------------------------------------------------------------------


def _dot_quote(text: str) -> str:
    """A DOT quoted string: controls visible, backslashes and quotes escaped, DOT line breaks."""
    escaped = visible(text, multiline=True).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def to_dot(graph: PlanGraph, keys: Collection[str] | None = None) -> str:
    """The graph in Graphviz DOT; external documents dashed, citations dotted."""
    lines = [
        "digraph cchc {",
        "  rankdir=BT;",
        '  node [shape=box, fontname="Helvetica"];',
    ]
    for key in nodes_of(graph, keys):
        label = _dot_quote("\n".join(label_lines(graph, key)))
        style = ", style=dashed" if graph.is_external(key) else ""
        lines.append(f"  {_dot_quote(key)} [label={label}{style}];")
    for source, target, kind in edges_of(graph, keys):
        style = ", style=dotted" if kind is EdgeKind.CITES else ""
        lines.append(f"  {_dot_quote(source)} -> {_dot_quote(target)} [class={kind.value}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- Mermaid --------------------------------------------------------------------------------

# Mermaid reads "#name;" and "#123;" as character codes inside labels; everything that
# could end the quoted label, open HTML or start an entity is written that way.
_MERMAID_CODES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
}


def _mermaid_text(text: str) -> str:
    escaped = "".join(_MERMAID_CODES.get(c, c) for c in visible(text))
    return " ".join(escaped.split())


def to_mermaid(graph: PlanGraph, keys: Collection[str] | None = None) -> str:
    """The graph as a Mermaid flowchart; node ids are ``n0``, ``n1`` ... in node order."""
    nodes = nodes_of(graph, keys)
    ids = {key: f"n{i}" for i, key in enumerate(nodes)}
    lines = ["flowchart BT"]
    for key in nodes:
        label = "<br/>".join(_mermaid_text(line) for line in label_lines(graph, key))
        external = ":::external" if graph.is_external(key) else ""
        lines.append(f'  {ids[key]}["{label}"]{external}')
    for source, target, kind in edges_of(graph, keys):
        arrow = "-.->" if kind is EdgeKind.CITES else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    lines.append("  classDef external stroke-dasharray: 5 5")
    return "\n".join(lines) + "\n"
