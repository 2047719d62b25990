"""Structuring a sound record in one step: its fields read, checked and set, no more.

Most records of a plan file are sound.  For them, cattrs' generated function reads each
field with its type's hook and calls the class, whose constructor runs every field's
check again, type included, though the hooks have just made a value of that type.  The
function made here reads the same fields with the same hooks, runs only the checks that
look at content (a text's form, a tuple's members taken together), and sets the fields
as the constructor would, then runs the class's own last check (``__attrs_post_init__``).

Anything unusual makes it fail, never guess: a missing or unknown field, a bad value, a
failed check.  The caller then reads the record the careful way, which names every
problem (:func:`cchc.files._convert._checked_structure`).  Only classes whose
constructor does nothing else are read so; for any other, None is returned and the
caller keeps cattrs' function.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import attrs
import cattrs

from cchc.exceptions import CchcError
from cchc.model._checks import REMEMBERED, FieldCheck

__all__ = ["UnknownFieldError", "direct_structure"]


class UnknownFieldError(CchcError):
    """A record holds a field its class does not have: read it the careful way."""


def _plain(cls: type[Any]) -> bool:
    """Whether *cls*'s constructor only sets its fields, checks them and post-inits."""
    if hasattr(cls, "__attrs_pre_init__") or "_attrs_cached_hash" in getattr(cls, "__slots__", ()):
        return False
    for field in attrs.fields(cls):
        if not field.init or field.converter is not None or field.on_setattr not in (None,):
            return False
        if field.alias != field.name or not isinstance(field.validator, FieldCheck | None):
            return False
    return True


def _setting(scope: dict[str, Any], cls: type[Any], number: int, name: str) -> str:
    """The line that sets field *number*, *name*, of the instance being made to its value.

    A slot is set through its own descriptor, quicker than ``object.__setattr__``'s
    look-up of it; a field kept in the instance's dict is set the general way.
    """
    slot = getattr(cls, name, None)
    if type(slot) is types.MemberDescriptorType:
        scope[f"set{number}"] = slot.__set__
        return f"    set{number}(made, v{number})"
    return f"    set_field(made, {name!r}, v{number})"


def direct_structure(
    converter: cattrs.Converter, cls: type[Any]
) -> Callable[[dict[str, Any], Any], Any] | None:
    """The one-step structuring function of the attrs class *cls*, or None if it has none.

    It takes a dict (the caller has checked that it is one) and raises on anything it
    does not read as the constructor would: see the module's docstring.
    """
    attrs.resolve_types(cls)
    if not _plain(cls):
        return None
    fields = attrs.fields(cls)
    # The function is written out field by field (as attrs and cattrs write theirs): no
    # loop over the fields, no look-up of what each needs, when a million are read.
    scope: dict[str, Any] = {
        "names": frozenset(field.name for field in fields),
        "cls": cls,
        "new": object.__new__,
        "set_field": object.__setattr__,
        "UnknownFieldError": UnknownFieldError,
        "post_init": getattr(cls, "__attrs_post_init__", None),
        "remembered": REMEMBERED,
    }
    lines = [
        "def structure(value, _):",
        "    if not names.issuperset(value):",
        "        raise UnknownFieldError('a field the record does not have')",
        "    made = new(cls)",
    ]
    checks = []
    for number, field in enumerate(fields):
        name = field.name
        scope[f"hook{number}"] = converter.get_structure_hook(field.type)
        scope[f"type{number}"] = field.type
        lines.append(f"    if {name!r} in value:")
        lines.append(f"        v{number} = hook{number}(value[{name!r}], type{number})")
        lines.append("    else:")
        default: Any = field.default
        if default is attrs.NOTHING:
            lines.append(f"        raise KeyError({name!r})")
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                return None
            scope[f"factory{number}"] = default.factory
            lines.append(f"        v{number} = factory{number}()")
        else:
            scope[f"default{number}"] = default
            lines.append(f"        v{number} = default{number}")
        lines.append(_setting(scope, cls, number, name))
        check = field.validator
        if check is None or check.type_only:
            continue
        scope[f"check{number}"], scope[f"field{number}"] = check, field
        call = f"check{number}(made, field{number}, v{number})"
        value = f"v{number}"
        # What the check answers at once is answered here, without the call: a value it
        # passed before (FieldCheck.__call__ says why), no value when that is allowed, an
        # empty tuple when the check finds an empty one fine.
        if check.members is None:
            scope[f"passed{number}"] = check.passed
            test = f"type({value}) not in remembered or {value} not in passed{number}"
            if check.optional:
                test = f"{value} is not None and ({test})"
        elif check.first(name, ()) is None:
            test = f"type({value}) is not tuple or {value}"
        else:
            checks.append(f"    {call}")
            continue
        checks.append(f"    if {test}:")
        checks.append(f"        {call}")
    lines.extend(checks)
    if scope["post_init"] is not None:
        lines.append("    post_init(made)")
    lines.append("    return made")
    exec(compile("\n".join(lines), f"<cchc direct structure {cls.__qualname__}>", "exec"), scope)
    return scope["structure"]  # type: ignore[no-any-return]
