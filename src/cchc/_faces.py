"""How the package faces (``cchc.calendar``, ``cchc.coverage`` ...) present their names.

A face lists its public names and where they live; heavy ones (networkx, pendulum,
rapidfuzz, cattrs) are imported only when first asked for, so that importing a face, or
``python -m cchc --help``, costs little.  Public classes report the face that exports them
as their module, as users import them from there.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy", "rehome"]


def lazy(
    face: str, where: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a face whose names *where* maps to modules."""

    def getattr_(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {face!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[face], name, value)
        return value

    def dir_() -> list[str]:
        # Every public name, those the face holds itself (cchc.__version__) included.
        return sorted({*where, *getattr(sys.modules[face], "__all__", ())})

    return getattr_, dir_


def rehome(home: str, *classes: type) -> None:
    """Make each of *classes* report *home* (its public face) as its module.

    The annotations are resolved first, in the module that defines them: tools that read
    them later (cattrs, ``typing.get_type_hints``) look names up in the class's module,
    and the face does not hold every name an annotation uses.
    """
    # inspect and typing cost more to import than all of --help: only classes pay for them.
    import inspect  # noqa: PLC0415
    import typing  # noqa: PLC0415

    for cls in classes:
        own = inspect.get_annotations(cls)
        if own:
            hints = typing.get_type_hints(cls, globalns=vars(sys.modules[cls.__module__]))
            cls.__annotations__ = {name: hints[name] for name in own}
        cls.__module__ = home
