"""The schedules real plans write, each rule checked on cases worked out by hand from the law.

Every row names the article its answer comes from.  Working days are those of the state
sector (Bộ luật Lao động 2019, Điều 111-112, with the swaps announced for each year).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc.calendar import Reading, expand_plan
from cchc.calendar._workdays import WorkCalendar
from cchc.exceptions import ModelError
from cchc.model._items import Indicator, Schedule, Step, Task
from cchc.model._plan import Period, Plan
from cchc.text._vocab import Anchor, Bound, Cadence, DocumentKind, ScheduleKind

D = dt.date
CAL = WorkCalendar.vietnam(2022, 2028)


def plan(*schedules: Schedule, period: Period | None = None, issued: dt.date | None = None) -> Plan:
    """A plan of 2024 (or *period*) with one task carrying *schedules*."""
    return Plan(
        key="ls-tp-kh-2024",
        kind=DocumentKind.PLAN,
        title="Kế hoạch tuyên truyền CCHC",
        issuer="ls-tp.ubnd",
        issued=issued,
        period=period or Period.years(2024),
        tasks=(Task(id="nd1", text="Tuyên truyền CCHC", lead=("ls-tp.pnv",), schedules=schedules),),
    )


def monthly_on(day: int, text: str, bound: Bound | None = None) -> Schedule:
    return Schedule(
        kind=ScheduleKind.RECURRING,
        cadences=(Cadence.MONTHLY,),
        anchor=Anchor.DAY,
        day=day,
        text=text,
        bound=bound,
    )


def due(day: dt.date, text: str, bound: Bound | None = None) -> Schedule:
    return Schedule(kind=ScheduleKind.DUE, due=day, text=text, bound=bound)


# --- 1. "trước ngày N" (before) and "chậm nhất ngày N" (by) ----------------------------

BLDS = "BLDS 2015 Điều 148.5"
BOUNDS = [
    # (schedule, reading, period start, expected date, article)
    pytest.param(
        monthly_on(20, "Trước ngày 20 hằng tháng"),
        Reading.EXCLUSIVE,
        D(2024, 7, 1),
        D(2024, 7, 19),
        id="trước ngày 20/7/2024: last day Fri 19/7, a working day (literal reading)",
    ),
    pytest.param(
        monthly_on(20, "Chậm nhất ngày 20 hằng tháng"),
        Reading.EXCLUSIVE,
        D(2024, 7, 1),
        D(2024, 7, 22),
        id=f"chậm nhất ngày 20/7/2024: Sat 20/7 -> Mon 22/7 ({BLDS})",
    ),
    pytest.param(
        monthly_on(20, "Đến hết ngày 20 hằng tháng"),
        Reading.EXCLUSIVE,
        D(2024, 7, 1),
        D(2024, 7, 22),
        id=f"đến hết ngày 20/7/2024: Sat 20/7 -> Mon 22/7 ({BLDS})",
    ),
    pytest.param(
        monthly_on(20, "Trước ngày 20 hằng tháng"),
        Reading.INCLUSIVE,
        D(2024, 7, 1),
        D(2024, 7, 22),
        id=f"trước ngày 20, inclusive setting: Sat 20/7 -> Mon 22/7 ({BLDS})",
    ),
    pytest.param(
        monthly_on(15, "trước ngày 15 hằng tháng"),
        Reading.EXCLUSIVE,
        D(2024, 7, 1),
        D(2024, 7, 15),
        id=f"trước ngày 15/7/2024: last day Sun 14/7 -> Mon 15/7 ({BLDS})",
    ),
    pytest.param(
        monthly_on(20, "Trước ngày 20 hằng tháng", Bound.BY),
        Reading.EXCLUSIVE,
        D(2024, 7, 1),
        D(2024, 7, 22),
        id="bound: by overrides the wording: 20/7 -> 22/7",
    ),
    pytest.param(
        monthly_on(20, "Hằng tháng", Bound.BEFORE),
        Reading.EXCLUSIVE,
        D(2024, 7, 1),
        D(2024, 7, 19),
        id="bound: before without the wording: 19/7",
    ),
    pytest.param(
        monthly_on(20, "trúc ngày 20"),
        Reading.EXCLUSIVE,
        D(2024, 7, 1),
        D(2024, 7, 22),
        id="diacritics count: 'trúc' is not 'trước' (by: 22/7)",
    ),
    pytest.param(
        due(D(2024, 3, 31), "Hoàn thành trước ngày 31/3/2024"),
        Reading.EXCLUSIVE,
        D(2024, 1, 1),
        D(2024, 4, 1),
        id=f"trước ngày 31/3/2024: Sat 30/3 -> Mon 1/4 ({BLDS})",
    ),
    pytest.param(
        due(D(2024, 4, 30), "trước 30/4/2024"),
        Reading.EXCLUSIVE,
        D(2024, 1, 1),
        D(2024, 5, 2),
        id=f"trước 30/4/2024: Mon 29/4 off (2024 swap), 30/4 and 1/5 holidays -> 2/5 ({BLDS})",
    ),
    pytest.param(
        due(D(2024, 12, 20), "chậm nhất ngày 20/12/2024"),
        Reading.EXCLUSIVE,
        D(2024, 1, 1),
        D(2024, 12, 20),
        id="chậm nhất ngày 20/12/2024: Fri 20/12, a working day",
    ),
    pytest.param(
        due(D(2024, 12, 20), "trước ngày 20/12/2024"),
        Reading.EXCLUSIVE,
        D(2024, 1, 1),
        D(2024, 12, 19),
        id="trước ngày 20/12/2024: Thu 19/12 (literal reading)",
    ),
]


@pytest.mark.parametrize(("schedule", "reading", "start", "expected"), BOUNDS)
def test_before_and_by(
    schedule: Schedule, reading: Reading, start: dt.date, expected: dt.date
) -> None:
    found = [
        o
        for o in expand_plan(plan(schedule), calendar=CAL, reading=reading)
        if o.period.start == start
    ]
    assert [o.date for o in found] == [expected]


def test_the_literal_reading_keeps_the_written_day_in_the_schedule() -> None:
    (july,) = [
        o
        for o in expand_plan(plan(monthly_on(20, "trước ngày 20")), calendar=CAL)
        if o.period.start == D(2024, 7, 1)
    ]
    # The last day as read is the 19th; the words stay as written.
    assert (july.original_date, july.moved, july.schedule_text) == (
        D(2024, 7, 19),
        False,
        "trước ngày 20",
    )


@pytest.mark.parametrize("anchor", [Anchor.START, Anchor.END])
def test_a_bound_needs_a_date(anchor: Anchor) -> None:
    with pytest.raises(ModelError, match="bound"):
        Schedule(
            kind=ScheduleKind.RECURRING,
            cadences=(Cadence.MONTHLY,),
            anchor=anchor,
            bound=Bound.BEFORE,
        )


# --- 2. a report with no stated day: the legal window, never overdue -------------------


def report(*cadences: Cadence) -> Schedule:
    return Schedule(kind=ScheduleKind.REPORT, cadences=cadences, to="ls-tp.ubnd")


UNSTATED = [
    # (cadence, period start, earliest, latest = date, article)
    pytest.param(
        Cadence.QUARTERLY,
        D(2024, 1, 1),
        D(2024, 3, 15),
        D(2024, 3, 25),
        id="Q1 2024: cut-off Thu 14/3, from Fri 15/3 (Đ 8.5) to Mon 25/3 (NĐ 09 Đ 13.1)",
    ),
    pytest.param(
        Cadence.QUARTERLY,
        D(2024, 4, 1),
        D(2024, 6, 17),
        D(2024, 6, 25),
        id="Q2 2024: cut-off Fri 14/6, from Mon 17/6 (Đ 8.5) to Tue 25/6 (Đ 13.1)",
    ),
    pytest.param(
        Cadence.MONTHLY,
        D(2024, 2, 1),
        D(2024, 2, 15),
        D(2024, 2, 26),
        id="Feb 2024: from Thu 15/2 to Sun 25/2 -> Mon 26/2 (Đ 13.1, BLDS 2015 Đ 148.5)",
    ),
    pytest.param(
        Cadence.HALF_YEARLY,
        D(2024, 7, 1),
        D(2024, 12, 16),
        D(2024, 12, 25),
        id="H2 2024: cut-off Sat 14/12, from Mon 16/12 to Wed 25/12 (Đ 8.5, Đ 13.1)",
    ),
    pytest.param(
        Cadence.YEARLY,
        D(2025, 1, 1),
        D(2025, 12, 15),
        D(2025, 12, 25),
        id="year 2025: cut-off Sun 14/12, from Mon 15/12 to Thu 25/12 (Đ 8.5, Đ 13.1)",
    ),
    pytest.param(
        Cadence.NINE_MONTHLY,
        D(2024, 1, 1),
        D(2024, 9, 16),
        D(2024, 9, 17),
        id="9 months 2024: cut-off Sat 14/9, Mon 16/9 to Tue 17/9 (Khánh Hòa: 2 working days)",
    ),
]


@pytest.mark.parametrize(("cadence", "start", "earliest", "latest"), UNSTATED)
def test_a_report_with_no_day_gets_the_legal_window(
    cadence: Cadence, start: dt.date, earliest: dt.date, latest: dt.date
) -> None:
    period = Period.years(start.year)
    found = [
        o
        for o in expand_plan(plan(report(cadence), period=period), calendar=CAL)
        if o.period.start == start
    ]
    assert [(o.stated, o.earliest, o.date) for o in found] == [(False, earliest, latest)]


def test_a_report_with_no_day_is_never_overdue() -> None:
    from cchc.calendar import Timing, overdue, timing

    occurrences = expand_plan(plan(report(Cadence.QUARTERLY)), calendar=CAL)
    as_of = D(2024, 12, 31)
    assert overdue(occurrences, as_of) == ()
    assert {timing(o, as_of) for o in occurrences} == {Timing.WINDOW_PASSED}
    # Inside its window it is upcoming, as any deadline is.
    q4 = occurrences[-1]
    assert timing(q4, D(2024, 12, 20)) is Timing.UPCOMING


def test_a_stated_report_keeps_its_day() -> None:
    stated = Schedule(
        kind=ScheduleKind.REPORT,
        cadences=(Cadence.QUARTERLY,),
        anchor=Anchor.DAY,
        day=10,
        text="chậm nhất ngày 10 tháng cuối quý",
    )
    first = expand_plan(plan(stated), calendar=CAL)[0]
    assert (first.stated, first.earliest, first.basis, first.date) == (
        True,
        None,
        None,
        D(2024, 3, 11),  # Sun 10/3 -> Mon 11/3, BLDS 2015 Điều 148.5
    )


def test_the_window_is_shown_in_every_output() -> None:
    from cchc.calendar import to_ics
    from cchc.render._calendar import window_text
    from cchc.render._console import Lang
    from cchc.render._json import occurrence_record

    first = expand_plan(plan(report(Cadence.QUARTERLY)), calendar=CAL)[0]
    as_of = D(2024, 3, 1)
    assert window_text(first, Lang.EN) == (
        "no date in the document; NĐ 09/2019/NĐ-CP: from 15/03/2024 (after the data cut-off "
        "14/03/2024), at latest 25/03/2024"
    )
    document = occurrence_record(first, as_of)
    assert document["stated"] is False
    assert document["window"] == {
        "earliest": "2024-03-15",
        "latest": "2024-03-25",
        "basis": "NĐ 09/2019/NĐ-CP",
    }
    ics = to_ics([first], as_of=as_of).decode("utf-8").replace("\r\n ", "")
    assert "(không nêu ngày)" in ics
    assert "chậm nhất 25/03/2024" in ics


# --- 3. a report's own cut-off, and a deadline too close to it -------------------------


def stated_report(
    cadence: Cadence, anchor: Anchor, day: int, *, cutoff_day: int | None = None, text: str = ""
) -> Schedule:
    return Schedule(
        kind=ScheduleKind.REPORT,
        cadences=(cadence,),
        anchor=anchor,
        day=day,
        cutoff_day=cutoff_day,
        to="ls-tp.ubnd",
        text=text,
    )


def test_a_report_states_its_own_cut_off() -> None:
    # "Báo cáo năm ... số liệu đến hết ngày 30/11": a province's earlier cut-off (Điều 13.2).
    schedule = stated_report(Cadence.YEARLY, Anchor.DAY, 10, cutoff_day=5)
    (year,) = expand_plan(plan(schedule), calendar=CAL)
    assert year.cutoff == Period(start=D(2023, 12, 6), end=D(2024, 12, 5))


GAPS = [
    # (schedule, number of warnings, what the message says, article)
    pytest.param(
        stated_report(Cadence.YEARLY, Anchor.DAY, 10, text="trước ngày 10/12"),
        1,
        "due 2024-12-09, on or before its data cut-off 2024-12-14",
        id="yearly trước ngày 10/12 with the decree's cut-off 14/12: warning (NĐ 09 Đ 8.5, 12)",
    ),
    pytest.param(
        stated_report(Cadence.YEARLY, Anchor.DAY, 10, cutoff_day=5, text="trước ngày 10/12"),
        0,
        "",
        id="yearly trước ngày 10/12, own cut-off 5/12: Mon 9/12 after Thu 5/12 (NĐ 09 Đ 13.2)",
    ),
    pytest.param(
        stated_report(Cadence.QUARTERLY, Anchor.DAY, 14),
        1,
        "due 2024-03-14, on or before its data cut-off 2024-03-14",
        id="quarterly on the 14th, the cut-off day itself: warning (NĐ 09 Đ 8.5)",
    ),
    pytest.param(
        stated_report(Cadence.QUARTERLY, Anchor.DAY, 15),
        0,
        "",
        id="quarterly on the 15th: 15/3/2024 Fri, one working day after Thu 14/3 (Đ 8.5)",
    ),
    pytest.param(
        stated_report(Cadence.MONTHLY, Anchor.DAY, 15, cutoff_day=14, text="trước ngày 15"),
        1,
        # January and February: the 14th is a Sunday and a day of Tết 2024, so the last
        # day moves to the 15th (BLDS 2015 Điều 148.5); Thu 14/3 stays the cut-off day.
        "report for tháng 3/2024 is due 2024-03-14, on or before its data cut-off 2024-03-14",
        id="monthly trước ngày 15: first warned in March, last day = cut-off (Đ 8.5)",
    ),
    pytest.param(
        stated_report(Cadence.QUARTERLY, Anchor.FOLLOWING_DAY, 5),
        0,
        "",
        id="by the 5th of the next month: weeks after the cut-off",
    ),
    pytest.param(report(Cadence.QUARTERLY), 0, "", id="no day stated: a window, not checked"),
]


@pytest.mark.parametrize(("schedule", "count", "says"), GAPS)
def test_a_deadline_too_close_to_its_cut_off_is_a_warning(
    schedule: Schedule, count: int, says: str
) -> None:
    from cchc.calendar._gaps import check_report_gaps
    from cchc.exceptions import Severity

    problems = check_report_gaps([plan(schedule)], calendar=CAL)
    assert len(problems) == count
    for problem in problems:
        assert (problem.rule, problem.severity, problem.plan) == (
            "calendar.report_gap",
            Severity.WARNING,
            "ls-tp-kh-2024",
        )
        assert problem.path == "$.tasks[0].schedules[0]"
        assert says in problem.message


def test_a_cut_off_belongs_to_a_report() -> None:
    with pytest.raises(ModelError, match="cutoff_day"):
        Schedule(kind=ScheduleKind.QUOTA, cadences=(Cadence.MONTHLY,), count=1, cutoff_day=5)


def test_the_gap_is_the_regimes_working_days() -> None:
    from cchc.calendar import ReportRegime, ReportRule
    from cchc.calendar._gaps import check_report_gaps

    two_days = ReportRegime(name="test", rules=((Cadence.QUARTERLY, ReportRule(send_after=2)),))
    schedule = stated_report(Cadence.QUARTERLY, Anchor.DAY, 15)
    (problem,) = check_report_gaps([plan(schedule)], calendar=CAL, regime=two_days)
    # Fri 15/3/2024 is one working day after Thu 14/3; two would be Mon 18/3.
    assert "due 2024-03-15, less than 2 working day(s) after its data cut-off 2024-03-14" in (
        problem.message
    )
    assert "expected on or after 2024-03-18" in problem.message


# --- 4. "thường xuyên", "cả năm": throughout the plan's period --------------------------

CONTINUOUS = [
    pytest.param("Thường xuyên", id="thường xuyên"),
    pytest.param("Cả năm", id="cả năm"),
    pytest.param("Trong năm 2024", id="trong năm 2024"),
]


@pytest.mark.parametrize("text", CONTINUOUS)
def test_a_continuous_schedule_gives_no_date(text: str) -> None:
    schedule = Schedule(kind=ScheduleKind.CONTINUOUS, text=text)
    assert expand_plan(plan(schedule), calendar=CAL) == ()


@pytest.mark.parametrize(
    "extra",
    [
        {"due": D(2024, 12, 31)},
        {"cadences": (Cadence.YEARLY,)},
        {"anchor": Anchor.END},
    ],
    ids=["due", "cadences", "anchor"],
)
def test_a_continuous_schedule_has_no_date_of_its_own(extra: dict[str, object]) -> None:
    with pytest.raises(ModelError, match="continuous"):
        Schedule(kind=ScheduleKind.CONTINUOUS, **extra)  # type: ignore[arg-type]


def test_thuong_xuyen_is_a_time_not_vague_wording() -> None:
    from cchc.coverage import concreteness
    from cchc.model._items import ItemLink

    link = (ItemLink(plan="hn-kh-54-2024", item="nd1"),)
    vague = Task(id="a", text="Thường xuyên tuyên truyền, đẩy mạnh CCHC", inherits=link)
    timed = Task(
        id="b",
        text="Thường xuyên tuyên truyền CCHC",
        lead=("ls-tp.pnv",),
        products=("tin, bài",),
        schedules=(Schedule(kind=ScheduleKind.CONTINUOUS, text="Thường xuyên"),),
        inherits=link,
    )
    document = attrs_evolve(plan(), tasks=(vague, timed))
    gaps = {gap.item: gap for gap in concreteness(document)}
    assert gaps["a"].vague == ("đẩy mạnh",)
    assert "b" not in gaps  # a lead, a product and a time: concrete


def attrs_evolve(document: Plan, **changes: object) -> Plan:
    import attrs

    return attrs.evolve(document, **changes)  # type: ignore[arg-type]


# --- 5. the first half only ------------------------------------------------------------


def test_a_first_half_report_makes_no_second_half() -> None:
    schedule = Schedule(
        kind=ScheduleKind.REPORT,
        cadences=(Cadence.FIRST_HALF, Cadence.YEARLY),
        anchor=Anchor.DAY,
        day=20,
        to="ls-tp.ubnd",
        text="Báo cáo 6 tháng đầu năm và báo cáo năm",
    )
    found = expand_plan(plan(schedule, period=Period.years(2024, 2025)), calendar=CAL)
    # NĐ 09/2019, Điều 12: the first half reads 15/12 -> 14/6, the year 15/12 -> 14/12.
    # Thu 20/6/2024, Fri 20/12/2024, Fri 20/6/2025, Sat 20/12/2025 -> Mon 22/12 (BLDS Đ 148.5).
    assert [(o.cadence, o.date, o.cutoff) for o in found] == [
        (Cadence.FIRST_HALF, D(2024, 6, 20), Period(start=D(2023, 12, 15), end=D(2024, 6, 14))),
        (Cadence.YEARLY, D(2024, 12, 20), Period(start=D(2023, 12, 15), end=D(2024, 12, 14))),
        (Cadence.FIRST_HALF, D(2025, 6, 20), Period(start=D(2024, 12, 15), end=D(2025, 6, 14))),
        (Cadence.YEARLY, D(2025, 12, 22), Period(start=D(2024, 12, 15), end=D(2025, 12, 14))),
    ]


@pytest.mark.parametrize(
    ("words", "cadence"),
    [
        ("6 tháng đầu năm", Cadence.FIRST_HALF),
        ("sáu tháng đầu năm", Cadence.FIRST_HALF),
        ("6 tháng", Cadence.HALF_YEARLY),
    ],
)
def test_the_first_half_is_read_from_its_words(words: str, cadence: Cadence) -> None:
    from cchc.text import from_vietnamese

    assert from_vietnamese(Cadence, words) is cadence


def test_the_first_half_is_named_as_reports_name_it() -> None:
    from cchc.calendar import describe_period

    first = expand_plan(
        plan(Schedule(kind=ScheduleKind.REPORT, cadences=(Cadence.FIRST_HALF,))), calendar=CAL
    )[0]
    assert describe_period(first) == "6 tháng đầu năm 2024"


# --- 6. a task's own period, and a quota never before the plan -------------------------


def quota(cadence: Cadence = Cadence.MONTHLY) -> Schedule:
    return Schedule(kind=ScheduleKind.QUOTA, cadences=(cadence,), count=1, what="tin, bài")


QUOTA_STARTS = [
    # (issued, cadence, first period, how many periods in 2024)
    pytest.param(D(2024, 2, 27), Cadence.MONTHLY, D(2024, 3, 1), 10, id="issued 27/2: from March"),
    pytest.param(D(2024, 3, 1), Cadence.MONTHLY, D(2024, 3, 1), 10, id="issued 1/3: March counts"),
    pytest.param(D(2023, 12, 20), Cadence.MONTHLY, D(2024, 1, 1), 12, id="issued before the year"),
    pytest.param(
        D(2024, 2, 27), Cadence.QUARTERLY, D(2024, 4, 1), 3, id="issued 27/2: quarters from Q2"
    ),
    pytest.param(None, Cadence.MONTHLY, D(2024, 1, 1), 12, id="no date of issue: all"),
]


@pytest.mark.parametrize(("issued", "cadence", "first", "count"), QUOTA_STARTS)
def test_a_quota_starts_once_the_plan_is_issued(
    issued: dt.date | None, cadence: Cadence, first: dt.date, count: int
) -> None:
    found = expand_plan(plan(quota(cadence), issued=issued), calendar=CAL)
    assert (found[0].period.start, len(found)) == (first, count)


def test_a_plan_of_27_february_has_no_overdue_january_quota() -> None:
    from cchc.calendar import overdue

    found = expand_plan(plan(quota(), issued=D(2024, 2, 27)), calendar=CAL)
    assert overdue(found, D(2024, 3, 1)) == ()


def test_reports_and_due_dates_keep_every_period() -> None:
    found = expand_plan(plan(report(Cadence.QUARTERLY), issued=D(2024, 2, 27)), calendar=CAL)
    # The report on the first quarter is still due: it reports on what the plan started.
    assert found[0].period.start == D(2024, 1, 1)


def task_with(period: Period | None, *schedules: Schedule) -> Task:
    return Task(
        id="nd2", text="Số hóa hồ sơ", lead=("ls-tp.pnv",), schedules=schedules, period=period
    )


def test_a_task_has_its_own_period() -> None:
    import attrs

    # "Từ năm 2024" in a plan for 2021-2025: the yearly report runs 2024 and 2025 only.
    document = attrs.evolve(
        plan(period=Period.years(2021, 2025)),
        tasks=(task_with(Period.years(2024, 2025), report(Cadence.YEARLY)),),
    )
    found = expand_plan(document, calendar=CAL)
    assert [o.period.start.year for o in found] == [2024, 2025]


def test_a_task_period_lies_within_the_plans() -> None:
    import attrs

    with pytest.raises(ModelError, match="within the plan's 2024"):
        attrs.evolve(plan(), tasks=(task_with(Period.years(2024, 2025)),))


def test_a_task_period_is_read_from_a_plan_file(tmp_path: Path) -> None:
    from cchc.files import dumps_plan, load_plan

    path = tmp_path / "kh.yaml"
    path.write_text(
        "key: kh-1\nkind: plan\ntitle: Kế hoạch giai đoạn 2021-2025\nissuer: ubnd\n"
        "period: 2021-2025\ntasks:\n  - id: nd1\n    text: Số hóa hồ sơ\n"
        "    period: 2024-2025\n"
        "    schedules:\n      - {kind: continuous, text: Thường xuyên}\n",
        encoding="utf-8",
    )
    document = load_plan(path)
    assert document.tasks[0].period == Period.years(2024, 2025)
    assert "period: 2024-2025" in dumps_plan(document)


# --- 7. targets with a year, and yearly steps ------------------------------------------


def indicator(value: float, **fields: object) -> Indicator:
    from cchc.text._vocab import Comparator, Measure

    return Indicator(
        id="ct1",
        text="Tỷ lệ hồ sơ giải quyết trực tuyến",
        comparator=Comparator.AT_LEAST,
        value=value,
        measure=Measure.PERCENT,
        **fields,  # type: ignore[arg-type]
    )


def test_a_target_with_its_year_and_steps() -> None:
    target = indicator(
        80, by_year=2025, steps=(Step(year=2024, value=60), Step(year=2025, value=80))
    )
    assert (target.by_year, [s.value for s in target.steps]) == (2025, [60, 80])


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        pytest.param(
            {"steps": (Step(year=2025, value=80), Step(year=2024, value=60))},
            "year order",
            id="steps out of order",
        ),
        pytest.param(
            {"steps": (Step(year=2024, value=60),)},
            "last step of the target 80",
            id="last step is not the target",
        ),
        pytest.param(
            {"by_year": 2026, "steps": (Step(year=2025, value=80),)},
            "by_year 2026",
            id="last step not in by_year",
        ),
        pytest.param(
            {"steps": (Step(year=2024, value=120), Step(year=2025, value=80))},
            "percentage",
            id="a step past 100%",
        ),
        pytest.param({"by_year": 1900}, "a year from 1945", id="a year out of range"),
    ],
)
def test_steps_run_year_after_year_to_the_target(fields: dict[str, object], says: str) -> None:
    with pytest.raises(ModelError, match=says):
        indicator(80, **fields)


def test_a_target_reached_later_is_weaker() -> None:
    import attrs

    from cchc.coverage._concreteness import weakened
    from cchc.model._items import ItemLink

    parent = attrs.evolve(
        plan(period=Period.years(2021, 2025)),
        key="ls-kh-2021",
        indicators=(indicator(80, by_year=2025),),
    )
    link = (ItemLink(plan="ls-kh-2021", item="ct1"),)
    later = attrs.evolve(plan(), indicators=(indicator(80, by_year=2026, inherits=link),))
    sooner = attrs.evolve(plan(), indicators=(indicator(80, by_year=2024, inherits=link),))
    (problem,) = weakened(parent, later)
    assert "later target year: 2026 here, 2025 in the parent" in problem.message
    assert weakened(parent, sooner) == ()


def test_a_target_year_is_read_from_a_plan_file(tmp_path: Path) -> None:
    from cchc.files import dumps_plan, load_plan

    path = tmp_path / "kh.yaml"
    path.write_text(
        "key: kh-1\nkind: plan\ntitle: Kế hoạch giai đoạn 2021-2025\nissuer: ubnd\n"
        "period: 2021-2025\nindicators:\n  - id: ct1\n    text: Tỷ lệ hồ sơ trực tuyến\n"
        "    comparator: at_least\n    value: 80\n    measure: percent\n    by_year: 2025\n"
        "    steps:\n      - {year: 2024, value: 60}\n      - {year: 2025, value: 80}\n",
        encoding="utf-8",
    )
    document = load_plan(path)
    assert document.indicators[0].steps == (Step(year=2024, value=60), Step(year=2025, value=80))
    assert load_plan_text(dumps_plan(document), tmp_path) == document


def load_plan_text(text: str, folder: Path) -> Plan:
    from cchc.files import load_plan

    again = folder / "again.yaml"
    again.write_text(text, encoding="utf-8")
    return load_plan(again)


# --- 8. a plan issued by a decision ----------------------------------------------------


def decision(*, ref: str | None, title: str, enacts: DocumentKind | None) -> Plan:
    from cchc.refs import parse_ref

    return Plan(
        key="ls-qd-123-2024",
        kind=DocumentKind.DECISION,
        title=title,
        issuer="ls.ubnd",
        ref=None if ref is None else parse_ref(ref),
        issued=D(2024, 2, 27),
        period=Period.years(2024),
        enacts=enacts,
        tasks=(Task(id="nd1", text="Tuyên truyền CCHC"),),
    )


ENACTED = "Về việc ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2024"
DERIVED = [
    # (parent, citation, title): NĐ 30/2020, Phụ lục III (QĐ); the decision issues the plan.
    pytest.param(
        decision(ref="123/QĐ-UBND", title=ENACTED, enacts=DocumentKind.PLAN),
        "Quyết định số 123/QĐ-UBND ngày 27/02/2024 của UBND tỉnh Lạng Sơn ban hành Kế hoạch "
        "tuyên truyền cải cách hành chính năm 2024",
        "Kế hoạch thực hiện Quyết định số 123/QĐ-UBND năm 2024",
        id="decision issuing a plan, with its number",
    ),
    pytest.param(
        decision(ref=None, title=ENACTED, enacts=DocumentKind.PLAN),
        "Quyết định ngày 27/02/2024 của UBND tỉnh Lạng Sơn ban hành Kế hoạch tuyên truyền cải "
        "cách hành chính năm 2024",
        "Kế hoạch thực hiện Kế hoạch tuyên truyền cải cách hành chính năm 2024",
        id="no number: the plan it issues names it, the year once",
    ),
    pytest.param(
        decision(ref="45/QĐ-UBND", title="Về việc phê duyệt Đề án ...", enacts=None),
        "Quyết định số 45/QĐ-UBND ngày 27/02/2024 của UBND tỉnh Lạng Sơn về phê duyệt Đề án ...",
        "Kế hoạch thực hiện Quyết định số 45/QĐ-UBND năm 2024",
        id="another decision: 'về' said once",
    ),
]


@pytest.mark.parametrize(("parent", "citation", "title"), DERIVED)
def test_derive_cites_a_decision_properly(parent: Plan, citation: str, title: str) -> None:
    from cchc.draft import derive
    from cchc.model._plan import Unit
    from cchc.text._vocab import Level

    units = {"ls.ubnd": Unit(code="ls.ubnd", name="UBND tỉnh Lạng Sơn", level=Level.PROVINCE)}
    child = derive(parent, "UBND thành phố Lạng Sơn", 2024, units=units)
    assert (child.legal_bases[0].citation, child.title) == (citation, title)


def test_only_a_decision_enacts() -> None:
    import attrs

    with pytest.raises(ModelError, match="enacts"):
        attrs.evolve(plan(), enacts=DocumentKind.PLAN)


# --- the command line ------------------------------------------------------------------

PLAN_FILE = """\
key: kh-1
kind: plan
title: Kế hoạch tuyên truyền CCHC năm 2024
issuer: ubnd
period: 2024
tasks:
  - id: nd1
    text: Báo cáo nhanh
    schedules:
      - {kind: recurring, cadences: [monthly], anchor: day, day: 20, text: Trước ngày 20 hằng tháng}
"""


@pytest.mark.parametrize(
    ("options", "date"),
    [
        pytest.param((), "2024-07-19", id="default: exclusive, Fri 19/7"),
        pytest.param(("--before", "exclusive"), "2024-07-19", id="exclusive: Fri 19/7"),
        pytest.param(("--before", "inclusive"), "2024-07-22", id="inclusive: Sat 20/7 -> Mon 22/7"),
    ],
)
def test_calendar_before_option(tmp_path: Path, options: tuple[str, ...], date: str) -> None:
    import io
    import json

    from cchc.cli import main

    (tmp_path / "kh-1.yaml").write_text(PLAN_FILE, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    argv = ["calendar", str(tmp_path), "--json", "--from", "2024-07-01", "--to", "2024-07-31"]
    code = main([*argv, "--as-of", "2024-07-01", *options], stdout=out, stderr=err, environ={})
    assert (code, err.getvalue()) == (0, "")
    assert [o["date"] for o in json.loads(out.getvalue())["occurrences"]] == [date]
