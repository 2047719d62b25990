"""A plan: the document of a cascade, the time it covers, what it cites and the units it names.

Every class is a frozen, keyword-only attrs class.  Construction checks invariants and
raises :class:`~cchc.ModelError` naming the field, what was expected and what came; it
never parses text or touches files (reading them is :mod:`cchc.files`' job).  The fields'
checks are those of :mod:`cchc.model._checks`; the items a plan holds are in
:mod:`cchc.model._items`.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from typing import Any

import attrs

from cchc._faces import rehome
from cchc.exceptions import ModelError
from cchc.model._amend import Amendment
from cchc.model._checks import (
    CODES,
    LINES,
    NAMED,
    OPTIONAL_CODE,
    OPTIONAL_DATE,
    OPTIONAL_LINE,
    OPTIONAL_TEXT,
    TEXT,
    is_code,
    key_field,
    many,
    one,
)
from cchc.model._items import Channel, Indicator, Objective, Task
from cchc.model._period import Period
from cchc.refs._refs import DocumentRef
from cchc.text._vocab import DocumentKind, Level, PlanStatus, Relation, TaskKind

__all__ = ["LegalBasis", "Members", "Period", "Plan", "Unit"]


_ID = operator.attrgetter("id")


def _unique_ids(field: str, items: Sequence[Any]) -> None:
    # Told at C speed when no id repeats, as in every sound plan; else the first repeated.
    if len(set(map(_ID, items))) == len(items):
        return
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ModelError(field, "unique item ids within a plan", item.id)
        seen.add(item.id)


@attrs.frozen(kw_only=True)
class Members:
    """Who a group unit stands for: a rule (levels under a unit), a list, or both.

    Documents address groups ("các sở, ban, ngành", "UBND các huyện, thị xã, thành phố",
    "các cơ quan, đơn vị, UBND các phường, xã") without listing them.  The rule takes the
    units of *levels* below *under* that are the first of their level on the way down (the
    district committees under a province, not their offices); the list adds units by code,
    groups among them standing for their own members.  Who belongs is read at a date, from
    each unit's validity, since members change (the reform of 1 July 2025).
    """

    levels: tuple[Level, ...] = attrs.field(default=(), validator=many(Level, "levels"))
    """The levels of the members the rule takes (several for a mixed group)."""
    under: str | None = attrs.field(default=None, validator=OPTIONAL_CODE)
    """Code of the unit the rule's members are below; None for every unit of the levels."""
    units: tuple[str, ...] = attrs.field(default=(), validator=CODES)
    """Codes of members listed one by one, besides the rule's."""

    def __attrs_post_init__(self) -> None:
        if self.under is not None and not self.levels:
            raise ModelError("levels", "the levels of the members below under", "none")
        if not self.levels and not self.units:
            raise ModelError("members", "levels (with under) or units, or both", "neither")
        if len(set(self.levels)) != len(self.levels):
            raise ModelError("levels", "each level once", [lv.value for lv in self.levels])
        if len(set(self.units)) != len(self.units):
            raise ModelError("units", "each member code once", self.units)


