"""The plan graph as text for other tools: Graphviz DOT, Mermaid and JSON.

Labels keep Vietnamese text exactly as written (NFC); only the characters each format
reserves are escaped, after control and bidirectional characters are made visible
(:func:`cchc._visible.visible`: ``<U+001B>``), so that neither a viewer of the file nor
a terminal it is printed on obeys them.  Edges point as in the graph: from the child (or
citing plan) to the parent (or cited document), so ``rankdir=BT`` / ``flowchart BT``
draws parents on top.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from cchc._visible import visible
from cchc.graph._graph import EdgeKind, ExternalDocument, PlanGraph
from cchc.model._plan import Plan
from cchc.text._dates import format_vn_date
from cchc.text._vocab import PlanStatus

__all__ = ["focus", "to_dot", "to_json", "to_mermaid"]


def focus(graph: PlanGraph, key: str) -> frozenset[str]:
    """The cascade around *key*: itself, what it implements, what implements it, what it cites."""
    cited = (t for _, t, _ in graph.nx.out_edges(key, data="kind"))
    return frozenset({key, *graph.ancestors(key), *graph.descendants(key), *cited})


def _nodes(graph: PlanGraph, keys: Collection[str] | None) -> list[str]:
    return [k for k in graph.node_keys() if keys is None or k in keys]


def _edges(graph: PlanGraph, keys: Collection[str] | None) -> Iterator[tuple[str, str, EdgeKind]]:
    for source, target, kind in graph.edges():
        if keys is None or (source in keys and target in keys):
            yield source, target, kind


def node_record(graph: PlanGraph, key: str) -> dict[str, Any]:
    """The JSON object of one node: key, ref, issuer, date, external, kind, status, title."""
    doc = graph.doc(key)
    if isinstance(doc, Plan):
        return {
            "key": key,
            "ref": str(doc.ref) if doc.ref is not None else None,
            "issuer": doc.issuer,
            "date": doc.issued.isoformat() if doc.issued else None,
            "external": False,
            "kind": doc.kind.value,
            "status": doc.status.value,
            "title": doc.title,
        }
    return {
        "key": key,
        "ref": str(doc.ref) if doc.ref is not None else None,
        "issuer": doc.issuer or doc.issuer_text,
        "date": doc.date.isoformat() if doc.date else None,
        "external": True,
        "kind": doc.kind.value if doc.kind else None,
        "status": PlanStatus.CITED.value,
        "title": None,
    }


def to_json(graph: PlanGraph, keys: Collection[str] | None = None) -> dict[str, Any]:
    """``{"nodes": [...], "edges": [{"from", "to", "kind"}]}``, optionally limited to *keys*.

    Nodes come in corpus order, then external documents by key; ``from`` is the child or
    citing plan.  Dump with ``json.dumps(..., ensure_ascii=False)``.
    """
    return {
        "nodes": [node_record(graph, k) for k in _nodes(graph, keys)],
        "edges": [{"from": s, "to": t, "kind": kind.value} for s, t, kind in _edges(graph, keys)],
    }


def label_lines(graph: PlanGraph, key: str) -> tuple[str, ...]:
    """The lines of a node's label: issuer name, then reference and date (dd/mm/yyyy)."""
    doc = graph.doc(key)
    corpus = graph.corpus
    if isinstance(doc, ExternalDocument):
        issuer = corpus.unit_name(doc.issuer) if doc.issuer else (doc.issuer_text or "?")
        day = doc.date
    else:
        issuer, day = corpus.unit_name(doc.issuer), doc.issued
    ref = str(doc.ref) if doc.ref is not None else key
    second = f"{ref} · {format_vn_date(day, 'numeric')}" if day is not None else ref
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
    for key in _nodes(graph, keys):
        label = _dot_quote("\n".join(label_lines(graph, key)))
        style = ", style=dashed" if graph.is_external(key) else ""
        lines.append(f"  {_dot_quote(key)} [label={label}{style}];")
    for source, target, kind in _edges(graph, keys):
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
    nodes = _nodes(graph, keys)
    ids = {key: f"n{i}" for i, key in enumerate(nodes)}
    lines = ["flowchart BT"]
    for key in nodes:
        label = "<br/>".join(_mermaid_text(line) for line in label_lines(graph, key))
        external = ":::external" if graph.is_external(key) else ""
        lines.append(f'  {ids[key]}["{label}"]{external}')
    for source, target, kind in _edges(graph, keys):
        arrow = "-.->" if kind is EdgeKind.CITES else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    lines.append("  classDef external stroke-dasharray: 5 5")
    return "\n".join(lines) + "\n"
