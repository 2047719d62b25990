"""Hostile corpora, made at test time: special files, links, locked and deep folders, caps.

Each case asserts the exact problem line and the exit code.  Cases that could block (a
named pipe, a device) run the real command in a subprocess with a timeout and a memory
limit, so that a regression fails the test instead of hanging or exhausting the machine.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import cchc.cli._cite
import cchc.files._load
from cchc import bundled_corpus_path
from cchc.cli import main
from cchc.files._reading import ReadError, read_bounded

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo"), reason="named pipes and symbolic links as on POSIX"
)

NOT_REGULAR = "$: expected a regular file, found"
OUTSIDE = "found a symbolic link that leads outside it (not followed)"
FILE_OUTSIDE = f"$: expected a file inside the corpus folder, {OUTSIDE}"
FOLDER_OUTSIDE = f"$: expected a folder inside the corpus folder, {OUTSIDE}"
SECRET = "cchc-test-secret-0123456789-do-not-print"
PLAN = """\
key: kh-1
kind: plan
title: Kế hoạch cải cách hành chính năm 2024
issuer: hn.ubnd
issued: 2024-02-08
period: 2024
"""
TIMEOUT = 60


def run_cli(*argv: str, stdin: int | None = subprocess.DEVNULL) -> tuple[int, str, str]:
    """``python -m cchc ARGV`` in a subprocess that may neither hang nor grow past 1 GiB."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run(
        [sys.executable, "-m", "cchc", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=stdin,
        preexec_fn=limit if sys.platform == "linux" else None,
        env={**os.environ, "TERM": "dumb", "CCHC_LANG": "en"},
        check=False,
        timeout=TIMEOUT,
    )
    return result.returncode, result.stdout, result.stderr


def run(*argv: str) -> tuple[int, str, str]:
    """The command in this process (for cases that cannot block)."""
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv], stdout=out, stderr=err, environ={"TERM": "dumb", "CCHC_LANG": "en"})
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


# -- special files -----------------------------------------------------------------------


def test_a_named_pipe_is_refused_without_waiting(corpus: Path) -> None:
    pipe = corpus / "plan.yaml"
    os.mkfifo(pipe)
    for path in (corpus, pipe):  # in a folder, and named on its own
        assert run_cli("validate", str(path)) == (
            2,
            "",
            f"{pipe}: {NOT_REGULAR} a named pipe (FIFO)\n",
        )


def test_a_unix_socket_is_refused(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)  # a socket's name is short: bind it relative to its folder
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("plan.json")
        assert run_cli("validate", str(corpus)) == (
            2,
            "",
            f"{corpus / 'plan.json'}: {NOT_REGULAR} a socket\n",
        )
    finally:
        server.close()


def test_a_link_to_a_named_pipe_inside_the_corpus_is_refused(corpus: Path) -> None:
    (corpus / "_pipes").mkdir()  # skipped by the walk, reached through the link only
    os.mkfifo(corpus / "_pipes" / "pipe")
    (corpus / "plan.yaml").symlink_to(corpus / "_pipes" / "pipe")
    assert run_cli("validate", str(corpus)) == (
        2,
        "",
        f"{corpus / 'plan.yaml'}: {NOT_REGULAR} a named pipe (FIFO)\n",
    )


