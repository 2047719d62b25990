"""Dates as Vietnamese documents write them: reading any of their forms, printing them.

Body text is not normalised (Nghị định 30/2020/NĐ-CP fixes only the date line):
``08/2/2024``, ``17/01/2024``, party style ``01-10-1997`` and ``ngày 25 tháng 01 năm 2022``
all occur, always day first.  The date line of a document follows Nghị định 30/2020/NĐ-CP,
Phụ lục I, mục II.4:
``ngày 08 tháng 02 năm 2024``, with a leading 0 on days below 10 and on months 1 and 2.

Parsing is done here by hand, never with ``pendulum.parse``, which reads ``08/02/2024``
month first.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from cchc.exceptions import ParseError
from cchc.text._normal import fold

__all__ = ["DateStyle", "format_vn_date", "parse_date"]

_EXPECTED = (
    "a day-first date such as 08/2/2024, 01-10-1997, 2024-02-08 or ngày 08 tháng 02 năm 2024"
)

# Matched against the folded text: lower case, no diacritics, single spaces.
_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
_NUMERIC = re.compile(
    r"(?:ngay )?(?P<day>[0-9]{1,2}) ?(?P<sep>[/.-]) ?(?P<month>[0-9]{1,2}) ?(?P=sep) ?"
    r"(?P<year>[0-9]{4})"
)
_WORDS = re.compile(
    r"(?:ngay )?(?P<day>[0-9]{1,2}) thang (?P<month>[0-9]{1,2}) nam (?P<year>[0-9]{4})"
)
# No date is written in more characters than this; longer text is refused without a regex.
_MAX_LENGTH = 64


def parse_date(text: str) -> dt.date:
    """Read a date written day first, or in ISO 8601; raise :class:`ParseError` otherwise.

    Accepted: ``2024-02-08``, ``08/2/2024``, ``17/01/2024``, ``17.01.2024``, ``01-10-1997``,
    ``ngày 25 tháng 01 năm 2022`` (with or without ``ngày``, diacritics and case ignored).
    A date that does not exist (``31/02/2024``) is an error quoting the text.
    """
    if len(text) > _MAX_LENGTH:
        raise ParseError("a date", text[:_MAX_LENGTH] + "…", _EXPECTED)
    folded = fold(text)
    match = _ISO.fullmatch(folded) or _NUMERIC.fullmatch(folded) or _WORDS.fullmatch(folded)
    if match is None:
        raise ParseError("a date", text, _EXPECTED)
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise ParseError("a date", text, "a day that exists in the calendar") from None


DateStyle = Literal["words", "numeric", "day_month"]
"""How :func:`format_vn_date` prints a date: ``words`` as a document's date line does
(``ngày 08 tháng 02 năm 2024``), ``numeric`` as body text and tables do (``08/02/2024``),
``day_month`` without the year (``08/02``)."""


def format_vn_date(day: dt.date, style: DateStyle = "words") -> str:
    """Print *day* the Vietnamese way, day first: the one date formatter of cchc.

    ``words`` is the date line of Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4: days below
    10 and the months 1 and 2 take a leading 0 (so ``tháng 02`` but ``tháng 6``).
    ``numeric`` and ``day_month`` pad day and month to two digits (``05/06/2024``), the
    way tables and citations in cchc's output line up.
    """
    if style == "numeric":
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    if style == "day_month":
        return f"{day.day:02d}/{day.month:02d}"
    date = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {date} tháng {month} năm {day.year}"
