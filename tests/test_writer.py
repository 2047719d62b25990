"""The one writer: atomic, never clobbering, only regular files replaced, umask modes.

Every writer of cchc (``dump_plan``/``derive -o``, ``write_ics``/``calendar --ics``,
``examples DIR``) is run against the same targets: existing files, folders, symbolic
links, FIFOs, sockets and devices made at test time, a full disk, a refused permission,
an interrupt and a concurrent writer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import io
import os
import shutil
import signal
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import pytest

from cchc import bundled_corpus_path, dump_plan, dumps_plan, load_plan, write_ics
from cchc.calendar._ics import to_ics
from cchc.cli import main
from cchc.files._tree import FolderWriteError, write_tree
from cchc.files._write import (
    OutputExistsError,
    WriteError,
    check_target,
    write_bytes,
    write_text,
)

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file types")

AS_OF = dt.date(2024, 3, 1)
PLAN_FILE = bundled_corpus_path() / "hanoi" / "kh-54-2024.yaml"
PLAN = load_plan(PLAN_FILE)
CORPUS = bundled_corpus_path()
EXAMPLES = {
    p.relative_to(CORPUS).as_posix(): p.read_bytes()
    for p in sorted(CORPUS.rglob("*"))
    if p.is_file() and "__pycache__" not in p.parts
}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

Writer = Callable[[Path | str, bool], Path]


def _bytes(path: Path | str, force: bool) -> Path:
    return write_bytes(path, b"new\n", force=force)


def _plan(path: Path | str, force: bool) -> Path:
    return dump_plan(PLAN, path, force=force)


def _ics(path: Path | str, force: bool) -> Path:
    return write_ics(path, (), as_of=AS_OF, force=force)


WRITERS: dict[str, Writer] = {"bytes": _bytes, "plan": _plan, "ics": _ics}
EXPECTED: dict[str, bytes] = {
    "bytes": b"new\n",
    "plan": dumps_plan(PLAN).encode("utf-8"),
    "ics": to_ics((), as_of=AS_OF),
}


CALENDAR = (
    *("calendar", "--plan", "hn-kh-54-2024", "--as-of", "2024-03-01"),
    *("--from", "2024-03-01", "--to", "2024-03-31"),
)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={})
    return code, out.getvalue(), err.getvalue()


def derive_to(target: Path | str, *, corpus: Path | None = None) -> list[str]:
    where = [] if corpus is None else [str(corpus)]
    return ["derive", "hn-kh-54-2024", "--unit", "UBND quận Ba Đình", *where, "-o", str(target)]


def cli_derive(target: Path | str, *extra: str) -> tuple[int, str, str]:
    return cli(*derive_to(target), *extra)


def cli_ics(target: Path | str, *extra: str) -> tuple[int, str, str]:
    return cli(*CALENDAR, "--ics", str(target), *extra)


def leftovers(folder: Path) -> list[str]:
    """Temporary files or folders the writer left anywhere under *folder*."""
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob(".*")
        if p.name.endswith(".tmp") or ".tmp" in p.name
    )


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every entry under *folder* (links not followed): type, mode bits and content."""
    entries: dict[str, tuple[int, int, bytes]] = {}
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(root, name)
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode):
                content = path.read_bytes()
            elif stat.S_ISLNK(info.st_mode):
                content = os.readlink(path).encode()
            else:
                content = b""
            entries[str(path.relative_to(folder))] = (
                stat.S_IFMT(info.st_mode),
                stat.S_IMODE(info.st_mode),
                content,
            )
    return entries


class BlockedError(Exception):
    """A write blocked, as one that opens a FIFO does; not an OSError, so never wrapped."""


@contextlib.contextmanager
def deadline(seconds: float = 5.0) -> Iterator[None]:
    """Fail instead of hanging when a regression opens a FIFO for writing."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise BlockedError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test."""
    original = os.umask(0o022)

    def set_(mask: int) -> None:
        os.umask(mask)

    yield set_
    os.umask(original)


@pytest.fixture
def one_plan_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(PLAN_FILE, folder / PLAN_FILE.name)
    return folder


# -- targets that are not regular files ------------------------------------------------


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


def _make_folder(path: Path) -> None:
    path.mkdir()


def _make_link_to_file(path: Path) -> None:
    (path.parent / "theirs.txt").write_bytes(b"theirs\n")
    path.symlink_to("theirs.txt")


def _make_dangling_link(path: Path) -> None:
    path.symlink_to("nowhere.txt")


