"""``summary`` for the terminal: the corpus at a glance, or one plan in full.

Everything printed comes from :mod:`cchc.report._summary`'s values, the same ones ``--json``
gives; content (names, titles, item texts) is added as plain text, never as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from cchc.calendar._expand import Occurrence
from cchc.coverage._coverage import EdgeCoverage
from cchc.graph._graph import TREE_DEPTH
from cchc.model._items import Indicator, Objective, Schedule, Task
from cchc.model._plan import LegalBasis, Plan
from cchc.render._calendar import deadline_lines, deadline_table, kind_label
from cchc.render._console import Lang, t
from cchc.report._summary import CorpusSummary, Deadlines, Node, PlanDetail, TreeNode
from cchc.text._vocab import Comparator, DocumentKind, Level, Measure, PlanStatus, Relation

__all__ = ["node_line", "render_plan_detail", "render_summary"]

_LEVELS = {
    Level.CENTRAL.value: ("trung ương", "central"),
    Level.PROVINCE.value: ("tỉnh", "province"),
    Level.DISTRICT.value: ("huyện", "district"),
    Level.COMMUNE.value: ("xã", "commune"),
}
_STATUSES = {
    PlanStatus.DRAFT: ("dự thảo", "draft"),
    PlanStatus.ISSUED: ("đã ban hành", "issued"),
    PlanStatus.CITED: ("chỉ biết qua trích dẫn", "known from a citation"),
}
_COMPARATORS = {Comparator.AT_LEAST: "≥", Comparator.EXACTLY: "=", Comparator.AT_MOST: "≤"}


def _date(day: dt.date | None, lang: Lang) -> str:
    if day is None:
        return t(lang, "không rõ ngày", "undated")
    return day.strftime("%d/%m/%Y")


def _kind(kind: str | None, lang: Lang) -> str:
    if kind is None:
        return t(lang, "Văn bản", "Document")
    member = DocumentKind(kind)
    return member.vietnamese if lang is Lang.VI else member.value.replace("_", " ").capitalize()


def node_line(node: Node, lang: Lang, *, key: bool = True) -> Text:
    """One line for a document: kind and reference, issuer, date, level, status, key."""
    line = Text()
    if node.external:
        line.append(t(lang, "[ngoài kho] ", "[external] "), style="yellow")
    ref = node.ref or t(lang, "không số", "unnumbered")
    line.append(f"{_kind(node.kind, lang)} {ref}", style="bold")
    parts = [
        node.issuer_name or t(lang, "không rõ cơ quan ban hành", "unknown issuer"),
        _date(node.issued, lang),
    ]
    if node.level is not None:
        parts.append(t(lang, *_LEVELS[node.level]))
    parts.append(t(lang, *_STATUSES[node.status]))
    line.append(" · " + " · ".join(parts))
    if key:
        line.append(f"  {node.key}", style="dim")
    return line


def _share(edge: EdgeCoverage, lang: Lang) -> Text:
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
    share = f"{edge.percent:.0f}% ({edge.carried}/{len(edge.items)})"
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
            line.append_text(_share(node.edge, lang))
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


def _deadlines(
    console: Console,
    deadlines: Deadlines,
    lang: Lang,
    names: Mapping[str, str],
    *,
    full_text: bool,
) -> None:
    day = deadlines.as_of.strftime("%d/%m/%Y")
    none = t(lang, f" (không có, tính đến {day})", f" (none as of {day})")
    shown, total = len(deadlines.upcoming), deadlines.upcoming_total
    soon = deadlines.within_30_days
    upcoming_note = t(
        lang,
        f" ({shown}/{total} từ {day}; {soon} trong 30 ngày)",
        f" ({shown} of {total} from {day}; {soon} within 30 days)",
    )
    shown, total = len(deadlines.overdue), deadlines.overdue_total
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
    day = summary.deadlines.as_of.strftime("%d/%m/%Y")
    console.print(
        Text(t(lang, "Tổng quan", "Summary"), style="bold")
        + Text(t(lang, f" — tính đến {day}", f" — as of {day}"))
    )
    console.print(_counts(summary, lang))
    console.print()
    console.print(_tree(summary, lang))
    console.print(_overall(summary, lang))
    console.print()
    _deadlines(console, summary.deadlines, lang, summary.unit_names, full_text=False)
    console.print(_problems(summary, lang))


# --- one plan ------------------------------------------------------------------------------


def _heading(console: Console, vi: str, en: str, lang: Lang, count: int | None = None) -> None:
    console.print()
    title = Text(t(lang, vi, en), style="bold underline")
    if count is not None:
        title.append(f" ({count})")
    console.print(title)


def _grid() -> Table:
    """Two columns: an id that never wraps, then text that wraps under itself."""
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    return grid


def _names(codes: Sequence[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(code, code) for code in codes)


def _basis(basis: LegalBasis, lang: Lang) -> Text:
    relation = (
        t(lang, "thực hiện", "implements")
        if basis.relation is Relation.IMPLEMENTS
        else t(lang, "căn cứ", "basis")
    )
    line = Text(f"[{relation}] ", style="bold")
    line.append(basis.citation or f"{basis.kind.vietnamese} {basis.ref or ''}".strip())
    if basis.plan:
        line.append(f"  → {basis.plan}", style="dim")
    return line


def _objectives(items: Sequence[Objective]) -> Table:
    grid = _grid()
    for item in items:
        grid.add_row(item.id, Text(item.text))
    return grid


def _schedule(schedule: Schedule, lang: Lang, names: Mapping[str, str]) -> str:
    words = [kind_label(schedule.kind, lang)]
    if schedule.due is not None:
        words.append(schedule.due.strftime("%d/%m/%Y"))
    if schedule.to is not None:
        words.append(t(lang, "gửi ", "to ") + names.get(schedule.to, schedule.to))
    text = " ".join(words)
    return f"{text}: {schedule.text}" if schedule.text else text


def _task(task: Task, lang: Lang, names: Mapping[str, str]) -> Group:
    lines: list[Text] = []
    if task.waiver is not None:
        lines.append(Text(t(lang, "Miễn: ", "Waived: ") + task.waiver, style="italic"))
    if task.text:
        lines.append(Text(task.text))
    fields = (
        (("Chủ trì", "Lead"), _names(task.lead, names)),
        (("Phối hợp", "With"), _names(task.cooperating, names)),
        (("Sản phẩm", "Products"), "; ".join(task.products)),
        (("Thời gian", "When"), "; ".join(_schedule(s, lang, names) for s in task.schedules)),
        (("Kế thừa", "Carries"), ", ".join(str(link) for link in task.inherits)),
    )
    for (vi, en), value in fields:
        if value:
            line = Text(t(lang, vi, en) + ": ", style="dim")
            line.append(value)
            lines.append(line)
    return Group(*lines)


def _tasks(tasks: Sequence[Task], lang: Lang, names: Mapping[str, str]) -> Table:
    grid = _grid()
    for index, task in enumerate(tasks):
        if index:
            grid.add_row("", "")
        grid.add_row(task.id, _task(task, lang, names))
    return grid


def _indicator(indicator: Indicator, lang: Lang) -> Text:
    line = Text(indicator.text)
    unit = {
        Measure.PERCENT: "%",
        Measure.COUNT: "",
        Measure.TIMES: t(lang, " lần", " times"),
    }[indicator.measure]
    target = f"{_COMPARATORS[indicator.comparator]} {indicator.value:g}{unit}"
    if indicator.per is not None:
        target += "/" + indicator.per.value.replace("_", "-")
    if indicator.by_year is not None:
        target += t(lang, f" đến năm {indicator.by_year}", f" by {indicator.by_year}")
    if indicator.steps:
        target += " (" + ", ".join(f"{s.year}: {s.value:g}{unit}" for s in indicator.steps) + ")"
    line.append(f"  [{target}]", style="dim")
    return line


def _header(console: Console, detail: PlanDetail, lang: Lang) -> None:
    plan = detail.plan
    console.print(node_line(detail.node, lang))
    console.print(Text(plan.title, style="bold"))
    facts = []
    if plan.period is not None:
        facts.append(t(lang, "Thời gian: ", "Period: ") + str(plan.period))
    if plan.place:
        facts.append(t(lang, "Nơi ban hành: ", "Place: ") + plan.place)
    if facts:
        console.print(Text(" · ".join(facts)))
    if plan.legal_bases:
        _heading(console, "Căn cứ, thực hiện", "Legal bases", lang, len(plan.legal_bases))
        for basis in plan.legal_bases:
            console.print(_basis(basis, lang))


def _relatives(console: Console, detail: PlanDetail, lang: Lang) -> None:
    """Parents and children, each with the coverage of the edge between them."""
    key = detail.plan.key
    coverage = {(e.parent, e.child): e for e in detail.coverage}
    groups = (
        ("Văn bản cấp trên", "Parents", detail.parents, lambda other: (other, key)),
        ("Văn bản cấp dưới", "Children", detail.children, lambda other: (key, other)),
    )
    for vi, en, nodes, pair in groups:
        _heading(console, vi, en, lang, len(nodes))
        if not nodes:
            console.print(t(lang, "Không có.", "None."))
        for node in nodes:
            line = node_line(node, lang)
            edge = coverage.get(pair(node.key))
            if edge is not None:
                line.append("\n  ")
                line.append_text(_share(edge, lang))
            console.print(line)


def _items(console: Console, plan: Plan, lang: Lang, names: Mapping[str, str]) -> None:
    """Objectives, requirements, content items, duties, channels and indicators."""
    sections: tuple[tuple[str, str, Sequence[Objective]], ...] = (
        ("Mục tiêu", "Objectives", plan.objectives),
        ("Yêu cầu", "Requirements", plan.requirements),
    )
    for vi, en, objectives in sections:
        if objectives:
            _heading(console, vi, en, lang, len(objectives))
            console.print(_objectives(objectives))
    _heading(console, "Nội dung", "Content items", lang, len(plan.content_items))
    console.print(_tasks(plan.content_items, lang, names))
    if plan.duties:
        _heading(console, "Tổ chức thực hiện", "Duties", lang, len(plan.duties))
        console.print(_tasks(plan.duties, lang, names))
    if plan.channels:
        _heading(console, "Hình thức", "Channels", lang, len(plan.channels))
        grid = _grid()
        for channel in plan.channels:
            grid.add_row(channel.id, Text(channel.text))
        console.print(grid)
    if plan.indicators:
        _heading(console, "Chỉ tiêu", "Indicators", lang, len(plan.indicators))
        grid = _grid()
        for indicator in plan.indicators:
            grid.add_row(indicator.id, _indicator(indicator, lang))
        console.print(grid)


def _expected(console: Console, detail: PlanDetail, lang: Lang) -> None:
    """The units the plan expects to issue a plan of their own, and who has."""
    expected, names = detail.expected, detail.unit_names
    _heading(
        console,
        "Đơn vị phải xây dựng kế hoạch",
        "Units expected to issue a plan",
        lang,
        len(expected.expected),
    )
    if not expected.expected:
        console.print(t(lang, "Văn bản không giao đơn vị nào.", "The plan names none."))
        return
    for unit, keys in expected.issued.items():
        line = Text("✔ ", style="green")
        line.append(names.get(unit, unit))
        line.append(": " + ", ".join(keys), style="dim")
        console.print(line)
    for unit in expected.missing:
        line = Text("✘ ", style="bold red")
        line.append(names.get(unit, unit))
        line.append(t(lang, ": chưa có kế hoạch", ": no plan yet"))
        console.print(line)
    issued, total = len(expected.issued), len(expected.expected)
    console.print(t(lang, f"Đã ban hành: {issued}/{total}", f"Issued: {issued} of {total}"))


def render_plan_detail(console: Console, detail: PlanDetail, lang: Lang) -> None:
    """Print one plan in full: header, bases, parents and children, every item, duties."""
    _header(console, detail, lang)
    _relatives(console, detail, lang)
    _items(console, detail.plan, lang, detail.unit_names)
    _expected(console, detail, lang)
    console.print()
    _deadlines(console, detail.deadlines, lang, detail.unit_names, full_text=True)
