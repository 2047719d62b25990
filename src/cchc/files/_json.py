"""The JSON of plan files: numbers kept as written, no duplicate keys, bounded depth.

Also the one way cchc writes indented JSON (:func:`dumps_indented`), for plan files and
``--json`` documents alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from cchc._visible import escape_json, escape_json_bytes
from cchc.exceptions import TextPosition
from cchc.files._values import MAX_DEPTH, JsonConstant, Numeral

__all__ = [
    "STREAM_BATCH",
    "DuplicateKeyError",
    "Streamed",
    "dumps_indented",
    "encode_document",
    "encode_indented",
    "json_too_deep",
    "load_json",
]


def load_json(text: str) -> object:
    """Parse *text* as JSON, raising :class:`json.JSONDecodeError` or :class:`DuplicateKeyError`.

    *text* must have passed :func:`json_too_deep` first.
    """
    # Numbers stay the characters written, as in YAML, and NaN and the infinities
    # (which Python's json reads though JSON has no such values) are marked so that
    # the field holding one reports it.  Nothing converts a number here, so a number
    # of thousands of digits costs nothing.  One decoder serves every file (json.loads
    # would make a decoder and its scanner for each); it keeps json.loads' refusal of a
    # byte-order mark.
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return _DECODER.decode(text)


# A JSON string (its closing quote optional, so that an unclosed string hides no brackets),
# or a bracket that opens or closes an array or an object.
_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"?'
_JSON_TOKEN = re.compile(rf"{_JSON_STRING}|[\[\]{{}}]", re.DOTALL)
_JSON_STRINGS = re.compile(_JSON_STRING, re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


# Every byte but the six that open or close a string or a bracket, and the backslash.
# UTF-8 writes every character outside ASCII in bytes above 127, so no other character
# holds one of these bytes.
_NOT_SYNTAX = bytes(b for b in range(256) if b not in b'[]{}"\\')
# Depth counts brackets, not their kinds (as the long way does): both openers become one
# byte, both closers another.
_AS_PARENS = bytes.maketrans(b"[{]}", b"(())")


def json_too_deep(text: str, encoded: bytes | None = None) -> TextPosition | None:
    """Where *text* first nests deeper than :data:`MAX_DEPTH`, or None when it does not.

    *encoded*, when given, is *text* in UTF-8 (the bytes it was read from; a byte-order
    mark before it changes nothing here), which spares encoding it again.

    A bracket count outside strings, without recursion: deeper JSON is refused before
    :func:`json.loads` and cchc's own walks over the value could recurse that deep.
    Without a backslash, strings end at the next quote, so the bytes of everything but
    quotes and brackets can be dropped first (``bytes.translate``, a table lookup in C)
    and the strings are then adjacent quotes, or every other piece between quotes when
    they hold brackets.  What is left, brackets alone, is then emptied by dropping every
    adjacent opener and closer at once, a pass in C that takes one level off: balanced
    brackets nested *n* deep are gone after *n* passes.  Only a text with a backslash, or
    with brackets that are not gone after :data:`MAX_DEPTH` passes (too deep, or not
    balanced), is scanned the slow way (:func:`_bracket_scan`), which gives the exact
    answer and the place to report.
    """
    if encoded is None:
        if text.count("[") + text.count("{") <= MAX_DEPTH:
            return None
        encoded = text.encode("utf-8", "surrogatepass")
    syntax = encoded.translate(None, _NOT_SYNTAX)
    # Fewer brackets, quotes and backslashes in all than the depth allowed: not too deep.
    if len(syntax) <= MAX_DEPTH:
        return None
    if b"\\" not in syntax:
        # Quotes pair up, and two adjacent ones are an empty string or two strings with no
        # bracket between them: dropping them leaves the brackets outside strings as they
        # were.  Only strings that hold brackets are then left, seldom: split them off.
        outside = syntax.replace(b'""', b"")
        if b'"' in outside:
            outside = b"".join(syntax.split(b'"')[::2])
        brackets = outside.translate(_AS_PARENS)
        for _ in range(MAX_DEPTH):
            shallower = brackets.replace(b"()", b"")
            if not shallower:
                return None
            if len(shallower) == len(brackets):
                break  # a closer before its opener: only the long way tells the depth
            brackets = shallower
    return _bracket_scan(text)


def _bracket_scan(text: str) -> TextPosition | None:
    """:func:`json_too_deep` the long way, by regular expressions.

    They drop strings and everything but brackets at C speed; only a file found too deep
    is scanned again, token by token, for the place to report.
    """
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
    # The mapping is made in C; only one that lost a key to a duplicate is looked through.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return result


_DECODER = json.JSONDecoder(
    object_pairs_hook=_json_pairs,
    parse_int=Numeral,
    parse_float=Numeral,
    parse_constant=JsonConstant,
)


# Where orjson writes a float otherwise than repr() does: below 1e-4, where repr writes
# an exponent of two digits (1e-05) and orjson 0.00001 or 2.5e-7, and, in older orjson
# (3.9), exponents without a sign (1e16 for 1e+16).  A match anywhere, even inside a
# string, only sends the document the slow way.  The search goes from each "e" (a quick
# scan for one byte), looking back for the digit before it.
_TINY = b"0.0000"
_UNLIKE_EXPONENT = re.compile(rb"e(?<=[0-9]e)(?:-[0-9](?![0-9])|[0-9])")


def dumps_indented(data: Any, *, default: Callable[[Any], Any] | None = None) -> str:
    r"""*data* as ``json.dumps(data, ensure_ascii=False, indent=2)`` writes it, escaped.

    Strict JSON: a NaN or an infinity raises ``ValueError``, and a value JSON cannot hold
    ``TypeError`` (or goes through *default*), as ``json.dumps`` does.  Hostile characters
    come out as ``\uXXXX`` escapes (:func:`cchc._visible.escape_json`).
    """
    return encode_indented(data, default=default).decode("utf-8")


def encode_indented(
    data: Any, *, default: Callable[[Any], Any] | None = None, plain: bool = False
) -> bytes:
    r""":func:`dumps_indented` as UTF-8 bytes, as they are written out.

    The standard library indents in pure Python; orjson writes the same text in C, about
    ten times faster (a ``coverage --json`` of 5,000 plans is 20 MB), and as bytes, which
    go out as they are unless they hold a character to escape.  A compact ``json.dumps``,
    which runs in C, first raises what it would raise, so that orjson (which writes NaN as
    null) is only asked to lay out what is valid; whatever orjson cannot write exactly as
    ``json.dumps`` does (lone surrogates, integers beyond 64 bits, keys that are not text,
    tiny floats) is written by ``json.dumps`` itself.  *plain* data (see :class:`Streamed`)
    has nothing ``json.dumps`` would raise on, and is not checked first.
    """
    if not plain:
        # Only what this raises counts: ASCII is written twice as fast, and raises the same.
        json.dumps(data, allow_nan=False, check_circular=False, default=default)
    try:
        import orjson  # noqa: PLC0415 - only the commands that write JSON need it

        # Dates and dataclasses go to *default*, as json.dumps sends them.
        passthrough = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
        laid_out = orjson.dumps(data, default=default, option=orjson.OPT_INDENT_2 | passthrough)
    except TypeError:  # orjson.JSONEncodeError: what it cannot write
        laid_out = b""
    if laid_out and _TINY not in laid_out and _UNLIKE_EXPONENT.search(laid_out) is None:
        return escape_json_bytes(laid_out)
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False, default=default)
    # Lone surrogates come out escaped, so that the text can be encoded.
    return escape_json(text).encode("utf-8")


STREAM_BATCH = 512
"""Members of a :class:`Streamed` list made and encoded together."""


class Streamed:
    """A list of a document whose members are made one by one as it is encoded.

    Only as a value of the document's top mapping (:func:`encode_document`): each member
    is made, encoded and let go before the next, so that a document of millions of values
    never exists whole.  It can be read once.

    *plain* says that the members hold nothing but text, numbers (no NaN, no infinity),
    booleans, None, lists and mappings with text keys: nothing ``json.dumps`` could
    raise on.  Its check is then skipped (:func:`encode_indented`); floats are still laid
    out as it writes them.
    """

    __slots__ = ("_members", "plain")

    def __init__(self, members: Iterable[Any], *, plain: bool = False) -> None:
        self._members = members
        self.plain = plain

    def __iter__(self) -> Iterator[Any]:
        return iter(self._members)


def encode_document(document: Any) -> list[bytes]:
    """:func:`encode_indented` of *document*, in pieces, its :class:`Streamed` lists made whole.

    The pieces joined are the bytes of the document with each such list a list.  Each
    member and each value is encoded on its own and indented to its place: JSON text holds
    no line break of its own but those of its layout, strings' being escaped.  Anything
    :func:`encode_indented` raises (a NaN) is raised before the last piece is made, so the
    caller writes nothing.
    """
    if not isinstance(document, dict) or not any(
        isinstance(value, Streamed) for value in document.values()
    ):
        return [encode_indented(document)]
    pieces = [b"{"]
    for place, (key, value) in enumerate(document.items()):
        if type(key) is not str:
            raise TypeError(f"keys of a document with streamed lists must be text, not {key!r}")
        pieces.append(b",\n  " if place else b"\n  ")
        pieces.append(encode_indented(key) + b": ")
        if not isinstance(value, Streamed):
            pieces.append(encode_indented(value).replace(b"\n", b"\n  "))
            continue
        # Members a batch at a time, a list each: encoding one call a member cost more
        # than the document it spared.  A list of N is "[\n  " N members "\n]".
        members = iter(value)
        started = False
        while batch := list(islice(members, STREAM_BATCH)):
            pieces.append(b",\n  " if started else b"[\n  ")
            laid_out = encode_indented(batch, plain=value.plain)
            pieces.append(laid_out[2:-2].replace(b"\n", b"\n  "))
            started = True
        pieces.append(b"\n  ]" if started else b"[]")
    pieces.append(b"\n}")
    return pieces
