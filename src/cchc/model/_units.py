"""Units by name and by their chain of parents: the one name matcher and the one walker.

Documents name units in many ways: ``UBND Thành phố Hà Nội``, ``Ủy ban nhân dân thành phố
Hà Nội``, ``của UBND TP. Hà Nội``, ``Thành ủy Hà Nội khóa XVII``.  :func:`unit_key` folds
every such wording to one comparison key (no case or diacritics, long forms contracted),
so that citations, ``derive --unit`` and ``calendar --unit`` all match names the same way;
the text itself is never changed.  :func:`unit_chain` walks ``Unit.parent`` upwards;
:func:`units_on` and :func:`chains_on` walk ``Unit.successor`` (both ways) to the units that
existed on a given day, and :func:`unit_label` tells apart units that share a name.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Collection, Mapping

from cchc.exceptions import ModelError
from cchc.model._plan import Unit
from cchc.text._dates import format_vn_date
from cchc.text._normal import ABBREVIATIONS, fold

__all__ = [
    "chains_on",
    "dated_name",
    "find_unit",
    "shared_names",
    "sharing_a_name",
    "unit_chain",
    "unit_key",
    "unit_label",
    "units_named",
    "units_on",
]


def _contractions() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The long forms of :data:`~cchc.text.ABBREVIATIONS`, folded, each to its abbreviation."""
    short: dict[str, str] = {}
    for abbreviation, full in ABBREVIATIONS.items():
        short.setdefault(fold(full), fold(abbreviation))
    pairs = [
        (re.compile(rf"(?<!\w){re.escape(full)}(?!\w)"), abbreviation)
        for full, abbreviation in sorted(short.items(), key=lambda item: -len(item[0]))
    ]
    # "TP." and "TP" stand for thành phố in names ("UBND TP. Lạng Sơn").
    return (*pairs, (re.compile(r"\btp\.? ?"), "thanh pho "))


_CONTRACTIONS = _contractions()
_LEADING_OF = re.compile(r"^cua ")
_TERM = re.compile(r" (?:khoa|nhiem ky) [ivxlcdm0-9 -]+$")


def _unit_key(wording: str) -> str:
    key = fold(wording)
    for pattern, short in _CONTRACTIONS:
        key = pattern.sub(short, key)
    key = _LEADING_OF.sub("", " ".join(key.split()))
    return _TERM.sub("", key)


# Bounded in count and in length: the wordings and unit names of a corpus are few and short,
# and a long-running process that meets many corpora (or a file of million-character
# "names") keeps only the most recent short ones.
_unit_key_short = functools.lru_cache(maxsize=4096)(_unit_key)
_UNIT_KEY_CACHE_LENGTH = 200


def unit_key(wording: str) -> str:
    """The key a unit's name or a wording of it is compared by.

    Case and diacritics go (:func:`~cchc.text.fold`), long forms become their abbreviation
    (``Ủy ban nhân dân`` and ``UBND`` both give ``ubnd``), ``TP.`` becomes ``thanh pho``,
    and a leading ``của`` and a trailing committee term (``khóa XVII``) are dropped.
    """
    if len(wording) > _UNIT_KEY_CACHE_LENGTH:
        return _unit_key(wording)
    return _unit_key_short(wording)


def units_named(wording: str, units: Mapping[str, Unit]) -> tuple[str, ...]:
    """The codes of the units of *units* whose name or an alias is *wording*, by :func:`unit_key`.

    Several codes come back when several units share a name (``UBND thành phố`` is an alias
    of Hà Nội and of the city of Lạng Sơn): which one is meant is for the caller to decide.
    """
    key = unit_key(wording)
    if not key:
        return ()
    return tuple(
        code
        for code, unit in units.items()
        if key == unit_key(unit.name) or any(key == unit_key(alias) for alias in unit.aliases)
    )


def find_unit(text: str, units: Mapping[str, Unit]) -> Unit | None:
    """The unit of *units* whose code, name or alias *text* is; None when there is none.

    A code is taken as it is, else compared folded (``HN.SNV``); a name or alias as
    :func:`units_named` compares it.  A name that several units share names none of them
    for sure: :class:`~cchc.ModelError` listing their codes, so that the caller asks for one.
    """
    if text in units:
        return units[text]
    folded = fold(text)
    for code, unit in units.items():
        if fold(code) == folded:
            return unit
    codes = units_named(text, units)
    if len(codes) > 1:
        raise ModelError(
            "unit",
            f"the code or name of one unit ({', '.join(codes)} are all named so: give a code)",
            text,
        )
    return units[codes[0]] if codes else None


def unit_chain(units: Mapping[str, Unit], code: str) -> tuple[str, ...]:
    """*code* and the codes of the units above it through ``Unit.parent``, nearest first.

    The walk stops at a unit that is not declared (its code is the last one) and at a code
    met before, so a cycle of parents (which ``validate`` reports as ``graph.unit_cycle``)
    ends it instead of looping.
    """
    chain = [code]
    seen = {code}
    unit = units.get(code)
    while unit is not None and unit.parent is not None and unit.parent not in seen:
        chain.append(unit.parent)
        seen.add(unit.parent)
        unit = units.get(unit.parent)
    return tuple(chain)


