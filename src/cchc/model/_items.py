"""The items of a plan, and the links from a child item to the parent item it carries down.

The items are objectives and requirements, tasks with their schedules, channels and
indicators.  Every class is a frozen, keyword-only attrs class whose fields are checked by
:mod:`cchc.model._checks`; construction raises :class:`~cchc.ModelError` naming the field,
what was expected and what came.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re

import attrs

from cchc._faces import rehome
from cchc.exceptions import ModelError
from cchc.model._checks import (
    CODES,
    ITEM_ID_FIELD,
    ITEM_TEXT,
    LINES,
    MAX_COUNT,
    MAX_VALUE,
    MAX_YEAR,
    MIN_YEAR,
    OPTIONAL_CODE,
    OPTIONAL_DATE,
    OPTIONAL_LINE,
    OPTIONAL_TEXT,
    TEXT,
    FieldCheck,
    field_check,
    instance_of,
    is_value,
    key_field,
    many,
    one,
    whole_number,
)
from cchc.model._period import Period
from cchc.text._vocab import (
    Anchor,
    Bound,
    Cadence,
    ChannelKind,
    Comparator,
    Measure,
    ReformArea,
    ScheduleKind,
    TaskKind,
)

__all__ = ["Channel", "Indicator", "ItemLink", "Objective", "Schedule", "Step", "Task"]


# The fingerprint's form, as cchc.model._fingerprint writes it (which imports this module).
_FINGERPRINT_PATTERN = "[0-9a-f]{12}"
_FINGERPRINT = re.compile(_FINGERPRINT_PATTERN)


def _is_fingerprint(name: str, value: object) -> ModelError | None:
    if isinstance(value, str) and _FINGERPRINT.fullmatch(value):
        return None
    return ModelError(name, "a fingerprint of 12 lower-case hexadecimal digits", value)


@attrs.frozen(kw_only=True)
class ItemLink:
    """A link from a child item to the parent item it carries: ``plan-key#item-id``.

    It may record the parent item's fingerprint (and text) as they were when the link was
    made, so that a later change of the parent item shows (a *suspect* link).
    """

    plan: str = attrs.field(validator=key_field())
    """Key of the parent plan."""
    item: str = attrs.field(validator=ITEM_ID_FIELD)
    """Id of the item within the parent plan."""
    editorial: bool = attrs.field(default=False, validator=one(bool))
    """True when the link is the corpus author's reading, not stated by the document itself."""
    fingerprint: str | None = attrs.field(
        default=None,
        validator=field_check(
            _is_fingerprint, optional=True, schema={"pattern": f"^{_FINGERPRINT_PATTERN}$"}
        ),
    )
    """The parent item's fingerprint when the link was made or last checked
    (:func:`cchc.model._fingerprint.fingerprint`); None: never recorded, the link is
    *unchecked*.  A different fingerprint now makes the link *suspect*."""
    text: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    """The parent item's text when the fingerprint was recorded, to show beside the new text
    of a suspect link; only with a fingerprint."""

    def __attrs_post_init__(self) -> None:
        if self.text is not None and self.fingerprint is None:
            raise ModelError("text", "the parent's text only with its fingerprint", self.text)

    @classmethod
    def parse(cls, text: str, *, editorial: bool = False) -> ItemLink:
        """Read ``plan-key#item-id``."""
        if not isinstance(text, str):
            raise ModelError("inherits", "a link of the form plan-key#item-id", text)
        if cls is ItemLink:
            return _parse_link(str(text), editorial)
        return cls._read(text, editorial)

    @classmethod
    def _read(cls, text: str, editorial: bool) -> ItemLink:
        plan, sep, item = text.partition("#")
        if not sep:
            raise ModelError("inherits", "a link of the form plan-key#item-id", text)
        return cls(plan=plan, item=item, editorial=editorial)

    def __str__(self) -> str:
        return f"{self.plan}#{self.item}"


@functools.lru_cache(maxsize=1 << 16)
def _parse_link(text: str, editorial: bool) -> ItemLink:
    """:meth:`ItemLink.parse`, once a text: the siblings of a cascade link the same items.

    Links are frozen values, so every child linking ``kh-54#nd1`` can hold the same one;
    reading a corpus then checks each distinct link once and keeps it once in memory.
    A bad link raises each time (exceptions are not cached).
    """
    return ItemLink._read(text, editorial)


def _unique_links(name: str, links: tuple[ItemLink, ...]) -> ModelError | None:
    # Most fields link one parent item, or a few: none can repeat, or none does.
    if len(links) < 2 or len(set(map(operator.attrgetter("plan", "item"), links))) == len(links):
        return None
    seen: set[tuple[str, str]] = set()
    for link in links:
        if (link.plan, link.item) in seen:
            return ModelError(name, "each parent item linked once", str(link))
        seen.add((link.plan, link.item))
    return None


def _links() -> FieldCheck:
    # Of a kind (ItemLink) that is tested directly; the links are then checked together.
    return FieldCheck(
        instance_of(ItemLink, "a link (ItemLink)"),
        members="links",
        whole=_unique_links,
        kind=ItemLink,
    )


