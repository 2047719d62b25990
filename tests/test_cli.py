"""The command line: exit codes, one line a problem, no tracebacks, fast --help."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cchc.cli import main

VALID = """\
key: hn-kh-54-2024
kind: plan
title: Thông tin, tuyên truyền về cải cách hành chính nhà nước năm 2024
issuer: hn.ubnd
ref: 54/KH-UBND
issued: 2024-02-08
period: 2024
units:
  - {code: hn.ubnd, name: UBND Thành phố Hà Nội, level: province}
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_no_command_prints_help_and_is_a_usage_error() -> None:
    code, out, err = run()
    assert code == 2
    assert out == ""
    assert "summary" in err
    assert "validate" in err


def test_the_console_script_is_named_in_its_help_and_takes_dash_v(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from cchc import __version__
    from cchc.cli import main

    assert main(["--help"], prog="cchc") == 0
    assert capsys.readouterr().out.startswith("usage: cchc ")
    assert main(["-V"]) == 0
    assert capsys.readouterr().out.strip() == f"cchc {__version__}"


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run("summary", "--no-such-option")
    assert code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_validate_clean_corpus(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(VALID, encoding="utf-8")
    code, out, err = run("validate", str(tmp_path))
    assert (code, err) == (0, "")
    assert out.startswith("1 plan(s), 1 unit(s): 0 error(s)")


def test_validate_bad_corpus_lists_every_problem(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        VALID.replace("period: 2024", "period: soon"), encoding="utf-8"
    )
    (tmp_path / "b.yaml").write_text("key: [", encoding="utf-8")
    code, out, err = run("validate", str(tmp_path))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tmp_path / 'a.yaml'}: $.period: expected a year")
    assert lines[1].startswith(f"{tmp_path / 'b.yaml'}: line 2, column 1: expected node content")
    assert "Traceback" not in err


def test_summary_shows_the_plan_exactly(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(VALID, encoding="utf-8")
    code, out, _ = run("summary", str(tmp_path), "--lang", "vi")
    assert code == 0
    assert "Kế hoạch 54/KH-UBND" in out
    assert "UBND Thành phố Hà Nội" in out
    assert "08/02/2024" in out


def test_examples_copies_the_bundled_corpus_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    code, out, _ = run("examples", str(target))
    assert code == 0
    copied = sorted(p.relative_to(target) for p in target.rglob("*.yaml"))
    assert copied, out
    code, _, err = run("examples", str(target))
    assert code == 2
    assert "pass --force" in err
    assert run("examples", str(target), "--force")[0] == 0
    assert run("validate", str(target))[0] == 0


def test_help_imports_no_heavy_library() -> None:
    probe = (
        "import sys; from cchc.cli import build_parser; build_parser();"
        "heavy = {'networkx', 'rich', 'pendulum', 'cattrs', 'yaml', 'holidays', 'icalendar',"
        " 'rapidfuzz'} & set(sys.modules); print(sorted(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert result.stdout.strip() == "[]"


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cchc", "--version"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert result.stdout.startswith("cchc 0.")


def test_every_public_name_resolves_and_is_documented() -> None:
    import cchc

    assert cchc.__all__ == sorted(cchc.__all__)
    for name in cchc.__all__:
        value = getattr(cchc, name)
        assert name == "__version__" or value.__doc__, name


def test_an_unknown_cchc_lang_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    from cchc.cli import main

    assert main(["validate"], environ={"CCHC_LANG": "fr"}) == 0
    err = capsys.readouterr().err
    assert "warning: CCHC_LANG='fr' is neither vi nor en; ignored" in err
    assert main(["validate"], environ={"CCHC_LANG": "en_US"}) == 0
    assert "CCHC_LANG" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["calendar", "--unit", "hn-hk.pnx"],
            "calendar: --unit: expected a unit code or name the corpus declares, got "
            "'hn-hk.pnx' (did you mean 'hn-hk.pnv'?)",
        ),
        (
            ["summary", "--plan", "hn-kh-54-2042"],
            "summary: --plan: no plan with key 'hn-kh-54-2042' in the corpus "
            "(did you mean 'hn-kh-54-2024'?)",
        ),
        (
            ["coverage", "--plan", "hn-kh-54-2042"],
            "coverage: --plan: no plan with key 'hn-kh-54-2042' in the corpus "
            "(did you mean 'hn-kh-54-2024'?)",
        ),
        (
            ["calendar", "--plan", "ls-kh-37-2042"],
            "calendar: --plan: no plan with key 'ls-kh-37-2042' in the corpus "
            "(did you mean 'ls-kh-37-2024'?)",
        ),
        (
            ["derive", "hn-kh-54-2042", "--unit", "X"],
            "derive: no plan with key 'hn-kh-54-2042' in the corpus "
            "(did you mean 'hn-kh-54-2024'?)",
        ),
    ],
)
def test_a_typo_is_bad_input_with_what_it_resembles(
    argv: list[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc.cli import main

    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == line


def test_validate_file_reads_it_with_its_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cchc.cli import main

    assert main(["examples", str(tmp_path / "vidu")]) == 0
    capsys.readouterr()
    plan = tmp_path / "vidu" / "illustrative" / "mh-hn-hk-kh-2024.yaml"
    # Read alone, its district and parent are unknown; read with its corpus, it is clean.
    assert main(["validate", str(plan)]) == 0
    captured = capsys.readouterr()
    assert f"read with its corpus {tmp_path / 'vidu'}" in captured.err
    assert captured.out == "1 plan(s) in a corpus of 13, 62 unit(s): 0 error(s), 0 warning(s)\n"
    # Only the file's own problems are shown: a typo in it, none of the others'.
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("lead: [hn-hk.pnv]", "lead: [hn-hk.pnx]", 1),
        encoding="utf-8",
    )
    assert main(["validate", str(plan)]) == 2
    err = capsys.readouterr().err
    assert "(did you mean 'hn-hk.pnv'?)" in err
    assert "gl-hd-83-2021.yaml" not in err


def test_corpus_root_stops_at_the_projects_edge(tmp_path: Path) -> None:
    from cchc.files._walk import corpus_root

    (tmp_path / "units.yaml").write_text("units: []\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "plans").mkdir()
    plan = project / "plans" / "kh.yaml"
    plan.write_text("key: k\n", encoding="utf-8")
    assert corpus_root(plan) is None
    (project / "units.yaml").write_text("units: []\n", encoding="utf-8")
    assert corpus_root(plan) == project.resolve()
    assert corpus_root(project) is None  # a folder is a corpus already


@pytest.mark.parametrize(
    "argv",
    [
        ("validate", "{corpus}"),
        ("summary", "{corpus}", "--as-of", "2024-06-20"),
        ("calendar", "{corpus}", "--as-of", "2024-06-20"),
        ("calendar", "{corpus}", "--as-of", "2024-06-20", "--json"),
        ("coverage", "{corpus}"),
        ("validate", "{corpus}/no-such-folder"),
    ],
)
def test_quiet_prints_nothing_on_stdout_and_keeps_the_exit_code_and_problems(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    corpus = tmp_path / "vidu"
    assert run("examples", str(corpus))[0] == 0
    args = [arg.format(corpus=corpus) for arg in argv]
    code, out, err = run(*args)
    assert out or err
    for quiet in (["-q", *args], [args[0], "--quiet", *args[1:]], [*args, "-q"]):
        assert run(*quiet) == (code, "", err), quiet


def test_quiet_still_writes_the_files_asked_for(tmp_path: Path) -> None:
    corpus = tmp_path / "vidu"
    assert run("examples", str(corpus))[0] == 0
    ics = tmp_path / "lich.ics"
    code, out, _ = run("-q", "calendar", str(corpus), "--as-of", "2024-06-20", "--ics", str(ics))
    assert code in (0, 1)
    assert out == ""
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_a_command_sets_its_corpus_aside_from_the_collector_and_hands_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from cchc._collector import settle_loaded

    (tmp_path / "p.yaml").write_text(VALID, encoding="utf-8")
    seen: list[int] = []
    real = gc.freeze

    def freeze() -> None:
        real()
        seen.append(gc.get_freeze_count())

    monkeypatch.setattr(gc, "freeze", freeze)
    # Outside a command, a program's collector is its own: nothing is set aside.
    settle_loaded()
    assert seen == []
    assert gc.get_freeze_count() == 0
    code, _, _ = run("validate", str(tmp_path))
    assert code == 0
    assert seen  # the loaded corpus, then what each paused block made, were set aside
    assert seen[0] > 0
    assert gc.get_freeze_count() == 0  # and handed back when the command ended


def test_what_a_paused_block_made_is_not_walked_when_the_collector_resumes() -> None:
    import gc

    from cchc._collector import collector_paused, command_run

    with collector_paused():
        made = [[index] for index in range(1000)]
    # Outside a command, what the block made goes to the oldest generation unwalked (as
    # two passes would have moved it), and nothing stays set aside.
    assert gc.get_freeze_count() == 0
    assert any(value is made for value in gc.get_objects(generation=2))
    # A program that set values aside itself keeps them so, and its generations too.
    gc.freeze()
    frozen = gc.get_freeze_count()
    try:
        with collector_paused():
            again = [[index] for index in range(1000)]
        assert gc.get_freeze_count() == frozen
        assert not any(value is again for value in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()
    with command_run():
        with collector_paused():
            made = [[index] for index in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
        assert not any(value is made for value in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0


def _json_cascade(folder: Path) -> None:
    """A parent and a child plan as JSON files, the parent's task not carried down."""
    unit = {"code": "hn.ubnd", "name": "UBND Thành phố Hà Nội", "level": "province"}
    task = "Tuyên truyền về cơ chế một cửa, một cửa liên thông"
    parent = {
        "key": "hn-kh-1-2024",
        "kind": "plan",
        "title": "Kế hoạch cải cách hành chính năm 2024",
        "issuer": "hn.ubnd",
        "period": 2024,
        "units": [unit],
        "tasks": [{"id": "nd1", "text": task}],
    }
    child = {
        **parent,
        "key": "hn-kh-2-2024",
        "units": [],
        "parents": ["hn-kh-1-2024"],
        "tasks": [{"id": "nd1", "text": f"{task} ở cấp xã"}],
    }
    for plan in (parent, child):
        (folder / f"{plan['key']}.json").write_text(json.dumps(plan), encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "loaded"),
    [
        (["validate"], []),
        (["summary", "--as-of", "2024-06-01"], []),
        (["coverage", "--json"], []),
        (["coverage", "--json", "--suggest"], ["rapidfuzz"]),
    ],
)
def test_a_command_on_json_files_loads_what_it_uses_alone(
    tmp_path: Path, argv: list[str], loaded: list[str]
) -> None:
    # PyYAML reads YAML files, rapidfuzz scores suggestions: neither else.
    _json_cascade(tmp_path)
    probe = (
        "import sys; from cchc.cli import main; "
        f"main({[*argv, str(tmp_path), '--no-cache']!r}); "
        "print(sorted({'yaml', 'rapidfuzz'} & set(sys.modules)), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert result.stderr.strip().splitlines()[-1] == str(loaded), result.stderr
