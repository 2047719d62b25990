"""Converting between plan-file data (dicts, lists, text) and model objects, with cattrs.

Structuring is strict: unknown fields, a string where a list belongs, text where a
number belongs are all problems, never silently coerced.  Every field is checked by the
model's own field checks as it is read, so every problem of a file is found at once, and
every failure is turned into ``($.path, message)`` lines by :func:`error_lines`.

Numbers are read from what the file says: the parsers hand over unquoted numbers as a
:class:`~cchc.files._values.Numeral`, read here as a number only where a number belongs
and only when it is plain decimal digits.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from cchc.exceptions import CchcError, ModelError
from cchc.files._shared import shared
from cchc.files._values import JsonConstant, Numeral, describe
from cchc.model._checks import FieldCheck
from cchc.model._items import ItemLink
from cchc.model._plan import Period
from cchc.refs._refs import DocumentRef, parse_ref
from cchc.text._normal import forbidden_characters

__all__ = ["CONVERTER", "DATA_ERRORS", "MAX_NUMERAL_LENGTH", "error_lines"]

DATA_ERRORS = (CchcError, BaseValidationError, ForbiddenExtraKeysError)
"""What structuring raises for bad data: cchc's own errors, and cattrs' groups of them.

Nothing else is caught while a file is structured: any other exception is a bug in cchc
and must surface as one, with its traceback, not as a problem of the user's file.
cattrs gathers every failure of a class into its groups, bugs included, so
:func:`error_lines` raises any exception in a group that is not bad data.
"""

MAX_NUMERAL_LENGTH = 30
"""Longer numbers are refused before they are converted (no value of a plan needs more
digits, and Python refuses to convert integers of over 4300 digits)."""

_WHOLE = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


class _ExpectedError(CchcError):
    """A value of the wrong shape: what was expected and what came."""

    def __init__(self, expected: str, got: object) -> None:
        super().__init__(f"expected {expected}, found {describe(got)}")


def _text(value: object, _: type) -> str:
    # An unquoted number is text as written (str() makes a plain str of the Numeral).
    if not isinstance(value, str) or isinstance(value, JsonConstant):
        raise _ExpectedError("text", value)
    return str(value)


def _check_number(value: object, grammar: re.Pattern[str]) -> None:
    """Refuse a number too long to convert, or a number in quotes, saying which it is."""
    if isinstance(value, Numeral) and len(value) > MAX_NUMERAL_LENGTH:
        raise _ExpectedError(f"a number of at most {MAX_NUMERAL_LENGTH} characters", value)
    if type(value) is str and grammar.fullmatch(value):
        raise _ExpectedError("a number without quotes", value)


def _int(value: object, _: type) -> int:
    _check_number(value, _WHOLE)
    if isinstance(value, Numeral):
        if _WHOLE.fullmatch(value):
            # Leading zeros are decimal, as in YAML 1.2 and as people write days: 05 is 5.
            return int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _ExpectedError("a whole number in decimal digits, such as 5", value)


def _float(value: object, _: type) -> float:
    _check_number(value, _DECIMAL)
    if isinstance(value, Numeral):
        if _DECIMAL.fullmatch(value):
            return float(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise _ExpectedError("a number in decimal digits, such as 95 or 99.5", value)


def _bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _ExpectedError("true or false", value)
    return value


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _ExpectedError("a date like 2024-03-31 (no time of day)", value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _ExpectedError("a real date like 2024-03-31", value) from None
    raise _ExpectedError("a date like 2024-03-31", value)


def _enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        known = ", ".join(str(m.value) for m in cls)
        raise _ExpectedError(f"one of {known}", value) from None


def _ref(value: object, _: type) -> DocumentRef:
    if isinstance(value, bool | JsonConstant) or not isinstance(value, str | int):
        raise _ExpectedError("a reference such as 54/KH-UBND", value)
    return parse_ref(str(value))


# Years are ASCII digits: str.isdigit() and \d would take ２０２４ or ٢٠٢٤ for 2024.
_YEAR = re.compile(r"[0-9]{4}")
_YEARS = re.compile(r"([0-9]{4})\s*[-–]\s*([0-9]{4})")


def _period(value: object, _: type) -> Period:
    if isinstance(value, bool):
        raise _ExpectedError("a year, a range of years or {start, end}", value)
    if isinstance(value, int):
        return Period.years(value)
    if isinstance(value, str) and not isinstance(value, JsonConstant):
        if _YEAR.fullmatch(value):
            return Period.years(int(value))
        if match := _YEARS.fullmatch(value.strip()):
            return Period.years(int(match[1]), int(match[2]))
    if isinstance(value, dict) and set(value) == {"start", "end"}:
        return Period(start=_date(value["start"], dt.date), end=_date(value["end"], dt.date))
    raise _ExpectedError("a year (2024), a range of years (2021-2025) or {start, end} dates", value)


_LINK_KEYS = frozenset({"to", "editorial", "fingerprint", "text"})


def _link(value: object, _: type) -> ItemLink:
    if isinstance(value, str):
        return ItemLink.parse(value)
    if isinstance(value, dict) and "to" in value and set(value) <= _LINK_KEYS:
        editorial = _bool(value.get("editorial", False), bool)
        link = ItemLink.parse(_text(value["to"], str), editorial=editorial)
        if "fingerprint" not in value and "text" not in value:
            return link
        # The model's checks name the field (fingerprint, text) in the problem.
        return attrs.evolve(
            link,
            fingerprint=_text(value.get("fingerprint"), str) if "fingerprint" in value else None,
            text=_text(value["text"], str) if "text" in value else None,
        )
    raise _ExpectedError(
        "a link plan-key#item-id or {to: plan-key#item-id, editorial: true, fingerprint: ..., "
        "text: ...}",
        value,
    )


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(int, _int)
    converter.register_structure_hook(float, _float)
    converter.register_structure_hook(bool, _bool)
    converter.register_structure_hook(dt.date, _date)
    converter.register_structure_hook(DocumentRef, _ref)
    converter.register_structure_hook(Period, _period)
    converter.register_structure_hook(ItemLink, _link)
    converter.register_structure_hook_func(
        lambda cls: isinstance(cls, type) and issubclass(cls, enum.Enum), _enum
    )

    # Each tuple type's element type and hook, looked up once: every list comes here.
    element_hooks: dict[Any, tuple[Any, Any]] = {}

    def structure_tuple(value: object, cls: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _ExpectedError("a list", value)
        found = element_hooks.get(cls)
        if found is None:
            element = get_args(cls)[0]
            found = element_hooks[cls] = (element, converter.get_structure_hook(element))
        element, hook = found
        try:
            return tuple([hook(item, element) for item in value])
        except DATA_ERRORS:  # a bad member: one by one, for every problem
            pass
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                hook(item, element)
            except DATA_ERRORS as error:
                error.add_note(IterableValidationNote(f"@ index {index}", index, element))
                errors.append(error)
        if errors:
            raise IterableValidationError("while reading a list", errors, cls)
        return tuple([hook(item, element) for item in value])

    converter.register_structure_hook_func(_is_homogeneous_tuple, structure_tuple)
    converter.register_structure_hook_factory(
        lambda cls: attrs.has(cls) and cls not in (Period, ItemLink, DocumentRef),
        lambda cls: _checked_structure(converter, cls),
    )

    converter.register_unstructure_hook(DocumentRef, str)
    converter.register_unstructure_hook(ItemLink, _unstructure_link)
    converter.register_unstructure_hook(Period, _unstructure_period)
    converter.register_unstructure_hook(dt.date, lambda d: d)
    converter.register_unstructure_hook_func(
        lambda cls: isinstance(cls, type) and issubclass(cls, enum.Enum), lambda m: m.value
    )
    converter.register_unstructure_hook_factory(
        lambda cls: hasattr(cls, "__attrs_attrs__"),
        lambda cls: _compact_unstructure(converter, cls),
    )
    return converter


class _FieldError(CchcError):
    """Every problem the model's check of one field found, named from that field."""

    def __init__(self, field: str, errors: list[ModelError]) -> None:
        self.field = field
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def _checked_structure(converter: cattrs.Converter, cls: type[Any]) -> Any:
    """Structure *cls* field by field, running each field's model check as it is read.

    The class's constructor checks its fields too, but stops at the first problem and is
    only reached when every field could be read; checking each field here reports every
    problem of a file at once, each with its path.  Checks of the type alone are left to
    the constructor: the field's hook has made a value of that type already.  A record is
    read without the field checks first (the constructor runs them), field by field if bad.
    """
    overrides = {
        field.name: override(struct_hook=_checked_field(converter, field))
        for field in attrs.fields(cls)
        if isinstance(field.validator, FieldCheck) and not field.validator.type_only
    }
    checked = make_dict_structure_fn(cls, converter, **overrides)  # type: ignore[arg-type]
    plain = make_dict_structure_fn(cls, converter) if overrides else checked

    def structure(value: object, kind: Any) -> Any:
        # The generated function reads value[name], which fails obscurely on a non-mapping.
        if not isinstance(value, dict):
            raise _ExpectedError("a mapping of fields", value)
        try:
            return plain(value, kind)
        except DATA_ERRORS:
            pass
        return checked(value, kind)

    return shared(structure, cls)


