"""Dates in every form Vietnamese texts use, day first, and the date line of a document."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.exceptions import ParseError
from cchc.text._dates import format_vn_date, parse_date

READ = [
    ("2024-02-08", dt.date(2024, 2, 8)),
    ("08/2/2024", dt.date(2024, 2, 8)),
    ("17/01/2024", dt.date(2024, 1, 17)),
    ("1/2/2024", dt.date(2024, 2, 1)),
    ("01-10-1997", dt.date(1997, 10, 1)),
    ("17.01.2024", dt.date(2024, 1, 17)),
    ("ngày 25 tháng 01 năm 2022", dt.date(2022, 1, 25)),
    ("25 tháng 1 năm 2022", dt.date(2022, 1, 25)),
    ("Ngày 08/2/2024", dt.date(2024, 2, 8)),
    ("NGÀY 27 THÁNG 02 NĂM 2024", dt.date(2024, 2, 27)),
    ("ngay 11 thang 6 nam 2021", dt.date(2021, 6, 11)),
    ("  14/6/2021 ", dt.date(2021, 6, 14)),
    ("14/6/ 2021", dt.date(2021, 6, 14)),
    ("29/02/2024", dt.date(2024, 2, 29)),
]


@pytest.mark.parametrize(("text", "expected"), READ, ids=[row[0] for row in READ])
def test_every_written_form_reads_day_first(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_decomposed_text_reads() -> None:
    assert parse_date(unicodedata.normalize("NFD", "ngày 25 tháng 01 năm 2022")) == dt.date(
        2022, 1, 25
    )


IMPOSSIBLE = [
    "31/02/2024",
    "29/02/2023",
    "00/01/2024",
    "32/1/2024",
    "1/13/2024",
    "2024-13-01",
    "ngày 31 tháng 4 năm 2024",
]


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_impossible_dates_are_errors_quoting_the_text(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date(text)
    assert repr(text) in str(caught.value)
    assert "exists" in str(caught.value)


UNREADABLE = [
    "",
    "hôm nay",
    "08/02/24",
    "08/02-2024",
    "2024/02/08",
    "ngày  tháng  năm 2024",
    "14/6/2021 của UBND",
    "x" * 10000,
]


@pytest.mark.parametrize("text", UNREADABLE, ids=[t[:20] or "empty" for t in UNREADABLE])
def test_unreadable_text_is_an_error_quoting_it(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_date(text)
    assert repr(text[:20])[:-1] in str(caught.value)


FORMATTED = [
    (dt.date(2024, 2, 8), "ngày 08 tháng 02 năm 2024"),
    (dt.date(2024, 2, 27), "ngày 27 tháng 02 năm 2024"),
    (dt.date(2021, 6, 11), "ngày 11 tháng 6 năm 2021"),
    (dt.date(2022, 1, 25), "ngày 25 tháng 01 năm 2022"),
    (dt.date(2021, 12, 5), "ngày 05 tháng 12 năm 2021"),
    (dt.date(2020, 3, 12), "ngày 12 tháng 3 năm 2020"),
]


@pytest.mark.parametrize(("day", "expected"), FORMATTED, ids=[row[1] for row in FORMATTED])
def test_the_date_line_pads_small_days_and_the_first_two_months(
    day: dt.date, expected: str
) -> None:
    assert format_vn_date(day) == expected


@pytest.mark.parametrize(
    ("day", "numeric", "day_month"),
    [
        (dt.date(2024, 2, 8), "08/02/2024", "08/02"),
        (dt.date(2021, 6, 14), "14/06/2021", "14/06"),
        (dt.date(2021, 12, 5), "05/12/2021", "05/12"),
    ],
)
def test_the_numeric_forms_pad_day_and_month(day: dt.date, numeric: str, day_month: str) -> None:
    assert format_vn_date(day, "numeric") == numeric
    assert format_vn_date(day, "day_month") == day_month


days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))


@given(days)
def test_the_date_line_round_trips(day: dt.date) -> None:
    assert parse_date(format_vn_date(day)) == day
    assert parse_date(format_vn_date(day, "numeric")) == day


@given(days, st.sampled_from(["/", "-", "."]), st.booleans())
def test_numeric_forms_round_trip(day: dt.date, separator: str, padded: bool) -> None:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    assert parse_date(separator.join((d, m, str(day.year)))) == day
    assert parse_date(day.isoformat()) == day


@given(st.integers(2000, 2100), st.integers(1, 12), st.integers(1, 31))
def test_a_date_reads_exactly_when_it_exists(year: int, month: int, day: int) -> None:
    text = f"{day:02d}/{month:02d}/{year}"
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        with pytest.raises(ParseError):
            parse_date(text)
    else:
        assert parse_date(text) == expected
