"""Load a corpus and ask it questions: plans, their items, units, references.

Usage: python examples/load_and_query.py [CORPUS]   (default: the bundled example corpus)
"""

from __future__ import annotations

import sys
from collections import Counter

import cchc


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else cchc.bundled_corpus_path()
    try:
        corpus = cchc.load_corpus(path)
    except cchc.CorpusError as error:
        # Every problem of every file, one a line: file: $.path: message.
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    print(f"{len(corpus)} plans, {len(corpus.units)} units")

    kinds = Counter(plan.kind.vietnamese for plan in corpus)
    print("by kind:", ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))

    # Plans known only from another document's citation have no items of their own.
    cited = [p.key for p in corpus if p.status is cchc.PlanStatus.CITED]
    print("known only from citations:", ", ".join(cited))

    plan = corpus.get("hn-kh-54-2024")
    if plan is not None:
        print(f"\n{plan.kind.vietnamese} {plan.ref} of {corpus.unit_name(plan.issuer)}")
        print(f"  issued {plan.issued}, covers {plan.period}, title: {plan.title}")
        print(f"  {len(plan.content_items)} content items, {len(plan.duties)} duties,")
        print(f"  {len(plan.channels)} channels: {', '.join(c.kind.value for c in plan.channels)}")
        implements = [b for b in plan.legal_bases if b.relation is cchc.Relation.IMPLEMENTS]
        print("  implements:", ", ".join(str(b.ref) for b in implements))
        procedures = [t.id for t in plan.tasks if t.area is cchc.ReformArea.PROCEDURES]
        print("  tasks on administrative procedures:", ", ".join(procedures))

    # A reference read from text: number, type and issuer.
    ref = cchc.parse_ref("Số: 54/KH-UBND")
    kind = ref.kind.value if ref.kind else None
    print(f"\nparse_ref: number {ref.number}, kind {kind}, issuer {ref.issuer}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
