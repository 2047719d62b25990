"""Units by name and by their chain of parents: the one name matcher and the one walker.

Documents name units in many ways: ``UBND Thành phố Hà Nội``, ``Ủy ban nhân dân thành phố
Hà Nội``, ``của UBND TP. Hà Nội``, ``Thành ủy Hà Nội khóa XVII``.  :func:`unit_key` folds
every such wording to one comparison key (no case or diacritics, long forms contracted),
so that citations, ``derive --unit`` and ``calendar --unit`` all match names the same way;
the text itself is never changed.  :func:`unit_chain` walks ``Unit.parent`` upwards.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from cchc.exceptions import ModelError
from cchc.model._plan import Unit
from cchc.text._normal import ABBREVIATIONS, fold

__all__ = ["find_unit", "unit_chain", "unit_key", "units_named"]


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