def _make_link_to_folder(path: Path) -> None:
    (path.parent / "their-folder").mkdir()
    path.symlink_to("their-folder")


def _make_device(path: Path) -> None:
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the numbers of /dev/null


@contextlib.contextmanager
def _socket_at(path: Path) -> Iterator[None]:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    cwd = Path.cwd()
    os.chdir(path.parent)  # a socket address is short: bind the bare name
    try:
        server.bind(path.name)
    finally:
        os.chdir(cwd)
    try:
        yield
    finally:
        server.close()


SPECIAL = {
    "fifo": (_make_fifo, "is a FIFO (named pipe), not a regular file"),
    "folder": (_make_folder, "is a folder"),
    "link-to-file": (_make_link_to_file, "is a symbolic link, not a regular file"),
    "dangling-link": (_make_dangling_link, "is a symbolic link, not a regular file"),
    "link-to-folder": (_make_link_to_folder, "is a symbolic link, not a regular file"),
    "device": (_make_device, "is a character device, not a regular file"),
    "socket": (None, "is a socket, not a regular file"),
}


@contextlib.contextmanager
def special(kind: str, path: Path) -> Iterator[None]:
    if kind == "device" and not IS_ROOT:
        pytest.skip("making a device node needs root")
    if kind == "socket":
        with _socket_at(path):
            yield
        return
    make = SPECIAL[kind][0]
    assert make is not None
    make(path)
    yield


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("kind", list(SPECIAL))
@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_target_that_is_not_a_regular_file_is_refused(
    tmp_path: Path, writer: str, kind: str, force: bool
) -> None:
    target = tmp_path / "out"
    with special(kind, target):
        before = snapshot(tmp_path)
        with deadline(), pytest.raises(WriteError) as caught:
            WRITERS[writer](target, force)
        assert snapshot(tmp_path) == before
    assert str(caught.value).startswith(f"{target}: {SPECIAL[kind][1]}")
    assert not isinstance(caught.value, OutputExistsError)  # --force would not help
    assert caught.value.path == target
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["fifo", "socket", "device", "link-to-file", "folder"])
@pytest.mark.parametrize("command", ["derive", "ics", "xlsx"])
def test_the_cli_refuses_special_targets_even_with_force(
    tmp_path: Path, one_plan_corpus: Path, kind: str, command: str
) -> None:
    target = tmp_path / "out"
    with special(kind, target):
        before = snapshot(tmp_path)
        with deadline():
            if command == "derive":
                code, _, err = cli(*derive_to(target, corpus=one_plan_corpus), "--force")
            elif command == "xlsx":
                progress = ("progress", str(one_plan_corpus), "--as-of", "2024-03-01")
                code, _, err = cli(*progress, "--xlsx", str(target), "--force")
            else:
                code, _, err = cli_ics(target, str(one_plan_corpus), "--force")
        assert snapshot(tmp_path) == before
    assert code == 2
    assert f"{target}: {SPECIAL[kind][1]}" in err
    assert len(err.splitlines()) == 1
    assert leftovers(tmp_path) == []


# -- no clobbering without --force -----------------------------------------------------


@pytest.mark.parametrize("writer", list(WRITERS))
def test_an_existing_file_is_kept_without_force(tmp_path: Path, writer: str) -> None:
    target = tmp_path / "out.yaml"
    target.write_bytes(b"mine\n")
    with pytest.raises(OutputExistsError) as caught:
        WRITERS[writer](target, False)
    assert target.read_bytes() == b"mine\n"
    assert str(caught.value) == f"{target}: the file exists; pass --force to overwrite it"
    assert leftovers(tmp_path) == []


def _no_links(source: object, destination: object) -> None:
    raise OSError(errno.EPERM, os.strerror(errno.EPERM))  # as on FAT or some shares


