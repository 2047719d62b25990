"""Vietnamese working days: the announced swaps, the two sources, and deadline arithmetic."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.calendar._workdays import (
    ANNOUNCED,
    CalendarRangeError,
    ChangeKind,
    DayChange,
    Policy,
    Status,
    WorkCalendar,
    add_working_days,
    adjust,
    changes_for,
    count_working_days,
    is_working_day,
    next_working_day,
    previous_working_day,
)
from cchc.exceptions import CchcError

D = dt.date
CAL = WorkCalendar.vietnam(2022, 2028)

# Days whose status the announcements state, with why.
KNOWN_DAYS = [
    pytest.param(D(2024, 4, 29), False, id="2024-04-29 Mon off, swapped"),
    pytest.param(D(2024, 4, 30), False, id="2024-04-30 Liberation Day"),
    pytest.param(D(2024, 5, 1), False, id="2024-05-01 Labour Day"),
    pytest.param(D(2024, 5, 2), True, id="2024-05-02 Thu ordinary"),
    pytest.param(D(2024, 5, 4), True, id="2024-05-04 Sat worked"),
    pytest.param(D(2024, 5, 5), False, id="2024-05-05 Sunday"),
    pytest.param(D(2025, 4, 26), True, id="2025-04-26 Sat worked"),
    pytest.param(D(2025, 5, 2), False, id="2025-05-02 Fri off, swapped"),
    pytest.param(D(2025, 1, 24), True, id="2025-01-24 Fri before Tet"),
    pytest.param(D(2025, 2, 3), True, id="2025-02-03 Mon after Tet"),
    pytest.param(D(2026, 1, 1), False, id="2026-01-01 New Year"),
    pytest.param(D(2026, 1, 2), False, id="2026-01-02 Fri off, swapped"),
    pytest.param(D(2026, 1, 10), True, id="2026-01-10 Sat worked"),
    pytest.param(D(2026, 2, 13), True, id="2026-02-13 Fri before Tet"),
    pytest.param(D(2026, 2, 23), True, id="2026-02-23 Mon after Tet"),
    pytest.param(D(2026, 8, 22), True, id="2026-08-22 Sat worked"),
    pytest.param(D(2026, 8, 31), False, id="2026-08-31 Mon off, swapped"),
    pytest.param(D(2026, 9, 1), False, id="2026-09-01 National Day adjacent"),
    pytest.param(D(2026, 11, 24), True, id="2026-11-24 culture day not law by default"),
    pytest.param(D(2024, 3, 5), True, id="2024-03-05 ordinary Tuesday"),
]


@pytest.mark.parametrize(("day", "working"), KNOWN_DAYS)
def test_known_days(day: dt.date, working: bool) -> None:
    assert is_working_day(day, CAL) is working


TET = [
    pytest.param(D(2025, 1, 25), D(2025, 2, 2), id="Tet 2025"),
    pytest.param(D(2026, 2, 14), D(2026, 2, 22), id="Tet 2026"),
]


@pytest.mark.parametrize(("start", "end"), TET)
def test_tet_breaks_have_no_working_day(start: dt.date, end: dt.date) -> None:
    assert count_working_days(start, end, CAL) == 0
    assert is_working_day(start - dt.timedelta(days=1), CAL)
    assert is_working_day(end + dt.timedelta(days=1), CAL)


ADJUSTED = [
    pytest.param(D(2024, 4, 30), Policy.NEXT, D(2024, 5, 2), id="30/4/2024 next -> Thu 2/5"),
    pytest.param(D(2024, 4, 30), Policy.PREVIOUS, D(2024, 4, 26), id="30/4/2024 previous"),
    pytest.param(D(2024, 4, 30), Policy.NONE, D(2024, 4, 30), id="30/4/2024 none"),
    pytest.param(D(2025, 1, 31), Policy.NEXT, D(2025, 2, 3), id="Tet 2025 next"),
    pytest.param(D(2025, 1, 31), Policy.PREVIOUS, D(2025, 1, 24), id="Tet 2025 previous"),
    pytest.param(D(2026, 1, 1), Policy.NEXT, D(2026, 1, 5), id="1/1/2026 skips Fri 2/1"),
    pytest.param(D(2026, 1, 10), Policy.NEXT, D(2026, 1, 10), id="worked Sat 10/1 stays"),
    pytest.param(D(2024, 3, 9), Policy.NEXT, D(2024, 3, 11), id="ordinary Sat"),
]


@pytest.mark.parametrize(("day", "policy", "expected"), ADJUSTED)
def test_adjust(day: dt.date, policy: Policy, expected: dt.date) -> None:
    assert adjust(day, CAL, policy) == expected


ADDED = [
    pytest.param(D(2024, 3, 14), 1, D(2024, 3, 15), id="Thu +1"),
    pytest.param(D(2024, 3, 15), 1, D(2024, 3, 18), id="Fri +1 -> Mon"),
    pytest.param(D(2024, 4, 26), 1, D(2024, 5, 2), id="over 29/4-1/5 2024"),
    pytest.param(D(2024, 5, 3), 1, D(2024, 5, 4), id="Fri +1 -> worked Sat"),
    pytest.param(D(2024, 5, 2), -1, D(2024, 4, 26), id="back over 29/4-1/5"),
    pytest.param(D(2026, 1, 9), 1, D(2026, 1, 10), id="Fri +1 -> worked Sat 10/1"),
    pytest.param(D(2025, 1, 24), 1, D(2025, 2, 3), id="over Tet 2025"),
    pytest.param(D(2024, 3, 9), 0, D(2024, 3, 9), id="zero keeps a Saturday"),
]


@pytest.mark.parametrize(("day", "n", "expected"), ADDED)
def test_add_working_days(day: dt.date, n: int, expected: dt.date) -> None:
    assert add_working_days(day, n, CAL) == expected


def test_culture_day_is_configurable() -> None:
    with_it = WorkCalendar.vietnam(2026, 2027, culture_day=True)
    without = WorkCalendar.vietnam(2026, 2027)
    assert not is_working_day(D(2026, 11, 24), with_it)
    assert is_working_day(D(2026, 11, 24), without)
    # Before 2026 the day was never off, whatever the option.
    earlier = WorkCalendar.vietnam(2025, 2025, culture_day=True)
    assert is_working_day(D(2025, 11, 24), earlier)


def _package_is_working(day: dt.date, package: holidays.HolidayBase) -> bool:
    if day in package.weekend_workdays:
        return True
    return day.weekday() < 5 and day not in package


def test_cross_check_with_holidays_package() -> None:
    """Both sources agree on 2022-2026 except where cchc's table knows better."""
    package = holidays.country_holidays("VN", years=range(2022, 2027))
    day, differences = D(2022, 1, 1), set()
    while day <= D(2026, 12, 31):
        if is_working_day(day, CAL) != _package_is_working(day, package):
            differences.add(day)
        day += dt.timedelta(days=1)
    # The package misses the 2/1/2026 swap and adds 24/11 from 2026 although it is not law.
    assert differences == {D(2026, 1, 2), D(2026, 1, 10), D(2026, 11, 24)}


