"""Vietnamese text as data: NFC, folding, tokens, visible output, dates, closed vocabularies.

The public face of ``cchc.text``: every name below is documented in the API reference;
the underscore modules behind it are internal.
"""

from __future__ import annotations

from cchc._visible import (
    escape_json,
    is_visible,
    visible,
)
from cchc.text._dates import (
    DateStyle,
    format_vn_date,
    parse_date,
)
from cchc.text._normal import (
    ABBREVIATIONS,
    Forbidden,
    expand_abbreviations,
    first_forbidden_character,
    fold,
    forbidden_characters,
    is_nfc,
    nfc,
    same_text,
    tokens,
)
from cchc.text._vocab import (
    Anchor,
    Bound,
    Cadence,
    ChannelKind,
    Comparator,
    DocumentKind,
    Level,
    Measure,
    PlanStatus,
    ReformArea,
    Relation,
    ScheduleKind,
    TaskKind,
    from_vietnamese,
)

__all__ = [
    "ABBREVIATIONS",
    "Anchor",
    "Bound",
    "Cadence",
    "ChannelKind",
    "Comparator",
    "DateStyle",
    "DocumentKind",
    "Forbidden",
    "Level",
    "Measure",
    "PlanStatus",
    "ReformArea",
    "Relation",
    "ScheduleKind",
    "TaskKind",
    "escape_json",
    "expand_abbreviations",
    "first_forbidden_character",
    "fold",
    "forbidden_characters",
    "format_vn_date",
    "from_vietnamese",
    "is_nfc",
    "is_visible",
    "nfc",
    "parse_date",
    "same_text",
    "tokens",
    "visible",
]
