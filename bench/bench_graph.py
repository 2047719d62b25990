"""Time and peak memory of building the plan graph and checking it, on synthetic corpora.

Usage: ``python bench/bench_graph.py [N ...]`` (default 1000 10000 100000).  Times are the
best of a few runs without tracing; peak memory is measured in a separate traced run
(tracemalloc slows Python down, so it never runs while timing).
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from cchc.graph._checks import check
from cchc.graph._graph import PlanGraph
from cchc.model._corpus import Corpus
from synthetic import generate

SIZES = (1_000, 10_000, 100_000)
TARGET_SECONDS = 10.0
"""Aim: building and checking 100,000 plans takes under 10 s."""


def timed(corpus: Corpus, repeat: int) -> tuple[float, float, PlanGraph, int]:
    best_build = best_check = float("inf")
    graph: PlanGraph | None = None
    problems = 0
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        graph = PlanGraph.from_corpus(corpus)
        built = time.perf_counter()
        problems = len(check(graph))
        done = time.perf_counter()
        best_build = min(best_build, built - start)
        best_check = min(best_check, done - built)
    assert graph is not None
    return best_build, best_check, graph, problems


def peak_mib(corpus: Corpus) -> float:
    gc.collect()
    tracemalloc.start()
    graph = PlanGraph.from_corpus(corpus)
    check(graph)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    print(
        f"{'plans':>8} {'nodes':>8} {'edges':>8} {'generate s':>10} {'build s':>8} "
        f"{'check s':>8} {'total s':>8} {'peak MiB':>9}  problems"
    )
    for size in sizes:
        start = time.perf_counter()
        corpus = generate(size)
        generated = time.perf_counter() - start
        build, checks, graph, problems = timed(corpus, repeat=3 if size <= 10_000 else 1)
        rules = Counter(p.rule for p in check(graph))
        memory = peak_mib(corpus)
        total = build + checks
        print(
            f"{size:>8} {graph.nx.number_of_nodes():>8} {graph.nx.number_of_edges():>8} "
            f"{generated:>10.2f} {build:>8.2f} {checks:>8.2f} {total:>8.2f} {memory:>9.1f}  "
            f"{problems} ({', '.join(f'{r} {n}' for r, n in sorted(rules.items()))})"
        )
        if size >= 100_000 and total > TARGET_SECONDS:
            print(f"  over the {TARGET_SECONDS:.0f} s aim for {size} plans")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
