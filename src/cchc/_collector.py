"""Pausing the cyclic garbage collector while cchc builds many values without cycles.

Plans, occurrences and obligations are frozen values that refer only to values made
before them, so none is part of a reference cycle.  Made by the million, they would still
trigger CPython's collector again and again, each pass walking every value of the older
generations to free nothing: more than half the time of a million obligations.

Freeing them costs too: a command over 10,000 plans spent most of a second at its end
freeing, one by one, values the operating system was about to take back whole.  When a
command is the whole process (:func:`end_process`), what it holds (:func:`hold`) is left
to the process's end.
"""

from __future__ import annotations

import _thread
import atexit
import contextlib
import contextvars
import gc
import os
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import NoReturn

__all__ = [
    "collector_paused",
    "command_run",
    "end_process",
    "hold",
    "run_by_interpreter",
    "settle_loaded",
]


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
        if not _ENDING.get():
            _HELD.clear()
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


_HELD: list[object] = []
"""What commands hold until they end, or until the process ends (see :func:`end_process`)."""
_ENDING: contextvars.ContextVar[bool] = contextvars.ContextVar("cchc_ending", default=False)
"""True once :func:`end_process` runs the command line: the process ends after it."""


def hold(*values: object) -> None:
    """Within :func:`command_run`, keep *values* until the command ends; outside, nothing.

    A command holds what it made by the million (its corpus, its result).  Run in a
    program, the values are let go when the command ends, as its own variables would be.
    Run as the whole process (:func:`end_process`), they are never freed one by one: the
    process's end takes back their memory at once.
    """
    if _RUN.get():
        _HELD.extend(values)


def end_process(main: Callable[[], int], *, whole: bool) -> NoReturn:
    """Run *main*, the command line, and end the process with its exit code.

    *whole* says that the process is cchc's (:func:`run_by_interpreter`), not a program's
    that goes on after cchc ends.  Then, when the command held values (:func:`hold`) and
    nothing watches the process's end, the process ends without freeing them: the
    functions registered with :mod:`atexit` run and the standard streams are flushed, as
    at a normal exit, then :func:`os._exit` ends it.  A profiler or a tracer (``python -m
    cProfile``, a debugger, coverage measurement), ``python -i``, a thread still running,
    or a stream that cannot be flushed: then it ends as usual, with :func:`sys.exit`, and
    what the command held is let go first.
    """
    token = _ENDING.set(True)
    try:
        code = main()
        run_exit_functions = getattr(atexit, "_run_exitfuncs", None)
        # python -i shows the SystemExit and goes on; PYTHONINSPECT set while running
        # does not stop a SystemExit from ending the process, so it changes nothing.
        watched = sys.gettrace() is not None or sys.getprofile() is not None or sys.flags.inspect
        if whole and _HELD and not watched and run_exit_functions is not None and _alone():
            # In the order of a normal exit: what an exit function prints is flushed too.
            run_exit_functions()
            if _flushed():
                os._exit(code)
            # sys.exit then reports the stream as Python always has; the exit functions
            # have run, and are not run again.
    finally:
        _ENDING.reset(token)
        _HELD.clear()
    sys.exit(code)


def _flushed() -> bool:
    """Whether the standard streams took everything written to them."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


def run_by_interpreter(frame: FrameType) -> bool:
    """Whether *frame* is the main module's code as the interpreter itself runs it.

    That is ``python FILE`` (an installed console script, ``python -c``), or ``python -m``
    through the interpreter's own ``runpy._run_module_as_main``; not code a program runs
    (``runpy.run_module``, ``exec``, a test runner), which goes on after it.
    """
    main = sys.modules.get("__main__")
    if main is None or frame.f_globals is not vars(main) or frame.f_code.co_name != "<module>":
        return False
    # A thread's first frame has nothing below it either: only the main thread's counts
    # (a thread _thread started, unknown to threading, is seen by _alone).
    threading = sys.modules.get("threading")
    if threading is not None and threading.get_ident() != threading.main_thread().ident:
        return False
    outer = frame.f_back
    if outer is None:
        return True
    # python -m: runpy._run_module_as_main, called by the interpreter, runs the module
    # through runpy._run_code.
    runpy = sys.modules.get("runpy")
    run_code = getattr(getattr(runpy, "_run_code", None), "__code__", None)
    as_main = getattr(getattr(runpy, "_run_module_as_main", None), "__code__", None)
    first = outer.f_back
    return (
        run_code is not None
        and outer.f_code is run_code
        and first is not None
        and first.f_code is as_main
        and first.f_back is None
    )


def _alone() -> bool:
    """Whether the main thread is the only one: no other may still need the process."""
    # _thread counts the threads besides the main one, started by threading or not.
    count = getattr(_thread, "_count", None)
    if count is not None:
        return bool(count() == 0)
    # Not imported for this: without the module, no thread of its kind was started.
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1
