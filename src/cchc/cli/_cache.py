r"""The output cache: run again on unchanged files, a command prints what it printed, at once.

Checking a corpus of thousands of plans takes seconds, and people run the same commands
on the same files again and again (``validate``, then ``summary``, then ``validate`` after
a fix elsewhere).  A command whose output depends only on the files it reads is run once;
its output is kept with the list of every look it took at the file system (each file read,
whole, each folder listed, each file looked for: :mod:`cchc.files._record`).  The next run
with the same command line, in the same setting, repeats the looks and prints the kept
output only if every look gives the same answer: reading and hashing the files is far
cheaper than parsing them.  Any change to a file, a file added or removed, another cchc
(its version or its code), another Python or other installed packages, another day in
Việt Nam, another terminal width or another environment variable that output depends on
means a fresh run.

Correctness never depends on the cache: an entry that cannot be read, is damaged (each
carries a digest of itself) or was written by another format is ignored and replaced;
entries are written to a temporary name and renamed, so that concurrent runs see a whole
entry or none; a run that read standard input or wrote (or refused to write) a file is
never kept.  The cache lives outside the corpus: in ``CCHC_CACHE_DIR`` when set, else in
the user's cache folder (``~/.cache/cchc`` on Linux, ``~/Library/Caches/cchc`` on macOS,
``%LOCALAPPDATA%\cchc\Cache`` on Windows); a folder inside a corpus the command read is
not written to, and neither is a folder another user could write to.  ``--no-cache`` (or
``CCHC_NO_CACHE=1``) runs without it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from cchc._version import __version__
from cchc.cli._entry import DIGEST_SIZE, FORMAT, Kept, pack, unpack, unpack_output

__all__ = [
    "MAX_ENTRY_BYTES",
    "MAX_KEPT_BYTES",
    "Kept",
    "cache_folder",
    "command_key",
    "lookup",
    "store",
]

_FOLDER = "output-2"
MAX_KEPT_BYTES = 1024 * 1024 * 1024
"""Output larger than this is not kept: holding it to keep would cost more than it saves.
(The coverage document of 100,000 plans is some 600 MB.)"""
MAX_ENTRY_BYTES = 256 * 1024 * 1024
"""The largest entry written or read: its output is kept compressed (zlib), with the list
of the run's looks."""
MAX_ENTRIES = 200
"""Entries kept at most; the least recently used go first."""
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
"""Bytes kept at most in all entries; the least recently used go first."""

_ENVIRONMENT = frozenset(
    {
        "ANSICON",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "COLORTERM",
        "COLUMNS",
        "ConEmuANSI",
        "FORCE_COLOR",
        "LANG",
        "LANGUAGE",
        "LINES",
        "NO_COLOR",
        "TERM",
        "TERM_PROGRAM",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
        "TZ",
        "WT_SESSION",
    }
)
"""Environment variables output may depend on (locale, colours, width), besides prefixes."""
_ENVIRONMENT_PREFIXES = ("CCHC_", "LC_", "PYTHON", "JUPYTER_")


def cache_folder(environ: Mapping[str, str]) -> Path | None:
    """Where entries are kept for this environment; None when the cache is off or homeless."""
    if environ.get("CCHC_NO_CACHE"):
        return None
    chosen = environ.get("CCHC_CACHE_DIR")
    if chosen:
        base = Path(chosen)
    elif sys.platform == "win32":
        local = environ.get("LOCALAPPDATA")
        if not local:
            return None
        base = Path(local) / "cchc" / "Cache"
    else:
        home = environ.get("HOME")
        xdg = environ.get("XDG_CACHE_HOME")
        if sys.platform != "darwin" and xdg and os.path.isabs(xdg):
            base = Path(xdg) / "cchc"
        elif home:
            caches = ("Library", "Caches") if sys.platform == "darwin" else (".cache",)
            base = Path(home).joinpath(*caches, "cchc")
        else:
            return None
    return base / _FOLDER


