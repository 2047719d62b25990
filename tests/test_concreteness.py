"""What a carried item must hold (cchc.coverage._concreteness): unit, product, time; targets.

Hà Nội's KH 54/KH-UBND asks each child plan for a unit, a product and a time; vague
wording ("đẩy mạnh", "tăng cường") is listed only when a task lacks all three, since a
task that names any of them already says something checkable.  A carried indicator may
not ask less than its parent's.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json

import attrs
import pytest

from cchc import Gap, Indicator, ItemLink, Period, Plan, Schedule, Task, concreteness
from cchc.coverage import VAGUE_WORDS, Essential, Weakening, weakened
from cchc.text import Cadence, Comparator, DocumentKind, Measure, ScheduleKind

VAGUE_TEXT = "Đẩy mạnh tuyên truyền cải cách hành chính"
LEAD = ("u",)
PRODUCTS = ("bản tin",)
SCHEDULES = (Schedule(kind=ScheduleKind.DUE, due=dt.date(2024, 3, 1)),)
CARRIES = (ItemLink(plan="p", item="nd1"),)


def child(*tasks: Task) -> Plan:
    return Plan(key="c", kind=DocumentKind.PLAN, title="Kế hoạch c", issuer="u", tasks=tasks)


def carried(text: str = VAGUE_TEXT, **fields: object) -> Task:
    return Task(id="t", text=text, inherits=CARRIES, **fields)  # type: ignore[arg-type]


# Every combination of the three: (has lead, has products, has schedules).
COMBINATIONS = list(itertools.product((False, True), repeat=3))


@pytest.mark.parametrize(
    ("lead", "products", "schedules"),
    COMBINATIONS,
    ids=["".join(f if has else "-" for f, has in zip("LPS", c, strict=True)) for c in COMBINATIONS],
)
def test_vague_wording_is_listed_only_when_all_three_are_missing(
    lead: bool, products: bool, schedules: bool
) -> None:
    task = carried(
        lead=LEAD if lead else (),
        products=PRODUCTS if products else (),
        schedules=SCHEDULES if schedules else (),
    )
    missing = tuple(
        Essential(name)
        for name, present in (("lead", lead), ("products", products), ("schedule", schedules))
        if not present
    )
    gaps = concreteness(child(task))
    if not missing:
        assert gaps == ()
        return
    vague = ("đẩy mạnh",) if len(missing) == 3 else ()
    assert gaps == (Gap(plan="c", item="t", missing=missing, vague=vague),)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        pytest.param("Tuyên truyền cải cách hành chính", (), id="no-vague-word"),
        pytest.param(VAGUE_TEXT, ("đẩy mạnh",), id="one"),
        pytest.param("ĐẨY MẠNH tuyên truyền", ("đẩy mạnh",), id="upper-case"),
        pytest.param(
            "Tiếp tục đẩy mạnh, tăng cường tuyên truyền",
            ("đẩy mạnh", "tăng cường", "tiếp tục"),
            id="several-in-table-order",
        ),
        pytest.param("Đẩy mạnh, đẩy mạnh hơn nữa", ("đẩy mạnh",), id="listed-once"),
        # A phrase counts only as whole words: "tăng cường" is not in "tăng cườngs".
        pytest.param("Tăng cườngs tuyên truyền", (), id="whole-words-only"),
        pytest.param("Nâng   cao chất lượng", ("nâng cao",), id="any-spacing"),
    ],
)
def test_vague_phrases_of_a_task_without_lead_product_or_time(
    text: str, vague: tuple[str, ...]
) -> None:
    (gap,) = concreteness(child(carried(text)))
    assert gap.missing == ("lead", "products", "schedule")
    assert gap.vague == vague


def test_what_a_gap_misses_is_typed_and_reads_as_its_old_word() -> None:
    (gap,) = concreteness(child(carried(VAGUE_TEXT, products=PRODUCTS)))
    assert gap.missing == (Essential.LEAD, Essential.SCHEDULE)
    assert all(type(m) is Essential for m in gap.missing)
    # JSON, str.join and f-strings see the words the tuple of strings held before.
    assert json.dumps(gap.missing) == '["lead", "schedule"]'
    assert f"{', '.join(gap.missing)} {gap.missing[0]}" == "lead, schedule lead"


def test_waived_tasks_are_not_judged() -> None:
    task = Task(id="t", text=VAGUE_TEXT, inherits=CARRIES, waiver="Không áp dụng ở cấp xã")
    assert concreteness(child(task)) == ()


def test_a_task_that_carries_nothing_is_judged_too() -> None:
    # A child plan's own tasks owe a unit, a product and a time as its carried ones do.
    (gap,) = concreteness(child(Task(id="t", text=VAGUE_TEXT)))
    assert gap.missing == tuple(Essential)
    assert gap.vague == ("đẩy mạnh",)


def test_every_vague_phrase_is_found_in_its_own_wording() -> None:
    for phrase in VAGUE_WORDS:
        (gap,) = concreteness(child(carried(f"{phrase} công tác tuyên truyền")))
        assert gap.vague == (phrase,), phrase


# --- targets do not weaken: what a weakening says -----------------------------------------

L, E, M = Comparator.AT_LEAST, Comparator.EXACTLY, Comparator.AT_MOST
COUNT, PERCENT = Measure.COUNT, Measure.PERCENT
Target = tuple[Comparator, float, Measure, Cadence | None]


def target_plans(
    parent: Target, child: Target, *, years: tuple[int, int] | None = (2024, 2024)
) -> tuple[Plan, Plan]:
    """A parent with indicator ct and a child whose indicator ct2 carries it."""
    period = None if years is None else Period.years(*years)

    def indicator(target: Target, **fields: object) -> Indicator:
        comparator, value, measure, per = target
        return Indicator(
            text="chỉ tiêu",
            comparator=comparator,
            value=value,
            measure=measure,
            per=per,
            **fields,  # type: ignore[arg-type]
        )

    p = Plan(
        key="p",
        kind=DocumentKind.PLAN,
        title="Kế hoạch p",
        issuer="u",
        period=period,
        indicators=(indicator(parent, id="ct"),),
    )
    c = Plan(
        key="c",
        kind=DocumentKind.PLAN,
        title="Kế hoạch c",
        issuer="u",
        period=period,
        indicators=(indicator(child, id="ct2", inherits=(ItemLink(plan="p", item="ct"),)),),
    )
    return p, c


@pytest.mark.parametrize(
    ("parent", "child", "message"),
    [
        pytest.param(
            (L, 1, COUNT, Cadence.MONTHLY),
            (L, 2, COUNT, Cadence.QUARTERLY),
            "weaker target: at_least 2 count quarterly does not keep at_least 1 count monthly",
            id="count",
        ),
        pytest.param(
            (L, 100, PERCENT, None),
            (L, 90, PERCENT, None),
            "weaker target: at_least 90% does not keep at_least 100%",
            id="percent",
        ),
        pytest.param(
            (L, 2, Measure.TIMES, Cadence.YEARLY),
            (L, 2, COUNT, Cadence.YEARLY),
            "measures differ: times in the parent, count here",
            id="measures",
        ),
    ],
)
def test_a_weakening_names_both_indicators_and_what_is_weaker(
    parent: Target, child: Target, message: str
) -> None:
    assert weakened(*target_plans(parent, child)) == (
        Weakening(parent="p#ct", child="c#ct2", message=message),
    )


def test_a_target_without_a_period_in_a_plan_without_one_cannot_be_compared() -> None:
    for parent, child in [
        ((L, 12, COUNT, None), (L, 1, COUNT, Cadence.MONTHLY)),
        ((L, 1, COUNT, Cadence.MONTHLY), (L, 12, COUNT, None)),
    ]:
        assert weakened(*target_plans(parent, child, years=None)) == (
            Weakening(
                parent="p#ct",
                child="c#ct2",
                message="cannot compare: a target without a period in a plan without a period",
            ),
        )


@pytest.mark.parametrize(
    ("parent", "child", "years", "weaker"),
    [
        # A target without `per` spreads over the plan's period: 12 in 2024 is 1 a month.
        pytest.param((L, 12, COUNT, None), (L, 1, COUNT, Cadence.MONTHLY), (2024, 2024), False),
        pytest.param((L, 12, COUNT, None), (L, 11, COUNT, None), (2024, 2024), True),
        pytest.param((L, 24, COUNT, None), (L, 1, COUNT, Cadence.MONTHLY), (2024, 2025), False),
        pytest.param((L, 1, COUNT, Cadence.MONTHLY), (L, 23, COUNT, None), (2024, 2025), True),
        # Two whole years are 24 months, not 23 or 25.
        pytest.param((L, 1, COUNT, Cadence.MONTHLY), (L, 24, COUNT, None), (2024, 2025), False),
        # Counts have no ceiling; "exactly 2 a year" keeps "at most 5 a year".
        pytest.param((L, 1, COUNT, Cadence.MONTHLY), (E, 200, COUNT, Cadence.MONTHLY), None, False),
        pytest.param((M, 5, COUNT, Cadence.YEARLY), (E, 2, COUNT, Cadence.YEARLY), None, False),
        pytest.param((M, 5, COUNT, Cadence.YEARLY), (E, 6, COUNT, Cadence.YEARLY), None, True),
    ],
)
def test_targets_compare_per_month_over_the_plans_period(
    parent: Target, child: Target, years: tuple[int, int] | None, weaker: bool
) -> None:
    assert bool(weakened(*target_plans(parent, child, years=years))) is weaker


def test_only_links_to_this_parents_indicators_are_compared() -> None:
    p, c = target_plans((L, 100, PERCENT, None), (L, 10, PERCENT, None))
    (carried_indicator,) = c.indicators
    elsewhere = attrs.evolve(carried_indicator, inherits=(ItemLink(plan="q", item="ct"),))
    assert weakened(p, attrs.evolve(c, indicators=(elsewhere,))) == ()
    p_task = attrs.evolve(p, indicators=(), tasks=(Task(id="ct", text="Nhiệm vụ"),))
    assert weakened(p_task, c) == ()
