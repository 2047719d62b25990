"""Writing files: one writer for everything cchc writes, atomic and never clobbering.

Every file cchc writes (a plan from ``derive -o``, a calendar from ``calendar --ics``, the
corpus copied by ``examples``, and any later export) goes through :func:`write_bytes`,
:func:`write_text` or :func:`~cchc.files._tree.write_tree`, which share these rules:

* The bytes go to a temporary file in the target's folder and reach the disk (``fsync``)
  before the target's name appears, so a reader never sees half a file.
* New files get the mode the umask gives (``0666 & ~umask``, folders ``0777 & ~umask``):
  they are created with those modes and the system applies the umask, as for any program.
* Without *force* the name is taken with a hard link (``O_EXCL`` where the file system has
  none), which fails if anything has the name at that instant: there is no window between
  a check and the write in which another writer's file could be replaced.
* With *force* only a regular file is replaced, and it keeps its permission bits; a folder,
  symbolic link, FIFO, socket or device is refused.
* Missing parent folders are created, as ``mkdir -p`` does.
* A failure or an interrupt leaves no temporary file, and no folder made along the way.

Refusals and failures raise :class:`WriteError`, which names the target as given (never
the temporary file) and gives the reason in the command line's words.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from cchc._faces import rehome
from cchc.exceptions import CchcError
from cchc.files._record import note_write

__all__ = [
    "NEW_FOLDER_MODE",
    "TEMPORARY_TRIES",
    "OutputExistsError",
    "WriteError",
    "check_target",
    "kind_of",
    "lstat_or_none",
    "make_folders",
    "place",
    "reason_of",
    "refusal_of",
    "remove_folders",
    "sync_folder",
    "temporary_name",
    "write_bytes",
    "write_new",
    "write_text",
]

_NEW_FILE_MODE = 0o666
NEW_FOLDER_MODE = 0o777
_OPEN_NEW = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)
TEMPORARY_TRIES = 100
_NAME_IN_TEMPORARY = 40
"""Characters of the target's name kept in the temporary name, which must stay short."""

Label = str | os.PathLike[str]
"""How a target is named in messages: as the caller gave it, before Path normalises it."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISREG, "a file"),
)


class WriteError(CchcError):
    """A file cchc was asked to write could not be written, or must not be replaced.

    :attr:`path` is the target, :attr:`reason` says why in words; the message is
    ``target: reason``.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{os.fspath(path)}: {reason}")


class OutputExistsError(WriteError):
    """The target exists and replacing it was not asked for (``--force``)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__(path, "the file exists; pass --force to overwrite it")


# -- the rules -------------------------------------------------------------------------


def kind_of(mode: int) -> str:
    """What the entry of *mode* is, in words (``a folder``, ``a FIFO (named pipe)`` ...)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _target(path: str | os.PathLike[str]) -> Path:
    """The target as a path, refusing names that cannot be a file."""
    note_write()  # a run that writes, or refuses to, depends on more than it read
    text = os.fspath(path)
    if not text:
        raise WriteError(text, "expected a file name, got an empty one")
    if "\0" in text:
        raise WriteError(text.replace("\0", "\\0"), "expected a file name without NUL")
    if text.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)):
        # Path() drops a trailing slash; the user meant a folder, so say so.
        raise WriteError(text, "is a folder (the name ends with a slash); expected a file name")
    return Path(text)


def lstat_or_none(path: Path) -> os.stat_result | None:
    """The entry at *path* itself (a link is not followed); None when there is none."""
    note_write()  # every writer looks at its target through here before it writes
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def refusal_of(target: Label, found: os.stat_result | None, *, force: bool) -> WriteError | None:
    """Why *target* must not be written over, given what is there; None if it may."""
    if found is None:
        return None
    if stat.S_ISDIR(found.st_mode):
        return WriteError(target, "is a folder; expected a file name")
    if not stat.S_ISREG(found.st_mode):
        return WriteError(
            target,
            f"is {kind_of(found.st_mode)}, not a regular file; "
            "only a regular file is replaced, even with --force",
        )
    return None if force else OutputExistsError(target)