@attrs.frozen(kw_only=True)
class Unit:
    """A body that issues plans or is made responsible in them (UBND, Sở, Phòng, Công đoàn ...)."""

    code: str = attrs.field(validator=key_field(is_code))
    """A stable identifier chosen by the corpus author, e.g. ``ls-tp.ubnd``."""
    name: str = attrs.field(validator=NAMED)
    """The name as written in the documents, e.g. ``UBND thành phố Lạng Sơn``."""
    level: Level = attrs.field(validator=one(Level))
    """The level of government the unit belongs to (a Sở belongs to the province level)."""
    parent: str | None = attrs.field(default=None, validator=OPTIONAL_CODE)
    """Code of the unit it belongs to (the Phòng Nội vụ belongs to the city's UBND)."""
    symbol: str | None = attrs.field(default=None, validator=OPTIONAL_LINE)
    """The issuer symbol it prints in document numbers (``UBND``, ``LĐLĐ``, ``TU``)."""
    aliases: tuple[str, ...] = attrs.field(default=(), validator=LINES)
    """Other names citations use for it (``UBND Thành phố``, ``Ủy ban nhân dân tỉnh Lạng Sơn``)."""
    valid_from: dt.date | None = attrs.field(default=None, validator=OPTIONAL_DATE)
    """First day the unit existed in this form, if known."""
    valid_to: dt.date | None = attrs.field(default=None, validator=OPTIONAL_DATE)
    """Last day the unit existed in this form (districts ended on 30 June 2025), if known."""
    successor: str | None = attrs.field(default=None, validator=OPTIONAL_CODE)
    """Code of the unit that took over its duties after ``valid_to``."""
    members: Members | None = attrs.field(default=None, validator=one(Members, optional=True))
    """For a group unit: who it stands for.  Units whose ``parent`` is the group are
    members too; a group without this field stands for itself alone."""

    def __attrs_post_init__(self) -> None:
        if self.members is not None and self.code in self.members.units:
            raise ModelError("members", "members other than the group itself", self.code)
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ModelError("valid_to", "a date on or after valid_from", self.valid_to)
        if self.parent == self.code:
            raise ModelError("parent", "a unit other than itself", self.parent)
        if self.successor == self.code:
            raise ModelError("successor", "a unit other than itself", self.successor)

    @property
    def is_group(self) -> bool:
        """True for a group unit, one that declares its :attr:`members`."""
        return self.members is not None

    def is_valid_on(self, day: dt.date) -> bool:
        """Tell whether the unit existed on *day*."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@attrs.frozen(kw_only=True)
class LegalBasis:
    """A document cited by a plan, with how it is cited (*Căn cứ* or *Thực hiện*)."""

    ref: DocumentRef | None = attrs.field(default=None, validator=one(DocumentRef, optional=True))
    """The cited reference as printed; None when the citation gives no number."""
    kind: DocumentKind = attrs.field(validator=one(DocumentKind))
    """The kind of the cited document (Kế hoạch, Nghị quyết ...)."""
    relation: Relation = attrs.field(default=Relation.BASIS, validator=one(Relation))
    """*basis* (căn cứ) or *implements* (thực hiện: the cited document is a parent)."""
    date: dt.date | None = attrs.field(default=None, validator=OPTIONAL_DATE)
    """The cited document's date, when the citation gives it."""
    issuer: str | None = attrs.field(default=None, validator=OPTIONAL_CODE)
    """Code of the issuing unit when it is a unit of the corpus."""
    issuer_text: str | None = attrs.field(default=None, validator=OPTIONAL_LINE)
    """The issuer as the citation words it (``của UBND Thành phố``), without ``của``."""
    plan: str | None = attrs.field(default=None, validator=key_field(optional=True))
    """Key of the cited plan when it is in the corpus."""
    citation: str = attrs.field(default="", validator=TEXT)
    """The citation as written in the citing document."""


