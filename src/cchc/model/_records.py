"""Records of follow-through: that a unit did a duty of a plan for one period.

A Sở Nội vụ follows a plan up by collecting, unit by unit and period by period, what was
done: the quarterly report received (*Báo cáo số 12/BC-UBND*), the monthly article
published, a unit excused.  A :class:`Record` holds one such fact.  Its period is named by a
label (:func:`period_label`): ``2024-03`` a month, ``2024-Q1`` a quarter, ``2024-H1`` and
``2024-H2`` half-years, ``2024-9M`` the first nine months, ``2024`` a year; a duty with one
due date has no period label.  Whether the unit, the duty and the period exist is a
question of the corpus, answered by ``validate`` (:mod:`cchc.report._records`).
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from cchc._faces import rehome
from cchc.exceptions import ModelError
from cchc.model._checks import (
    MAX_COUNT,
    OPTIONAL_DATE,
    OPTIONAL_LINE,
    OPTIONAL_TEXT,
    field_check,
    is_code,
    key_field,
    one,
    whole_number,
)
from cchc.model._items import ItemLink
from cchc.text._vocab import Cadence

__all__ = ["PERIOD_LABEL", "Record", "parse_period_label", "period_label"]

PERIOD_LABEL = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<part>0[1-9]|1[0-2]|Q[1-4]|H[12]|9M))?")
"""The labels of the periods records name: ``2024``, ``2024-03``, ``2024-Q1``, ``2024-H1``,
``2024-9M``."""


def period_label(cadence: Cadence | None, start: dt.date) -> str | None:
    """The label of the period of *cadence* that starts on *start*; None for a due date.

    A first-half report's period is ``H1``, as the half-yearly report's first half is.
    """
    if cadence is None:
        return None
    year = f"{start.year:04d}"
    if cadence is Cadence.MONTHLY:
        return f"{year}-{start.month:02d}"
    if cadence is Cadence.QUARTERLY:
        return f"{year}-Q{(start.month - 1) // 3 + 1}"
    if cadence in (Cadence.HALF_YEARLY, Cadence.FIRST_HALF):
        return f"{year}-H{1 if start.month <= 6 else 2}"
    if cadence is Cadence.NINE_MONTHLY:
        return f"{year}-9M"
    return year


def parse_period_label(text: object) -> tuple[int, str | None]:
    """The year and the part (``03``, ``Q1``, ``H1``, ``9M`` or None) of a period label."""
    match = PERIOD_LABEL.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ModelError(
            "period",
            "a period like 2024, 2024-03, 2024-Q1, 2024-H1 or 2024-9M",
            text,
        )
    return int(match["year"]), match["part"]


def _is_label(name: str, value: object) -> ModelError | None:
    if not isinstance(value, str) or PERIOD_LABEL.fullmatch(value) is None:
        return ModelError(name, "a period like 2024, 2024-03, 2024-Q1, 2024-H1 or 2024-9M", value)
    return None


@attrs.frozen(kw_only=True)
class Record:
    """That a unit did (or was excused from) a duty of a plan for one period."""

    unit: str = attrs.field(validator=key_field(is_code))
    """Code of the unit that did the duty."""
    duty: ItemLink = attrs.field(validator=one(ItemLink))
    """The task it fulfils: ``plan-key#item-id``."""
    period: str | None = attrs.field(
        default=None,
        validator=field_check(
            _is_label,
            optional=True,
            # PERIOD_LABEL without its group names, which JSON Schema's patterns lack.
            schema={"pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]|9M))?$"},
        ),
    )
    """Which period of the duty (``2024-Q1``, ``2024-03``, ``2024``); none for a due date."""
    done: dt.date | None = attrs.field(default=None, validator=OPTIONAL_DATE)
    """The day it was done or received; none only for a unit excused (``waiver``)."""
    evidence: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    """What shows it, as written: a document (*Báo cáo số 12/BC-UBND*), a link, a title."""
    quantity: int | None = attrs.field(
        default=None,
        validator=field_check(
            whole_number(f"a whole number from 1 to {MAX_COUNT}", MAX_COUNT, 1),
            optional=True,
            schema={"minimum": 1, "maximum": MAX_COUNT},
        ),
    )
    """For a quota: how many were done (articles published)."""
    waiver: str | None = attrs.field(default=None, validator=OPTIONAL_LINE)
    """Why the unit was excused from the duty for the period, as written."""
    note: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    """The recorder's remarks."""

    def __attrs_post_init__(self) -> None:
        if self.done is None and self.waiver is None:
            raise ModelError("done", "the day the duty was done, or a waiver", None)
        if self.waiver is not None and self.quantity is not None:
            raise ModelError("quantity", "no quantity for a unit excused (waiver)", self.quantity)

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """What the record is about: unit, plan, item and period.

        Two records of one key are two parts of one quota, or a conflict.
        """
        return (self.unit, self.duty.plan, self.duty.item, self.period)


# Users import this from its public face; it says so in its __module__.
rehome("cchc", Record)
