"""Coverage for the terminal: tables, a matrix, a trace tree (JSON: :mod:`cchc.render._json`)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from cchc.coverage._concreteness import Gap
from cchc.coverage._coverage import (
    CorpusCoverage,
    EdgeCoverage,
    Matrix,
    Status,
    TraceStep,
    matrix,
)
from cchc.graph._amend import Change
from cchc.graph._graph import TREE_DEPTH
from cchc.render._console import Lang, t
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.text._dates import format_vn_date

__all__ = [
    "amended_line",
    "render_amended",
    "render_coverage",
    "render_gaps",
    "render_matrices",
    "render_trace",
    "suspect_line",
]

_MARK = {
    Status.COVERED: "✔",
    Status.WAIVED: "–",
    Status.SUSPECT: "!",
    Status.SUGGESTED: "?",
    Status.MISSING: "✘",
}


def _status(lang: Lang, status: Status) -> str:
    return {
        Status.COVERED: t(lang, "đã kế thừa", "covered"),
        Status.WAIVED: t(lang, "miễn", "waived"),
        Status.SUSPECT: t(lang, "cần rà soát", "suspect"),
        Status.SUGGESTED: t(lang, "gợi ý", "suggested"),
        Status.MISSING: t(lang, "thiếu", "missing"),
    }[status]


def _indented(text: Text) -> Padding:
    """*text* two cells in, wrapped lines included (a hanging list entry)."""
    return Padding(text, (0, 0, 0, 2))


def _percent(value: float | None) -> str:
    return "?" if value is None else f"{value:.0f}%"


def _key(key: str, illustrative: bool) -> str:
    """A plan's key, marked when the plan is illustrative (not a real document)."""
    return f"{key} ({ILLUSTRATIVE_LABEL})" if illustrative else key


def _ends(edge: EdgeCoverage) -> str:
    """``parent → child``, each marked when illustrative."""
    parent = _key(edge.parent, edge.parent_illustrative)
    return f"{parent} → {_key(edge.child, edge.child_illustrative)}"


def _illustrative_keys(result: CorpusCoverage) -> frozenset[str]:
    """The keys of the illustrative plans the edges of *result* join."""
    return frozenset(
        key
        for edge in result.edges
        for key, marked in (
            (edge.parent, edge.parent_illustrative),
            (edge.child, edge.child_illustrative),
        )
        if marked
    )


# --- terminal -----------------------------------------------------------------------------


def _edge_table(edge: EdgeCoverage, lang: Lang) -> Table:
    ends = escape(_ends(edge))
    title = t(
        lang,
        f"{ends}: {_percent(edge.percent)} được kế thừa",
        f"{ends}: {_percent(edge.percent)} carried",
    )
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column(t(lang, "Mục", "Item"), no_wrap=True)
    table.add_column(t(lang, "Trạng thái", "Status"), no_wrap=True)
    table.add_column(t(lang, "Bởi", "By"), no_wrap=True)
    table.add_column(t(lang, "Chi tiết", "Details"))
    for item in edge.items:
        detail = ""
        if item.status is Status.WAIVED:
            detail = item.reason or ""
        elif item.status is Status.SUSPECT:
            detail = t(
                lang,
                "văn bản cấp trên đã sửa mục này sau khi liên kết",
                "the parent item changed since the link was made",
            )
        elif item.status is Status.SUGGESTED:
            words = ", ".join(item.matched)
            detail = t(lang, f"điểm {item.score:g}: {words}", f"score {item.score:g}: {words}")
        else:
            detail = item.text if item.status is Status.MISSING else ""
        table.add_row(
            escape(item.item),
            f"{_MARK[item.status]} {_status(lang, item.status)}",
            escape(", ".join(item.by)),
            escape(detail),
        )
    return table


def render_coverage(console: Console, result: CorpusCoverage, lang: Lang) -> None:
    """Print each edge's table, dangling links, local additions, gaps and weakened targets."""
    if not result.edges:
        console.print(t(lang, "Không có quan hệ thực hiện nào.", "No implements edge."))
    for edge in result.edges:
        if edge.percent is None:
            unknown = t(
                lang,
                "văn bản cấp trên chưa có nội dung: không đánh giá được",
                "the parent has no items: cannot be checked",
            )
            console.print(f"[bold]{escape(_ends(edge))}[/bold]: {unknown}")
        else:
            console.print(_edge_table(edge, lang))
            _print_changed(console, edge, lang)
        for problem in edge.dangling:
            console.print(f"  [bold]{escape(str(problem))}[/bold]")
        if edge.local:
            label = t(lang, "Nội dung riêng của cấp dưới", "Local additions of the child")
            console.print(_indented(Text(f"{label}: {', '.join(edge.local)}")))
        console.print()
    marked = _illustrative_keys(result)
    render_gaps(console, result.concreteness, lang, illustrative=marked)
    for weak in result.weakened:
        child, parent = (
            _key(weak.child, weak.child in marked),
            _key(weak.parent, weak.parent in marked),
        )
        console.print(f"[bold]{escape(child)}[/bold] ← {escape(parent)}: {escape(weak.message)}")
    _print_link_counts(console, result, lang)
    overall = t(lang, "Tỷ lệ kế thừa chung", "Overall share carried")
    share = (
        t(lang, "không đánh giá được", "cannot be checked")
        if result.percent is None
        else _percent(result.percent)
    )
    console.print(f"{overall}: {share}")