def check_target(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Raise the :class:`WriteError` that writing *path* would raise now, or return it.

    For commands that can refuse before doing the work; the writers check again at the
    moment they write, so this is never what keeps a file from being clobbered.
    """
    target = _target(path)
    label = os.fspath(path)
    try:
        refusal = refusal_of(label, lstat_or_none(target), force=force)
    except OSError as error:
        raise WriteError(label, reason_of(error)) from error
    if refusal is not None:
        raise refusal
    return target


def reason_of(error: OSError) -> str:
    """Why writing failed, in the words of *error* but never its file name."""
    # Never str(error): it names the temporary file.
    words = error.strerror or (os.strerror(error.errno) if error.errno else type(error).__name__)
    return f"cannot write it: {words}"


# -- the steps -------------------------------------------------------------------------


def make_folders(target: Label, folder: Path) -> list[Path]:
    """Create *folder* and its missing parents; return those created, outermost first."""
    missing: list[Path] = []
    current = folder
    while True:
        try:
            found = os.stat(current)  # a link to a folder is a folder here
        except (FileNotFoundError, NotADirectoryError):
            missing.append(current)
            if current.parent == current:
                break
            current = current.parent
            continue
        if not stat.S_ISDIR(found.st_mode):
            raise WriteError(target, f"cannot create its folder: {current} is not a folder")
        break
    created: list[Path] = []
    try:
        for path in reversed(missing):
            try:
                os.mkdir(path, NEW_FOLDER_MODE)
            except FileExistsError:
                if not path.is_dir():
                    raise WriteError(
                        target, f"cannot create its folder: {path} is not a folder"
                    ) from None
                continue  # made meanwhile by someone else: not ours to remove
            created.append(path)
    except BaseException:
        remove_folders(created)
        raise
    return created


def remove_folders(created: list[Path]) -> None:
    """Remove folders this write created, innermost first, if they are still empty."""
    for path in reversed(created):
        with contextlib.suppress(OSError):
            os.rmdir(path)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
    os.fsync(descriptor)


def write_new(path: Path, data: bytes) -> None:
    """Create *path*, which must not exist, holding *data*; on failure remove it again."""
    descriptor = os.open(path, _OPEN_NEW, _NEW_FILE_MODE)
    try:
        _write_all(descriptor, data)
    except BaseException:
        os.close(descriptor)
        with contextlib.suppress(OSError):
            os.unlink(path)  # created by the open above, so it is ours
        raise
    os.close(descriptor)


def temporary_name(folder: Path, name: str) -> Path:
    """A fresh hidden name in *folder* for what will be called *name*."""
    return folder / f".{name[:_NAME_IN_TEMPORARY]}.{os.urandom(6).hex()}.tmp"


def _write_temporary(target: Path, data: bytes, label: Label) -> Path:
    """A new temporary file beside *target* holding *data*."""
    for _ in range(TEMPORARY_TRIES):
        temporary = temporary_name(target.parent, target.name)
        try:
            write_new(temporary, data)
        except FileExistsError:
            continue
        return temporary
    raise WriteError(label, "cannot write it: no free temporary name beside it")


def place(
    temporary: Path, target: Path, data: bytes, *, force: bool, label: Label, again: bool = True
) -> None:
    """Give the written *temporary* the name *target*, under the rules of the module."""
    if force:
        found = lstat_or_none(target)
        if found is not None:
            refusal = refusal_of(label, found, force=True)
            if refusal is not None:
                raise refusal
            # The last check and the rename are two steps; only someone who can write into
            # the folder could swap the file in between, and the rename never writes into it.
            os.chmod(temporary, stat.S_IMODE(found.st_mode))
            os.replace(temporary, target)
            return
    try:
        os.link(temporary, target)
    except FileExistsError:
        if force and again:
            # Taken since the check: decide again on what is there now.
            place(temporary, target, data, force=True, label=label, again=False)
            return
        raise refusal_of(label, lstat_or_none(target), force=False) or OutputExistsError(
            label
        ) from None
    except OSError:
        # No hard links on this file system (FAT, some network shares): O_EXCL still
        # takes the name only if it is free, though a reader may see the file grow.
        os.unlink(temporary)
        try:
            write_new(target, data)
        except FileExistsError:
            raise refusal_of(label, lstat_or_none(target), force=False) or OutputExistsError(
                label
            ) from None
        return
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def sync_folder(folder: Path) -> None:
    """Make a new name in *folder* durable where the system allows it (not on Windows)."""
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | flag)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


# -- the writers -----------------------------------------------------------------------


def write_bytes(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write *data* to the file *path* under the rules of this module and return its path.

    Raises :class:`OutputExistsError` if *path* exists and *force* is false, and
    :class:`WriteError` for a target that is not a regular file or a failure to write.
    """
    target = _target(path)
    label = os.fspath(path)
    created: list[Path] = []
    temporary: Path | None = None
    try:
        refusal = refusal_of(label, lstat_or_none(target), force=force)
        if refusal is not None:
            raise refusal
        created = make_folders(label, target.parent)
        temporary = _write_temporary(target, data, label)
        place(temporary, target, data, force=force, label=label)
        temporary = None
        sync_folder(target.parent)
    except BaseException as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        remove_folders(created)
        if isinstance(error, OSError):
            raise WriteError(label, reason_of(error)) from error
        raise
    return target


def write_text(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write *text* as UTF-8 to *path* (newlines kept as they are), as :func:`write_bytes`."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise WriteError(
            path,
            f"cannot write it: expected text UTF-8 can encode, found "
            f"{error.object[error.start : error.end]!a} at character {error.start}",
        ) from None
    return write_bytes(path, data, force=force)


# Users import these from their public face; they say so in their __module__.
rehome("cchc.files", OutputExistsError, WriteError)
