"""Groups of units with their members: resolution at a date, and everything that counts them.

The registries here are invented for the tests (a province ``p`` with districts and their
communes), except where a case names the bundled corpus.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import Members, Plan, Schedule, Task, Unit, derive, load_corpus
from cchc.calendar import agenda_units, check_cascade, expand, owed_by
from cchc.calendar._workdays import WorkCalendar
from cchc.cli import main
from cchc.graph import PlanGraph, check, expected_children_status
from cchc.model import Corpus, Groups
from cchc.model._period import Period
from cchc.text._vocab import Anchor, Bound, Cadence, DocumentKind, Level, ScheduleKind

D = dt.date
P, DIS, COM = Level.PROVINCE, Level.DISTRICT, Level.COMMUNE
END = D(2025, 6, 30)
CAL = WorkCalendar.vietnam(2023, 2026)


def unit(code: str, level: Level, parent: str | None = None, **more: object) -> Unit:
    return Unit(code=code, name=f"Đơn vị {code}", level=level, parent=parent, **more)  # type: ignore[arg-type]


def registry() -> dict[str, Unit]:
    """Province p: districts a and b (ended 30/6/2025) with an office and communes each,
    a department s, and commune n created on 1/7/2025 directly under the province."""
    units = [
        unit("p", P),
        unit("p.s", P, "p"),
        unit("p.s.phong", P, "p.s"),
        unit("a", DIS, "p", valid_to=END),
        unit("a.pnv", DIS, "a", valid_to=END),
        unit("a.x1", COM, "a", valid_to=END),
        unit("a.x1.vp", COM, "a.x1", valid_to=END),
        unit("b", DIS, "p", valid_to=END),
        unit("b.x2", COM, "b", valid_to=END),
        unit("n", COM, "p", valid_from=D(2025, 7, 1)),
        unit("g.huyen", DIS, "p", members=Members(levels=(DIS,), under="p")),
        unit("g.xa", COM, "p", members=Members(levels=(COM,), under="p")),
        unit("g.mixed", DIS, "a", members=Members(levels=(DIS, COM), under="a")),
        unit("g.list", P, "p", members=Members(units=("p.s", "g.huyen"))),
        unit("g.below", P, "p", members=Members(units=("p.s",))),
        unit("g.below.m", P, "g.below"),
    ]
    return {u.code: u for u in units}


MEMBERS = [
    # The rule takes the district committees below the province, not their offices.
    pytest.param("g.huyen", D(2024, 3, 1), ("a", "b"), id="districts-not-their-offices"),
    # Members change with the reform: no district exists after 30/6/2025.
    pytest.param("g.huyen", D(2025, 8, 1), (), id="no-district-after-the-reform"),
    # Communes below the province, through their districts, not a commune's own office.
    pytest.param("g.xa", D(2024, 3, 1), ("a.x1", "b.x2"), id="communes-through-districts"),
    pytest.param("g.xa", D(2025, 8, 1), ("n",), id="the-new-commune-after-the-reform"),
    # A mixed group: the district's own bodies and its communes.
    pytest.param("g.mixed", D(2024, 3, 1), ("a.pnv", "a.x1"), id="mixed-levels"),
    # A listed group stands for its members; the list keeps registry order.
    pytest.param("g.list", D(2024, 3, 1), ("p.s", "a", "b"), id="list-with-a-group"),
    # Units whose parent is the group are members too.
    pytest.param("g.below", None, ("p.s", "g.below.m"), id="parent-is-the-group"),
    pytest.param("p", None, (), id="no-group"),
]


@pytest.mark.parametrize(("group", "day", "members"), MEMBERS)
def test_members_at_a_date(group: str, day: dt.date | None, members: tuple[str, ...]) -> None:
    assert Groups(registry()).members(group, day) == members


def test_addressed_and_groups_of() -> None:
    groups = Groups(registry())
    # A group with no member on the day stands for itself, once.
    assert groups.addressed("g.huyen", D(2025, 8, 1)) == ("g.huyen",)
    assert groups.addressed("a", D(2024, 1, 1)) == ("a",)
    assert groups.groups_of("a") == ("g.huyen", "g.list")
    assert groups.groups_of("a", D(2025, 8, 1)) == ()
    # A district's office belongs to the group of districts through its district.
    assert groups.belongs("a.pnv", "g.huyen", D(2024, 1, 1))
    assert not groups.belongs("p.s", "g.huyen", D(2024, 1, 1))


def test_a_cycle_of_groups_ends() -> None:
    units = {
        "x": unit("x", P, members=Members(units=("y", "m1"))),
        "y": unit("y", P, members=Members(units=("x", "m2"))),
        "m1": unit("m1", P),
        "m2": unit("m2", P),
    }
    assert Groups(units).members("x") == ("m1", "m2")


@st.composite
def registries(draw: st.DrawFn) -> dict[str, Unit]:
    """Random trees of units below one province, with random end dates and two groups."""
    units = [unit("root", P)]
    for index in range(draw(st.integers(0, 25))):
        parent = draw(st.sampled_from([u.code for u in units]))
        ends = draw(st.none() | st.dates(D(2023, 1, 1), D(2026, 12, 31)))
        units.append(unit(f"u{index}", draw(st.sampled_from(list(Level))), parent, valid_to=ends))
    levels = tuple(draw(st.sets(st.sampled_from(list(Level)), min_size=1)))
    listed = tuple(draw(st.sets(st.sampled_from([u.code for u in units]), max_size=3)))
    units.append(unit("g1", P, "root", members=Members(levels=levels, under="root")))
    units.append(unit("g2", P, "root", members=Members(levels=levels, units=(*listed, "g1"))))
    return {u.code: u for u in units}


@given(registries(), st.dates(D(2023, 1, 1), D(2026, 12, 31)))
def test_members_on_a_day_are_the_members_that_exist_that_day(
    units: dict[str, Unit], day: dt.date
) -> None:
    groups = Groups(units)
    for group in ("g1", "g2"):
        ever = groups.members(group)
        assert groups.members(group, day) == tuple(c for c in ever if units[c].is_valid_on(day))
        # Members are declared units, never groups, each once.
        assert all(c in units and not units[c].is_group for c in ever)
        assert len(set(ever)) == len(ever)
        for code in ever:
            assert group in groups.groups_of(code)
    # A group listed among members brings all of its own.
    assert set(groups.members("g1")) <= set(groups.members("g2"))


# -- expected children ---------------------------------------------------------------------


def plan(key: str, issuer: str, *tasks: Task, **more: object) -> Plan:
    return Plan(
        key=key,
        kind=DocumentKind.PLAN,
        title=f"Kế hoạch {key}",
        issuer=issuer,
        period=Period.years(2024),
        issued=D(2024, 2, 1),
        tasks=tasks,
        **more,  # type: ignore[arg-type]
    )


def test_a_group_counts_its_members_one_by_one() -> None:
    parent = plan("kh-p", "p", expected_children=("g.huyen", "p.s"))
    children = (
        plan("kh-a", "a.pnv", parents=("kh-p",)),  # an office issues for its district
    )
    corpus = Corpus(plans=(parent, *children), units=registry())
    status = expected_children_status(PlanGraph.from_corpus(corpus), "kh-p")
    assert status.issued == {"a": ("kh-a",)}
    assert status.missing == ("b", "p.s")
    assert status.groups == {"g.huyen": ("a", "b")}
    assert status.of_group("g.huyen") == (("a",), ("b",))
    assert status.on == D(2024, 2, 1)
    assert status.share == pytest.approx(1 / 3)


def test_a_unit_counts_every_child_issued_by_it_or_below_it_in_the_childrens_order() -> None:
    # A unit whose office and commune both issued, a child issued under two expected units
    # (the district and its commune), and the plan's expected units in its own order.
    parent = plan("kh-p", "p", expected_children=("a.x1", "a", "b", "p.s"))
    children = (
        plan("kh-x1vp", "a.x1.vp", parents=("kh-p",)),
        plan("kh-pnv", "a.pnv", parents=("kh-p",)),
        plan("kh-x1", "a.x1", parents=("kh-p",)),
    )
    corpus = Corpus(plans=(parent, *children), units=registry())
    status = expected_children_status(PlanGraph.from_corpus(corpus), "kh-p")
    assert status.issued == {"a.x1": ("kh-x1vp", "kh-x1"), "a": ("kh-x1vp", "kh-pnv", "kh-x1")}
    assert status.missing == ("b", "p.s")


def test_a_group_with_no_member_on_the_plans_day_counts_once() -> None:
    parent = attrs_evolve_issued(plan("kh-p", "p", expected_children=("g.huyen",)), D(2025, 8, 1))
    corpus = Corpus(plans=(parent,), units=registry())
    status = expected_children_status(PlanGraph.from_corpus(corpus), "kh-p")
    assert status.groups == {"g.huyen": ()}
    assert status.missing == ("g.huyen",)


def attrs_evolve_issued(doc: Plan, day: dt.date) -> Plan:
    import attrs

    return attrs.evolve(doc, issued=day, period=Period.years(day.year))


# -- the report cascade --------------------------------------------------------------------


def yearly(day: int, *, bound: Bound = Bound.BY, to: str = "p") -> Schedule:
    return Schedule(
        kind=ScheduleKind.REPORT,
        cadences=(Cadence.YEARLY,),
        anchor=Anchor.DAY,
        day=day,
        bound=bound,
        to=to,
    )


def province_plan() -> Plan:
    """The districts report by 10/12; the province (its Sở) reports on by 15/12."""
    return plan(
        "kh-p",
        "p",
        Task(id="bc1", text="UBND các huyện báo cáo", lead=("g.huyen",), schedules=(yearly(10),)),
        Task(id="bc2", text="Sở tổng hợp báo cáo", lead=("p.s",), schedules=(yearly(15, to="c"),)),
    )


@pytest.mark.parametrize(
    ("day", "late"),
    [
        # 10/12 is the day the province orders: not late, and not held to 9/12 as if the
        # districts' report were the province's own (Điều 8.5 concerns the province's).
        pytest.param(10, False, id="on-the-day-ordered"),
        pytest.param(11, True, id="after-the-day-ordered"),
    ],
)
def test_a_report_ordered_from_the_childs_group_is_its_own_duty(day: int, late: bool) -> None:
    child = plan("kh-a", "a", Task(id="bc", text="Báo cáo", schedules=(yearly(day),)))
    pairs = [(province_plan(), child)]
    problems = check_cascade(pairs, calendar=CAL, groups=Groups(registry()))
    assert bool(problems) is late
    if late:
        (problem,) = problems
        assert "the day kh-p#bc1 orders it" in problem.message
        assert "expected by 2024-12-10" in problem.message


def test_without_groups_every_report_of_the_parent_is_its_own() -> None:
    child = plan("kh-a", "a", Task(id="bc", text="Báo cáo", schedules=(yearly(10),)))
    (problem,) = check_cascade([(province_plan(), child)], calendar=CAL)
    assert "expected by 2024-12-09" in problem.message


def test_the_parents_own_report_still_bounds_the_child() -> None:
    # The province reports by 15/12: a district by 15/12 is too late for it (Điều 8.5),
    # and too late for the 10/12 the province ordered.
    child = plan("kh-a", "a", Task(id="bc", text="Báo cáo", schedules=(yearly(15),)))
    problems = check_cascade([(province_plan(), child)], calendar=CAL, groups=Groups(registry()))
    assert {p.message.split(", ")[-1] for p in problems} == {
        "the day kh-p#bc1 orders it",
        # 15/12/2024 is a Sunday: the province's report is due Monday 16/12.
        "1 working day(s) before kh-p#bc2 due 2024-12-16",
    }


# -- one member's agenda -------------------------------------------------------------------


def test_a_members_agenda_holds_its_groups_duties_on_their_days() -> None:
    units = registry()
    quota = Schedule(kind=ScheduleKind.QUOTA, cadences=(Cadence.MONTHLY,), count=1)
    doc = attrs_evolve_issued(
        plan("kh-p", "p", Task(id="t", text="Tin bài", lead=("g.xa",), schedules=(quota,))),
        D(2025, 1, 1),
    )
    groups = Groups(units)
    wanted = agenda_units(groups, {"a.x1"})
    assert wanted == {"a.x1", "g.xa", "g.mixed"}
    mine = owed_by(expand([doc], calendar=CAL, units=wanted), {"a.x1"}, groups)
    # The commune ended on 30/6/2025: January to June are its, July on are not.
    assert [o.date.month for o in mine] == [1, 2, 3, 4, 5, 6]
    theirs = owed_by(expand([doc], calendar=CAL), {"n"}, groups)
    assert [o.date.month for o in theirs] == [7, 8, 9, 10, 11, 12]


# -- derive attaches a new unit to the group the parent addresses ---------------------------


@pytest.mark.parametrize(
    ("expected", "level", "parent"),
    [
        pytest.param(("g.huyen", "p.s"), DIS, "p", id="below-the-rules-unit"),
        pytest.param(("g.below",), P, "g.below", id="below-a-listed-group"),
        pytest.param(("g.huyen", "g.mixed"), DIS, None, id="two-groups-of-the-level"),
        pytest.param(("p.s",), DIS, None, id="no-group"),
    ],
)
def test_derive_makes_a_new_unit_a_member(
    expected: tuple[str, ...], level: Level, parent: str | None
) -> None:
    doc = plan("kh-p", "p", expected_children=expected)
    child = derive(doc, "UBND huyện Mới", 2024, units=registry(), level=level)
    (new,) = child.units
    assert new.parent == parent
    if parent is not None:
        units = {**registry(), new.code: new}
        corpus = Corpus(plans=(doc, attrs_evolve_issued(child, D(2024, 3, 1))), units=units)
        status = expected_children_status(PlanGraph.from_corpus(corpus), "kh-p")
        assert new.code in status.issued or parent in status.issued


# -- files, checks and commands --------------------------------------------------------------


REGISTRY = """\
units:
  - {code: p, name: UBND tỉnh P, level: province}
  - {code: a, name: UBND huyện A, level: district, parent: p}
  - {code: b, name: UBND huyện B, level: district, parent: p}
  - code: g
    name: UBND các huyện
    level: district
    parent: p
    members: {levels: [district], under: p}