@pytest.mark.parametrize("links", [True, False], ids=["link", "no-link"])
@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_file_that_appears_while_writing_is_kept(
    tmp_path: Path, writer: str, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    # The name is taken between the writer's first look and its placing the file, as
    # by a concurrent run: the file that won must survive, whatever was checked before.
    if not links:
        monkeypatch.setattr(os, "link", _no_links)
    target = tmp_path / "out.yaml"
    real_fsync = os.fsync

    def racing_fsync(descriptor: int) -> None:
        if not target.exists():
            target.write_bytes(b"theirs\n")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", racing_fsync)
    with pytest.raises(OutputExistsError, match="pass --force"):
        WRITERS[writer](target, False)
    assert target.read_bytes() == b"theirs\n"
    assert leftovers(tmp_path) == []


def test_a_fifo_that_appears_while_forcing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.yaml"
    real_fsync = os.fsync

    def racing_fsync(descriptor: int) -> None:
        if not os.path.lexists(target):
            os.mkfifo(target)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", racing_fsync)
    with deadline(), pytest.raises(WriteError, match="is a FIFO"):
        write_bytes(target, b"new\n", force=True)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert leftovers(tmp_path) == []


def race(monkeypatch: pytest.MonkeyPatch, action: Callable[[], object]) -> list[object]:
    """Run *action* in two threads, each held at its first fsync until both reach it.

    The writer syncs the written bytes after its checks and before it names the file, so
    both runs have passed every check before either places its file.
    """
    real_fsync = os.fsync
    barrier = threading.Barrier(2, timeout=30)
    state = threading.local()

    def held_fsync(descriptor: int) -> None:
        if not getattr(state, "held", False):
            state.held = True
            barrier.wait()
        real_fsync(descriptor)

    results: list[object] = []

    def run() -> None:
        try:
            results.append(action())
        except BaseException as error:  # reported by the caller's assertions
            results.append(error)

    monkeypatch.setattr(os, "fsync", held_fsync)
    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    monkeypatch.setattr(os, "fsync", real_fsync)
    return results


def test_two_concurrent_derive_runs_never_both_write(
    tmp_path: Path, one_plan_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for attempt in range(20):
        target = tmp_path / f"child-{attempt}.yaml"
        results = race(
            monkeypatch, functools.partial(cli, *derive_to(target, corpus=one_plan_corpus))
        )
        codes = sorted(result[0] for result in results if isinstance(result, tuple))
        assert codes == [0, 2], results
        [loser] = [r[2] for r in results if isinstance(r, tuple) and r[0] == 2]
        assert loser == f"derive: {target}: the file exists; pass --force to overwrite it\n"
        assert load_plan(target).key.endswith("kh-2024")
    assert leftovers(tmp_path) == []


def test_without_hard_links_a_new_file_is_still_taken_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: Callable[[int], None]
) -> None:
    monkeypatch.setattr(os, "link", _no_links)
    umask(0o022)
    target = tmp_path / "out.ics"
    assert _ics(target, False) == target
    assert target.read_bytes() == EXPECTED["ics"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    with pytest.raises(OutputExistsError):
        _ics(target, False)
    assert target.read_bytes() == EXPECTED["ics"]
    assert leftovers(tmp_path) == []


# -- --force replaces regular files only, keeping their mode ---------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
@pytest.mark.parametrize("writer", list(WRITERS))
def test_force_replaces_a_regular_file_and_keeps_its_mode(
    tmp_path: Path, writer: str, mode: int
) -> None:
    target = tmp_path / "out"
    target.write_bytes(b"old\n")
    target.chmod(mode)
    assert WRITERS[writer](target, True) == target
    assert target.read_bytes() == EXPECTED[writer]
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert leftovers(tmp_path) == []


def test_force_through_the_cli_keeps_the_mode(tmp_path: Path, one_plan_corpus: Path) -> None:
    target = tmp_path / "child.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    code, _, err = cli(*derive_to(target, corpus=one_plan_corpus), "--force")
    assert code == 0, err
    assert load_plan(target).key.endswith("kh-2024")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


# -- modes of new files and folders ----------------------------------------------------


@pytest.mark.parametrize(
    "modes",
    [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750), (0o002, 0o664, 0o775)],
    ids=["022", "027", "002"],
)
@pytest.mark.parametrize("writer", list(WRITERS))
def test_new_files_and_folders_get_the_umask_mode(
    tmp_path: Path, umask: Callable[[int], None], writer: str, modes: tuple[int, int, int]
) -> None:
    mask, file_mode, folder_mode = modes
    umask(mask)
    target = tmp_path / "new" / "out"
    WRITERS[writer](target, False)
    assert stat.S_IMODE(target.stat().st_mode) == file_mode
    assert stat.S_IMODE(target.parent.stat().st_mode) == folder_mode


def test_the_copied_examples_get_the_umask_mode(
    tmp_path: Path, umask: Callable[[int], None]
) -> None:
    umask(0o027)
    target = tmp_path / "deep" / "vidu"
    code, _, err = cli("examples", str(target))
    assert code == 0, err
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o750
    modes = {
        p.relative_to(target).as_posix(): stat.S_IMODE(p.stat().st_mode)
        for p in [target, *target.rglob("*")]
    }
    assert modes["."] == 0o750
    assert {m for n, m in modes.items() if (target / n).is_dir()} == {0o750}
    assert {m for n, m in modes.items() if (target / n).is_file()} == {0o640}
    assert files_under(target) == EXAMPLES
    assert leftovers(tmp_path) == []


# -- folders as targets, missing folders -----------------------------------------------


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_trailing_slash_is_a_folder(tmp_path: Path, writer: str) -> None:
    name = f"{tmp_path / 'out'}/"
    with pytest.raises(WriteError) as caught:
        WRITERS[writer](name, True)
    assert (
        str(caught.value)
        == f"{name}: is a folder (the name ends with a slash); expected a file name"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [cli_derive, cli_ics])
def test_the_cli_says_a_trailing_slash_or_a_folder_is_a_folder(
    tmp_path: Path, command: Callable[..., tuple[int, str, str]]
) -> None:
    code, _, err = command(f"{tmp_path / 'new'}/")
    assert code == 2
    assert "new/: is a folder" in err
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "there").mkdir()
    code, _, err = command(str(tmp_path / "there"), "--force")
    assert code == 2
    assert f"{tmp_path / 'there'}: is a folder; expected a file name" in err
    assert list((tmp_path / "there").iterdir()) == []


