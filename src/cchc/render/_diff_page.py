"""Two versions of a plan compared, as one self-contained HTML page (``diff --html FILE``).

The page is laid out by ``templates/diff.html.j2`` in the Jinja2 environment of the HTML
report (:mod:`cchc.render._html`), with its stylesheet inline: autoescaping is on and every
value passes :func:`cchc._visible.visible`, so plan text is data wherever it came from.  A
rewording shows as the word diff of the terminal, deleted runs in ``<del>`` and inserted
ones in ``<ins>``, each word and its diacritics whole.  The labels are those of the
terminal output (:mod:`cchc.render._diff`), in Vietnamese or English.
"""

from __future__ import annotations

from typing import Any

from cchc._version import __version__
from cchc.render._console import Lang, t
from cchc.render._diff import (
    _HEADER,
    _KIND,
    _SECTION,
    _WEAKENED,
    _field,
    _header_value,
    _heading,
    _none,
)
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.render._html import _environment
from cchc.report._changes import Change, ChangeKind, WordOp
from cchc.report._diff import ItemDiff, ItemStatus, MatchedBy, PlanDiff

__all__ = ["render_diff_html"]

_GROUPS = (
    (ItemStatus.CHANGED, "Mục thay đổi", "Changed items"),
    (ItemStatus.REMOVED, "Mục bị bỏ", "Removed items"),
    (ItemStatus.ADDED, "Mục thêm mới", "Added items"),
)


def _words(change: Change) -> list[dict[str, str]]:
    """The runs of a word diff: ``op`` (``equal``, ``delete``, ``insert``), words, spacing."""
    runs = []
    for word in change.words:
        core = word.text.rstrip()
        runs.append({"op": WordOp(word.op).value, "text": core, "tail": word.text[len(core) :]})
    return runs


def _change(change: Change, lang: Lang) -> dict[str, Any]:
    field = _field(lang, change.field)
    if change.kind in (ChangeKind.MOVED, ChangeKind.DETAILS):
        field = f"{t(lang, *_KIND[change.kind])} ({field})"
    weakened = None
    if change.weakened is not None:
        reason = t(lang, *_WEAKENED[change.weakened])
        weakened = t(lang, f"yếu đi: {reason}", f"weakened: {reason}")
    reworded = change.kind is ChangeKind.REWORDED
    return {
        "label": t(lang, *_KIND[change.kind]) if reworded else field,
        "words": _words(change) if reworded else None,
        "old": _none(lang, change.old),
        "new": _none(lang, change.new),
        "weakened": weakened,
    }


def _item(item: ItemDiff, lang: Lang) -> dict[str, Any]:
    section = t(lang, *_SECTION[item.section])
    if item.status is ItemStatus.CHANGED:
        ids = item.new_id if item.old_id == item.new_id else f"{item.old_id} → {item.new_id}"
    else:
        ids = item.new_id if item.status is ItemStatus.ADDED else item.old_id
    paired = None
    if item.matched_by is MatchedBy.TEXT:
        paired = t(lang, f"ghép theo lời văn ({item.score:g})", f"paired by text ({item.score:g})")
    return {
        "status": item.status.value,
        "ids": ids,
        "section": section,
        "paired": paired,
        "text": item.text,
        "changes": [_change(c, lang) for c in item.changes],
    }


def render_diff_html(diff: PlanDiff, lang: Lang, *, old: str, new: str) -> str:
    """The page of *diff*, its labels in *lang*; *old* and *new* name the two files compared."""
    context: dict[str, Any] = {
        "lang": lang.value,
        "version": __version__,
        "t": lambda vi, en: t(lang, vi, en),
        "heading": _heading(diff, lang),
        "old_file": old,
        "new_file": new,
        "diff": diff,
        "illustrative": ILLUSTRATIVE_LABEL,
        "header": [
            {
                "label": t(lang, *_HEADER[c.field]),
                "old": _header_value(c, c.old, lang),
                "new": _header_value(c, c.new, lang),
            }
            for c in diff.header
        ],
        "groups": [
            (
                status.value,
                t(lang, vi, en),
                [_item(i, lang) for i in diff.items if i.status is status],
            )
            for status, vi, en in _GROUPS
        ],
    }
    return _environment().get_template("diff.html.j2").render(context)
