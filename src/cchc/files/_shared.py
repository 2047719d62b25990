"""Structuring a value once: the records a cascade repeats in file after file.

The plans of a cascade repeat their parents' records field for field: the same legal
basis in every plan, the same schedule (``Hằng tháng, ít nhất 01 tin, bài``) in every
child, the same objectives carried down to all siblings.  Structured values are frozen,
so every file can hold the one made the first time: reading checks each once and keeps
it once in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args, get_type_hints

import attrs

from cchc.files._values import JsonConstant, Numeral
from cchc.model._items import ItemLink
from cchc.model._plan import Period
from cchc.refs._refs import DocumentRef

__all__ = ["MAX_SHARED", "TRIAL", "shared"]

MAX_SHARED = 1 << 15
"""The most values kept for one class: beyond, new records are structured every time."""
TRIAL = 1 << 12
"""Records of a class read before judging whether they repeat enough to be kept."""

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
            kinds = tuple(map(type, member))
            if not _SCALARS.issuperset(kinds):
                return None
            fields.append((name, kind, kinds, tuple(member)))
        elif kind in _SCALARS:
            fields.append((name, kind, member))
        else:
            return None
    return tuple(fields)


# Classes a file writes as one scalar ("54/KH-UBND", "kh-54#nd1", 2024), not as a record.
_WRITTEN_AS_SCALARS = (DocumentRef, ItemLink, Period)


def _holds_records(cls: type[Any]) -> bool:
    """Whether *cls* has a field that holds records (plans hold tasks, tasks schedules)."""

    def records(kind: Any) -> bool:
        if isinstance(kind, type) and attrs.has(kind):
            return kind not in _WRITTEN_AS_SCALARS
        return any(records(member) for member in get_args(kind))

    return any(records(kind) for kind in get_type_hints(cls).values())


def shared(structure: Callable[[Any, Any], Any], cls: type[Any]) -> Callable[[Any, Any], Any]:
    """*structure*, the cattrs hook of *cls*, made once for each flat record and shared.

    Only mappings of scalars and lists of scalars are kept; a record holding a mapping is
    structured every time, as is any record once :data:`MAX_SHARED` are kept, and *cls*
    is not looked up at all when it holds records (its data is never flat), or once fewer
    than one in 16 of its first :data:`TRIAL` records were met before.  A record that
    fails raises every time: only values are kept, never problems.
    """
    if _holds_records(cls):
        return structure
    made: dict[tuple[Any, ...], Any] = {}
    # Lookups and repeats found over the first TRIAL records: records that seldom repeat
    # (one per unit, duty and period) are then read without a key, and none is kept.
    tried = [0, 0]

    def structure_shared(value: Any, kind: Any) -> Any:
        key = _key(value) if type(value) is dict and tried[0] >= 0 else None
        if key is None:
            return structure(value, kind)
        found = made.get(key)
        if found is None:
            found = structure(value, kind)
            if len(made) < MAX_SHARED:
                made[key] = found
        else:
            tried[1] += 1
        tried[0] += 1
        if tried[0] == TRIAL and tried[1] < TRIAL // 16:
            tried[0] = -1
            made.clear()
        return found

    return structure_shared
