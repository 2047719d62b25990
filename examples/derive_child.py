"""Derive a district's plan from the city's, fill one task in, write it, read it back.

Usage: python examples/derive_child.py [OUTPUT.yaml]   (default: a temporary folder)

``python -m cchc derive`` is the command-line way to do the same.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import attrs

import cchc


def main(argv: list[str]) -> int:
    corpus = cchc.load_corpus(cchc.bundled_corpus_path())
    parent = corpus.plan("hn-kh-54-2024")
    child = cchc.derive(parent, "UBND quận Ba Đình", 2024, units=corpus.units)
    print(f"derived {child.key}: {child.status.value}, issuer {child.issuer}")
    print(f"  {len(child.tasks)} tasks, each linked to its parent item:")
    print("  " + ", ".join(f"{t.id} <- {t.inherits[0]}" for t in child.tasks))

    # The skeleton leaves who, what and when to the district: fill in the first task.
    first = attrs.evolve(
        child.tasks[0],
        lead=(child.issuer,),
        products=("tin, bài trên Trang thông tin điện tử quận",),
        schedules=(
            cchc.Schedule(
                kind=cchc.ScheduleKind.QUOTA,
                cadences=(cchc.Cadence.MONTHLY,),
                count=1,
                what="tin, bài",
            ),
        ),
    )
    child = attrs.evolve(child, tasks=(first, *child.tasks[1:]))

    with tempfile.TemporaryDirectory() as scratch:
        target = Path(argv[1]) if len(argv) > 1 else Path(scratch) / "ba-dinh-2024.yaml"
        cchc.dump_plan(child, target, force=True)
        again = cchc.load_plan(target)
        print(f"wrote {target.name}; read back equal: {again == child}")
        print(f"  first task: lead {again.tasks[0].lead}, products {again.tasks[0].products}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