def _checked_field(converter: cattrs.Converter, field: attrs.Attribute[Any]) -> Any:
    check = field.validator
    assert isinstance(check, FieldCheck)
    hooks: dict[Any, Any] = {}

    def structure(value: object, kind: Any) -> Any:
        hook = hooks.get(kind)
        if hook is None:
            hook = hooks[kind] = converter.get_structure_hook(kind)
        result = hook(value, kind)
        if check.first(field.name, result) is not None:
            raise _FieldError(field.name, list(check.errors(field.name, result)))
        return result

    return structure


def _unstructure_link(link: ItemLink) -> object:
    if not link.editorial and link.fingerprint is None:
        return str(link)
    written: dict[str, object] = {"to": str(link)}
    if link.editorial:
        written["editorial"] = True
    # The text before the fingerprint: the short line then ends the link in a YAML file,
    # which a person adding fields to the item after it finds at once.
    if link.text is not None:
        written["text"] = link.text
    if link.fingerprint is not None:
        written["fingerprint"] = link.fingerprint
    return written


def _unstructure_period(period: Period) -> object:
    if period.is_whole_years:
        if period.start.year == period.end.year:
            return period.start.year
        return f"{period.start.year}-{period.end.year}"
    return {"start": period.start, "end": period.end}


def _compact_unstructure(converter: cattrs.Converter, cls: type[Any]) -> Any:
    """Unstructure an attrs instance leaving out fields that hold their default value."""
    fields = attrs.fields(cls)

    def unstructure(instance: Any) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for field in fields:
            value = getattr(instance, field.name)
            if field.default is not attrs.NOTHING and value == field.default:
                continue
            result[field.name] = converter.unstructure(value)
        return result

    return unstructure


