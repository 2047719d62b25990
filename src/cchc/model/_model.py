"""The domain model: plans, their items and the units that carry them out.

Every class is a frozen, keyword-only attrs class.  Construction checks invariants and
raises :class:`~cchc.ModelError` naming the field, what was expected and what came;
it never parses text or touches files (that is :mod:`cchc.files._load`' job).

Every field has one :class:`FieldCheck`: its type (``lead`` is a tuple of unit codes, not
a string; ``day`` a whole number, not 1.5), its bounds, and for text, Unicode NFC without
control characters or lone surrogates.  Titles, names, codes and short fields are one
line; item texts, citations, sources, notes and waivers may hold tabs and line breaks.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from cchc._faces import rehome
from cchc.exceptions import ModelError
from cchc.refs._refs import DocumentRef
from cchc.text._normal import first_forbidden_character, is_nfc
from cchc.text._vocab import (
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

MAX_COUNT = 10_000
"""The most a quota may ask for in one period: no plan asks for more than a few a day."""
MAX_VALUE = 1_000_000_000
"""The largest target value: a count of a billion is beyond any plan."""
VALUE_DECIMALS = 4
"""Target values have at most this many decimal places (99.5%, 0.25 ...), so that they are
written back in plain decimal digits, never as ``1e-05``."""

_KEY_PATTERN = "[a-z0-9][a-z0-9._-]*"
_ITEM_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*"
_KEY = re.compile(_KEY_PATTERN)
_ITEM_ID = re.compile(_ITEM_ID_PATTERN)

# -- field checks ----------------------------------------------------------------------

Check = Callable[[str, Any], "ModelError | None"]
"""A check of one value given the name it goes by: the problem, or None when it is fine."""


@attrs.frozen
class FieldCheck:
    """The validator of one field: its type and its content, every problem naming the field.

    As an attrs validator it raises the first problem.  :meth:`errors` yields them all, so
    that a plan file's loader reports every field at once; a member of a tuple is named
    ``field[index]``.  *schema* is what the JSON Schema of plan files says of each value.
    """

    check: Check
    """The check of one value (of each member, for a tuple)."""
    optional: bool = False
    """Whether None is allowed."""
    members: str | None = None
    """For a tuple: what its members are (``unit codes``); None for a single value."""
    whole: Callable[[str, tuple[Any, ...]], ModelError | None] | None = None
    """For a tuple: a check of all its members together, once each member is fine."""
    schema: Mapping[str, Any] = attrs.field(factory=dict)
    """JSON Schema keywords that hold for each value (``pattern``, ``minimum`` ...)."""
    type_only: bool = False
    """True when the check is of the type alone (an enum, a model class), which structuring
    a plan file guarantees already."""

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        error = self.first(attribute.name, value)
        if error is not None:
            raise error

    def first(self, name: str, value: Any) -> ModelError | None:
        """The first problem of *value* as the field called *name*, or None."""
        # A plain loop, not the generator below: every field of every object comes here.
        if value is None and self.optional:
            return None
        if self.members is None:
            return self.check(name, value)
        if not isinstance(value, tuple):
            return ModelError(name, f"a tuple of {self.members}", value)
        check = self.check
        for index, member in enumerate(value):
            error = check(f"{name}[{index}]", member)
            if error is not None:
                return error
        return None if self.whole is None else self.whole(name, value)

    def errors(self, name: str, value: Any) -> Iterator[ModelError]:
        """Every problem of *value* as the field called *name*."""
        first = self.first(name, value)
        if first is None:
            return
        if self.members is None or not isinstance(value, tuple):
            yield first
            return
        for index, member in enumerate(value):
            error = self.check(f"{name}[{index}]", member)
            if error is not None:
                yield error


def _field(
    check: Check,
    *,
    optional: bool = False,
    members: str | None = None,
    whole: Callable[[str, tuple[Any, ...]], ModelError | None] | None = None,
    schema: Mapping[str, Any] | None = None,
) -> FieldCheck:
    return FieldCheck(
        check, optional=optional, members=members, whole=whole, schema=dict(schema or {})
    )


def _text(*, line: bool, blank: bool = True) -> Check:
    """Text: NFC, without control characters, one line unless *line* is False."""
    expected = "one line of text" if line else "text"

    def check(name: str, value: Any) -> ModelError | None:
        if not isinstance(value, str):
            return ModelError(name, expected, value)
        bad = first_forbidden_character(value, multiline=not line)
        if bad is not None:
            return ModelError(name, f"{expected} without control characters", bad)
        if not is_nfc(value):
            return ModelError(name, "text in Unicode NFC", value)
        if not blank and not value.strip():
            return ModelError(name, f"{expected} that is not blank", value)
        return None

    return check


def _pattern(pattern: re.Pattern[str], expected: str) -> Check:
    def check(name: str, value: Any) -> ModelError | None:
        if not isinstance(value, str):
            return ModelError(name, expected, value)
        bad = first_forbidden_character(value)
        if bad is not None:
            return ModelError(name, expected, bad)
        return None if pattern.fullmatch(value) else ModelError(name, expected, value)

    return check


_KEY_CHARS = "lower-case ASCII letters, digits, '.', '_' or '-'"
_is_key = _pattern(_KEY, f"a key of {_KEY_CHARS}")
_is_code = _pattern(_KEY, f"a unit code of {_KEY_CHARS}")
_is_item_id = _pattern(_ITEM_ID, "an item id of ASCII letters, digits, '.', '_' or '-'")
_KEY_SCHEMA = {"pattern": f"^{_KEY_PATTERN}$"}


def _key_field(
    check: Check = _is_key, *, optional: bool = False, members: str | None = None
) -> FieldCheck:
    return _field(check, optional=optional, members=members, schema=_KEY_SCHEMA)


def _is_date(name: str, value: Any) -> ModelError | None:
    if isinstance(value, dt.datetime):
        return ModelError(name, "a date without a time of day", value)
    if not isinstance(value, dt.date):
        return ModelError(name, "a date", value)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return ModelError(name, f"a date between {MIN_YEAR} and {MAX_YEAR}", value)
    return None


def _instance(kind: type[Any], expected: str | None = None) -> Check:
    """A value of *kind*: an enum, a model class, a bool."""
    what = expected or f"a {kind.__name__}"

    def check(name: str, value: Any) -> ModelError | None:
        return None if isinstance(value, kind) else ModelError(name, what, value)

    return check


def _whole(expected: str, high: int, low: int | None = None) -> Check:
    """A whole number up to *high* (and from *low*); True and False are not numbers."""

    def check(name: str, value: Any) -> ModelError | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return ModelError(name, expected, value)
        if value > high or (low is not None and value < low):
            return ModelError(name, expected, value)
        return None

    return check


def _is_value(name: str, value: Any) -> ModelError | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ModelError(name, "a number", value)
    if not math.isfinite(value):
        return ModelError(name, "a finite number (not NaN or infinity)", value)
    if value < 0:
        return ModelError(name, "a value of at least 0", value)
    if value > MAX_VALUE:
        return ModelError(name, f"a value of at most {MAX_VALUE}", value)
    if round(value, VALUE_DECIMALS) != value:
        return ModelError(name, f"a value with at most {VALUE_DECIMALS} decimal places", value)
    return None


def _unique_links(name: str, links: tuple[ItemLink, ...]) -> ModelError | None:
    seen: set[tuple[str, str]] = set()
    for link in links:
        if (link.plan, link.item) in seen:
            return ModelError(name, "each parent item linked once", str(link))
        seen.add((link.plan, link.item))
    return None


_OPTIONAL_LINE = _field(_text(line=True), optional=True)
_NAMED = _field(_text(line=True, blank=False))
_TEXT = _field(_text(line=False))
_OPTIONAL_TEXT = _field(_text(line=False), optional=True)
_ITEM_TEXT = _field(_text(line=False, blank=False))
_LINES = _field(_text(line=True), members="texts")
_DATE = _field(_is_date)
_OPTIONAL_DATE = _field(_is_date, optional=True)
_ITEM_ID_FIELD = _field(_is_item_id, schema={"pattern": f"^{_ITEM_ID_PATTERN}$"})
_CODES = _key_field(_is_code, members="unit codes")
_OPTIONAL_CODE = _key_field(_is_code, optional=True)


def _links() -> FieldCheck:
    return _field(_instance(ItemLink, "a link (ItemLink)"), members="links", whole=_unique_links)


def _one(kind: type[Any], *, optional: bool = False) -> FieldCheck:
    return FieldCheck(_instance(kind), optional=optional, type_only=True)


def _many(kind: type[Any], members: str) -> FieldCheck:
    return FieldCheck(_instance(kind), members=members, type_only=True)


def _unique_ids(field: str, items: Iterable[Any]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ModelError(field, "unique item ids within a plan", item.id)
        seen.add(item.id)


@attrs.frozen(kw_only=True)
class Period:
    """The time a plan covers: a year (``2024``) or a range of dates (``2021-2025``)."""

    start: dt.date = attrs.field(validator=_DATE)
    """First day covered."""
    end: dt.date = attrs.field(validator=_DATE)
    """Last day covered (inclusive)."""

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            raise ModelError("end", f"a date on or after the start {self.start}", self.end)

    @classmethod
    def years(cls, first: int, last: int | None = None) -> Period:
        """The whole calendar years *first* to *last* (default: just *first*)."""
        last = first if last is None else last
        for year in (first, last):
            if isinstance(year, bool) or not isinstance(year, int):
                raise ModelError("year", "a year (a whole number)", year)
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

    code: str = attrs.field(validator=_key_field(_is_code))
    """A stable identifier chosen by the corpus author, e.g. ``ls-tp.ubnd``."""
    name: str = attrs.field(validator=_NAMED)
    """The name as written in the documents, e.g. ``UBND thành phố Lạng Sơn``."""
    level: Level = attrs.field(validator=_one(Level))
    """The level of government the unit belongs to (a Sở belongs to the province level)."""
    parent: str | None = attrs.field(default=None, validator=_OPTIONAL_CODE)
    """Code of the unit it belongs to (the Phòng Nội vụ belongs to the city's UBND)."""
    symbol: str | None = attrs.field(default=None, validator=_OPTIONAL_LINE)
    """The issuer symbol it prints in document numbers (``UBND``, ``LĐLĐ``, ``TU``)."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_LINES)
    """Other names citations use for it (``UBND Thành phố``, ``Ủy ban nhân dân tỉnh Lạng Sơn``)."""
    valid_from: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    """First day the unit existed in this form, if known."""
    valid_to: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    """Last day the unit existed in this form (districts ended on 30 June 2025), if known."""
    successor: str | None = attrs.field(default=None, validator=_OPTIONAL_CODE)
    """Code of the unit that took over its duties after ``valid_to``."""

    def __attrs_post_init__(self) -> None:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ModelError("valid_to", "a date on or after valid_from", self.valid_to)
        if self.parent == self.code:
            raise ModelError("parent", "a unit other than itself", self.parent)
        if self.successor == self.code:
            raise ModelError("successor", "a unit other than itself", self.successor)

    def is_valid_on(self, day: dt.date) -> bool:
        """Tell whether the unit existed on *day*."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@attrs.frozen(kw_only=True)
class ItemLink:
    """A link from a child item to the parent item it carries: ``plan-key#item-id``."""

    plan: str = attrs.field(validator=_key_field())
    """Key of the parent plan."""
    item: str = attrs.field(validator=_ITEM_ID_FIELD)
    """Id of the item within the parent plan."""
    editorial: bool = attrs.field(default=False, validator=_one(bool))
    """True when the link is the corpus author's reading, not stated by the document itself."""

    @classmethod
    def parse(cls, text: str, *, editorial: bool = False) -> ItemLink:
        """Read ``plan-key#item-id``."""
        if not isinstance(text, str):
            raise ModelError("inherits", "a link of the form plan-key#item-id", text)
        plan, sep, item = text.partition("#")
        if not sep:
            raise ModelError("inherits", "a link of the form plan-key#item-id", text)
        return cls(plan=plan, item=item, editorial=editorial)

    def __str__(self) -> str:
        return f"{self.plan}#{self.item}"


@attrs.frozen(kw_only=True)
class LegalBasis:
    """A document cited by a plan, with how it is cited (*Căn cứ* or *Thực hiện*)."""

    ref: DocumentRef | None = attrs.field(default=None, validator=_one(DocumentRef, optional=True))
    """The cited reference as printed; None when the citation gives no number."""
    kind: DocumentKind = attrs.field(validator=_one(DocumentKind))
    """The kind of the cited document (Kế hoạch, Nghị quyết ...)."""
    relation: Relation = attrs.field(default=Relation.BASIS, validator=_one(Relation))
    """*basis* (căn cứ) or *implements* (thực hiện: the cited document is a parent)."""
    date: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    """The cited document's date, when the citation gives it."""
    issuer: str | None = attrs.field(default=None, validator=_OPTIONAL_CODE)
    """Code of the issuing unit when it is a unit of the corpus."""
    issuer_text: str | None = attrs.field(default=None, validator=_OPTIONAL_LINE)
    """The issuer as the citation words it (``của UBND Thành phố``), without ``của``."""
    plan: str | None = attrs.field(default=None, validator=_key_field(optional=True))
    """Key of the cited plan when it is in the corpus."""
    citation: str = attrs.field(default="", validator=_TEXT)
    """The citation as written in the citing document."""


@attrs.frozen(kw_only=True)
class Objective:
    """An objective (*Mục tiêu*, *Mục đích*) or requirement (*Yêu cầu*) of a plan."""

    id: str = attrs.field(validator=_ITEM_ID_FIELD)
    """Id, stable within the plan."""
    text: str = attrs.field(validator=_ITEM_TEXT)
    """The text as written."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_links())
    """Parent objectives or requirements it carries down."""


@attrs.frozen(kw_only=True)
class Schedule:
    """When a task is done: by a date, every period, N times a period, or as a report."""

    kind: ScheduleKind = attrs.field(validator=_one(ScheduleKind))
    """The shape of the schedule."""
    due: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    """For ``due``: the date by which the task is done."""
    cadences: tuple[Cadence, ...] = attrs.field(default=(), validator=_many(Cadence, "cadences"))
    """For ``recurring``, ``quota`` and ``report``: the periods (``hằng quý, 6 tháng, năm``).

    A report whose text names no period (``định kỳ báo cáo``) has none."""
    anchor: Anchor | None = attrs.field(default=None, validator=_one(Anchor, optional=True))
    """For ``recurring`` and ``report``: where in (or after) the period the date falls."""
    day: int | None = attrs.field(
        default=None,
        validator=_field(
            _whole("a day of month from 1 to 31", 31, 1),
            optional=True,
            schema={"minimum": 1, "maximum": 31},
        ),
    )
    """The day of month used by the ``day`` and ``following_day`` anchors."""
    count: int | None = attrs.field(
        default=None,
        validator=_field(
            _whole(f"a whole number of at most {MAX_COUNT}", MAX_COUNT),
            optional=True,
            schema={"minimum": 1, "maximum": MAX_COUNT},
        ),
    )
    """For ``quota``: at least this many each period (``ít nhất 01 tin, bài``)."""
    what: str | None = attrs.field(default=None, validator=_OPTIONAL_LINE)
    """For ``quota``: what is counted (``tin, bài``)."""
    to: str | None = attrs.field(default=None, validator=_OPTIONAL_CODE)
    """For ``report``: code of the unit the report goes to."""
    text: str = attrs.field(default="", validator=_TEXT)
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
        if (kind is ScheduleKind.QUOTA and self.count is None) or (
            self.count is not None and self.count < 1
        ):
            raise ModelError("count", "a whole number of at least 1 for a quota", self.count)
        if self.anchor in (Anchor.DAY, Anchor.FOLLOWING_DAY):
            if self.day is None or not 1 <= self.day <= 31:
                raise ModelError("day", "a day of month from 1 to 31", self.day)
        elif self.day is not None:
            raise ModelError("day", "no day unless anchor is 'day' or 'following_day'", self.day)


@attrs.frozen(kw_only=True)
class Task:
    """A content item or duty of a plan (*nội dung*, *nhiệm vụ*)."""

    id: str = attrs.field(validator=_ITEM_ID_FIELD)
    """Id, stable within the plan, so that links survive re-ordering."""
    text: str = attrs.field(validator=_TEXT)
    """The item as written."""
    kind: TaskKind = attrs.field(default=TaskKind.CONTENT, validator=_one(TaskKind))
    """A content item (*nội dung*) or a unit's duty (*tổ chức thực hiện*)."""
    area: ReformArea | None = attrs.field(default=None, validator=_one(ReformArea, optional=True))
    """The reform area of NQ 76/NQ-CP it belongs to, when it clearly belongs to one."""
    lead: tuple[str, ...] = attrs.field(default=(), validator=_CODES)
    """Codes of the units responsible (*chủ trì*)."""
    cooperating: tuple[str, ...] = attrs.field(default=(), validator=_CODES)
    """Codes of the units that cooperate (*phối hợp*)."""
    products: tuple[str, ...] = attrs.field(default=(), validator=_LINES)
    """What the task delivers (*sản phẩm*): an article, a report, a conference."""
    schedules: tuple[Schedule, ...] = attrs.field(
        default=(), validator=_many(Schedule, "schedules")
    )
    """When it is done; empty when the document names no time."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_links())
    """The parent items this item carries down."""
    waiver: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
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

    id: str = attrs.field(validator=_ITEM_ID_FIELD)
    """Id, stable within the plan."""
    kind: ChannelKind = attrs.field(validator=_one(ChannelKind))
    """The kind of channel."""
    text: str = attrs.field(validator=_ITEM_TEXT)
    """The channel as written."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_links())
    """Parent channels it carries down."""


@attrs.frozen(kw_only=True)
class Indicator:
    """A measurable target: ``100% of units build a plan``, ``at least 2 dialogues a year``."""

    id: str = attrs.field(validator=_ITEM_ID_FIELD)
    """Id, stable within the plan."""
    text: str = attrs.field(validator=_ITEM_TEXT)
    """The target as written."""
    comparator: Comparator = attrs.field(validator=_one(Comparator))
    """How the measured value must compare with ``value``."""
    value: float = attrs.field(
        validator=_field(_is_value, schema={"minimum": 0, "maximum": MAX_VALUE})
    )
    """The target value."""
    measure: Measure = attrs.field(validator=_one(Measure))
    """What ``value`` counts: a percentage, a count, a number of times."""
    per: Cadence | None = attrs.field(default=None, validator=_one(Cadence, optional=True))
    """The period the target applies to (``2 lần/năm``: yearly); None for the whole plan."""
    scope: str | None = attrs.field(default=None, validator=_OPTIONAL_LINE)
    """Who or what is measured (``cơ quan hành chính thuộc thành phố``)."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_links())
    """Parent indicators it carries down."""

    def __attrs_post_init__(self) -> None:
        if self.measure is Measure.PERCENT and self.value > 100:
            raise ModelError("value", "a percentage from 0 to 100", self.value)


@attrs.frozen(kw_only=True)
class Plan:
    """One document of a cascade: a plan, or a guidance, decision or report that acts as one."""

    key: str = attrs.field(validator=_key_field())
    """Unique and stable in a corpus, e.g. ``hn-kh-54-2024``."""
    kind: DocumentKind = attrs.field(validator=_one(DocumentKind))
    """The kind of document."""
    title: str = attrs.field(validator=_NAMED)
    """The title (*trích yếu*) as written."""
    issuer: str = attrs.field(validator=_key_field(_is_code))
    """Code of the issuing unit."""
    status: PlanStatus = attrs.field(default=PlanStatus.ISSUED, validator=_one(PlanStatus))
    """Draft, issued, or known only from a citation."""
    ref: DocumentRef | None = attrs.field(default=None, validator=_one(DocumentRef, optional=True))
    """The reference as printed (``54/KH-UBND``); None when the document has none at all."""
    place: str | None = attrs.field(default=None, validator=_OPTIONAL_LINE)
    """The place of issue of the date line (``TP. Lạng Sơn``)."""
    issued: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    """Date of issue."""
    period: Period | None = attrs.field(default=None, validator=_one(Period, optional=True))
    """The time the plan covers."""
    legal_bases: tuple[LegalBasis, ...] = attrs.field(
        default=(), validator=_many(LegalBasis, "legal bases")
    )
    """Documents cited (*Căn cứ*, *Thực hiện*), in the order of the text."""
    parents: tuple[str, ...] = attrs.field(default=(), validator=_key_field(members="keys"))
    """Keys of the plans of the corpus this plan implements."""
    objectives: tuple[Objective, ...] = attrs.field(
        default=(), validator=_many(Objective, "objectives")
    )
    """Objectives and purposes (*Mục tiêu*, *Mục đích*)."""
    requirements: tuple[Objective, ...] = attrs.field(
        default=(), validator=_many(Objective, "objectives")
    )
    """Requirements (*Yêu cầu*)."""
    tasks: tuple[Task, ...] = attrs.field(default=(), validator=_many(Task, "tasks"))
    """Content items and duties (*Nội dung*, *Tổ chức thực hiện*)."""
    channels: tuple[Channel, ...] = attrs.field(default=(), validator=_many(Channel, "channels"))
    """Forms of communication (*Hình thức*)."""
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), validator=_many(Indicator, "indicators")
    )
    """Measurable targets."""
    units: tuple[Unit, ...] = attrs.field(default=(), validator=_many(Unit, "units"))
    """Units this document introduces (its issuer, the bodies it names), declared with the plan."""
    implementers: tuple[str, ...] = attrs.field(default=(), validator=_CODES)
    """Codes of the units its implementation section names (*Tổ chức thực hiện*)."""
    expected_children: tuple[str, ...] = attrs.field(default=(), validator=_CODES)
    """Codes of the units that must issue a plan deriving from this one."""
    source: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    """Where the text comes from: a publication, or the citing plan for a ``cited`` document."""
    notes: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
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


# Users import these from their public face; they say so in their __module__.
rehome(
    "cchc", Channel, Indicator, ItemLink, LegalBasis, Objective, Period, Plan, Schedule, Task, Unit
)