def test_a_device_inside_the_corpus_is_refused(corpus: Path) -> None:
    (corpus / "_dev").mkdir()
    try:  # the null device, made where only root may, in a container that allows it
        os.mknod(corpus / "_dev" / "null", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    (corpus / "plan.yaml").symlink_to(corpus / "_dev" / "null")
    assert run_cli("validate", str(corpus)) == (
        2,
        "",
        f"{corpus / 'plan.yaml'}: {NOT_REGULAR} a character device\n",
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_link_to_a_device_is_not_followed(corpus: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = corpus / "plan.yaml"
    link.symlink_to(device)
    for path in (corpus, link):
        assert run_cli("validate", str(path)) == (2, "", f"{link}: {FILE_OUTSIDE}\n")


def test_a_device_named_on_its_own_is_refused() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    assert run_cli("validate", "/dev/zero") == (
        2,
        "",
        f"/dev/zero: {NOT_REGULAR} a character device\n",
    )


# -- links that leave the corpus --------------------------------------------------------


def test_a_link_to_a_secret_outside_is_named_and_nothing_of_it_shown(tmp_path: Path) -> None:
    outside = tmp_path / "home"
    outside.mkdir()
    for name, text in {".env": f"TOKEN={SECRET}\n", "keys.yaml": f"{SECRET}: [\n"}.items():
        (outside / name).write_text(text, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.yaml").symlink_to(outside / ".env")
    (corpus / "keys.yaml").symlink_to(outside / "keys.yaml")
    code, out, err = run("validate", str(corpus))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{corpus / 'keys.yaml'}: {FILE_OUTSIDE}",
        f"{corpus / 'plan.yaml'}: {FILE_OUTSIDE}",
    ]
    # Named on its own, the file's own folder is the corpus folder.
    code, out, err = run("validate", str(corpus / "plan.yaml"))
    assert (code, out, err) == (2, "", f"{corpus / 'plan.yaml'}: {FILE_OUTSIDE}\n")
    for command in ("summary", "graph", "coverage", "calendar"):
        code, out, err = run(command, str(corpus))
        assert code == 2
        assert SECRET not in out + err
        assert "TOKEN" not in out + err


def test_a_linked_folder_outside_the_corpus_is_not_walked(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "plan.yaml").write_text(PLAN, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.yaml").write_text(PLAN.replace("kh-1", "kh-2"), encoding="utf-8")
    (corpus / "more").symlink_to(outside, target_is_directory=True)
    assert run("validate", str(corpus)) == (2, "", f"{corpus / 'more'}: {FOLDER_OUTSIDE}\n")


def test_links_inside_the_corpus_are_followed_under_their_own_name(corpus: Path) -> None:
    (corpus / "_drafts").mkdir()
    (corpus / "_drafts" / "plan.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    (corpus / "drafts").symlink_to(corpus / "_drafts", target_is_directory=True)
    (corpus / "same.yaml").symlink_to(corpus / "_drafts" / "plan.yaml")
    syntax = "line 2, column 1: expected ',' or ']' in YAML, found the end of the file"
    assert run("validate", str(corpus)) == (
        2,
        "",
        f"{corpus / 'drafts' / 'plan.yaml'}: {syntax}\n{corpus / 'same.yaml'}: {syntax}\n",
    )


# -- folders that cannot be read, folders and files that nest deep -----------------------


def test_a_locked_folder_is_an_error(corpus: Path) -> None:
    (corpus / "plan.yaml").write_text(PLAN, encoding="utf-8")
    locked = corpus / "sub"
    locked.mkdir()
    (locked / "other.yaml").write_text(PLAN.replace("kh-1", "kh-2"), encoding="utf-8")
    locked.chmod(0)
    try:
        try:
            os.listdir(locked)
        except PermissionError:
            pass
        else:  # root, or any user allowed to bypass permissions: see the next test
            pytest.skip("this user can list a folder whatever its mode")
        assert run("validate", str(corpus)) == (
            2,
            "",
            f"{locked}: $: cannot read the folder: Permission denied\n",
        )
    finally:
        locked.chmod(0o755)


def _refuse_listing(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Make listing *locked* fail as it does for a user without read permission."""
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_listed_is_an_error(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus / "plan.yaml").write_text(PLAN, encoding="utf-8")
    locked = corpus / "sub"
    locked.mkdir()
    _refuse_listing(monkeypatch, locked)
    assert run("validate", str(corpus)) == (
        2,
        "",
        f"{locked}: $: cannot read the folder: Permission denied\n",
    )


def test_a_corpus_folder_that_cannot_be_listed_is_one_line(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_listing(monkeypatch, corpus)
    assert run("validate", str(corpus)) == (
        2,
        "",
        f"{corpus}: $: cannot read the folder: Permission denied\n",
    )


def test_a_folder_tree_1000_levels_deep(corpus: Path) -> None:
    deepest = corpus
    for _ in range(1000):
        deepest /= "d"
        deepest.mkdir()
    (deepest / "plan.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    try:
        assert run("validate", str(corpus)) == (
            2,
            "",
            f"{deepest / 'plan.yaml'}: line 2, column 1: expected ',' or ']' in YAML, "
            "found the end of the file\n",
        )
    finally:
        # Removed from the bottom up here: shutil.rmtree recurses once per level, and
        # pytest's clean-up of an older base folder would hit the recursion limit.
        (deepest / "plan.yaml").unlink()
        while deepest != corpus:
            deepest.rmdir()
            deepest = deepest.parent


def test_json_500_levels_deep_in_2_kb(corpus: Path) -> None:
    deep = corpus / "deep.json"
    deep.write_text('{"key": ' + "[" * 500 + "]" * 500 + "}", encoding="utf-8")
    assert deep.stat().st_size < 2048
    assert run("validate", str(deep)) == (
        2,
        "",
        f"{deep}: line 1, column 72: expected valid JSON, found nesting deeper than 64 levels\n",
    )


def test_brackets_inside_json_strings_are_not_nesting(corpus: Path) -> None:
    text = corpus / "text.json"
    text.write_text('{"key": "' + "[" * 500 + '\\"{"}', encoding="utf-8")
    _, _, err = run("validate", str(text))
    assert "nesting" not in err
    assert f"{text}: $.kind: a required field is missing\n" in err


# -- caps, counted while reading -------------------------------------------------------


def test_a_plan_file_over_the_cap(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cchc.files._load, "MAX_FILE_BYTES", 1000)
    big = corpus / "big.yaml"
    big.write_text(PLAN + "#" * 2000 + "\n", encoding="utf-8")
    size = big.stat().st_size
    assert run("validate", str(corpus)) == (
        2,
        "",
        f"{big}: $: expected a plan file of at most 1000 bytes, found {size} bytes\n",
    )


def test_a_unit_registry_has_a_cap_of_its_own(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A registry of every unit of the country is a legitimate large file: over the cap
    # of a plan file, it still loads; only the registry's own cap refuses it.
    monkeypatch.setattr(cchc.files._load, "MAX_FILE_BYTES", 1000)
    units = corpus / "units.yaml"
    rows = "".join(f"  - {{code: hn.x{i:04d}, name: Xã {i}, level: commune}}\n" for i in range(40))
    units.write_text("units:\n" + rows, encoding="utf-8")
    assert units.stat().st_size > 1000
    code, out, err = run("validate", str(corpus))
    assert (code, err) == (0, "")
    assert "40 unit(s)" in out
    monkeypatch.setattr(cchc.files._load, "MAX_REGISTRY_BYTES", 1000)
    size = units.stat().st_size
    assert run("validate", str(corpus)) == (
        2,
        "",
        f"{units}: $: expected a unit registry of at most 1000 bytes, found {size} bytes\n",
    )


def test_a_file_over_its_cap_is_refused_before_any_file_is_read(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cchc.files._load, "MAX_FILE_BYTES", 1000)
    big = corpus / "zz-big.yaml"
    big.write_text(PLAN + "#" * 2000 + "\n", encoding="utf-8")
    (corpus / "bad.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    read: list[Path] = []
    real = cchc.files._load._load_file

    def load_file(path: Path, *rest: Any) -> Any:
        read.append(path)
        return real(path, *rest)

    monkeypatch.setattr(cchc.files._load, "_load_file", load_file)
    code, _, err = run("validate", str(corpus))
    assert (code, read) == (2, [])
    message = f"expected a plan file of at most 1000 bytes, found {big.stat().st_size} bytes"
    assert err == f"{big}: $: {message}\n"


def _growing_reads(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[int]:
    """Make *path* grow by 10 kB the first time it is read, after its size was looked at."""
    real_read = os.read
    asked: list[int] = []

    def read(handle: int, size: int) -> bytes:
        if not asked:
            with path.open("ab") as stream:
                stream.write(b"#" * 10_000)
        asked.append(size)
        return real_read(handle, size)

    monkeypatch.setattr(os, "read", read)
    return asked


def test_a_plan_file_growing_past_the_cap_while_read(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grows = corpus / "grows.yaml"
    grows.write_text(PLAN, encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(cchc.files._load, "MAX_FILE_BYTES", 1000)
        asked = _growing_reads(patch, grows)
        result = run("validate", str(corpus))
    message = "expected a plan file of at most 1000 bytes, found more"
    assert result == (2, "", f"{grows}: $: {message}\n")
    assert sum(asked) <= 1001  # never asked for more than the cap and one byte


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="no /proc")
def test_a_file_whose_size_says_nothing_is_capped_while_read() -> None:
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(ReadError) as caught:
        read_bounded("/proc/self/maps", 100)
    assert caught.value.reason == "expected a file of at most 100 bytes, found more"
    assert caught.value.name == "/proc/self/maps"


class _Endless(io.RawIOBase):
    """Standard input that never ends (like ``< /dev/zero``), counting what was taken."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.taken > 50_000_000:  # a regression fails here instead of running forever
            raise OSError("read far past the cap")
        view = memoryview(buffer)
        view[:] = b"x" * len(view)
        self.taken += len(view)
        return len(view)


def test_cite_on_standard_input_over_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cchc.cli._cite, "MAX_TEXT_BYTES", 1000)
    endless = _Endless()
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless), encoding="utf-8")
    )
    assert run("cite", "-") == (
        2,
        "",
        "cchc cite: <stdin>: expected a text of at most 1000 bytes, found more\n",
    )
    assert endless.taken <= 1001 + io.DEFAULT_BUFFER_SIZE


def test_cite_on_a_replaced_text_stdin_over_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cchc.cli._cite, "MAX_TEXT_BYTES", 1000)
    monkeypatch.setattr(sys, "stdin", io.StringIO("ư" * 1000))  # 2,000 bytes in UTF-8
    assert run("cite", "-") == (
        2,
        "",
        "cchc cite: <stdin>: expected a text of at most 1000 bytes, found more\n",
    )


def test_cite_on_a_file_over_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cchc.cli._cite, "MAX_TEXT_BYTES", 1000)
    text = tmp_path / "law.txt"
    text.write_text("Căn cứ " * 300, encoding="utf-8")
    size = text.stat().st_size
    assert run("cite", str(text)) == (
        2,
        "",
        f"cchc cite: {text}: expected a text of at most 1000 bytes, found {size} bytes\n",
    )


