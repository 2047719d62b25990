"""The citations of a text as a table for the terminal (``--json``: :mod:`cchc.render._json`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cchc.refs._citations import Citation
from cchc.render._console import Lang, t
from cchc.text._dates import format_vn_date
from cchc.text._vocab import Relation

__all__ = ["render_citations"]


def _relation_label(relation: Relation | None, lang: Lang) -> str:
    if relation is Relation.BASIS:
        return t(lang, "căn cứ", "basis")
    if relation is Relation.IMPLEMENTS:
        return t(lang, "thực hiện", "implements")
    return ""


def render_citations(console: Console, citations: Sequence[Citation], lang: Lang) -> None:
    """Print *citations* as a table: relation, kind, reference, date, issuer and title."""
    if not citations:
        console.print(t(lang, "Không tìm thấy trích dẫn nào.", "No citations found."))
        return
    table = Table(
        title=t(lang, f"{len(citations)} trích dẫn", f"{len(citations)} citations"),
        show_lines=False,
    )
    table.add_column("#", justify="right")
    table.add_column(t(lang, "Quan hệ", "Relation"))
    table.add_column(t(lang, "Loại", "Kind"))
    table.add_column(t(lang, "Số, ký hiệu", "Reference"), no_wrap=True)
    table.add_column(t(lang, "Ngày", "Date"), no_wrap=True)
    table.add_column(t(lang, "Cơ quan ban hành", "Issuer"))
    table.add_column(t(lang, "Trích yếu", "Title"))
    for index, citation in enumerate(citations, start=1):
        kind = citation.kind.vietnamese if lang is Lang.VI else citation.kind.value
        table.add_row(
            str(index),
            _relation_label(citation.relation, lang),
            escape(kind),
            escape(str(citation.ref)) if citation.ref is not None else "",
            format_vn_date(citation.date, "numeric") if citation.date else "",
            escape(citation.issuer_text or ""),
            escape(citation.title or ""),
        )
    console.print(table)
