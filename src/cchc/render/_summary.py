"""The cascade as a tree: one line a plan with issuer, reference, date and counts."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from cchc._corpus import Corpus
from cchc._model import Plan
from cchc._vocab import PlanStatus
from cchc.render._console import Lang, t

__all__ = ["plan_label", "render_cascade"]


def plan_label(plan: Plan, corpus: Corpus, lang: Lang) -> str:
    """One line describing *plan* for a tree: kind, reference, issuer, date, status, counts."""
    kind = plan.kind.vietnamese if lang is Lang.VI else plan.kind.value
    ref = str(plan.ref) if plan.ref else t(lang, "không số", "unnumbered")
    date = plan.issued.strftime("%d/%m/%Y") if plan.issued else t(lang, "không rõ ngày", "undated")
    status = {
        PlanStatus.DRAFT: t(lang, "dự thảo", "draft"),
        PlanStatus.ISSUED: "",
        PlanStatus.CITED: t(lang, "chỉ biết qua trích dẫn", "known from a citation"),
    }[plan.status]
    tasks, channels, indicators = len(plan.tasks), len(plan.channels), len(plan.indicators)
    counts = t(
        lang,
        f"{tasks} nội dung, {channels} hình thức, {indicators} chỉ tiêu",
        f"{tasks} items, {channels} channels, {indicators} indicators",
    )
    parts = [
        f"[bold]{escape(kind)} {escape(ref)}[/bold]",
        escape(corpus.unit_name(plan.issuer)),
        date,
    ]
    if status:
        parts.append(f"[italic]{escape(status)}[/italic]")
    parts.append(counts)
    return " · ".join(parts)


def render_cascade(console: Console, corpus: Corpus, lang: Lang) -> None:
    """Print the plans of *corpus* as a forest, each child under every parent it implements."""
    children: dict[str, list[Plan]] = {}
    for plan in corpus:
        for parent in plan.parents:
            children.setdefault(parent, []).append(plan)
    roots = [p for p in corpus if not any(parent in corpus for parent in p.parents)]
    title = t(lang, "Chuỗi kế hoạch", "Cascade of plans")
    tree = Tree(f"[bold]{title}[/bold] ({len(corpus)} {t(lang, 'văn bản', 'documents')})")

    def add(node: Tree, plan: Plan, path: tuple[str, ...]) -> None:
        branch = node.add(plan_label(plan, corpus, lang))
        for child in children.get(plan.key, []):
            if child.key not in path:
                add(branch, child, (*path, child.key))

    for root in roots:
        add(tree, root, (root.key,))
    console.print(tree)
