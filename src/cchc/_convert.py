"""Converting between plan-file data (dicts, lists, text) and model objects, with cattrs.

Structuring is strict: unknown fields, a string where a list belongs, a number where
text belongs are all problems, never silently coerced.  Every failure is turned into
``($.path, message)`` lines by :func:`error_lines`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from cchc._errors import CchcError, ModelError
from cchc._model import ItemLink, Period
from cchc._refs import DocumentRef, parse_ref

__all__ = ["CONVERTER", "describe", "error_lines", "normalise_text"]


def describe(value: object) -> str:
    """Describe a plan-file value for an error message: its kind and a short quote."""
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


class _ExpectedError(CchcError):
    """A value of the wrong shape: what was expected and what came."""

    def __init__(self, expected: str, got: object) -> None:
        super().__init__(f"expected {expected}, found {describe(got)}")


def _text(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _ExpectedError("text", value)
    return value


def _int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _ExpectedError("a whole number", value)
    return value


def _float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _ExpectedError("a number", value)
    return float(value)


def _bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _ExpectedError("true or false", value)
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _ExpectedError("a reference such as 54/KH-UBND", value)
    return parse_ref(str(value))


_YEARS = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")


def _period(value: object, _: type) -> Period:
    if isinstance(value, bool):
        raise _ExpectedError("a year, a range of years or {start, end}", value)
    if isinstance(value, int):
        return Period.years(value)
    if isinstance(value, str):
        if value.isdigit() and len(value) == 4:
            return Period.years(int(value))
        if match := _YEARS.fullmatch(value.strip()):
            return Period.years(int(match[1]), int(match[2]))
    if isinstance(value, dict) and set(value) == {"start", "end"}:
        return Period(start=_date(value["start"], dt.date), end=_date(value["end"], dt.date))
    raise _ExpectedError("a year (2024), a range of years (2021-2025) or {start, end} dates", value)


def _link(value: object, _: type) -> ItemLink:
    if isinstance(value, str):
        return ItemLink.parse(value)
    if isinstance(value, dict) and "to" in value and set(value) <= {"to", "editorial"}:
        editorial = _bool(value.get("editorial", False), bool)
        return ItemLink.parse(_text(value["to"], str), editorial=editorial)
    raise _ExpectedError(
        "a link plan-key#item-id or {to: plan-key#item-id, editorial: true}", value
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

    def structure_tuple(value: object, cls: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _ExpectedError("a list", value)
        element = get_args(cls)[0]
        hook = converter.get_structure_hook(element)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(hook(item, element))
            except Exception as error:
                error.add_note(IterableValidationNote(f"@ index {index}", index, element))
                errors.append(error)
        if errors:
            raise IterableValidationError("while reading a list", errors, cls)
        return tuple(items)

    converter.register_structure_hook_func(_is_homogeneous_tuple, structure_tuple)

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


def _unstructure_link(link: ItemLink) -> object:
    if link.editorial:
        return {"to": str(link), "editorial": True}
    return str(link)


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
    error: BaseException, path: str = "$"
) -> Iterator[tuple[str, str]]:
    """Turn a structuring failure into ``(path, message)`` pairs, one per problem."""
    if isinstance(error, IterableValidationError):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            yield from error_lines(inner, f"{path}[{note.index}]")
        for inner in without:
            yield from error_lines(inner, path)
    elif isinstance(error, ClassValidationError):
        with_names, unnamed = error.group_exceptions()
        for inner, attribute in with_names:
            yield from error_lines(inner, f"{path}.{attribute.name}")
        for inner in unnamed:
            yield from error_lines(inner, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = ", ".join(a.name for a in getattr(error.cl, "__attrs_attrs__", ()))
        for extra in sorted(error.extra_fields):
            yield f"{path}.{extra}", f"unknown field; expected one of: {known}"
    elif isinstance(error, ModelError):
        yield f"{path}.{error.field}", f"expected {error.expected}, found {describe(error.got)}"
    elif isinstance(error, KeyError):
        yield path, "a required field is missing"
    elif isinstance(error, CchcError):
        yield path, str(error)
    elif isinstance(error, TypeError | ValueError):
        yield path, f"expected a valid value: {error}"
    else:
        yield path, f"unexpected {type(error).__name__}: {error}"


def normalise_text(data: object) -> tuple[object, int]:
    """Return *data* with every string in NFC, and how many strings changed."""
    changed = 0

    def walk(value: object) -> object:
        nonlocal changed
        if isinstance(value, str):
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
