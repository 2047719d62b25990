"""The values of plan files that are one scalar each: text, numbers, dates, enums, links.

Each is a cattrs structure hook of :data:`cchc.files._convert.CONVERTER`, strict about
what it takes: a quoted number is not a number, an unquoted one is text only where text
belongs, and a date is written 2024-03-31.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs

from cchc.exceptions import CchcError
from cchc.files._values import JsonConstant, Numeral, describe
from cchc.model._items import ItemLink
from cchc.model._plan import Period
from cchc.refs._refs import DocumentRef, parse_ref

__all__ = [
    "MAX_NUMERAL_LENGTH",
    "ExpectedError",
    "structure_bool",
    "structure_date",
    "structure_enum",
    "structure_float",
    "structure_int",
    "structure_link",
    "structure_period",
    "structure_ref",
    "structure_text",
]

MAX_NUMERAL_LENGTH = 30
"""Longer numbers are refused before they are converted (no value of a plan needs more
digits, and Python refuses to convert integers of over 4300 digits)."""

_WHOLE = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


class ExpectedError(CchcError):
    """A value of the wrong shape: what was expected and what came."""

    def __init__(self, expected: str, got: object) -> None:
        super().__init__(f"expected {expected}, found {describe(got)}")


def structure_text(value: object, _: type) -> str:
    """Read a text as written (an unquoted number as its characters), never a list or mapping."""
    # An unquoted number is text as written (str() makes a plain str of the Numeral).
    if not isinstance(value, str) or isinstance(value, JsonConstant):
        raise ExpectedError("text", value)
    return str(value)


def _check_number(value: object, grammar: re.Pattern[str]) -> None:
    """Refuse a number too long to convert, or a number in quotes, saying which it is."""
    if isinstance(value, Numeral) and len(value) > MAX_NUMERAL_LENGTH:
        raise ExpectedError(f"a number of at most {MAX_NUMERAL_LENGTH} characters", value)
    if type(value) is str and grammar.fullmatch(value):
        raise ExpectedError("a number without quotes", value)


def structure_int(value: object, _: type) -> int:
    """Read a whole number written in decimal digits, without quotes."""
    _check_number(value, _WHOLE)
    if isinstance(value, Numeral):
        if _WHOLE.fullmatch(value):
            # Leading zeros are decimal, as in YAML 1.2 and as people write days: 05 is 5.
            return int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ExpectedError("a whole number in decimal digits, such as 5", value)


def structure_float(value: object, _: type) -> float:
    """Read a number written in decimal digits (95, 99.5), without quotes."""
    _check_number(value, _DECIMAL)
    if isinstance(value, Numeral):
        if _DECIMAL.fullmatch(value):
            return float(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise ExpectedError("a number in decimal digits, such as 95 or 99.5", value)


def structure_bool(value: object, _: type) -> bool:
    """Read true or false, and nothing else (not yes, no, 1 or 0)."""
    if not isinstance(value, bool):
        raise ExpectedError("true or false", value)
    return value


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def structure_date(value: object, _: type) -> dt.date:
    """Read a date: the parser's own, or a text like 2024-03-31 that is a real day."""
    if isinstance(value, dt.datetime):
        raise ExpectedError("a date like 2024-03-31 (no time of day)", value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ExpectedError("a real date like 2024-03-31", value) from None
    raise ExpectedError("a date like 2024-03-31", value)


def structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    """Read a member of *cls* by its value, naming every value in the problem."""
    # The members by value, looked up directly: calling the class goes through Enum's
    # machinery in Python, for every kind, cadence and anchor of every file.
    if type(value) is str:
        found = cls._value2member_map_.get(value)
        if found is not None:
            return found
    try:
        return cls(value)
    except ValueError:
        known = ", ".join(str(m.value) for m in cls)
        raise ExpectedError(f"one of {known}", value) from None


def structure_ref(value: object, _: type) -> DocumentRef:
    """Read a document reference such as 54/KH-UBND."""
    if isinstance(value, bool | JsonConstant) or not isinstance(value, str | int):
        raise ExpectedError("a reference such as 54/KH-UBND", value)
    return parse_ref(str(value))


# Years are ASCII digits: str.isdigit() and \d would take ２０２４ or ٢٠٢٤ for 2024.
_YEAR = re.compile(r"[0-9]{4}")
_YEARS = re.compile(r"([0-9]{4})\s*[-–]\s*([0-9]{4})")


def structure_period(value: object, _: type) -> Period:
    """Read a year, a range of years or a mapping of start and end dates."""
    if isinstance(value, bool):
        raise ExpectedError("a year, a range of years or {start, end}", value)
    if isinstance(value, int):
        return Period.years(value)
    if isinstance(value, str) and not isinstance(value, JsonConstant):
        if _YEAR.fullmatch(value):
            return Period.years(int(value))
        if match := _YEARS.fullmatch(value.strip()):
            return Period.years(int(match[1]), int(match[2]))
    if isinstance(value, dict) and set(value) == {"start", "end"}:
        return Period(
            start=structure_date(value["start"], dt.date), end=structure_date(value["end"], dt.date)
        )
    raise ExpectedError("a year (2024), a range of years (2021-2025) or {start, end} dates", value)


_LINK_KEYS = frozenset({"to", "editorial", "fingerprint", "text"})


def structure_link(value: object, _: type) -> ItemLink:
    """Read a link to a parent item, in its short form or as a mapping."""
    if isinstance(value, str):
        return ItemLink.parse(value)
    if isinstance(value, dict) and "to" in value and set(value) <= _LINK_KEYS:
        editorial = structure_bool(value.get("editorial", False), bool)
        link = ItemLink.parse(structure_text(value["to"], str), editorial=editorial)
        if "fingerprint" not in value and "text" not in value:
            return link
        # The model's checks name the field (fingerprint, text) in the problem.
        return attrs.evolve(
            link,
            fingerprint=structure_text(value.get("fingerprint"), str)
            if "fingerprint" in value
            else None,
            text=structure_text(value["text"], str) if "text" in value else None,
        )
    raise ExpectedError(
        "a link plan-key#item-id or {to: plan-key#item-id, editorial: true, fingerprint: ..., "
        "text: ...}",
        value,
    )
