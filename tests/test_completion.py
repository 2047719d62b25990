"""``cchc completion bash|zsh|fish``: scripts built from the parser, run in the real shells.

Each script is checked by its shell's syntax check, then driven as the shell drives it when
Tab is pressed: bash through ``COMP_WORDS``, zsh through ``words`` with its completion
builtins stood in for, fish through ``complete -C``.  A shell that is not installed skips
its tests.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from cchc.cli import COMMANDS, SHELL_COMMANDS, build_parser, main
from cchc.cli._completion import DIR, FILE, FLAG, NONE, SHELLS, node, script, value_kind

BASH = shutil.which("bash")
ZSH = shutil.which("zsh")
FISH = shutil.which("fish")


def _run(argv: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a shell; its exit code is for the caller to judge."""
    return subprocess.run(
        argv, check=False, capture_output=True, encoding="utf-8", timeout=60, cwd=cwd
    )


def _script(shell: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(["completion", shell], stdout=out, stderr=err) == 0
    assert err.getvalue() == ""
    return out.getvalue()


def _saved(tmp_path: Path, shell: str) -> Path:
    path = tmp_path / f"cchc.{shell}"
    path.write_text(_script(shell), encoding="utf-8")
    return path


# -- the command -----------------------------------------------------------------------------


@pytest.mark.parametrize("shell", SHELLS)
def test_the_command_prints_the_script_of_the_parser(shell: str) -> None:
    assert _script(shell) == script(shell, build_parser("cchc"))


def test_an_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "powershell"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_completion_is_listed_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "completion" in capsys.readouterr().out


@pytest.mark.parametrize("shell", SHELLS)
def test_every_command_is_in_every_script(shell: str) -> None:
    text = _script(shell)
    for name in (*COMMANDS, *SHELL_COMMANDS):
        assert name in text, (shell, name)


def test_the_tables_follow_the_parser() -> None:
    tree = node(build_parser("cchc"))
    assert list(tree.commands) == [*COMMANDS, *SHELL_COMMANDS]
    coverage = tree.commands["coverage"][1]
    assert coverage.options["--matrix"] == FLAG
    assert coverage.options["--lang"] == "words vi en"
    assert coverage.options["--plan"] == NONE
    assert coverage.positionals == [FILE]
    assert tree.commands["calendar"][1].options["--ics"] == FILE
    assert tree.commands["examples"][1].positionals == [DIR]
    assert tree.commands["derive"][1].positionals == [NONE, FILE]
    assert list(tree.commands["records"][1].commands) == ["import"]
    assert tree.commands["completion"][1].positionals == ["words bash zsh fish"]


def test_a_new_option_is_completed_without_touching_the_completion_code() -> None:
    parser = argparse.ArgumentParser(prog="cchc")
    sub = parser.add_subparsers(dest="command")
    tool = sub.add_parser("tool")
    tool.add_argument("--colour", choices=["red", "green"])
    tool.add_argument("--odd", choices=["a b", "c"])  # a choice with a space: offered not at all
    tool.add_argument("--hidden", help=argparse.SUPPRESS)
    text = script("bash", parser)
    assert "'tool --colour') echo 'words red green'" in text
    assert "'tool --odd') echo 'none'" in text
    assert "--hidden" not in text


def test_value_kinds() -> None:
    parser = argparse.ArgumentParser()
    flag = parser.add_argument("--flag", action="store_true")
    typed = parser.add_argument("--where", type=Path)
    named = parser.add_argument("--book", metavar="FILE.xlsx")
    folder = parser.add_argument("--into", metavar="DIR")
    number = parser.add_argument("--n", metavar="N", type=int)
    assert [value_kind(a) for a in (flag, typed, named, folder, number)] == [
        FLAG,
        FILE,
        FILE,
        DIR,
        NONE,
    ]


# -- bash --------------------------------------------------------------------------------------


def _bash(tmp_path: Path, *words: str) -> list[str]:
    """What bash offers for *words*, the last being the one under the cursor."""
    assert BASH is not None
    driver = (
        'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); '
        '_cchc; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    argv = [BASH, "--norc", "--noprofile", "-c", driver, "bash", str(_saved(tmp_path, "bash"))]
    done = _run([*argv, *words], tmp_path)
    assert done.returncode == 0
    assert done.stderr == ""
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_the_bash_script_passes_bash_n(tmp_path: Path) -> None:
    assert BASH is not None
    path = _saved(tmp_path, "bash")
    done = _run([BASH, "-n", str(path)])
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (("cchc", "cov"), ["coverage"]),
        (("cchc", "coverage", "--ma"), ["--matrix"]),
        (("cchc", "-q", "cal"), ["calendar"]),
        (("cchc", "coverage", "--lang", ""), ["vi", "en"]),
        (("cchc", "coverage", "--lang", "=", "e"), ["en"]),  # --lang=e, as bash splits it
        (("cchc", "graph", "--format", "m"), ["mermaid"]),
        (("cchc", "records", ""), ["import"]),
        (("cchc", "records", "import", "--dr"), ["--dry-run"]),
        (("cchc", "completion", "z"), ["zsh"]),
        (("cchc", "derive", ""), []),  # PARENT_KEY: no file names
        (("cchc", "coverage", "--plan", ""), []),
    ],
)
def test_bash_completes(tmp_path: Path, words: tuple[str, ...], offered: list[str]) -> None:
    assert _bash(tmp_path, *words) == offered


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_completes_file_names_where_a_path_is_asked(tmp_path: Path) -> None:
    (tmp_path / "kế hoạch 2024.yaml").write_text("", encoding="utf-8")
    (tmp_path / "vidu").mkdir()
    assert _bash(tmp_path, "cchc", "validate", "kế") == ["kế hoạch 2024.yaml"]
    assert _bash(tmp_path, "cchc", "calendar", "--ics", "kế") == ["kế hoạch 2024.yaml"]
    assert _bash(tmp_path, "cchc", "derive", "hn-kh-54-2024", "--unit", "x", "vi") == ["vidu"]
    assert _bash(tmp_path, "cchc", "examples", "") == ["vidu"]  # DIR: folders only


