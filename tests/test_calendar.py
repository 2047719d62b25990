"""Deadline calendars: expansion of schedules, report windows, queries, cascade, command."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.calendar import (
    ND09,
    Occurrence,
    ReportRegime,
    ReportRule,
    Timing,
    agenda,
    calendar_for,
    check_cascade,
    describe_period,
    expand,
    expand_plan,
    in_range,
    overdue,
    timing,
    upcoming,
)
from cchc.calendar._workdays import Policy, WorkCalendar, is_working_day
from cchc.exceptions import ModelError, Severity
from cchc.model._corpus import Corpus
from cchc.model._items import Schedule, Task
from cchc.model._plan import Period, Plan
from cchc.report import check_corpus
from cchc.text._vocab import Anchor, Cadence, DocumentKind, ScheduleKind
from tests import strategies

D = dt.date
CAL = WorkCalendar.vietnam(2022, 2028)
Q, H, Y, M, N = (
    Cadence.QUARTERLY,
    Cadence.HALF_YEARLY,
    Cadence.YEARLY,
    Cadence.MONTHLY,
    Cadence.NINE_MONTHLY,
)


def plan(
    *schedules: Schedule,
    key: str = "ls-tp-kh-2024",
    period: Period | None = None,
    lead: tuple[str, ...] = ("ls-tp.pnv",),
    issuer: str = "ls-tp.ubnd",
) -> Plan:
    """A plan with one task carrying *schedules*."""
    return Plan(
        key=key,
        kind=DocumentKind.PLAN,
        title="Kế hoạch tuyên truyền CCHC",
        issuer=issuer,
        period=period or Period.years(2024),
        tasks=(Task(id="nd1", text="Tuyên truyền CCHC", lead=lead, schedules=schedules),),
    )


def report(*cadences: Cadence, anchor: Anchor | None = None, day: int | None = None) -> Schedule:
    return Schedule(
        kind=ScheduleKind.REPORT, cadences=cadences, anchor=anchor, day=day, to="ls-tp.ubnd"
    )


def recurring(cadence: Cadence, anchor: Anchor | None, day: int | None = None) -> Schedule:
    return Schedule(kind=ScheduleKind.RECURRING, cadences=(cadence,), anchor=anchor, day=day)


def quota(cadence: Cadence = M) -> Schedule:
    return Schedule(kind=ScheduleKind.QUOTA, cadences=(cadence,), count=1, what="tin, bài")


def due(day: dt.date) -> Schedule:
    return Schedule(kind=ScheduleKind.DUE, due=day)


def only(occurrences: tuple[Occurrence, ...], start: dt.date) -> Occurrence:
    """The single occurrence whose period starts on *start*."""
    found = [o for o in occurrences if o.period.start == start]
    assert len(found) == 1, found
    return found[0]


# --- report windows (NĐ 09/2019, Điều 12) ---------------------------------------------

WINDOWS = [
    pytest.param(Q, D(2024, 1, 1), D(2023, 12, 15), D(2024, 3, 14), id="Q1 2024"),
    pytest.param(Q, D(2024, 4, 1), D(2024, 3, 15), D(2024, 6, 14), id="Q2 2024"),
    pytest.param(Q, D(2024, 10, 1), D(2024, 9, 15), D(2024, 12, 14), id="Q4 2024"),
    pytest.param(M, D(2024, 3, 1), D(2024, 2, 15), D(2024, 3, 14), id="March 2024"),
    pytest.param(M, D(2024, 1, 1), D(2023, 12, 15), D(2024, 1, 14), id="January 2024"),
    pytest.param(H, D(2024, 1, 1), D(2023, 12, 15), D(2024, 6, 14), id="H1 2024"),
    pytest.param(H, D(2024, 7, 1), D(2024, 6, 15), D(2024, 12, 14), id="H2 2024"),
    pytest.param(N, D(2024, 1, 1), D(2023, 12, 15), D(2024, 9, 14), id="9 months 2024"),
    pytest.param(Y, D(2024, 1, 1), D(2023, 12, 15), D(2024, 12, 14), id="year 2024"),
]


@pytest.mark.parametrize(("cadence", "period_start", "cut_start", "cut_end"), WINDOWS)
def test_report_cutoff_windows(
    cadence: Cadence, period_start: dt.date, cut_start: dt.date, cut_end: dt.date
) -> None:
    occurrence = only(expand_plan(plan(report(cadence)), calendar=CAL), period_start)
    assert occurrence.cutoff is not None
    assert (occurrence.cutoff.start, occurrence.cutoff.end) == (cut_start, cut_end)


# --- dates of each kind ----------------------------------------------------------------

DATES = [
    # No day in the document: the end of the legal window, the 25th of the period's last
    # month (NĐ 09/2019, Điều 13.1), marked not stated.
    pytest.param(
        report(Q), D(2024, 1, 1), D(2024, 3, 25), D(2024, 3, 25), id="report Q1 no day: 25/3 Mon"
    ),
    pytest.param(
        report(Q), D(2024, 4, 1), D(2024, 6, 25), D(2024, 6, 25), id="report Q2 no day: 25/6 Tue"
    ),
    pytest.param(
        report(Q, anchor=Anchor.FOLLOWING_DAY, day=5),
        D(2024, 7, 1),
        D(2024, 10, 7),
        D(2024, 10, 5),
        id="report Q3 by 5th of next month, a Saturday",
    ),
    pytest.param(
        report(Y, anchor=Anchor.DAY, day=20),
        D(2024, 1, 1),
        D(2024, 12, 20),
        D(2024, 12, 20),
        id="yearly report on 20/12",
    ),
    pytest.param(
        recurring(M, Anchor.DAY, 31), D(2024, 2, 1), D(2024, 2, 29), D(2024, 2, 29), id="31 Feb"
    ),
    pytest.param(
        recurring(M, Anchor.DAY, 30), D(2024, 4, 1), D(2024, 5, 2), D(2024, 4, 30), id="30/4 moved"
    ),
    pytest.param(
        recurring(M, None), D(2024, 3, 1), D(2024, 4, 1), D(2024, 3, 31), id="end by default"
    ),
    pytest.param(
        recurring(Q, Anchor.START), D(2024, 1, 1), D(2024, 1, 2), D(2024, 1, 1), id="start, 1/1"
    ),
    pytest.param(
        recurring(H, Anchor.END), D(2024, 1, 1), D(2024, 7, 1), D(2024, 6, 30), id="H1 end Sun"
    ),
    pytest.param(quota(), D(2024, 4, 1), D(2024, 4, 26), D(2024, 4, 30), id="quota April 2024"),
    pytest.param(quota(), D(2024, 2, 1), D(2024, 2, 29), D(2024, 2, 29), id="quota leap Feb"),
    pytest.param(quota(Q), D(2024, 1, 1), D(2024, 3, 29), D(2024, 3, 31), id="quota Q1"),
]


@pytest.mark.parametrize(("schedule", "period_start", "date", "original"), DATES)
def test_occurrence_dates(
    schedule: Schedule, period_start: dt.date, date: dt.date, original: dt.date
) -> None:
    occurrence = only(expand_plan(plan(schedule), calendar=CAL), period_start)
    assert (occurrence.date, occurrence.original_date) == (date, original)
    assert occurrence.moved is (date != original)


def test_quota_in_tet_2025_is_due_before_the_break() -> None:
    occurrences = expand_plan(plan(quota(), period=Period.years(2025)), calendar=CAL)
    january = only(occurrences, D(2025, 1, 1))
    assert january.date == D(2025, 1, 24)
    assert (january.count, january.what) == (1, "tin, bài")


def test_due_date_moves_to_the_next_working_day() -> None:
    (occurrence,) = expand_plan(plan(due(D(2024, 4, 30))), calendar=CAL)
    assert occurrence.date == D(2024, 5, 2)
    assert occurrence.original_date == D(2024, 4, 30)
    assert occurrence.period == Period(start=D(2024, 1, 1), end=D(2024, 4, 30))
    assert occurrence.kind is ScheduleKind.DUE
    assert occurrence.cadence is None


def test_due_date_with_other_policies() -> None:
    (back,) = expand_plan(plan(due(D(2024, 4, 30))), calendar=CAL, policy=Policy.PREVIOUS)
    (kept,) = expand_plan(plan(due(D(2024, 4, 30))), calendar=CAL, policy=Policy.NONE)
    assert (back.date, kept.date) == (D(2024, 4, 26), D(2024, 4, 30))


@pytest.mark.parametrize(
    ("year", "start", "end"),
    [
        pytest.param(2025, D(2025, 1, 25), D(2025, 2, 2), id="Tet 2025"),
        pytest.param(2026, D(2026, 2, 14), D(2026, 2, 22), id="Tet 2026"),
    ],
)
def test_nothing_falls_in_tet(year: int, start: dt.date, end: dt.date) -> None:
    schedules = [recurring(M, Anchor.DAY, day) for day in range(1, 32)]
    schedules += [recurring(M, Anchor.FOLLOWING_DAY, day) for day in range(1, 32)]
    schedules += [recurring(M, Anchor.START), recurring(M, Anchor.END), quota(), report(M, Q)]
    schedules += [due(start + dt.timedelta(days=i)) for i in range((end - start).days + 1)]
    occurrences = expand_plan(plan(*schedules, period=Period.years(year)), calendar=CAL)
    inside = [o for o in occurrences if start <= o.date <= end]
    assert inside == []
    assert any(start <= o.original_date <= end for o in occurrences)


def test_plan_without_period_gives_only_due_dates() -> None:
    bare = Plan(
        key="x",
        kind=DocumentKind.PLAN,
        title="x",
        issuer="x.ubnd",
        tasks=(Task(id="t", text="x", schedules=(quota(), due(D(2024, 3, 29)))),),
    )
    occurrences = expand_plan(bare, calendar=CAL)
    assert [o.kind for o in occurrences] == [ScheduleKind.DUE]
    assert occurrences[0].units == ("x.ubnd",)  # no lead: the issuer answers for it


def test_periods_must_end_inside_the_plan() -> None:
    short = plan(report(M, Q, Y), period=Period(start=D(2024, 2, 10), end=D(2024, 6, 30)))
    periods = {(o.cadence, o.period.start) for o in expand_plan(short, calendar=CAL)}
    assert periods == {
        (M, D(2024, 2, 1)),
        (M, D(2024, 3, 1)),
        (M, D(2024, 4, 1)),
        (M, D(2024, 5, 1)),
        (M, D(2024, 6, 1)),
        (Q, D(2024, 1, 1)),
        (Q, D(2024, 4, 1)),
    }


def test_multi_year_plan() -> None:
    long = plan(report(Y), period=Period.years(2021, 2025))
    occurrences = expand(long for _ in range(1))
    assert [o.period.start.year for o in occurrences] == [2021, 2022, 2023, 2024, 2025]


def test_regime_is_configurable() -> None:
    khanh_hoa_like = ReportRegime(
        name="test", rules=((Q, ReportRule(cutoff_day=20, send_after=2, source="test")),)
    )
    occurrence = only(
        expand_plan(plan(report(Q)), calendar=CAL, regime=khanh_hoa_like), D(2024, 1, 1)
    )
    assert occurrence.cutoff == Period(start=D(2023, 12, 21), end=D(2024, 3, 20))
    # Two working days after Wed 20/3 is Fri 22/3; the last day stays the 25th (Điều 13.1).
    assert (occurrence.earliest, occurrence.date) == (D(2024, 3, 22), D(2024, 3, 25))


@pytest.mark.parametrize(
    ("field", "build"),
    [
        pytest.param("cutoff_day", lambda: ReportRule(cutoff_day=0), id="cutoff 0"),
        pytest.param("cutoff_day", lambda: ReportRule(cutoff_day=28), id="cutoff 28"),
        pytest.param("send_after", lambda: ReportRule(send_after=0), id="send 0"),
    ],
)
def test_regime_rules_are_checked(field: str, build: Callable[[], ReportRule]) -> None:
    with pytest.raises(ModelError, match=field):
        build()


def test_describe_period() -> None:
    occurrences = expand_plan(plan(report(M, Q, H, N, Y)), calendar=CAL)
    words = {describe_period(o) for o in occurrences}
    assert {"tháng 3/2024", "quý I/2024", "quý IV/2024", "6 tháng đầu năm 2024"} <= words
    assert {"6 tháng cuối năm 2024", "9 tháng năm 2024", "năm 2024"} <= words


# --- properties ----------------------------------------------------------------------

narrow_periods = st.one_of(
    st.integers(2023, 2027).map(Period.years),
    st.tuples(
        st.dates(min_value=D(2023, 1, 1), max_value=D(2027, 12, 31)), st.integers(0, 800)
    ).map(lambda p: Period(start=p[0], end=min(p[0] + dt.timedelta(days=p[1]), D(2027, 12, 31)))),
)
narrow_schedules = strategies.schedules().filter(
    lambda s: s.due is None or D(2023, 1, 1) <= s.due <= D(2027, 12, 31)
)


@st.composite
def dated_plans(draw: st.DrawFn) -> Plan:
    schedules = tuple(draw(st.lists(narrow_schedules, min_size=1, max_size=4)))
    lead = tuple(draw(st.lists(st.sampled_from(["a.x", "b.y", "c.z"]), max_size=2, unique=True)))
    return plan(*schedules, key=draw(strategies.keys), period=draw(narrow_periods), lead=lead)


@given(st.lists(dated_plans(), min_size=1, max_size=3, unique_by=lambda p: p.key))
def test_expansion_properties(plans: list[Plan]) -> None:
    occurrences = expand(plans, calendar=CAL)
    assert list(occurrences) == sorted(occurrences, key=Occurrence.sort_key)
    assert expand(reversed(plans), calendar=CAL) == occurrences
    by_key = {p.key: p for p in plans}
    for occurrence in occurrences:
        assert is_working_day(occurrence.date, CAL), occurrence
        span = by_key[occurrence.plan].period
        assert span is not None
        if occurrence.kind is ScheduleKind.DUE:
            continue
        assert span.start <= occurrence.period.end <= span.end
        # Inside the period, or in the month that follows it (its reporting window).
        assert occurrence.period.start - dt.timedelta(days=5) <= occurrence.date
        assert occurrence.date <= occurrence.period.end + dt.timedelta(days=31 + 14)
        if occurrence.kind is ScheduleKind.QUOTA:
            assert occurrence.period.start <= occurrence.date <= occurrence.period.end
        if occurrence.kind is ScheduleKind.REPORT:
            assert occurrence.cutoff is not None
            assert occurrence.cutoff.start < occurrence.period.start
            assert occurrence.cutoff.end < occurrence.period.end


@settings(max_examples=30)
@given(st.lists(dated_plans(), min_size=1, max_size=3, unique_by=lambda p: p.key))
def test_occurrences_equal_those_attrs_builds(plans: list[Plan]) -> None:
    # Expansion sets the slots of an occurrence itself, for speed: what it builds must be
    # what Occurrence(...) builds, every field set, and there must be no check to skip.
    assert not any(f.validator or f.converter for f in attrs.fields(Occurrence))
    assert not hasattr(Occurrence, "__attrs_post_init__")
    for occurrence in expand(plans, calendar=CAL):
        rebuilt = Occurrence(**attrs.asdict(occurrence, recurse=False))
        assert rebuilt == occurrence
        assert hash(rebuilt) == hash(occurrence)
        assert repr(rebuilt) == repr(occurrence)


@settings(max_examples=20)
@given(st.lists(dated_plans(), min_size=1, max_size=3, unique_by=lambda p: p.key))
def test_default_calendar_matches_an_explicit_one(plans: list[Plan]) -> None:
    assert expand(plans) == expand(plans, calendar=CAL)
    assert calendar_for(plans).covers(D(2024, 1, 1)) or all(
        p.period is None or p.period.start.year != 2024 for p in plans
    )


# --- queries -------------------------------------------------------------------------


def two_unit_plan() -> Plan:
    return Plan(
        key="kh-1",
        kind=DocumentKind.PLAN,
        title="x",
        issuer="ubnd",
        period=Period.years(2024),
        tasks=(
            Task(id="a", text="Bài viết", lead=("snv", "vp"), schedules=(quota(),)),
            Task(id="b", text="Báo cáo", lead=("snv",), schedules=(report(Q),)),
        ),
    )


def test_agenda_lists_shared_duties_under_each_unit() -> None:
    occurrences = expand_plan(two_unit_plan(), calendar=CAL)
    by_unit = agenda(occurrences)
    assert list(by_unit) == ["snv", "vp"]
    assert len(by_unit["snv"]) == 12 + 4
    assert len(by_unit["vp"]) == 12
    assert all(o.task == "a" for o in by_unit["vp"])


def test_range_overdue_and_upcoming() -> None:
    occurrences = expand_plan(two_unit_plan(), calendar=CAL)
    march = in_range(occurrences, D(2024, 3, 1), D(2024, 3, 31))
    assert [(o.task, o.date) for o in march] == [("b", D(2024, 3, 25)), ("a", D(2024, 3, 29))]
    as_of = D(2024, 3, 20)
    late, soon = overdue(occurrences, as_of), upcoming(occurrences, as_of, within_days=30)
    assert {o.date for o in late} == {D(2024, 1, 31), D(2024, 2, 29)}
    assert {o.date for o in soon} == {D(2024, 3, 25), D(2024, 3, 29)}
    assert len(late) + len(upcoming(occurrences, as_of)) == len(occurrences)
    assert timing(late[0], as_of) is Timing.OVERDUE
    assert timing(soon[0], as_of) is Timing.UPCOMING
    assert timing(occurrences[-1], as_of) is Timing.LATER


# --- cascade -------------------------------------------------------------------------


def parent_child(child_schedule: Schedule, parent_schedule: Schedule) -> tuple[Plan, Plan]:
    parent = plan(parent_schedule, key="ls-kh-37-2024", issuer="ls.ubnd", lead=("ls.snv",))
    child = plan(child_schedule, key="ls-tp-kh-2024")
    return parent, child


CASCADE = [
    pytest.param(
        report(Q, anchor=Anchor.DAY, day=10), report(Q), 0, id="child 10th, parent default"
    ),
    pytest.param(
        report(Q), report(Q, anchor=Anchor.DAY, day=20), 0, id="child default, parent 20th"
    ),
    # Both dates would come from the default regime, not the documents: not compared.
    pytest.param(report(Q), report(Q), 0, id="both default: not compared"),
    pytest.param(
        report(Q, anchor=Anchor.FOLLOWING_DAY, day=5), report(Q), 4, id="child late next month"
    ),
    pytest.param(report(Q, Y), report(Y, anchor=Anchor.DAY, day=25), 0, id="only shared periods"),
    pytest.param(report(M), report(Q), 0, id="no shared period"),
    # "Báo cáo 6 tháng đầu năm" meets a half-yearly report on the first half only.
    pytest.param(
        report(Cadence.FIRST_HALF, anchor=Anchor.FOLLOWING_DAY, day=10),
        report(Cadence.HALF_YEARLY, anchor=Anchor.FOLLOWING_DAY, day=5),
        1,
        id="first half late for a half-yearly parent",
    ),
    pytest.param(
        report(Cadence.HALF_YEARLY, anchor=Anchor.FOLLOWING_DAY, day=10),
        report(Cadence.FIRST_HALF, anchor=Anchor.FOLLOWING_DAY, day=5),
        1,
        id="half-yearly late for a first-half parent: the first half only",
    ),
    pytest.param(
        report(Cadence.FIRST_HALF, anchor=Anchor.FOLLOWING_DAY, day=3),
        report(Cadence.HALF_YEARLY, anchor=Anchor.FOLLOWING_DAY, day=10),
        0,
        id="first half in time for a half-yearly parent",
    ),
]


@pytest.mark.parametrize(("child_schedule", "parent_schedule", "count"), CASCADE)
def test_cascade(child_schedule: Schedule, parent_schedule: Schedule, count: int) -> None:
    pairs = [parent_child(child_schedule, parent_schedule)]
    problems = check_cascade(pairs, calendar=CAL)
    assert len(problems) == count
    for problem in problems:
        assert problem.rule == "calendar.cascade"
        assert problem.severity is Severity.WARNING
        assert (problem.plan, problem.file) == ("ls-tp-kh-2024", None)
        assert problem.path == "$.tasks[0].schedules[0]"
        assert "ls-kh-37-2024#nd1" in problem.message


def test_the_corpus_check_gives_a_cascade_warning_the_file_of_its_plan() -> None:
    parent, child = parent_child(report(Q, anchor=Anchor.FOLLOWING_DAY, day=5), report(Q))
    child = attrs.evolve(child, parents=(parent.key,))
    corpus = Corpus(plans=(parent, child), files={child.key: "ls/tp-2024.yaml"})
    late = [p for p in check_corpus(corpus) if p.rule == "calendar.cascade"]
    assert len(late) == 4
    assert {(p.plan, p.file) for p in late} == {(child.key, "ls/tp-2024.yaml")}
    assert str(late[0]).startswith("ls/tp-2024.yaml: $.tasks[0].schedules[0]: warning: ")


def test_cascade_lead_is_in_working_days() -> None:
    # A parent naming no day is taken at the end of its window, Tue 25/6/2024 (NĐ 09/2019,
    # Điều 13.1); a child on Mon 24/6 is exactly 1 working day ahead.
    pair = parent_child(report(Q, anchor=Anchor.DAY, day=24), report(Q))
    problems = {p.message for p in check_cascade([pair], calendar=CAL)}
    assert not any("quý II/2024" in m for m in problems)
    assert any("quý II/2024" in m for m in {p.message for p in check_cascade([pair], lead=2)})


def test_cascade_is_deterministic() -> None:
    pairs = [parent_child(report(Q), report(Q)), parent_child(report(M, Q), report(Q, Y))]
    assert check_cascade(pairs) == check_cascade(list(reversed(pairs)))


def test_nd09_covers_every_cadence() -> None:
    assert {cadence for cadence, _ in ND09.rules} == set(Cadence)
    assert all(rule.send_after >= 1 for _, rule in ND09.rules)


# --- command -------------------------------------------------------------------------


def run_cli(argv: list[str], environ: dict[str, str] | None = None) -> tuple[int, str, str]:
    from cchc.cli import _calendar
    from cchc.cli._common import Env

    parser = argparse.ArgumentParser(prog="calendar", exit_on_error=False)
    _calendar.configure(parser)
    args = parser.parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    env = Env(stdout=out, stderr=err, environ=environ or {"COLUMNS": "120", "CCHC_LANG": "vi"})
    code = _calendar.execute(args, env)
    return code, out.getvalue(), err.getvalue()


# two_unit_plan() as a plan file.
PLAN_FILE = """\
key: kh-1
kind: plan
title: x
issuer: ubnd
period: 2024
tasks:
  - id: a
    text: Bài viết
    lead: [snv, vp]
    schedules:
      - {kind: quota, cadences: [monthly], count: 1, what: "tin, bài"}
  - id: b
    text: Báo cáo
    lead: [snv]
    schedules:
      - {kind: report, cadences: [quarterly], to: ls-tp.ubnd}
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "kh-1.yaml").write_text(PLAN_FILE, encoding="utf-8")
    return folder


