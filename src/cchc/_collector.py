"""Pausing the cyclic garbage collector while cchc builds many values without cycles.

Plans, occurrences and obligations are frozen values that refer only to values made
before them, so none is part of a reference cycle.  Made by the million, they would still
trigger CPython's collector again and again, each pass walking every value of the older
generations to free nothing: more than half the time of a million obligations.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block, as it was after it.

    Reference counting still frees every value as soon as nothing refers to it; only
    cycles made inside the block wait for the next collection after it.  The collector
    is the process's: other threads see it paused too while the block runs.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
