"""Converting between plan-file data (dicts, lists, text) and model objects, with cattrs.

Structuring is strict: unknown fields, a string where a list belongs, text where a
number belongs are all problems, never silently coerced.  Every field is checked by the
model's own field checks as it is read, so every problem of a file is found at once, and
every failure is turned into ``($.path, message)`` lines by :func:`error_lines`.

Numbers are read from what the file says: the parsers hand over unquoted numbers as a
:class:`~cchc.files._values.Numeral`, read (by :mod:`cchc.files._scalars`) as a number
only where a number belongs and only when it is plain decimal digits.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from itertools import repeat
from types import UnionType
from typing import Any, Union, get_args, get_origin

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
from cchc.files._direct import direct_structure
from cchc.files._scalars import (
    MAX_NUMERAL_LENGTH,
    ExpectedError,
    structure_bool,
    structure_date,
    structure_enum,
    structure_float,
    structure_int,
    structure_link,
    structure_period,
    structure_ref,
    structure_text,
)
from cchc.files._shared import shared
from cchc.files._values import describe
from cchc.model._checks import FieldCheck
from cchc.model._items import ItemLink
from cchc.model._plan import Period
from cchc.refs._refs import DocumentRef
from cchc.text._normal import forbidden_characters

__all__ = ["CONVERTER", "DATA_ERRORS", "MAX_NUMERAL_LENGTH", "error_lines"]

DATA_ERRORS = (CchcError, BaseValidationError, ForbiddenExtraKeysError)
"""What structuring raises for bad data: cchc's own errors, and cattrs' groups of them.

Nothing else is caught while a file is structured: any other exception is a bug in cchc
and must surface as one, with its traceback, not as a problem of the user's file.
cattrs gathers every failure of a class into its groups, bugs included, so
:func:`error_lines` raises any exception in a group that is not bad data.
"""


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) in (Union, UnionType) and len(args) == 2 and type(None) in args


# The hooks below find their members' hook once, when cattrs makes them: every list and
# every optional field of every file comes through them.


def _tuple_hook(converter: cattrs.Converter, cls: Any) -> Any:
    """The hook of ``tuple[X, ...]``: a list of X, every bad member a problem of its own."""
    element = get_args(cls)[0]
    hook = converter.get_structure_hook(element)

    def structure_tuple(value: object, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ExpectedError("a list", value)
        try:
            # Most lists of a plan hold one member (a lead unit, a product, a link).
            if len(value) == 1:
                return (hook(value[0], element),)
            return tuple(map(hook, value, repeat(element, len(value))))
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

    return structure_tuple


def _optional_hook(converter: cattrs.Converter, cls: Any) -> Any:
    """The hook of ``X | None``: None, or what X's hook makes of the value."""
    inner = next(arg for arg in get_args(cls) if arg is not type(None))
    hook = converter.get_structure_hook(inner)

    def structure_optional(value: object, _: Any) -> Any:
        return None if value is None else hook(value, inner)

    return structure_optional


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, structure_text)
    converter.register_structure_hook(int, structure_int)
    converter.register_structure_hook(float, structure_float)
    converter.register_structure_hook(bool, structure_bool)
    converter.register_structure_hook(dt.date, structure_date)
    converter.register_structure_hook(DocumentRef, structure_ref)
    converter.register_structure_hook(Period, structure_period)
    converter.register_structure_hook(ItemLink, structure_link)
    converter.register_structure_hook_func(
        lambda cls: isinstance(cls, type) and issubclass(cls, enum.Enum), structure_enum
    )

    converter.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda cls: _tuple_hook(converter, cls)
    )
    converter.register_structure_hook_factory(
        _is_optional, lambda cls: _optional_hook(converter, cls)
    )
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
    # Most records are fine: the first pass gathers no problems, and raises the first.
    plain = direct_structure(converter, cls) or make_dict_structure_fn(
        cls, converter, _cattrs_detailed_validation=False
    )

    def structure(value: object, kind: Any) -> Any:
        # The generated function reads value[name], which fails obscurely on a non-mapping.
        if not isinstance(value, dict):
            raise ExpectedError("a mapping of fields", value)
        try:
            return plain(value, kind)
        except (*DATA_ERRORS, KeyError):
            # A missing field, or a bad one: the checked pass says what and where (and
            # lets a KeyError that is a bug of cchc's through, see _is_missing).
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
