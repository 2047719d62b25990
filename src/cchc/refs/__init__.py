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
    from cchc.refs._refs import (
        DocumentRef,
        RefIdentity,
        format_number,
        format_ref,
        identity,
        parse_ref,
    )

__all__ = [
    "KIND_OF_WORD",
    "Citation",
    "DocumentRef",
    "Header",
    "RefIdentity",
    "find_citations",
    "format_number",
    "format_ref",
    "identity",
    "parse_ref",
    "read_header",
]

__getattr__, __dir__ = lazy(
    __name__,
    {
        "Citation": "cchc.refs._citations",
        "DocumentRef": "cchc.refs._refs",
        "Header": "cchc.refs._header",
        "KIND_OF_WORD": "cchc.refs._header",
        "RefIdentity": "cchc.refs._refs",
        "find_citations": "cchc.refs._citations",
        "format_number": "cchc.refs._refs",
        "format_ref": "cchc.refs._refs",
        "identity": "cchc.refs._refs",
        "parse_ref": "cchc.refs._refs",
        "read_header": "cchc.refs._header",
    },
)