def _owned(folder: Path) -> bool:
    """Whether *folder* is a real folder only its user can write to (POSIX), or any (Windows).

    An entry is output to be shown as cchc's own: a folder others can write to could
    hold one they made.
    """
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    getuid = getattr(os, "geteuid", None)
    if getuid is None:
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _ready(folder: Path) -> bool:
    """Make *folder* if needed; whether it may be used."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return _owned(folder)


def _code_stamp() -> list[tuple[str, int, int]]:
    """Each file of the cchc package with its size and time: another cchc is another key."""
    top = Path(__file__).resolve().parent.parent
    found: list[tuple[str, int, int]] = []
    for folder, names, files in os.walk(top):
        names[:] = sorted(n for n in names if n != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            found.append((os.path.relpath(path, top), info.st_size, info.st_mtime_ns))
    return found


def _path_stamp() -> list[tuple[str, int]]:
    """Each folder Python imports from with its time: installing a package changes it."""
    found: list[tuple[str, int]] = []
    here = os.path.realpath(os.getcwd())
    for entry in sys.path:
        # Not the working folder (``python -m`` puts it first): its time changes with
        # every file made in it, and it holds no installed package.
        if not entry or os.path.realpath(entry) == here:
            continue
        try:
            found.append((entry, os.stat(entry or ".").st_mtime_ns))
        except OSError:
            found.append((entry, -1))
    return found


def _stream_facts(stream: TextIO | None) -> list[object]:
    """What output to *stream* depends on: a terminal or not, its size, its encoding."""
    if stream is None:
        return [None]
    isatty = getattr(stream, "isatty", None)
    terminal = bool(isatty()) if callable(isatty) else False
    size: tuple[int, int] | None = None
    if terminal:
        try:
            size = tuple(os.get_terminal_size(stream.fileno()))  # type: ignore[assignment]
        except (OSError, ValueError, AttributeError):
            size = None
    return [
        type(stream).__name__,
        terminal,
        size,
        getattr(stream, "encoding", None),
        getattr(stream, "errors", None),
        getattr(stream, "buffer", None) is not None,
    ]


def command_key(
    argv: Sequence[str], environ: Mapping[str, str], stdout: TextIO | None, stderr: TextIO | None
) -> str:
    """The name of the entry for this command line in this setting (files aside)."""
    # Việt Nam has kept UTC+7 without daylight saving since 1975: today there, as the
    # commands' default --as-of is, without importing pendulum.
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    setting: dict[str, Any] = {
        "format": FORMAT.decode(),
        "cchc": __version__,
        "code": _code_stamp(),
        "python": [sys.version, sys.executable, sys.prefix],
        "path": _path_stamp(),
        "argv": list(argv),
        "cwd": os.getcwd(),
        "environ": sorted(
            (name, value)
            for name, value in environ.items()
            if name in _ENVIRONMENT or name.startswith(_ENVIRONMENT_PREFIXES)
        ),
        "stdout": _stream_facts(stdout),
        "stderr": _stream_facts(stderr),
        "today": today.isoformat(),
    }
    text = json.dumps(setting, ensure_ascii=True, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("ascii"), digest_size=DIGEST_SIZE).hexdigest()


def _looks_same(looks: object) -> bool:
    """Whether every look of a kept run gives the same answer now."""
    # The modules whose functions are looked again with: importing them registers them.
    import cchc.files._reading
    import cchc.files._walk  # noqa: F401
    from cchc.files._record import looked

    if not isinstance(looks, list):
        return False
    for look in looks:
        if not (
            isinstance(look, list)
            and len(look) == 4
            and isinstance(look[0], str)
            and isinstance(look[1], list)
            and isinstance(look[2], dict)
            and isinstance(look[3], str)
        ):
            return False
        if not looked((look[0], tuple(look[1]), look[2], look[3])):
            return False
    return True


def lookup(folder: Path, key: str) -> Kept | None:
    """The kept output of the command *key* names, if it is sound and still true; else None."""
    from cchc.files._reading import ReadError, read_bounded

    if not _ready(folder):
        return None
    path = folder / key
    try:
        data = read_bounded(path, MAX_ENTRY_BYTES, follow_symlinks=False)
    except ReadError:
        return None
    unpacked = unpack(data)
    if unpacked is None:
        return None
    header, body = unpacked
    if not _looks_same(header.get("looks")):
        return None
    kept = unpack_output(header, body)
    if kept is not None:
        with contextlib.suppress(OSError):
            os.utime(path)  # the least recently used go first
    return kept


def _inside_read_corpus(folder: Path, looks: Sequence[Sequence[Any]]) -> bool:
    """Whether *folder* lies in a folder the run walked: a corpus is never written in."""
    try:
        real = Path(os.path.realpath(folder))
    except OSError:
        return True
    for kind, arguments, *_ in looks:
        if kind == "walk" and arguments:
            try:
                top = Path(os.path.realpath(str(arguments[0])))
            except OSError:
                return True
            if real == top or real.is_relative_to(top):
                return True
    return False


def store(
    folder: Path,
    key: str,
    looks: Sequence[Sequence[Any]],
    code: int,
    streams: tuple[tuple[int, bytes], tuple[int, bytes]],
) -> None:
    """Keep the output of the command *key* names, if it may be kept there.

    *streams* are standard output and standard error, each as its size and its bytes
    compressed with zlib (:meth:`cchc.cli._tape.Tape.packed`).
    """
    (out_size, out), (err_size, err) = streams
    if out_size + err_size > MAX_KEPT_BYTES or not _ready(folder):
        return
    if _inside_read_corpus(folder, looks):
        return
    header = {
        "looks": [list(look) for look in looks],
        "code": code,
        "stdout": out_size,
        "stderr": err_size,
        "packed": [len(out), len(err)],
    }
    data = pack(header, out, err)
    if len(data) > MAX_ENTRY_BYTES:
        return
    temporary = folder / f".{key}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(temporary, flags, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        # A rename is atomic: a concurrent run reads the old entry or this one, whole.
        os.replace(temporary, folder / key)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    """Remove the least recently used entries beyond :data:`MAX_ENTRIES` and the byte cap."""
    try:
        with os.scandir(folder) as scan:
            entries = [(e.stat().st_mtime_ns, e.stat().st_size, e.path) for e in scan]
    except OSError:
        return
    entries.sort(reverse=True)
    total = 0
    for number, (_, size, path) in enumerate(entries):
        total += size
        if number >= MAX_ENTRIES or total > MAX_TOTAL_BYTES:
            with contextlib.suppress(OSError):
                os.unlink(path)
