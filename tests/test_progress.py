"""Follow-through: records, standings on working days, DHIS2's rates, and where they show.

The plans and records here are invented for the tests; every expected value was worked
out by hand on the 2024 calendar (Bộ luật Lao động 2019, Điều 112; the announced 2024
swap: Monday 29/4 off, Saturday 4/5 worked).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import Members, Plan, Record, Schedule, Task, Unit, load_corpus
from cchc.calendar import DoneByRecords
from cchc.cli import main
from cchc.model import Corpus, ItemLink
from cchc.model._period import Period
from cchc.report import Obligation, Standing, check_records, corpus_summary, progress
from cchc.text._vocab import Anchor, Bound, Cadence, DocumentKind, Level, ScheduleKind

D = dt.date
AS_OF = D(2024, 7, 1)

UNITS = {
    u.code: u
    for u in (
        Unit(code="p", name="UBND tỉnh P (thử)", level=Level.PROVINCE),
        Unit(code="a", name="Sở A (thử)", level=Level.PROVINCE, parent="p"),
        Unit(code="b", name="UBND huyện B (thử)", level=Level.DISTRICT, parent="p"),
        Unit(code="c", name="UBND huyện C (thử)", level=Level.DISTRICT, parent="p"),
        Unit(
            code="g",
            name="UBND các huyện (thử)",
            level=Level.DISTRICT,
            parent="p",
            members=Members(levels=(Level.DISTRICT,), under="p"),
        ),
    )
}


def plan() -> Plan:
    """A province's 2024 plan: a quarterly report by the 20th, a monthly quota of three
    articles, a leaflet due 30/4 (a holiday), and a monthly report of the districts."""
    report = Schedule(
        kind=ScheduleKind.REPORT,
        cadences=(Cadence.QUARTERLY,),
        anchor=Anchor.DAY,
        day=20,
        bound=Bound.BY,
        to="p",
    )
    quota = Schedule(kind=ScheduleKind.QUOTA, cadences=(Cadence.MONTHLY,), count=3, what="bài")
    due = Schedule(kind=ScheduleKind.DUE, due=D(2024, 4, 30))
    district = Schedule(
        kind=ScheduleKind.REPORT,
        cadences=(Cadence.MONTHLY,),
        anchor=Anchor.DAY,
        day=25,
        bound=Bound.BY,
        to="p",
    )
    return Plan(
        key="kh-p",
        kind=DocumentKind.PLAN,
        title="Kế hoạch thử",
        issuer="p",
        # Issued in December: its quotas run from January (none starts before the plan).
        issued=D(2023, 12, 28),
        period=Period.years(2024),
        tasks=(
            Task(id="bc", text="Báo cáo quý", lead=("a",), schedules=(report,)),
            Task(id="ts", text="Tin bài", lead=("a",), schedules=(quota,)),
            Task(id="tr", text="Tờ rơi", lead=("a",), schedules=(due,)),
            Task(id="hu", text="Báo cáo của huyện", lead=("g",), schedules=(district,)),
        ),
        expected_children=("g",),
    )


def record(task: str, period: str | None, done: dt.date | None, **more: object) -> Record:
    return Record(
        unit=str(more.pop("unit", "a")),
        duty=ItemLink(plan="kh-p", item=task),
        period=period,
        done=done,
        **more,  # type: ignore[arg-type]
    )


RECORDS = (
    record("bc", "2024-Q1", D(2024, 3, 20)),  # on the day of its deadline: on time
    record("bc", "2024-Q2", D(2024, 6, 21)),  # deadline Thu 20/6: late by 1
    # January's quota of three reached in three records, the last on 30/1 (due Wed 31/1).
    record("ts", "2024-01", D(2024, 1, 10), quantity=1),
    record("ts", "2024-01", D(2024, 1, 20), quantity=1),
    record("ts", "2024-01", D(2024, 1, 30), quantity=1),
    # February: two of three, never reached: overdue.
    record("ts", "2024-02", D(2024, 2, 10), quantity=2),
    record("ts", "2024-03", None, waiver="Miễn theo văn bản thử"),
    # Due 30/4, a holiday (and 1/5): due Thu 2/5; done Sat 4/5, a worked Saturday: 3/5 and
    # 4/5 are the two working days after the deadline.
    record("tr", None, D(2024, 5, 4)),
    record("hu", "2024-01", D(2024, 1, 25), unit="b"),
)


def corpus(records: tuple[Record, ...] = RECORDS, *plans: Plan) -> Corpus:
    return Corpus(plans=(plan(), *plans), units=UNITS, records=records)


def test_standings_on_working_days() -> None:
    result = progress(corpus(), AS_OF)
    of_a = {(o.task, o.period): o for o in result.obligations if o.unit == "a"}
    assert of_a["bc", "2024-Q1"].status is Standing.DONE_ON_TIME
    q2 = of_a["bc", "2024-Q2"]
    assert (q2.status, q2.late_by, q2.deadline) == (Standing.DONE_LATE, 1, D(2024, 6, 20))
    jan = of_a["ts", "2024-01"]
    assert (jan.status, jan.done, jan.quantity) == (Standing.DONE_ON_TIME, D(2024, 1, 30), 3)
    feb = of_a["ts", "2024-02"]
    assert (feb.status, feb.quantity, feb.count) == (Standing.OVERDUE, 2, 3)
    assert of_a["ts", "2024-03"].status is Standing.WAIVED
    leaflet = of_a["tr", None]
    assert (leaflet.deadline, leaflet.status, leaflet.late_by) == (
        D(2024, 5, 2),
        Standing.DONE_LATE,
        2,
    )
    # 31/7/2024 is 30 days after 1/7: due soon; 20/9 later.
    assert of_a["ts", "2024-07"].status is Standing.DUE_SOON
    assert of_a["bc", "2024-Q3"].status is Standing.NOT_YET_DUE


def test_dhis2_rates_worked_by_hand() -> None:
    rates = progress(corpus(), AS_OF).units["a"]
    # Expected: Q1, Q2, the leaflet and the quotas of Jan, Feb, Apr, May, Jun (March waived).
    assert (rates.expected, rates.done, rates.on_time, rates.late, rates.overdue) == (
        8,
        4,
        2,
        2,
        4,
    )
    assert rates.waived == 1
    assert rates.reporting_rate == 50
    assert rates.on_time_rate == 25


def test_a_groups_duty_is_owed_by_each_member_and_rolls_up() -> None:
    result = progress(corpus(), AS_OF, period="2024-01")
    districts = {o.unit: o for o in result.obligations if o.task == "hu"}
    assert set(districts) == {"b", "c"}
    assert districts["b"].status is Standing.DONE_ON_TIME
    assert districts["c"].status is Standing.OVERDUE
    assert districts["c"].group == "g"
    # The province's row holds the units below it.
    assert result.below["p"].expected == result.units["a"].expected + 2
    assert result.cascade["kh-p"].expected == result.plans["kh-p"].expected


def test_a_child_plan_is_the_record_of_its_duty_to_be_issued() -> None:
    child = Plan(
        key="kh-b",
        kind=DocumentKind.PLAN,
        title="Kế hoạch của huyện B (thử)",
        issuer="b",
        issued=D(2024, 2, 1),
        parents=("kh-p",),
    )
    result = progress(corpus(RECORDS, child), AS_OF)
    owed = {o.unit: o for o in result.obligations if o.task is None}
    assert owed["b"].status is Standing.DONE_ON_TIME
    assert owed["b"].done == D(2024, 2, 1)
    assert owed["b"].evidence == ("kh-b",)
    assert owed["c"].status is Standing.NOT_STATED
    # Owed since the parent's issue: both are expected, one done.
    assert result.units["c"].expected >= 1


def test_filters_keep_one_unit_and_one_period() -> None:
    result = progress(corpus(), AS_OF, units=["a"], period="2024-Q1")
    assert [(o.unit, o.task, o.period) for o in result.obligations] == [("a", "bc", "2024-Q1")]


@st.composite
def extra_records(draw: st.DrawFn) -> Record:
    task = draw(st.sampled_from(["bc", "ts", "tr"]))
    if task == "bc":
        period: str | None = f"2024-Q{draw(st.integers(1, 4))}"
    elif task == "ts":
        period = f"2024-{draw(st.integers(1, 12)):02d}"
    else:
        period = None
    done = draw(st.dates(D(2024, 1, 1), D(2024, 12, 31)))
    quantity = draw(st.integers(1, 3)) if task == "ts" else None
    return record(task, period, done, quantity=quantity)


@given(st.lists(extra_records(), max_size=6), extra_records())
def test_rates_stay_in_range_and_a_record_never_makes_a_unit_look_worse(
    records: list[Record], one_more: Record
) -> None:
    before = progress(corpus(tuple(records)), AS_OF).units["a"]
    after = progress(corpus((*records, one_more)), AS_OF).units["a"]
    for rates in (before, after):
        for rate in (rates.reporting_rate, rates.on_time_rate):
            assert rate is None or 0 <= rate <= 100
        assert rates.done == rates.on_time + rates.late <= rates.expected
    assert after.overdue <= before.overdue
    assert (after.reporting_rate or 0) >= (before.reporting_rate or 0)
    assert (after.on_time_rate or 0) >= (before.on_time_rate or 0)


def test_done_by_records_tallies_an_occurrence_across_a_groups_members() -> None:
    followed = DoneByRecords(corpus())
    jan = next(
        o.occurrence
        for o in progress(corpus(), AS_OF).obligations
        if o.task == "hu" and o.period == "2024-01" and o.occurrence
    )
    done = followed(jan)
    assert done is not None
    assert (done.owing, done.done, done.complete) == (2, 1, False)


# -- the checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "rule", "field"),
    [
        (record("bc", "2024-Q1", D(2024, 3, 1), unit="x"), "records.unknown_unit", "unit"),
        (
            Record(unit="a", duty=ItemLink(plan="kh-x", item="bc"), period="2024-Q1", done=AS_OF),
            "records.unknown_duty",
            "duty",
        ),
        (record("zz", "2024-Q1", D(2024, 3, 1)), "records.unknown_duty", "duty"),
        (record("bc", "2024-03", D(2024, 3, 1)), "records.no_such_period", "period"),
        (record("bc", "2025-Q1", D(2024, 3, 1)), "records.no_such_period", "period"),
        (record("bc", "2024-Q1", D(2024, 3, 1), unit="b"), "records.not_owed", "unit"),
    ],
)
def test_a_record_that_cannot_be_placed_is_reported(bad: Record, rule: str, field: str) -> None:
    problems = check_records(corpus((bad,)))
    assert [(p.rule, p.where) for p in problems] == [(rule, f"records[0].{field}")]


def test_a_record_outside_its_units_dates_is_a_warning() -> None:
    units = {**UNITS, "a": attrs.evolve(UNITS["a"], valid_to=D(2024, 2, 1))}
    late = Corpus(plans=(plan(),), units=units, records=(record("bc", "2024-Q1", AS_OF),))
    (problem,) = check_records(late)
    assert problem.rule == "records.unit_inactive"


def test_two_records_of_one_duty_are_a_repeat_or_a_conflict() -> None:
    first = record("bc", "2024-Q1", D(2024, 3, 20))
    same = check_records(corpus((first, first)))
    assert [p.rule for p in same] == ["records.duplicate"]
    other = check_records(corpus((first, attrs.evolve(first, done=D(2024, 3, 21)))))
    assert [p.rule for p in other] == ["records.conflict"]
    # Parts of a quota are neither.
    parts = (record("ts", "2024-01", D(2024, 1, 3), quantity=1),) * 2
    assert check_records(corpus(parts)) == ()


# -- files and commands ---------------------------------------------------------------------

PLAN_FILE = """\
key: kh-p
kind: plan
title: Kế hoạch thử (dữ liệu thử)
issuer: p
issued: 2024-01-02
period: 2024
tasks:
  - id: bc
    text: Báo cáo quý
    lead: [a]
    schedules:
      - {kind: report, cadences: [quarterly], anchor: day, day: 20, bound: by, to: p}