"""

PARENT = """\
key: kh-p
kind: plan
title: Kế hoạch của tỉnh (dữ liệu thử, không phải văn bản thật)
issuer: p
issued: 2024-02-01
period: 2024
expected_children: [g]
"""

CHILD = """\
key: kh-a
kind: plan
title: Kế hoạch của huyện A (dữ liệu thử)
issuer: a
issued: 2024-03-01
period: 2024
parents: [kh-p]
"""


def _corpus(tmp_path: Path, registry_text: str = REGISTRY) -> Path:
    (tmp_path / "units.yaml").write_text(registry_text, encoding="utf-8")
    (tmp_path / "kh-p.yaml").write_text(PARENT, encoding="utf-8")
    (tmp_path / "kh-a.yaml").write_text(CHILD, encoding="utf-8")
    return tmp_path


def test_a_registry_declares_a_group_by_rule(tmp_path: Path) -> None:
    corpus = load_corpus(_corpus(tmp_path))
    assert corpus.units["g"].members == Members(levels=(Level.DISTRICT,), under="p")
    assert corpus.groups.members("g", D(2024, 2, 1)) == ("a", "b")


def test_a_members_field_of_the_wrong_shape_names_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = REGISTRY.replace("levels: [district]", "levels: [huyện]")
    assert main(["validate", str(_corpus(tmp_path, bad))]) == 2
    err = capsys.readouterr().err
    assert "units.yaml: $.units[3].members.levels[0]" in err
    assert "Traceback" not in err


def test_a_member_no_file_declares_is_an_error(tmp_path: Path) -> None:
    bad = REGISTRY.replace("under: p", "under: q")
    problems = check(PlanGraph.from_corpus(load_corpus(_corpus(tmp_path, bad))))
    (problem,) = [p for p in problems if p.rule == "graph.unknown_unit"]
    assert problem.where == "units['g'].members.under"
    assert "'q'" in problem.message


def test_coverage_names_the_members_that_have_not_issued(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _corpus(tmp_path)
    main(["coverage", "--json", str(root)])
    (expected,) = json.loads(capsys.readouterr().out)["expected_children"]
    assert expected["plan"] == "kh-p"
    assert expected["issued"] == [{"unit": "a", "plans": ["kh-a"]}]
    assert expected["missing"] == ["b"]
    assert expected["groups"] == [{"group": "g", "members": ["a", "b"]}]
    main(["coverage", "--lang", "en", str(root)])
    out = capsys.readouterr().out
    assert "UBND các huyện: 1 of 2 members issued (members on 01/02/2024)" in out
    assert "✘ UBND huyện B: no plan yet" in out
    main(["summary", "--lang", "en", "--as-of", "2024-03-01", str(root)])
    assert "Units ordered to issue a plan: 1 of 2 have" in capsys.readouterr().out


def test_the_bundled_group_of_districts_counts_thirty() -> None:
    from cchc import bundled_corpus_path

    corpus = load_corpus(bundled_corpus_path())
    status = expected_children_status(PlanGraph.from_corpus(corpus), "hn-kh-54-2024")
    done, owing = status.of_group("hn.quan-huyen-thi-xa")
    assert (len(done), len(owing)) == (2, 28)
    mixed = corpus.groups.members("ls-tp.co-quan-don-vi", D(2024, 2, 27))
    assert {corpus.units[c].level for c in mixed} == {Level.DISTRICT, Level.COMMUNE}
    assert "ls-tp-cl.ubnd" in mixed


def test_derive_keeps_a_duty_the_parent_gives_the_childs_group() -> None:
    report = Schedule(kind=ScheduleKind.REPORT, cadences=(Cadence.YEARLY,), to="p")
    doc = plan(
        "kh-p",
        "p",
        Task(id="bc", text="UBND các huyện báo cáo", lead=("g.huyen",), schedules=(report,)),
        Task(id="nd", text="Tuyên truyền", lead=("p.s",), products=("tin",)),
    )
    child = derive(doc, "a", 2024, units=registry())
    owed, other = child.tasks
    # The district's own duty keeps its schedule, led by the district; the department's
    # task is left for the district to decide.
    assert (owed.lead, owed.schedules) == (("a",), (report,))
    assert (other.lead, other.products, other.schedules) == ((), (), ())


def test_derive_refuses_a_year_outside_the_parents_period() -> None:
    from cchc import ModelError

    with pytest.raises(ModelError) as caught:
        derive(plan("kh-p", "p"), "a", 2026, units=registry())
    assert caught.value.field == "year"
