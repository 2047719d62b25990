"""Where things stand in a plan file: the ``$.field[index]`` paths that problem lines name.

The model knows its items by id; only a plan file orders them in lists, so the path of an
item is a question about the file, answered here.
"""

from __future__ import annotations

from cchc.model._plan import Plan

__all__ = ["item_path"]

_ITEM_FIELDS = ("objectives", "requirements", "tasks", "channels", "indicators")
"""The fields of a plan that hold identified items, in the order of the file format."""


def item_path(plan: Plan, item_id: str) -> str | None:
    """Where the item *item_id* of *plan* stands in its plan file (``$.tasks[3]``), or None."""
    for field in _ITEM_FIELDS:
        for index, item in enumerate(getattr(plan, field)):
            if item.id == item_id:
                return f"$.{field}[{index}]"
    return None
