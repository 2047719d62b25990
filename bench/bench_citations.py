"""Citation-finding throughput: the five seeds repeated to about 20 MB, in MB/s.

Run: /work/venv/bin/python bench/bench_citations.py [MEGABYTES]
Also times a hostile text (long runs of spaces and "số") and a decomposed (NFD) text.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from pathlib import Path

from cchc.refs._citations import find_citations

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"


def corpus(megabytes: float) -> str:
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    size = len(seeds.encode("utf-8"))
    return "\n\n".join([seeds] * max(1, round(megabytes * 1e6 / size)))


def measure(label: str, text: str) -> None:
    size = len(text.encode("utf-8")) / 1e6
    best = float("inf")
    count = 0
    for _ in range(3):
        start = time.perf_counter()
        count = len(find_citations(text))
        best = min(best, time.perf_counter() - start)
    print(
        f"{label:<28} {size:7.1f} MB  {count:8d} citations  {best:6.2f} s  {size / best:7.1f} MB/s"
    )


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    text = corpus(megabytes)
    measure("seeds (NFC)", text)
    measure("seeds (NFD)", unicodedata.normalize("NFD", text))
    hostile = ("Kế hoạch số" + " " * 5000 + "của" + " " * 5000 + "số 5/" + "A-" * 2000) * 200
    measure("hostile", hostile)
    no_spaces = ("đ" * 20000 + "—" + unicodedata.normalize("NFD", "Kế\thoạch\tsố\t5/KH-UBND")) * 100
    measure("hostile NFD, no spaces", no_spaces)


if __name__ == "__main__":
    main()