@attrs.frozen(kw_only=True)
class Plan:
    """One document of a cascade: a plan, or a guidance, decision or report that acts as one."""

    key: str = attrs.field(validator=key_field())
    """Unique and stable in a corpus, e.g. ``hn-kh-54-2024``."""
    kind: DocumentKind = attrs.field(validator=one(DocumentKind))
    """The kind of document."""
    title: str = attrs.field(validator=NAMED)
    """The title (*trích yếu*) as written."""
    issuer: str = attrs.field(validator=key_field(is_code))
    """Code of the issuing unit."""
    status: PlanStatus = attrs.field(default=PlanStatus.ISSUED, validator=one(PlanStatus))
    """Draft, issued, or known only from a citation."""
    ref: DocumentRef | None = attrs.field(default=None, validator=one(DocumentRef, optional=True))
    """The reference as printed (``54/KH-UBND``); None when the document has none at all."""
    place: str | None = attrs.field(default=None, validator=OPTIONAL_LINE)
    """The place of issue of the date line (``TP. Lạng Sơn``)."""
    issued: dt.date | None = attrs.field(default=None, validator=OPTIONAL_DATE)
    """Date of issue."""
    period: Period | None = attrs.field(default=None, validator=one(Period, optional=True))
    """The time the plan covers."""
    legal_bases: tuple[LegalBasis, ...] = attrs.field(
        default=(), validator=many(LegalBasis, "legal bases")
    )
    """Documents cited (*Căn cứ*, *Thực hiện*), in the order of the text."""
    parents: tuple[str, ...] = attrs.field(default=(), validator=key_field(members="keys"))
    """Keys of the plans of the corpus this plan implements."""
    objectives: tuple[Objective, ...] = attrs.field(
        default=(), validator=many(Objective, "objectives")
    )
    """Objectives and purposes (*Mục tiêu*, *Mục đích*)."""
    requirements: tuple[Objective, ...] = attrs.field(
        default=(), validator=many(Objective, "objectives")
    )
    """Requirements (*Yêu cầu*)."""
    tasks: tuple[Task, ...] = attrs.field(default=(), validator=many(Task, "tasks"))
    """Content items and duties (*Nội dung*, *Tổ chức thực hiện*)."""
    channels: tuple[Channel, ...] = attrs.field(default=(), validator=many(Channel, "channels"))
    """Forms of communication (*Hình thức*)."""
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), validator=many(Indicator, "indicators")
    )
    """Measurable targets."""
    units: tuple[Unit, ...] = attrs.field(default=(), validator=many(Unit, "units"))
    """Units this document introduces (its issuer, the bodies it names), declared with the plan."""
    implementers: tuple[str, ...] = attrs.field(default=(), validator=CODES)
    """Codes of the units its implementation section names (*Tổ chức thực hiện*)."""
    expected_children: tuple[str, ...] = attrs.field(default=(), validator=CODES)
    """Codes of the units that must issue a plan deriving from this one."""
    source: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    """Where the text comes from: a publication, or the citing plan for a ``cited`` document."""
    notes: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    """The corpus author's remarks on the transcription."""
    illustrative: bool = attrs.field(default=False, validator=one(bool))
    """True for a document written by hand to show cchc's checks, not a real one.

    Outputs mark such a plan (*minh họa / illustrative*) wherever they list documents, so
    that nobody takes it for a document that was issued.
    """
    enacts: DocumentKind | None = attrs.field(
        default=None, validator=one(DocumentKind, optional=True)
    )
    """For a decision that issues a document (*Quyết định ban hành Kế hoạch ...*): the kind
    it issues, whose items the plan file holds; the title stays the decision's."""
    amends: Amendment | None = attrs.field(default=None, validator=one(Amendment, optional=True))
    """For a document that amends another plan (*điều chỉnh, bổ sung*, *sửa đổi*): the plan
    it amends and which items it replaces, adds and removes, in force from its date of
    issue unless it says ``effective``."""

    def __attrs_post_init__(self) -> None:
        _unique_ids(
            "items",
            [*self.objectives, *self.requirements, *self.tasks, *self.channels, *self.indicators],
        )
        if self.enacts is not None and self.kind is not DocumentKind.DECISION:
            raise ModelError("enacts", "a decision (kind 'decision') that issues it", self.kind)
        if self.amends is not None and self.amends.plan == self.key:
            raise ModelError("amends", "a plan other than the plan itself", self.key)
        if self.key in self.parents:
            raise ModelError("parents", "parents other than the plan itself", self.key)
        if len(set(self.parents)) != len(self.parents):
            raise ModelError("parents", "each parent once", self.parents)
        for task in self.tasks:
            # A task's own period is a part of the plan's ("từ năm 2024" in a 2021-2025 plan).
            if task.period and self.period and not self.period.contains(task.period):
                raise ModelError(
                    "tasks",
                    f"the period of task {task.id} within the plan's {self.period}",
                    str(task.period),
                )
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

    def items(self) -> tuple[Task | Objective | Channel | Indicator, ...]:
        """Every identified item: objectives, requirements, tasks, channels and indicators."""
        return (*self.objectives, *self.requirements, *self.tasks, *self.channels, *self.indicators)


# Users import these from their public face; they say so in their __module__.
rehome("cchc", LegalBasis, Members, Period, Plan, Unit)
