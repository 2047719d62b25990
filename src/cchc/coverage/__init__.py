"""Coverage: whether each parent item is carried down, matching, concreteness.

The public face of ``cchc.coverage``: every name below is documented in the API reference;
the underscore modules behind it are internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc._faces import lazy

if TYPE_CHECKING:
    from cchc.coverage._concreteness import (
        VAGUE_WORDS,
        Essential,
        Gap,
        Weakening,
        concreteness,
        weakened,
    )
    from cchc.coverage._coverage import (
        CorpusCoverage,
        corpus_coverage,
        dangling_links,
        suspect_links,
    )
    from cchc.coverage._edge import (
        DEFAULT_KINDS,
        EdgeCoverage,
        EdgeStatus,
        Family,
        ItemCoverage,
        ItemKind,
        Status,
        edge_coverage,
    )
    from cchc.coverage._match import (
        DEFAULT_THRESHOLD,
        FILLER_PHRASES,
        STOPWORDS,
        Match,
        Prepared,
        best_match,
        compare,
        prepare,
        score,
    )
    from cchc.coverage._suspect import ChangedLink
    from cchc.coverage._trace import Matrix, TraceStep, matrix, trace

__all__ = [
    "DEFAULT_KINDS",
    "DEFAULT_THRESHOLD",
    "FILLER_PHRASES",
    "STOPWORDS",
    "VAGUE_WORDS",
    "ChangedLink",
    "CorpusCoverage",
    "EdgeCoverage",
    "EdgeStatus",
    "Essential",
    "Family",
    "Gap",
    "ItemCoverage",
    "ItemKind",
    "Match",
    "Matrix",
    "Prepared",
    "Status",
    "TraceStep",
    "Weakening",
    "best_match",
    "compare",
    "concreteness",
    "corpus_coverage",
    "dangling_links",
    "edge_coverage",
    "matrix",
    "prepare",
    "score",
    "suspect_links",
    "trace",
    "weakened",
]

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(
        __name__,
        {
            "ChangedLink": "cchc.coverage._suspect",
            "CorpusCoverage": "cchc.coverage._coverage",
            "DEFAULT_KINDS": "cchc.coverage._edge",
            "DEFAULT_THRESHOLD": "cchc.coverage._match",
            "EdgeCoverage": "cchc.coverage._edge",
            "EdgeStatus": "cchc.coverage._edge",
            "Essential": "cchc.coverage._concreteness",
            "FILLER_PHRASES": "cchc.coverage._match",
            "Family": "cchc.coverage._edge",
            "Gap": "cchc.coverage._concreteness",
            "ItemCoverage": "cchc.coverage._edge",
            "ItemKind": "cchc.coverage._edge",
            "Match": "cchc.coverage._match",
            "Matrix": "cchc.coverage._trace",
            "Prepared": "cchc.coverage._match",
            "STOPWORDS": "cchc.coverage._match",
            "Status": "cchc.coverage._edge",
            "TraceStep": "cchc.coverage._trace",
            "VAGUE_WORDS": "cchc.coverage._concreteness",
            "Weakening": "cchc.coverage._concreteness",
            "best_match": "cchc.coverage._match",
            "compare": "cchc.coverage._match",
            "concreteness": "cchc.coverage._concreteness",
            "corpus_coverage": "cchc.coverage._coverage",
            "dangling_links": "cchc.coverage._coverage",
            "edge_coverage": "cchc.coverage._edge",
            "matrix": "cchc.coverage._trace",
            "prepare": "cchc.coverage._match",
            "score": "cchc.coverage._match",
            "suspect_links": "cchc.coverage._coverage",
            "trace": "cchc.coverage._trace",
            "weakened": "cchc.coverage._concreteness",
        },
    )