@attrs.frozen(kw_only=True)
class Objective:
    """An objective (*Mục tiêu*, *Mục đích*) or requirement (*Yêu cầu*) of a plan."""

    id: str = attrs.field(validator=ITEM_ID_FIELD)
    """Id, stable within the plan."""
    text: str = attrs.field(validator=ITEM_TEXT)
    """The text as written."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_links())
    """Parent objectives or requirements it carries down."""


@attrs.frozen(kw_only=True)
class Schedule:
    """When a task is done: by a date, every period, N times, as a report, or throughout."""

    kind: ScheduleKind = attrs.field(validator=one(ScheduleKind))
    """The shape of the schedule."""
    due: dt.date | None = attrs.field(default=None, validator=OPTIONAL_DATE)
    """For ``due``: the date by which the task is done."""
    cadences: tuple[Cadence, ...] = attrs.field(default=(), validator=many(Cadence, "cadences"))
    """For ``recurring``, ``quota`` and ``report``: the periods (``hằng quý, 6 tháng, năm``).

    A report whose text names no period (``định kỳ báo cáo``) has none."""
    anchor: Anchor | None = attrs.field(default=None, validator=one(Anchor, optional=True))
    """For ``recurring`` and ``report``: where in (or after) the period the date falls."""
    day: int | None = attrs.field(
        default=None,
        validator=field_check(
            whole_number("a day of month from 1 to 31", 31, 1),
            optional=True,
            schema={"minimum": 1, "maximum": 31},
        ),
    )
    """The day of month used by the ``day`` and ``following_day`` anchors."""
    bound: Bound | None = attrs.field(default=None, validator=one(Bound, optional=True))
    """For a date (``due``, or the ``day`` and ``following_day`` anchors): whether it is the
    last day (``by``: *chậm nhất*, *đến hết*) or the day before which the task is done
    (``before``: *trước ngày*); when absent, the wording in ``text`` tells, else ``by``."""
    count: int | None = attrs.field(
        default=None,
        validator=field_check(
            whole_number(f"a whole number of at most {MAX_COUNT}", MAX_COUNT),
            optional=True,
            schema={"minimum": 1, "maximum": MAX_COUNT},
        ),
    )
    """For ``quota``: at least this many each period (``ít nhất 01 tin, bài``)."""
    what: str | None = attrs.field(default=None, validator=OPTIONAL_LINE)
    """For ``quota``: what is counted (``tin, bài``)."""
    to: str | None = attrs.field(default=None, validator=OPTIONAL_CODE)
    """For ``report``: code of the unit the report goes to."""
    cutoff_day: int | None = attrs.field(
        default=None,
        validator=field_check(
            whole_number("a day of month from 1 to 27", 27, 1),
            optional=True,
            schema={"minimum": 1, "maximum": 27},
        ),
    )
    """For ``report``: the report's own data cut-off, a day of the period's last month (a
    province may set an earlier one than the regime's 14th, NĐ 09/2019, Điều 13.2); the
    window then starts the day after it in the month before the period."""
    text: str = attrs.field(default="", validator=TEXT)
    """The schedule as worded in the document (``Hằng tháng``, ``định kỳ hằng quý``)."""

    def __attrs_post_init__(self) -> None:
        kind = self.kind
        if kind is ScheduleKind.DUE:
            if self.due is None:
                raise ModelError("due", "a date for a schedule of kind 'due'", None)
        elif kind is ScheduleKind.CONTINUOUS:
            _check_continuous(self)
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
        _check_wording(self)


def _check_continuous(schedule: Schedule) -> None:
    """The whole period (*thường xuyên*, *cả năm*): no date, cadence or anchor."""
    if schedule.due is not None:
        raise ModelError("due", "no due date on a 'continuous' schedule", schedule.due)
    if schedule.anchor is not None:
        raise ModelError("anchor", "no anchor on a 'continuous' schedule", schedule.anchor)
    if schedule.cadences:
        raise ModelError("cadences", "no cadence on a 'continuous' schedule", schedule.cadences)


def _check_wording(schedule: Schedule) -> None:
    """A data cut-off belongs to a report, a bound to a date."""
    kind = schedule.kind
    if schedule.cutoff_day is not None and kind is not ScheduleKind.REPORT:
        raise ModelError("cutoff_day", "a data cut-off only on a 'report'", schedule.cutoff_day)
    if schedule.bound is not None and kind is not ScheduleKind.DUE and schedule.day is None:
        raise ModelError(
            "bound",
            "a bound only on a date (kind 'due', anchor 'day' or 'following_day')",
            schedule.bound,
        )


@attrs.frozen(kw_only=True)
class Task:
    """A content item or duty of a plan (*nội dung*, *nhiệm vụ*)."""

    id: str = attrs.field(validator=ITEM_ID_FIELD)
    """Id, stable within the plan, so that links survive re-ordering."""
    text: str = attrs.field(validator=TEXT)
    """The item as written."""
    kind: TaskKind = attrs.field(default=TaskKind.CONTENT, validator=one(TaskKind))
    """A content item (*nội dung*) or a unit's duty (*tổ chức thực hiện*)."""
    area: ReformArea | None = attrs.field(default=None, validator=one(ReformArea, optional=True))
    """The reform area of NQ 76/NQ-CP it belongs to, when it clearly belongs to one."""
    lead: tuple[str, ...] = attrs.field(default=(), validator=CODES)
    """Codes of the units responsible (*chủ trì*)."""
    cooperating: tuple[str, ...] = attrs.field(default=(), validator=CODES)
    """Codes of the units that cooperate (*phối hợp*)."""
    products: tuple[str, ...] = attrs.field(default=(), validator=LINES)
    """What the task delivers (*sản phẩm*): an article, a report, a conference."""
    schedules: tuple[Schedule, ...] = attrs.field(default=(), validator=many(Schedule, "schedules"))
    """When it is done; empty when the document names no time."""
    period: Period | None = attrs.field(default=None, validator=one(Period, optional=True))
    """The time the task covers when it is not the whole plan's (*từ năm 2024*, one step of
    a 2021-2025 plan); it lies within the plan's period.  Its schedules recur over it."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_links())
    """The parent items this item carries down."""
    waiver: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
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

    id: str = attrs.field(validator=ITEM_ID_FIELD)
    """Id, stable within the plan."""
    kind: ChannelKind = attrs.field(validator=one(ChannelKind))
    """The kind of channel."""
    text: str = attrs.field(validator=ITEM_TEXT)
    """The channel as written."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_links())
    """Parent channels it carries down."""


_YEAR = field_check(
    whole_number(f"a year from {MIN_YEAR} to {MAX_YEAR}", MAX_YEAR, MIN_YEAR),
    schema={"minimum": MIN_YEAR, "maximum": MAX_YEAR},
)


@attrs.frozen(kw_only=True)
class Step:
    """One yearly step of a target (*năm 2024: 60%*)."""

    year: int = attrs.field(validator=_YEAR)
    """The year by which the step is reached."""
    value: float = attrs.field(
        validator=field_check(is_value, schema={"minimum": 0, "maximum": MAX_VALUE})
    )
    """The value to reach that year, in the indicator's measure."""


@attrs.frozen(kw_only=True)
class Indicator:
    """A measurable target: ``100% of units build a plan``, ``at least 2 dialogues a year``."""

    id: str = attrs.field(validator=ITEM_ID_FIELD)
    """Id, stable within the plan."""
    text: str = attrs.field(validator=ITEM_TEXT)
    """The target as written."""
    comparator: Comparator = attrs.field(validator=one(Comparator))
    """How the measured value must compare with ``value``."""
    value: float = attrs.field(
        validator=field_check(is_value, schema={"minimum": 0, "maximum": MAX_VALUE})
    )
    """The target value."""
    measure: Measure = attrs.field(validator=one(Measure))
    """What ``value`` counts: a percentage, a count, a number of times."""
    per: Cadence | None = attrs.field(default=None, validator=one(Cadence, optional=True))
    """The period the target applies to (``2 lần/năm``: yearly); None for the whole plan."""
    scope: str | None = attrs.field(default=None, validator=OPTIONAL_LINE)
    """Who or what is measured (``cơ quan hành chính thuộc thành phố``)."""
    inherits: tuple[ItemLink, ...] = attrs.field(default=(), validator=_links())
    """Parent indicators it carries down."""
    by_year: int | None = attrs.field(
        default=None,
        validator=field_check(
            whole_number(f"a year from {MIN_YEAR} to {MAX_YEAR}", MAX_YEAR, MIN_YEAR),
            optional=True,
            schema={"minimum": MIN_YEAR, "maximum": MAX_YEAR},
        ),
    )
    """The year by which ``value`` is reached (*đến năm 2025 đạt 80%*); None: the plan's end."""
    steps: tuple[Step, ...] = attrs.field(default=(), validator=many(Step, "steps"))
    """Yearly steps towards ``value`` (*năm 2024: 60%, năm 2025: 80%*), in year order; the
    last is ``value`` itself, in ``by_year`` when that is given."""

    def __attrs_post_init__(self) -> None:
        if self.measure is Measure.PERCENT and self.value > 100:
            raise ModelError("value", "a percentage from 0 to 100", self.value)
        _check_steps(self)


def _check_steps(indicator: Indicator) -> None:
    """Steps run year after year to the target itself."""
    steps = indicator.steps
    years = [step.year for step in steps]
    if years != sorted(set(years)):
        raise ModelError("steps", "steps in year order, one a year", years)
    if indicator.measure is Measure.PERCENT:
        for step in steps:
            if step.value > 100:
                raise ModelError("steps", "a percentage from 0 to 100", step.value)
    if steps:
        last = steps[-1]
        if last.value != indicator.value:
            raise ModelError("steps", f"a last step of the target {indicator.value:g}", last.value)
        if indicator.by_year is not None and last.year != indicator.by_year:
            raise ModelError("steps", f"a last step in by_year {indicator.by_year}", last.year)


# Users import these from their public face; they say so in their __module__.
rehome("cchc", Channel, Indicator, ItemLink, Objective, Schedule, Step, Task)