def units_on(units: Mapping[str, Unit], code: str, day: dt.date) -> tuple[str, ...]:
    """The units that were *code* on *day*: itself if it existed then, else along ``successor``.

    Before a unit began, it was the units whose ``successor`` it is (several when they
    merged into it: provinces merged on 1 July 2025), or their own predecessors, walked
    back until one existed on *day*; after it ended, it is its successor (or the
    successor's), walked forward.  A code that is not declared is kept as it is.  Empty
    when no unit of the chain existed on *day* (a body created after it, with no
    predecessor declared).  Each unit is visited once, so a cycle of successors (reported
    by ``validate`` as ``graph.unit_cycle``) ends the walk.
    """
    found: list[str] = []
    seen: set[str] = set()
    todo = [code]
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        unit = units.get(current)
        if unit is None or unit.is_valid_on(day):
            found.append(current)
        elif unit.valid_from is not None and day < unit.valid_from:
            todo.extend(other for other, old in units.items() if old.successor == current)
        elif unit.successor is not None:
            todo.append(unit.successor)
    return tuple(found)


def chains_on(units: Mapping[str, Unit], code: str, day: dt.date) -> tuple[tuple[str, ...], ...]:
    """The chains of parents of the units that were *code* on *day*, nearest first.

    Like :func:`unit_chain`, but each unit of the chain is replaced by the units that
    were it on *day* (:func:`units_on`): one chain per predecessor after a merger.  A unit
    that did not exist then and has no predecessor (a department of a province created on
    1 July 2025) is left out and the walk goes on with its parent, since a relative issuer
    it writes ("UBND tỉnh") names a body above it.  At most :data:`MAX_CHAINS` chains.
    """
    return tuple(_chains_from(units, code, day, frozenset())[:MAX_CHAINS])


MAX_CHAINS = 64
"""Chains :func:`chains_on` gives at most: mergers at every level multiply them."""


def _chains_from(
    units: Mapping[str, Unit], code: str, day: dt.date, seen: frozenset[str]
) -> list[tuple[str, ...]]:
    seen = seen | {code}
    then = units_on(units, code, day)
    if not then:
        unit = units.get(code)
        above = unit.parent if unit is not None else None
        return _chains_from(units, above, day, seen) if above and above not in seen else [()]
    chains: list[tuple[str, ...]] = []
    for one in then:
        unit = units.get(one)
        above = unit.parent if unit is not None else None
        rests = (
            _chains_from(units, above, day, seen | {one})
            if above is not None and above not in seen | {one}
            else [()]
        )
        chains.extend((one, *rest) for rest in rests)
        if len(chains) >= MAX_CHAINS:
            break
    return chains


def shared_names(units: Mapping[str, Unit]) -> frozenset[str]:
    """The name keys (:func:`unit_key`) that more than one unit of *units* has."""
    seen: set[str] = set()
    shared: set[str] = set()
    for unit in units.values():
        key = unit_key(unit.name)
        (shared if key in seen else seen).add(key)
    return frozenset(shared)


def sharing_a_name(units: Mapping[str, Unit]) -> frozenset[str]:
    """The codes of the units of *units* whose name key (:func:`unit_key`) another has too."""
    codes: dict[str, list[str]] = {}
    for code, unit in units.items():
        codes.setdefault(unit_key(unit.name), []).append(code)
    return frozenset(code for alike in codes.values() if len(alike) > 1 for code in alike)


def unit_label(
    units: Mapping[str, Unit],
    code: str,
    *,
    english: bool = False,
    shared: Collection[str] | None = None,
) -> str:
    """The name of the unit *code* for output; the code itself when it is not declared.

    When another unit of *units* has the same name (by :func:`unit_key`: the province
    before a merger and the one after it), the name says when the unit existed:
    ``UBND tỉnh X (đến 30/06/2025)`` or, in English, ``(until 30/06/2025)``; ``từ``/
    ``from`` for its first day.  The name itself is kept exactly as written.  *shared*,
    the :func:`shared_names` of *units* when the caller keeps them, saves looking at
    every unit.
    """
    unit = units.get(code)
    if unit is None:
        return code
    key = unit_key(unit.name)
    if shared is None:
        alike = any(o.code != code and unit_key(o.name) == key for o in units.values())
    else:
        alike = key in shared
    return dated_name(unit, english=english) if alike else unit.name


def dated_name(unit: Unit, *, english: bool = False) -> str:
    """The unit's name with the days it existed, as :func:`unit_label` tells apart alike names."""
    words = ("from", "until") if english else ("từ", "đến")
    parts = [
        f"{word} {format_vn_date(day, 'numeric')}"
        for word, day in zip(words, (unit.valid_from, unit.valid_to), strict=True)
        if day is not None
    ]
    return f"{unit.name} ({' '.join(parts)})" if parts else unit.name
