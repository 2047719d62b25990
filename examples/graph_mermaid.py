"""Draw the cascade of a corpus as a Mermaid flowchart (paste it into a Markdown page).

Usage: python examples/graph_mermaid.py [OUTPUT.mmd]   (default: print it)

``cchc.PlanGraph`` comes from ``cchc``, the Mermaid export from its face ``cchc.graph``.
``python -m cchc graph --format mermaid`` prints the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cchc
from cchc.graph import to_mermaid


def main(argv: list[str]) -> int:
    corpus = cchc.load_corpus(cchc.bundled_corpus_path())
    graph = cchc.PlanGraph.from_corpus(corpus)
    print(f"{len(graph)} nodes: {len(corpus)} plans, {len(graph.external_keys())} cited only")
    print("roots:", ", ".join(graph.roots()))
    # A plan may implement several parents: each route up is one lineage.
    for path in graph.lineage("ht-cx-cd-kh-49-2022"):
        print("lineage:", " -> ".join(path))

    mermaid = to_mermaid(graph, graph.cascade_keys())
    if len(argv) > 1:
        Path(argv[1]).write_text(mermaid, encoding="utf-8")
        print(f"wrote {argv[1]}")
    else:
        print(mermaid, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
