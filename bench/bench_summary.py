"""Time of ``summary`` on a synthetic corpus, in memory and end to end.

Usage: ``python bench/bench_summary.py [N]`` (default 10000 plans).  In memory: building
the summary data (graph, coverage, calendar, checks) and rendering it to a string, on a
corpus from ``synthetic.generate``.  End to end: ``python -m cchc summary DIR`` and
``summary DIR --json`` on the same corpus written as files, in a fresh interpreter
(loading the files included).  Figures are the best of a few runs.  Aim: under 10 s
for 10,000 plans.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from cchc.render._console import Lang, make_console
from cchc.render._documents import summary_document
from cchc.render._summary import render_summary
from cchc.report._summary import corpus_summary
from synthetic import generate, write

TARGET_SECONDS = 10.0
"""Aim: the summary of 10,000 plans in under 10 s."""
AS_OF = dt.date(2024, 6, 1)


def _in_memory(n_plans: int, repeat: int) -> None:
    corpus = generate(n_plans, seed=0)
    best_data = best_render = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        summary = corpus_summary(corpus, AS_OF)
        built = time.perf_counter()
        console = make_console(io.StringIO(), {"COLUMNS": "100"})
        render_summary(console, summary, Lang.VI)
        summary_document(summary)
        done = time.perf_counter()
        best_data = min(best_data, built - start)
        best_render = min(best_render, done - built)
    problems = summary.problems
    print(
        f"in memory, {n_plans} plans: data {best_data:.2f} s, render + JSON {best_render:.2f} s "
        f"({len(summary.edges)} edges, {summary.deadlines.upcoming_total} upcoming, "
        f"{problems.errors} errors, {problems.warnings} warnings)"
    )


def _end_to_end(n_plans: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = write(generate(n_plans, seed=0), Path(folder))
        for extra in ((), ("--json",)):
            argv = [sys.executable, "-m", "cchc", "summary", folder, "--as-of", "2024-06-01"]
            best = float("inf")
            for _ in range(repeat):
                start = time.perf_counter()
                done = subprocess.run(
                    [*argv, *extra],
                    check=False,
                    capture_output=True,
                    env={"COLUMNS": "100", "LANG": "C.UTF-8"},
                )
                best = min(best, time.perf_counter() - start)
            verdict = "within" if best < TARGET_SECONDS else "OVER"
            label = " ".join(("summary DIR", *extra))
            print(
                f"end to end, {n_plans} plans ({files} files): {label}: {best:.2f} s "
                f"(exit {done.returncode}; {verdict} the aim of {TARGET_SECONDS:g} s)"
            )


def main(argv: list[str]) -> int:
    n_plans = int(argv[0]) if argv else 10_000
    _in_memory(n_plans, repeat=3)
    _end_to_end(n_plans, repeat=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
