"""Plan-file values as the parsers hand them over, and how problem lines quote them.

Numbers are read from what the file says, never from what a YAML or JSON parser made of
it: the loaders hand over unquoted numbers as :class:`Numeral` (their characters exactly),
so that ``ref: 06`` stays ``"06"`` where text belongs, and where a number belongs only
plain decimal digits count (:mod:`cchc.files._convert`).  Both formats are held to the
same nesting depth, :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from cchc.text._normal import Forbidden

__all__ = [
    "MAX_DEPTH",
    "MAX_QUOTE",
    "JsonConstant",
    "Numeral",
    "describe",
    "normalise_text",
    "parses_to_nfc",
    "quote",
    "shorten",
]

MAX_DEPTH = 64
"""Deeper nesting than any plan needs is refused before it can exhaust the stack."""
MAX_QUOTE = 40
"""The longest quote of a file's content a parse error may carry, quotes included."""


class Numeral(str):
    """An unquoted number of a plan file, kept as the characters it was written with.

    YAML plain scalars of decimal digits (``06``, ``2024``, ``-1``, ``99.5``) and every JSON
    number come as a Numeral.  Where text belongs it is that text (``ref: 06`` is ``"06"``);
    where a number belongs it is read as one if it is plain decimal digits.
    """

    __slots__ = ()


class JsonConstant(str):
    """``NaN``, ``Infinity`` or ``-Infinity`` in a JSON file: not JSON, and never a value."""

    __slots__ = ()


def describe(value: object) -> str:
    """Describe a plan-file value for an error message: its kind and a short quote."""
    if isinstance(value, Forbidden):
        return str(value)
    if isinstance(value, JsonConstant):
        return f"{value}, which is not a JSON value"
    if isinstance(value, Numeral):
        return f"a number {value}" if len(value) <= 60 else f"a number {value[:57]}..."
    kinds = {
        type(None): "nothing (null)",
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        dt.date: "a date",
        dt.datetime: "a date and time",
    }
    kind = kinds.get(type(value), type(value).__name__)
    if isinstance(value, list | dict):
        return kind
    quoted = value.isoformat() if isinstance(value, dt.date) else repr(value)
    if len(quoted) > 60:
        quoted = quoted[:57] + "..."
    return f"{kind} {quoted}" if value is not None else kind


def shorten(quoted: str, mark: str) -> str:
    return quoted if len(quoted) <= MAX_QUOTE else quoted[: MAX_QUOTE - 4] + "..." + mark


def quote(value: object) -> str:
    """``repr(value)`` cut to :data:`MAX_QUOTE` characters."""
    quoted = repr(value)
    return shorten(quoted, quoted[-1])


def parses_to_nfc(text: str) -> bool:
    r"""Whether every string parsed from the JSON or YAML *text* is NFC already.

    Then :func:`normalise_text` has nothing to do and its walk over the parsed data is
    skipped.  A string of a file is a stretch of its text between ASCII delimiters
    (quotes, blanks, line breaks, ``:``, ``-``, brackets), which no combining mark composes
    with, and the parsers only join such stretches with a blank or a line break: so when
    the whole text is NFC, so is every string taken from it.  The one way to make
    characters the text does not hold is an escape (``\u0301``, or YAML's escaped line
    break that joins two lines), and escapes start with a backslash.
    """
    return "\\" not in text and unicodedata.is_normalized("NFC", text)


def normalise_text(data: object) -> tuple[object, int]:
    """Return *data* with every string in NFC, and how many strings changed."""
    changed = 0

    def walk(value: object) -> object:
        nonlocal changed
        if isinstance(value, str):
            if type(value) is not str:
                return value  # a Numeral or JsonConstant: ASCII, and its kind must survive
            normal = unicodedata.normalize("NFC", value)
            if normal != value:
                changed += 1
            return normal
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        return value

    return walk(data), changed
