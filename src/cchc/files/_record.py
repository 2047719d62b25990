"""What a command read from the file system, so that a second run can tell nothing changed.

The command line's output cache (:mod:`cchc.cli._cache`) keeps a command's output with the
list of everything the command looked at: each file it read (through
:func:`cchc.files._reading.read_bounded`), each folder it walked, each file it looked for.
A later run with the same arguments repeats those looks, cheaply, and uses the kept output
only when every one of them gives what it gave before.  So the cache never has to know which
files a command reads: the readers say so themselves, here, as they read.

Anything that cannot be looked at again (standard input) or that changes the world (a file
written) marks the run as not to be kept.  Outside a recording nothing is noted and the cost
is one context-variable lookup a call.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

__all__ = [
    "Look",
    "Recording",
    "looked",
    "note_unrepeatable",
    "note_write",
    "recording",
    "stop",
    "watched",
]

Simple = str | int | bool | None
Look = tuple[str, tuple[Simple, ...], dict[str, Simple], str]
"""One look at the file system: its kind, its arguments (in order, by name), its answer's digest."""

_P = ParamSpec("_P")
_T = TypeVar("_T")


class Recording:
    """The looks of one command run, in order, and whether the run may be kept at all."""

    __slots__ = ("keep", "looks", "wrote")

    def __init__(self) -> None:
        self.looks: list[Look] = []
        """Every look, in the order made."""
        self.keep = True
        """False once the run read something that cannot be read again (standard input)."""
        self.wrote = False
        """True once the run wrote a file: its output is then not kept."""


_CURRENT: ContextVar[Recording | None] = ContextVar("cchc_recording", default=None)
_LOOKS: dict[str, Callable[..., object]] = {}
"""Each kind of look by name: what :func:`looked` calls to look again."""


def recording() -> Recording:
    """Start recording the looks of the current context; the caller ends it with :func:`stop`."""
    found = Recording()
    _CURRENT.set(found)
    return found


def stop() -> None:
    """Stop recording in the current context."""
    _CURRENT.set(None)


def digest(value: object) -> str:
    """A short digest of what a look gave: the bytes of a file, or the repr of anything else."""
    data = value if isinstance(value, bytes) else repr(value).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _argument(value: object) -> Simple:
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)  # type: ignore[no-any-return]
    raise TypeError(f"cannot record an argument of type {type(value).__name__}")


def watched(kind: str) -> Callable[[Callable[_P, _T]], Callable[_P, _T]]:
    """Make a look at the file system noted under *kind* while a run is recorded.

    The function must take only strings, numbers and paths (a path is given back as a
    string when looked at again) and give the same answer for the same file system; an
    exception it raises is noted as its answer.
    """

    def wrap(function: Callable[_P, _T]) -> Callable[_P, _T]:
        _LOOKS[kind] = function

        @functools.wraps(function)
        def look(*args: _P.args, **kwargs: _P.kwargs) -> _T:
            current = _CURRENT.get()
            if current is None:
                return function(*args, **kwargs)
            arguments = tuple(_argument(a) for a in args)
            named = {name: _argument(value) for name, value in kwargs.items()}
            try:
                result = function(*args, **kwargs)
            except Exception as error:
                current.looks.append((kind, arguments, named, digest(_failure(error))))
                raise
            current.looks.append((kind, arguments, named, digest(result)))
            return result

        return look

    return wrap


def _failure(error: Exception) -> str:
    return f"raised {type(error).__name__}: {error}"


def looked(look: Look) -> bool:
    """Whether looking again as *look* did gives the same answer."""
    kind, arguments, named, before = look
    function = _LOOKS.get(kind)
    if function is None:
        return False
    try:
        result: object = function(*arguments, **named)
    except Exception as error:  # the answer then is the failure
        result = _failure(error)
    return digest(result) == before


def note_unrepeatable() -> None:
    """Say that the current run read what cannot be read again: its output is not kept."""
    current = _CURRENT.get()
    if current is not None:
        current.keep = False


def note_write() -> None:
    """Say that the current run wrote a file: its output is not kept."""
    current = _CURRENT.get()
    if current is not None:
        current.wrote = True
