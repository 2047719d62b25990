"""The output cache: a second run on unchanged files prints the same, and any change is seen.

Each test gives the cache a folder of its own (``CCHC_CACHE_DIR``); the rest of the suite
runs with it off (tests/conftest.py).  That a run was served from the cache is shown by
the command's own code being replaced by one that fails: only kept output can then print.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cchc.cli import _validate as validate_command
from cchc.cli import main
from cchc.cli._entry import DIGEST_SIZE, pack, unpack, unpack_output
from cchc.files._load import bundled_corpus_path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the bundled corpus, to edit."""
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_path(), folder)
    return folder


def _environ(cache: Path) -> dict[str, str]:
    return {"CCHC_CACHE_DIR": str(cache), "COLUMNS": "100"}


def run(cache: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ=_environ(cache))
    return code, out.getvalue(), err.getvalue()


def _entries(cache: Path) -> list[Path]:
    folder = cache / "output-2"
    return sorted(folder.iterdir()) if folder.exists() else []


def _broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``validate`` fail if it runs at all: what it prints then comes from the cache."""

    def fail(*_: object) -> int:
        raise AssertionError("validate ran: the kept output was not used")

    monkeypatch.setattr(validate_command, "execute", fail)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_second_run_prints_the_kept_output(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = run(cache, "validate", str(corpus))
    assert first[0] == 0
    assert "warning" in first[2]  # the bundled corpus has warnings: stderr is kept too
    assert len(_entries(cache)) == 1
    _broken(monkeypatch)
    assert run(cache, "validate", str(corpus)) == first


@pytest.mark.parametrize(
    "argv",
    [
        ("summary",),
        ("coverage", "--json"),
        ("calendar", "--as-of", "2024-06-01", "--from", "2024-06-01", "--to", "2024-07-31"),
        ("progress", "--as-of", "2024-06-01", "--json"),
        ("graph",),
    ],
)
def test_every_cached_command_gives_the_same_output_again(
    corpus: Path, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    cache = tmp_path / "cache"
    command, *rest = argv
    fresh = run(tmp_path / "unused", command, "--no-cache", *rest, str(corpus))
    first = run(cache, command, *rest, str(corpus))
    second = run(cache, command, *rest, str(corpus))
    assert first == fresh
    assert second == fresh
    assert len(_entries(cache)) == 1


def _a_plan(corpus: Path) -> Path:
    return next(p for p in sorted(corpus.rglob("*.yaml")) if p.stem != "units")


@pytest.mark.parametrize("change", ["edit", "add", "remove", "touch-only"])
def test_a_changed_corpus_is_worked_out_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    cache = tmp_path / "cache"
    first = run(cache, "validate", str(corpus))
    plan = _a_plan(corpus)
    if change == "edit":
        plan.write_text(plan.read_text(encoding="utf-8") + "bogus_field: 1\n", encoding="utf-8")
    elif change == "add":
        (corpus / "extra.yaml").write_text("key: x\n", encoding="utf-8")
    elif change == "remove":
        plan.unlink()
    else:
        os.utime(plan, ns=(1, 1))  # the same bytes: the kept output is still true
    if change == "touch-only":
        _broken(monkeypatch)
        assert run(cache, "validate", str(corpus)) == first
        return
    again = run(cache, "validate", str(corpus))
    assert again == run(tmp_path / "other", "validate", "--no-cache", str(corpus))
    assert again != first


def test_no_cache_and_its_variable_run_the_command(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    run(cache, "validate", str(corpus))
    calls: list[int] = []
    real = validate_command.execute

    def counted(*args: object) -> int:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(validate_command, "execute", counted)
    run(cache, "validate", "--no-cache", str(corpus))
    run(cache, "--no-cache", "validate", str(corpus))
    out, err = io.StringIO(), io.StringIO()
    environ = {**_environ(cache), "CCHC_NO_CACHE": "1"}
    main(["validate", str(corpus)], stdout=out, stderr=err, environ=environ)
    assert len(calls) == 3


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
def test_a_damaged_entry_is_ignored_and_replaced(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    cache = tmp_path / "cache"
    first = run(cache, "validate", str(corpus))
    (entry,) = _entries(cache)
    data = bytearray(entry.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "empty":
        data = bytearray()
    else:
        data = bytearray(b"\x80garbage" * 100)
    entry.write_bytes(bytes(data))
    assert run(cache, "validate", str(corpus)) == first  # worked out again, and kept again
    _broken(monkeypatch)
    assert run(cache, "validate", str(corpus)) == first


def test_an_entry_whose_output_was_altered_is_not_shown(corpus: Path, tmp_path: Path) -> None:
    """Output changed in an entry, even with its lengths kept, fails the entry's digest."""
    cache = tmp_path / "cache"
    first = run(cache, "validate", str(corpus))
    (entry,) = _entries(cache)
    data = bytearray(entry.read_bytes())
    data[-DIGEST_SIZE - 3] ^= 0x20  # a byte of the output (compressed), lengths kept
    entry.write_bytes(bytes(data))
    assert run(cache, "validate", str(corpus)) == first


