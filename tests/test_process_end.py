"""A command run as the whole process leaves what it holds to the process's end."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import weakref
from pathlib import Path

import pytest

from cchc import _collector
from cchc._collector import command_run, end_process, hold

# A held value says when it is freed, by a write that needs no module still standing.
_SCRIPT = """
import atexit, os, sys
from cchc._collector import command_run, end_process, hold

class Loud:
    def __del__(self, write=os.write):
        write(1, b"freed\\n")

# Registered first, so run last: what an exit function prints after the others.
atexit.register(lambda: print("atexit ran"))
{before}

def main():
    with command_run():
        hold(Loud())
    print("output of the command")  # buffered: a pipe is not a terminal
    return 3

end_process(main, whole={whole})
"""


# Output to a pipe buffered, as it is unless PYTHONUNBUFFERED says otherwise.
_BUFFERED = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter running *code* with *args*, its output buffered."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        encoding="utf-8",
        check=False,
        timeout=120,
        env=_BUFFERED,
    )


def _run(before: str = "", *, whole: bool = True) -> subprocess.CompletedProcess[str]:
    return _python(textwrap.dedent(_SCRIPT).format(before=before, whole=whole))


def test_the_process_ends_without_freeing_what_the_command_held() -> None:
    done = _run()
    assert done.returncode == 3, done.stderr
    assert "output of the command" in done.stdout
    assert "atexit ran" in done.stdout
    assert "freed" not in done.stdout
    assert done.stderr == ""


def test_what_an_exit_function_prints_is_not_lost() -> None:
    done = _run("atexit.register(lambda: print('printed at exit', flush=False))")
    assert done.returncode == 3, done.stderr
    assert "printed at exit" in done.stdout
    assert "freed" not in done.stdout


@pytest.mark.parametrize(
    "before",
    [
        "sys.setprofile(lambda *args: None)",  # a profiler (python -m cProfile)
        "sys.settrace(lambda *args: None)",  # a tracer: a debugger, coverage
        "import threading; threading.Thread(target=__import__('time').sleep, args=(0.5,)).start()",
        # Started for sure: a thread of _thread's is counted once it runs.
        "import _thread, time; up = _thread.allocate_lock(); up.acquire(); "
        "_thread.start_new_thread(lambda: (up.release(), time.sleep(0.5)), ()); up.acquire()",
    ],
    ids=["profiler", "tracer", "thread", "bare-thread"],
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
        "runpy.run_module('cchc', run_name='__main__', alter_sys=True)",
        "runpy._run_module_as_main('cchc')",
        "sys.argv = ['cchc', *sys.argv[1:]]; __import__('cchc.cli').cli.run()",
        "sys.argv = ['cchc', *sys.argv[1:]]; run()",
        "sys.argv = ['cchc', *sys.argv[1:]]; (lambda: script())()",
    ],
    ids=["runpy", "runpy-main", "runpy-as-main", "run", "run-in-main", "script-in-a-function"],
)
def test_a_program_running_the_command_line_goes_on_after_it(call: str) -> None:
    # As test runners and profilers do: the command holds its corpus, and the program
    # still gets the exit code and runs on, twice over.
    probe = "import runpy, sys\nfrom cchc.cli import run, script\nargv = list(sys.argv)\n"
    probe += f"for _ in range(2):\n    sys.argv = list(argv)\n    try:\n        {call}\n"
    probe += "    except SystemExit as end:\n        print('went on after exit', end.code)\n"
    probe += "print('program done')\n"
    done = _python(probe, "validate", "--no-cache")
    assert done.stdout.count("went on after exit 0") == 2, done.stderr
    assert "program done" in done.stdout


def test_a_program_running_the_command_line_in_a_thread_goes_on_after_it() -> None:
    # The thread's first frame is runpy's, with nothing below it, as for python -m.
    probe = textwrap.dedent(
        """
        import _thread, runpy, sys, time
        sys.argv = ['cchc', 'validate', '--no-cache']
        ended = []
        def command():
            try:
                runpy._run_module_as_main('cchc')
            except SystemExit as end:
                ended.append(end.code)
        _thread.start_new_thread(command, ())
        while not ended:
            time.sleep(0.05)
        print('program went on after exit', ended[0])
        """
    )
    done = _python(probe)
    assert "program went on after exit 0" in done.stdout, done.stderr


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("print(run_by_interpreter(sys._getframe()))", "True"),  # python -c, python FILE
        ("print((lambda: run_by_interpreter(sys._getframe()))())", "False"),
        ("exec('print(run_by_interpreter(sys._getframe()))', {})", "False"),
    ],
    ids=["top", "function", "exec"],
)
def test_only_the_main_module_the_interpreter_runs_is_the_process(code: str, expected: str) -> None:
    probe = f"import sys\nfrom cchc._collector import run_by_interpreter\n{code}\n"
    probe = probe.replace("{}", "{'run_by_interpreter': run_by_interpreter, 'sys': sys}")
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, encoding="utf-8", check=True
    )
    assert done.stdout.strip() == expected


def test_python_m_cchc_and_the_console_script_are_the_process(tmp_path: Path) -> None:
    # A module run by python -m, and a script as installers write it, each asking
    # run_by_interpreter about itself.
    package = tmp_path / "probe"
    package.mkdir()
    asks = "import sys\nfrom cchc._collector import run_by_interpreter\n"
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "__main__.py").write_text(
        asks + "print(run_by_interpreter(sys._getframe()))\n", encoding="utf-8"
    )
    wrapper = tmp_path / "cchc-script"
    wrapper.write_text(
        asks + "if __name__ == '__main__':\n    print(run_by_interpreter(sys._getframe()))\n",
        encoding="utf-8",
    )
    path = os.pathsep.join(filter(None, (str(tmp_path), os.environ.get("PYTHONPATH"))))
    env = {**os.environ, "PYTHONPATH": path}
    for argv in ([sys.executable, "-m", "probe"], [sys.executable, str(wrapper)]):
        done = subprocess.run(argv, capture_output=True, encoding="utf-8", check=True, env=env)
        assert done.stdout.strip() == "True", argv


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


def test_a_process_that_ends_as_usual_lets_go_of_what_was_held() -> None:
    values = [_Value()]
    seen = weakref.ref(values[0])

    def main() -> int:
        with command_run():
            hold(values.pop())
        return 4

    with pytest.raises(SystemExit) as end:
        end_process(main, whole=False)
    assert end.value.code == 4
    assert seen() is None
    assert not _collector._HELD
    # The next command in the same program holds and lets go as the first did.
    again = _Value()
    held = weakref.ref(again)
    with command_run():
        hold(again)
        del again
        assert held() is not None
    assert held() is None


def test_outside_a_command_nothing_is_held() -> None:
    value = _Value()
    seen = weakref.ref(value)
    hold(value)
    del value
    assert seen() is None
