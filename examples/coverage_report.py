"""Check how a child plan carries its parent: coverage, waivers, gaps in concreteness.

Usage: python examples/coverage_report.py

Copies the bundled corpus into a temporary folder, adds a derived district plan with one
task waived and one dropped, and reports.  ``python -m cchc coverage`` prints the same as
a table.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import attrs

import cchc


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        shutil.copytree(cchc.bundled_corpus_path(), folder)
        corpus = cchc.load_corpus(folder)
        parent = corpus.plan("hn-kh-54-2024")
        child = cchc.derive(parent, "UBND quận Ba Đình", 2024, units=corpus.units)
        tasks = list(child.tasks)
        # The city's order to build this plan (tc1) does not apply as a task: waive it.
        tasks[-1] = attrs.evolve(tasks[-1], waiver="Kế hoạch này thực hiện nhiệm vụ tc1.")
        # Drop nd5 to see a parent item go missing.
        tasks = [t for t in tasks if t.id != "nd5"]
        cchc.dump_plan(attrs.evolve(child, tasks=tuple(tasks)), folder / "ba-dinh.yaml")

        corpus = cchc.load_corpus(folder)
        edges = cchc.PlanGraph.from_corpus(corpus).implements_edges()
        report = cchc.corpus_coverage(corpus, edges, plan=child.key)
        for edge in report.edges:
            print(f"{edge.parent} -> {edge.child}: {edge.carried}/{len(edge.items)} carried")
            for item in edge.items:
                extra = f" ({item.reason})" if item.reason else ""
                print(f"  {item.item}: {item.status.value}{extra}")
        print(f"overall: {report.percent:.0f}%")
        for gap in report.concreteness:
            print(f"not concrete: {gap.item} lacks {', '.join(gap.missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
