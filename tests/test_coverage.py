from __future__ import annotations

import datetime as dt
import math
import random

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.coverage._concreteness import concreteness, weakened
from cchc.coverage._coverage import (
    EdgeCoverage,
    EdgeStatus,
    Family,
    ItemKind,
    Status,
    corpus_coverage,
    edge_coverage,
    matrix,
    trace,
)
from cchc.model._corpus import Corpus
from cchc.model._items import Indicator, ItemLink, Schedule, Task
from cchc.model._plan import Period, Plan
from cchc.text._vocab import Cadence, Comparator, DocumentKind, Measure, ScheduleKind

PARENT_TEXTS = {
    "nd1": "Tuyên truyền các văn bản chỉ đạo của Trung ương về cải cách hành chính",
    "nd2": "Tuyên truyền việc cải thiện các Chỉ số PAR INDEX, SIPAS, PAPI, PCI",
    "nd3": "Tuyên truyền về cơ chế một cửa, một cửa liên thông trong giải quyết TTHC",
    "nd4": "Tuyên truyền các mô hình mới, sáng kiến, cách làm hay",
}


def plan(key: str, tasks: tuple[Task, ...] = (), **kw: object) -> Plan:
    return Plan(
        key=key,
        kind=DocumentKind.PLAN,
        title=f"Kế hoạch {key}",
        issuer="u",
        tasks=tasks,
        **kw,  # type: ignore[arg-type]
    )


def link(*targets: str) -> tuple[ItemLink, ...]:
    return tuple(ItemLink.parse(t) for t in targets)


PARENT = plan("p", tuple(Task(id=i, text=x) for i, x in PARENT_TEXTS.items()))
CHILD = plan(
    "c",
    (
        Task(id="a", text="Phổ biến văn bản chỉ đạo", inherits=link("p#nd1")),
        Task(id="b", text="", inherits=link("p#nd2"), waiver="Xã không được chấm điểm PAR INDEX"),
        Task(id="c", text="Hướng dẫn người dân về cơ chế một cửa liên thông, giải quyết TTHC"),
        Task(id="d", text="Tổ chức hội thi văn nghệ", inherits=link("p#nd9")),
    ),
)


def test_edge_classifies_every_item() -> None:
    edge = edge_coverage(PARENT, CHILD)
    got = {i.item: (i.status, i.by) for i in edge.items}
    assert got == {
        "nd1": (Status.COVERED, ("a",)),
        "nd2": (Status.WAIVED, ("b",)),
        "nd3": (Status.SUGGESTED, ("c",)),
        "nd4": (Status.MISSING, ()),
    }
    waived = next(i for i in edge.items if i.item == "nd2")
    assert waived.reason == "Xã không được chấm điểm PAR INDEX"
    suggested = next(i for i in edge.items if i.item == "nd3")
    assert suggested.score is not None
    assert suggested.score >= 65
    assert suggested.matched == ("cơ chế một cửa", "một cửa liên thông", "giải quyết TTHC")
    assert edge.percent == 50
    assert edge.local == ("c",)
    assert [p.rule for p in edge.dangling] == ["coverage.dangling"]
    assert "nd9" in edge.dangling[0].message


def test_without_suggestions_unlinked_items_are_missing() -> None:
    edge = edge_coverage(PARENT, CHILD, suggest=False)
    assert [i.status for i in edge.items].count(Status.MISSING) == 2


def test_plain_link_beats_waiver() -> None:
    child = plan(
        "c",
        (
            Task(id="x", text="", inherits=link("p#nd1"), waiver="không áp dụng"),
            Task(id="y", text="Văn bản chỉ đạo", inherits=link("p#nd1")),
        ),
    )
    item = edge_coverage(PARENT, child).items[0]
    assert (item.status, item.by) == (Status.COVERED, ("y",))


def test_parent_without_items_is_unknown() -> None:
    edge = edge_coverage(plan("p"), CHILD)
    assert edge.status is EdgeStatus.UNKNOWN
    assert edge.percent is None


def test_included_kinds_count() -> None:
    parent = attrs.evolve(
        PARENT,
        indicators=(
            Indicator(
                id="ct1",
                text="100% cơ quan",
                comparator=Comparator.AT_LEAST,
                value=100,
                measure=Measure.PERCENT,
            ),
        ),
    )
    tasks_only = edge_coverage(parent, CHILD)
    with_indicators = edge_coverage(parent, CHILD, kinds={ItemKind.TASKS, ItemKind.INDICATORS})
    assert len(with_indicators.items) == len(tasks_only.items) + 1


