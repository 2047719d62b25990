"""Two versions of a plan compared, for the terminal (``--json``: :mod:`cchc.render._documents`).

A word diff is shown as ``wdiff`` writes it, so that it reads without colour too: deleted
words as ``[-...-]``, inserted ones as ``{+...+}``; on a terminal they are also red and green.
"""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from cchc.coverage._edge import ItemKind
from cchc.render._console import Lang, ref_label, t
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.report._changes import Change, ChangeKind, Weakened, Word, WordOp
from cchc.report._diff import HeaderChange, ItemDiff, ItemStatus, MatchedBy, PlanDiff

__all__ = ["render_diff", "word_text"]

_HEADER = {
    "title": ("trích yếu", "title"),
    "ref": ("số, ký hiệu", "reference"),
    "issued": ("ngày ban hành", "issued"),
    "issuer": ("cơ quan ban hành", "issuer"),
    "kind": ("loại văn bản", "kind"),
    "status": ("tình trạng", "status"),
    "period": ("thời kỳ", "period"),
}

_SECTION = {
    ItemKind.OBJECTIVES: ("mục tiêu", "objective"),
    ItemKind.REQUIREMENTS: ("yêu cầu", "requirement"),
    ItemKind.TASKS: ("nhiệm vụ", "task"),
    ItemKind.CHANNELS: ("hình thức", "channel"),
    ItemKind.INDICATORS: ("chỉ tiêu", "indicator"),
}

_KIND = {
    ChangeKind.REWORDED: ("sửa lời văn", "reworded"),
    ChangeKind.MOVED: ("di chuyển", "moved"),
    ChangeKind.UNITS: ("đơn vị", "units"),
    ChangeKind.PRODUCTS: ("sản phẩm", "products"),
    ChangeKind.SCHEDULES: ("thời gian", "schedules"),
    ChangeKind.TARGET: ("chỉ tiêu", "target"),
    ChangeKind.DETAILS: ("chi tiết", "details"),
}

_FIELD = {
    "text": ("lời văn", "text"),
    "id": ("mã mục", "id"),
    "section": ("phần", "section"),
    "position": ("vị trí", "position"),
    "inherits": ("kế thừa", "inherits"),
    "lead": ("chủ trì", "lead"),
    "cooperating": ("phối hợp", "cooperating"),
    "products": ("sản phẩm", "products"),
    "period": ("thời kỳ", "period"),
    "target": ("chỉ tiêu", "target"),
    "scope": ("phạm vi", "scope"),
    "area": ("lĩnh vực", "area"),
    "waiver": ("lý do miễn", "waiver"),
    "kind": ("loại hình thức", "kind"),
}

_WEAKENED = {
    Weakened.LOWER_TARGET: ("chỉ tiêu thấp hơn", "a lower target"),
    Weakened.LATER_YEAR: ("đạt muộn hơn", "reached a later year"),
    Weakened.LATER_DEADLINE: ("thời hạn lùi lại", "a later deadline"),
    Weakened.FEWER: ("ít lần hơn", "fewer times"),
}


def _label(lang: Lang, pair: tuple[str, str]) -> str:
    return t(lang, *pair)


def _field(lang: Lang, field: str) -> str:
    if field.startswith("schedules["):
        number = int(field[len("schedules[") : -1]) + 1
        return t(lang, f"thời gian {number}", f"schedule {number}")
    return _label(lang, _FIELD.get(field, (field, field)))


def _none(lang: Lang, value: str | None) -> str:
    return t(lang, "(không có)", "(none)") if value is None else value


def word_text(words: tuple[Word, ...]) -> Text:
    """A word diff as one text: deleted runs as ``[-...-]``, inserted ones as ``{+...+}``."""
    text = Text()
    for word in words:
        if word.op is WordOp.EQUAL:
            text.append(word.text)
            continue
        core = word.text.rstrip()
        tail = word.text[len(core) :]
        if word.op is WordOp.DELETE:
            text.append(f"[-{core}-]", style="red strike")
        else:
            text.append(f"{{+{core}+}}", style="green")
        text.append(tail)
    return text


