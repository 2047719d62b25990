"""The domain model: plans, their items and the units that carry them out.

Every class is a frozen, keyword-only attrs class.  Construction checks invariants and
raises :class:`~cchc.ModelError` naming the field, what was expected and what came;
it never parses text or touches files (that is :mod:`cchc._files`' job).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs

from cchc._errors import ModelError
from cchc._refs import DocumentRef
from cchc._text import is_nfc
from cchc._vocab import (
    Anchor,
    Cadence,
    ChannelKind,
    Comparator,
    DocumentKind,
    Level,
    Measure,
    PlanStatus,
    ReformArea,
    Relation,
    ScheduleKind,
    TaskKind,
)

__all__ = [
    "Channel",
    "Indicator",
    "ItemLink",
    "LegalBasis",
    "Objective",
    "Period",
    "Plan",
    "Schedule",
    "Task",
    "Unit",
]

# Documents of the Vietnamese state exist from 1945; anything past 2100 is a typo.
MIN_YEAR = 1945
MAX_YEAR = 2100

_KEY = re.compile(r"[a-z0-9][a-z0-9._-]*")
_ITEM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _check_key(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _KEY.fullmatch(value):
        raise ModelError(
            attribute.name, "a key of lower-case ASCII letters, digits, '.', '_' or '-'", value
        )


def _check_item_id(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _ITEM_ID.fullmatch(value):
        raise ModelError(
            attribute.name, "an item id of ASCII letters, digits, '.', '_' or '-'", value
        )


def _check_text(_: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not is_nfc(value):
        raise ModelError(attribute.name, "text in Unicode NFC", value)


def _check_texts(_: object, attribute: attrs.Attribute[Any], values: tuple[str, ...]) -> None:
    for value in values:
        if not is_nfc(value):
            raise ModelError(attribute.name, "text in Unicode NFC", value)


def _check_date(_: object, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ModelError(attribute.name, f"a date between {MIN_YEAR} and {MAX_YEAR}", value)


def _unique_ids(field: str, items: Iterable[Any]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ModelError(field, "unique item ids within a plan", item.id)
        seen.add(item.id)


@attrs.frozen(kw_only=True)
class Period:
    """The time a plan covers: a year (``2024``) or a range of dates (``2021-2025``)."""

    start: dt.date = attrs.field(validator=_check_date)
    """First day covered."""
    end: dt.date = attrs.field(validator=_check_date)
    """Last day covered (inclusive)."""

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            raise ModelError("end", f"a date on or after the start {self.start}", self.end)

    @classmethod
    def years(cls, first: int, last: int | None = None) -> Period:
        """The whole calendar years *first* to *last* (default: just *first*)."""
        last = first if last is None else last
        for year in (first, last):
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ModelError("year", f"a year between {MIN_YEAR} and {MAX_YEAR}", year)
        return cls(start=dt.date(first, 1, 1), end=dt.date(last, 12, 31))

    @property
    def is_whole_years(self) -> bool:
        """True when the period runs from 1 January to 31 December."""
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    def contains(self, other: Period) -> bool:
        """Tell whether *other* lies entirely within this period."""
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        if self.is_whole_years:
            if self.start.year == self.end.year:
                return str(self.start.year)
            return f"{self.start.year}-{self.end.year}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


@attrs.frozen(kw_only=True)
class Unit:
    """A body that issues plans or is made responsible in them (UBND, Sở, Phòng, Công đoàn ...)."""

    code: str = attrs.field(validator=_check_key)
    """A stable identifier chosen by the corpus author, e.g. ``ls-tp.ubnd``."""
    name: str = attrs.field(validator=_check_text)
    """The name as written in the documents, e.g. ``UBND thành phố Lạng Sơn``."""
    level: Level
    """The level of government the unit belongs to (a Sở belongs to the province level)."""
    parent: str | None = None
    """Code of the unit it belongs to (the Phòng Nội vụ belongs to the city's UBND)."""
    symbol: str | None = None
    """The issuer symbol it prints in document numbers (``UBND``, ``LĐLĐ``, ``TU``)."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    """Other names citations use for it (``UBND Thành phố``, ``Ủy ban nhân dân tỉnh Lạng Sơn``)."""
    valid_from: dt.date | None = attrs.field(default=None, validator=_check_date)
    """First day the unit existed in this form, if known."""
    valid_to: dt.date | None = attrs.field(default=None, validator=_check_date)
    """Last day the unit existed in this form (districts ended on 30 June 2025), if known."""
    successor: str | None = None
    """Code of the unit that took over its duties after ``valid_to``."""

    def __attrs_post_init__(self) -> None:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ModelError("valid_to", "a date on or after valid_from", self.valid_to)
        if self.parent == self.code:
            raise ModelError("parent", "a unit other than itself", self.parent)

    def is_valid_on(self, day: dt.date) -> bool:
        """Tell whether the unit existed on *day*."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@attrs.frozen(kw_only=True)
class ItemLink:
    """A link from a child item to the parent item it carries: ``plan-key#item-id``."""

    plan: str = attrs.field(validator=_check_key)
    """Key of the parent plan."""
    item: str = attrs.field(validator=_check_item_id)
    """Id of the item within the parent plan."""
    editorial: bool = False
    """True when the link is the corpus author's reading, not stated by the document itself."""

    @classmethod
    def parse(cls, text: str, *, editorial: bool = False) -> ItemLink:
        """Read ``plan-key#item-id``."""
        plan, sep, item = text.partition("#")
        if not sep:
            raise ModelError("inherits", "a link of the form plan-key#item-id", text)
        return cls(plan=plan, item=item, editorial=editorial)

    def __str__(self) -> str:
        return f"{self.plan}#{self.item}"


def _check_links(_: object, attribute: attrs.Attribute[Any], links: tuple[ItemLink, ...]) -> None:
    seen: set[tuple[str, str]] = set()
    for link in links:
        if (link.plan, link.item) in seen:
            raise ModelError(attribute.name, "each parent item linked once", str(link))
        seen.add((link.plan, link.item))


@attrs.frozen(kw_only=True)
class LegalBasis:
    """A document cited by a plan, with how it is cited (*Căn cứ* or *Thực hiện*)."""

    ref: DocumentRef | None = None
    """The cited reference as printed; None when the citation gives no number."""
    kind: DocumentKind
    """The kind of the cited document (Kế hoạch, Nghị quyết ...)."""
    relation: Relation = Relation.BASIS
    """*basis* (căn cứ) or *implements* (thực hiện: the cited document is a parent)."""
    date: dt.date | None = attrs.field(default=None, validator=_check_date)
    """The cited document's date, when the citation gives it."""
    issuer: str | None = None
    """Code of the issuing unit when it is a unit of the corpus."""
    issuer_text: str | None = attrs.field(default=None)
    """The issuer as the citation words it (``của UBND Thành phố``), without ``của``."""
    plan: str | None = None
    """Key of the cited plan when it is in the corpus."""
    citation: str = attrs.field(default="", validator=_check_text)
    """The citation as written in the citing document."""

    def __attrs_post_init__(self) -> None:
        if self.issuer_text is not None and not is_nfc(self.issuer_text):
            raise ModelError("issuer_text", "text in Unicode NFC", self.issuer_text)


@attrs.frozen(kw_only=True)
class Objective:
    """An objective (*Mục tiêu*, *Mục đích*) or requirement (*Yêu cầu*) of a plan."""

    id: str = attrs.field(validator=_check_item_id)
    """Id, stable within the plan."""
    text: str = attrs.field(validator=_check_text)
    """The text as written."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_check_links)
    """Parent objectives or requirements it carries down."""


@attrs.frozen(kw_only=True)
class Schedule:
    """When a task is done: by a date, every period, N times a period, or as a report."""

    kind: ScheduleKind
    """The shape of the schedule."""
    due: dt.date | None = attrs.field(default=None, validator=_check_date)
    """For ``due``: the date by which the task is done."""
    cadences: tuple[Cadence, ...] = ()
    """For ``recurring``, ``quota`` and ``report``: the periods (``hằng quý, 6 tháng, năm``).

    A report whose text names no period (``định kỳ báo cáo``) has none."""
    anchor: Anchor | None = None
    """For ``recurring`` and ``report``: where in (or after) the period the date falls."""
    day: int | None = None
    """The day of month used by the ``day`` and ``following_day`` anchors."""
    count: int | None = None
    """For ``quota``: at least this many each period (``ít nhất 01 tin, bài``)."""
    what: str | None = None
    """For ``quota``: what is counted (``tin, bài``)."""
    to: str | None = None
    """For ``report``: code of the unit the report goes to."""
    text: str = attrs.field(default="", validator=_check_text)
    """The schedule as worded in the document (``Hằng tháng``, ``định kỳ hằng quý``)."""

    def __attrs_post_init__(self) -> None:
        kind = self.kind
        if kind is ScheduleKind.DUE:
            if self.due is None:
                raise ModelError("due", "a date for a schedule of kind 'due'", None)
        elif not self.cadences and kind is not ScheduleKind.REPORT:
            # A report may be "định kỳ" (periodic) with no period named, as in HD 83/HD-LĐLĐ;
            # it then has no dates, which is better than a guessed cadence.
            raise ModelError("cadences", f"at least one cadence for a '{kind.value}' schedule", ())
        if len(set(self.cadences)) != len(self.cadences):
            raise ModelError("cadences", "each cadence once", self.cadences)
        if kind is ScheduleKind.QUOTA and (self.count is None or self.count < 1):
            raise ModelError("count", "a whole number of at least 1 for a quota", self.count)
        if self.anchor in (Anchor.DAY, Anchor.FOLLOWING_DAY):
            if self.day is None or not 1 <= self.day <= 31:
                raise ModelError("day", "a day of month from 1 to 31", self.day)
        elif self.day is not None:
            raise ModelError("day", "no day unless anchor is 'day' or 'following_day'", self.day)


@attrs.frozen(kw_only=True)
class Task:
    """A content item or duty of a plan (*nội dung*, *nhiệm vụ*)."""

    id: str = attrs.field(validator=_check_item_id)
    """Id, stable within the plan, so that links survive re-ordering."""
    text: str = attrs.field(validator=_check_text)
    """The item as written."""
    kind: TaskKind = TaskKind.CONTENT
    """A content item (*nội dung*) or a unit's duty (*tổ chức thực hiện*)."""
    area: ReformArea | None = None
    """The reform area of NQ 76/NQ-CP it belongs to, when it clearly belongs to one."""
    lead: tuple[str, ...] = ()
    """Codes of the units responsible (*chủ trì*)."""
    cooperating: tuple[str, ...] = ()
    """Codes of the units that cooperate (*phối hợp*)."""
    products: tuple[str, ...] = attrs.field(default=(), validator=_check_texts)
    """What the task delivers (*sản phẩm*): an article, a report, a conference."""
    schedules: tuple[Schedule, ...] = ()
    """When it is done; empty when the document names no time."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_check_links)
    """The parent items this item carries down."""
    waiver: str | None = None
    """Why the inherited items do not apply to the issuing unit; the item then only records that."""

    def __attrs_post_init__(self) -> None:
        if self.waiver is not None:
            if not self.waiver.strip():
                raise ModelError("waiver", "a reason why the item does not apply", self.waiver)
            if not self.inherits:
                raise ModelError("waiver", "a waiver only on an item that inherits", self.waiver)
        elif not self.text.strip():
            raise ModelError(
                "text", "the item's text (it may be empty only when waived)", self.text
            )


@attrs.frozen(kw_only=True)
class Channel:
    """A form of communication (*hình thức*): conference, loudspeaker, portal, Zalo ..."""

    id: str = attrs.field(validator=_check_item_id)
    """Id, stable within the plan."""
    kind: ChannelKind
    """The kind of channel."""
    text: str = attrs.field(validator=_check_text)
    """The channel as written."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_check_links)
    """Parent channels it carries down."""


@attrs.frozen(kw_only=True)
class Indicator:
    """A measurable target: ``100% of units build a plan``, ``at least 2 dialogues a year``."""

    id: str = attrs.field(validator=_check_item_id)
    """Id, stable within the plan."""
    text: str = attrs.field(validator=_check_text)
    """The target as written."""
    comparator: Comparator
    """How the measured value must compare with ``value``."""
    value: float
    """The target value."""
    measure: Measure
    """What ``value`` counts: a percentage, a count, a number of times."""
    per: Cadence | None = None
    """The period the target applies to (``2 lần/năm``: yearly); None for the whole plan."""
    scope: str | None = None
    """Who or what is measured (``cơ quan hành chính thuộc thành phố``)."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_check_links)
    """Parent indicators it carries down."""

    def __attrs_post_init__(self) -> None:
        if self.value < 0:
            raise ModelError("value", "a value of at least 0", self.value)
        if self.measure is Measure.PERCENT and self.value > 100:
            raise ModelError("value", "a percentage from 0 to 100", self.value)


@attrs.frozen(kw_only=True)
class Plan:
    """One document of a cascade: a plan, or a guidance, decision or report that acts as one."""

    key: str = attrs.field(validator=_check_key)
    """Unique and stable in a corpus, e.g. ``hn-kh-54-2024``."""
    kind: DocumentKind
    """The kind of document."""
    title: str = attrs.field(validator=_check_text)
    """The title (*trích yếu*) as written."""
    issuer: str
    """Code of the issuing unit."""
    status: PlanStatus = PlanStatus.ISSUED
    """Draft, issued, or known only from a citation."""
    ref: DocumentRef | None = None
    """The reference as printed (``54/KH-UBND``); None when the document has none at all."""
    place: str | None = None
    """The place of issue of the date line (``TP. Lạng Sơn``)."""
    issued: dt.date | None = attrs.field(default=None, validator=_check_date)
    """Date of issue."""
    period: Period | None = None
    """The time the plan covers."""
    legal_bases: tuple[LegalBasis, ...] = ()
    """Documents cited (*Căn cứ*, *Thực hiện*), in the order of the text."""
    parents: tuple[str, ...] = ()
    """Keys of the plans of the corpus this plan implements."""
    objectives: tuple[Objective, ...] = ()
    """Objectives and purposes (*Mục tiêu*, *Mục đích*)."""
    requirements: tuple[Objective, ...] = ()
    """Requirements (*Yêu cầu*)."""
    tasks: tuple[Task, ...] = ()
    """Content items and duties (*Nội dung*, *Tổ chức thực hiện*)."""
    channels: tuple[Channel, ...] = ()
    """Forms of communication (*Hình thức*)."""
    indicators: tuple[Indicator, ...] = ()
    """Measurable targets."""
    units: tuple[Unit, ...] = ()
    """Units this document introduces (its issuer, the bodies it names), declared with the plan."""
    implementers: tuple[str, ...] = ()
    """Codes of the units its implementation section names (*Tổ chức thực hiện*)."""
    expected_children: tuple[str, ...] = ()
    """Codes of the units that must issue a plan deriving from this one."""
    source: str | None = None
    """Where the text comes from: a publication, or the citing plan for a ``cited`` document."""
    notes: str | None = None
    """The corpus author's remarks on the transcription."""

    def __attrs_post_init__(self) -> None:
        _unique_ids(
            "items",
            [*self.objectives, *self.requirements, *self.tasks, *self.channels, *self.indicators],
        )
        if self.key in self.parents:
            raise ModelError("parents", "parents other than the plan itself", self.key)
        if len(set(self.parents)) != len(self.parents):
            raise ModelError("parents", "each parent once", self.parents)
        codes = [u.code for u in self.units]
        if len(set(codes)) != len(codes):
            raise ModelError("units", "each unit code declared once per plan", codes)

    @property
    def content_items(self) -> tuple[Task, ...]:
        """The tasks that are content items (*nội dung*), not duties of named units."""
        return tuple(t for t in self.tasks if t.kind is TaskKind.CONTENT)

    @property
    def duties(self) -> tuple[Task, ...]:
        """The tasks that are duties of named units (*tổ chức thực hiện*)."""
        return tuple(t for t in self.tasks if t.kind is TaskKind.DUTY)

    @property
    def year(self) -> int | None:
        """The year of issue, or the first year of the period when the date is unknown."""
        if self.issued is not None:
            return self.issued.year
        return self.period.start.year if self.period else None

    def item(self, item_id: str) -> Task | Objective | Channel | Indicator | None:
        """The item of any kind whose id is *item_id*, or None."""
        for item in self.items():
            if item.id == item_id:
                return item
        return None

    def item_path(self, item_id: str) -> str | None:
        """Where the item *item_id* stands in the plan file (``$.tasks[3]``), or None."""
        for field in ("objectives", "requirements", "tasks", "channels", "indicators"):
            for index, item in enumerate(getattr(self, field)):
                if item.id == item_id:
                    return f"$.{field}[{index}]"
        return None

    def items(self) -> tuple[Task | Objective | Channel | Indicator, ...]:
        """Every identified item: objectives, requirements, tasks, channels and indicators."""
        return (*self.objectives, *self.requirements, *self.tasks, *self.channels, *self.indicators)