@pytest.mark.parametrize(
    ("task", "missing", "vague"),
    [
        pytest.param(
            Task(id="t", text="Đẩy mạnh, tăng cường tuyên truyền thường xuyên"),
            ("lead", "products", "schedule"),
            # "thường xuyên" says when (a continuous schedule), not how hard.
            ("đẩy mạnh", "tăng cường"),
            id="vague",
        ),
        pytest.param(
            Task(id="t", text="Đăng tin", lead=("u",)),
            ("products", "schedule"),
            (),
            id="no-product-no-time",
        ),
        pytest.param(
            Task(
                id="t",
                text="Đăng tin",
                lead=("u",),
                products=("tin",),
                schedules=(Schedule(kind=ScheduleKind.DUE, due=dt.date(2024, 3, 1)),),
            ),
            None,
            (),
            id="concrete",
        ),
    ],
)
def test_concreteness(task: Task, missing: tuple[str, ...] | None, vague: tuple[str, ...]) -> None:
    child = plan("c", (attrs.evolve(task, inherits=link("p#nd1")),))
    gaps = concreteness(child)
    if missing is None:
        assert gaps == ()
    else:
        assert [(g.missing, g.vague) for g in gaps] == [(missing, vague)]


def indicator(
    comparator: Comparator,
    value: float,
    measure: Measure,
    per: Cadence | None,
    inherits: tuple[ItemLink, ...] = (),
) -> Indicator:
    return Indicator(
        id="ct",
        text="chỉ tiêu",
        comparator=comparator,
        value=value,
        measure=measure,
        per=per,
        inherits=inherits,
    )


Target = tuple[Comparator, float, Measure, Cadence | None]
L, E, M = Comparator.AT_LEAST, Comparator.EXACTLY, Comparator.AT_MOST
C, P = Measure.COUNT, Measure.PERCENT


@pytest.mark.parametrize(
    ("parent", "child", "weaker"),
    [
        pytest.param(
            (L, 1, C, Cadence.MONTHLY), (L, 3, C, Cadence.QUARTERLY), False, id="1-month=3-quarter"
        ),
        pytest.param(
            (L, 1, C, Cadence.MONTHLY), (L, 2, C, Cadence.QUARTERLY), True, id="2-quarter-weaker"
        ),
        pytest.param((L, 1, C, Cadence.MONTHLY), (L, 12, C, Cadence.YEARLY), False, id="12-year"),
        pytest.param((L, 100, P, None), (E, 100, P, None), False, id="100%-exactly"),
        pytest.param((L, 100, P, None), (L, 90, P, None), True, id="90%-weaker"),
        pytest.param((L, 30, P, None), (L, 30, P, None), False, id="30%-same"),
        pytest.param((L, 30, P, None), (M, 30, P, None), True, id="flipped"),
        pytest.param(
            (M, 5, C, Cadence.YEARLY), (M, 4, C, Cadence.YEARLY), False, id="at-most-stricter"
        ),
        pytest.param(
            (M, 5, C, Cadence.YEARLY), (M, 6, C, Cadence.YEARLY), True, id="at-most-weaker"
        ),
        pytest.param((E, 50, P, None), (L, 50, P, None), True, id="exactly-loosened"),
        pytest.param(
            (L, 2, Measure.TIMES, Cadence.YEARLY), (L, 2, C, Cadence.YEARLY), True, id="measure"
        ),
    ],
)
def test_targets_do_not_weaken(parent: Target, child: Target, weaker: bool) -> None:
    p = plan("p", indicators=(indicator(*parent),), period=Period.years(2024))
    child_indicator = attrs.evolve(indicator(*child), inherits=link("p#ct"))
    c = plan("c", indicators=(child_indicator,), period=Period.years(2024))
    assert bool(weakened(p, c)) is weaker


def test_matrix_and_corpus() -> None:
    other = plan(
        "c2", (Task(id="z", text="Mô hình mới, sáng kiến", inherits=link("p#nd4")),), parents=("p",)
    )
    child = attrs.evolve(CHILD, parents=("p",))
    corpus = Corpus(plans=(PARENT, child, other))
    result = corpus_coverage(corpus, [("p", "c"), ("p", "c2")])
    m = matrix(result.edges)
    assert m.cells["nd4", "c2"] is Status.COVERED
    assert m.child_percent("c2") == 25
    assert m.item_percent("nd1") == 50
    assert result.percent == pytest.approx(100 * 3 / 8)
    assert len(result.problems) == 1


def test_trace_follows_links_and_stops_where_the_chain_breaks() -> None:
    grandchild = plan("g", (Task(id="g1", text="x", inherits=link("c#a")),))
    plans = {p.key: p for p in (PARENT, CHILD, grandchild)}
    steps = trace(plans, [("p", "c"), ("c", "g")], "p", "nd1")
    assert [(s.child, s.status, s.by) for s in steps] == [("c", Status.COVERED, ("a",))]
    assert [(s.child, s.status, s.by) for s in steps[0].next] == [("g", Status.COVERED, ("g1",))]
    broken = trace(plans, [("p", "c"), ("c", "g")], "p", "nd4")
    assert [(s.status, s.next) for s in broken] == [(Status.MISSING, ())]