def _indented(renderable: Text, cells: int = 2) -> Padding:
    return Padding(renderable, (0, 0, 0, cells))


def _key(key: str, illustrative: bool) -> str:
    return f"{key} ({ILLUSTRATIVE_LABEL})" if illustrative else key


def _heading(diff: PlanDiff, lang: Lang) -> str:
    ends = f"{_key(diff.old, diff.old_illustrative)} → {_key(diff.new, diff.new_illustrative)}"
    if diff.same:
        return t(lang, f"{ends}: không có khác biệt", f"{ends}: no differences")
    counts = [diff.count(s) for s in (ItemStatus.CHANGED, ItemStatus.REMOVED, ItemStatus.ADDED)]
    weakened = diff.weakenings
    vi = f"{counts[0]} mục thay đổi, {counts[1]} mục bỏ, {counts[2]} mục thêm"
    en = f"{counts[0]} changed, {counts[1]} removed, {counts[2]} added"
    if weakened:
        vi += f"; {weakened} thay đổi làm yếu đi"
        en += f"; {weakened} " + ("change weakens" if weakened == 1 else "changes weaken")
    return f"{ends}: " + t(lang, vi, en)


def _header_value(change: HeaderChange, value: str | None, lang: Lang) -> str:
    if change.field == "ref":
        return ref_label(value, lang)
    return _none(lang, value)


def _change_line(change: Change, lang: Lang) -> Text:
    field = _field(lang, change.field)
    if change.kind in (ChangeKind.MOVED, ChangeKind.DETAILS):
        field = f"{_label(lang, _KIND[change.kind])} ({field})"
    line = Text(f"{field}: ")
    line.append(f"{_none(lang, change.old)} → {_none(lang, change.new)}")
    if change.weakened is not None:
        reason = _label(lang, _WEAKENED[change.weakened])
        line.append(" ! " + t(lang, f"yếu đi: {reason}", f"weakened: {reason}"), style="bold")
    return line


def _item_title(item: ItemDiff, lang: Lang) -> Text:
    section = _label(lang, _SECTION[item.section])
    if item.status is ItemStatus.ADDED:
        return Text(f"+ {item.new_id} ({section})", style="green")
    if item.status is ItemStatus.REMOVED:
        return Text(f"- {item.old_id} ({section})", style="red")
    ids = item.new_id if item.old_id == item.new_id else f"{item.old_id} → {item.new_id}"
    title = Text(f"~ {ids} ({section})")
    if item.matched_by is MatchedBy.TEXT:
        title.append(
            t(lang, f", ghép theo lời văn ({item.score:g})", f", paired by text ({item.score:g})")
        )
    return title


def _render_item(console: Console, item: ItemDiff, lang: Lang) -> None:
    console.print(_indented(_item_title(item, lang)))
    if item.status is not ItemStatus.CHANGED:
        console.print(_indented(Text(item.text), 4))
        return
    for change in item.changes:
        if change.kind is ChangeKind.REWORDED:
            console.print(_indented(Text(f"{_label(lang, _KIND[change.kind])}:"), 4))
            console.print(_indented(word_text(change.words), 6))
        else:
            console.print(_indented(_change_line(change, lang), 4))


def render_diff(console: Console, diff: PlanDiff, lang: Lang) -> None:
    """Print *diff*: a heading with the counts, the header's changes, then item by item."""
    console.print(Text(_heading(diff, lang)))
    if diff.header:
        console.print(t(lang, "Thông tin văn bản", "Document header"))
        for change in diff.header:
            label = _label(lang, _HEADER[change.field])
            before = _header_value(change, change.old, lang)
            after = _header_value(change, change.new, lang)
            console.print(_indented(Text(f"{label}: {before} → {after}")))
    for status, vi, en in (
        (ItemStatus.CHANGED, "Mục thay đổi", "Changed items"),
        (ItemStatus.REMOVED, "Mục bị bỏ", "Removed items"),
        (ItemStatus.ADDED, "Mục thêm mới", "Added items"),
    ):
        items = [item for item in diff.items if item.status is status]
        if items:
            console.print(t(lang, vi, en))
            for item in items:
                _render_item(console, item, lang)