CONVERTER = _make_converter()
"""The converter plan files are read and written with."""


def error_lines(  # noqa: PLR0912 - one branch per kind of failure reads best
    error: BaseException, path: str = "$", field: str | None = None
) -> Iterator[tuple[str, str]]:
    """Turn a structuring failure into ``(path, message)`` pairs, one per problem.

    *field* is the name of the field *path* ends with, when it does.  An exception in
    *error* that is not bad data (see :data:`DATA_ERRORS`) is raised: a bug in cchc is
    never reported as a problem of the file.
    """
    if isinstance(error, IterableValidationError):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            yield from error_lines(inner, f"{path}[{note.index}]")
        for inner in without:
            yield from error_lines(inner, path)
    elif isinstance(error, ClassValidationError):
        with_names, unnamed = error.group_exceptions()
        for inner, attribute in with_names:
            yield from error_lines(inner, f"{path}.{attribute.name}", attribute.name)
        for inner in unnamed:
            yield from error_lines(inner, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = ", ".join(a.name for a in getattr(error.cl, "__attrs_attrs__", ()))
        for extra in sorted(error.extra_fields, key=repr):
            name = str(extra)
            bad = next(forbidden_characters(name), None)
            if bad is None:
                yield f"{path}.{name}", f"unknown field; expected one of: {known}"
            else:
                # The name itself is not echoed: it could drive the terminal it is shown on.
                yield path, f"unknown field whose name holds {bad}; expected one of: {known}"
    elif isinstance(error, _FieldError):
        for inner in error.errors:
            where = f"{path}{inner.field.removeprefix(error.field)}"
            yield where, f"expected {inner.expected}, found {describe(inner.got)}"
    elif isinstance(error, ModelError):
        yield f"{path}.{error.field}", f"expected {error.expected}, found {describe(error.got)}"
    elif isinstance(error, KeyError) and _is_missing(error, field):
        yield path, "a required field is missing"
    elif isinstance(error, CchcError):
        yield path, str(error)
    else:
        raise error


def _is_missing(error: KeyError, field: str | None) -> bool:
    """Whether *error* is cattrs finding no *field* in the data, not a KeyError of a bug.

    The function cattrs generates reads ``data[field]`` itself, so the KeyError of a
    missing field was raised in the frame that caught it: its traceback is one frame long.
    A KeyError from a hook, however it is named, comes from deeper down.
    """
    trace = error.__traceback__
    return field is not None and error.args == (field,) and trace is not None and not trace.tb_next