def test_every_package_holiday_is_off_unless_the_table_says_worked() -> None:
    package = holidays.country_holidays("VN", years=range(2022, 2029))
    worked = {d for c in ANNOUNCED if c.kind is ChangeKind.WORKED for d in c.days()}
    for day in package:
        if (day.month == 11 and day.day == 24) or day in worked:
            continue
        assert not is_working_day(day, CAL), day


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_announced_swaps_balance(year: int) -> None:
    """Each weekday given off in a swap is paid back by one worked weekend day."""
    changes = changes_for(year)
    swaps_off = [c for c in changes if c.kind is ChangeKind.DAY_OFF and c.start == c.end]
    worked = [c for c in changes if c.kind is ChangeKind.WORKED]
    assert len(swaps_off) == len(worked) >= 1
    assert all(c.start.weekday() < 5 for c in swaps_off)
    assert all(c.start.weekday() >= 5 for c in worked)


def test_announced_rows_carry_source_and_status() -> None:
    for change in ANNOUNCED:
        assert change.source.strip()
        assert change.status in Status
        assert change.start <= change.end


def test_injected_calendar() -> None:
    """A hand-made calendar is honoured: nothing is read from the package."""
    cal = WorkCalendar(
        first_year=2030,
        last_year=2030,
        days_off=frozenset({D(2030, 6, 3)}),
        worked_days=frozenset({D(2030, 6, 8)}),
    )
    assert not is_working_day(D(2030, 6, 3), cal)
    assert is_working_day(D(2030, 6, 8), cal)
    assert next_working_day(D(2030, 5, 31), cal) == D(2030, 6, 4)
    assert previous_working_day(D(2030, 6, 10), cal) == D(2030, 6, 8)


def test_table_overrides_are_injectable() -> None:
    extra = DayChange(
        start=D(2027, 1, 4),
        end=D(2027, 1, 4),
        kind=ChangeKind.DAY_OFF,
        name="Ngày nghỉ thử",
        source="test",
        status=Status.ESTIMATED,
    )
    cal = WorkCalendar.vietnam(2027, 2027, changes=(*ANNOUNCED, extra))
    assert not is_working_day(D(2027, 1, 4), cal)
    assert is_working_day(D(2027, 1, 4), WorkCalendar.vietnam(2027, 2027))


def test_outside_the_calendar_is_an_error() -> None:
    with pytest.raises(CalendarRangeError, match="2022-2028, got 2031-01-01") as info:
        is_working_day(D(2031, 1, 1), CAL)
    assert isinstance(info.value, CchcError)


def test_bad_change_is_refused() -> None:
    with pytest.raises(CchcError, match="end"):
        DayChange(
            start=D(2026, 1, 2),
            end=D(2026, 1, 1),
            kind=ChangeKind.DAY_OFF,
            name="x",
            source="y",
        )


inner_days = st.dates(min_value=D(2023, 3, 1), max_value=D(2027, 10, 31))


@given(inner_days, st.integers(-40, 40))
def test_add_working_days_counts_working_days(day: dt.date, n: int) -> None:
    result = add_working_days(day, n, CAL)
    if n == 0:
        assert result == day
    elif n > 0:
        assert is_working_day(result, CAL)
        assert count_working_days(day + dt.timedelta(days=1), result, CAL) == n
    else:
        assert is_working_day(result, CAL)
        assert count_working_days(result, day - dt.timedelta(days=1), CAL) == -n


@given(inner_days, st.sampled_from([Policy.NEXT, Policy.PREVIOUS]))
def test_adjust_lands_on_the_nearest_working_day(day: dt.date, policy: Policy) -> None:
    result = adjust(day, CAL, policy)
    assert is_working_day(result, CAL)
    low, high = sorted((day, result))
    # No working day is skipped on the way.
    assert count_working_days(low, high, CAL) == 1


@given(inner_days, st.integers(1, 30))
def test_add_then_subtract_returns_to_a_working_day(day: dt.date, n: int) -> None:
    there = add_working_days(day, n, CAL)
    back = add_working_days(there, -n, CAL)
    expected = day if is_working_day(day, CAL) else previous_working_day(day, CAL)
    assert back == expected
