"""Time and peak memory of `validate` on every bad-input kind, each in its own process.

Prints one row per kind and the worst figures: `python bench/bench_bad_input.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BAD = Path(__file__).resolve().parent.parent / "tests" / "data" / "bad"


def measure(path: Path) -> tuple[int, float, float]:
    """Exit code, seconds and peak resident memory in MiB of `validate PATH`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "cchc", "validate", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss / 1024


def main() -> None:
    """Measure every file of the bad corpus plus the generated kinds."""
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "50-mb.yaml"
        with big.open("wb") as stream:
            stream.truncate(50 * 1024 * 1024)
        loop = Path(folder) / "loop"
        loop.mkdir()
        (loop / "a.yaml").symlink_to(loop / "b.yaml")
        (loop / "b.yaml").symlink_to(loop / "a.yaml")
        (loop / "up").symlink_to(loop, target_is_directory=True)
        kinds = [*sorted(p for p in BAD.iterdir() if not p.name.startswith("_")), big, loop]
        rows = [(path.name, *measure(path)) for path in kinds]
    print(f"{'kind':<32} {'exit':>4} {'seconds':>8} {'peak MiB':>9}")
    for name, code, seconds, mib in rows:
        print(f"{name:<32} {code:>4} {seconds:>8.2f} {mib:>9.1f}")
    print(
        f"{len(rows)} kinds; longest {max(r[2] for r in rows):.2f} s; "
        f"largest {max(r[3] for r in rows):.1f} MiB"
    )


if __name__ == "__main__":
    main()
