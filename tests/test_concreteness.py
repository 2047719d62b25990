"""Concreteness: what a carried task lacks, and when its wording is listed as vague.

Hà Nội's KH 54/KH-UBND asks each child plan for a unit, a product and a time; vague
wording ("đẩy mạnh", "tăng cường") is listed only when a task lacks all three, since a
task that names any of them already says something checkable.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from cchc import Gap, ItemLink, Plan, Schedule, Task, concreteness
from cchc.coverage import VAGUE_WORDS
from cchc.text import DocumentKind, ScheduleKind

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
        name
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


@pytest.mark.parametrize(
    "task",
    [
        pytest.param(Task(id="t", text=VAGUE_TEXT), id="carries-nothing"),
        pytest.param(
            Task(id="t", text=VAGUE_TEXT, inherits=CARRIES, waiver="Không áp dụng ở cấp xã"),
            id="waived",
        ),
    ],
)
def test_only_carried_unwaived_tasks_are_judged(task: Task) -> None:
    assert concreteness(child(task)) == ()


def test_every_vague_phrase_is_found_in_its_own_wording() -> None:
    for phrase in VAGUE_WORDS:
        (gap,) = concreteness(child(carried(f"{phrase} công tác tuyên truyền")))
        assert gap.vague == (phrase,), phrase
