"""Writing files: one writer for everything cchc writes, atomic and never clobbering.

Every file cchc writes (a plan from ``derive -o``, a calendar from ``calendar --ics``, the
corpus copied by ``examples``, and any later export) goes through :func:`write_bytes`,
:func:`write_text` or :func:`write_tree`, which share these rules:

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
import shutil
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from cchc._faces import rehome
from cchc.exceptions import CchcError

__all__ = [
    "FolderWriteError",
    "OutputExistsError",
    "WriteError",
    "check_target",
    "write_bytes",
    "write_text",
    "write_tree",
]

_NEW_FILE_MODE = 0o666
_NEW_FOLDER_MODE = 0o777
_OPEN_NEW = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
)
_TEMPORARY_TRIES = 100
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


class FolderWriteError(WriteError):
    """Files of a folder copy were refused; :attr:`errors` has one error for each."""

    def __init__(self, path: str | os.PathLike[str], errors: Iterable[WriteError]) -> None:
        self.errors = tuple(errors)
        super().__init__(path, f"{len(self.errors)} file(s) refused")

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


# -- the rules -------------------------------------------------------------------------


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _target(path: str | os.PathLike[str]) -> Path:
    """The target as a path, refusing names that cannot be a file."""
    text = os.fspath(path)
    if not text:
        raise WriteError(text, "expected a file name, got an empty one")
    if "\0" in text:
        raise WriteError(text.replace("\0", "\\0"), "expected a file name without NUL")
    if text.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)):
        # Path() drops a trailing slash; the user meant a folder, so say so.
        raise WriteError(text, "is a folder (the name ends with a slash); expected a file name")
    return Path(text)


def _lstat(path: Path) -> os.stat_result | None:
    """The entry at *path* itself (a link is not followed); None when there is none."""
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _refusal(target: Label, found: os.stat_result | None, *, force: bool) -> WriteError | None:
    """Why *target* must not be written over, given what is there; None if it may."""
    if found is None:
        return None
    if stat.S_ISDIR(found.st_mode):
        return WriteError(target, "is a folder; expected a file name")
    if not stat.S_ISREG(found.st_mode):
        return WriteError(
            target,
            f"is {_kind(found.st_mode)}, not a regular file; "
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
        refusal = _refusal(label, _lstat(target), force=force)
    except OSError as error:
        raise WriteError(label, _reason(error)) from error
    if refusal is not None:
        raise refusal
    return target


def _reason(error: OSError) -> str:
    # Never str(error): it names the temporary file.
    words = error.strerror or (os.strerror(error.errno) if error.errno else type(error).__name__)
    return f"cannot write it: {words}"


# -- the steps -------------------------------------------------------------------------


def _make_folders(target: Label, folder: Path) -> list[Path]:
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
                os.mkdir(path, _NEW_FOLDER_MODE)
            except FileExistsError:
                if not path.is_dir():
                    raise WriteError(
                        target, f"cannot create its folder: {path} is not a folder"
                    ) from None
                continue  # made meanwhile by someone else: not ours to remove
            created.append(path)
    except BaseException:
        _remove_folders(created)
        raise
    return created


def _remove_folders(created: list[Path]) -> None:
    """Remove folders this write created, innermost first, if they are still empty."""
    for path in reversed(created):
        with contextlib.suppress(OSError):
            os.rmdir(path)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
    os.fsync(descriptor)


def _write_new(path: Path, data: bytes) -> None:
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


def _temporary_name(folder: Path, name: str) -> Path:
    return folder / f".{name[:_NAME_IN_TEMPORARY]}.{os.urandom(6).hex()}.tmp"


def _write_temporary(target: Path, data: bytes, label: Label) -> Path:
    """A new temporary file beside *target* holding *data*."""
    for _ in range(_TEMPORARY_TRIES):
        temporary = _temporary_name(target.parent, target.name)
        try:
            _write_new(temporary, data)
        except FileExistsError:
            continue
        return temporary
    raise WriteError(label, "cannot write it: no free temporary name beside it")


def _place(
    temporary: Path, target: Path, data: bytes, *, force: bool, label: Label, again: bool = True
) -> None:
    """Give the written *temporary* the name *target*, under the rules of the module."""
    if force:
        found = _lstat(target)
        if found is not None:
            refusal = _refusal(label, found, force=True)
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
            _place(temporary, target, data, force=True, label=label, again=False)
            return
        raise _refusal(label, _lstat(target), force=False) or OutputExistsError(label) from None
    except OSError:
        # No hard links on this file system (FAT, some network shares): O_EXCL still
        # takes the name only if it is free, though a reader may see the file grow.
        os.unlink(temporary)
        try:
            _write_new(target, data)
        except FileExistsError:
            raise _refusal(label, _lstat(target), force=False) or OutputExistsError(label) from None
        return
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
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
        refusal = _refusal(label, _lstat(target), force=force)
        if refusal is not None:
            raise refusal
        created = _make_folders(label, target.parent)
        temporary = _write_temporary(target, data, label)
        _place(temporary, target, data, force=force, label=label)
        temporary = None
        _sync_folder(target.parent)
    except BaseException as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        _remove_folders(created)
        if isinstance(error, OSError):
            raise WriteError(label, _reason(error)) from error
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


def _relative(folder: Path, name: str) -> PurePosixPath:
    relative = PurePosixPath(name)
    if relative.is_absolute() or not relative.parts or ".." in relative.parts or "\0" in name:
        raise WriteError(folder, f"cannot write {name!r} inside it: expected a relative name")
    return relative


def _folder_refusals(
    folder: Path, names: Iterable[PurePosixPath], *, force: bool
) -> list[WriteError]:
    """Every reason the files *names* must not be written into the existing *folder*."""
    errors: list[WriteError] = []
    blocked: set[Path] = set()
    for name in names:
        current = folder
        for part in name.parts[:-1]:
            current = current / part
            found = _lstat(current)
            if found is None or stat.S_ISDIR(found.st_mode):
                continue
            if current not in blocked:
                blocked.add(current)
                errors.append(WriteError(current, f"is {_kind(found.st_mode)}, not a folder"))
            break
        else:
            target = folder.joinpath(*name.parts)
            refusal = _refusal(target, _lstat(target), force=force)
            if refusal is not None:
                errors.append(refusal)
    return errors


def _stage(staging: Path, files: Mapping[PurePosixPath, bytes]) -> None:
    """Write every file under the fresh folder *staging*."""
    for name, data in files.items():
        path = staging.joinpath(*name.parts)
        for parent in reversed(path.relative_to(staging).parents[:-1]):
            with contextlib.suppress(FileExistsError):
                os.mkdir(staging / parent, _NEW_FOLDER_MODE)
        _write_new(path, data)


def _claim(staging: Path, folder: Path) -> bool:
    """Move *staging* to the free name *folder* in one step; False if the name was taken."""
    try:
        os.mkdir(folder, _NEW_FOLDER_MODE)  # the name is ours only if nothing had it
    except FileExistsError:
        return False
    try:
        os.rename(staging, folder)  # POSIX replaces the empty folder made just above
    except OSError:
        try:
            os.rmdir(folder)  # Windows renames onto no folder; ours may still be empty
        except OSError:
            return False  # someone wrote into it meanwhile: copy in file by file
        os.rename(staging, folder)
    return True


def _merge(
    staging: Path, folder: Path, files: Mapping[PurePosixPath, bytes], *, force: bool
) -> None:
    """Move the staged files into the existing *folder*; on failure undo what was added."""
    refusals = _folder_refusals(folder, files, force=force)
    if refusals:
        raise FolderWriteError(folder, refusals)
    added: list[Path] = []
    created: list[Path] = []
    try:
        for name, data in files.items():
            target = folder.joinpath(*name.parts)
            created.extend(_make_folders(target, target.parent))
            new = _lstat(target) is None
            _place(staging.joinpath(*name.parts), target, data, force=force, label=target)
            if new:
                added.append(target)
    except BaseException:
        # Files replaced with --force stay replaced; every name added is taken back.
        for path in reversed(added):
            with contextlib.suppress(OSError):
                os.unlink(path)
        _remove_folders(created)
        raise


def write_tree(
    path: str | os.PathLike[str], files: Mapping[str, bytes], *, force: bool = False
) -> tuple[str, ...]:
    """Write *files* (relative names with ``/`` to bytes) into the folder *path*.

    A new folder appears whole or not at all: the files are written into a temporary
    sibling folder, which is then renamed into place.  Into an existing folder the files
    are added one by one under the rules of :func:`write_bytes` (all refusals are
    checked, and reported together in a :class:`FolderWriteError`, before anything is
    added), and a failure takes back the files it added.  Returns the names, in order.
    """
    text = os.fspath(path)
    if not text or "\0" in text:
        raise WriteError(text.replace("\0", "\\0"), "expected a folder name")
    folder = Path(text)
    relative = {_relative(folder, name): data for name, data in files.items()}
    created: list[Path] = []
    staging: Path | None = None
    try:
        found = _existing_folder(folder)
        if found:
            refusals = _folder_refusals(folder, relative, force=force)
            if refusals:
                raise FolderWriteError(folder, refusals)
        created = _make_folders(folder, folder.parent)
        staging = _make_staging(folder)
        _stage(staging, relative)
        if not found and _claim(staging, folder):
            staging = None
        else:
            _merge(staging, folder, relative, force=force)
        _sync_folder(folder.parent)
    except BaseException as error:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            staging = None
        _remove_folders(created)
        if isinstance(error, OSError):
            raise WriteError(folder, _reason(error)) from error
        raise
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return tuple(files)


def _existing_folder(folder: Path) -> bool:
    """Whether *folder* exists as a folder; refuse anything else there, links included.

    A link is refused like any target that is not what it seems: the files would land
    wherever it leads, which is for the user to say by naming that folder.
    """
    found = _lstat(folder)
    if found is None:
        return False
    if stat.S_ISLNK(found.st_mode):
        raise WriteError(folder, "expected a folder, found a symbolic link; name the folder itself")
    if not stat.S_ISDIR(found.st_mode):
        raise WriteError(folder, f"expected a folder, found {_kind(found.st_mode)}")
    return True


def _make_staging(folder: Path) -> Path:
    for _ in range(_TEMPORARY_TRIES):
        staging = _temporary_name(folder.parent, folder.name)
        try:
            os.mkdir(staging, _NEW_FOLDER_MODE)
        except FileExistsError:
            continue
        return staging
    raise WriteError(folder, "cannot write it: no free temporary name beside it")


# Users import these from their public face; they say so in their __module__.
rehome("cchc.files", FolderWriteError, OutputExistsError, WriteError)
