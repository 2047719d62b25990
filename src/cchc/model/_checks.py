"""The checks of the model's fields: one :class:`FieldCheck` a field, naming it in every problem.

Every field has one check: its type (``lead`` is a tuple of unit codes, not a string;
``day`` a whole number, not 1.5), its bounds, and for text, Unicode NFC without control
characters or lone surrogates.  Titles, names, codes and short fields are one line; item
texts, citations, sources, notes and waivers may hold tabs and line breaks.  The classes of
:mod:`cchc.model._plan` and :mod:`cchc.model._items` build their validators from these.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from cchc.exceptions import ModelError
from cchc.text._normal import first_forbidden_character, is_nfc

__all__ = [
    "CODES",
    "DATE",
    "ITEM_ID_FIELD",
    "ITEM_TEXT",
    "LINES",
    "MAX_COUNT",
    "MAX_VALUE",
    "MAX_YEAR",
    "MIN_YEAR",
    "NAMED",
    "OPTIONAL_CODE",
    "OPTIONAL_DATE",
    "OPTIONAL_LINE",
    "OPTIONAL_TEXT",
    "TEXT",
    "VALUE_DECIMALS",
    "Check",
    "FieldCheck",
    "field_check",
    "instance_of",
    "is_code",
    "is_value",
    "key_field",
    "many",
    "one",
    "whole_number",
]

# Documents of the Vietnamese state exist from 1945; anything past 2100 is a typo.
MIN_YEAR = 1945
MAX_YEAR = 2100

MAX_COUNT = 10_000
"""The most a quota may ask for in one period: no plan asks for more than a few a day."""
MAX_VALUE = 1_000_000_000
"""The largest target value: a count of a billion is beyond any plan."""
MAX_PASSED = 1 << 14
"""The most values one check remembers as fine; past it, values are checked every time."""
MAX_PASSED_LENGTH = 2_000
"""Only texts of at most this many characters are remembered: a hostile file's texts of a
million characters are checked each time rather than kept alive."""
VALUE_DECIMALS = 4
"""Target values have at most this many decimal places (99.5%, 0.25 ...), so that they are
written back in plain decimal digits, never as ``1e-05``."""

REMEMBERED = frozenset({str, int, dt.date})
"""The types of single values a check remembers, exactly (a bool is an int to isinstance,
and True == 1): a value of one of them equals only values of its own type."""

_KEY_PATTERN = "[a-z0-9][a-z0-9._-]*"
_ITEM_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*"
_KEY = re.compile(_KEY_PATTERN)
_ITEM_ID = re.compile(_ITEM_ID_PATTERN)


Check = Callable[[str, Any], "ModelError | None"]
"""A check of one value given the name it goes by: the problem, or None when it is fine.

