"""Writing a folder of files: a new folder appears whole, an existing one is added to.

Each file follows the rules of :mod:`cchc.files._write`; a new folder is written under a
temporary name beside it and renamed into place, and into an existing folder every refusal
is found before anything is added, and a failure takes back what was added.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from cchc._faces import rehome
from cchc.files._record import note_write
from cchc.files._write import (
    NEW_FOLDER_MODE,
    TEMPORARY_TRIES,
    WriteError,
    kind_of,
    lstat_or_none,
    make_folders,
    place,
    reason_of,
    refusal_of,
    remove_folders,
    sync_folder,
    temporary_name,
    write_new,
)

__all__ = ["FolderWriteError", "write_tree"]


class FolderWriteError(WriteError):
    """Files of a folder copy were refused; :attr:`errors` has one error for each."""

    def __init__(self, path: str | os.PathLike[str], errors: Iterable[WriteError]) -> None:
        self.errors = tuple(errors)
        super().__init__(path, f"{len(self.errors)} file(s) refused")

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def _relative(folder: Path, name: str) -> PurePosixPath:
    relative = PurePosixPath(name)
    if relative.is_absolute() or not relative.parts or ".." in relative.parts or "\0" in name:
        raise WriteError(folder, f"cannot write {name!r} inside it: expected a relative name")
    if name.endswith("/"):
        # As for write_bytes: the name of a folder, which would be written as a file.
        raise WriteError(folder, f"cannot write {name!r} inside it: expected a file name")
    return relative


def _relatives(folder: Path, files: Mapping[str, bytes]) -> dict[PurePosixPath, bytes]:
    """*files* by their paths inside *folder*; two names of one file are refused.

    ``a`` and ``./a`` (or ``a//b`` and ``a/b``) name the same file: keeping either would
    silently lose what the other holds.
    """
    relative: dict[PurePosixPath, bytes] = {}
    names: dict[PurePosixPath, str] = {}
    for name, data in files.items():
        path = _relative(folder, name)
        if path in names:
            raise WriteError(
                folder, f"cannot write {name!r} inside it: {names[path]!r} names the same file"
            )
        names[path] = name
        relative[path] = data
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
            found = lstat_or_none(current)
            if found is None or stat.S_ISDIR(found.st_mode):
                continue
            if current not in blocked:
                blocked.add(current)
                errors.append(WriteError(current, f"is {kind_of(found.st_mode)}, not a folder"))
            break
        else:
            target = folder.joinpath(*name.parts)
            refusal = refusal_of(target, lstat_or_none(target), force=force)
            if refusal is not None:
                errors.append(refusal)
    return errors


def _stage(staging: Path, files: Mapping[PurePosixPath, bytes]) -> None:
    """Write every file under the fresh folder *staging*."""
    for name, data in files.items():
        path = staging.joinpath(*name.parts)
        for parent in reversed(path.relative_to(staging).parents[:-1]):
            with contextlib.suppress(FileExistsError):
                os.mkdir(staging / parent, NEW_FOLDER_MODE)
        write_new(path, data)


def _claim(staging: Path, folder: Path) -> bool:
    """Move *staging* to the free name *folder* in one step; False if the name was taken."""
    try:
        os.mkdir(folder, NEW_FOLDER_MODE)  # the name is ours only if nothing had it
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
            created.extend(make_folders(target, target.parent))
            new = lstat_or_none(target) is None
            place(staging.joinpath(*name.parts), target, data, force=force, label=target)
            if new:
                added.append(target)
    except BaseException:
        # Files replaced with --force stay replaced; every name added is taken back.
        for path in reversed(added):
            with contextlib.suppress(OSError):
                os.unlink(path)
        remove_folders(created)
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
    note_write()  # a run that writes, or refuses to, depends on more than it read
    text = os.fspath(path)
    if not text or "\0" in text:
        raise WriteError(text.replace("\0", "\\0"), "expected a folder name")
    folder = Path(text)
    relative = _relatives(folder, files)
    created: list[Path] = []
    staging: Path | None = None
    try:
        found = _existing_folder(folder)
        if found:
            refusals = _folder_refusals(folder, relative, force=force)
            if refusals:
                raise FolderWriteError(folder, refusals)
        created = make_folders(folder, folder.parent)
        staging = _make_staging(folder)
        _stage(staging, relative)
        if not found and _claim(staging, folder):
            staging = None
        else:
            _merge(staging, folder, relative, force=force)
        sync_folder(folder.parent)
    except BaseException as error:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            staging = None
        remove_folders(created)
        if isinstance(error, OSError):
            raise WriteError(folder, reason_of(error)) from error
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
    found = lstat_or_none(folder)
    if found is None:
        return False
    if stat.S_ISLNK(found.st_mode):
        raise WriteError(folder, "expected a folder, found a symbolic link; name the folder itself")
    if not stat.S_ISDIR(found.st_mode):
        raise WriteError(folder, f"expected a folder, found {kind_of(found.st_mode)}")
    return True


def _make_staging(folder: Path) -> Path:
    for _ in range(TEMPORARY_TRIES):
        staging = temporary_name(folder.parent, folder.name)
        try:
            os.mkdir(staging, NEW_FOLDER_MODE)
        except FileExistsError:
            continue
        return staging
    raise WriteError(folder, "cannot write it: no free temporary name beside it")


# Users import these from their public face; they say so in their __module__.
rehome("cchc.files", FolderWriteError)
