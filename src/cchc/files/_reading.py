"""Reading untrusted input: regular files only, never blocking, never more than a cap.

Every reader of cchc (plan files, ``cite``, and readers of other formats to come) reads
through :func:`read_bounded` or :func:`read_stream_bounded`, so that one place decides
what may be opened and how much of it is read:

- only a regular file is read.  A named pipe, a socket or a device (``/dev/zero``), named
  directly or through a symbolic link, is refused from its ``stat`` before it is opened,
  so that opening it can neither block nor have a device's side effects; it is opened
  without blocking and checked again on the open descriptor, in case it was swapped in
  between;
- at most *limit* bytes are read, counted while reading: a file whose size says little
  (``/proc``) or that grows while it is read is refused at ``limit + 1`` bytes, not read
  to the end.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import Protocol

from cchc._faces import rehome
from cchc.exceptions import CchcError
from cchc.files._record import note_unrepeatable, watched

__all__ = ["ReadError", "Readable", "read_bounded", "read_stream_bounded"]

_MB = 1024 * 1024
_CHUNK = 64 * 1024
# O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.  O_NOCTTY: a
# terminal is never made the controlling one.  Windows has neither, nor FIFOs to fear.
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class Readable(Protocol):
    """What :func:`read_stream_bounded` reads from: a binary stream such as ``stdin.buffer``."""

    def read(self, size: int, /) -> bytes:
        """At most *size* bytes; empty at the end."""
        ...


class ReadError(CchcError):
    """A file was refused or could not be read; :attr:`reason` says why, without its name."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        """The file as the caller named it."""
        self.reason = reason
        """Why, in words that can follow the file's name: ``expected a regular file, ...``."""
        super().__init__(f"{name}: {reason}")


def describe_mode(mode: int) -> str:
    """What kind of file a ``st_mode`` says it is, in words (``a named pipe (FIFO)``)."""
    kinds: tuple[tuple[Callable[[int], bool], str], ...] = (
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((words for test, words in kinds if test(mode)), "a special file")


@watched("read")
def read_bounded(
    path: str | os.PathLike[str],
    limit: int,
    *,
    what: str = "a file",
    follow_symlinks: bool = True,
) -> bytes:
    """The bytes of the regular file *path*, at most *limit* of them.

    Raises :class:`ReadError` when *path* is not a regular file (a named pipe, a socket, a
    device or a folder, directly or through a symbolic link), when it holds more than
    *limit* bytes (*what* names it in the message: ``a plan file``), or when it cannot be
    read.  With *follow_symlinks* false a symbolic link is refused rather than followed,
    also when one is swapped in after the caller looked.
    """
    name = os.fspath(path)
    try:
        before = os.stat(name, follow_symlinks=follow_symlinks)
    except OSError as error:
        raise _cannot_read(name, error) from None
    _check(name, before, limit, what)
    flags = _FLAGS if follow_symlinks else _FLAGS | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(name, flags)
    except OSError as error:
        raise _cannot_read(name, error) from None
    try:
        # What was opened is what counts: the name may lead elsewhere since the stat above.
        _check(name, os.fstat(handle), limit, what)
        return _read_capped(lambda size: os.read(handle, size), limit, name, what)
    except OSError as error:
        raise _cannot_read(name, error) from None
    finally:
        os.close(handle)


@watched("size")
def size_problem(name: str, limit: int, *, what: str = "a file") -> str | None:
    """Why the regular file *name* is refused for its size alone, or None.

    The words :func:`read_bounded` would raise, known from the size the file has now, so
    that a corpus can be refused before any of its files is read; anything else (a file
    that cannot be looked at, or is not a regular one) is left for reading to report.
    """
    try:
        info = os.stat(name, follow_symlinks=False)
    except OSError:
        return None
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        return f"expected {what} of at most {_size(limit)}, found {_found(info)}"
    return None


def read_stream_bounded(
    stream: Readable, limit: int, *, name: str = "<stdin>", what: str = "a file"
) -> bytes:
    """The bytes of an open *stream* (standard input), at most *limit* of them.

    Raises :class:`ReadError` (named *name*) past *limit* bytes or when reading fails.
    """
    note_unrepeatable()  # a stream read once cannot be read again to check it
    try:
        return _read_capped(stream.read, limit, name, what)
    except OSError as error:
        raise _cannot_read(name, error) from None


def _check(name: str, info: os.stat_result, limit: int, what: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(name, f"expected a regular file, found {describe_mode(info.st_mode)}")
    if info.st_size > limit:
        raise ReadError(name, f"expected {what} of at most {_size(limit)}, found {_found(info)}")


def _read_capped(read: Callable[[int], bytes], limit: int, name: str, what: str) -> bytes:
    """Read until the end, or refuse as soon as more than *limit* bytes came."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise ReadError(name, f"expected {what} of at most {_size(limit)}, found more")


def _cannot_read(name: str, error: OSError) -> ReadError:
    return ReadError(name, f"cannot read the file: {error.strerror or error}")


def _size(count: int) -> str:
    if count >= _MB and count % _MB == 0:
        return f"{count // _MB} MB"
    return f"{count / _MB:.1f} MB" if count >= _MB else f"{count} bytes"


def _found(info: os.stat_result) -> str:
    size = info.st_size
    return f"{size / _MB:.1f} MB" if size >= _MB else f"{size} bytes"


# Users import these from their public face; they say so in their __module__.
rehome("cchc.files", ReadError)
