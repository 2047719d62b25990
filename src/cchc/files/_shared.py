"""Structuring a value once: the records a cascade repeats in file after file.

The plans of a cascade repeat their parents' records field for field: the same legal
basis in every plan, the same schedule (``Hằng tháng, ít nhất 01 tin, bài``) in every
child, the same objectives carried down to all siblings.  Structured values are frozen,
so every file can hold the one made the first time: reading checks each once and keeps
it once in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cchc.files._values import JsonConstant, Numeral

__all__ = ["MAX_SHARED", "shared"]

MAX_SHARED = 1 << 15
"""The most values kept for one class: beyond, new records are structured every time."""

# The scalars a record's key may hold, told apart by type: True is not 1, and a quoted
# "5" (text) not an unquoted 5 (a Numeral), which structure differently.  Floats are left
# out (0.0 equals -0.0); parsers hand numbers over as Numeral anyway.
_SCALARS = frozenset((str, Numeral, JsonConstant, bool, int, type(None)))


def _key(value: dict[Any, Any]) -> tuple[Any, ...] | None:
    """A key that is equal only for records that structure alike, or None for a nested one."""
    fields: list[tuple[Any, ...]] = []
    for name, member in value.items():
        kind = type(member)
        if type(name) is not str:
            return None
        if kind is list:
            if any(type(m) not in _SCALARS for m in member):
                return None
            fields.append((name, kind, *((type(m), m) for m in member)))
        elif kind in _SCALARS:
            fields.append((name, kind, member))
        else:
            return None
    return tuple(fields)


def shared(structure: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """*structure* (a cattrs hook) made once for each flat record, the result then shared.

    Only mappings of scalars and lists of scalars are kept; a record holding a mapping is
    structured every time, as is any record once :data:`MAX_SHARED` are kept.  A record
    that fails raises every time: only values are kept, never problems.
    """
    made: dict[tuple[Any, ...], Any] = {}

    def structure_shared(value: Any, kind: Any) -> Any:
        key = _key(value) if type(value) is dict else None
        if key is None:
            return structure(value, kind)
        found = made.get(key)
        if found is None:
            found = structure(value, kind)
            if len(made) < MAX_SHARED:
                made[key] = found
        return found

    return structure_shared