Whether a value is fine never depends on the name, which only labels the problem: the
members of a tuple are judged under the tuple's name first, and named ``field[index]``
only once one of them is found wrong."""


@attrs.frozen
class FieldCheck:
    """The validator of one field: its type and its content, every problem naming the field.

    As an attrs validator it raises the first problem.  :meth:`errors` yields them all, so
    that a plan file's loader reports every field at once; a member of a tuple is named
    ``field[index]``.  *schema* is what the JSON Schema of plan files says of each value.
    """

    check: Check
    """The check of one value (of each member, for a tuple)."""
    optional: bool = False
    """Whether None is allowed."""
    members: str | None = None
    """For a tuple: what its members are (``unit codes``); None for a single value."""
    whole: Callable[[str, tuple[Any, ...]], ModelError | None] | None = None
    """For a tuple: a check of all its members together, once each member is fine."""
    schema: Mapping[str, Any] = attrs.field(factory=dict)
    """JSON Schema keywords that hold for each value (``pattern``, ``minimum`` ...)."""
    type_only: bool = False
    """True when the check is of the type alone (an enum, a model class), which structuring
    a plan file guarantees already."""
    kind: type[Any] | None = None
    """With *type_only*: the type *check* asks for (:func:`instance_of`), tested directly."""

    passed: set[str | int | dt.date | tuple[str, ...]] = attrs.field(
        factory=set, init=False, eq=False, repr=False
    )
    """Texts, whole numbers and dates this check has found fine (see :data:`MAX_PASSED`):
    a cascade repeats its parents' texts, ids, codes and dates in file after file, and a
    value's check never depends on the object or field it is in."""

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        # The constructor of every model object comes here once a field: the common cases
        # (no value, no members, a text met before) are answered without first()'s walk.
        if value is None:
            if self.optional:
                return
        elif (kind := type(value)) in REMEMBERED and self.members is None:
            passed = self.passed
            if value in passed:
                return
            error = self.check(attribute.name, value)
            if error is not None:
                raise error
            if len(passed) < MAX_PASSED and (kind is not str or len(value) <= MAX_PASSED_LENGTH):
                passed.add(value)
            return
        elif type(value) is tuple and self.members is not None:
            if self._tuple_fine(attribute.name, value):
                return
        elif self.kind is not None and self.members is None and isinstance(value, self.kind):
            return
        error = self.first(attribute.name, value)
        if error is not None:
            raise error

    def _tuple_fine(self, name: str, value: tuple[Any, ...]) -> bool:
        """Whether the tuple *value* is known fine at once: empty, of *kind*, or met before.

        False means only "not known": :meth:`first` then judges it.
        """
        whole = self.whole
        if not value:
            return whole is None
        kind = self.kind
        # A tuple of one member, the most common, is tested without a generator.
        single = len(value) == 1
        if kind is not None:
            if single:
                fine = isinstance(value[0], kind)
            else:
                fine = all(isinstance(member, kind) for member in value)
            return fine and (whole is None or whole(name, value) is None)
        # Only tuples of plain texts are remembered: equal to one of them is then the same.
        if not (type(value[0]) is str if single else all(type(m) is str for m in value)):
            return False
        passed = self.passed
        if value in passed:
            return True
        fine = self.first(name, value) is None
        if fine and len(passed) < MAX_PASSED and sum(map(len, value)) <= MAX_PASSED_LENGTH:
            passed.add(value)
        return fine

    def first(self, name: str, value: Any) -> ModelError | None:
        """The first problem of *value* as the field called *name*, or None."""
        # Plain loops, not the generator below: every field of every object comes here.
        if value is None and self.optional:
            return None
        kind = self.kind
        if self.members is None:
            if kind is not None and isinstance(value, kind):
                return None
            return self.check(name, value)
        if not isinstance(value, tuple):
            return ModelError(name, f"a tuple of {self.members}", value)
        check = self.check
        if kind is not None:
            fine = all(isinstance(member, kind) for member in value)
        else:
            # Members are named field[index] only when one is wrong (see Check).
            fine = all(check(name, member) is None for member in value)
        if not fine:
            for index, member in enumerate(value):
                error = check(f"{name}[{index}]", member)
                if error is not None:
                    return error
        return None if self.whole is None else self.whole(name, value)

    def errors(self, name: str, value: Any) -> Iterator[ModelError]:
        """Every problem of *value* as the field called *name*."""
        first = self.first(name, value)
        if first is None:
            return
        if self.members is None or not isinstance(value, tuple):
            yield first
            return
        for index, member in enumerate(value):
            error = self.check(f"{name}[{index}]", member)
            if error is not None:
                yield error


def field_check(
    check: Check,
    *,
    optional: bool = False,
    members: str | None = None,
    whole: Callable[[str, tuple[Any, ...]], ModelError | None] | None = None,
    schema: Mapping[str, Any] | None = None,
) -> FieldCheck:
    """The check of a field whose values *check* judges (see :class:`FieldCheck`)."""
    return FieldCheck(
        check, optional=optional, members=members, whole=whole, schema=dict(schema or {})
    )


def _text(*, line: bool, blank: bool = True) -> Check:
    """Text: NFC, without control characters, one line unless *line* is False."""
    expected = "one line of text" if line else "text"

    def check(name: str, value: Any) -> ModelError | None:
        if not isinstance(value, str):
            return ModelError(name, expected, value)
        bad = first_forbidden_character(value, multiline=not line)
        if bad is not None:
            return ModelError(name, f"{expected} without control characters", bad)
        if not is_nfc(value):
            return ModelError(name, "text in Unicode NFC", value)
        if not blank and not value.strip():
            return ModelError(name, f"{expected} that is not blank", value)
        return None

    return check