# --- properties ---------------------------------------------------------------------------

texts = st.sampled_from([*PARENT_TEXTS.values(), "Hội thi văn nghệ", "Đăng tin hằng tháng"])


@st.composite
def edges(draw: st.DrawFn) -> tuple[Plan, Plan]:
    n = draw(st.integers(1, 6))
    parent = plan("p", tuple(Task(id=f"p{i}", text=draw(texts)) for i in range(n)))
    m = draw(st.integers(0, 6))
    tasks = []
    for j in range(m):
        targets = draw(
            st.lists(st.sampled_from([t.id for t in parent.tasks]), unique=True, max_size=2)
        )
        tasks.append(
            Task(id=f"c{j}", text=draw(texts), inherits=link(*(f"p#{t}" for t in targets)))
        )
    return parent, plan("c", tuple(tasks))


def _outcome(edge: EdgeCoverage) -> dict[str, tuple[Status, tuple[str, ...], float | None]]:
    return {i.item: (i.status, i.by, i.score) for i in edge.items}


@given(edges(), st.randoms())
def test_order_of_items_never_changes_the_result(
    edge: tuple[Plan, Plan], rnd: random.Random
) -> None:
    parent, child = edge
    tasks = list(child.tasks)
    rnd.shuffle(tasks)
    shuffled = attrs.evolve(child, tasks=tuple(tasks))
    assert _outcome(edge_coverage(parent, child)) == _outcome(edge_coverage(parent, shuffled))


@given(edges(), st.data())
def test_adding_a_link_never_lowers_coverage(edge: tuple[Plan, Plan], data: st.DataObject) -> None:
    parent, child = edge
    before = edge_coverage(parent, child).percent
    target = data.draw(st.sampled_from([t.id for t in parent.tasks]))
    extra = Task(id="new", text="Nội dung mới", inherits=link(f"p#{target}"))
    after = edge_coverage(parent, attrs.evolve(child, tasks=(*child.tasks, extra))).percent
    assert before is not None
    assert after is not None
    assert after >= before


@given(edges(), st.data())
def test_removing_a_link_uncovers_exactly_that_item(
    edge: tuple[Plan, Plan], data: st.DataObject
) -> None:
    parent, child = edge
    linked = [(j, link_) for j, t in enumerate(child.tasks) for link_ in t.inherits]
    if not linked:
        return
    j, gone = data.draw(st.sampled_from(linked))
    task = child.tasks[j]
    cut = attrs.evolve(task, inherits=tuple(x for x in task.inherits if x != gone))
    after_child = attrs.evolve(child, tasks=(*child.tasks[:j], cut, *child.tasks[j + 1 :]))
    before = {i.item: i.status for i in edge_coverage(parent, child).items}
    after = {i.item: i.status for i in edge_coverage(parent, after_child).items}
    still = any(gone in t.inherits for t in after_child.tasks)
    changed = {k for k in before if before[k] != after[k]}
    if still:
        assert changed == set()
    else:
        assert changed == {gone.item}
        assert after[gone.item] in (Status.SUGGESTED, Status.MISSING)


def test_each_kind_belongs_to_a_family_named_after_a_section() -> None:
    # Objectives and requirements are compared with each other; every other kind alone.
    assert {kind: kind.family for kind in ItemKind} == {
        ItemKind.TASKS: Family.TASKS,
        ItemKind.OBJECTIVES: Family.OBJECTIVES,
        ItemKind.REQUIREMENTS: Family.OBJECTIVES,
        ItemKind.CHANNELS: Family.CHANNELS,
        ItemKind.INDICATORS: Family.INDICATORS,
    }
    assert [family.value for family in Family] == ["tasks", "objectives", "channels", "indicators"]


def _plain(value: object) -> bool:
    """Whether *value* is what a plain streamed list may hold (cchc.files._json.Streamed).

    Also used by the test of progress's obligations.
    """
    if isinstance(value, list):
        return all(_plain(member) for member in value)
    if isinstance(value, dict):
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if type(value) is float:
        return math.isfinite(value)
    return value is None or type(value) in (str, int, bool)


def test_the_json_of_an_edge_is_plain_and_laid_out_as_checked() -> None:
    # coverage --json streams its edges as plain, skipping json.dumps's check: a score, a
    # waiver, a dangling link and a share all in one edge.
    from cchc.files._json import encode_document, encode_indented
    from cchc.render._streamed import coverage_document, coverage_parts

    child = attrs.evolve(CHILD, parents=("p",))
    result = corpus_coverage(Corpus(plans=(PARENT, child)), [("p", "c")])
    document = coverage_document(result)
    (edge,) = document["edges"]
    assert _plain(edge)
    assert edge["dangling"]
    assert any(type(item["score"]) is float for item in edge["items"])
    assert b"".join(encode_document(coverage_parts(result))) == encode_indented(document)
