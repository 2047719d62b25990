"""Plans cchc writes for an author: the skeleton of a child plan derived from its parent.

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

__all__ = [
    "derive",
    "unit_code",
]

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(
        __name__,
        {
            "derive": "cchc.draft._derive",
            "unit_code": "cchc.draft._derive",
        },
    )
