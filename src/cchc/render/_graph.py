"""The plan graph as a rich tree: parents on top, each child under every parent it implements."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from cchc.graph._graph import TREE_DEPTH, ExternalDocument, PlanGraph, mark_below
from cchc.model._plan import Plan
from cchc.render._console import Lang, ref_label, t
from cchc.text._dates import format_vn_date
from cchc.text._vocab import Level, PlanStatus

__all__ = ["ILLUSTRATIVE_LABEL", "cascade_tree", "node_text", "render_graph_tree"]

ILLUSTRATIVE_LABEL = "minh họa / illustrative"
"""The mark of a plan written by hand to show cchc's checks (``illustrative: true``).

Both languages whatever ``--lang``: whoever reads the line must not take the plan for a
real document, so the mark does not depend on a setting.
"""

_LEVELS = {
    Level.CENTRAL: ("trung ương", "central"),
    Level.PROVINCE: ("tỉnh", "province"),
    Level.DISTRICT: ("huyện", "district"),
    Level.COMMUNE: ("xã", "commune"),
}
_STATUSES = {
    PlanStatus.DRAFT: ("dự thảo", "draft"),
    PlanStatus.ISSUED: ("đã ban hành", "issued"),
    PlanStatus.CITED: ("chỉ biết qua trích dẫn", "known from a citation"),
}


def node_text(graph: PlanGraph, key: str, lang: Lang, *, repeated: bool = False) -> Text:
    """One line for node *key*: issuer name, reference, date, level, status, key.

    Content (names, references) is added as plain text, never as markup, so brackets in
    a name print as written.
    """
    doc = graph.doc(key)
    corpus = graph.corpus
    if isinstance(doc, ExternalDocument):
        issuer_code = doc.issuer
        english = lang is Lang.EN
        name = corpus.unit_name(doc.issuer, english=english) if doc.issuer else doc.issuer_text
        day, status = doc.date, PlanStatus.CITED
    else:
        issuer_code, day, status = doc.issuer, doc.issued, doc.status
        name = corpus.unit_name(doc.issuer, english=lang is Lang.EN)
    unit = corpus.unit(issuer_code) if issuer_code else None
    line = Text()
    if isinstance(doc, ExternalDocument):
        line.append(t(lang, "[ngoài kho] ", "[external] "), style="yellow")
    line.append(name or t(lang, "không rõ cơ quan ban hành", "unknown issuer"), style="bold")
    parts = [ref_label(None if doc.ref is None else str(doc.ref), lang)]
    if day is not None:
        parts.append(format_vn_date(day, "numeric") if lang is Lang.VI else day.isoformat())
    else:
        parts.append(t(lang, "không rõ ngày", "undated"))
    if unit is not None:
        parts.append(t(lang, *_LEVELS[unit.level]))
    parts.append(t(lang, *_STATUSES[status]))
    line.append(" · " + " · ".join(parts))
    if isinstance(doc, Plan) and doc.illustrative:
        line.append(" · ")
        line.append(ILLUSTRATIVE_LABEL, style="magenta")
    line.append(f"  {key}", style="dim")
    if repeated:
        line.append(t(lang, "  (đã nêu ở trên)", "  (shown above)"), style="italic")
    return line


def cascade_tree(graph: PlanGraph, lang: Lang, keys: Collection[str] | None = None) -> Tree:
    """The cascade as a tree, limited to *keys* when given.

    A plan with several parents appears under each; its own children are listed the first
    time only, and later appearances say they were shown above.  Plans caught in a cycle,
    which no root reaches, are listed at the top level.  The tree is :data:`TREE_DEPTH`
    levels deep at most: a line under a plan there says how many children are left out.
    """
    shown = set(graph.cascade_keys() if keys is None else keys)
    count = sum(1 for k in shown if isinstance(graph.doc(k), Plan))
    tree = Tree(
        Text(t(lang, "Chuỗi kế hoạch", "Cascade of plans"), style="bold")
        + Text(f" ({count} {t(lang, 'kế hoạch', 'plans')})")
    )
    expanded: set[str] = set()
    below: list[str] = []  # children of the plans where the tree stops
    # A frame: the branch being filled, its children still to add, and their depth.  The
    # walk keeps its own stack, so a cascade of any depth is drawn without recursion.
    stack: list[tuple[Tree, Iterator[str], int]] = []

    def add(node: Tree, key: str, depth: int) -> None:
        if key in expanded:
            hidden = any(child in shown for child in graph.children(key))
            node.add(node_text(graph, key, lang, repeated=hidden))
            return
        expanded.add(key)
        branch = node.add(node_text(graph, key, lang))
        kids = [child for child in graph.children(key) if child in shown]
        if kids and depth >= TREE_DEPTH:
            branch.add(_cut_line(len(kids), lang))
            below.extend(kids)
        elif kids:
            stack.append((branch, iter(kids), depth + 1))

    def walk(key: str) -> None:
        add(tree, key, 1)
        while stack:
            branch, kids, depth = stack[-1]
            child = next(kids, None)
            if child is None:
                stack.pop()
            else:
                add(branch, child, depth)

    for root in graph.roots():
        if root in shown:
            walk(root)
    # Plans caught in a cycle: at the top.  What lies below a cut is left out, not listed
    # there as if no root reached it.
    for key in graph.cascade_keys():
        mark_below(graph, below, expanded)
        below.clear()
        if key in shown and key not in expanded:
            walk(key)
    return tree


def _cut_line(count: int, lang: Lang) -> Text:
    """The line under a plan whose children are left out of a tree :data:`TREE_DEPTH` deep."""
    return Text(
        t(
            lang,
            f"… {count} văn bản cấp dưới không hiện: cây dừng ở {TREE_DEPTH} cấp "
            "(xem tất cả: python -m cchc graph --format json)",
            f"… {count} child document(s) not shown: the tree stops at {TREE_DEPTH} levels "
            "(all of them: python -m cchc graph --format json)",
        ),
        style="dim",
    )


def render_graph_tree(
    console: Console, graph: PlanGraph, lang: Lang, keys: Collection[str] | None = None
) -> None:
    """Print :func:`cascade_tree` on *console*."""
    console.print(cascade_tree(graph, lang, keys))
