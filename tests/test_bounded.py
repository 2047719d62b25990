"""Work bounded by what is asked: windows, budgets, deep cascades and hostile citation text.

Speed and memory are measured by ``bench/bench_bounded.py``; these tests check results.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc import Corpus, ItemLink, Period, Plan, Schedule, Task, Unit
from cchc.calendar._expand import (
    ND09,
    Expansion,
    Occurrence,
    ReportRegime,
    ReportRule,
    Timing,
    expand,
    in_range,
    timing,
)
from cchc.calendar._streams import ReportStreams, Stream
from cchc.calendar._workdays import Policy, WorkCalendar
from cchc.cli import main
from cchc.graph._graph import TREE_DEPTH
from cchc.refs._citations import CitationLimitError, find_citations
from cchc.render._calendar import render_agenda
from cchc.render._console import Lang, make_console
from cchc.report._deadlines import deadlines_around
from cchc.text._vocab import Anchor, Cadence, DocumentKind, Level, Relation, ScheduleKind
from tests import strategies

D = dt.date
# The periods of NĐ 09/2019, Điều 12 and the nine months: 20 a year.  (``first_half`` is
# the first of the halves, for plans that ask for no second-half report.)
EVERY_CADENCE = tuple(c for c in Cadence if c is not Cadence.FIRST_HALF)
ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    return code, out.getvalue(), err.getvalue()


def words(text: str) -> str:
    """*text* with every run of spaces, line breaks and tree guides as one space."""
    return " ".join(word for word in text.split() if word not in ("|", "`--", "+--"))


# --- windowed expansion equals the filtered full expansion -----------------------------


@st.composite
def small_plans(draw: st.DrawFn) -> Plan:
    """A plan of strategies.plans() over a few years, its due dates inside them."""
    plan = draw(strategies.plans())
    first = draw(st.integers(2020, 2027))
    period = Period.years(first, first + draw(st.integers(0, 1)))
    if draw(st.booleans()):
        start = draw(st.dates(min_value=period.start, max_value=period.end))
        period = Period(start=start, end=draw(st.dates(min_value=start, max_value=period.end)))
    tasks = tuple(
        Task(
            id=task.id,
            text=task.text or "x",
            lead=task.lead,
            schedules=tuple(
                s
                for s in task.schedules
                if s.due is None or dt.date(2019, 1, 1) <= s.due <= dt.date(2030, 12, 31)
            ),
        )
        for task in plan.tasks[:4]
        if task.waiver is None
    )
    return Plan(
        key=plan.key,
        kind=plan.kind,
        title=plan.title,
        issuer=plan.issuer,
        period=None if draw(st.integers(0, 9)) == 0 else period,
        tasks=tasks,
    )


plan_lists = st.lists(small_plans(), min_size=1, max_size=2, unique_by=lambda p: p.key)
windows = st.tuples(
    st.none() | st.dates(min_value=D(2018, 6, 1), max_value=D(2031, 6, 1)),
    st.none() | st.dates(min_value=D(2018, 6, 1), max_value=D(2031, 6, 1)),
)
regimes = st.sampled_from(
    [
        ND09,
        ReportRegime(
            name="test",
            rules=tuple(
                (c, ReportRule(cutoff_day=20, send_after=3, source="test")) for c in Cadence
            ),
        ),
    ]
)
WIDE = WorkCalendar.vietnam(2017, 2033)


@settings(max_examples=20)
@given(
    plan_lists,
    windows,
    st.sampled_from(Policy),
    regimes,
    st.sampled_from([None, WIDE]),
)
def test_windowed_expansion_equals_the_filtered_full_expansion(
    plans: list[Plan],
    window: tuple[dt.date | None, dt.date | None],
    policy: Policy,
    regime: ReportRegime,
    calendar: WorkCalendar | None,
) -> None:
    start, end = window
    full = expand(plans, calendar=calendar, policy=policy, regime=regime)
    assert list(full) == sorted(full, key=Occurrence.sort_key)
    windowed = expand(plans, calendar=calendar, policy=policy, regime=regime, start=start, end=end)
    assert windowed == in_range(full, start, end)
    expansion = Expansion(plans, calendar=calendar, policy=policy, regime=regime)
    assert expansion.count(start, end) == len(windowed)
    # Lazily, soonest first from start and latest first up to end, in the same order.
    assert list(expansion.forward(start)) == list(in_range(full, start, None))
    assert list(expansion.backward(end)) == list(reversed(in_range(full, None, end)))


@settings(max_examples=25)
@given(plan_lists, windows, st.integers(0, 6), st.booleans(), st.booleans())
def test_the_first_few_deadlines_are_the_first_few_of_all(
    plans: list[Plan],
    window: tuple[dt.date | None, dt.date | None],
    limit: int,
    stated: bool,
    twice: bool,
) -> None:
    # Cascades share their deadlines, so the few first are picked among many ties; a plan
    # given twice ties exactly, and both copies must still be there.
    given = plans + plans if twice else plans
    start, end = window
    expansion = Expansion(given)
    assert list(expansion.forward(start, limit)) == list(expansion.forward(start))[:limit]
    every = list(expansion.backward(end, stated=stated))
    assert list(expansion.backward(end, stated=stated, limit=limit)) == every[:limit]
    for stream in expansion._streams:
        for number in stream.numbers[:3]:
            assert stream.sort_key(number) == stream.at(number).sort_key()


@settings(max_examples=15)
@given(plan_lists, st.sets(st.sampled_from(["a.x", "b.y", "c.z"])))
def test_a_unit_filter_keeps_the_duties_of_those_units(plans: list[Plan], units: set[str]) -> None:
    wanted = tuple(o for o in expand(plans) if units.intersection(o.units))
    assert expand(plans, units=units) == wanted


@settings(max_examples=20)
@given(
    plan_lists,
    st.dates(min_value=D(2018, 1, 1), max_value=D(2032, 12, 31)),
    st.integers(0, 12),
)
def test_summary_deadlines_equal_those_of_a_full_expansion(
    plans: list[Plan], as_of: dt.date, limit: int
) -> None:
    full = expand(plans)
    # A report whose document names no day is never overdue (NĐ 09/2019, Điều 13.1 gives
    # it a window, not a deadline).
    late = [o for o in full if o.date < as_of and o.stated]
    ahead = [o for o in full if o.date >= as_of]
    found = deadlines_around(plans, as_of, limit)
    assert found.upcoming == tuple(ahead[:limit])
    assert found.overdue == (tuple(late[-limit:]) if limit else ())
    assert (found.upcoming_total, found.overdue_total) == (len(ahead), len(late))
    soon = sum(1 for o in ahead if timing(o, as_of) is Timing.UPCOMING)
    assert found.within_30_days == soon


def test_deadlines_around_the_ends_of_the_calendar() -> None:
    plans = [_long_plan("kh", 1)]
    first, last = deadlines_around(plans, dt.date.min, 2), deadlines_around(plans, dt.date.max, 2)
    assert (first.overdue_total, first.overdue, len(first.upcoming)) == (0, (), 2)
    assert (last.upcoming_total, last.upcoming, len(last.overdue)) == (0, (), 2)
    assert last.overdue_total == first.upcoming_total == 155 * 20


# --- budgets -----------------------------------------------------------------------------


def _long_plan(key: str, tasks: int, *, kind: ScheduleKind = ScheduleKind.RECURRING) -> Plan:
    """A plan of 1946-2100 whose every task lists every cadence."""
    schedule = Schedule(
        kind=kind,
        cadences=EVERY_CADENCE,
        anchor=Anchor.FOLLOWING_DAY,
        day=5,
        to="u.a" if kind is ScheduleKind.REPORT else None,
    )
    return Plan(
        key=key,
        kind=DocumentKind.PLAN,
        title="Kế hoạch dài hạn",
        issuer="u.a",
        period=Period.years(1946, 2100),
        tasks=tuple(
            Task(id=f"nd{i}", text="Nhiệm vụ", lead=("u.a",), schedules=(schedule,))
            for i in range(tasks)
        ),
    )


def _write(folder: Path, *plans: Plan, extra: str = "") -> Path:
    from cchc import dump_plan

    folder.mkdir(exist_ok=True)
    (folder / "units.yaml").write_text(
        "units:\n  - {code: u.a, name: UBND tỉnh A, level: province}\n" + extra, encoding="utf-8"
    )
    for plan in plans:
        dump_plan(plan, folder / f"{plan.key}.yaml")
    return folder


def test_calendar_stops_at_the_budget_before_working_anything_out(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c", _long_plan("kh", 1))
    code, out, err = run("calendar", str(folder), "--max-occurrences", "1000")
    assert (code, out) == (2, "")
    assert err == (
        "calendar: expected at most 1,000 deadline occurrences, found 3,100; choose fewer "
        "with --from and --to, --plan or --unit, or raise the budget with --max-occurrences N\n"
    )
    # The window asked for holds far fewer: it is all that is worked out.
    code, out, err = run(
        "calendar", str(folder), "--json", "--from", "2024-01-01", "--to", "2024-12-31",
        "--max-occurrences", "1000", "--as-of", "2024-06-01",
    )  # fmt: skip
    assert (code, err) == (1, "")
    assert len(json.loads(out)["occurrences"]) == 20


def test_the_default_budget_is_200_a_schedule_and_at_least_200000(tmp_path: Path) -> None:
    # 65 schedules of 3,100 occurrences: 201,500, past max(200,000, 65 * 200).
    folder = _write(tmp_path / "c", _long_plan("kh", 65))
    code, _, err = run("calendar", str(folder))
    assert code == 2
    assert err.startswith("calendar: expected at most 200,000 deadline occurrences, found 201,500;")
    code, _, err = run("calendar", str(folder), "--from", "2024-01-01", "--to", "2024-01-31")
    assert (code, err) == (1, "")


def test_validate_and_summary_stop_at_the_budget(tmp_path: Path) -> None:
    parent = _long_plan("cha", 1, kind=ScheduleKind.REPORT)
    child = Plan(
        key="con",
        kind=DocumentKind.PLAN,
        title="Kế hoạch con",
        issuer="u.a",
        period=Period.years(1946, 2100),
        parents=("cha",),
        tasks=(
            Task(
                id="nd0",
                text="Nhiệm vụ",
                lead=("u.a",),
                schedules=parent.tasks[0].schedules,
                inherits=(ItemLink(plan="cha", item="nd0"),),
            ),
        ),
    )
    folder = _write(tmp_path / "c", parent, child)
    code, out, err = run("validate", str(folder), "--max-occurrences", "100")
    assert (code, out) == (2, "")
    assert err == (
        "validate: expected at most 100 deadline occurrences, found more; "
        "raise the budget with --max-occurrences N\n"
    )
    code, _, err = run("validate", str(folder))
    assert code == 0, err
    code, _, err = run("summary", str(folder), "--limit", "100000", "--max-occurrences", "10")
    assert code == 2
    assert err == (
        "summary: expected at most 10 deadline occurrences, found 6,200; list fewer with "
        "--limit, or raise the budget with --max-occurrences N\n"
    )
    code, _, err = run("summary", str(folder), "--as-of", "2024-06-01")
    assert (code, err) == (0, "")


def test_an_occurrence_budget_is_a_whole_number(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("calendar", "--max-occurrences", "0")
    assert code == 2
    err = capsys.readouterr().err
    assert "--max-occurrences: expected a whole number of at least 1, got '0'" in err
    assert "Traceback" not in err


# --- dates outside the model's years ---------------------------------------------------


PLAN_1945 = """\
key: kh-1945
kind: plan
title: Kế hoạch năm 1945
issuer: u.a
period: 1945
tasks:
  - id: nd1
    text: Báo cáo
    lead: [u.a]
    schedules:
      - {kind: report, cadences: [monthly, quarterly], to: u.a}
