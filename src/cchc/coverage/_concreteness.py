"""What a carried item must hold: a unit, a product and a time; targets no weaker.

Hà Nội's KH 54/KH-UBND orders each child plan to state "nội dung, nhiệm vụ, sản phẩm,
thời gian thực hiện" (content, task, product, time): :func:`concreteness` reports the
tasks of a child plan without them, whether they carry a parent item or not.
:func:`weakened` reports the carried indicators whose targets ask less than the parent's.
"""

from __future__ import annotations

import enum

import attrs

from cchc._faces import rehome
from cchc.model._items import Indicator
from cchc.model._plan import Period, Plan
from cchc.text._normal import fold, tokens
from cchc.text._vocab import Comparator, Measure

__all__ = ["VAGUE_WORDS", "Essential", "Gap", "Weakening", "concreteness", "weakened"]


VAGUE_WORDS: tuple[str, ...] = (
    "đẩy mạnh",
    "tăng cường",
    "tiếp tục",
    "chú trọng",
    "tích cực",
    "kịp thời",
    "sâu rộng",
    "nâng cao",
    "chủ động",
    "quan tâm",
    "nghiêm túc",
)
"""Wordings that promise effort without saying what, by whom or when.

*Thường xuyên* (all the time) is not one: it says when, the whole period of the plan, a
schedule of kind ``continuous``."""

_VAGUE_FOLDED = tuple((fold(w), w) for w in VAGUE_WORDS)


class Essential(enum.StrEnum):
    """What a task of a child plan must state to be concrete (KH 54/KH-UBND): who, what, when.

    A member is its value as a string (``"lead"``), so a tuple of them prints, joins and
    serialises as the words it stands for.
    """

    LEAD = "lead"
    """A lead unit (``lead``)."""
    PRODUCTS = "products"
    """At least one product (``products``)."""
    SCHEDULE = "schedule"
    """At least one time (``schedules``)."""


@attrs.frozen(kw_only=True)
class Gap:
    """A task of a child plan that is not concrete: what it lacks, and whether it is vague."""

    plan: str
    """Key of the plan the task belongs to."""
    item: str
    """The task's id."""
    missing: tuple[Essential, ...]
    """What it lacks, in the order of :class:`Essential`."""
    vague: tuple[str, ...] = ()
    """Vague phrases of its text, when it names neither a lead, a product nor a time."""


def concreteness(plan: Plan) -> tuple[Gap, ...]:
    """The gaps of every task of *plan*, a child plan, carried or local (waived ones excepted).

    KH 54/KH-UBND asks the unit's plan itself to be concrete, not only the part of it that
    carries the parent's items: a task whose ``inherits`` link was deleted, or one the
    unit added, is still one of the plan's tasks and owes a unit, a product and a time.
    """
    gaps: list[Gap] = []
    for task in plan.tasks:
        # A waived task is one the unit does not take on (format.md: waiver), so it owes
        # nothing; a waiver is allowed only on a carried task.
        if task.waiver is not None:
            continue
        missing = tuple(
            essential
            for essential, present in (
                (Essential.LEAD, task.lead),
                (Essential.PRODUCTS, task.products),
                (Essential.SCHEDULE, task.schedules),
            )
            if not present
        )
        if not missing:
            continue
        vague: tuple[str, ...] = ()
        if len(missing) == len(Essential):
            padded = f" {' '.join(tokens(task.text))} "
            vague = tuple(w for f, w in _VAGUE_FOLDED if f" {f} " in padded)
        gaps.append(Gap(plan=plan.key, item=task.id, missing=missing, vague=vague))
    return tuple(gaps)


# --- targets do not weaken ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Weakening:
    """A child indicator that carries a parent indicator with a weaker (or incomparable) target."""

    parent: str
    """``plan#item`` of the parent indicator."""
    child: str
    """``plan#item`` of the child indicator."""
    message: str
    """What is weaker, in plain words."""


def _months(period: Period | None) -> int | None:
    if period is None:
        return None
    start, end = period.start, period.end
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


def _rate(indicator: Indicator, plan: Plan) -> float | None:
    """The target per month for counts and times; the value itself for percentages."""
    if indicator.measure is Measure.PERCENT:
        return indicator.value
    months = indicator.per.months if indicator.per is not None else _months(plan.period)
    return None if months is None else indicator.value / months


def _allowed(comparator: Comparator, value: float, top: float) -> tuple[float, float]:
    if comparator is Comparator.AT_LEAST:
        return (value, top)
    if comparator is Comparator.AT_MOST:
        return (0.0, value)
    return (value, value)


_EPS = 1e-9


def _check_indicator(parent: Plan, p: Indicator, child: Plan, c: Indicator) -> Weakening | None:
    where = (f"{parent.key}#{p.id}", f"{child.key}#{c.id}")
    if p.measure is not c.measure:
        message = f"measures differ: {p.measure.value} in the parent, {c.measure.value} here"
        return Weakening(parent=where[0], child=where[1], message=message)
    p_rate, c_rate = _rate(p, parent), _rate(c, child)
    if p_rate is None or c_rate is None:
        message = "cannot compare: a target without a period in a plan without a period"
        return Weakening(parent=where[0], child=where[1], message=message)
    # A target allows a set of outcomes; the child keeps the parent's target when every
    # outcome it allows is one the parent allows (at least 1 a month stays at least 1 a month).
    top = 100.0 if p.measure is Measure.PERCENT else float("inf")
    p_low, p_high = _allowed(p.comparator, p_rate, top)
    c_low, c_high = _allowed(c.comparator, c_rate, top)
    if c_low + _EPS >= p_low and c_high <= p_high + _EPS:
        # The same value reached later is weaker too (đến năm 2026 for the parent's 2025).
        p_year, c_year = _target_year(p, parent), _target_year(c, child)
        if (p.by_year or c.by_year) and p_year and c_year and c_year > p_year:
            message = f"later target year: {c_year} here, {p_year} in the parent"
            return Weakening(parent=where[0], child=where[1], message=message)
        return None
    message = f"weaker target: {_describe(c)} does not keep {_describe(p)}"
    return Weakening(parent=where[0], child=where[1], message=message)


def _target_year(indicator: Indicator, plan: Plan) -> int | None:
    """The year a target is reached by: its own, else the end of its plan's period."""
    if indicator.by_year is not None:
        return indicator.by_year
    return plan.period.end.year if plan.period is not None else None


def _describe(indicator: Indicator) -> str:
    unit = "%" if indicator.measure is Measure.PERCENT else f" {indicator.measure.value}"
    per = f" {indicator.per.value}" if indicator.per else ""
    return f"{indicator.comparator.value} {indicator.value:g}{unit}{per}"


def weakened(parent: Plan, child: Plan) -> tuple[Weakening, ...]:
    """Child indicators that carry a parent indicator with a weaker target."""
    found: list[Weakening] = []
    for indicator in child.indicators:
        for link in indicator.inherits:
            if link.plan != parent.key:
                continue
            target = parent.item(link.item)
            if isinstance(target, Indicator):
                problem = _check_indicator(parent, target, child, indicator)
                if problem is not None:
                    found.append(problem)
    return tuple(found)


# Users import these from their public face; they say so in their __module__.
rehome("cchc", Gap)
rehome("cchc.coverage", Essential, Weakening)
