"""Expected children for the terminal: who has issued the plan a parent orders, group by group.

Shared by ``summary --plan KEY`` and ``coverage``; names are added as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from cchc.graph._expected import ExpectedChildren
from cchc.model._plan import Plan
from cchc.render._console import Lang, t
from cchc.text._dates import format_vn_date

__all__ = ["render_expected", "render_expected_plans"]


def render_expected(
    console: Console,
    expected: ExpectedChildren,
    plan: Plan,
    names: Mapping[str, str],
    lang: Lang,
    *,
    indent: int = 0,
) -> None:
    """Print which of *plan*'s expected children issued their plan, then the share.

    A group is counted by its members: a line for it, a tick for each member that issued,
    and the members that did not in one wrapped list, however many.
    """

    def out(line: Text, more: int = 0) -> None:
        # Wrapped lines stay under their own start, however long the list of names.
        console.print(Padding(line, (0, 0, 0, indent + more)))

    if not expected.expected:
        out(Text(t(lang, "Văn bản không giao đơn vị nào.", "The plan names none.")))
        return
    for code in plan.expected_children:
        if code not in expected.groups:
            keys = expected.issued.get(code)
            out(_issued(names.get(code, code), keys) if keys else _owing(names, (code,), lang))
            continue
        done, owing = expected.of_group(code)
        total = len(done) + len(owing)
        out(_group_head(expected, code, names, lang, issued=len(done), total=total))
        for member in done:
            out(_issued(names.get(member, member), expected.issued[member]), 2)
        if owing:
            out(_owing(names, owing, lang), 2)
    issued, total = len(expected.issued), len(expected.expected)
    out(Text(t(lang, f"Đã ban hành: {issued}/{total}", f"Issued: {issued} of {total}")))


def render_expected_plans(
    console: Console,
    statuses: Sequence[ExpectedChildren],
    plans: Mapping[str, Plan],
    names: Mapping[str, str],
    lang: Lang,
) -> None:
    """Print, for each plan of *statuses*, which of the units it orders to issue a plan did."""
    if not statuses:
        return
    title = t(lang, "Đơn vị phải xây dựng kế hoạch", "Units expected to issue a plan")
    console.print()
    console.print(Text(title, style="bold underline"))
    for expected in statuses:
        console.print(Text(f"{expected.plan}:", style="bold"))
        render_expected(console, expected, plans[expected.plan], names, lang, indent=2)
    console.print()


def _issued(name: str, keys: Sequence[str]) -> Text:
    line = Text("✔ ", style="green")
    line.append(name)
    line.append(": " + ", ".join(keys), style="dim")
    return line


def _owing(names: Mapping[str, str], owing: Sequence[str], lang: Lang) -> Text:
    line = Text("✘ ", style="bold red")
    if len(owing) == 1:
        line.append(names.get(owing[0], owing[0]))
        line.append(t(lang, ": chưa có kế hoạch", ": no plan yet"))
        return line
    line.append(t(lang, f"chưa có kế hoạch ({len(owing)}): ", f"no plan yet ({len(owing)}): "))
    line.append(", ".join(names.get(code, code) for code in owing))
    return line


def _group_head(
    expected: ExpectedChildren,
    group: str,
    names: Mapping[str, str],
    lang: Lang,
    *,
    issued: int,
    total: int,
) -> Text:
    head = Text(names.get(group, group), style="bold")
    if not expected.groups[group]:
        head.append(
            t(lang, " (chưa khai báo thành viên: tính là một)", " (no member declared: one unit)")
        )
        return head
    on = format_vn_date(expected.on, "numeric") if expected.on else ""
    head.append(
        t(
            lang,
            f": {issued}/{total} thành viên đã ban hành (thành viên ngày {on})",
            f": {issued} of {total} members issued (members on {on})",
        )
    )
    return head
