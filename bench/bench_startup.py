"""Start-up time of ``python -m cchc --help``, as a ratio to a bare ``python -c pass``.

Usage: ``python bench/bench_startup.py [REPEAT]`` (default 40).  Each command runs
REPEAT times, alternating, in fresh interpreters; the figures are medians, which shrug
off the odd slow run a busy machine gives.  Aim: a ratio of at most 5.

Both run with their bytecode cached, as an installed package has it (pip compiles it):
``PYTHONDONTWRITEBYTECODE`` is dropped for the children and the bytecode goes to a folder
of this run's (``PYTHONPYCACHEPREFIX``), filled by the first, untimed, runs.  Without it
every run would compile cchc's sources again and time the compiler, not the start-up.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_RATIO = 5.0
"""Aim: ``--help`` costs at most 5 bare interpreter start-ups."""


def _once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    repeat = int(argv[0]) if argv else 40
    bare_argv = [sys.executable, "-c", "pass"]
    help_argv = [sys.executable, "-m", "cchc", "--help"]
    with tempfile.TemporaryDirectory(prefix="cchc-pyc-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for warm in (bare_argv, help_argv):  # fill the OS file cache and the bytecode
            _once(warm, env)
        bare: list[float] = []
        helped: list[float] = []
        for _ in range(repeat):
            bare.append(_once(bare_argv, env))
            helped.append(_once(help_argv, env))
    bare_ms = statistics.median(bare) * 1000
    help_ms = statistics.median(helped) * 1000
    ratio = help_ms / bare_ms
    print(f"python -c pass         median {bare_ms:7.1f} ms  ({repeat} runs)")
    print(f"python -m cchc --help  median {help_ms:7.1f} ms  ({repeat} runs)")
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    print(f"ratio {ratio:.1f}x ({verdict} the aim of {TARGET_RATIO:g}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
