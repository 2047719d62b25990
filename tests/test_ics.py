"""iCalendar export: events read back, stable UIDs, identical bytes, safe writing."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.calendar._expand import Occurrence, expand
from cchc.calendar._ics import PRODID, OutputExistsError, event_uid, to_ics, write_ics
from cchc.calendar._workdays import Policy, WorkCalendar
from cchc.exceptions import CchcError
from cchc.model._items import Schedule, Task
from cchc.model._plan import Period, Plan
from cchc.text._vocab import Cadence, DocumentKind, ScheduleKind

D = dt.date
CAL = WorkCalendar.vietnam(2022, 2028)
AS_OF = D(2024, 3, 20)


def sample_plan(key: str = "ls-tp-kh-2024", year: int = 2024) -> Plan:
    return Plan(
        key=key,
        kind=DocumentKind.PLAN,
        title="Kế hoạch thông tin, tuyên truyền CCHC",
        issuer="ls-tp.ubnd",
        period=Period.years(year),
        tasks=(
            Task(
                id="nd1",
                text="Hằng tháng, có ít nhất 01 tin, bài về CCHC",
                lead=("ls-tp.pnv", "ls-tp.vp"),
                schedules=(
                    Schedule(
                        kind=ScheduleKind.QUOTA,
                        cadences=(Cadence.MONTHLY,),
                        count=1,
                        what="tin, bài",
                    ),
                ),
            ),
            Task(
                id="nd2",
                text="Báo cáo kết quả công tác thông tin, tuyên truyền CCHC",
                lead=("ls-tp.pnv",),
                schedules=(
                    Schedule(
                        kind=ScheduleKind.REPORT,
                        cadences=(Cadence.QUARTERLY, Cadence.HALF_YEARLY, Cadence.YEARLY),
                        to="ls-tp.ubnd",
                    ),
                    Schedule(kind=ScheduleKind.DUE, due=D(year, 4, 30)),
                ),
            ),
        ),
    )


def events(data: bytes) -> list[icalendar.Component]:
    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def categories(event: icalendar.Component) -> list[str]:
    value = event["CATEGORIES"]
    assert isinstance(value, icalendar.prop.vCategory)
    return [str(c) for c in value.cats]


def test_events_read_back() -> None:
    occurrences = expand([sample_plan()], calendar=CAL)
    data = to_ics(occurrences, as_of=AS_OF, unit_names={"ls-tp.pnv": "Phòng Nội vụ"})
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == PRODID
    assert "cchc" in str(calendar["PRODID"])
    assert str(calendar["VERSION"]) == "2.0"
    found = events(data)
    assert len(found) == len(occurrences) == 12 + 4 + 2 + 1 + 1
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)
    for event, occurrence in zip(found, occurrences, strict=True):
        assert str(event["UID"]) == event_uid(occurrence)
        assert event.decoded("DTSTART") == occurrence.date
        assert event.decoded("DTEND") == occurrence.date + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime(2024, 3, 20, tzinfo=dt.UTC)
        assert categories(event) == list(occurrence.units)
    summaries = [str(e["SUMMARY"]) for e in found]
    # The unit first: it tells apart events of one day.
    assert any(s.startswith("Phòng Nội vụ: Gửi báo cáo quý I/2024") for s in summaries)
    # A task led by two units names both.
    quota = "Chỉ tiêu tháng 4/2024: ít nhất 01 tin, bài"
    assert any(s.startswith("Phòng Nội vụ, ") and quota in s for s in summaries)
    assert any(s.startswith("Phòng Nội vụ: Hạn hoàn thành") for s in summaries)
    descriptions = "\n".join(str(e["DESCRIPTION"]) for e in found)
    assert "Phòng Nội vụ" in descriptions
    assert "Thời gian chốt số liệu: 15/12/2023 - 14/03/2024" in descriptions


def test_same_input_same_bytes() -> None:
    occurrences = list(expand([sample_plan(), sample_plan("hn-kh-54-2024")], calendar=CAL))
    first = to_ics(occurrences, as_of=AS_OF)
    random.Random(7).shuffle(occurrences)
    assert to_ics(occurrences, as_of=AS_OF) == first
    assert to_ics(occurrences, as_of=AS_OF + dt.timedelta(days=1)) != first


def test_uids_survive_a_change_of_date() -> None:
    """Moving a deadline (another policy) updates the same events rather than adding new ones."""
    moved = expand([sample_plan()], calendar=CAL)
    kept = expand([sample_plan()], calendar=CAL, policy=Policy.NONE)
    assert {event_uid(o) for o in moved} == {event_uid(o) for o in kept}
    assert [o.date for o in moved] != [o.date for o in kept]


def test_colliding_keys_get_suffixes() -> None:
    twice = Schedule(kind=ScheduleKind.DUE, due=D(2024, 6, 28))
    plan = Plan(
        key="k",
        kind=DocumentKind.PLAN,
        title="t",
        issuer="u",
        period=Period.years(2024),
        tasks=(Task(id="t", text="x", schedules=(twice, twice)),),
    )
    occurrences = expand([plan], calendar=CAL)
    # Two schedules of one task are two duties: the schedule's place tells them apart.
    uids = sorted(str(e["UID"]) for e in events(to_ics(occurrences, as_of=AS_OF)))
    assert len(set(uids)) == 2
    assert not any("-2@cchc" in uid for uid in uids)
    # The same occurrence given twice still gets two events, the second suffixed.
    twice_over = events(to_ics((occurrences[0], occurrences[0]), as_of=AS_OF))
    uids = sorted(str(e["UID"]) for e in twice_over)
    assert len(set(uids)) == 2
    assert any("-2@cchc" in uid for uid in uids)


def test_a_deadline_that_moves_keeps_its_event() -> None:
    def plan(due: dt.date, text: str) -> Plan:
        schedule = Schedule(kind=ScheduleKind.DUE, due=due)
        quota = Schedule(kind=ScheduleKind.QUOTA, cadences=(Cadence.MONTHLY,), count=1)
        return Plan(
            key="k",
            kind=DocumentKind.PLAN,
            title="t",
            issuer="u",
            period=Period.years(2024),
            tasks=(Task(id="t", text=text, schedules=(schedule, quota)),),
        )

    before = expand([plan(D(2024, 6, 28), "x")], calendar=CAL)
    after = expand([plan(D(2024, 9, 30), "x, reworded")], calendar=CAL)
    assert [event_uid(o) for o in before] != []
    assert {event_uid(o) for o in before} == {event_uid(o) for o in after}
    # Each month of the quota is an event of its own.
    assert len({event_uid(o) for o in before}) == len(before)


def test_a_later_export_is_the_newer_version() -> None:
    occurrences = expand([sample_plan()], calendar=CAL)
    first = events(to_ics(occurrences, as_of=D(2024, 3, 1)))[0]
    later = events(to_ics(occurrences, as_of=D(2024, 3, 2)))[0]
    assert first["UID"] == later["UID"]
    assert later.decoded("SEQUENCE") == first.decoded("SEQUENCE") + 1
    assert later.decoded("LAST-MODIFIED") > first.decoded("LAST-MODIFIED")


def test_write_is_atomic_and_refuses_to_overwrite(tmp_path: Path) -> None:
    occurrences = expand([sample_plan()], calendar=CAL)
    target = tmp_path / "lich.ics"
    assert write_ics(target, occurrences, as_of=AS_OF) == target
    first = target.read_bytes()
    assert first == to_ics(occurrences, as_of=AS_OF)
    with pytest.raises(OutputExistsError, match=r"lich\.ics") as info:
        write_ics(target, occurrences[:1], as_of=AS_OF)
    assert isinstance(info.value, CchcError)
    assert info.value.path == target
    assert target.read_bytes() == first
    write_ics(target, occurrences[:1], as_of=AS_OF, force=True)
    assert target.read_bytes() == to_ics(occurrences[:1], as_of=AS_OF)
    write_ics(target, occurrences, as_of=AS_OF, force=True)
    assert target.read_bytes() == first  # byte-identical re-export
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lich.ics"]  # no temporary left


def test_write_into_a_missing_folder_creates_it_as_every_writer_does(tmp_path: Path) -> None:
    target = write_ics(tmp_path / "missing" / "x.ics", (), as_of=AS_OF)
    assert target.read_bytes() == to_ics((), as_of=AS_OF)


def test_write_below_a_file_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "missing").write_text("", encoding="utf-8")
    with pytest.raises(CchcError, match="missing"):
        write_ics(tmp_path / "missing" / "x.ics", (), as_of=AS_OF)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["missing"]


def test_empty_calendar_is_valid() -> None:
    data = to_ics((), as_of=AS_OF)
    assert events(data) == []
    assert b"PRODID" in data


@settings(max_examples=25)
@given(st.integers(2023, 2027), st.lists(st.sampled_from(Cadence), min_size=1, unique=True))
def test_any_report_schedule_round_trips(year: int, cadences: list[Cadence]) -> None:
    plan = Plan(
        key="k",
        kind=DocumentKind.PLAN,
        title="t",
        issuer="u",
        period=Period.years(year),
        tasks=(
            Task(
                id="t",
                text="Báo cáo",
                schedules=(Schedule(kind=ScheduleKind.REPORT, cadences=tuple(cadences)),),
            ),
        ),
    )
    occurrences: tuple[Occurrence, ...] = expand([plan], calendar=CAL)
    data = to_ics(occurrences, as_of=AS_OF)
    found = events(data)
    assert [e.decoded("DTSTART") for e in found] == [o.date for o in occurrences]
    assert len({str(e["UID"]) for e in found}) == len(found)
    assert to_ics(reversed(occurrences), as_of=AS_OF) == data


def test_events_follow_the_language_and_name_the_plan_by_its_reference() -> None:
    occurrences = expand([sample_plan()], calendar=CAL)
    names = {"ls-tp.pnv": "Phòng Nội vụ"}
    labels = {occurrences[0].plan: "Kế hoạch số 37/KH-UBND"}
    english = events(
        to_ics(occurrences, as_of=AS_OF, unit_names=names, plan_labels=labels, english=True)
    )
    summaries = [str(e["SUMMARY"]) for e in english]
    assert any(s.startswith("Phòng Nội vụ: Report Q1 2024") for s in summaries)
    quota = "Quota Apr 2024: at least 01 tin, bài"
    assert any(s.startswith("Phòng Nội vụ, ") and quota in s for s in summaries)
    description = str(english[0]["DESCRIPTION"])
    assert f"Plan: Kế hoạch số 37/KH-UBND ({occurrences[0].plan})" in description
    assert "Units responsible: Phòng Nội vụ" in description