def test_an_entry_whose_output_unpacks_to_other_sizes_is_not_shown(
    corpus: Path, tmp_path: Path
) -> None:
    """A whole, digested entry whose streams unpack to more or less than it says is no entry."""
    cache = tmp_path / "cache"
    first = run(cache, "validate", str(corpus))
    (entry,) = _entries(cache)
    unpacked = unpack(entry.read_bytes())
    assert unpacked is not None
    header, body = unpacked
    kept = unpack_output(header, body)
    assert kept is not None
    assert (kept.code, kept.stdout.decode(), kept.stderr.decode()) == first
    # The entry is kept compressed: far smaller than the output it holds.
    assert len(body) < len(kept.stdout) + len(kept.stderr)
    for size in (header["stdout"] - 1, header["stdout"] + 1, 10**12):
        entry.write_bytes(pack({**header, "stdout": size}, *_split(header, body)))
        assert unpack_output(*_whole(entry)) is None
        assert run(cache, "validate", str(corpus)) == first


def _split(header: dict[str, Any], body: bytes) -> tuple[bytes, bytes]:
    cut = header["packed"][0]
    return body[:cut], body[cut:]


def _whole(entry: Path) -> tuple[dict[str, Any], bytes]:
    unpacked = unpack(entry.read_bytes())
    assert unpacked is not None
    return unpacked


def test_a_cache_inside_the_corpus_is_not_written(corpus: Path, tmp_path: Path) -> None:
    before = _snapshot(corpus)
    cache = corpus / "cache"  # a name cchc reads: it must never appear there
    first = run(cache, "validate", str(corpus))
    assert first[0] == 0
    assert _snapshot(corpus) == before
    assert not cache.exists() or not _entries(cache)


def test_read_only_commands_write_nothing_in_the_corpus(corpus: Path, tmp_path: Path) -> None:
    before = _snapshot(corpus)
    for argv in (("validate",), ("summary",), ("coverage", "--json"), ("progress",)):
        run(tmp_path / "cache", argv[0], *argv[1:], str(corpus))
        run(tmp_path / "cache", argv[0], *argv[1:], str(corpus))
    assert _snapshot(corpus) == before


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_used(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / "output-2").mkdir(parents=True)
    (cache / "output-2").chmod(0o777)
    first = run(cache, "validate", str(corpus))
    assert first[0] == 0
    assert _entries(cache) == []


