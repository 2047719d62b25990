"""A command run as the whole process leaves what it holds to the process's end."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import weakref

import pytest

from cchc._collector import command_run, hold

# A held value says when it is freed, by a write that needs no module still standing.
_SCRIPT = """
import atexit, os, sys
from cchc._collector import command_run, end_process, hold

class Loud:
    def __del__(self, write=os.write):
        write(1, b"freed\\n")

atexit.register(lambda: print("atexit ran"))
{before}

def main():
    with command_run():
        hold(Loud())
    print("output of the command")  # buffered: a pipe is not a terminal
    return 3

end_process(main, whole={whole})
"""


def _run(before: str = "", *, whole: bool = True) -> subprocess.CompletedProcess[str]:
    script = textwrap.dedent(_SCRIPT).format(before=before, whole=whole)
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )


def test_the_process_ends_without_freeing_what_the_command_held() -> None:
    done = _run()
    assert done.returncode == 3, done.stderr
    assert "output of the command" in done.stdout
    assert "atexit ran" in done.stdout
    assert "freed" not in done.stdout
    assert done.stderr == ""


@pytest.mark.parametrize(
    "before",
    [
        "sys.setprofile(lambda *args: None)",  # a profiler (python -m cProfile)
        "sys.settrace(lambda *args: None)",  # a tracer: a debugger, coverage
        "import threading; threading.Thread(target=__import__('time').sleep, args=(0.5,)).start()",
    ],
    ids=["profiler", "tracer", "thread"],
)
def test_a_watched_process_ends_as_usual(before: str) -> None:
    done = _run(before)
    assert done.returncode == 3, done.stderr
    assert "output of the command" in done.stdout
    assert "atexit ran" in done.stdout
    assert "freed" in done.stdout


def test_a_process_that_is_not_cchc_s_own_ends_as_usual() -> None:
    done = _run(whole=False)
    assert done.returncode == 3, done.stderr
    assert "atexit ran" in done.stdout
    assert "freed" in done.stdout


@pytest.mark.parametrize(
    "call",
    [
        "runpy.run_module('cchc', run_name='__main__')",
        "sys.argv = ['cchc', *sys.argv[1:]]; __import__('cchc.cli').cli.run()",
    ],
    ids=["runpy", "run"],
)
def test_a_program_running_the_command_line_goes_on_after_it(call: str) -> None:
    # As test runners and profilers do: the command holds its corpus, and the program
    # still gets the exit code and runs on.
    probe = f"import runpy, sys\ntry:\n    {call}\nexcept SystemExit as end:\n"
    probe += "    print('went on after exit', end.code)\n"
    done = subprocess.run(
        [sys.executable, "-c", probe, "validate", "--no-cache"],
        capture_output=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert "went on after exit 0" in done.stdout, done.stderr


class _Value:
    pass


def test_in_a_program_what_a_command_held_is_let_go_when_it_ends() -> None:
    value = _Value()
    seen = weakref.ref(value)
    with command_run():
        hold(value)
        del value
        gc.collect()
        assert seen() is not None
    assert seen() is None


def test_outside_a_command_nothing_is_held() -> None:
    value = _Value()
    seen = weakref.ref(value)
    hold(value)
    del value
    assert seen() is None