@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_writer_creates_missing_folders(tmp_path: Path, writer: str) -> None:
    target = tmp_path / "a" / "b" / "out"
    assert WRITERS[writer](target, False) == target
    assert target.read_bytes() == EXPECTED[writer]


def test_examples_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "vidu"
    code, out, err = cli("examples", str(target), "--lang", "en")
    assert (code, err) == (0, "")
    assert out == f"{len(EXAMPLES)} file(s) copied to {target}\n"


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_file_in_place_of_a_folder_is_a_clear_error(tmp_path: Path, writer: str) -> None:
    (tmp_path / "a").write_bytes(b"")
    target = tmp_path / "a" / "b" / "out"
    with pytest.raises(WriteError) as caught:
        WRITERS[writer](target, False)
    assert (
        str(caught.value) == f"{target}: cannot create its folder: {tmp_path / 'a'} is not a folder"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        pytest.param(
            {"a": b"1", "./a": b"2"}, "'./a' inside it: 'a' names the same file", id="dot"
        ),
        pytest.param(
            {"d/a": b"1", "d//a": b""}, "'d//a' inside it: 'd/a' names the same file", id="slashes"
        ),
        pytest.param({"a": b"1", "a/": b""}, "'a/' inside it: expected a file name", id="folder"),
        pytest.param({"../a": b""}, "'../a' inside it: expected a relative name", id="up"),
    ],
)
def test_a_folder_copy_refuses_names_that_are_not_one_file_each(
    tmp_path: Path, files: dict[str, bytes], reason: str
) -> None:
    target = tmp_path / "copy"
    with pytest.raises(WriteError) as caught:
        write_tree(target, files)
    assert str(caught.value) == f"{target}: cannot write {reason}"
    assert list(tmp_path.iterdir()) == []


def test_an_empty_or_nul_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="expected a file name"):
        write_bytes("", b"")
    with pytest.raises(WriteError, match="without NUL"):
        write_bytes(f"{tmp_path}/a\0b", b"")
    assert list(tmp_path.iterdir()) == []


# -- failures leave nothing behind -----------------------------------------------------


def _full_disk(monkeypatch: pytest.MonkeyPatch, after: int = 0) -> None:
    """Make os.write fail with ENOSPC once *after* writes have gone through."""
    real_write = os.write
    calls = {"n": 0}

    def write(descriptor: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] > after:
            real_write(descriptor, bytes(data[:7]))  # part of it reaches the disk
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("links", [True, False], ids=["link", "no-link"])
@pytest.mark.parametrize("existing", [False, True], ids=["new", "replace"])
@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_full_disk_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str, existing: bool, links: bool
) -> None:
    target = tmp_path / "new" / "out"
    if existing:
        target.parent.mkdir()
        target.write_bytes(b"old\n")
    if not links:
        monkeypatch.setattr(os, "link", _no_links)
    # Without links a new file is written twice, to the temporary file and then under
    # its name: let the first through so that the second fails.
    _full_disk(monkeypatch, after=0 if links or existing else 1)
    before = snapshot(tmp_path)
    with pytest.raises(WriteError) as caught:
        WRITERS[writer](target, existing)
    assert snapshot(tmp_path) == before
    assert not target.exists() or target.read_bytes() == b"old\n"
    assert str(caught.value) == f"{target}: cannot write it: No space left on device"
    assert leftovers(tmp_path) == []
    if not existing:
        assert list(tmp_path.iterdir()) == []  # the folder made for it is gone too


