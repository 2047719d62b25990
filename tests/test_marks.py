"""Two marks every output carries: a date on unannounced days off, and an illustrative plan.

A deadline whose date rests on a year whose days off are not announced yet (2027: after
the last official row of cchc's table) is an estimate; a plan marked ``illustrative`` is
written by hand to show cchc's checks.  Both are worked out once, on the occurrence, and
shown in the terminal lists, the JSON documents, the coverage output and the .ics.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest

from cchc.calendar._announced import ANNOUNCED, ChangeKind, DayChange, Status
from cchc.calendar._expand import expand
from cchc.calendar._ics import (
    ESTIMATED_LINE,
    ESTIMATED_PREFIX,
    ILLUSTRATIVE_LINE,
    ILLUSTRATIVE_PREFIX,
    to_ics,
)
from cchc.calendar._workdays import Policy, WorkCalendar
from cchc.cli import main
from cchc.model._items import Schedule, Task
from cchc.model._plan import Period, Plan
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.text._vocab import Anchor, Cadence, DocumentKind, ScheduleKind

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"


def _plan(*schedules: Schedule, illustrative: bool = False) -> Plan:
    return Plan(
        key="kh-1",
        kind=DocumentKind.PLAN,
        title="Kế hoạch tuyên truyền CCHC",
        issuer="ubnd",
        issued=D(2026, 1, 5),
        period=Period.years(2026, 2027),
        illustrative=illustrative,
        tasks=(Task(id="nd1", text="Tuyên truyền CCHC", schedules=schedules),),
    )


def _due(day: dt.date) -> Schedule:
    return Schedule(kind=ScheduleKind.DUE, due=day, text=f"chậm nhất ngày {day:%d/%m/%Y}")


_OFF_31_12 = DayChange(
    start=D(2026, 12, 31), end=D(2026, 12, 31), kind=ChangeKind.DAY_OFF, name="thử", source="test"
)
_GUESS_2026 = DayChange(
    start=D(2026, 6, 1),
    end=D(2026, 6, 1),
    kind=ChangeKind.DAY_OFF,
    name="thử",
    source="test",
    status=Status.ESTIMATED,
)

# (written, policy, calendar's extra rows, date expected, estimated?), worked out by hand:
# 2026 is announced (12729/VPCP-KGVX), 2027 is not; a date on a day off moves to the next
# working day (Bộ luật Dân sự 2015, Điều 148.5).
DUE_CASES = [
    pytest.param(D(2026, 12, 15), Policy.NEXT, (), D(2026, 12, 15), False, id="Tue 15/12/2026"),
    pytest.param(D(2026, 12, 31), Policy.NEXT, (), D(2026, 12, 31), False, id="Thu 31/12/2026"),
    pytest.param(D(2027, 1, 15), Policy.NEXT, (), D(2027, 1, 15), True, id="Fri 15/1/2027"),
    # 1/1/2027 is a Friday holiday (BLLĐ 2019, Điều 112.1.a): to Monday 4/1.
    pytest.param(D(2027, 1, 1), Policy.NEXT, (), D(2027, 1, 4), True, id="1/1/2027 to Mon 4/1"),
    # Written in 2026, moved into 2027 by a day off on 31/12: it rests on 2027's days.
    pytest.param(
        D(2026, 12, 31), Policy.NEXT, (_OFF_31_12,), D(2027, 1, 4), True, id="moved into 2027"
    ),
    # Written in 2027: marked even when moved back into 2026.
    pytest.param(
        D(2027, 1, 1), Policy.PREVIOUS, (), D(2026, 12, 31), True, id="written in 2027, back"
    ),
    # A year with an estimated row is estimated, announced or not after it.
    pytest.param(
        D(2026, 6, 15), Policy.NEXT, (_GUESS_2026,), D(2026, 6, 15), True, id="estimated row"
    ),
]


@pytest.mark.parametrize(("written", "policy", "extra", "date", "estimated"), DUE_CASES)
def test_a_due_date_is_estimated_when_it_rests_on_an_unannounced_year(
    written: dt.date,
    policy: Policy,
    extra: tuple[DayChange, ...],
    date: dt.date,
    estimated: bool,
) -> None:
    calendar = WorkCalendar.vietnam(2025, 2028, changes=(*ANNOUNCED, *extra))
    (occurrence,) = expand([_plan(_due(written))], calendar=calendar, policy=policy)
    assert (occurrence.date, occurrence.estimated) == (date, estimated)


def test_without_a_calendar_the_expansion_marks_2027_alone() -> None:
    found = expand([_plan(_due(D(2026, 12, 15)), _due(D(2027, 1, 15)), _due(D(2028, 3, 1)))])
    assert [(o.date.year, o.estimated) for o in found] == [
        (2026, False),
        (2027, True),
        (2028, True),
    ]


# Reports for the quarters of 2026, due before the 5th of the next month ("trước ngày 05
# tháng sau": the 4th, moved by Điều 148.5): the fourth quarter's falls in January 2027.
QUARTERS = [
    (D(2026, 4, 6), False),  # 4/4/2026 is a Saturday, 5/4 a Sunday: Monday 6/4
    (D(2026, 7, 6), False),  # 4/7 Saturday: Monday 6/7
    (D(2026, 10, 5), False),  # 4/10 Sunday: Monday 5/10
    (D(2027, 1, 4), True),  # Monday 4/1/2027: 2027's days off are not announced
]


def test_the_fourth_quarters_report_rests_on_2027() -> None:
    report = Schedule(
        kind=ScheduleKind.REPORT,
        cadences=(Cadence.QUARTERLY,),
        anchor=Anchor.FOLLOWING_DAY,
        day=5,
        text="định kỳ hằng quý, trước ngày 05 tháng sau",
    )
    found = expand([_plan(report)], start=D(2026, 1, 1), end=D(2027, 1, 31))
    assert [(o.date, o.estimated) for o in found] == QUARTERS


def test_an_illustrative_plan_marks_each_of_its_occurrences() -> None:
    schedules = (_due(D(2026, 12, 15)), _due(D(2027, 1, 15)))
    assert all(o.illustrative for o in expand([_plan(*schedules, illustrative=True)]))
    assert not any(o.illustrative for o in expand([_plan(*schedules)]))


# --- every output, from a small corpus ----------------------------------------------------

REAL, SHOWN = "p-2026", "mh-2026"
_PARENT = f"""key: {REAL}
kind: plan
title: Kế hoạch tuyên truyền CCHC giai đoạn 2026-2027
issuer: ubnd
issued: 2026-01-05
period: 2026-2027
tasks:
  - id: nd1
    text: Tuyên truyền văn bản về CCHC
    schedules:
      - {{kind: due, due: 2026-12-15, text: chậm nhất ngày 15/12/2026}}
  - id: nd2
    text: Tuyên truyền chỉ số PAR INDEX
    schedules:
      - {{kind: due, due: 2027-03-15, text: chậm nhất ngày 15/3/2027}}
