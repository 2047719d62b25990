"""Work bounded by what is asked: hostile plans through the commands, time and peak memory.

Each figure comes from a fresh ``python -m cchc ...`` process (wall time and peak
resident memory, from ``os.wait4``), cut off after a timeout and then reported as
``> N s``.  The plans are generated here:

- a 40 KB valid plan whose period runs 1946-2100 and whose every schedule lists every
  cadence, through ``summary`` and ``calendar --json`` for one year (aim: under 2 s and
  300 MB each), and through ``validate``;
- a ~400 KB plan of the same shape through ``summary`` (same aim);
- a 4.8 MB plan of monthly tasks over one year through the ``calendar`` text (aim: at
  least 50,000 occurrences a second);
- a chain of 10,000 plans, each implementing the one before, through ``summary``,
  ``graph`` (tree, DOT, Mermaid) and ``coverage``;
- ``cite`` on 50 MB of ``"Kế hoạch số 1/A" + "-A" * N`` and other hostile texts, and on
  50 MB of ordinary text (the seed documents repeated), in MB/s and peak memory (aim:
  under 1 GB).

Usage: ``python bench/bench_bounded.py [--timeout SECONDS] [--only NAME ...]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"
MB = 1_000_000

AIM_SECONDS = 2.0
AIM_MIB = 300.0
AIM_RATE = 50_000
AIM_CITE_MIB = 1024.0

_UNITS = """\
units:
  - code: u.a
    name: UBND tỉnh A
    level: province
  - code: u.b
    name: Sở Nội vụ tỉnh A
    level: province
    parent: u.a
"""
_ALL_CADENCES = "[monthly, quarterly, half_yearly, nine_monthly, yearly]"
# Every kind of periodic schedule, each listing every cadence.
_SCHEDULES = (
    f"      - {{kind: recurring, cadences: {_ALL_CADENCES}, anchor: following_day, day: 5}}\n",
    f"      - {{kind: quota, cadences: {_ALL_CADENCES}, count: 1, what: tin bài}}\n",
    f"      - {{kind: report, cadences: {_ALL_CADENCES}, to: u.a}}\n",
    f"      - {{kind: report, cadences: {_ALL_CADENCES}, anchor: day, day: 20, to: u.a}}\n",
)


def _header(key: str, period: str) -> str:
    return (
        f"key: {key}\n"
        "kind: plan\n"
        "title: Kế hoạch cải cách hành chính\n"
        "issuer: u.a\n"
        f"period: {period}\n"
        f"{_UNITS}"
        "tasks:\n"
    )


def long_period_plan(target_bytes: int) -> str:
    """A valid plan of about *target_bytes*: period 1946-2100, every cadence everywhere."""
    parts = [_header("kh-dai-han", "1946-2100")]
    size = len(parts[0].encode())
    index = 0
    while size < target_bytes:
        task = (
            f"  - id: nd{index}\n"
            f"    text: Nhiệm vụ số {index}\n"
            "    lead: [u.b]\n"
            "    schedules:\n" + "".join(_SCHEDULES)
        )
        parts.append(task)
        size += len(task.encode())
        index += 1
    return "".join(parts)


def monthly_plan(target_bytes: int) -> str:
    """A valid plan of about *target_bytes* of monthly tasks over the year 2024."""
    parts = [_header("kh-hang-thang", "2024")]
    size = len(parts[0].encode())
    index = 0
    while size < target_bytes:
        task = (
            f"  - id: nd{index}\n"
            f"    text: Đưa tin, bài về cải cách hành chính, đợt {index}\n"
            "    lead: [u.b]\n"
            "    schedules:\n"
            "      - {kind: quota, cadences: [monthly], count: 1, what: tin bài}\n"
        )
        parts.append(task)
        size += len(task.encode())
        index += 1
    return "".join(parts)


def chain_corpus(folder: Path, length: int) -> None:
    """*length* plans in one file each, every plan implementing the one before it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "units.yaml").write_text(_UNITS, encoding="utf-8")
    for index in range(length):
        parent = f"parents: [c{index - 1}]\n" if index else ""
        link = f"    inherits: [c{index - 1}#nd1]\n" if index else ""
        (folder / f"c{index}.yaml").write_text(
            f"key: c{index}\nkind: plan\ntitle: Kế hoạch {index}\nissuer: u.a\n"
            f"period: 2024\n{parent}"
            f"tasks:\n  - id: nd1\n    text: Nhiệm vụ\n    lead: [u.a]\n{link}",
            encoding="utf-8",
        )


# --- measuring ----------------------------------------------------------------------------


