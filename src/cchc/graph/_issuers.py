"""Issuer wordings of citations resolved to the units of a corpus.

"của UBND tỉnh" in a Lạng Sơn city plan is the Lạng Sơn province; "của UBND Thành phố" in
a Hà Nội plan is Hà Nội itself: relative issuers resolve against the citing body.
:func:`resolve_issuer` handles relative wordings through the citing unit's chain of
parents, and absolute ones ("UBND tỉnh Hà Tĩnh") through unit names and aliases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from cchc.model._units import unit_chain, unit_key, units_named
from cchc.text._vocab import Level

if TYPE_CHECKING:
    from cchc.model._plan import Unit

__all__ = ["resolve_issuer"]

# A relative wording ends with a level word ("UBND tỉnh") or is a party committee
# named by its level alone ("Ban Thường vụ Tỉnh ủy").
_RELATIVE_LEVEL = re.compile(
    r"^(?P<body>.*?) ?\b(?P<level>tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)$"
)
_RELATIVE_PARTY = re.compile(
    r"^(?P<body>.*?) ?\b(?P<level>tinh|thanh|huyen|quan|thi|xa|phuong|dang) uy$"
)
_PARTY_LEVEL_WORD = {
    "tinh": "tinh",
    "thanh": "thanh pho",
    "huyen": "huyen",
    "quan": "quan",
    "thi": "thi xa",
    "xa": "xa",
    "phuong": "phuong",
}
_LEVEL_OF_WORD = {
    "tinh": (Level.PROVINCE,),
    "thanh pho": (Level.PROVINCE, Level.DISTRICT),
    "huyen": (Level.DISTRICT,),
    "quan": (Level.DISTRICT,),
    "thi xa": (Level.DISTRICT,),
    "xa": (Level.COMMUNE,),
    "phuong": (Level.COMMUNE,),
    "thi tran": (Level.COMMUNE,),
}
_PLACE_AFTER_LEVEL = re.compile(
    r"\b(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|(?:tinh|thanh|huyen|dang) uy)"
    r" (?P<place>.+)$"
)


def _has_level_word(key: str, word: str) -> bool:
    """Tell whether the folded *key* holds the level *word* (``xa`` not inside ``thi xa``)."""
    pattern = rf"(?<!thi )\b{word}\b" if word == "xa" else rf"\b{word}\b"
    return re.search(pattern, key) is not None


def _is_committee(unit: Unit) -> bool:
    return unit.symbol == "UBND" or unit_key(unit.name).startswith("ubnd")


def resolve_issuer(issuer_text: str, citing_unit: str, units: Mapping[str, Unit]) -> str | None:
    """The code of the unit *issuer_text* names, as cited by the unit *citing_unit*.

    Relative wordings resolve against the citing unit and its ``parent`` chain:
    in a Lạng Sơn city plan "UBND tỉnh" is the province and "UBND thành
    phố" the city itself; in a Hà Nội plan "UBND Thành phố" is Hà Nội.  "Tỉnh ủy",
    "Ban Thường vụ Tỉnh ủy" become the party committee of the province found in the chain.
    A relative wording never names a unit outside the chain's places, even when some unit
    has it as an alias.  Other wordings ("UBND tỉnh Hà Tĩnh") are matched with unit names
    and aliases, folded.  None when nothing matches, or several units do and none is in
    the chain.
    """
    key = unit_key(issuer_text)
    if not key:
        return None
    chain = [units[code] for code in unit_chain(units, citing_unit) if code in units]
    if _is_relative(key):
        found = _resolve_relative(key, chain, units) if chain else None
        if found is not None:
            return found
        codes = {unit.code for unit in chain}
        in_chain = [code for code in units_named(key, units) if code in codes]
        return in_chain[0] if len(in_chain) == 1 else None
    return _unique(units_named(key, units), chain)


_LEVEL_WORDS = ("tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran")


def _is_relative(key: str) -> bool:
    """Tell whether a folded wording names its place by level only ("ubnd tinh", "tinh uy")."""
    if _RELATIVE_PARTY.match(key) is not None:
        return True
    match = _RELATIVE_LEVEL.match(key)
    return (
        match is not None
        and bool(match["body"])
        and not any(_has_level_word(match["body"], word) for word in _LEVEL_WORDS)
    )


def _target(word: str, chain: list[Unit], *, committee: bool) -> Unit | None:
    """The nearest unit of *chain* at the level *word* names (UBND units first if *committee*)."""
    levels = _LEVEL_OF_WORD[word]
    candidates = [u for u in chain if _is_committee(u)] if committee else []
    for pool in (candidates, chain):
        for unit in pool:
            if _has_level_word(unit_key(unit.name), word) and unit.level in levels:
                return unit
        # A name without any level word ("UBND Lạng Sơn") is judged by its level alone.
        for unit in pool:
            name = unit_key(unit.name)
            if unit.level in levels and not any(_has_level_word(name, w) for w in _LEVEL_WORDS):
                return unit
    return None


def _place(unit: Unit) -> str | None:
    """The place name in a unit's name or aliases (``lang son`` of ``UBND tỉnh Lạng Sơn``)."""
    for wording in (unit.name, *unit.aliases):
        match = _PLACE_AFTER_LEVEL.search(unit_key(wording))
        if match is not None:
            return match["place"]
    return None


def _resolve_relative(key: str, chain: list[Unit], units: Mapping[str, Unit]) -> str | None:
    """Resolve a relative wording: find the chain's unit at its level, then its place."""
    if (match := _RELATIVE_PARTY.match(key)) is not None:
        return _resolve_party(key, match["level"], chain, units)
    match = _RELATIVE_LEVEL.match(key)
    if match is None or not match["body"]:
        return None
    word, body = match["level"], match["body"]
    target = _target(word, chain, committee=body == "ubnd")
    if target is not None and body == "ubnd" and _is_committee(target):
        return target.code
    place = _place(target) if target is not None else None
    return _unique(units_named(f"{key} {place}", units), chain) if place else None


def _resolve_party(
    key: str, level: str, chain: list[Unit], units: Mapping[str, Unit]
) -> str | None:
    """Resolve "Tỉnh ủy", "Ban Thường vụ Tỉnh ủy": the party committee of the chain's place."""
    word = _PARTY_LEVEL_WORD.get(level)
    target = _target(word, chain, committee=False) if word else None
    place = _place(target) if target is not None else None
    if place is None:
        return None
    # The standing board acts for its committee: fall back to the committee itself.
    for wording in (f"{key} {place}", f"{level} uy {place}"):
        found = _unique(units_named(wording, units), chain)
        if found is not None:
            return found
    return None


def _unique(codes: tuple[str, ...], chain: list[Unit]) -> str | None:
    if len(codes) == 1:
        return codes[0]
    in_chain = [code for code in codes if code in {unit.code for unit in chain}]
    return in_chain[0] if len(in_chain) == 1 else None
