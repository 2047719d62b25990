"""Finding the plan files of a corpus: regular files, symbolic links kept inside, folders.

A corpus is a folder read recursively, in sorted order, skipping hidden and ``_`` names.
A symbolic link is followed only when it stays inside the corpus folder; a folder that
cannot be listed is an error, never skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from cchc.files._record import watched

__all__ = [
    "PLAN_SUFFIXES",
    "UNIT_REGISTRY_STEM",
    "Entry",
    "corpus_files",
    "corpus_root",
    "path_kind",
    "single_file",
]

PLAN_SUFFIXES = (".yaml", ".yml", ".json")
UNIT_REGISTRY_STEM = "units"
"""The name (before the suffix) of a corpus's unit registry: ``units.yaml``."""


@attrs.frozen
class Entry:
    """A plan file found in a corpus, or what was found instead of one."""

    path: Path
    """The name as found under the corpus folder (what problem lines name)."""
    source: Path | None = None
    """The real file, when *path* is a symbolic link that stays inside the corpus."""
    problem: str | None = None
    """Why *path* is not read: a link leading outside, a folder that cannot be listed."""


_OUTSIDE = "found a symbolic link that leads outside it (not followed)"


@attrs.frozen
class _Link:
    """Where a symbolic link leads: a real path inside the corpus, or why it is not followed."""

    target: Path | None
    problem: str | None
    folder: bool


def _resolve_link(link: Path, top: Path) -> _Link:
    """Where *link* really leads, if inside *top*; else why it is not followed.

    Nothing of the target is read, and the problem names only the link: a link to a
    secret outside the corpus must not have any of it echoed in a problem line.
    """
    try:
        real = Path(os.path.realpath(link, strict=True))
    except OSError as error:
        return _Link(None, f"cannot read the file: {error.strerror or error}", folder=False)
    folder = real.is_dir()
    if real != top and not real.is_relative_to(top):
        kind = "a folder" if folder else "a file"
        return _Link(None, f"expected {kind} inside the corpus folder, {_OUTSIDE}", folder)
    return _Link(real, None, folder)


@watched("walk")
def corpus_files(root: Path | str) -> list[Entry]:
    """Plan files below the folder *root*, in sorted order, skipping hidden and ``_`` names.

    The walk is iterative (a tree 1,000 folders deep is fine), visits each folder once
    (symbolic link loops end), follows a symbolic link only when it stays inside *root*,
    and records a folder that cannot be listed instead of skipping it.
    """
    root = Path(root)
    top = Path(os.path.realpath(root))
    seen: set[tuple[int, int]] = set()
    found: list[Entry] = []

    def listing(folder: Path, real: Path) -> list[os.DirEntry[str]] | None:
        try:
            info = os.stat(real)
            if (info.st_dev, info.st_ino) in seen:
                return []
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(real) as scan:
                return sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            problem = f"cannot read the folder: {error.strerror or error}"
            found.append(Entry(folder, problem=problem))
            return None

    # Per open folder: its name as found, its real path and the entries left to visit, so
    # that depth costs a list entry, not a stack frame.
    stack: list[tuple[Path, Path, list[os.DirEntry[str]]]] = []
    entries = listing(root, root)
    if entries is not None:
        stack.append((root, root, entries[::-1]))
    while stack:
        folder, real_folder, pending = stack[-1]
        if not pending:
            stack.pop()
            continue
        entry = pending.pop()
        if entry.name.startswith((".", "_")):
            continue
        path, real = folder / entry.name, real_folder / entry.name
        plan_like = Path(entry.name).suffix.lower() in PLAN_SUFFIXES
        if entry.is_symlink():
            link = _resolve_link(real, top)
            if link.target is not None and link.folder:
                folder_entries = listing(path, link.target)
                if folder_entries is not None:
                    stack.append((path, link.target, folder_entries[::-1]))
            elif plan_like or link.folder:
                found.append(Entry(path, source=link.target, problem=link.problem))
        elif _is_folder(entry):
            folder_entries = listing(path, real)
            if folder_entries is not None:
                stack.append((path, real, folder_entries[::-1]))
        elif plan_like:
            found.append(Entry(path, source=None if real == path else real))
    return found


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


@watched("file")
def single_file(path: Path | str) -> Entry:
    """A plan file named on its own: a symbolic link must stay inside its own folder."""
    path = Path(path)
    if not path.is_symlink():
        return Entry(path)
    link = _resolve_link(path, Path(os.path.realpath(path.parent)))
    return Entry(path, source=link.target, problem=link.problem)


@watched("kind")
def path_kind(path: str | os.PathLike[str]) -> str:
    """What *path* names, following links: ``folder``, ``missing``, or ``other`` (read to tell)."""
    root = Path(path)
    try:
        exists, is_folder = root.exists(), root.is_dir()
    except OSError:
        return "other"  # reading says why it cannot be read
    return "missing" if not exists else "folder" if is_folder else "other"


_ROOT_LEVELS = 64
"""Folders :func:`corpus_root` climbs at most."""


@watched("root")
def corpus_root(path: str | os.PathLike[str]) -> Path | None:
    """The corpus a plan file belongs to: the nearest folder above it holding a registry.

    As git finds ``.git``: from the file's folder upwards, the first folder with a
    ``units.yaml`` (``.yml``, ``.json``) that is a regular file; the search stops at a
    folder holding ``.git`` (the project's edge) and after :data:`_ROOT_LEVELS` folders.
    None when *path* is no regular file or no registry is found.
    """
    start = Path(path)
    try:
        if not start.is_file():
            return None
        folder = start.resolve().parent
    except OSError:
        return None
    for _ in range(_ROOT_LEVELS):
        try:
            if any(
                (folder / f"{UNIT_REGISTRY_STEM}{suffix}").is_file() for suffix in PLAN_SUFFIXES
            ):
                return folder
            if (folder / ".git").exists() or folder.parent == folder:
                return None
        except OSError:
            return None
        folder = folder.parent
    return None