units:
  - {code: p, name: UBND tỉnh P (thử), level: province}
  - {code: a, name: Sở A (thử), level: province, parent: p}
"""

RECORDS_FILE = """\
records:
  - {unit: a, duty: kh-p#bc, period: 2024-Q1, done: 2024-03-20, evidence: Báo cáo số 1/BC-SA}
  - {unit: a, duty: kh-p#bc, period: 2024-Q3, done: 31/02/2024}
"""


def _files(tmp_path: Path, records: str) -> Path:
    (tmp_path / "kh-p.yaml").write_text(PLAN_FILE, encoding="utf-8")
    (tmp_path / "q1.records.yaml").write_text(records, encoding="utf-8")
    return tmp_path


def test_a_record_file_has_every_problem_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = RECORDS_FILE + "  - {unit: a, duty: kh-p, period: Q1/2024, done: 2024-03-01}\n"
    assert main(["validate", str(_files(tmp_path, bad))]) == 2
    err = capsys.readouterr().err
    assert "q1.records.yaml: $.records[1].done" in err
    assert "q1.records.yaml: $.records[2].duty" in err
    assert "q1.records.yaml: $.records[2].period" in err
    assert "Traceback" not in err


def test_progress_json_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = RECORDS_FILE.replace(", done: 31/02/2024", ", done: 2024-10-01")
    root = _files(tmp_path, good)
    assert load_corpus(root).records[0].evidence == "Báo cáo số 1/BC-SA"
    assert main(["progress", "--as-of", "2024-10-15", "--json", str(root)]) == 1
    document = json.loads(capsys.readouterr().out)
    (unit,) = document["units"]
    assert (unit["unit"], unit["expected"], unit["on_time"], unit["overdue"]) == ("a", 3, 1, 1)
    assert unit["reporting_rate"] == pytest.approx(66.7, abs=0.1)
    statuses = {o["period"]: o["status"] for o in document["occurrences"]}
    # Q3 is due Fri 20/9/2024 and was received on 1/10: late.
    assert statuses == {
        "2024-Q1": "done_on_time",
        "2024-Q2": "overdue",
        "2024-Q3": "done_late",
        "2024-Q4": "not_yet_due",
    }
    assert main(["progress", "--as-of", "2024-04-01", "--period", "2024-Q1", str(root)]) == 0
    assert "Sở A (thử)" in capsys.readouterr().out


def test_summary_counts_overdue_only_what_is_not_done() -> None:
    without = corpus(())
    summary = corpus_summary(without, AS_OF)
    assert not summary.deadlines.followed
    followed = corpus_summary(corpus(), AS_OF)
    assert followed.deadlines.followed
    # Complete: Q1, Q2, the leaflet, January's quota and March's (waived). The districts'
    # January report is not: district c owes it still.
    assert followed.deadlines.done_before == 5
    assert followed.deadlines.overdue_total == summary.deadlines.overdue_total - 5
    late = {(one.unit, one.plan): one.overdue for one in followed.late}
    # a: the quotas of Feb, Apr, May, Jun; b: Feb-Jun reports; c: Jan-Jun reports.
    assert late == {("a", "kh-p"): 4, ("b", "kh-p"): 5, ("c", "kh-p"): 6}


# -- what is done, in the agenda, its JSON and the calendar file ------------------------------


def test_calendar_marks_what_the_records_show_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The bundled corpus' invented records: the ward's April article on time, May's late,
    # June's missing.
    argv = ["calendar", "--plan", "mh-ls-tp-cl-kh-2024", "--as-of", "2024-07-01"]
    window = ["--from", "2024-04-01", "--to", "2024-06-30"]
    assert main([*argv, *window, "--json"]) == 1  # June's article is overdue
    occurrences = json.loads(capsys.readouterr().out)["occurrences"]
    quotas = {o["period"]["start"][:7]: o for o in occurrences if o["task"] == "tc2"}
    assert quotas["2024-04"]["timing"] == "done"
    assert quotas["2024-05"]["done"] == {
        "owing": 1,
        "done": 1,
        "late": 1,
        "waived": 0,
        "last": "2024-06-06",
        "complete": True,
    }
    assert (quotas["2024-06"]["timing"], quotas["2024-06"]["done"]) == ("overdue", None)
    ics = tmp_path / "cl.ics"
    main([*argv, *window, "--lang", "en", "--ics", str(ics)])
    text = capsys.readouterr().out
    assert "done (late) · quota · May 2024" in text
    # Folded lines (RFC 5545, 3.1) unfolded: read_text turns CRLF into a newline.
    events = ics.read_text(encoding="utf-8").replace("\n ", "").split("BEGIN:VEVENT")
    done = [e for e in events if "SUMMARY:[Đã xong / Done]" in e]
    assert len(done) == 3  # April's and May's articles, and nd1's page of 20 June
    assert all("Đã thực hiện / Done: 1/1" in e for e in done)


def test_the_bundled_summary_names_the_late_units_by_the_records(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["summary", "--as-of", "2024-07-01", "--lang", "en"])
    out = capsys.readouterr().out
    assert "Late units (by the records)" in out
    assert "not done before 01/07/2024" in out


def _owed(unit: str, period: str, deadline: dt.date, status: Standing) -> Obligation:
    return Obligation(
        unit=unit, plan="kh-1", task="nv1", period=period, deadline=deadline, status=status
    )


def test_the_grid_shows_the_latest_periods_due_in_the_order_of_their_first_deadline() -> None:
    from cchc.render._console import Lang
    from cchc.render._progress import GRID_PERIODS, _grid

    as_of = dt.date(2026, 12, 1)
    # Ten months, each due on the 5th of the next.
    due = [
        _owed("u1", f"2026-{month:02d}", dt.date(2026, month + 1, 5), Standing.OVERDUE)
        for month in range(1, 11)
    ]
    # A quarter due the same day as April, met after it: it comes after April.
    due.append(_owed("u2", "2026-Q1", dt.date(2026, 5, 5), Standing.DONE_LATE))
    due.append(_owed("u1", "2026-04", dt.date(2026, 5, 5), Standing.DONE_ON_TIME))
    due.extend(
        _owed("u2", f"2026-{month:02d}", dt.date(2026, month + 1, 5), Standing.NOT_YET_DUE)
        for month in (9, 10)
    )
    # Not due by the day and nothing done: not shown, though its deadline is the latest.
    due.append(_owed("u2", "2026-Q4", dt.date(2027, 1, 5), Standing.NOT_YET_DUE))
    result = attrs.evolve(progress(Corpus(), as_of), obligations=tuple(due))
    grid = _grid(result, {"u1": "Đơn vị 1", "u2": "Đơn vị 2"}, Lang.VI)
    assert grid is not None
    columns, rows = grid
    headers = [str(column.header) for column in columns().columns][1:]
    order = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-Q1"]
    order += [f"2026-{month:02d}" for month in range(5, 11)]
    assert headers == order[-GRID_PERIODS:]
    assert headers[:2] == ["2026-04", "2026-Q1"]
    worst = {row[0]: [str(cell) for cell in row[1:]] for row in rows}
    # April: overdue outweighs on time; u2 has nothing in April and the first months.
    assert worst["Đơn vị 1"] == ["✘"] + [""] + ["✘"] * 6
    assert worst["Đơn vị 2"] == ["", "⏱", "", "", "", "", "·", "·"]