def _pattern(pattern: re.Pattern[str], expected: str) -> Check:
    def check(name: str, value: Any) -> ModelError | None:
        if not isinstance(value, str):
            return ModelError(name, expected, value)
        bad = first_forbidden_character(value)
        if bad is not None:
            return ModelError(name, expected, bad)
        return None if pattern.fullmatch(value) else ModelError(name, expected, value)

    return check


_KEY_CHARS = "lower-case ASCII letters, digits, '.', '_' or '-'"
_is_key = _pattern(_KEY, f"a key of {_KEY_CHARS}")
is_code: Check = _pattern(_KEY, f"a unit code of {_KEY_CHARS}")
_is_item_id = _pattern(_ITEM_ID, "an item id of ASCII letters, digits, '.', '_' or '-'")
_KEY_SCHEMA = {"pattern": f"^{_KEY_PATTERN}$"}


def key_field(
    check: Check = _is_key, *, optional: bool = False, members: str | None = None
) -> FieldCheck:
    """The check of a key or code field, which the schema gives its pattern."""
    return field_check(check, optional=optional, members=members, schema=_KEY_SCHEMA)


def _is_date(name: str, value: Any) -> ModelError | None:
    if isinstance(value, dt.datetime):
        return ModelError(name, "a date without a time of day", value)
    if not isinstance(value, dt.date):
        return ModelError(name, "a date", value)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return ModelError(name, f"a date between {MIN_YEAR} and {MAX_YEAR}", value)
    return None


def instance_of(kind: type[Any], expected: str | None = None) -> Check:
    """A value of *kind*: an enum, a model class, a bool."""
    what = expected or f"a {kind.__name__}"

    def check(name: str, value: Any) -> ModelError | None:
        return None if isinstance(value, kind) else ModelError(name, what, value)

    return check


def whole_number(expected: str, high: int, low: int | None = None) -> Check:
    """A whole number up to *high* (and from *low*); True and False are not numbers."""

    def check(name: str, value: Any) -> ModelError | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return ModelError(name, expected, value)
        if value > high or (low is not None and value < low):
            return ModelError(name, expected, value)
        return None

    return check


def is_value(name: str, value: Any) -> ModelError | None:
    """A target value: a finite number from 0 to :data:`MAX_VALUE`, in few decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ModelError(name, "a number", value)
    if not math.isfinite(value):
        return ModelError(name, "a finite number (not NaN or infinity)", value)
    if value < 0:
        return ModelError(name, "a value of at least 0", value)
    if value > MAX_VALUE:
        return ModelError(name, f"a value of at most {MAX_VALUE}", value)
    if round(value, VALUE_DECIMALS) != value:
        return ModelError(name, f"a value with at most {VALUE_DECIMALS} decimal places", value)
    return None


# The checks that fields share, named after what the field holds.
OPTIONAL_LINE = field_check(_text(line=True), optional=True)
NAMED = field_check(_text(line=True, blank=False))
TEXT = field_check(_text(line=False))
OPTIONAL_TEXT = field_check(_text(line=False), optional=True)
ITEM_TEXT = field_check(_text(line=False, blank=False))
LINES = field_check(_text(line=True), members="texts")
DATE = field_check(_is_date)
OPTIONAL_DATE = field_check(_is_date, optional=True)
ITEM_ID_FIELD = field_check(_is_item_id, schema={"pattern": f"^{_ITEM_ID_PATTERN}$"})
CODES = key_field(is_code, members="unit codes")
OPTIONAL_CODE = key_field(is_code, optional=True)


def one(kind: type[Any], *, optional: bool = False) -> FieldCheck:
    """The check of a field holding one *kind* (an enum, a model class), or None if *optional*."""
    return FieldCheck(instance_of(kind), optional=optional, type_only=True, kind=kind)


def many(kind: type[Any], members: str) -> FieldCheck:
    """The check of a field holding a tuple of *kind*, called *members* in messages."""
    return FieldCheck(instance_of(kind), members=members, type_only=True, kind=kind)