def _print_changed(console: Console, edge: EdgeCoverage, lang: Lang) -> None:
    """Each suspect link of *edge*: the parent's text it recorded beside the text now."""
    was, now = t(lang, "trước", "was"), t(lang, "nay", "now")
    unknown = t(lang, "(liên kết không ghi lại văn bản)", "(the link recorded no text)")
    for item in edge.items:
        for changed in item.changed:
            head = f"! {edge.parent}#{item.item} ← {changed.by}"
            head += f" ({changed.recorded} → {changed.current})"
            console.print(_indented(Text(head, style="bold")))
            old = unknown if changed.recorded_text is None else f"“{changed.recorded_text}”"
            console.print(Padding(Text(f"{was}: {old}"), (0, 0, 0, 4)))
            console.print(Padding(Text(f"{now}: “{changed.current_text}”"), (0, 0, 0, 4)))


def _print_link_counts(console: Console, result: CorpusCoverage, lang: Lang) -> None:
    """How many links are checked, suspect and unchecked, once any link records a fingerprint.

    A corpus whose links record none gets no line: every link would be unchecked, and the
    line would say only that fingerprints are not in use.
    """
    total = sum(len(i.by) for e in result.edges for i in e.items if i.status.carried)
    unchecked = sum(e.unchecked_links for e in result.edges)
    if not total or unchecked == total:
        return
    suspect = sum(e.suspect_links for e in result.edges)
    console.print(
        t(
            lang,
            f"Liên kết: {total - unchecked} đã đối chiếu, trong đó {suspect} cần rà soát; "
            f"{unchecked} chưa đối chiếu (chưa ghi dấu vân tay)",
            f"Links: {total - unchecked} checked, {suspect} of them suspect; "
            f"{unchecked} unchecked (no fingerprint recorded)",
        )
    )


def suspect_line(count: int, lang: Lang) -> Text:
    """The line of ``summary`` counting the suspect links of the corpus."""
    line = Text(t(lang, "Liên kết cần rà soát: ", "Suspect links: "), style="bold")
    line.append(str(count), style="yellow")
    line.append(
        t(
            lang,
            " (văn bản cấp trên đã sửa mục được kế thừa sau khi liên kết); "
            "xem chi tiết: python -m cchc coverage",
            " (the parent item changed since the link was made); details: python -m cchc coverage",
        )
    )
    return line


def render_gaps(
    console: Console, gaps: Sequence[Gap], lang: Lang, *, illustrative: Collection[str] = ()
) -> None:
    """Print the concreteness gaps, one a line; those of *illustrative* plans marked."""
    if not gaps:
        return
    console.print(t(lang, "[bold]Chưa cụ thể[/bold]", "[bold]Not concrete[/bold]"))
    names = {
        "lead": t(lang, "đơn vị chủ trì", "lead unit"),
        "products": t(lang, "sản phẩm", "product"),
        "schedule": t(lang, "thời gian", "time"),
    }
    for gap in gaps:
        lacks = ", ".join(names[m] for m in gap.missing)
        where = _key(f"{gap.plan}#{gap.item}", gap.plan in illustrative)
        line = f"{where}: {t(lang, 'thiếu', 'lacks')} {lacks}"
        if gap.vague:
            vague = ", ".join(f"“{w}”" for w in gap.vague)
            line += t(lang, f"; lời văn chung chung: {vague}", f"; vague wording: {vague}")
        console.print(_indented(Text(line)))
    console.print()


def _matrix_table(m: Matrix, lang: Lang, illustrative: Collection[str]) -> Table:
    title = escape(_key(m.parent, m.parent in illustrative))
    table = Table(title=title, title_justify="left")
    table.add_column(t(lang, "Mục", "Item"), no_wrap=True)
    for child in m.children:
        table.add_column(escape(_key(child, child in illustrative)), justify="center", no_wrap=True)
    table.add_column("%", justify="right")
    for item in m.items:
        cells = [_MARK[m.cells[item, child]] for child in m.children]
        table.add_row(escape(item), *cells, _percent(m.item_percent(item)))
    table.add_row("%", *(_percent(m.child_percent(c)) for c in m.children), "", end_section=True)
    return table


