"""Rendering for the terminal and as JSON: the only package of cchc that imports rich.

Each command has its own module here; they share the console set-up and the
language choice of :mod:`cchc.render._console`.  Every ``--json`` document comes from
the one converter of :mod:`cchc.render._json`.

The public face of ``cchc.render``: the JSON documents, as plain dicts ready for
``json.dumps``, exactly as the commands write them (the schemas in ``docs/schemas/``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc._faces import lazy

if TYPE_CHECKING:
    from cchc.render._documents import (
        calendar_document,
        citations_document,
        graph_document,
        plan_document,
        summary_document,
    )
    from cchc.render._streamed import coverage_document

__all__ = [
    "calendar_document",
    "citations_document",
    "coverage_document",
    "graph_document",
    "plan_document",
    "summary_document",
]

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(
        __name__,
        {
            "calendar_document": "cchc.render._documents",
            "citations_document": "cchc.render._documents",
            "coverage_document": "cchc.render._streamed",
            "graph_document": "cchc.render._documents",
            "plan_document": "cchc.render._documents",
            "summary_document": "cchc.render._documents",
        },
    )