"""
_CHILD = f"""key: {SHOWN}
kind: plan
title: Kế hoạch tuyên truyền CCHC của phường (minh họa)
issuer: ubnd-phuong
issued: 2026-02-02
period: 2026-2027
illustrative: true
parents: [{REAL}]
tasks:
  - id: nd1
    text: Tuyên truyền văn bản về CCHC tại phường
    inherits: [{REAL}#nd1, {REAL}#nd2]
    schedules:
      - {{kind: due, due: 2026-11-16, text: chậm nhất ngày 16/11/2026}}
      - {{kind: due, due: 2027-02-15, text: chậm nhất ngày 15/02/2027}}
"""
# (plan, date, estimated) of each deadline, in date order.
DEADLINES = [
    (SHOWN, "2026-11-16", False),
    (REAL, "2026-12-15", False),
    (SHOWN, "2027-02-15", True),
    (REAL, "2027-03-15", True),
]
AS_OF = "2026-11-01"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / f"{REAL}.yaml").write_text(_PARENT, encoding="utf-8")
    (tmp_path / f"{SHOWN}.yaml").write_text(_CHILD, encoding="utf-8")
    return tmp_path


def _run(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "200", "NO_COLOR": "1"})
    assert "Traceback" not in err.getvalue()
    return out.getvalue()


def _schema(name: str) -> Any:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _marks(record: dict[str, Any]) -> tuple[str, str, bool, bool]:
    return record["plan"], record["date"], record["estimated"], record["illustrative"]


EXPECTED = [(plan, day, estimated, plan == SHOWN) for plan, day, estimated in DEADLINES]


def test_calendar_json_carries_both_marks(folder: Path) -> None:
    document = json.loads(_run("calendar", str(folder), "--json", "--as-of", AS_OF))
    jsonschema.validate(document, _schema("calendar.json"))
    assert [_marks(r) for r in document["occurrences"]] == EXPECTED


def test_summary_json_carries_both_marks(folder: Path) -> None:
    document = json.loads(_run("summary", str(folder), "--json", "--as-of", AS_OF))
    jsonschema.validate(document, _schema("summary.json"))
    assert [_marks(r) for r in document["deadlines"]["upcoming"]] == EXPECTED
    (edge,) = document["coverage"]["edges"]
    assert (edge["parent_illustrative"], edge["child_illustrative"]) == (False, True)


def test_coverage_json_says_which_end_of_an_edge_is_illustrative(folder: Path) -> None:
    document = json.loads(_run("coverage", str(folder), "--json"))
    jsonschema.validate(document, _schema("coverage.json"))
    (edge,) = document["edges"]
    assert (edge["parent"], edge["child"]) == (REAL, SHOWN)
    assert (edge["parent_illustrative"], edge["child_illustrative"]) == (False, True)


@pytest.mark.parametrize(("lang", "estimated"), [("vi", "(ước tính)"), ("en", "(estimated)")])
def test_calendar_text_carries_both_marks(folder: Path, lang: str, estimated: str) -> None:
    text = _run("calendar", str(folder), "--as-of", AS_OF, "--lang", lang)
    blocks = [b for b in text.split("\n\n") if "#nd" in b]
    assert len(blocks) == len(DEADLINES)
    for block, (plan, day, rests) in zip(blocks, DEADLINES, strict=True):
        assert f"{plan}#" in block
        assert dt.date.fromisoformat(day).strftime("%d/%m/%Y") in block
        assert (estimated in block) is rests, block
        assert (ILLUSTRATIVE_LABEL in block) is (plan == SHOWN), block


@pytest.mark.parametrize(("lang", "estimated"), [("vi", "(ước tính)"), ("en", "(estimated)")])
def test_summary_lines_carry_both_marks(folder: Path, lang: str, estimated: str) -> None:
    text = _run("summary", str(folder), "--as-of", AS_OF, "--lang", lang)
    heading = "Hạn sắp tới" if lang == "vi" else "Next deadlines"
    # Two lines a deadline: the date and the units, then the plan, item and text.
    lines = text.partition(heading)[2].splitlines()[1 : 1 + 2 * len(DEADLINES)]
    pairs = [f"{first}\n{second}" for first, second in zip(lines[::2], lines[1::2], strict=True)]
    for line, (plan, day, rests) in zip(pairs, DEADLINES, strict=True):
        assert line.startswith(dt.date.fromisoformat(day).strftime("%d/%m/%Y")), line
        assert f"{plan}#nd" in line.splitlines()[1], line
        assert (estimated in line) is rests, line
        assert (f"[{ILLUSTRATIVE_LABEL}]" in line) is (plan == SHOWN), line


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_coverage_text_marks_the_illustrative_plan(folder: Path, lang: str) -> None:
    # A table's title wraps at the table's width: read it as words.
    text = " ".join(_run("coverage", str(folder), "--lang", lang).split())
    assert f"{REAL} → {SHOWN} ({ILLUSTRATIVE_LABEL})" in text
    assert f"{REAL} ({ILLUSTRATIVE_LABEL})" not in text


def _events(data: bytes) -> list[tuple[str, str]]:
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return [(str(e["summary"]), str(e["description"])) for e in events]


def _check_events(events: list[tuple[str, str]]) -> None:
    assert len(events) == len(DEADLINES)
    for (summary, description), (plan, _, rests) in zip(events, DEADLINES, strict=True):
        assert (ESTIMATED_PREFIX in summary) is rests
        assert (ESTIMATED_LINE in description) is rests
        assert summary.startswith(ILLUSTRATIVE_PREFIX) is (plan == SHOWN)
        assert (ILLUSTRATIVE_LINE in description) is (plan == SHOWN)


def test_ics_from_the_command_carries_both_marks(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "out" / "lich.ics"
    _run("calendar", str(folder), "--as-of", AS_OF, "--ics", str(path), "--json")
    _check_events(_events(path.read_bytes()))


def test_ics_reads_both_marks_from_the_occurrences_alone() -> None:
    real = _plan(_due(D(2026, 12, 15)), _due(D(2027, 3, 15)))
    shown = Plan(
        key=SHOWN,
        kind=DocumentKind.PLAN,
        title="Minh họa",
        issuer="ubnd",
        period=Period.years(2026, 2027),
        illustrative=True,
        tasks=(Task(id="nd1", text="T", schedules=(_due(D(2026, 11, 16)), _due(D(2027, 2, 15)))),),
    )
    occurrences = expand([real, shown])
    # No list of illustrative plans is passed: each occurrence says it.
    events = _events(to_ics(occurrences, as_of=D(2026, 11, 1)))
    assert [o.plan for o in occurrences] == [SHOWN, "kh-1", SHOWN, "kh-1"]
    _check_events(events)


def test_coverage_matrix_and_trace_mark_the_illustrative_plan(folder: Path) -> None:
    matrix = _run("coverage", str(folder), "--matrix")
    assert f"{SHOWN} ({ILLUSTRATIVE_LABEL})" in matrix
    assert f"{REAL} ({ILLUSTRATIVE_LABEL})" not in matrix
    traced = _run("coverage", str(folder), "--plan", REAL, "--item", "nd1")
    assert f"{SHOWN} ({ILLUSTRATIVE_LABEL}) (nd1)" in traced
    assert f"{REAL}#nd1 ({ILLUSTRATIVE_LABEL})" not in traced
    # Traced from the illustrative plan, the root is marked.
    from_child = _run("coverage", str(folder), "--plan", SHOWN, "--item", "nd1")
    assert from_child.startswith(f"{SHOWN}#nd1 ({ILLUSTRATIVE_LABEL})")
