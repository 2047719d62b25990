"""Plans cchc writes for an author: a child plan's skeleton, or a draft from a published text.

The public face of ``cchc.draft``: every name below is documented in the API reference;
the underscore modules behind it are internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc._faces import lazy

if TYPE_CHECKING:
    from cchc.draft._derive import (
        derive,
        unit_code,
    )
    from cchc.draft._drafter import (
        Draft,
        Provenance,
        Unplaced,
        draft_plan,
    )
    from cchc.draft._segments import Piece
    from cchc.draft._source import (
        Block,
        DocumentError,
        Source,
        read_document,
    )

__all__ = [
    "Block",
    "DocumentError",
    "Draft",
    "Piece",
    "Provenance",
    "Source",
    "Unplaced",
    "derive",
    "draft_plan",
    "read_document",
    "unit_code",
]

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(
        __name__,
        {
            "Block": "cchc.draft._source",
            "DocumentError": "cchc.draft._source",
            "Draft": "cchc.draft._drafter",
            "Piece": "cchc.draft._segments",
            "Provenance": "cchc.draft._drafter",
            "Source": "cchc.draft._source",
            "Unplaced": "cchc.draft._drafter",
            "derive": "cchc.draft._derive",
            "draft_plan": "cchc.draft._drafter",
            "read_document": "cchc.draft._source",
            "unit_code": "cchc.draft._derive",
        },
    )