def test_cite_refuses_a_named_pipe_and_a_device(tmp_path: Path) -> None:
    pipe = tmp_path / "text.txt"
    os.mkfifo(pipe)
    assert run_cli("cite", str(pipe)) == (
        2,
        "",
        f"cchc cite: {pipe}: expected a regular file, found a named pipe (FIFO)\n",
    )
    if os.path.exists("/dev/zero"):
        assert run_cli("cite", "/dev/zero") == (
            2,
            "",
            "cchc cite: /dev/zero: expected a regular file, found a character device\n",
        )


def test_cite_reads_a_pipe_given_as_standard_input() -> None:
    reader, writer = os.pipe()
    os.write(writer, "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021.".encode())
    os.close(writer)
    try:
        code, out, err = run_cli("cite", "--json", "-", stdin=reader)
    finally:
        os.close(reader)
    assert (code, err) == (0, "")
    assert '"number": "76"' in out


# -- what is quoted of a file that is not a plan ----------------------------------------


def test_a_text_file_named_like_a_plan_is_not_quoted(corpus: Path) -> None:
    (corpus / "notes.yaml").write_text(f"TOKEN={SECRET}\n", encoding="utf-8")
    assert run("validate", str(corpus)) == (
        2,
        "",
        f"{corpus / 'notes.yaml'}: $: expected a mapping of fields, found text\n",
    )


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param(
            "keys.yaml",
            f"{SECRET * 5}: 1\n{SECRET * 5}: 2\n",
            f"line 2, column 1: expected valid YAML, found duplicate key '{SECRET[:35]}...' "
            "(first at line 1)",
            id="yaml-long-duplicate-key",
        ),
        pytest.param(
            "tag.yaml",
            f"key: !{SECRET * 5} x\n",
            f"line 1, column 6: expected valid YAML, found the tag '!{SECRET[:34]}...'; "
            "plan files use no tags but !!str",
            id="yaml-long-tag",
        ),
        pytest.param(
            "keys.json",
            f'{{"{SECRET * 5}": 1, "{SECRET * 5}": 2}}',
            f"$: duplicate key '{SECRET[:35]}...'",
            id="json-long-duplicate-key",
        ),
    ],
)
def test_parse_errors_quote_a_short_excerpt(
    corpus: Path, name: str, text: str, expected: str
) -> None:
    (corpus / name).write_text(text, encoding="utf-8")
    assert run("validate", str(corpus)) == (2, "", f"{corpus / name}: {expected}\n")


