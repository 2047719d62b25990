"""Hostile plan files: each gets exit 2 and one clear line, never a traceback."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.cli import main
from cchc.exceptions import CorpusError, Problem, TextPosition
from cchc.files import load_corpus

BAD = Path(__file__).parent / "data" / "bad"

NOT_UTF8 = (
    "expected UTF-8 text, found a byte that is not UTF-8 (legacy Vietnamese encodings such as "
    "TCVN3 or VNI, or Windows-1258, must be converted to UTF-8)"
)

EXPECTED = {
    "yaml-syntax.yaml": "line 3, column 1: expected ',' or ']' in YAML, found the end of the file",
    "tabs.yaml": "line 2, column 1: expected spaces for indentation, found a tab character",
    "duplicate-keys.yaml": "line 10, column 1: expected valid YAML, found duplicate key 'issuer' "
    "(first at line 4)",
    "wrong-types.yaml": "$.period: expected a year (2024), a range of years (2021-2025) or "
    "{start, end} dates, found a list",
    "unknown-field.yaml": "$.signer: unknown field; expected one of: key, kind, title, issuer, "
    "status, ref, place, issued, period, legal_bases, parents, objectives, requirements, tasks, "
    "channels, indicators, units, implementers, expected_children, source, notes, illustrative, "
    "enacts, amends",
    "billion-laughs.yaml": "line 2, column 8: expected valid YAML, found anchors and aliases "
    "(*name) are not allowed in plan files",
    "deep-nesting.yaml": "line 1, column 69: expected valid YAML, found nesting deeper than 64 "
    "levels",
    "empty.yaml": "$: expected a plan (a mapping of fields), found an empty file",
    "whitespace-only.yaml": "$: expected a plan (a mapping of fields), found an empty file",
    "top-level-list.yaml": "$: expected a mapping of fields, found a list",
    "binary-garbage.yaml": "$: expected UTF-8 text, found binary data (NUL bytes)",
    "utf-16.yaml": "$: expected UTF-8 text, found UTF-16 (save the file as UTF-8)",
    "utf-16-be.yaml": "$: expected UTF-8 text, found UTF-16 (save the file as UTF-8)",
    "tcvn3.yaml": f"line 3, column 10: {NOT_UTF8}",
    "vni.yaml": f"line 3, column 11: {NOT_UTF8}",
    "folder-named-like-a-plan.yaml": "$: expected plan files, found none",
}


def validate(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(path)], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_every_bad_file_is_in_the_table() -> None:
    names = {p.name for p in BAD.iterdir() if not p.name.startswith("_")} - {"bom.yaml"}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_one_clear_line(name: str) -> None:
    code, out, err = validate(BAD / name)
    assert code == 2
    assert out == ""
    assert err == f"{BAD / name}: {EXPECTED[name]}\n"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_problem_is_located_by_a_path_or_by_a_text_position(name: str) -> None:
    # A file that could not be parsed is located in its text (line, column); any other
    # problem by a path into its data: each by one typed field, the other left None.
    with pytest.raises(CorpusError) as caught:
        load_corpus(BAD / name)
    (problem,) = caught.value.problems
    shown = EXPECTED[name].split(": ", 1)[0]
    if shown.startswith("line "):
        assert problem.path is None
        assert problem.position is not None
        line, column = (int(part.split()[1]) for part in shown.split(", "))
        assert problem.position == TextPosition(line, column)
    else:
        assert problem.position is None
        assert problem.path == shown
    assert problem.where == shown


def test_a_problem_has_exactly_one_location() -> None:
    for where in ({}, {"path": "$", "position": TextPosition(1, 1)}):
        with pytest.raises(ValueError, match="exactly one"):
            Problem(file=None, message="m", **where)  # type: ignore[arg-type]
    problem = Problem(file="f", position=TextPosition(2, 3), message="m")
    assert str(problem) == "f: line 2, column 3: m"


def test_utf8_bom_is_ignored_with_a_warning() -> None:
    # Windows editors add a UTF-8 byte-order mark; nothing is lost by dropping it.
    code, _, err = validate(BAD / "bom.yaml")
    assert code == 0
    assert err == f"{BAD / 'bom.yaml'}: $: warning: a byte-order mark at the start was ignored\n"


def test_a_50_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    code, _, err = validate(big)
    assert code == 2
    assert err == f"{big}: $: expected a plan file of at most 5 MB, found 50.0 MB\n"


def test_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    code, _, err = validate(tmp_path)
    assert code == 2
    assert err.splitlines() == [
        f"{tmp_path / 'a.yaml'}: $: cannot read the file: Too many levels of symbolic links",
        f"{tmp_path / 'b.yaml'}: $: cannot read the file: Too many levels of symbolic links",
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits are Linux-specific")
def test_whole_bad_corpus_in_bounded_memory() -> None:
    """Every bad file at once, in a process that may not use more than 1 GiB."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run(
        [sys.executable, "-m", "cchc", "validate", str(BAD)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=limit,
        env={**os.environ, "PYTHONWARNDEFAULTENCODING": "1"},
        check=False,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    # Folder-named-like-a-plan holds nothing, so every other file gives its line.
    assert len(result.stderr.splitlines()) == len(EXPECTED) - 1 + 1
