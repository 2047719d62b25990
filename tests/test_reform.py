"""The 2025 reform followed through: issuers of a cited date, units' validity, same names.

On 1 July 2025 local government became two levels, province and commune; every district
ended on 30 June 2025 and 63 provinces became 34 (Luật Tổ chức chính quyền địa phương
2025; docs/domain.md, "Levels of government change over time").  The registry below is
shaped on one such merger, Hà Giang into Tuyên Quang (Nghị quyết 202/2025/QH15, Điều 1),
with a district and communes of it; the commune names are illustrative.  Every expected
answer was worked out by hand from the rule its row cites.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import (
    Anchor,
    Cadence,
    Corpus,
    DocumentKind,
    LegalBasis,
    Level,
    Period,
    Plan,
    Relation,
    Schedule,
    ScheduleKind,
    Task,
    TaskKind,
    Unit,
    parse_ref,
)
from cchc.graph._checks import REFORM_DAY, RULES, check
from cchc.graph._graph import PlanGraph
from cchc.graph._issuers import resolve_issuer, resolve_issuers
from cchc.graph._resolve import BasisResolver
from cchc.graph._validity import cadence_periods
from cchc.model._units import chains_on, unit_label, units_on
from cchc.render._console import Lang
from cchc.render._graph import node_text

END = dt.date(2025, 6, 30)
"""The last day of the districts and of the merged provinces."""
NEW = dt.date(2025, 7, 1)
"""REFORM_DAY: the first day of the two-level local government."""


def ubnd(code: str, name: str, level: Level, parent: str | None = None, **kw: Any) -> Unit:
    return Unit(code=code, name=name, level=level, parent=parent, symbol="UBND", **kw)


UNITS = (
    ubnd("tq.ubnd.old", "UBND tỉnh Tuyên Quang", Level.PROVINCE, valid_to=END, successor="tq.ubnd"),
    ubnd("hg.ubnd", "UBND tỉnh Hà Giang", Level.PROVINCE, valid_to=END, successor="tq.ubnd"),
    ubnd("tq.ubnd", "UBND tỉnh Tuyên Quang", Level.PROVINCE, valid_from=NEW),
    # A department formed with the new province: no predecessor is declared for it.
    Unit(
        code="tq.snv",
        name="Sở Nội vụ tỉnh Tuyên Quang",
        level=Level.PROVINCE,
        parent="tq.ubnd",
        valid_from=NEW,
    ),
    ubnd("hg-vx.ubnd", "UBND huyện Vị Xuyên", Level.DISTRICT, "hg.ubnd", valid_to=END),
    ubnd(
        "hg-vx-a.ubnd",
        "UBND xã Đạo Đức",
        Level.COMMUNE,
        "hg-vx.ubnd",
        valid_to=END,
        successor="vx.ubnd",
    ),
    ubnd(
        "hg-vx-b.ubnd",
        "UBND thị trấn Vị Xuyên",
        Level.COMMUNE,
        "hg-vx.ubnd",
        valid_to=END,
        successor="vx.ubnd",
    ),
    ubnd("vx.ubnd", "UBND xã Vị Xuyên", Level.COMMUNE, "tq.ubnd", valid_from=NEW),
)
REGISTRY = {u.code: u for u in UNITS}


def test_reform_day_is_the_first_day_of_two_levels() -> None:
    assert REFORM_DAY == NEW == END + dt.timedelta(days=1)


# -- a relative issuer resolves against the unit of the cited date --------------------------

D2024 = dt.date(2024, 2, 6)

RESOLVE = [
    # (wording, citing unit, cited date, expected codes, rule the answer follows)
    ("UBND tỉnh", "tq.ubnd", D2024, ("tq.ubnd.old", "hg.ubnd"),
     "merger: in 2024 the new province was both provinces it succeeds (NQ 202/2025/QH15, Điều 1)"),
    ("UBND tỉnh", "tq.ubnd", dt.date(2025, 7, 15), ("tq.ubnd",),
     "after 1/7/2025 the province is itself (Luật TCCQĐP 2025)"),
    ("UBND tỉnh", "tq.ubnd", None, ("tq.ubnd",),
     "no cited date: the citing unit's own chain, as before (DOMAIN §5, relative issuers)"),
    ("UBND tỉnh", "vx.ubnd", D2024, ("hg.ubnd",),
     "the new commune's predecessors lay in Hà Giang: its province then (successor links)"),
    ("UBND huyện", "vx.ubnd", D2024, ("hg-vx.ubnd",),
     "in 2024 the district of its predecessors existed (districts ended 30/6/2025)"),
    ("UBND huyện", "vx.ubnd", dt.date(2025, 8, 1), (),
     "no district from 1/7/2025: a relative 'UBND huyện' names nobody (Luật TCCQĐP 2025)"),
    ("UBND xã", "vx.ubnd", D2024, ("hg-vx-a.ubnd",),
     "of the two merged predecessors only Đạo Đức was a xã; Vị Xuyên was a thị trấn"),
    ("UBND tỉnh", "tq.snv", D2024, ("tq.ubnd.old", "hg.ubnd"),
     "a department formed in 2025 speaks for its province: the province's predecessors"),
    ("UBND tỉnh", "hg-vx-a.ubnd", D2024, ("hg.ubnd",),
     "an old commune citing a document of its own time: its own chain"),
    ("UBND tỉnh", "hg-vx-a.ubnd", dt.date(2025, 8, 1), ("tq.ubnd",),
     "an old commune citing a later document: through its successor, forward"),
    ("UBND tỉnh Tuyên Quang", "vx.ubnd", D2024, ("tq.ubnd.old",),
     "an absolute name two units share: the one that existed on the cited date"),
    ("UBND tỉnh Tuyên Quang", "vx.ubnd", dt.date(2025, 9, 1), ("tq.ubnd",),
     "the same name after the merger: the new province"),
]  # fmt: skip


@pytest.mark.parametrize(("wording", "citing", "on", "expected", "why"), RESOLVE)
def test_issuer_of_the_cited_date(
    wording: str, citing: str, on: dt.date | None, expected: tuple[str, ...], why: str
) -> None:
    assert resolve_issuers(wording, citing, REGISTRY, on=on) == expected, why
    single = expected[0] if len(expected) == 1 else None
    assert resolve_issuer(wording, citing, REGISTRY, on=on) == single, why


def test_without_validity_data_nothing_changes() -> None:
    plain = {c: Unit(code=u.code, name=u.name, level=u.level, parent=u.parent, symbol="UBND")
             for c, u in REGISTRY.items()}  # fmt: skip
    assert resolve_issuers("UBND tỉnh", "vx.ubnd", plain, on=D2024) == ("tq.ubnd",)
    assert resolve_issuers("UBND tỉnh", "vx.ubnd", plain) == ("tq.ubnd",)


def test_chains_on_the_day_hold_only_units_of_that_day() -> None:
    assert chains_on(REGISTRY, "vx.ubnd", D2024) == (
        ("hg-vx-a.ubnd", "hg-vx.ubnd", "hg.ubnd"),
        ("hg-vx-b.ubnd", "hg-vx.ubnd", "hg.ubnd"),
    )
    assert chains_on(REGISTRY, "tq.snv", NEW) == (("tq.snv", "tq.ubnd"),)
    assert chains_on(REGISTRY, "tq.snv", D2024) == (("tq.ubnd.old",), ("hg.ubnd",))


def plan(key: str, issuer: str, **kw: Any) -> Plan:
    if isinstance(kw.get("ref"), str):
        kw["ref"] = parse_ref(kw["ref"])
    kw.setdefault("kind", DocumentKind.PLAN)
    kw.setdefault("title", "Tuyên truyền cải cách hành chính")
    return Plan(key=key, issuer=issuer, **kw)


def cites(ref: str, day: dt.date, wording: str = "UBND tỉnh") -> LegalBasis:
    return LegalBasis(
        ref=parse_ref(ref),
        kind=DocumentKind.PLAN,
        relation=Relation.IMPLEMENTS,
        date=day,
        issuer_text=wording,
    )


OLD_PLANS = (
    plan("hg-kh-37-2024", "hg.ubnd", ref="37/KH-UBND", issued=D2024, period=Period.years(2024)),
    plan("tq-kh-12-2024", "tq.ubnd.old", ref="12/KH-UBND", issued=D2024),
    plan("hg-kh-5-2024", "hg.ubnd", ref="05/KH-UBND", issued=dt.date(2024, 1, 10)),
    plan("tq-kh-5-2024", "tq.ubnd.old", ref="05/KH-UBND", issued=dt.date(2024, 1, 10)),
)

LINKS = [
    # (citing unit, cited reference, expected plan, rule)
    ("tq.ubnd", "37/KH-UBND", "hg-kh-37-2024",
     "after the merger only Hà Giang's 2024 series holds a 37 (NĐ 30/2020, Điều 15.1)"),
    ("tq.ubnd", "12/KH-UBND", "tq-kh-12-2024",
     "the old Tuyên Quang's 2024 series holds the 12: not a 2024 plan of the new province"),
    ("tq.ubnd", "05/KH-UBND", None,
     "both predecessors have a 05 of 2024: the citation cannot say which (Điều 15.1)"),
    ("vx.ubnd", "37/KH-UBND", "hg-kh-37-2024",
     "a commune of Hà Giang's past reads 'UBND tỉnh' as Hà Giang"),
    ("vx.ubnd", "12/KH-UBND", None,
     "a commune of Hà Giang's past never meant the old Tuyên Quang"),
]  # fmt: skip


@pytest.mark.parametrize(("citing", "ref", "expected", "why"), LINKS)
def test_citation_links_to_the_predecessor_plan(
    citing: str, ref: str, expected: str | None, why: str
) -> None:
    child = plan(
        "new", citing, issued=dt.date(2025, 8, 1), legal_bases=(cites(ref, dt.date(2024, 3, 1)),)
    )
    corpus = Corpus(plans=(*OLD_PLANS, child), units=REGISTRY)
    resolver = BasisResolver(corpus)
    assert resolver.resolve(child.legal_bases[0], child) == expected, why
    graph = PlanGraph.from_corpus(corpus)
    parents = graph.parents("new")
    if expected is not None:
        assert parents == (expected,), why
    else:
        # An unresolved citation is an external document, never one of the new province.
        (external,) = parents
        assert external.startswith("ext:"), why
        assert not external.endswith(":tq.ubnd"), why


def test_an_unresolved_citation_of_a_2024_plan_is_not_the_new_provinces() -> None:
    child = plan(
        "new", "tq.ubnd", issued=dt.date(2025, 8, 1), legal_bases=(cites("40/KH-UBND", D2024),)
    )
    graph = PlanGraph.from_corpus(Corpus(plans=(child,), units=REGISTRY))
    assert graph.parents("new") == ("ext:KH-UBND:40:2024:ubnd-tinh",)


# -- duties, reports and expected children against validity ---------------------------------


def report(*cadences: Cadence, to: str | None = None, **kw: Any) -> Schedule:
    return Schedule(kind=ScheduleKind.REPORT, cadences=cadences, to=to, **kw)


def duty(lead: str, *schedules: Schedule) -> Task:
    return Task(
        id="tc1", text="Báo cáo kết quả", kind=TaskKind.DUTY, lead=(lead,), schedules=schedules
    )


DISTRICT_PLAN = {"key": "vx-kh", "issuer": "hg-vx.ubnd", "issued": dt.date(2021, 6, 1)}
YEARS = Period.years(2021, 2025)

CHECKS = [
    # (plan fields, expected (rule, path, parts of the message)), rule the answer follows
    ({"period": YEARS,
      "tasks": (duty("hg-vx.ubnd", report(Cadence.QUARTERLY, anchor=Anchor.END)),)},
     [("graph.lead_inactive", "$.tasks[0].lead[0]",
       ["hg-vx.ubnd (UBND huyện Vị Xuyên)", "ended on 30/06/2025", "owing Q3/2025, Q4/2025 after",
        "no successor is declared"])],
     "quarters end 30/9 and 31/12 (NĐ 09/2019, Điều 12), after the district ended on 30/6/2025"),
    ({"period": YEARS, "tasks": (
        duty("hg-vx.ubnd", report(Cadence.QUARTERLY, anchor=Anchor.FOLLOWING_DAY, day=5)),)},
     [("graph.lead_inactive", "$.tasks[0].lead[0]", ["owing Q2/2025, Q3/2025, Q4/2025 after"])],
     "by the 5th of the next month: Q2's report falls on 05/07/2025, after 30/06/2025"),
    ({"period": YEARS,
      "tasks": (duty("hg-vx.ubnd", report(Cadence.HALF_YEARLY, anchor=Anchor.END)),)},
     [("graph.lead_inactive", "$.tasks[0].lead[0]", ["owing H2/2025 after"])],
     "H1 ends 30/6/2025, the district's last day: only H2 is owed after it"),
    ({"period": YEARS, "tasks": (
        duty("hg-vx.ubnd", Schedule(kind=ScheduleKind.DUE, due=dt.date(2025, 7, 10))),)},
     [("graph.lead_inactive", "$.tasks[0].lead[0]", ["owing 10/07/2025 after"])],
     "a due date after the district's last day"),
    ({"period": YEARS, "tasks": (duty("hg-vx.ubnd", Schedule(kind=ScheduleKind.DUE, due=END)),)},
     [], "due on its last day: it still existed (is_valid_on is inclusive)"),
    ({"period": YEARS, "tasks": (duty("hg-vx.ubnd"),)},
     [("graph.lead_inactive", "$.tasks[0].lead[0]",
       ["owing duties through the plan's period 2021-2025 after"])],
     "an undated duty runs through the plan's period, which outlasts the district"),
    ({"period": Period.years(2024), "tasks": (duty("hg-vx.ubnd"),)},
     [], "a 2024 plan ends before the district did"),
    ({"period": YEARS, "tasks": (
        duty("hg-vx-a.ubnd", report(Cadence.YEARLY, anchor=Anchor.END, to="hg.ubnd")),)},
     [("graph.lead_inactive", "$.tasks[0].lead[0]",
       ["owing 2025 after", "its successor is vx.ubnd (UBND xã Vị Xuyên)"]),
      ("graph.recipient_inactive", "$.tasks[0].schedules[0].to",
       ["hg.ubnd (UBND tỉnh Hà Giang)", "receiving 2025 after",
        "its successor is tq.ubnd (UBND tỉnh Tuyên Quang (from 01/07/2025))"])],
     "the yearly report of 2025 is due 31/12/2025: the commune and the province had ended; "
     "each names its successor, the new province with its dates (same name as the old one)"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "expected", "why"), CHECKS)
def test_units_against_the_days_they_owe_work(
    fields: dict[str, Any], expected: list[tuple[str, str, list[str]]], why: str
) -> None:
    found = _problems(plan(**{**DISTRICT_PLAN, **fields}))
    assert [(p.rule, p.path) for p in found] == [(r, path) for r, path, _ in expected], why
    for problem, (_, _, parts) in zip(found, expected, strict=True):
        for part in parts:
            assert part in problem.message, (why, problem.message)
        assert problem.message.startswith("expected ")


def _problems(*plans: Plan) -> list[Any]:
    graph = PlanGraph.from_corpus(Corpus(plans=plans, units=REGISTRY))
    return [p for p in check(graph) if p.rule != "graph.unknown_unit"]


AFTER = {"key": "tq-kh-2025", "issuer": "tq.ubnd", "issued": dt.date(2025, 8, 1)}

NEW_UNITS = [
    ({"period": Period.years(2025), "tasks": (
        duty("vx.ubnd", Schedule(kind=ScheduleKind.RECURRING, cadences=(Cadence.MONTHLY,),
                                 anchor=Anchor.START)),)},
     [("graph.lead_inactive", "$.tasks[0].lead[0]",
       ["began on 01/07/2025", "owing 01/2025, 02/2025, 03/2025, 04/2025 … (6 in all) before",
        "before it: hg-vx-a.ubnd (UBND xã Đạo Đức), hg-vx-b.ubnd (UBND thị trấn Vị Xuyên)"])],
     "monthly from 1 January: six months fall before the commune was formed on 1/7/2025"),
    ({"period": Period.years(2025), "tasks": (duty("vx.ubnd"),)},
     [], "an undated duty of 2025: the new commune owes the half year it exists in"),
    ({"period": Period.years(2025), "expected_children": ("hg-vx.ubnd", "vx.ubnd")},
     [("graph.expected_child_inactive", "$.expected_children[0]",
       ["(01/08/2025)", "hg-vx.ubnd (UBND huyện Vị Xuyên), which ended on 30/06/2025"])],
     "a plan of 1/8/2025 cannot expect a plan of a district (ended 30/6/2025); "
     "the commune is fine"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "expected", "why"), NEW_UNITS)
def test_units_formed_by_the_reform(
    fields: dict[str, Any], expected: list[tuple[str, str, list[str]]], why: str
) -> None:
    found = _problems(plan(**{**AFTER, **fields}))
    assert [(p.rule, p.path) for p in found] == [(r, path) for r, path, _ in expected], why
    for problem, (_, _, parts) in zip(found, expected, strict=True):
        for part in parts:
            assert part in problem.message, (why, problem.message)


@pytest.mark.parametrize(
    ("period", "flagged", "why"),
    [
        (Period.years(2024), True, "vx.ubnd was formed 1/7/2025, after the plan's period 2024"),
        (Period.years(2024, 2025), False, "formed within the period 2024-2025: it may issue one"),
    ],
)
def test_expected_child_formed_after_the_period(period: Period, flagged: bool, why: str) -> None:
    parent = plan("hg-kh", "hg.ubnd", issued=D2024, period=period, expected_children=("vx.ubnd",))
    found = [p for p in _problems(parent) if p.rule == "graph.expected_child_inactive"]
    assert bool(found) is flagged, why
    if flagged:
        assert "began on 01/07/2025, after the plan's period" in found[0].message


@pytest.mark.parametrize(
    ("issuer", "issued", "flagged", "why"),
    [
        ("vx.ubnd", NEW, True, "issued on the reform day: no district plan to carry out"),
        ("vx.ubnd", dt.date(2026, 1, 5), True, "a 2026 commune plan (DOMAIN §5)"),
        ("hg-vx-a.ubnd", END, False, "issued on the districts' last day, 30/6/2025"),
        ("hg-vx-a.ubnd", dt.date(2022, 1, 25), False, "2022: a district parent is legitimate"),
    ],
)
def test_post_reform_plan_with_a_district_parent(
    issuer: str, issued: dt.date, flagged: bool, why: str
) -> None:
    parent = plan(
        "vx-kh-2021", "hg-vx.ubnd", ref="10/KH-UBND", issued=dt.date(2021, 6, 1), period=YEARS
    )
    child = plan("child", issuer, issued=issued, parents=("vx-kh-2021",))
    found = [p for p in _problems(parent, child) if p.rule == "graph.district_parent_after_reform"]
    assert bool(found) is flagged, why
    if flagged:
        (problem,) = found
        assert problem.path == "$.parents[0]"
        assert "Luật Tổ chức chính quyền địa phương 2025" in problem.message
        assert "01/07/2025" in problem.message
        assert "UBND huyện Vị Xuyên" in problem.message


def test_every_rule_has_a_severity() -> None:
    for rule in (
        "graph.lead_inactive",
        "graph.recipient_inactive",
        "graph.expected_child_inactive",
        "graph.district_parent_after_reform",
    ):
        assert rule in RULES


PERIODS = [
    (Cadence.QUARTERLY, Period.years(2025), ["Q1/2025", "Q2/2025", "Q3/2025", "Q4/2025"],
     "four calendar quarters (NĐ 09/2019, Điều 12)"),
    (Cadence.NINE_MONTHLY, Period.years(2024, 2025), ["9M/2024", "9M/2025"],
     "nine months from January, once a year (the provinces' 'báo cáo 9 tháng')"),
    (Cadence.MONTHLY, Period(start=dt.date(2025, 6, 20), end=dt.date(2025, 8, 3)),
     ["06/2025", "07/2025", "08/2025"], "every month the period touches"),
]  # fmt: skip


@pytest.mark.parametrize(("cadence", "period", "names", "why"), PERIODS)
def test_cadence_periods(cadence: Cadence, period: Period, names: list[str], why: str) -> None:
    assert [name for _, _, name in cadence_periods(cadence, period)] == names, why


# -- same names told apart ------------------------------------------------------------------

LABELS = [
    ("tq.ubnd.old", False, "UBND tỉnh Tuyên Quang (đến 30/06/2025)"),
    ("tq.ubnd.old", True, "UBND tỉnh Tuyên Quang (until 30/06/2025)"),
    ("tq.ubnd", False, "UBND tỉnh Tuyên Quang (từ 01/07/2025)"),
    ("tq.ubnd", True, "UBND tỉnh Tuyên Quang (from 01/07/2025)"),
    ("hg.ubnd", False, "UBND tỉnh Hà Giang"),
    ("nowhere", True, "nowhere"),
]


@pytest.mark.parametrize(("code", "english", "label"), LABELS)
def test_same_names_are_told_apart(code: str, english: bool, label: str) -> None:
    assert unit_label(REGISTRY, code, english=english) == label
    assert Corpus(units=REGISTRY).unit_name(code, english=english) == label


def test_a_unit_with_both_dates_gives_both() -> None:
    units = {
        "a": Unit(code="a", name="Sở Nội vụ", level=Level.PROVINCE),
        "b": Unit(
            code="b",
            name="Sở  Nội vụ",
            level=Level.PROVINCE,
            valid_from=NEW,
            valid_to=dt.date(2026, 12, 31),
        ),
    }
    # The names fold to one key (spaces), so they are the same name to a reader.
    assert unit_label(units, "b") == "Sở  Nội vụ (từ 01/07/2025 đến 31/12/2026)"
    assert unit_label(units, "b", english=True) == "Sở  Nội vụ (from 01/07/2025 until 31/12/2026)"
    assert unit_label(units, "a") == "Sở Nội vụ"
    # A corpus gives each name as unit_label does, names asked for before and after it is
    # remade alike.
    corpus = Corpus(units=units)
    for code in ("a", "b", "c"):
        for english in (False, True):
            assert corpus.unit_name(code, english=english) == unit_label(
                units, code, english=english
            )
    remade = attrs.evolve(corpus, units={"a": units["a"]})
    assert remade.unit_name("a") == "Sở Nội vụ"
    assert corpus.unit_name("b") == "Sở  Nội vụ (từ 01/07/2025 đến 31/12/2026)"


def test_the_graph_tree_tells_the_provinces_apart() -> None:
    old = plan("tq-kh-12-2024", "tq.ubnd.old", ref="12/KH-UBND", issued=D2024)
    new = plan("tq-kh-3-2025", "tq.ubnd", ref="03/KH-UBND", issued=dt.date(2025, 8, 1))
    graph = PlanGraph.from_corpus(Corpus(plans=(old, new), units=REGISTRY))
    assert "(until 30/06/2025)" in node_text(graph, "tq-kh-12-2024", Lang.EN).plain
    assert "(từ 01/07/2025)" in node_text(graph, "tq-kh-3-2025", Lang.VI).plain


# -- property: the unit valid on the date ---------------------------------------------------

FIRST = dt.date(2015, 1, 1)


@st.composite
def successions(draw: st.DrawFn) -> tuple[dict[str, Unit], list[dt.date]]:
    """One province in several successive forms, each the successor of the one before."""
    offsets = draw(st.lists(st.integers(1, 5000), min_size=0, max_size=5, unique=True))
    starts = [FIRST + dt.timedelta(days=o) for o in sorted(offsets)]
    units: dict[str, Unit] = {}
    count = len(starts) + 1
    for i in range(count):
        units[f"p{i}"] = ubnd(
            f"p{i}",
            "UBND tỉnh Tuyên Quang",
            Level.PROVINCE,
            valid_from=starts[i - 1] if i else None,
            valid_to=starts[i] - dt.timedelta(days=1) if i < count - 1 else None,
            successor=f"p{i + 1}" if i < count - 1 else None,
        )
    units["c"] = ubnd("c", "UBND xã Vị Xuyên", Level.COMMUNE, f"p{count - 1}")
    return units, starts


@given(successions(), st.integers(0, 5500), st.data())
def test_resolves_to_the_unit_valid_on_the_date(
    succession: tuple[dict[str, Unit], list[dt.date]], offset: int, data: st.DataObject
) -> None:
    units, _ = succession
    day = FIRST + dt.timedelta(days=offset)
    valid = [code for code, u in units.items() if code != "c" and u.is_valid_on(day)]
    assert len(valid) == 1  # the forms tile time
    citing = data.draw(st.sampled_from(sorted(code for code in units if code != "c")))
    assert units_on(units, citing, day) == tuple(valid)
    assert resolve_issuers("UBND tỉnh", citing, units, on=day) == tuple(valid)
    # The same name in every form: the absolute wording also picks the form of the day.
    assert resolve_issuer("UBND tỉnh Tuyên Quang", "c", units, on=day) == valid[0]


@given(
    st.lists(st.integers(-4000, -1), min_size=1, max_size=5),
    st.integers(-5000, 400),
)
def test_a_merger_resolves_to_every_predecessor_of_the_date(births: list[int], offset: int) -> None:
    """Several provinces, each formed on its own day, merged into one on 1 July 2025."""
    units = {
        f"old{i}": ubnd(
            f"old{i}",
            f"UBND tỉnh Số {i}",
            Level.PROVINCE,
            valid_from=NEW + dt.timedelta(days=b),
            valid_to=END,
            successor="new",
        )
        for i, b in enumerate(births)
    }
    units["new"] = ubnd("new", "UBND tỉnh Mới", Level.PROVINCE, valid_from=NEW)
    day = NEW + dt.timedelta(days=offset)
    then = tuple(code for code, u in units.items() if u.is_valid_on(day))
    assert units_on(units, "new", day) == then
    assert resolve_issuers("UBND tỉnh", "new", units, on=day) == then
    for code in then:
        assert units[code].is_valid_on(day)


def _quarter_end(day: dt.date) -> dt.date:
    month = 3 * ((day.month - 1) // 3) + 3
    following = dt.date(day.year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@given(
    st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)),
    st.integers(0, 2000),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
)
def test_a_quarterly_report_is_flagged_exactly_when_a_quarter_ends_after_the_unit(
    start: dt.date, length: int, last_day: dt.date
) -> None:
    """The last report owed is the one of the quarter holding the period's end (Điều 12)."""
    period = Period(start=start, end=start + dt.timedelta(days=length))
    units = {**REGISTRY, "d": ubnd("d", "UBND huyện Thử", Level.DISTRICT, valid_to=last_day)}
    task = duty("d", report(Cadence.QUARTERLY, anchor=Anchor.END))
    owner = plan("p", "d", issued=start, period=period, tasks=(task,))
    graph = PlanGraph.from_corpus(Corpus(plans=(owner,), units=units))
    flagged = [p for p in check(graph) if p.rule == "graph.lead_inactive"]
    assert bool(flagged) is (_quarter_end(period.end) > last_day)
