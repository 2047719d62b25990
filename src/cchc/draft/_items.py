"""From the body's raw items to objectives, tasks, channels, targets and annex tasks.

Each item keeps its text as written (the list mark removed); its lead and cooperating
units, schedules, products and targets are read from its own words (:mod:`._phrases`) or,
for a duty, from the heading of the unit it sits under.  A row of an annex task table
(STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian) is a task whose
columns give those fields directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

import attrs

from cchc.draft._body import RawItem
from cchc.draft._fields import listed_units, ordered_units, to_schedule
from cchc.draft._names import Names
from cchc.draft._phrases import (
    cooperating_names,
    lead_name,
    quarter_period,
    schedule_phrases,
    split_names,
)
from cchc.draft._segments import Segmented
from cchc.draft._targets import channel_kind, channel_pieces, indicators_in
from cchc.exceptions import CchcError
from cchc.model._items import Channel, Indicator, Objective, Schedule, Task
from cchc.model._plan import Period
from cchc.text._normal import fold
from cchc.text._vocab import Cadence, Comparator, Measure, TaskKind

__all__ = ["Built", "ItemBuilder"]


class _Recorder(Protocol):
    def add(self, field: str, span: tuple[int, int], note: str | None = None) -> None: ...


@attrs.frozen(kw_only=True)
class Built:
    """The items of a draft, and the segments they placed that the body had left over."""

    objectives: tuple[Objective, ...]
    requirements: tuple[Objective, ...]
    tasks: tuple[Task, ...]
    channels: tuple[Channel, ...]
    indicators: tuple[Indicator, ...]
    implementers: tuple[str, ...]
    placed: frozenset[int]
    notes: tuple[str, ...]

    @property
    def has_items(self) -> bool:
        """Whether anything was drafted into a list."""
        return bool(
            self.objectives or self.requirements or self.tasks or self.channels or self.indicators
        )


_COLUMNS = (
    ("stt", "number"),
    ("noi dung", "text"),
    ("nhiem vu", "text"),
    ("chu tri", "lead"),
    ("phoi hop", "cooperating"),
    ("san pham", "product"),
    ("thoi gian", "time"),
    ("thoi han", "time"),
    ("tien do", "time"),
)


class ItemBuilder:
    """Builds the items of one draft, recording the provenance of each field."""

    def __init__(self, seg: Segmented, names: Names, record: _Recorder, year: int | None) -> None:
        self.seg = seg
        self.names = names
        self.record = record
        self.year = year
        self.objectives: list[Objective] = []
        self.requirements: list[Objective] = []
        self.tasks: list[Task] = []
        self.channels: list[Channel] = []
        self.indicators: list[Indicator] = []
        self.implementers: list[str] = []
        self.ids: set[str] = set()
        self.columns: dict[int, str] = {}
        self.notes: list[str] = []

    def unique(self, wanted: str) -> str:
        """*wanted*, or *wanted* with ``-2``, ``-3`` ... when an item has it already."""
        candidate, number = wanted or "1", 2
        while candidate in self.ids:
            candidate, number = f"{wanted}-{number}", number + 1
        self.ids.add(candidate)
        return candidate

    def build(
        self, items: Sequence[RawItem], unplaced: Sequence[int] = (), opening: Iterable[int] = ()
    ) -> Built:
        """Turn *items* into the plan's lists; targets are read from *unplaced* passages too.

        With no objective in the body, the purpose stated in the *opening* segments ("...
        ban hành Kế hoạch ... với mục đích ...") is the plan's one objective.
        """
        for item in items:
            segment = self.seg.items[item.index]
            start = self.seg.starts[item.index] + segment.body
            text = segment.content.strip()
            offset = start + (len(segment.content) - len(segment.content.lstrip()))
            if item.section == "annex":
                self._row(item.index)
                continue
            if item.section in ("objectives", "requirements"):
                target = self.objectives if item.section == "objectives" else self.requirements
                field = f"{item.section}[{len(target)}]"
                target.append(Objective(id=self.unique(item.id), text=text))
                self.record.add(field, (offset, offset + len(text)))
            elif item.section == "channels":
                self._channels(item, text, offset, split=segment.label is None)
            elif item.section in ("tasks", "duties"):
                self._task(item, text, offset)
            elif item.section == "indicators":
                pass
            self._targets(text, offset)
        placed = set()
        if not self.objectives:
            self._purpose(opening)
        for index in unplaced:
            segment = self.seg.items[index]
            before = len(self.indicators)
            self._targets(segment.text, self.seg.starts[index])
            if len(self.indicators) > before:
                placed.add(index)
        return Built(
            objectives=tuple(self.objectives),
            requirements=tuple(self.requirements),
            tasks=tuple(self.tasks),
            channels=tuple(self.channels),
            indicators=tuple(self.indicators),
            implementers=tuple(self.implementers),
            placed=frozenset(placed),
            notes=tuple(self.notes),
        )

    def _channels(self, item: RawItem, text: str, offset: int, *, split: bool) -> None:
        pieces = [(0, len(text))]
        if split:
            # An unnumbered "Hình thức ..." sentence lists its forms in one run of words.
            pieces = channel_pieces(text) or pieces
        if len(pieces) > 1 and (opening := _FORMS_LEAD.match(text)) is not None:
            # "Hình thức tuyên truyền bằng các hình thức như xây dựng ...": the forms follow.
            pieces[0] = (max(pieces[0][0], opening.end()), pieces[0][1])
        for number, (start, end) in enumerate(pieces, start=1):
            words = text[start:end].rstrip(" .")
            wanted = item.id if len(pieces) == 1 else f"{item.id}.{number}"
            field = f"channels[{len(self.channels)}]"
            self.channels.append(
                Channel(id=self.unique(wanted), kind=channel_kind(words), text=words)
            )
            self.record.add(field, (offset + start, offset + start + len(words)))

    def _task(self, item: RawItem, text: str, offset: int) -> None:
        index = len(self.tasks)
        field = f"tasks[{index}]"
        lead: list[str] = []
        cooperating: list[str] = []
        if item.unit is not None:
            name, span = item.unit
            lead.append(self._unit(name, f"{field}.lead[0]", span, heading=True))
        elif (ordered := ordered_units(text)) is not None:
            for start, end in listed_units(text, ordered, self.names):
                code = self.names.code_for(text[start:end])
                if code not in lead:
                    self.record.add(f"{field}.lead[{len(lead)}]", _at(offset, (start, end)))
                    lead.append(code)
        elif (found := lead_name(text)) is not None:
            lead.append(
                self._unit(text[found[0] : found[1]], f"{field}.lead[0]", _at(offset, found))
            )
        for start, end, head in cooperating_names(text):
            name = f"{head} {text[start:end]}" if head else text[start:end]
            code = self._unit(
                name, f"{field}.cooperating[{len(cooperating)}]", _at(offset, (start, end))
            )
            if code not in lead and code not in cooperating:
                cooperating.append(code)
        schedules, products = self._schedules(text, offset, field)
        for code in lead:
            if code not in self.implementers and item.section == "duties":
                self.implementers.append(code)
        self.tasks.append(
            Task(
                id=self.unique(item.id),
                text=text,
                kind=TaskKind.DUTY if item.section == "duties" else TaskKind.CONTENT,
                lead=tuple(lead),
                cooperating=tuple(cooperating),
                products=tuple(products),
                schedules=tuple(schedules),
            )
        )
        self.record.add(field, (offset, offset + len(text)))

    def _unit(self, name: str, field: str, span: tuple[int, int], *, heading: bool = False) -> str:
        code = self.names.code_for(" ".join(name.split()), heading=heading)
        self.record.add(field, span)
        return code

    def _schedules(self, text: str, offset: int, field: str) -> tuple[list[Schedule], list[str]]:
        schedules: list[Schedule] = []
        products: list[str] = []
        for found in schedule_phrases(text, self.year):
            schedule = to_schedule(found, text, self.names)
            if schedule is None:
                continue
            note = "the year is the plan's" if found.values.get("year_from_plan") else None
            self.record.add(f"{field}.schedules[{len(schedules)}]", _at(offset, found.span), note)
            schedules.append(schedule)
            product = found.values.get("what") if found.kind == "quota" else None
            if found.kind == "report":
                product = "báo cáo"
            if isinstance(product, str) and product not in products:
                self.record.add(f"{field}.products[{len(products)}]", _at(offset, found.span))
                products.append(product)
        return schedules, products

    def _targets(self, text: str, offset: int) -> None:
        for found in indicators_in(text):
            values = found.values
            words = text[found.span[0] : found.span[1]].strip(" ,")
            per = values.get("per")
            scope = values.get("scope")
            try:
                indicator = Indicator(
                    id=self.unique(f"ct{len(self.indicators) + 1}"),
                    text=words,
                    comparator=Comparator(values["comparator"]),
                    value=float(str(values["value"])),
                    measure=Measure(values["measure"]),
                    per=per if isinstance(per, Cadence) else None,
                    scope=scope if isinstance(scope, str) else None,
                )
            except (CchcError, ValueError):
                continue
            self.record.add(f"indicators[{len(self.indicators)}]", _at(offset, found.span))
            self.indicators.append(indicator)

    def _purpose(self, opening: Iterable[int]) -> None:
        # A news post or a short text states the purpose in the sentence that issues the
        # plan instead of a "Mục đích" section; the clause up to the sentence's end is it.
        for index in sorted(opening):
            text = self.seg.items[index].text
            found = _PURPOSE.search(text)
            if found is None:
                continue
            start = end = found.end()
            for stop in _SENTENCE_END.finditer(text, start):
                end = stop.end()
                following = text[end:].lstrip()
                if not following or following[0].isupper():
                    break
            else:
                end = len(text.rstrip())
            offset = self.seg.starts[index]
            self.objectives.append(Objective(id=self.unique("1"), text=text[start:end]))
            self.record.add(
                "objectives[0]",
                (offset + start, offset + end),
                "read from the sentence that issues the plan (với mục đích ...)",
            )
            return

    def _row(self, index: int) -> None:  # noqa: PLR0912, PLR0915 - one branch per column
        """A row of an annex task table: the header row names the columns, the others tasks."""
        segment = self.seg.items[index]
        cells = segment.cells
        named: dict[int, str] = {}
        for column, cell in enumerate(cells):
            folded = fold(cell)
            for word, role in _COLUMNS:
                if word in folded and role not in named.values():
                    named[column] = role
                    break
        if "text" in named.values() and len(named) >= 2:
            self.columns = named
            return
        if not self.columns:
            return
        starts = []
        position = 0
        for cell in cells:
            starts.append(position)
            position += len(cell) + 3  # cells are joined by " | "
        base = self.seg.starts[index]
        where = {r: c for c, r in self.columns.items()}
        text_column = where.get("text")
        if text_column is None or text_column >= len(cells) or not cells[text_column]:
            return
        field = f"tasks[{len(self.tasks)}]"
        text = cells[text_column]
        lead = self._names_in(cells, where.get("lead"), starts, base, f"{field}.lead")
        cooperating = self._names_in(
            cells, where.get("cooperating"), starts, base, f"{field}.cooperating"
        )
        products: list[str] = []
        product = where.get("product")
        if product is not None and product < len(cells) and cells[product]:
            products.append(cells[product])
            self.record.add(
                f"{field}.products[0]",
                (base + starts[product], base + starts[product] + len(cells[product])),
            )
        schedules: list[Schedule] = []
        period = None
        time = where.get("time")
        if time is not None and time < len(cells) and cells[time]:
            cell = cells[time]
            cell_base = base + starts[time]
            quarter = quarter_period(cell)
            if quarter is not None:
                try:
                    period = Period(start=quarter[0], end=quarter[1])
                    self.record.add(
                        f"{field}.period", (cell_base + quarter[2][0], cell_base + quarter[2][1])
                    )
                except CchcError:
                    period = None
            for found in schedule_phrases(cell, self.year):
                schedule = to_schedule(found, cell, self.names)
                if schedule is not None:
                    self.record.add(
                        f"{field}.schedules[{len(schedules)}]", _at(cell_base, found.span)
                    )
                    schedules.append(schedule)
        number = (
            cells[where["number"]] if "number" in where and where["number"] < len(cells) else ""
        )
        wanted = f"pl.{number}" if number.isdigit() else f"pl.{len(self.tasks) + 1}"
        for code in lead:
            if code not in self.implementers:
                self.implementers.append(code)
        self.tasks.append(
            Task(
                id=self.unique(wanted),
                text=text,
                lead=tuple(lead),
                cooperating=tuple(c for c in cooperating if c not in lead),
                products=tuple(products),
                schedules=tuple(schedules),
                period=period,
            )
        )
        self.record.add(field, (base + starts[text_column], base + starts[text_column] + len(text)))

    def _names_in(
        self, cells: tuple[str, ...], column: int | None, starts: list[int], base: int, field: str
    ) -> list[str]:
        if column is None or column >= len(cells) or not cells[column]:
            return []
        cell = cells[column]
        codes: list[str] = []
        spans = split_names(cell) or [(0, len(cell), "")]
        for start, end, head in spans:
            name = f"{head} {cell[start:end]}" if head else cell[start:end]
            code = self.names.code_for(name)
            if code not in codes:
                self.record.add(
                    f"{field}[{len(codes)}]",
                    (base + starts[column] + start, base + starts[column] + end),
                )
                codes.append(code)
        return codes


_PURPOSE = re.compile(r"\b(?i:với|nhằm)\s+(?i:mục\s+(?:đích|tiêu))\s*(?:là\s*)?[:,]?\s*(?=\w)")
"""Where the purpose clause of a sentence that issues a plan begins."""
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")

_FORMS_LEAD = re.compile(r"^[^;:]{0,100}?\b(?:như|gồm|sau)\s*:?\s+")


def _at(offset: int, span: tuple[int, int]) -> tuple[int, int]:
    return offset + span[0], offset + span[1]
