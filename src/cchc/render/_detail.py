"""``summary --plan KEY`` for the terminal: one plan in full, in its cascade.

Everything printed comes from :class:`cchc.report.PlanDetail`; content (titles, item texts,
names) is added as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from cchc.model._items import Indicator, Objective, Schedule, Task
from cchc.model._plan import LegalBasis, Plan
from cchc.render._calendar import kind_label
from cchc.render._console import Lang, t
from cchc.render._expected import render_expected
from cchc.render._summary import deadline_sections, node_line, share_line
from cchc.report._detail import PlanDetail
from cchc.text._dates import format_vn_date
from cchc.text._vocab import Comparator, Measure, Relation

__all__ = ["render_plan_detail"]

_COMPARATORS = {Comparator.AT_LEAST: "≥", Comparator.EXACTLY: "=", Comparator.AT_MOST: "≤"}


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
        words.append(format_vn_date(schedule.due, "numeric"))
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
                line.append_text(share_line(edge, lang))
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
    _heading(
        console,
        "Đơn vị phải xây dựng kế hoạch",
        "Units expected to issue a plan",
        lang,
        len(detail.expected.expected),
    )
    render_expected(console, detail.expected, detail.plan, detail.unit_names, lang)


def render_plan_detail(console: Console, detail: PlanDetail, lang: Lang) -> None:
    """Print one plan in full: header, bases, parents and children, every item, duties."""
    _header(console, detail, lang)
    _relatives(console, detail, lang)
    _items(console, detail.plan, lang, detail.unit_names)
    _expected(console, detail, lang)
    console.print()
    deadline_sections(console, detail.deadlines, lang, detail.unit_names, full_text=True)
