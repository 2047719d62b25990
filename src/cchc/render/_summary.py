"""``summary`` for the terminal: the corpus at a glance (one plan in full: ``_detail``).

Everything printed comes from :mod:`cchc.report`'s values, the same ones ``--json`` gives
(:mod:`cchc.render._json`); content (names, titles, item texts) is added as plain text,
never as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from cchc.calendar._expand import Occurrence
from cchc.graph._graph import TREE_DEPTH
from cchc.render._calendar import deadline_lines, deadline_table
from cchc.render._console import Lang, ref_label, t
from cchc.render._coverage import suspect_line
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.report._deadlines import Deadlines
from cchc.report._summary import CorpusSummary, Node, PastPlans
from cchc.report._tree import EdgeShare, TreeNode
from cchc.text._dates import format_vn_date
from cchc.text._vocab import DocumentKind, Level, PlanStatus

__all__ = ["deadline_sections", "node_line", "past_lines", "render_summary", "share_line"]

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


def _date(day: dt.date | None, lang: Lang) -> str:
    if day is None:
        return t(lang, "không rõ ngày", "undated")
    return format_vn_date(day, "numeric")


def _kind(kind: DocumentKind | None, lang: Lang) -> str:
    if kind is None:
        return t(lang, "Văn bản", "Document")
    return kind.vietnamese if lang is Lang.VI else kind.value.replace("_", " ").capitalize()


def node_line(node: Node, lang: Lang, *, key: bool = True) -> Text:
    """One line for a document: kind and reference, issuer, date, level, status, key."""
    line = Text()
    if node.external:
        line.append(t(lang, "[ngoài kho] ", "[external] "), style="yellow")
    ref = ref_label(node.ref, lang)
    line.append(f"{_kind(node.kind, lang)} {ref}", style="bold")
    parts = [
        node.issuer_name or t(lang, "không rõ cơ quan ban hành", "unknown issuer"),
        _date(node.issued, lang),
    ]
    if node.level is not None:
        parts.append(t(lang, *_LEVELS[node.level]))
    parts.append(t(lang, *_STATUSES[node.status]))
    line.append(" · " + " · ".join(parts))
    if node.illustrative:
        line.append(" · ")
        line.append(ILLUSTRATIVE_LABEL, style="magenta")
    if key:
        line.append(f"  {node.key}", style="dim")
    return line


def share_line(edge: EdgeShare, lang: Lang) -> Text:
    """How much of the parent's content the child carries, or why that cannot be told."""
    if edge.percent is None:
        return Text(
            t(
                lang,
                "kế thừa: không đánh giá được (cấp trên chưa có nội dung)",
                "carried: cannot be checked (the parent has no items)",
            ),
            style="italic",
        )
    style = "green" if edge.percent == 100 else "bold red"
    share = f"{edge.percent:.0f}% ({edge.carried}/{edge.items})"
    return Text(t(lang, f"kế thừa {share}", f"carries {share}"), style=style)


TREE_LINES = 20
"""The most documents the summary's tree shows; ``graph`` shows the whole cascade."""


def _keys(nodes: Sequence[TreeNode]) -> set[str]:
    """The documents in the trees under *nodes*, walked without recursion."""
    found: set[str] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        found.add(node.key)
        stack.extend(node.children)
    return found


def _tree(summary: CorpusSummary, lang: Lang, limit: int = TREE_LINES) -> Tree:
    """The cascade, cut after *limit* documents with a line saying how many are left out."""
    plans = summary.counts.plans
    root = Tree(
        Text(t(lang, "Chuỗi kế hoạch", "Cascade of plans"), style="bold")
        + Text(f" ({plans} {t(lang, 'kế hoạch', 'plans')})")
    )
    shown: set[str] = set()
    lines = 0  # documents printed, repeats included

    def more(parent: Tree, left: Sequence[TreeNode]) -> None:
        hidden = len(_keys(left) - shown)
        if not hidden:
            return
        parent.add(
            Text(
                t(
                    lang,
                    f"… và {hidden} văn bản nữa (xem tất cả: python -m cchc graph)",
                    f"… and {hidden} more (all of them: python -m cchc graph)",
                ),
                style="dim",
            )
        )

    def label(node: TreeNode) -> Text:
        line = node_line(summary.nodes[node.key], lang, key=False)
        line.append("\n" + node.key, style="dim")
        if node.edge is not None:
            line.append(" · ")
            line.append_text(share_line(node.edge, lang))
        if node.repeated:
            line.append(t(lang, "  (đã nêu ở trên)", "  (shown above)"), style="italic")
        return line

    # Depth first with an explicit stack of (branch, nodes to add under it, next index):
    # the tree's depth is the corpus', and it is drawn without recursion.
    stack: list[tuple[Tree, Sequence[TreeNode], int]] = [(root, summary.tree, 0)]
    while stack:
        parent, nodes, index = stack.pop()
        if index >= len(nodes):
            continue
        if lines >= limit:
            # Each level still open says what it leaves out, innermost first.
            more(parent, nodes[index:])
            continue
        node = nodes[index]
        stack.append((parent, nodes, index + 1))
        lines += 1
        shown.add(node.key)
        branch = parent.add(label(node))
        if node.hidden:
            branch.add(_cut_line(node.hidden, lang))
        stack.append((branch, node.children, 0))
    return root


