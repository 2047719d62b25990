"""Suggestions ("did you mean ..."): the known name closest to one that matched none.

A typo in a plan key, a unit code or a command-line value should be met with the name the
user meant.  Names are compared folded (no case or diacritics), by rapidfuzz's edit ratio;
only a close one is offered, and never more than one.
"""

from __future__ import annotations

from collections.abc import Iterable

from cchc.text._normal import fold

__all__ = ["closest", "did_you_mean"]

CUTOFF = 80.0
"""The least similarity (0-100) at which a known name is offered."""

_MAX_CHOICES = 100_000
"""Known names looked at at most: a suggestion must not cost more than the error."""


def closest(word: str, known: Iterable[str], *, cutoff: float = CUTOFF) -> str | None:
    """The name of *known* closest to *word* when one is close enough; None otherwise."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415 (only an error needs it)

    choices: dict[str, str] = {}
    for index, name in enumerate(known):
        if index >= _MAX_CHOICES:
            break
        choices.setdefault(fold(name), name)
    folded = fold(word)
    if not folded or (folded in choices and choices[folded] == word):
        return None
    found = process.extractOne(folded, list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if found is None else choices[found[0]]


def did_you_mean(word: str, known: Iterable[str], *, cutoff: float = CUTOFF) -> str:
    """`` (did you mean 'x'?)`` after a message about *word*, or nothing."""
    found = closest(word, known, cutoff=cutoff)
    return "" if found is None else f" (did you mean {found!r}?)"