def test_cli_json(corpus: Path) -> None:
    pytest.importorskip("cchc.text._dates")
    code, out, _ = run_cli([str(corpus), "--json", "--as-of", "2024-03-20", "--unit", "vp"])
    document = json.loads(out)
    assert code == 1  # two quotas are past their date on 20/3/2024
    assert document["as_of"] == "2024-03-20"
    rows = document["occurrences"]
    assert len(rows) == 12
    first = rows[0]
    assert list(first)[:6] == ["plan", "task", "unit", "date", "original_date", "kind"]
    assert first["plan"] == "kh-1"
    assert first["unit"] == ["snv", "vp"]
    assert first["kind"] == "quota"
    assert first["timing"] == "overdue"


def test_cli_agenda_and_ics(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("cchc.text._dates")
    target = tmp_path / "out.ics"
    argv = [str(corpus), "--from", "01/02/2024", "--to", "31/03/2024", "--as-of", "2024-03-20"]
    code, out, _ = run_cli([*argv, "--ics", str(target)])
    assert code == 1
    assert "Tháng 3/2024" in out
    assert "quá hạn" in out
    assert "sắp đến" in out
    assert "(không nêu ngày)" in out
    assert target.read_bytes().count(b"BEGIN:VEVENT") == 3
    code, _, err = run_cli([*argv, "--ics", str(target)])
    assert code == 2
    assert str(target) in err
    code, _, _ = run_cli([*argv, "--ics", str(target), "--force", "--lang", "en"])
    assert code == 1


def test_cli_unknown_plan(corpus: Path) -> None:
    code, _, err = run_cli([str(corpus), "--plan", "nope", "--json"])
    assert code == 2
    assert "--plan" in err
    assert "nope" in err


@pytest.mark.parametrize("option", ["--from", "--to", "--as-of"])
def test_cli_bad_date(option: str, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("cchc.text._dates")
    from cchc.cli import _calendar

    parser = argparse.ArgumentParser(prog="calendar")
    _calendar.configure(parser)
    with pytest.raises(SystemExit) as info:
        parser.parse_args([option, "31/02/2024"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert option in err
    assert "2024-03-31 or 31/03/2024" in err


def test_bundled_corpus_expands() -> None:
    from cchc.files._load import bundled_corpus_path, load_corpus

    path = bundled_corpus_path()
    if not path.is_dir():
        pytest.skip("the bundled corpus is not there yet")
    corpus = load_corpus(path)
    occurrences = expand(corpus.plans)
    assert occurrences
    assert list(occurrences) == sorted(occurrences, key=Occurrence.sort_key)
    work = calendar_for(corpus.plans)
    assert all(is_working_day(o.date, work) for o in occurrences)
    pairs = [(corpus.plan(p), child) for child in corpus for p in child.parents if p in corpus]
    assert check_cascade(pairs) == check_cascade(pairs)


def test_cli_unit_by_code_or_name(tmp_path: Path) -> None:
    folder = tmp_path / "named"
    folder.mkdir()
    units = (
        "units:\n"
        "  - {code: snv, name: Phòng Nội vụ, level: district}\n"
        "  - {code: vp, name: Văn phòng HĐND và UBND, level: district}\n"
        "  - {code: vp2, name: Văn phòng Thành ủy, level: district, aliases: [Văn phòng]}\n"
        "  - {code: vp3, name: Văn phòng Đảng ủy, level: commune, aliases: [Văn phòng]}\n"
    )
    (folder / "kh-1.yaml").write_text(PLAN_FILE + units, encoding="utf-8")
    argv = [str(folder), "--json", "--as-of", "2024-03-20", "--unit"]
    by_code = run_cli([*argv, "vp"])
    # Case, marks and the long form of an abbreviation do not matter; the result is the same.
    assert run_cli([*argv, "VĂN PHÒNG Hội đồng nhân dân VÀ ỦY BAN NHÂN DÂN"]) == by_code
    assert len(json.loads(by_code[1])["occurrences"]) == 12
    code, out, err = run_cli([*argv, "Văn phòng"])
    assert (code, out) == (2, "")
    assert err == (
        "calendar: --unit: expected the code or name of one unit (vp2, vp3 are all named so: "
        "give a "
        "code), got 'Văn phòng'\n"
    )