def render_matrices(console: Console, result: CorpusCoverage, lang: Lang) -> None:
    """Print one matrix (parent items by child plans) for each parent with known edges."""
    by_parent: dict[str, list[EdgeCoverage]] = {}
    for edge in result.edges:
        by_parent.setdefault(edge.parent, []).append(edge)
    marked = _illustrative_keys(result)
    for edges in by_parent.values():
        if edges[0].items:  # a parent without items has nothing to tabulate
            console.print(_matrix_table(matrix(edges), lang, marked))
    legend = ", ".join(f"{mark} {_status(lang, s)}" for s, mark in _MARK.items())
    console.print(legend)


def render_trace(
    console: Console,
    root: str,
    steps: Sequence[TraceStep],
    lang: Lang,
    *,
    illustrative: Collection[str] = (),
) -> None:
    """Print where one item is carried down the tree and where the chain breaks.

    The plans whose keys are in *illustrative* are marked as such.

    The tree is :data:`~cchc.graph._graph.TREE_DEPTH` levels deep at most; a line under a step
    there counts the steps left out below it and the breaks among them.
    """
    tree = Tree(f"[bold]{escape(root)}[/bold]")

    def label(step: TraceStep) -> str:
        by = f" ({escape(', '.join(step.by))})" if step.by else ""
        child = escape(_key(step.child, step.child in illustrative))
        text = f"{_MARK[step.status]} {child}{by}: {_status(lang, step.status)}"
        if step.breaks:
            text += t(lang, " [bold]— đứt mạch[/bold]", " [bold]— chain breaks[/bold]")
        return text

    # Depth first with an explicit stack: a chain of any length is drawn without recursion.
    stack: list[tuple[Tree, TraceStep, int]] = [(tree, step, 1) for step in reversed(steps)]
    while stack:
        node, step, depth = stack.pop()
        branch = node.add(label(step))
        if step.next and depth >= TREE_DEPTH:
            branch.add(_cut_line(step, lang))
            continue
        stack.extend((branch, deeper, depth + 1) for deeper in reversed(step.next))
    if not steps:
        tree.add(t(lang, "không có văn bản cấp dưới", "no child plan"))
    console.print(tree)


def _cut_line(step: TraceStep, lang: Lang) -> str:
    """What a trace cut at :data:`~cchc.graph._graph.TREE_DEPTH` levels leaves out below *step*."""
    count = breaks = 0
    stack = list(step.next)
    while stack:
        below = stack.pop()
        count += 1
        breaks += below.breaks
        stack.extend(below.next)
    again = escape(f"--plan {step.child} --item {step.by[0]}") if len(step.by) == 1 else ""
    return t(
        lang,
        f"[dim]… {count} bước nữa ở các cấp dưới, {breaks} chỗ đứt mạch: cây dừng ở "
        f"{TREE_DEPTH} cấp" + (f" (xem tiếp: {again})" if again else "") + "[/dim]",
        f"[dim]… {count} more step(s) further down, {breaks} breaking the chain: the tree "
        f"stops at {TREE_DEPTH} levels" + (f" (to go on: {again})" if again else "") + "[/dim]",
    )


_ACTION = {
    "replaced": ("sửa đổi", "replaced"),
    "added": ("bổ sung", "added"),
    "removed": ("bãi bỏ", "removed"),
}


def amended_line(key: str, change: Change, lang: Lang) -> str:
    """``kh-54#nd3: theo văn bản số 99/KH-UBND ngày 01/03/2024 (sửa đổi)``, or in English."""
    vi, en = _ACTION[change.action]
    number = str(change.ref) if change.ref is not None else change.by
    day = change.issued or change.effective
    dated = format_vn_date(day, "numeric")
    if change.issued is not None and change.effective != change.issued:
        effective = format_vn_date(change.effective, "numeric")
        vi += f", hiệu lực từ {effective}"
        en += f", in force from {effective}"
    return t(
        lang,
        f"{key}#{change.item}: theo văn bản số {number} ngày {dated} ({vi})",
        f"{key}#{change.item}: as amended by document {number} of {dated} ({en})",
    )


def render_amended(
    console: Console, amended: Mapping[str, Mapping[str, Change]], lang: Lang
) -> None:
    """Say which items are as an amendment made them, one line each; nothing when none."""
    if not amended:
        return
    console.print(
        Text(t(lang, "Nội dung theo văn bản sửa đổi:", "Content as amended:"), style="bold")
    )
    for key in sorted(amended):
        for item_id in sorted(amended[key]):
            console.print(_indented(Text(amended_line(key, amended[key][item_id], lang))))
