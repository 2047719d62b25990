"""An amendment: what a plan changes in another, item by item.

A plan is changed the way documents are: by a new document with its own number and
date (numbers run per issuer per year, NĐ 30/2020/NĐ-CP, Điều 15.1), a *Kế hoạch điều
chỉnh, bổ sung* or a *Quyết định sửa đổi* that says which items it replaces, which it adds
and which it removes.  The amending plan holds an :class:`Amendment` in its ``amends``
field; what the amended plan says on a day is worked out by :mod:`cchc.graph._amend`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from cchc._faces import rehome
from cchc.exceptions import ModelError
from cchc.model._checks import ITEM_ID_FIELD, OPTIONAL_DATE, field_check, key_field, many, one
from cchc.model._items import Channel, Indicator, Objective, Task

__all__ = ["Addition", "Amendment", "ItemSet"]

SECTIONS = ("objectives", "requirements", "tasks", "channels", "indicators")
"""The fields of a plan that hold items, in the order a plan file lists them."""


_OPTIONAL_ID = field_check(ITEM_ID_FIELD.check, optional=True, schema=ITEM_ID_FIELD.schema)


@attrs.frozen(kw_only=True)
class ItemSet:
    """Items grouped by section as a plan file groups them (``tasks``, ``indicators`` ...)."""

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

    def sections(self) -> tuple[tuple[str, tuple[Any, ...]], ...]:
        """Each section's name with its items, in file order, empty sections left out."""
        return tuple((name, getattr(self, name)) for name in SECTIONS if getattr(self, name))

    def items(self) -> tuple[Task | Objective | Channel | Indicator, ...]:
        """Every item of every section, in file order."""
        return tuple(item for _, items in self.sections() for item in items)


@attrs.frozen(kw_only=True)
class Addition(ItemSet):
    """Items an amendment adds (*bổ sung*), after a given item of their section or at its end."""

    after: str | None = attrs.field(default=None, validator=_OPTIONAL_ID)
    """Id of the item of the amended plan the added items follow (*bổ sung sau điểm ...*);
    None: at the end of their section."""


@attrs.frozen(kw_only=True)
class Amendment:
    """What an amending plan changes in the plan it amends, by item id."""

    plan: str = attrs.field(validator=key_field())
    """Key of the plan amended."""
    effective: dt.date | None = attrs.field(default=None, validator=OPTIONAL_DATE)
    """The day the changes take effect when it is not the amending plan's date of issue."""
    replace: ItemSet = attrs.field(factory=ItemSet, validator=one(ItemSet))
    """Items replaced whole (*sửa đổi*): each has the id of an item of the same section of
    the amended plan and takes its place."""
    add: tuple[Addition, ...] = attrs.field(default=(), validator=many(Addition, "additions"))
    """Items added (*bổ sung*), in groups each placed after one item or at the end."""
    remove: tuple[str, ...] = attrs.field(
        default=(),
        validator=field_check(ITEM_ID_FIELD.check, members="item ids", schema=ITEM_ID_FIELD.schema),
    )
    """Ids of the items removed (*bãi bỏ*)."""

    def __attrs_post_init__(self) -> None:
        if not (self.replace.items() or self.remove or any(a.items() for a in self.add)):
            raise ModelError("amends", "at least one item replaced, added or removed", "none")
        seen: set[str] = set()
        for item_id in self.changed_ids():
            if item_id in seen:
                raise ModelError("amends", "each item id changed once by an amendment", item_id)
            seen.add(item_id)

    def changed_ids(self) -> tuple[str, ...]:
        """The ids the amendment replaces, adds and removes, in that order, repeats kept."""
        added = tuple(item.id for addition in self.add for item in addition.items())
        return (*(item.id for item in self.replace.items()), *added, *self.remove)


# Users import these from their public face; they say so in their __module__.
rehome("cchc.model", Addition, Amendment, ItemSet)