def _cut_line(count: int, lang: Lang) -> Text:
    """The line under a document whose children are left out of a tree that stops."""
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


def _counts(summary: CorpusSummary, lang: Lang) -> Text:
    c = summary.counts
    parts = [
        t(lang, f"{c.plans} kế hoạch", f"{c.plans} plans"),
        t(lang, f"{c.content_items} nội dung", f"{c.content_items} items"),
        t(lang, f"{c.duties} nhiệm vụ tổ chức thực hiện", f"{c.duties} duties"),
        t(lang, f"{c.objectives} mục tiêu, yêu cầu", f"{c.objectives} objectives"),
        t(lang, f"{c.units} đơn vị", f"{c.units} units"),
        t(lang, f"{c.channels} hình thức", f"{c.channels} channels"),
        t(lang, f"{c.indicators} chỉ tiêu", f"{c.indicators} indicators"),
    ]
    if c.external:
        parts.insert(1, t(lang, f"{c.external} văn bản ngoài kho", f"{c.external} external"))
    return Text(" · ".join(parts))


def _overall(summary: CorpusSummary, lang: Lang) -> Text:
    known = sum(1 for e in summary.edges if e.percent is not None)
    total = len(summary.edges)
    line = Text(t(lang, "Tỷ lệ kế thừa chung: ", "Overall share carried: "), style="bold")
    if summary.percent is None:
        line.append(t(lang, "không đánh giá được", "cannot be checked"))
    else:
        line.append(f"{summary.percent:.0f}%")
    line.append(
        t(
            lang,
            f" ({known}/{total} quan hệ thực hiện đánh giá được)",
            f" ({known} of {total} implements edges can be checked)",
        )
    )
    return line


_EXPECTED_SHOWN = 3
"""Plans named on the summary's line of expected plans: those with most units owing."""


def _expected(summary: CorpusSummary, lang: Lang) -> Text | None:
    """One line: how many of the units plans order to issue a plan have, and where most owe."""
    if not summary.expected:
        return None
    issued = sum(len(e.issued) for e in summary.expected)
    total = sum(len(e.expected) for e in summary.expected)
    plans = len(summary.expected)
    head = t(lang, "Đơn vị phải xây dựng kế hoạch: ", "Units ordered to issue a plan: ")
    line = Text(head, style="bold")
    line.append(
        t(
            lang,
            f"{issued}/{total} đã ban hành ({plans} kế hoạch giao)",
            f"{issued} of {total} have ({plans} plan(s) order them)",
        )
    )
    worst = sorted(summary.expected, key=lambda e: -len(e.missing))[:_EXPECTED_SHOWN]
    shown = [f"{e.plan} {len(e.issued)}/{len(e.expected)}" for e in worst if e.missing]
    if shown:
        more = "" if len(worst) == plans else " …"
        line.append(" — " + ", ".join(shown) + more)
    line.append(
        t(lang, "; xem chi tiết: python -m cchc coverage", "; details: python -m cchc coverage")
    )
    return line


def _deadline_list(
    console: Console,
    occurrences: Sequence[Occurrence],
    deadlines: Deadlines,
    lang: Lang,
    *,
    names: Mapping[str, str],
    full_text: bool,
) -> Table:
    as_of = deadlines.as_of
    if full_text:
        return deadline_table(occurrences, as_of=as_of, lang=lang, unit_names=names)
    return deadline_lines(
        occurrences, as_of=as_of, lang=lang, unit_names=names, width=console.width
    )