# Each command runs under a small launcher process: a child forked from this one would
# count this process's own memory (a 50 MB text, say) in its peak.
_LAUNCHER = """
import os, signal, subprocess, sys, time
timeout = float(sys.argv[1])
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
late = False
while True:
    pid, status, usage = os.wait4(child.pid, os.WNOHANG)
    if pid:
        break
    if time.perf_counter() - start > timeout:
        late = True
        child.send_signal(signal.SIGKILL)
        _, status, usage = os.wait4(child.pid, 0)
        break
    time.sleep(0.02)
print(late, time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def run(argv: Sequence[str], timeout: float) -> tuple[str, float]:
    """Run ``python -m cchc ARGV`` once: (its time and exit, or '> N s'; its peak MiB)."""
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, str(timeout), sys.executable, "-m", "cchc", *argv],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
    )
    late, elapsed, code, peak = done.stdout.split()
    verdict = f"> {timeout:g} s" if late == "True" else f"{float(elapsed):.2f} s, exit {code}"
    return verdict, int(peak) / 1024


def report(label: str, argv: Sequence[str], timeout: float, note: str = "") -> None:
    """Print one row: what was run, its time and exit, its peak memory."""
    verdict, mib = run(argv, timeout)
    print(f"{label:<52} {verdict:>20} {mib:9.0f} MiB {note}", flush=True)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def bench_long_period(folder: Path, timeout: float) -> None:
    """The 40 KB and 400 KB plans of 1946-2100 through summary, calendar and validate."""
    small = _write(folder / "p40", "plan.yaml", long_period_plan(40_000))
    big = _write(folder / "p400", "plan.yaml", long_period_plan(400_000))
    aim = f"(aim < {AIM_SECONDS:g} s, < {AIM_MIB:g} MiB)"
    # What starting up and reading ten small plans costs on this machine now, for scale.
    report("validate, the bundled corpus (for scale)", ["validate"], timeout)
    for path in (small, big):
        size = f"{path.stat().st_size / 1000:.0f} KB"
        report(f"summary, {size} plan of 1946-2100", ["summary", str(path.parent)], timeout, aim)
        report(
            f"summary --json, {size} plan of 1946-2100",
            ["summary", str(path.parent), "--json", "--as-of", "2024-06-01"],
            timeout,
            aim,
        )
    report(
        "calendar --json for 2024, 40 KB plan of 1946-2100",
        ["calendar", str(small.parent), "--json", "--from", "2024-01-01", "--to", "2024-12-31"],
        timeout,
        aim,
    )
    report(
        "calendar (no window), 40 KB plan of 1946-2100",
        ["calendar", str(small.parent), "--json"],
        timeout,
        "(stops at the budget)",
    )
    report("validate, 40 KB plan of 1946-2100", ["validate", str(small.parent)], timeout, aim)


def bench_monthly(folder: Path, timeout: float) -> None:
    """Calendar text of a 4.8 MB plan of monthly tasks: occurrences a second.

    End to end in a fresh process (loading the plan included), then in this process the
    calendar's own work on the loaded corpus: expanding and printing the agenda.
    """
    path = _write(folder / "monthly", "plan.yaml", monthly_plan(4_800_000))
    tasks = path.read_text(encoding="utf-8").count("  - id: nd")
    occurrences = tasks * 12
    budget = ["--max-occurrences", str(occurrences)]
    for label, extra in (("calendar text", []), ("calendar --json", ["--json"])):
        start = time.perf_counter()
        verdict, mib = run(["calendar", str(path.parent), *extra, *budget], timeout)
        elapsed = time.perf_counter() - start
        rate = f"{occurrences / elapsed:,.0f} occurrences/s" if ">" not in verdict else ""
        print(
            f"{label}, 4.8 MB plan, {occurrences:,} occurrences".ljust(52)
            + f" {verdict:>20} {mib:9.0f} MiB {rate} (end to end)",
            flush=True,
        )
    _in_process(path.parent)


def _in_process(folder: Path) -> None:
    import datetime as dt
    import gc
    import io

    from cchc.calendar import expand
    from cchc.files._load import load_corpus
    from cchc.render._calendar import render_agenda
    from cchc.render._console import Lang, make_console

    start = time.perf_counter()
    corpus = load_corpus(folder)
    loaded = time.perf_counter()
    # As the calendar command does: deadlines are many small objects without cycles, and
    # the cyclic collector would walk them again and again.
    gc.disable()
    try:
        working = time.process_time()
        found = expand(corpus.plans)
        expanded = time.perf_counter()
        console = make_console(io.StringIO(), {"COLUMNS": "100"})
        render_agenda(console, found, as_of=dt.date(2024, 6, 1), lang=Lang.VI)
        done = time.perf_counter()
        # On a shared machine the wall time counts other people's work too: say how much
        # of it was this process's own.
        worked = time.process_time() - working
    finally:
        gc.enable()
    rate = len(found) / (done - loaded)
    print(
        f"calendar text in process: load {loaded - start:.2f} s, expand "
        f"{expanded - loaded:.2f} s ({len(found) / (expanded - loaded):,.0f}/s), print "
        f"{done - expanded:.2f} s ({len(found) / (done - expanded):,.0f}/s): expand and print "
        f"{rate:,.0f} occurrences/s (aim >= {AIM_RATE:,}/s); CPU time {worked:.2f} s, "
        f"{len(found) / worked:,.0f}/s; load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def bench_chain(folder: Path, timeout: float, length: int = 10_000) -> None:
    """A chain of *length* plans through summary, graph and coverage."""
    chain = folder / "chain"
    chain_corpus(chain, length)
    for label, argv in (
        ("summary", ["summary", str(chain), "--as-of", "2024-06-01"]),
        ("summary --json", ["summary", str(chain), "--json", "--as-of", "2024-06-01"]),
        ("graph (tree)", ["graph", str(chain)]),
        ("graph --format dot", ["graph", str(chain), "--format", "dot"]),
        ("graph --format mermaid", ["graph", str(chain), "--format", "mermaid"]),
        ("coverage", ["coverage", str(chain)]),
        (
            "coverage --plan c0 --item nd1",
            ["coverage", str(chain), "--plan", "c0", "--item", "nd1"],
        ),
        ("validate", ["validate", str(chain)]),
    ):
        report(f"{label}, chain of {length:,} plans", argv, timeout)


def _ordinary(size: int) -> str:
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return "\n\n".join([seeds] * max(1, round(size / len(seeds.encode()))))


def _hostile_texts(size: int) -> list[tuple[str, Callable[[], str]]]:
    def repeat(unit: str, head: str = "") -> Callable[[], str]:
        return lambda: head + unit * max(1, (size - len(head.encode())) // len(unit.encode()))

    return [
        ("ordinary text (the seeds repeated)", lambda: _ordinary(size)),
        ('"Kế hoạch số 1/A" + "-A" * N', repeat("-A", "Kế hoạch số 1/A")),
        ('"Kế hoạch số " + "1" * N', repeat("1", "Kế hoạch số ")),
        ('"Kế hoạch số 1-" + "A" * N', repeat("A", "Kế hoạch số 1-")),
        ('"Kế hoạch số 1/" + "A." * N', repeat("A.", "Kế hoạch số 1/")),
        ('"Kế hoạch số 1/A" + " - A" * N', repeat(" - A", "Kế hoạch số 1/A")),
        ('"Kế hoạch số " * N', repeat("Kế hoạch số ")),
        ('"số " * N', repeat("số ")),
        ('"Căn cứ " + "Kế hoạch số 1/A, " * N', repeat("Kế hoạch số 1/A, ", "Căn cứ ")),
        ('"Kế hoạch số 1/A của " + "x " * N', repeat("x ", "Kế hoạch số 1/A của ")),
        ('"Kế hoạch số 1/A về " + "“" * N', repeat("“", "Kế hoạch số 1/A về ")),
        ('"Thực hiện " * N', repeat("Thực hiện ")),
    ]


def bench_cite(folder: Path, timeout: float, size: int = 50 * MB) -> None:
    """``cite`` on 50 MB texts: MB/s and peak memory."""
    for label, make in _hostile_texts(size):
        path = folder / "cite.txt"
        path.write_text(make(), encoding="utf-8")
        megabytes = path.stat().st_size / MB
        for json in (False, True):
            argv = ["cite", str(path), *(["--json"] if json else [])]
            start = time.perf_counter()
            verdict, mib = run(argv, timeout)
            elapsed = time.perf_counter() - start
            rate = f"{megabytes / elapsed:6.1f} MB/s" if ">" not in verdict else ""
            name = f"cite{' --json' if json else ''} {megabytes:.0f} MB {label}"
            print(
                f"{name[:70]:<70} {verdict:>20} {mib:7.0f} MiB {rate} (aim < {AIM_CITE_MIB:g})",
                flush=True,
            )
        path.unlink()


BENCHES: dict[str, Callable[[Path, float], None]] = {
    "long": bench_long_period,
    "monthly": bench_monthly,
    "chain": bench_chain,
    "cite": bench_cite,
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES), default=sorted(BENCHES))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for name in args.only:
            BENCHES[name](Path(folder), args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
