"""The report as one self-contained HTML page, from the values of :mod:`cchc.render._page`.

The page is laid out by the Jinja2 templates of ``cchc/render/templates/``, with
autoescaping on for every value: plan text is data, and a ``<script>`` in a task prints as
text.  Before escaping, every value passes :func:`cchc._visible.visible`, so a control or
bidirectional character shows as ``<U+202E>`` instead of reordering the page.  Style and
script are inline and the fonts are the system's, so the file opens anywhere, offline.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from cchc._version import __version__
from cchc._visible import visible
from cchc.calendar._occurrence import Timing
from cchc.coverage._coverage import Status
from cchc.exceptions import Severity
from cchc.graph._expected import ExpectedChildren
from cchc.render._console import Lang, t
from cchc.render._coverage import _MARK
from cchc.render._deadlines import kind_label, short_period
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.render._page import Limits, MatrixTable, Page
from cchc.report._summary import Node
from cchc.text._dates import format_vn_date
from cchc.text._normal import fold
from cchc.text._vocab import PlanStatus

__all__ = ["TEXT_LIMIT", "render_html", "report_lines", "token", "tokens"]

TEXT_LIMIT = 160
"""Characters of a task's text an agenda line shows; ``calendar`` shows it whole."""

_STATUS = {
    Status.COVERED: ("đã kế thừa", "covered"),
    Status.WAIVED: ("miễn", "waived"),
    Status.SUSPECT: ("cần rà soát", "suspect"),
    Status.SUGGESTED: ("gợi ý", "suggested"),
    Status.MISSING: ("thiếu", "missing"),
}
_TIMING = {
    Timing.OVERDUE: ("quá hạn", "overdue"),
    Timing.UPCOMING: ("sắp đến", "upcoming"),
    Timing.LATER: ("chưa đến hạn", "not yet due"),
    Timing.DONE: ("đã xong", "done"),
    Timing.WINDOW_PASSED: ("đã qua khung luật định", "legal window passed"),
}
_PLAN_STATUS = {
    PlanStatus.DRAFT: ("dự thảo", "draft"),
    PlanStatus.ISSUED: ("đã ban hành", "issued"),
    PlanStatus.CITED: ("chỉ biết qua trích dẫn", "known from a citation"),
}
_SEVERITY = {Severity.ERROR: ("lỗi", "error"), Severity.WARNING: ("cảnh báo", "warning")}


def _finalize(value: Any) -> Any:
    """Every printed value: text made visible (then escaped by autoescape), markup kept."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return visible(value)
    return value


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("cchc.render", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def token(text: str) -> str:
    """*text* as one word of a ``data-*`` list: its spaces become no-break spaces."""
    return text.replace(" ", "\u00a0")


def tokens(texts: Iterable[str]) -> str:
    """The ``data-*`` list of *texts*, each once, space-separated."""
    return " ".join(dict.fromkeys(token(text) for text in texts))


def _short(text: str) -> str:
    """*text* on one line, cut at :data:`TEXT_LIMIT` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= TEXT_LIMIT else flat[: TEXT_LIMIT - 1].rstrip() + "…"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}%"


def _row_statuses(m: MatrixTable, item: str) -> str:
    return " ".join(sorted({m.cells[item, child].value for child in m.children}))


def _expected_units(expected: ExpectedChildren, limits: Limits) -> list[str]:
    return list(expected.expected)[: limits.expected_units]


def _filter_units(page: Page, limits: Limits) -> list[tuple[str, str]]:
    """The units the page lists something of, with their names, for the unit filter."""
    codes = [u.unit for u in page.agenda]
    codes += [row.key for row in page.unit_rates]
    codes += [code for e in page.expected for code in _expected_units(e, limits)]
    return sorted(
        ((code, page.unit_names.get(code, code)) for code in set(codes)),
        # By name as a reader looks for it: "Đống Đa" with the D's, not after Z.
        key=lambda pair: (fold(pair[1]), pair[1], pair[0]),
    )


