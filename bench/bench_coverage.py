"""Suggestion quality on the labelled pairs, and the time coverage takes on a large corpus.

Run: /work/venv/bin/python bench/bench_coverage.py [N_PLANS]
"""

from __future__ import annotations

import gc
import random
import sys
import time
import tracemalloc
from pathlib import Path

import yaml

from cchc.coverage._coverage import corpus_coverage
from cchc.coverage._match import DEFAULT_THRESHOLD, prepare, score
from cchc.graph._graph import PlanGraph
from cchc.model._corpus import Corpus
from cchc.model._items import ItemLink, Task
from cchc.model._plan import Plan
from cchc.text._vocab import DocumentKind

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "labelled_pairs.yaml"


def quality() -> None:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    items = {k: prepare(v) for k, v in data["items"].items()}
    scored = [
        (score(items[p["parent"]], items[p["child"]]), p["match"], p["parent"], p["child"])
        for p in data["pairs"]
    ]
    positives = sum(1 for _, label, _, _ in scored if label)
    print(f"labelled pairs: {len(scored)}, matches: {positives}")
    # Item level: for each parent item and child document (ls, gl), the best-scoring child
    # item is what coverage would suggest; it is right when that pair is labelled a match.
    groups: dict[tuple[str, str], list[tuple[float, bool]]] = {}
    for value, label, parent, child in scored:
        groups.setdefault((parent, child.split(".")[0]), []).append((value, label))
    print(" thr | pairs P   R    F1  | suggestions P   R")
    for threshold in range(40, 90, 5):
        tp = sum(1 for s, lab, _, _ in scored if s >= threshold and lab)
        fp = sum(1 for s, lab, _, _ in scored if s >= threshold and not lab)
        fn = positives - tp
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn)
        f = 2 * p * r / (p + r) if p + r else 0.0
        right = wrong = 0
        for group in groups.values():
            best = max(group, key=lambda x: x[0])
            if best[0] >= threshold:
                right, wrong = (right + 1, wrong) if best[1] else (right, wrong + 1)
        can = sum(1 for g in groups.values() if any(lab for _, lab in g))
        sp = right / (right + wrong) if right + wrong else 1.0
        mark = "  <- default" if threshold == DEFAULT_THRESHOLD else ""
        print(f" {threshold:3d} | {p:5.2f} {r:4.2f} {f:4.2f} |  {sp:5.2f} {right / can:4.2f}{mark}")


_VOCABULARY = (
    "văn bản chỉ đạo cơ chế một cửa liên thông chỉ số PAR INDEX SIPAS PAPI PCI DTI mô hình "
    "sáng kiến kỷ luật kỷ cương đạo đức công vụ dịch vụ công trực tuyến đất đai xây dựng đầu tư "
    "thủ tục hành chính bộ máy biên chế tài chính công chính quyền số chuyển đổi số hội nghị"
)
WORDS = tuple(_VOCABULARY.split())


def synthetic(n_plans: int, seed: int) -> tuple[Corpus, list[tuple[str, str]]]:
    """A tree of plans of about 20 tasks; children link 80%, reword 10%, add 10% local items."""
    rnd = random.Random(seed)
    plans: list[Plan] = []
    edges: list[tuple[str, str]] = []
    for n in range(n_plans):
        parent = plans[rnd.randrange(len(plans))] if plans else None
        tasks = []
        for i in range(rnd.randint(16, 24)):
            if parent is not None and i < len(parent.tasks) and rnd.random() < 0.9:
                source = parent.tasks[i]
                linked = rnd.random() < 0.89
                tasks.append(
                    Task(
                        id=f"t{i}",
                        text=source.text if linked else f"Triển khai {source.text.lower()}",
                        inherits=(ItemLink(plan=parent.key, item=source.id),) if linked else (),
                    )
                )
            else:
                text = "Tuyên truyền " + " ".join(rnd.choices(WORDS, k=rnd.randint(6, 14)))
                tasks.append(Task(id=f"t{i}", text=text))
        key = f"p{n}"
        plans.append(
            Plan(
                key=key,
                kind=DocumentKind.PLAN,
                title=key,
                issuer="u",
                tasks=tuple(tasks),
                parents=(parent.key,) if parent else (),
            )
        )
        if parent is not None:
            edges.append((parent.key, key))
    return Corpus(plans=tuple(plans)), edges


def _time(corpus: Corpus, edges: list[tuple[str, str]] | None, source: str) -> None:
    items = sum(len(p.tasks) for p in corpus)
    for suggest in (False, True):
        start = time.perf_counter()
        pairs = PlanGraph.from_corpus(corpus).implements_edges() if edges is None else edges
        result = corpus_coverage(corpus, pairs, suggest=suggest)
        elapsed = time.perf_counter() - start
        share = result.percent or 0.0
        print(
            f"{source}: {len(corpus)} plans, {items} tasks, {len(result.edges)} edges, "
            f"suggest={suggest}: {elapsed:.2f} s (overall {share:.1f}%)"
        )


def timing(n_plans: int) -> None:
    # Our own tree of ~20 tasks a plan, edges given (no graph building), then the shared
    # generator of bench/synthetic.py through the plan graph, as the CLI runs it.
    corpus, edges = synthetic(n_plans, seed=1)
    _time(corpus, edges, "own generator")
    try:
        from synthetic import generate  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        print("bench/synthetic.py is not there: skipped")
    else:
        _time(generate(n_plans, 1), None, "bench/synthetic.py + PlanGraph")


def kept(n_plans: int) -> None:
    """What coverage leaves behind once it returns: nothing of the texts it prepared."""
    corpus, edges = synthetic(n_plans, seed=2)
    corpus_coverage(corpus, edges[:1])  # tables built on first use are not counted
    gc.collect()
    tracemalloc.start()
    result = corpus_coverage(corpus, edges)
    _, peak = tracemalloc.get_traced_memory()
    del result
    gc.collect()
    after, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"memory, {n_plans} plans, suggest=True: {peak / 2**20:.1f} MiB at the peak, "
        f"{after / 2**20:.1f} MiB kept once coverage returns"
    )


if __name__ == "__main__":
    quality()
    n_plans = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    timing(n_plans)
    kept(min(n_plans, 3_000))