# -- reading writes nothing ---------------------------------------------------------------


Snapshot = dict[str, tuple[int, int, int, bool]]


def snapshot(folder: Path) -> Snapshot:
    """Every name under *folder* with its size, modification time, mode and kind."""
    found: Snapshot = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent, name)
            info = path.lstat()
            key = str(path.relative_to(folder))
            found[key] = (info.st_size, info.st_mtime_ns, info.st_mode, path.is_dir())
    info = folder.lstat()
    found["."] = (info.st_size, info.st_mtime_ns, info.st_mode, True)
    return found


READ_ONLY: list[Callable[[Path], list[str]]] = [
    lambda c: ["summary", "--as-of", "2024-03-01", str(c)],
    lambda c: ["summary", "--json", str(c)],
    lambda c: ["validate", str(c)],
    lambda c: ["validate", "--json", str(c)],
    lambda c: ["graph", str(c)],
    lambda c: ["graph", "--format", "dot", str(c)],
    lambda c: ["graph", "--json", str(c)],
    lambda c: ["coverage", str(c)],
    lambda c: ["coverage", "--json", str(c)],
    lambda c: ["calendar", "--from", "2024-01-01", "--to", "2024-12-31", str(c)],
    lambda c: ["calendar", "--json", "--from", "2024-01-01", "--to", "2024-12-31", str(c)],
    lambda c: ["cite", str(c / "text.txt")],
    lambda c: ["cite", "--json", str(c / "text.txt")],
]


def test_no_read_only_command_changes_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_path(), corpus)
    (corpus / "text.txt").write_text(
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.", encoding="utf-8"
    )
    os.mkfifo(corpus / "_pipe")  # never opened: a name the walk skips
    monkeypatch.chdir(corpus)  # a stray relative write would land here too
    before = snapshot(corpus)
    assert len(before) > 10
    for argv in READ_ONLY:
        code, out, err = run(*argv(corpus))
        assert code in (0, 1), (argv(corpus), err)
        assert out
        assert snapshot(corpus) == before, argv(corpus)
