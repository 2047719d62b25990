"""Time of ``progress`` over a synthetic corpus with records, in memory and end to end.

Usage: ``python bench/bench_progress.py [N] [R]`` (default 10,000 plans, 100,000 records).
The plans come from ``synthetic.generate``; the records are made from their obligations
(seeded): one for R of them, most done in time, some late, some waived, quotas in one or
two parts.  In memory: ``progress()`` over every obligation (occurrences expanded, a
group's duty owed member by member, every standing and rate).  End to end, in a fresh
interpreter (loading included, the records in record files of 10,000 each), once with
JSON files and once with YAML:
``python -m cchc progress DIR``, ``progress DIR --json``, and the fill-in workbook of one
unit (``--unit X --xlsx``).  Figures are the best of two runs in memory and of three end
to end (a command's time varies by a tenth from run to run here).  Aim: under 10 s.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs

from cchc import Corpus, ItemLink, Record
from cchc.calendar._expand import default_budget
from cchc.files._dump import dumps_records
from cchc.report._progress import Obligation, Progress, progress
from synthetic import YEAR, generate, write

TARGET_SECONDS = 10.0
"""Aim: progress over 10,000 plans and 100,000 records in under 10 s."""
AS_OF = dt.date(YEAR, 9, 1)
PER_FILE = 10_000
"""Records per record file: a file of 100,000 would pass the 5 MB a file may hold."""


def _records(obligations: tuple[Obligation, ...], wanted: int, seed: int) -> tuple[Record, ...]:
    """*wanted* records of the scheduled *obligations*, seeded: early, late, waived, parts."""
    chance = random.Random(seed)
    owed = [o for o in obligations if o.task is not None and o.deadline is not None]
    chosen = chance.sample(owed, min(wanted, len(owed)))
    found: list[Record] = []
    for obligation in chosen:
        assert obligation.task is not None
        assert obligation.deadline is not None
        duty = ItemLink(plan=obligation.plan, item=obligation.task)
        base = Record(unit=obligation.unit, duty=duty, period=obligation.period, waiver="-")
        roll = chance.random()
        if roll < 0.03:
            found.append(attrs.evolve(base, waiver="Sáp nhập đơn vị (synthetic)"))
            continue
        day = obligation.deadline + dt.timedelta(days=chance.randint(-20, 10 if roll < 0.3 else 0))
        evidence = f"Báo cáo số {chance.randint(1, 999)}/BC-UBND (synthetic)"
        if obligation.count is not None and obligation.count > 1 and roll < 0.5:
            half = obligation.count // 2
            found.append(_done(base, day - dt.timedelta(days=5), quantity=half))
            found.append(_done(base, day, quantity=obligation.count - half))
        else:
            quantity = obligation.count if obligation.count is not None else None
            found.append(_done(base, day, evidence=evidence, quantity=quantity))
        if len(found) >= wanted:
            break
    return tuple(found[:wanted])


def _done(
    base: Record, day: dt.date, *, quantity: int | None, evidence: str | None = None
) -> Record:
    return Record(
        unit=base.unit,
        duty=base.duty,
        period=base.period,
        done=day,
        evidence=evidence,
        quantity=quantity,
    )


def _corpus(n_plans: int, n_records: int) -> Corpus:
    corpus = generate(n_plans, seed=0)
    budget = default_budget(corpus.plans)
    owed = progress(corpus, AS_OF, max_occurrences=budget).obligations
    records = _records(owed, n_records, seed=1)
    return attrs.evolve(corpus, records=records)


def _in_memory(corpus: Corpus, repeat: int) -> None:
    budget = default_budget(corpus.plans)
    # With the cyclic garbage collector on, as a library caller has it (progress pauses it
    # itself while it builds, since its objects have no cycles), and off beforehand, to
    # show what the pause leaves over.  One call first, untimed, fills the caches a process
    # fills once (fold, working-day calendars), so that neither mode is timed cold.
    result: Progress | None = progress(corpus, AS_OF, max_occurrences=budget)
    for collector in (True, False):
        best = float("inf")
        for _ in range(repeat):
            # The last result (a million values) is freed here: rebinding *result* to the
            # next one would free it inside the timed span.
            result = None
            gc.collect()
            if not collector:
                gc.disable()
            start = time.perf_counter()
            result = progress(corpus, AS_OF, max_occurrences=budget)
            best = min(best, time.perf_counter() - start)
            gc.enable()
        assert result is not None
        done = sum(1 for o in result.obligations if o.status.done)
        verdict = "within" if best < TARGET_SECONDS else "OVER"
        print(
            f"in memory, {len(corpus.plans)} plans, {len(corpus.records)} records, garbage "
            f"collector {'on' if collector else 'off'}: progress {best:.2f} s "
            f"({len(result.obligations)} obligations, {done} done, {len(result.units)} units; "
            f"{verdict} the aim of {TARGET_SECONDS:g} s)"
        )


# The commands run the cchc this benchmark imports (PYTHONPATH kept), in a plain console,
# cold: without the output cache, whatever the environment says.
_ENV = {
    "COLUMNS": "100",
    "LANG": "C.UTF-8",
    "CCHC_NO_CACHE": "1",
    **{name: os.environ[name] for name in ("PYTHONPATH",) if name in os.environ},
}


def _run(argv: list[str], repeat: int) -> tuple[float, int]:
    best, code = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(argv, check=False, capture_output=True, env=_ENV)
        best, code = min(best, time.perf_counter() - start), done.returncode
    return best, code


def _end_to_end(corpus: Corpus, repeat: int, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files = write(attrs.evolve(corpus, records=()), folder, fmt)
        records = corpus.records
        for start in range(0, len(records), PER_FILE):
            part = records[start : start + PER_FILE]
            text = dumps_records(part, header="SYNTHETIC records", fmt=fmt)
            (folder / f"part-{start // PER_FILE:03d}.records.{fmt}").write_text(
                text, encoding="utf-8"
            )
        base = [sys.executable, "-m", "cchc", "progress", name, "--as-of", AS_OF.isoformat()]
        for extra in ((), ("--json",)):
            seconds, code = _run([*base, *extra], repeat)
            verdict = "within" if seconds < TARGET_SECONDS else "OVER"
            label = " ".join(("progress DIR", *extra))
            print(
                f"end to end, {files} {fmt.upper()} files, {len(records)} records: {label}: "
                f"{seconds:.2f} s (exit {code}; {verdict} the aim of {TARGET_SECONDS:g} s)"
            )
        unit = max(corpus.records, key=lambda r: r.unit).unit
        book = folder / "unit.xlsx"
        seconds, code = _run([*base, "--unit", unit, "--xlsx", str(book), "--force"], repeat)
        print(
            f"end to end: progress DIR --unit {unit} --xlsx: {seconds:.2f} s (exit {code}, "
            f"{book.stat().st_size if book.exists() else 0} bytes)"
        )


def main(argv: list[str]) -> int:
    n_plans = int(argv[0]) if argv else 10_000
    n_records = int(argv[1]) if len(argv) > 1 else 100_000
    corpus = _corpus(n_plans, n_records)
    _in_memory(corpus, repeat=2)
    # JSON first: its parse is the floor (bench_floor.py); YAML's costs several times more.
    for fmt in ("json", "yaml"):
        _end_to_end(corpus, repeat=3, fmt=fmt)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
