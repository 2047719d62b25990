"""The plan graph: issuers, resolution of citations, the cascade, its checks, DOT and Mermaid.

The public face of ``cchc.graph``: every name below is documented in the API reference;
the underscore modules behind it are internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc._faces import lazy

if TYPE_CHECKING:
    from cchc.graph._amend import (
        Change,
        check_amendments,
        effective_corpus,
        effective_plan,
    )
    from cchc.graph._build import (
        EdgeKind,
        ExternalDocument,
    )
    from cchc.graph._checks import (
        REFORM_DAY,
        RULES,
        check,
    )
    from cchc.graph._expected import (
        ExpectedChildren,
        expected_children,
        expected_children_status,
    )
    from cchc.graph._export import (
        focus,
        to_dot,
        to_mermaid,
    )
    from cchc.graph._graph import (
        CycleError,
        PlanGraph,
    )
    from cchc.graph._issuers import (
        resolve_issuer,
        resolve_issuers,
    )
    from cchc.graph._resolve import (
        BasisResolver,
        external_key,
    )

__all__ = [
    "REFORM_DAY",
    "RULES",
    "BasisResolver",
    "Change",
    "CycleError",
    "EdgeKind",
    "ExpectedChildren",
    "ExternalDocument",
    "PlanGraph",
    "check",
    "check_amendments",
    "effective_corpus",
    "effective_plan",
    "expected_children",
    "expected_children_status",
    "external_key",
    "focus",
    "resolve_issuer",
    "resolve_issuers",
    "to_dot",
    "to_mermaid",
]

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(
        __name__,
        {
            "BasisResolver": "cchc.graph._resolve",
            "Change": "cchc.graph._amend",
            "check_amendments": "cchc.graph._amend",
            "effective_corpus": "cchc.graph._amend",
            "effective_plan": "cchc.graph._amend",
            "CycleError": "cchc.graph._graph",
            "EdgeKind": "cchc.graph._build",
            "ExpectedChildren": "cchc.graph._expected",
            "ExternalDocument": "cchc.graph._build",
            "PlanGraph": "cchc.graph._graph",
            "REFORM_DAY": "cchc.graph._checks",
            "RULES": "cchc.graph._checks",
            "check": "cchc.graph._checks",
            "expected_children": "cchc.graph._expected",
            "expected_children_status": "cchc.graph._expected",
            "external_key": "cchc.graph._resolve",
            "focus": "cchc.graph._export",
            "resolve_issuer": "cchc.graph._issuers",
            "resolve_issuers": "cchc.graph._issuers",
            "to_dot": "cchc.graph._export",
            "to_mermaid": "cchc.graph._export",
        },
    )
