"""cchc's table of announced days off: its sources, 2022-2023 on its own, estimated years."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from cchc.calendar import ANNOUNCED as FACE_ANNOUNCED
from cchc.calendar import ChangeKind, DayChange
from cchc.calendar._announced import (
    ANNOUNCED,
    Status,
    changes_for,
    estimated_years,
    last_announced_year,
)
from cchc.calendar._workdays import (
    ANNOUNCED as WORKDAYS_ANNOUNCED,
)
from cchc.calendar._workdays import (
    WorkCalendar,
    _vietnam,
    count_working_days,
    is_working_day,
)

D = dt.date


def _weekdays(start: dt.date, end: dt.date) -> set[dt.date]:
    """The days Monday to Friday from *start* to *end*."""
    days = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
    return {day for day in days if day.weekday() < 5}


# Every weekday off of the state sector in 2022 and 2023, worked out by hand from the
# Labour Code (Bộ luật Lao động 2019, Điều 112.1: the holidays; Điều 111.3: a holiday on a
# rest day is paid back on the next working day; Điều 112.3: the Prime Minister's Tết and
# Quốc khánh days).  No Saturday was worked in either year.
_OFF: list[tuple[int, dt.date, dt.date, str]] = [
    (2022, D(2022, 1, 3), D(2022, 1, 3), "2022 1/1 Sat: Mon 3/1 (Đ 111.3)"),
    (2022, D(2022, 1, 31), D(2022, 2, 4), "2022 Tết 31/1-4/2 (Đ 112.3)"),
    (2022, D(2022, 4, 11), D(2022, 4, 11), "2022 Giỗ Tổ Sun 10/4: Mon 11/4"),
    (2022, D(2022, 5, 2), D(2022, 5, 3), "2022 30/4 Sat, 1/5 Sun: 2/5, 3/5"),
    (2022, D(2022, 9, 1), D(2022, 9, 2), "2022 Quốc khánh 1/9-2/9 (Đ 112.1.đ)"),
    (2023, D(2023, 1, 2), D(2023, 1, 2), "2023 1/1 Sun: Mon 2/1 (Đ 111.3)"),
    (2023, D(2023, 1, 20), D(2023, 1, 26), "2023 Tết 20/1-26/1 (Đ 112.3)"),
    (2023, D(2023, 5, 1), D(2023, 5, 3), "2023 Giỗ Tổ Sat, 30/4 Sun, 1/5: to 3/5"),
    (2023, D(2023, 9, 1), D(2023, 9, 1), "2023 Quốc khánh: Fri 1/9"),
    (2023, D(2023, 9, 4), D(2023, 9, 4), "2023 2/9 Sat: Mon 4/9 (Đ 111.3)"),
]
WEEKDAYS_OFF = [pytest.param(y, s, e, id=name) for y, s, e, name in _OFF]


def _table_weekdays_off(year: int) -> set[dt.date]:
    """The weekdays off of *year* as the table alone gives them."""
    return {
        day
        for change in changes_for(year)
        if change.kind is ChangeKind.DAY_OFF
        for day in change.days()
        if day.year == year and day.weekday() < 5
    }


@pytest.mark.parametrize(("year", "start", "end"), WEEKDAYS_OFF)
def test_the_table_alone_holds_each_weekday_off(year: int, start: dt.date, end: dt.date) -> None:
    assert _weekdays(start, end) <= _table_weekdays_off(year)


@pytest.mark.parametrize("year", [2022, 2023])
def test_the_table_alone_holds_exactly_the_weekdays_off(year: int) -> None:
    expected = set().union(*(_weekdays(s, e) for y, s, e, _ in _OFF if y == year))
    assert _table_weekdays_off(year) == expected
    assert not [c for c in changes_for(year) if c.kind is ChangeKind.WORKED]


@pytest.mark.parametrize("year", [2022, 2023])
def test_the_package_adds_nothing_to_2022_and_2023(year: int) -> None:
    package = holidays.country_holidays("VN", years=year)
    package_off = {day for day in package if day.weekday() < 5}
    assert package_off == _table_weekdays_off(year)
    assert not {day for day in package.weekend_workdays if day.year == year}


def test_without_the_package_2022_and_2023_keep_their_days(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The calendar of 2022-2023 is the table's: with an empty package it is unchanged.
    with_package = WorkCalendar.vietnam(2022, 2023)
    _vietnam.cache_clear()
    monkeypatch.setattr(holidays, "country_holidays", lambda *_a, **_k: {})
    try:
        alone = WorkCalendar.vietnam(2022, 2023)
        assert alone.days_off == with_package.days_off
        assert count_working_days(D(2022, 1, 29), D(2022, 2, 6), alone) == 0
        assert count_working_days(D(2023, 1, 20), D(2023, 1, 26), alone) == 0
        assert is_working_day(D(2023, 1, 27), alone)
        assert not is_working_day(D(2023, 9, 4), alone)
        # 2024 still needs the package: its Tết is not in the table.
        later = WorkCalendar.vietnam(2024, 2024)
        assert is_working_day(D(2024, 2, 12), later)
    finally:
        _vietnam.cache_clear()


# The announcing document of each year's rows (the 2024 swap, the 2025 and 2026 schedules).
SOURCES = [
    pytest.param(2024, ("2450/VPCP-KGVX",), id="2024"),
    pytest.param(2025, ("8726/VPCP-KGVX", "6150/TB-BLĐTBXH"), id="2025"),
    pytest.param(2026, ("12729/VPCP-KGVX", "13/10/2025"), id="2026"),
    pytest.param(2022, ("Điều 11",), id="2022 law or Prime Minister"),
    pytest.param(2023, ("Điều 11",), id="2023 law or Prime Minister"),
]


@pytest.mark.parametrize(("year", "documents"), SOURCES)
def test_each_row_names_its_document(year: int, documents: tuple[str, ...]) -> None:
    rows = changes_for(year)
    assert rows
    for row in rows:
        for document in documents:
            assert document in row.source, (row.name, row.source)
        assert row.status is Status.OFFICIAL


def test_public_names_stay_where_they_were() -> None:
    assert FACE_ANNOUNCED is ANNOUNCED is WORKDAYS_ANNOUNCED


def _row(year: int, status: Status) -> DayChange:
    day = D(year, 3, 2)
    return DayChange(
        start=day, end=day, kind=ChangeKind.DAY_OFF, name="thử", source="test", status=status
    )


ESTIMATED = [
    pytest.param(ANNOUNCED, 2022, 2028, {2027, 2028}, id="the table: after 2026"),
    pytest.param(ANNOUNCED, 2024, 2026, set(), id="the table: 2024-2026 announced"),
    pytest.param(
        (*ANNOUNCED, _row(2027, Status.OFFICIAL)), 2026, 2028, {2028}, id="2027 announced"
    ),
    pytest.param(
        (*ANNOUNCED, _row(2026, Status.ESTIMATED)), 2025, 2027, {2026, 2027}, id="estimated row"
    ),
    pytest.param((), 2022, 2030, set(), id="no official row: none marked"),
]


@pytest.mark.parametrize(("changes", "first", "last", "expected"), ESTIMATED)
def test_estimated_years(
    changes: tuple[DayChange, ...], first: int, last: int, expected: set[int]
) -> None:
    assert estimated_years(first, last, changes) == expected
    calendar = WorkCalendar.vietnam(first, last, changes=changes)
    assert calendar.estimated_years == expected
    assert [calendar.is_estimated(D(y, 6, 1)) for y in range(first, last + 1)] == [
        y in expected for y in range(first, last + 1)
    ]


def test_last_announced_year() -> None:
    assert last_announced_year() == 2026
    assert last_announced_year(()) is None


def test_a_hand_made_calendar_marks_no_year() -> None:
    calendar = WorkCalendar(first_year=2030, last_year=2030, days_off=frozenset())
    assert not calendar.is_estimated(D(2030, 1, 1))