"""


def test_a_report_on_january_1945_reads_data_from_december_1944(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c")
    (folder / "kh-1945.yaml").write_text(PLAN_1945, encoding="utf-8")
    code, out, err = run("calendar", str(folder), "--as-of", "1945-03-01", "--lang", "vi")
    # The reports name no day: past their window, but not overdue (NĐ 09/2019, Điều 13.1).
    assert (code, err) == (0, "")
    assert "15/12/1944-14/01/1945" in out  # the data window, however the line wraps
    code, out, err = run("calendar", str(folder), "--json", "--as-of", "1945-03-01")
    first = json.loads(out)["occurrences"][0]
    assert first["cutoff"] == {"start": "1944-12-15", "end": "1945-01-14"}
    for command in ("summary", "validate"):
        code, _, err = run(command, str(folder))
        assert (code, err) == (0, ""), command


def test_deadlines_of_december_2100_fall_in_2101() -> None:
    (plan,) = (_long_plan("kh", 1),)
    last = expand([plan], start=D(2101, 1, 1))
    # One date, so in the order of their periods' starts: the year first.
    assert [o.cadence for o in last] == [
        Cadence.YEARLY,
        Cadence.HALF_YEARLY,
        Cadence.QUARTERLY,
        Cadence.MONTHLY,
    ]
    assert {(o.date.year, o.date.month, o.period.end) for o in last} == {(2101, 1, D(2100, 12, 31))}


# --- deep cascades ---------------------------------------------------------------------

CHAIN = 10_000


@pytest.fixture(scope="module")
def chain() -> Corpus:
    """10,000 plans, each implementing the one before and carrying its task."""
    plans = [
        Plan(
            key=f"c{i}",
            kind=DocumentKind.PLAN,
            title=f"Kế hoạch {i}",
            issuer="u.a",
            period=Period.years(2024),
            parents=(f"c{i - 1}",) if i else (),
            tasks=(
                Task(
                    id="nd1",
                    text="Tuyên truyền cải cách hành chính",
                    lead=("u.a",),
                    inherits=(ItemLink(plan=f"c{i - 1}", item="nd1"),) if i else (),
                ),
            ),
        )
        for i in range(CHAIN)
    ]
    units = {"u.a": Unit(code="u.a", name="UBND tỉnh A", level=Level.PROVINCE)}
    return Corpus(plans=tuple(plans), units=units, files={p.key: f"{p.key}.yaml" for p in plans})


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch, chain: Corpus) -> Corpus:
    from cchc.cli import _common, _coverage, _summary

    for module in (_common, _coverage, _summary):
        monkeypatch.setattr(module, "load_for_command", lambda path, env: chain)
    return chain


def _depth(node: dict[str, object]) -> int:
    depth = 0
    level: list[dict[str, object]] = [node]
    while level:
        depth += 1
        level = [child for parent in level for child in parent["children"]]  # type: ignore[attr-defined]
    return depth


def test_a_chain_of_10000_plans_in_summary(loaded: Corpus) -> None:
    code, out, err = run("summary", "--as-of", "2024-06-01", "--lang", "en")
    assert (code, err) == (0, "")
    assert f"… 1 child document(s) not shown: the tree stops at {TREE_DEPTH} levels" in words(out)
    assert len(out.splitlines()) < 200
    code, out, err = run("summary", "--as-of", "2024-06-01", "--json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    schema = json.loads((ROOT / "docs" / "schemas" / "summary.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    (top,) = document["tree"]
    assert _depth(top) == TREE_DEPTH
    node = top
    while node["children"]:
        node = node["children"][0]
    assert (node["key"], node["hidden"]) == (f"c{TREE_DEPTH - 1}", 1)


def test_a_chain_of_10000_plans_in_graph(loaded: Corpus) -> None:
    code, out, err = run("graph", "--lang", "en")
    assert (code, err) == (0, "")
    assert out.count("UBND tỉnh A") == TREE_DEPTH
    assert f"… 1 child document(s) not shown: the tree stops at {TREE_DEPTH} levels" in words(out)
    assert f"c{TREE_DEPTH}" not in out.split()  # nothing below the cut, nor at the top
    code, out, _ = run("graph", "--format", "dot")
    assert (code, out.count(" -> ")) == (0, CHAIN - 1)
    code, out, _ = run("graph", "--format", "mermaid")
    assert (code, out.count(" --> ")) == (0, CHAIN - 1)


def test_a_chain_of_10000_plans_in_coverage(loaded: Corpus) -> None:
    code, out, err = run("coverage", "--json")
    assert (code, err) == (0, "")
    assert len(json.loads(out)["edges"]) == CHAIN - 1
    code, out, err = run("coverage", "--plan", "c0", "--item", "nd1", "--lang", "en")
    assert (code, err) == (0, "")
    hidden = CHAIN - 1 - TREE_DEPTH
    assert (
        f"… {hidden} more step(s) further down, 0 breaking the chain: the tree stops at "
        f"{TREE_DEPTH} levels (to go on: --plan c{TREE_DEPTH} --item nd1)"
    ) in words(out)


def test_a_trace_follows_a_chain_of_10000_plans(chain: Corpus) -> None:
    from cchc.coverage._coverage import Status, trace
    from cchc.graph._graph import PlanGraph

    edges = PlanGraph.from_corpus(chain).implements_edges()
    steps = trace({p.key: p for p in chain}, edges, "c0", "nd1")
    seen = []
    while steps:
        (step,) = steps
        seen.append((step.child, step.status))
        steps = step.next
    assert seen == [(f"c{i}", Status.COVERED) for i in range(1, CHAIN)]


def test_a_cut_below_a_cycle_does_not_list_what_it_leaves_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Plans on a cycle are listed at the top; the chain hanging below them is cut.
    plans = [
        Plan(
            key=f"p{i}",
            kind=DocumentKind.PLAN,
            title="x",
            issuer="u.a",
            parents=(f"p{i - 1 if i else 29}",) if i < 30 else (f"p{i - 1}",),
        )
        for i in range(40)
    ]
    corpus = Corpus(plans=tuple(plans), units={})
    from cchc.graph._graph import PlanGraph
    from cchc.render._graph import cascade_tree

    console = make_console(io.StringIO(), {"COLUMNS": "200"})
    console.print(cascade_tree(PlanGraph.from_corpus(corpus), Lang.EN))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert out.count("  p") == TREE_DEPTH
    assert out.count("not shown") == 1


# --- the plain agenda is what rich would print -----------------------------------------

texts = st.one_of(
    strategies.vietnamese_text,
    st.text(alphabet="ab漢字 ", min_size=1, max_size=60),
    st.text(alphabet="x", min_size=90, max_size=300),  # one word longer than a line
    st.just(" trailing spaces   "),
)


@st.composite
def agenda_entries(draw: st.DrawFn) -> list[Occurrence]:
    found = []
    # Few plans and tasks, so that a task comes again (its text is then cut to one line).
    plans = draw(st.lists(strategies.keys, min_size=1, max_size=2, unique=True))
    for index in range(draw(st.integers(1, 6))):
        day = draw(st.dates(min_value=D(2024, 1, 1), max_value=D(2024, 2, 29)))
        moved = draw(st.booleans())
        cadence = draw(st.sampled_from(Cadence))
        kind = draw(st.sampled_from([ScheduleKind.QUOTA, ScheduleKind.REPORT]))
        found.append(
            Occurrence(
                plan=draw(st.sampled_from(plans)),
                task=f"nd{draw(st.integers(0, 2))}",
                path=f"$.tasks[{index}].schedules[0]",
                units=tuple(draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1))),
                date=day,
                original_date=day - dt.timedelta(days=2) if moved else day,
                kind=kind,
                period=Period(start=D(2024, 1, 1), end=D(2024, 1, 31)),
                cadence=cadence,
                cutoff=Period(start=D(2023, 12, 15), end=D(2024, 1, 14))
                if kind is ScheduleKind.REPORT
                else None,
                count=1 if kind is ScheduleKind.QUOTA else None,
                what=draw(st.none() | texts) if kind is ScheduleKind.QUOTA else None,
                to="a" if kind is ScheduleKind.REPORT else None,
                text=draw(texts),
            )
        )
    return found


@settings(max_examples=40)
@given(
    agenda_entries(),
    st.dictionaries(st.sampled_from(["a", "b", "c"]), texts),
    st.integers(30, 140),
    st.sampled_from(Lang),
)
def test_the_plain_agenda_is_laid_out_as_rich_lays_it_out(
    entries: list[Occurrence], names: dict[str, str], width: int, lang: Lang
) -> None:
    outputs = []
    for record in (False, True):
        console = make_console(io.StringIO(), {"COLUMNS": str(width)})
        console.record = record  # a recording console goes through rich's tables
        render_agenda(console, entries, as_of=D(2024, 1, 20), lang=lang, unit_names=names)
        outputs.append(console.file.getvalue())  # type: ignore[attr-defined]
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("record", [False, True], ids=["plain", "rich"])
def test_a_task_met_again_shows_its_text_once_then_one_cut_line(record: bool) -> None:
    text = "Hằng tháng, có ít nhất 01 tin, bài về cải cách hành chính " * 3
    months = [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 29)]
    entries = [
        Occurrence(
            plan="kh-a",
            task="nd1",
            path="$.tasks[0].schedules[0]",
            units=("a",),
            date=day,
            original_date=day,
            kind=ScheduleKind.QUOTA,
            period=Period(start=day.replace(day=1), end=day),
            cadence=Cadence.MONTHLY,
            count=1,
            text=text.strip(),
        )
        for day in months
    ]
    console = make_console(io.StringIO(), {"COLUMNS": "80"})
    console.record = record
    render_agenda(console, entries, as_of=D(2024, 1, 1), lang=Lang.EN, unit_names={})
    out = console.file.getvalue()  # type: ignore[attr-defined]
    january, february, march = out.split("\n\n")[:3]
    words = text.split()
    assert " ".join(january.split()).endswith(" ".join(words))  # wrapped in full, once
    for later in (february, march):  # then one line, cut at its end
        last = later.splitlines()[-1].strip()
        assert last.endswith("…")
        assert " ".join(words).startswith(last.removesuffix("…").strip())
        assert later.count("Hằng tháng") == 1  # the paragraph repeats it three times


# --- citations in hostile text ---------------------------------------------------------


def test_a_reference_of_endless_parts_is_read_within_a_window() -> None:
    text = "Kế hoạch số 1/A" + "-A" * 100_000
    (citation,) = find_citations(text)
    assert citation.span[0] == 0
    assert citation.ref is None  # longer than any reference
    assert len(citation.text) < 300
    (short,) = find_citations("Kế hoạch số 1/A" + "-A" * 3 + " ngày 3/4/2024 của UBND tỉnh")
    assert str(short.ref) == "1/A-A-A-A"
    assert (short.date, short.issuer_text) == (D(2024, 4, 3), "UBND tỉnh")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("số " * 20_000, 0, id="so"),
        pytest.param("Kế hoạch số " * 20_000, 0, id="kind so"),
        pytest.param("Kế hoạch số " + "1" * 50_000, 1, id="digits"),
        pytest.param("Kế hoạch số 1/" + "A." * 50_000, 1, id="dotted"),
        pytest.param("Kế hoạch số 1/A" + " - A" * 30_000, 1, id="spaced hyphens"),
        pytest.param("Kế hoạch số 1/A của " + "x " * 50_000, 1, id="issuer"),
        pytest.param("Kế hoạch số 1/A về " + "“" * 50_000, 1, id="quotes"),
        pytest.param("Kế hoạch số" + " " * 50_000 + "1/A", 0, id="spaces"),
    ],
)
def test_hostile_texts_give_bounded_citations(text: str, count: int) -> None:
    found = find_citations(text)
    assert len(found) == count
    assert all(len(c.text) <= 1_000 for c in found)  # bounded windows, not the text


def test_a_list_of_citations_keeps_its_relation_and_meets_the_limit() -> None:
    text = "Căn cứ " + "Kế hoạch số 1/A, " * 1_000
    found = find_citations(text)
    assert len(found) == 1_000
    assert {c.relation for c in found} == {Relation.BASIS}
    with pytest.raises(CitationLimitError, match="expected at most 10 citations"):
        find_citations(text, max_citations=10)
    assert len(find_citations(text, max_citations=1_000)) == 1_000


def test_cite_stops_at_the_citation_limit(tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    path.write_text("Thực hiện " + "Kế hoạch số 1/A; " * 20, encoding="utf-8")
    code, out, err = run("cite", str(path), "--max-citations", "5")
    assert (code, out) == (2, "")
    assert err == (
        "cchc cite: expected at most 5 citations in the text, found more; "
        "raise the limit with --max-citations N\n"
    )
    code, out, _ = run("cite", str(path), "--json")
    assert (code, len(json.loads(out)["citations"])) == (0, 20)


def _described(found: tuple[Stream, ...]) -> list[tuple[object, ...]]:
    """What each stream stands for, apart from the context it was made in."""
    return [(s.base, s.cadence, s.numbers, s.stated) for s in found]


@settings(max_examples=25)
@given(plan_lists, st.booleans(), st.booleans())
def test_an_expansion_lends_the_report_checks_the_streams_they_would_make(
    plans: list[Plan], twice: bool, by_unit: bool
) -> None:
    # Taken from the expansion or made afresh, each plan's report streams are the same,
    # also when a plan is given twice or only some units' streams were expanded.
    given = plans + plans if twice else plans
    units = [p.issuer for p in plans[:1]] if by_unit else None
    lent = Expansion(given, units=units).report_streams()
    fresh = ReportStreams.made(regime=ND09)
    for plan in given:
        assert _described(lent.of(plan)) == _described(fresh.of(plan))
    taken = Expansion(plans).report_streams()
    assert taken.context is not fresh.context
    for plan in plans:
        mine = taken.of(plan)
        assert all(stream.base.plan is plan for stream in mine)
        assert _described(mine) == _described(fresh.of(plan))


def test_the_summary_finds_what_the_checks_alone_find() -> None:
    # summary hands the checks its expansion's streams; validate lets them make their own.
    # The benchmark's synthetic cascade of 120 plans has late reports down the cascade.
    from cchc.graph._graph import PlanGraph
    from cchc.report._checks import check_corpus
    from tests.test_progress_exact import _bench

    corpus = _bench().generate(120, seed=0)
    graph = PlanGraph.from_corpus(corpus)
    lent = Expansion(corpus.plans).report_streams()
    alone = check_corpus(graph)
    assert alone == check_corpus(graph, reports=lent)
    assert any(p.rule == "calendar.cascade" for p in alone)
