"""Issuer wordings of citations resolved to the units of a corpus.

"của UBND tỉnh" in a Lạng Sơn city plan is the Lạng Sơn province; "của UBND Thành phố" in
a Hà Nội plan is Hà Nội itself: relative issuers resolve against the citing body.
:func:`resolve_issuer` handles relative wordings through the citing unit's chain of
parents, and absolute ones ("UBND tỉnh Hà Tĩnh") through unit names and aliases.

A citation names the body that issued the cited document *on its date*: when a new
province of 1 July 2025 cites "Kế hoạch ... năm 2024 của UBND tỉnh", the issuer is the
province as it was in 2024, the unit whose ``successor`` the new one is.
:func:`resolve_issuers` walks ``successor`` back to the units that existed on the cited
date (``chains_on`` of ``cchc.model._units``); after a merger of several provinces into one, each
of them is a candidate, and the cited reference decides which (see ``BasisResolver``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from cchc.model._units import chains_on, unit_chain, unit_key, units_named
from cchc.text._vocab import Level

if TYPE_CHECKING:
    from cchc.model._plan import Unit

__all__ = ["resolve_issuer", "resolve_issuers"]

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


def resolve_issuer(
    issuer_text: str, citing_unit: str, units: Mapping[str, Unit], *, on: dt.date | None = None
) -> str | None:
    """The code of the unit *issuer_text* names, as cited by the unit *citing_unit*.

    Relative wordings resolve against the citing unit and its ``parent`` chain:
    in a Lạng Sơn city plan "UBND tỉnh" is the province and "UBND thành
    phố" the city itself; in a Hà Nội plan "UBND Thành phố" is Hà Nội.  "Tỉnh ủy",
    "Ban Thường vụ Tỉnh ủy" become the party committee of the province found in the chain.
    A relative wording never names a unit outside the chain's places, even when some unit
    has it as an alias.  Other wordings ("UBND tỉnh Hà Tĩnh") are matched with unit names
    and aliases, folded.  With *on*, the cited document's date, the chain is that of the
    units that were the citing unit on that day (:func:`resolve_issuers`).  None when
    nothing matches, or several units do and none is in the chain.
    """
    found = resolve_issuers(issuer_text, citing_unit, units, on=on)
    return found[0] if len(found) == 1 else None


def resolve_issuers(
    issuer_text: str, citing_unit: str, units: Mapping[str, Unit], *, on: dt.date | None = None
) -> tuple[str, ...]:
    """Every unit *issuer_text* may name, as cited by *citing_unit* about a document of *on*.

    Without *on*, or when the citing unit existed on *on*, at most one code, as
    :func:`resolve_issuer` gives.  When it did not, each unit that was the citing unit
    on that day (its predecessors through ``successor``, or those of a unit above it)
    resolves the wording against its own chain, and the codes they give come back in
    registry order: one when the predecessors agree, several after a merger (two old
    provinces both read "UBND tỉnh" as themselves).  A unit that did not exist on *on*
    is never given for an absolute wording either, when one that did shares its name.
    """
    key = unit_key(issuer_text)
    if not key:
        return ()
    if on is None:
        chains: tuple[tuple[str, ...], ...] = (unit_chain(units, citing_unit),)
    else:
        chains = chains_on(units, citing_unit, on) or ((),)
    found: list[str] = []
    for codes in chains:
        one = _resolve_in(key, [units[c] for c in codes if c in units], units, on)
        if one is not None and one not in found:
            found.append(one)
    return tuple(found)


def _resolve_in(
    key: str, chain: list[Unit], units: Mapping[str, Unit], on: dt.date | None
) -> str | None:
    """Resolve the folded wording *key* against one chain of parents (nearest first)."""
    if _is_relative(key):
        found = _resolve_relative(key, chain, units, on) if chain else None
        if found is not None:
            return found
        codes = {unit.code for unit in chain}
        in_chain = [code for code in units_named(key, units) if code in codes]
        return in_chain[0] if len(in_chain) == 1 else None
    return _unique(units_named(key, units), chain, units, on)


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


def _resolve_relative(
    key: str, chain: list[Unit], units: Mapping[str, Unit], on: dt.date | None
) -> str | None:
    """Resolve a relative wording: find the chain's unit at its level, then its place."""
    if (match := _RELATIVE_PARTY.match(key)) is not None:
        return _resolve_party(key, match["level"], chain, units, on)
    match = _RELATIVE_LEVEL.match(key)
    if match is None or not match["body"]:
        return None
    word, body = match["level"], match["body"]
    target = _target(word, chain, committee=body == "ubnd")
    if target is not None and body == "ubnd" and _is_committee(target):
        return target.code
    place = _place(target) if target is not None else None
    return _unique(units_named(f"{key} {place}", units), chain, units, on) if place else None


def _resolve_party(
    key: str, level: str, chain: list[Unit], units: Mapping[str, Unit], on: dt.date | None
) -> str | None:
    """Resolve "Tỉnh ủy", "Ban Thường vụ Tỉnh ủy": the party committee of the chain's place."""
    word = _PARTY_LEVEL_WORD.get(level)
    target = _target(word, chain, committee=False) if word else None
    place = _place(target) if target is not None else None
    if place is None:
        return None
    # The standing board acts for its committee: fall back to the committee itself.
    for wording in (f"{key} {place}", f"{level} uy {place}"):
        found = _unique(units_named(wording, units), chain, units, on)
        if found is not None:
            return found
    return None


def _unique(
    codes: tuple[str, ...], chain: list[Unit], units: Mapping[str, Unit], on: dt.date | None
) -> str | None:
    """The one code of *codes*, else the one in *chain*; None when that leaves several.

    With *on*, units that did not exist that day drop out first when others remain: a
    same-named unit of another time (the province before or after a merger) is not the one.
    """
    if on is not None and len(codes) > 1:
        existing = tuple(code for code in codes if units[code].is_valid_on(on))
        codes = existing or codes
    if len(codes) == 1:
        return codes[0]
    in_chain = [code for code in codes if code in {unit.code for unit in chain}]
    return in_chain[0] if len(in_chain) == 1 else None