@pytest.mark.parametrize("writer", list(WRITERS))
def test_an_interrupt_while_writing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    def interrupted(descriptor: int, data: bytes) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        WRITERS[writer](tmp_path / "new" / "out", False)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_derive_exits_130_and_leaves_nothing(
    tmp_path: Path, one_plan_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(descriptor: int, data: bytes) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    code, _, _ = cli(*derive_to(tmp_path / "out" / "child.yaml", corpus=one_plan_corpus))
    assert code == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_refused_permission_names_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    real_open = os.open

    def refused(path: str | Path, flags: int, mode: int = 0o777) -> int:
        if Path(path).parent == tmp_path and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refused)
    target = tmp_path / "out"
    with pytest.raises(WriteError) as caught:
        WRITERS[writer](target, False)
    assert str(caught.value) == f"{target}: cannot write it: Permission denied"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(IS_ROOT, reason="root writes into a read-only folder anyway")
def test_a_read_only_folder_names_the_target(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, err = cli_ics(folder / "x.ics")
    finally:
        folder.chmod(0o755)
    assert code == 2
    assert err == f"calendar: --ics: {folder / 'x.ics'}: cannot write it: Permission denied\n"
    assert list(folder.iterdir()) == []


# -- messages --------------------------------------------------------------------------


def test_messages_name_the_target_and_the_option(
    tmp_path: Path, one_plan_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = tmp_path / "taken.yaml"
    taken.write_bytes(b"mine\n")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    lines: list[str] = []
    for force in (False, True):
        for name in (taken, fifo, tmp_path, f"{tmp_path}/x/"):
            with contextlib.suppress(WriteError):
                check_target(name, force=force)
            for writer in WRITERS.values():
                try:
                    with deadline():
                        writer(name, force)
                except WriteError as error:
                    lines.append(str(error))
    with deadline():
        lines.append(cli(*derive_to(taken, corpus=one_plan_corpus))[2])
        lines.append(cli_ics(taken, str(one_plan_corpus))[2])
        lines.append(cli("examples", str(taken))[2])
        lines.append(cli(*derive_to(fifo, corpus=one_plan_corpus), "--force")[2])
    _full_disk(monkeypatch)
    lines.append(cli(*derive_to(tmp_path / "full.yaml", corpus=one_plan_corpus))[2])
    # 21 refusals from the library (3 writers: the taken file without --force, the FIFO,
    # the folder and the trailing slash both ways) and 5 lines from the command line.
    assert len(lines) == 26
    for line in lines:
        assert str(tmp_path) in line
        assert ".tmp" not in line
        assert "force=True" not in line
    assert sum("pass --force" in line for line in lines) == 5
    assert (
        lines[-1] == f"derive: {tmp_path / 'full.yaml'}: cannot write it: No space left on device\n"
    )


def test_write_text_refuses_text_utf8_cannot_hold(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match=r"expected text UTF-8 can encode, found '\\ud800'"):
        write_text(tmp_path / "x", "a\ud800")
    assert list(tmp_path.iterdir()) == []


# -- examples DIR ----------------------------------------------------------------------


def test_examples_into_an_existing_folder_keeps_the_folder_and_other_files(
    tmp_path: Path,
) -> None:
    target = tmp_path / "vidu"
    target.mkdir()
    target.chmod(0o2770)
    (target / "notes.txt").write_bytes(b"mine\n")
    code, _, err = cli("examples", str(target))
    assert (code, err) == (0, "")
    assert (target / "notes.txt").read_bytes() == b"mine\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o2770
    assert files_under(target) == {**EXAMPLES, "notes.txt": b"mine\n"}


def test_examples_refuses_every_clash_before_copying_anything(tmp_path: Path) -> None:
    target = tmp_path / "vidu"
    (target / "hanoi").mkdir(parents=True)
    (target / "units.yaml").write_bytes(b"mine\n")
    (target / "hanoi" / "kh-54-2024.yaml").write_bytes(b"mine too\n")
    before = snapshot(tmp_path)
    code, _, err = cli("examples", str(target))
    assert code == 2
    assert err.splitlines() == [
        f"{target / 'hanoi' / 'kh-54-2024.yaml'}: the file exists; pass --force to overwrite it",
        f"{target / 'units.yaml'}: the file exists; pass --force to overwrite it",
    ]
    assert snapshot(tmp_path) == before


def test_examples_force_replaces_regular_files_only(tmp_path: Path) -> None:
    target = tmp_path / "vidu"
    (target / "hanoi").mkdir(parents=True)
    (target / "README.md").write_bytes(b"mine\n")
    (target / "README.md").chmod(0o600)
    os.mkfifo(target / "units.yaml")
    (target / "lang-son").write_bytes(b"a file where a folder goes\n")
    before = snapshot(tmp_path)
    with deadline():
        code, _, err = cli("examples", str(target), "--force")
    assert code == 2
    assert err.splitlines() == [
        f"{target / 'lang-son'}: is a file, not a folder",
        f"{target / 'units.yaml'}: is a FIFO (named pipe), not a regular file; "
        "only a regular file is replaced, even with --force",
    ]
    assert snapshot(tmp_path) == before
    os.unlink(target / "units.yaml")
    os.unlink(target / "lang-son")
    code, _, err = cli("examples", str(target), "--force")
    assert (code, err) == (0, "")
    assert (target / "README.md").read_bytes() == EXAMPLES["README.md"]
    assert stat.S_IMODE((target / "README.md").stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("kind", ["file", "fifo", "dangling-link", "link-to-folder"])
def test_examples_into_something_that_is_not_a_folder(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "vidu"
    link = "a symbolic link; name the folder itself"
    found = {"file": "a file", "fifo": "a FIFO (named pipe)"}
    if kind == "file":
        target.write_bytes(b"mine\n")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "dangling-link":
        target.symlink_to("nowhere")
    else:
        (tmp_path / "elsewhere").mkdir()
        target.symlink_to("elsewhere")
    before = snapshot(tmp_path)
    with deadline():
        code, _, err = cli("examples", str(target), "--force")
    assert (code, err) == (2, f"{target}: expected a folder, found {found.get(kind, link)}\n")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("existing", [False, True], ids=["new-folder", "existing-folder"])
@pytest.mark.parametrize("failure", ["full-disk", "interrupt"])
def test_a_failed_examples_copy_leaves_no_half_copied_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool, failure: str
) -> None:
    target = tmp_path / "deep" / "vidu"
    if existing:
        target.mkdir(parents=True)
        (target / "notes.txt").write_bytes(b"mine\n")
    before = snapshot(tmp_path)
    if failure == "full-disk":
        _full_disk(monkeypatch, after=5)
    else:
        real_write = os.write
        calls = {"n": 0}

        def interrupted(descriptor: int, data: bytes) -> int:
            calls["n"] += 1
            if calls["n"] > 5:
                raise KeyboardInterrupt
            return real_write(descriptor, data)

        monkeypatch.setattr(os, "write", interrupted)
    code, _, err = cli("examples", str(target))
    if failure == "full-disk":
        assert (code, err) == (2, f"{target}: cannot write it: No space left on device\n")
    else:
        assert code == 130
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


def test_a_failure_while_adding_to_a_folder_takes_back_what_was_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Staging succeeded; the sixth name is taken meanwhile by another writer.
    target = tmp_path / "vidu"
    target.mkdir()
    (target / "notes.txt").write_bytes(b"mine\n")
    before = snapshot(tmp_path)
    real_link = os.link
    calls = {"n": 0}

    def link(source: str | Path, destination: str | Path) -> None:
        calls["n"] += 1
        if calls["n"] > 5:
            raise FileExistsError(errno.EEXIST, "File exists")
        real_link(source, destination)

    monkeypatch.setattr(os, "link", link)
    with pytest.raises(OutputExistsError):
        write_tree(target, EXAMPLES)
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


def _copy_examples(target: Path) -> str:
    try:
        write_tree(target, EXAMPLES)
    except (FolderWriteError, OutputExistsError):
        return "refused"
    return "copied"


def test_concurrent_examples_copies_never_both_win(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for attempt in range(10):
        target = tmp_path / f"vidu-{attempt}"
        outcomes = race(monkeypatch, functools.partial(_copy_examples, target))
        assert sorted(map(str, outcomes)) in (["copied", "refused"], ["refused", "refused"])
        assert files_under(target) == (EXAMPLES if "copied" in outcomes else {})
    assert leftovers(tmp_path) == []
