"""The JSON of plan files: numbers kept as written, no duplicate keys, bounded depth."""

from __future__ import annotations

import json
import re
from typing import Any

from cchc.exceptions import TextPosition
from cchc.files._values import MAX_DEPTH, JsonConstant, Numeral

__all__ = ["DuplicateKeyError", "json_too_deep", "load_json"]


def load_json(text: str) -> object:
    """Parse *text* as JSON, raising :class:`json.JSONDecodeError` or :class:`DuplicateKeyError`.

    *text* must have passed :func:`json_too_deep` first.
    """
    # Numbers stay the characters written, as in YAML, and NaN and the infinities
    # (which Python's json reads though JSON has no such values) are marked so that
    # the field holding one reports it.  Nothing converts a number here, so a number
    # of thousands of digits costs nothing.
    return json.loads(
        text,
        object_pairs_hook=_json_pairs,
        parse_int=Numeral,
        parse_float=Numeral,
        parse_constant=JsonConstant,
    )


# A JSON string (its closing quote optional, so that an unclosed string hides no brackets),
# or a bracket that opens or closes an array or an object.
_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"?'
_JSON_TOKEN = re.compile(rf"{_JSON_STRING}|[\[\]{{}}]", re.DOTALL)
_JSON_STRINGS = re.compile(_JSON_STRING, re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


def json_too_deep(text: str) -> TextPosition | None:
    """Where *text* first nests deeper than :data:`MAX_DEPTH`, or None when it does not.

    A bracket count outside strings, without recursion: deeper JSON is refused before
    :func:`json.loads` and cchc's own walks over the value could recurse that deep.  The
    regular expressions drop strings and everything but brackets at C speed; only a file
    found too deep is scanned again, token by token, for the place to report.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for bracket in _NOT_BRACKETS.sub("", _JSON_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_DEPTH:
            break
    else:
        return None
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        first = token[0][0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                start = token.start()
                line = text.count("\n", 0, start) + 1
                column = start - (text.rfind("\n", 0, start) + 1) + 1
                return TextPosition(line, column)
        elif first in "]}":
            depth -= 1
    # Both scans count the same brackets: the second finding less is a bug of cchc's.
    raise AssertionError("the bracket scans disagree")  # pragma: no cover


class DuplicateKeyError(ValueError):
    pass


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKeyError(key)
        result[key] = value
    return result