def test_a_run_that_writes_a_file_is_not_kept(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    ics = tmp_path / "out.ics"
    argv = ("calendar", "--as-of", "2024-06-01", "--ics", str(ics), str(corpus))
    code = run(cache, *argv)[0]
    assert code in (0, 1)  # 1: some deadlines are overdue on the day asked about
    assert ics.exists()
    ics.unlink()
    assert run(cache, *argv)[0] == code
    assert ics.exists()  # written again: the first run's output was not replayed
    assert _entries(cache) == []


def test_a_refusal_to_overwrite_is_not_kept(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    ics = tmp_path / "out.ics"
    ics.write_text("mine\n", encoding="utf-8")
    argv = ("calendar", "--as-of", "2024-06-01", "--ics", str(ics), str(corpus))
    assert run(cache, *argv)[0] == 2
    ics.unlink()
    assert run(cache, *argv)[0] in (0, 1)
    assert ics.exists()


def test_a_single_file_is_looked_at_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plan = tmp_path / "plan.yaml"
    plan.write_text("key: a\ntitle: T\nissuer: x\n", encoding="utf-8")
    first = run(cache, "validate", str(plan))
    plan.write_text("key: a\n", encoding="utf-8")
    second = run(cache, "validate", str(plan))
    assert second == run(tmp_path / "other", "validate", "--no-cache", str(plan))
    assert second != first


def test_concurrent_runs_agree_and_leave_a_sound_entry(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    environ = {
        **{k: v for k, v in os.environ.items() if k != "CCHC_NO_CACHE"},
        "CCHC_CACHE_DIR": str(cache),
    }
    argv = [sys.executable, "-m", "cchc", "coverage", "--json", str(corpus)]
    running = [
        subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ)
        for _ in range(4)
    ]
    outputs = [process.communicate() for process in running]
    assert all(process.returncode == running[0].returncode for process in running)
    assert len({out for out, _ in outputs}) == 1
    again = subprocess.run(argv, capture_output=True, env=environ, check=False)
    assert again.stdout == outputs[0][0]
    assert [p.name for p in _entries(cache) if p.name.endswith(".tmp")] == []


def test_entries_are_private_to_their_user(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run(cache, "validate", str(corpus))
    (entry,) = _entries(cache)
    if hasattr(os, "geteuid"):
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600
        assert stat.S_IMODE((cache / "output-2").stat().st_mode) == 0o700


def test_diff_sees_a_change_in_either_file(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old = _a_plan(corpus)
    new = tmp_path / "new.yaml"
    new.write_bytes(old.read_bytes())
    same = run(cache, "diff", str(old), str(new))
    assert same[0] == 0
    assert run(cache, "diff", str(old), str(new)) == same
    text = new.read_text(encoding="utf-8")
    new.write_text(text.replace("title:", "title: Dự thảo", 1), encoding="utf-8")
    changed = run(cache, "diff", str(old), str(new))
    assert changed == run(tmp_path / "other", "diff", "--no-cache", str(old), str(new))
    assert changed[0] == 1


@pytest.mark.parametrize("command", ["coverage", "progress"])
def test_json_written_to_a_real_stream_is_kept_and_shown_again(
    corpus: Path, tmp_path: Path, command: str
) -> None:
    # In a process of its own, --json goes to the binary buffer of standard output, the
    # cache's recording of it included, as pieces (cchc.files._json.encode_document).
    cache = tmp_path / "cache"
    argv = [sys.executable, "-m", "cchc", command, "--json", "--as-of", "2024-06-01", str(corpus)]
    env = {**os.environ, "CCHC_CACHE_DIR": str(cache)}
    env.pop("CCHC_NO_CACHE", None)
    runs = [
        subprocess.run(argv, capture_output=True, check=False, env=env, timeout=120)
        for _ in range(2)
    ]
    fresh = subprocess.run([*argv, "--no-cache"], capture_output=True, check=False, timeout=120)
    for done in runs:
        assert (done.returncode, done.stdout, done.stderr) == (
            fresh.returncode,
            fresh.stdout,
            fresh.stderr,
        )
    assert json.loads(fresh.stdout)
    assert len(_entries(cache)) == 1
