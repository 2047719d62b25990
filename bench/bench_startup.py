"""Start-up time of ``python -m cchc --help``, as a ratio to a bare ``python -c pass``.

Usage: ``python bench/bench_startup.py [REPEAT]`` (default 40).  Each command runs
REPEAT times, alternating, in fresh interpreters; the figures are medians, which shrug
off the odd slow run a busy machine gives.  Aim: a ratio of at most 5.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

TARGET_RATIO = 5.0
"""Aim: ``--help`` costs at most 5 bare interpreter start-ups."""


def _once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    repeat = int(argv[0]) if argv else 40
    bare_argv = [sys.executable, "-c", "pass"]
    help_argv = [sys.executable, "-m", "cchc", "--help"]
    for warm in (bare_argv, help_argv):  # fill the OS file cache first
        _once(warm)
    bare: list[float] = []
    helped: list[float] = []
    for _ in range(repeat):
        bare.append(_once(bare_argv))
        helped.append(_once(help_argv))
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
