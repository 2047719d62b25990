"""Pausing the cyclic garbage collector while cchc builds many values without cycles.

Plans, occurrences and obligations are frozen values that refer only to values made
before them, so none is part of a reference cycle.  Made by the million, they would still
trigger CPython's collector again and again, each pass walking every value of the older
generations to free nothing: more than half the time of a million obligations.
"""

from __future__ import annotations

import contextlib
import contextvars
import gc
from collections.abc import Iterator

__all__ = ["collector_paused", "command_run", "settle_loaded"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block, as it was after it.

    Reference counting still frees every value as soon as nothing refers to it; only
    cycles made inside the block wait for the next collection after it.  The collector
    is the process's: other threads see it paused too while the block runs.

    The first pass after the pause would walk every value made in it, millions after a
    large call, to free none.  So before the collector resumes, the values of every
    generation go to the oldest one at once (``gc.freeze`` then ``gc.unfreeze``), as
    surviving two passes would have moved them; within :func:`command_run` they stay
    set aside, as :func:`settle_loaded` sets the corpus aside.  When the program had
    set values aside itself (``gc.freeze``), nothing is moved.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if _RUN.get():
                gc.freeze()
            elif not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


_RUN: contextvars.ContextVar[bool] = contextvars.ContextVar("cchc_command_run", default=False)


@contextlib.contextmanager
def command_run() -> Iterator[None]:
    """Mark the block as one command of the command line, for :func:`settle_loaded`.

    After the block, what :func:`settle_loaded` set aside is handed back to the collector,
    unless something else had set values aside before (``gc.freeze``): then nothing is.
    """
    frozen_before = gc.get_freeze_count()
    token = _RUN.set(True)
    try:
        yield
    finally:
        _RUN.reset(token)
        if not frozen_before:
            gc.unfreeze()


def settle_loaded() -> None:
    """Within :func:`command_run`, leave every value made so far out of the collector's passes.

    A command's corpus lives until the command ends, and it holds no cycle; yet every later
    pass of the collector over the oldest values (an import, a build of the graph) walked
    all of its millions of values again, to free none.  Set aside with ``gc.freeze``, they
    are still freed by reference counting.  Outside a command this does nothing: a program
    using cchc keeps its collector as it set it.
    """
    if _RUN.get():
        gc.freeze()
