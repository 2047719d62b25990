"""Invariants of the domain model: each refusal names the field, the expectation and the value."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import given

from cchc import (
    Cadence,
    Comparator,
    DocumentKind,
    Indicator,
    ItemLink,
    Level,
    Measure,
    ModelError,
    Objective,
    Period,
    Plan,
    Schedule,
    ScheduleKind,
    Task,
    Unit,
)
from tests import strategies


def make_plan(**changes: Any) -> Plan:
    fields: dict[str, Any] = {
        "key": "hn-kh-54-2024",
        "kind": DocumentKind.PLAN,
        "title": "Thông tin, tuyên truyền về cải cách hành chính nhà nước năm 2024",
        "issuer": "hn.ubnd",
    }
    fields.update(changes)
    return Plan(**fields)


def test_plan_is_frozen_and_keyword_only() -> None:
    plan = make_plan()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        plan.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Plan("k", DocumentKind.PLAN, "t", "u")  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("build", "field", "fragment"),
    [
        pytest.param(
            lambda: make_plan(tasks=(Task(id="nd1", text="a"), Task(id="nd1", text="b"))),
            "items",
            "unique item ids",
            id="duplicate-item-id",
        ),
        pytest.param(
            lambda: make_plan(
                objectives=(Objective(id="x", text="a"),), tasks=(Task(id="x", text="b"),)
            ),
            "items",
            "unique item ids",
            id="duplicate-id-across-kinds",
        ),
        pytest.param(lambda: make_plan(key="Hà Nội"), "key", "lower-case ASCII", id="bad-key"),
        pytest.param(
            lambda: make_plan(parents=("hn-kh-54-2024",)), "parents", "other than", id="self-parent"
        ),
        pytest.param(
            lambda: make_plan(issued=dt.date(1900, 1, 1)), "issued", "between 1945", id="old-date"
        ),
        pytest.param(
            lambda: Indicator(
                id="ct1",
                text="t",
                comparator=Comparator.AT_LEAST,
                value=101,
                measure=Measure.PERCENT,
            ),
            "value",
            "percentage from 0 to 100",
            id="percent-over-100",
        ),
        pytest.param(
            lambda: Period(start=dt.date(2025, 1, 1), end=dt.date(2024, 12, 31)),
            "end",
            "on or after the start",
            id="period-reversed",
        ),
        pytest.param(lambda: ItemLink.parse("no-hash"), "inherits", "plan-key#item-id", id="link"),
        pytest.param(
            lambda: Task(id="t", text="a", inherits=(ItemLink.parse("p#1"), ItemLink.parse("p#1"))),
            "inherits",
            "linked once",
            id="link-twice",
        ),
        pytest.param(lambda: Task(id="t", text=" "), "text", "item's text", id="empty-task"),
        pytest.param(
            lambda: Task(id="t", text="a", waiver="n/a"), "waiver", "inherits", id="waiver"
        ),
        pytest.param(
            lambda: Schedule(kind=ScheduleKind.DUE), "due", "a date", id="due-without-date"
        ),
        pytest.param(
            lambda: Schedule(kind=ScheduleKind.QUOTA, cadences=(Cadence.MONTHLY,)),
            "count",
            "at least 1",
            id="quota-without-count",
        ),
        pytest.param(
            lambda: Schedule(kind=ScheduleKind.RECURRING), "cadences", "cadence", id="no-cadence"
        ),
        pytest.param(
            lambda: Unit(code="x", name="Phòng Nội vụ", level=Level.DISTRICT, parent="x"),
            "parent",
            "other than itself",
            id="unit-own-parent",
        ),
        pytest.param(
            lambda: make_plan(title=unicodedata.normalize("NFD", "Kế hoạch")),
            "title",
            "NFC",
            id="nfd-title",
        ),
    ],
)
def test_invariants_name_field_and_expectation(build: Any, field: str, fragment: str) -> None:
    with pytest.raises(ModelError) as caught:
        build()
    assert caught.value.field == field
    assert fragment in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_period_years_and_text() -> None:
    assert str(Period.years(2024)) == "2024"
    assert str(Period.years(2021, 2025)) == "2021-2025"
    quarter = Period(start=dt.date(2020, 1, 1), end=dt.date(2020, 3, 31))
    assert str(quarter) == "2020-01-01..2020-03-31"
    assert Period.years(2021, 2025).contains(Period.years(2024))
    assert not Period.years(2024).contains(Period.years(2021, 2025))


def test_plan_items_and_lookup() -> None:
    plan = make_plan(tasks=(Task(id="nd1", text="a"),), objectives=(Objective(id="mt1", text="b"),))
    assert plan.item("nd1") == Task(id="nd1", text="a")
    assert plan.item("missing") is None
    assert [i.id for i in plan.items()] == ["mt1", "nd1"]


def test_year_falls_back_to_period() -> None:
    assert make_plan(issued=dt.date(2024, 2, 8)).year == 2024
    assert make_plan(period=Period.years(2021, 2025)).year == 2021
    assert make_plan().year is None


def test_unit_validity() -> None:
    district = Unit(
        code="ls-tp.ubnd",
        name="UBND thành phố Lạng Sơn",
        level=Level.DISTRICT,
        valid_to=dt.date(2025, 6, 30),
    )
    assert district.is_valid_on(dt.date(2024, 2, 27))
    assert not district.is_valid_on(dt.date(2025, 7, 1))


def test_level_rank_orders_from_the_centre() -> None:
    assert [level.rank for level in Level] == [0, 1, 2, 3]


@given(strategies.plans())
def test_generated_plans_are_valid_and_equal_to_their_evolved_copy(plan: Plan) -> None:
    assert attrs.evolve(plan) == plan
    assert len({item.id for item in plan.items()}) == len(plan.items())