def _filter_plans(page: Page) -> list[str]:
    """The plans the page lists something of, for the plan filter."""
    keys = {row.node.key for row in page.tree}
    keys.update(key for m in page.matrices for key in (m.parent, *m.children))
    keys.update(o.plan for u in page.agenda for o, _ in u.entries)
    keys.update(e.plan for e in page.expected)
    keys.update(row.key for row in page.plan_rates)
    keys.update(p.plan for p in page.problems if p.plan)
    return sorted(keys)


def render_html(page: Page, lang: Lang) -> str:
    """The report page of *page*, its labels in *lang*."""
    limits = page.limits

    def label(pair: tuple[str, str]) -> str:
        return t(lang, *pair)

    def names(codes: Sequence[str] | dict[str, Any]) -> str:
        listed = list(codes)
        shown = ", ".join(page.unit_names.get(c, c) for c in listed[: limits.expected_units])
        more = len(listed) - limits.expected_units
        return shown + (
            t(lang, f" … và {more} đơn vị khác", f" … and {more} more") if more > 0 else ""
        )

    def node_status(node: Node) -> str:
        return label(_PLAN_STATUS[node.status]) + (
            t(lang, ", ngoài kho", ", outside the corpus") if node.external else ""
        )

    statuses = [
        (
            t(lang, "Hạn", "Deadlines"),
            [(s.value, label(_TIMING[s])) for s in _TIMING]
            + [("late", t(lang, "làm trễ hạn", "done late"))],
        ),
        (t(lang, "Kế thừa", "Coverage"), [(s.value, label(_STATUS[s])) for s in _STATUS]),
        (t(lang, "Vấn đề", "Problems"), [(s.value, label(_SEVERITY[s])) for s in _SEVERITY]),
    ]
    context: dict[str, Any] = {
        "page": page,
        "lang": lang.value,
        "version": __version__,
        "illustrative": ILLUSTRATIVE_LABEL,
        "t": lambda vi, en: t(lang, vi, en),
        "day": lambda day: format_vn_date(day, "numeric"),
        "pct": _percent,
        "plan_status": node_status,
        "marks": list(_MARK.items()),
        "mark_of": _MARK.__getitem__,
        "status_label": lambda status: label(_STATUS[status]),
        "row_statuses": _row_statuses,
        "plans_of": lambda e: [key for keys in e.issued.values() for key in keys],
        "units_of": lambda e: _expected_units(e, limits),
        "names": names,
        "timings": [(s, label(_TIMING[s])) for s in _TIMING],
        "timing_label": lambda state: label(_TIMING[state]),
        "kind": lambda o: kind_label(o.kind, lang),
        "period": lambda o: short_period(o, lang),
        "short": _short,
        "severity": lambda severity: label(_SEVERITY[severity]),
        "token": token,
        "tokens": tokens,
        "filter_units": _filter_units(page, limits),
        "filter_plans": _filter_plans(page),
        "filter_statuses": statuses,
        "list": list,
        "len": len,
    }
    return _environment().get_template("report.html.j2").render(context)


_SECTIONS = {
    "tree": ("hệ thống kế hoạch", "cascade"),
    "matrices": ("ma trận kế thừa", "coverage matrices"),
    "expected": ("kế hoạch yêu cầu ban hành kế hoạch", "plans ordering units to issue one"),
    "agenda": ("lịch hạn của đơn vị", "unit agendas"),
    "unit_rates": ("kết quả theo đơn vị", "follow-through by unit"),
    "plan_rates": ("kết quả theo kế hoạch", "follow-through by plan"),
    "problems": ("vấn đề", "problems"),
}


def report_lines(output: str, size: int, page: Page, lang: Lang) -> list[str]:
    """What ``report`` prints once the page is written: where, how big, what it lists."""
    kilobytes = max(1, round(size / 1024))
    lines = [
        t(
            lang,
            f"Đã ghi báo cáo vào {output} ({kilobytes} KB).",
            f"Report written to {output} ({kilobytes} KB).",
        )
    ]
    for name, section in page.sections.items():
        what = t(lang, *_SECTIONS[name])
        line = f"  {what}: {section.shown}"
        if section.left_out:
            left_out = section.left_out
            line += t(lang, f" ({left_out} không liệt kê)", f" ({left_out} not listed)")
        lines.append(line)
    return lines
