"""The body of a plan: its numbered sections, the items under them, and what each section is.

NĐ 30/2020/NĐ-CP, Phụ lục I numbers a document's parts ``I.``, ``1.``, ``a)`` and marks list
items with ``-`` or ``+``.  A plan's sections are named by their headings: *Mục đích*,
*Mục tiêu* (objectives), *Yêu cầu* (requirements), *Nội dung*, *Nhiệm vụ* (content items),
*Hình thức* (channels), *Tổ chức thực hiện* (the units and their duties), *Chỉ tiêu*
(targets).  :func:`read_body` walks the segments once, keeping the heading path, and gives
every item with the section it belongs to and an id that keeps its numbering (``1.2.3``:
the third item of section I, part 2); what fits no section is given back as unplaced.
"""

from __future__ import annotations

import re

import attrs

from cchc.draft._segments import Segment, Segmented
from cchc.text._normal import fold

__all__ = ["RawItem", "read_body"]

_SECTIONS = (
    ("muc dich", "objectives"),
    ("muc tieu", "objectives"),
    ("yeu cau", "requirements"),
    ("to chuc thuc hien", "duties"),
    ("trach nhiem", "duties"),
    ("phan cong", "duties"),
    ("hinh thuc", "channels"),
    ("phuong thuc", "channels"),
    ("chi tieu", "indicators"),
    ("noi dung", "tasks"),
    ("nhiem vu", "tasks"),
    ("kinh phi", "other"),
    ("che do bao cao", "other"),
    ("phu luc", "annex"),
)
_HEADING_LENGTH = 140
_UNIT_PREFIX = re.compile(r"^\s*(?:Đề nghị|Giao)\s+", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class RawItem:
    """One item of the body, before it becomes an objective, task, channel or target."""

    section: str
    """``objectives``, ``requirements``, ``tasks``, ``channels``, ``duties``, ``indicators``,
    or ``annex`` (a row of a task table)."""
    id: str
    """An id keeping its numbering: ``1.2.3``, ``2.a``."""
    index: int
    """The segment it is read from."""
    unit: tuple[str, tuple[int, int]] | None = None
    """For a duty under a unit's heading: that heading's unit name and its span."""
    lead_in: str | None = None
    """The sentence that introduced a list of items, when one did (``..., cụ thể:``)."""


def _section_of(text: str) -> str | None:
    folded = fold(text)
    best: tuple[int, str] | None = None
    for word, section in _SECTIONS:
        position = folded.find(word)
        if position >= 0 and (best is None or position < best[0]):
            best = (position, section)
    return best[1] if best is not None else None


def _is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 3 and all(char.isupper() for char in letters)


def _is_heading(segment: Segment) -> bool:
    """A numbered part (``II.``, ``1.``) with a short title, or a line in capitals."""
    content = segment.content.strip()
    if not content or len(content) > _HEADING_LENGTH:
        return False
    if segment.label is None or segment.label in "-+•–*":
        return _is_caps(content) and segment.label is None
    if not (segment.label[0].isdigit() or segment.label[0] in "IVXL"):
        return False
    return not content.endswith((".", ";")) or _is_caps(content)


def _level(label: str) -> int:
    """The depth a label stands at: ``I.`` 0, ``1.`` 1, ``1.2.`` 2, ``a)`` 3, ``-`` 4."""
    if label[0] in "IVXL" and label.endswith("."):
        return 0
    if label[0].isdigit():
        return 1 + label.rstrip(".)").count(".")
    if label.endswith(")"):
        return 3
    return 4


def _number(label: str) -> str:
    """The id part of a label: ``II.`` is ``2``, ``1.`` is ``1``, ``a)`` is ``a``."""
    core = label.rstrip(".)")
    if core and all(char in "IVXL" for char in core):
        values = {"I": 1, "V": 5, "X": 10, "L": 50}
        total = 0
        for char, following in zip(core, [*core[1:], ""], strict=True):
            value = values[char]
            total += -value if following and values[following] > value else value
        return str(total)
    return core.replace("đ", "dd")


class _Walker:
    """The state of one walk through the body: the heading path and the counters."""

    def __init__(self, seg: Segmented) -> None:
        self.seg = seg
        self.path: list[tuple[int, str, str | None]] = []
        """The open headings: level, id part, section."""
        self.counts: dict[str, int] = {}
        self.items: list[RawItem] = []
        self.unplaced: list[int] = []
        self.unit: tuple[str, tuple[int, int]] | None = None
        self.lead_in: str | None = None
        self.section_hint: str | None = None
        self.listed = False
        """Whether the current part has had a labelled item yet."""

    def section(self) -> str | None:
        for _, _, section in reversed(self.path):
            if section is not None:
                return section
        return self.section_hint

    def prefix(self) -> str:
        return ".".join(part for _, part, _ in self.path)

    def new_id(self, label: str | None) -> str:
        prefix = self.prefix()
        if label is not None and label not in "-+•–*":
            own = _number(label)
            candidate = f"{prefix}.{own}" if prefix else own
        else:
            count = self.counts.get(prefix, 0) + 1
            self.counts[prefix] = count
            candidate = f"{prefix}.{count}" if prefix else str(count)
        return candidate

    def open_heading(self, index: int, segment: Segment) -> None:
        label = segment.label
        self.listed = False
        level = _level(label) if label is not None else 0
        while self.path and self.path[-1][0] >= level:
            self.path.pop()
        section = _section_of(segment.content)
        parent = self.section()
        part = _number(label) if label is not None else ""
        if parent == "duties" and section not in ("other", "annex") and label is not None:
            # A numbered heading under the implementation section names a unit.
            name = _UNIT_PREFIX.sub("", segment.content).rstrip(" :").strip()
            start = self.seg.starts[index] + segment.body
            offset = segment.content.find(name)
            self.unit = (name, (start + offset, start + offset + len(name)))
            self.path.append((level, part, "duties"))
            return
        if parent == "duties" and section is None:
            section = "duties"
        self.unit = None
        self.lead_in = None
        if label is None and not part:
            # A heading in capitals without a number (PHỤ LỤC, a news article's part).
            self.path = [(level, "", section)] if section is not None else []
            return
        self.path.append((level, part, section))

    def item(self, index: int, segment: Segment) -> None:
        section = self.section()
        if segment.cells:
            self.items.append(RawItem(section="annex", id="", index=index))
            return
        if section in (None, "other", "annex"):
            self.unplaced.append(index)
            return
        content = segment.content.strip()
        if section == "duties" and segment.label is None and self.listed:
            # Prose after a unit's list ("Nhiệm vụ cụ thể tại Phụ lục ..."): not a duty.
            self.unplaced.append(index)
            return
        if segment.label is not None:
            self.listed = True
        if content.endswith(":") and segment.label is None and section != "duties":
            self.lead_in = content
            self.unplaced.append(index)
            return
        self.items.append(
            RawItem(
                section=section,
                id=self.new_id(segment.label),
                index=index,
                unit=self.unit if section == "duties" else None,
                lead_in=self.lead_in,
            )
        )


_LEAD_IN = re.compile(r"(?:sau|như sau|gồm|cụ thể)\s*:\s*$", re.IGNORECASE)


def read_body(  # noqa: PLR0912 - one branch per kind of passage the body holds
    seg: Segmented, start: int, used: frozenset[int]
) -> tuple[list[RawItem], list[int]]:
    """The items of the body from segment *start*, and the segments that fit nowhere."""
    walker = _Walker(seg)
    closed = False
    for index in range(start, len(seg.items)):
        if index in used:
            continue
        segment = seg.items[index]
        if closed or _closing(segment):
            # After the body, only an annex's task table is read.
            closed = True
            if segment.cells:
                walker.items.append(RawItem(section="annex", id="", index=index))
            else:
                walker.unplaced.append(index)
            continue
        if walker.section_hint is not None and not walker.path and _byline(segment):
            # An article's byline or a web page's chrome ends the part read from the text.
            walker.unplaced.extend(i for i in range(index, len(seg.items)) if i not in used)
            break
        if _is_heading(segment):
            walker.open_heading(index, segment)
            continue
        if segment.label is None and not segment.cells and _LEAD_IN.search(segment.text):
            # "Kế hoạch gồm 06 nội dung chính sau:": a lead-in names the section it opens.
            hint = _section_of(segment.text)
            if hint is not None and (not walker.path or walker.section() != hint):
                # Under a heading of its own section it only opens that section's list.
                walker.section_hint, walker.listed = hint, False
                walker.path = []
                walker.unplaced.append(index)
                continue
        if segment.label is None and not segment.cells and not walker.path:
            # An article without numbered parts: a paragraph that opens with a section's
            # word ("Hình thức tuyên truyền ...") or orders units ("yêu cầu các sở ...").
            hint = _section_of(" ".join(segment.text.split()[:3]))
            if hint in ("channels", "tasks", "objectives", "requirements"):
                walker.section_hint, walker.listed = hint, False
            elif _opens_duty(segment.text):
                walker.section_hint, walker.listed = "duties", False
        walker.item(index, segment)
        if segment.text.rstrip().endswith("./."):
            # NĐ 30/2020, Phụ lục I: "./." closes the body; what follows is the signature.
            closed = True
    return walker.items, walker.unplaced


def _byline(segment: Segment) -> bool:
    text = segment.text.strip()
    return segment.label is None and len(text) < 40 and not text.endswith((".", ";", ":"))


_CLOSING = re.compile(r"^(?:Nơi nhận|Trên đây là|TM\.|KT\.|Q\.\s)", re.IGNORECASE)


def _closing(segment: Segment) -> bool:
    """The closing of a document: "Trên đây là Kế hoạch ...", the recipients, the signer."""
    return segment.label is None and _CLOSING.match(segment.text) is not None


def _opens_duty(text: str) -> bool:
    return re.search(r"\byêu cầu\s+(?:các|UBND|Sở|Phòng)", text) is not None
