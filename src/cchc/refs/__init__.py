"""Document numbers and their identity (NĐ 30/2020 Điều 15), headers and citations in text.

The public face of ``cchc.refs``: every name below is documented in the API reference;
the underscore modules behind it are internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc._faces import lazy

if TYPE_CHECKING:
    from cchc.refs._citations import (
        Citation,
        find_citations,
    )
    from cchc.refs._header import (
        KIND_OF_WORD,
        Header,
        read_header,
    )
    from cchc.refs._identity import (
        RefIdentity,
        document_type,
        identity,
        identity_on,
        party_term,
    )
    from cchc.refs._refs import (
        DocumentRef,
        parse_ref,
    )

__all__ = [
    "KIND_OF_WORD",
    "Citation",
    "DocumentRef",
    "Header",
    "RefIdentity",
    "document_type",
    "find_citations",
    "identity",
    "identity_on",
    "parse_ref",
    "party_term",
    "read_header",
]

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(
        __name__,
        {
            "Citation": "cchc.refs._citations",
            "DocumentRef": "cchc.refs._refs",
            "Header": "cchc.refs._header",
            "KIND_OF_WORD": "cchc.refs._header",
            "RefIdentity": "cchc.refs._identity",
            "document_type": "cchc.refs._identity",
            "find_citations": "cchc.refs._citations",
            "identity": "cchc.refs._identity",
            "identity_on": "cchc.refs._identity",
            "parse_ref": "cchc.refs._refs",
            "party_term": "cchc.refs._identity",
            "read_header": "cchc.refs._header",
        },
    )