# -- zsh ---------------------------------------------------------------------------------------

_ZSH_DRIVER = """\
compdef() { :; }
source "$1"; shift
compadd() { [[ "$1" == -- ]] && shift; print -rl -- "$@"; }
_files() { print -r -- "<files $*>"; }
compset() { :; }
words=("$@"); CURRENT=${#words}
_cchc
"""


def _zsh(tmp_path: Path, *words: str) -> list[str]:
    assert ZSH is not None
    done = _run([ZSH, "-f", "-c", _ZSH_DRIVER, "zsh", str(_saved(tmp_path, "zsh")), *words])
    assert done.stderr == ""
    return done.stdout.split()


@pytest.mark.skipif(ZSH is None, reason="zsh is not installed")
def test_the_zsh_script_passes_zsh_n(tmp_path: Path) -> None:
    assert ZSH is not None
    path = _saved(tmp_path, "zsh")
    done = _run([ZSH, "-n", str(path)])
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.skipif(ZSH is None, reason="zsh is not installed")
def test_zsh_offers_what_follows(tmp_path: Path) -> None:
    # compadd filters by what is typed itself; the stand-in prints everything offered.
    assert "coverage" in _zsh(tmp_path, "cchc", "cov")
    assert "--matrix" in _zsh(tmp_path, "cchc", "coverage", "--ma")
    assert _zsh(tmp_path, "cchc", "coverage", "--lang", "") == ["vi", "en"]
    assert _zsh(tmp_path, "cchc", "coverage", "--lang=e") == ["vi", "en"]
    assert _zsh(tmp_path, "cchc", "records", "") == ["import"]
    assert _zsh(tmp_path, "cchc", "validate", "") == ["<files", ">"]
    assert _zsh(tmp_path, "cchc", "examples", "") == ["<files", "-/>"]
    assert _zsh(tmp_path, "cchc", "derive", "") == []


# -- fish --------------------------------------------------------------------------------------


def _fish(tmp_path: Path, line: str) -> list[str]:
    assert FISH is not None
    path = _saved(tmp_path, "fish")
    driver = "source $argv[1]; complete -C $argv[2]"
    done = _run([FISH, "--no-config", "-c", driver, str(path), line], tmp_path)
    assert done.stderr == ""
    return [row.split("\t")[0] for row in done.stdout.splitlines()]


@pytest.mark.skipif(FISH is None, reason="fish is not installed")
def test_the_fish_script_passes_fish_n(tmp_path: Path) -> None:
    assert FISH is not None
    path = _saved(tmp_path, "fish")
    done = _run([FISH, "-n", str(path)])
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.skipif(FISH is None, reason="fish is not installed")
def test_fish_completes(tmp_path: Path) -> None:
    (tmp_path / "kh-2024.yaml").write_text("", encoding="utf-8")
    assert _fish(tmp_path, "cchc cov") == ["coverage"]
    assert _fish(tmp_path, "cchc coverage --ma") == ["--matrix"]
    assert sorted(_fish(tmp_path, "cchc coverage --lang ")) == ["en", "vi"]
    assert _fish(tmp_path, "cchc records ") == ["import"]
    assert _fish(tmp_path, "cchc records import --dr") == ["--dry-run"]
    assert _fish(tmp_path, "cchc validate kh") == ["kh-2024.yaml"]
    assert _fish(tmp_path, "cchc coverage --plan ") == []