def deadline_sections(
    console: Console,
    deadlines: Deadlines,
    lang: Lang,
    names: Mapping[str, str],
    *,
    full_text: bool,
) -> None:
    day = format_vn_date(deadlines.as_of, "numeric")
    none = t(lang, f" (không có, tính đến {day})", f" (none as of {day})")
    shown, total = len(deadlines.upcoming), deadlines.upcoming_total
    soon = deadlines.within_30_days
    upcoming_note = t(
        lang,
        f" ({shown}/{total} từ {day}; {soon} trong 30 ngày)",
        f" ({shown} of {total} from {day}; {soon} within 30 days)",
    )
    shown, total = len(deadlines.overdue), deadlines.overdue_total
    if deadlines.followed:
        done = deadlines.done_before
        overdue_note = t(
            lang,
            f" ({shown} gần nhất/{total} chưa thực hiện trước {day}; {done} đã xong theo hồ sơ)",
            f" ({shown} latest of {total} not done before {day}; {done} done by the records)",
        )
    else:
        overdue_note = t(
            lang,
            f" ({shown} gần nhất/{total} trước {day}; chưa rõ đã thực hiện hay chưa)",
            f" ({shown} latest of {total} before {day}; whether done is not recorded)",
        )
    sections = (
        (t(lang, "Hạn sắp tới", "Next deadlines"), upcoming_note, deadlines.upcoming),
        (t(lang, "Quá hạn", "Overdue"), overdue_note, deadlines.overdue),
    )
    for heading, note, occurrences in sections:
        console.print(Text(heading, style="bold underline") + Text(note if occurrences else none))
        if occurrences:
            console.print(
                _deadline_list(
                    console, occurrences, deadlines, lang, names=names, full_text=full_text
                )
            )
        console.print()


def _late(summary: CorpusSummary, lang: Lang) -> Text | None:
    """Who is late by the records: each unit's name and the plan, most overdue first."""
    if not summary.late:
        return None
    text = Text(t(lang, "Đơn vị chậm", "Late units"), style="bold underline")
    text.append(t(lang, " (theo hồ sơ theo dõi)", " (by the records)"))
    for one in summary.late:
        text.append("\n")
        text.append(summary.unit_names.get(one.unit, one.unit))
        text.append(f"  {one.plan}", style="dim")
        text.append(t(lang, f": {one.overdue} quá hạn", f": {one.overdue} overdue"))
    text.append("\n")
    text.append(t(lang, "Chi tiết: python -m cchc progress", "Details: python -m cchc progress"))
    return text


def past_lines(past: PastPlans, deadlines: Deadlines, lang: Lang) -> Text:
    """Instead of the deadline lists when every plan ended before the summary's day.

    Listing "no next deadline" and every deadline of the plans' years as overdue says
    nothing useful; this says why, and gives the command that looks at the plans' time.
    """
    day = format_vn_date(deadlines.as_of, "numeric")
    last = format_vn_date(past.last_day, "numeric")
    passed = deadlines.overdue_total + deadlines.done_before
    done = deadlines.done_before
    command = f"python -m cchc summary --as-of {past.suggested.isoformat()}"
    text = Text(t(lang, "Hạn", "Deadlines"), style="bold underline")
    text.append(
        t(
            lang,
            f": mọi kế hoạch đều kết thúc trước {day} (muộn nhất {last}), nên không còn hạn "
            f"sắp tới; {passed} hạn đã qua"
            + (f", {done} trong số đó đã xong theo hồ sơ" if deadlines.followed else "")
            + ".\nXem các hạn trong thời gian của các kế hoạch: ",
            f": every plan ends before {day} (the last on {last}), so no deadline is ahead; "
            f"{passed} have passed"
            + (f", {done} of them done by the records" if deadlines.followed else "")
            + ".\nTo see the deadlines in the plans' own time: ",
        )
    )
    text.append(command, style="bold")
    return text


def _problems(summary: CorpusSummary, lang: Lang) -> Text:
    found = summary.problems
    line = Text(t(lang, "Kiểm tra: ", "Checks: "), style="bold")
    line.append(
        t(
            lang,
            f"{found.errors} lỗi, {found.warnings} cảnh báo",
            f"{found.errors} error(s), {found.warnings} warning(s)",
        ),
        style="bold red" if found.errors else ("yellow" if found.warnings else "green"),
    )
    if found.rules:
        line.append(" (" + ", ".join(f"{rule}: {n}" for rule, n in found.rules.items()) + ")")
        line.append(
            t(lang, "; xem chi tiết: python -m cchc validate", "; details: python -m cchc validate")
        )
    return line


def render_summary(console: Console, summary: CorpusSummary, lang: Lang) -> None:
    """Print the corpus at a glance: counts, cascade with coverage, deadlines, problems."""
    day = format_vn_date(summary.deadlines.as_of, "numeric")
    console.print(
        Text(t(lang, "Tổng quan", "Summary"), style="bold")
        + Text(t(lang, f" — tính đến {day}", f" — as of {day}"))
    )
    console.print(_counts(summary, lang))
    console.print()
    console.print(_tree(summary, lang))
    console.print(_overall(summary, lang))
    if summary.suspect_links:
        console.print(suspect_line(summary.suspect_links, lang))
    expected = _expected(summary, lang)
    if expected is not None:
        console.print(expected)
    console.print()
    if summary.past is None:
        deadline_sections(console, summary.deadlines, lang, summary.unit_names, full_text=False)
        late = _late(summary, lang)
        if late is not None:
            console.print(late)
            console.print()
    else:
        console.print(past_lines(summary.past, summary.deadlines, lang))
        console.print()
    console.print(_problems(summary, lang))
