"""The core of every citation: a kind word, "số" (or not) and a reference.

:func:`find_citations` (:mod:`cchc.refs._citations`) reads each core's date, issuer and
title; this module finds the cores.  Every pattern runs in linear time: each regex is free
of nested or adjacent overlapping repetition or runs on a window of bounded size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from cchc.exceptions import CchcError
from cchc.refs._header import KIND_OF_WORD
from cchc.refs._refs import MAX_REF_LENGTH, DocumentRef, parse_ref
from cchc.text._normal import fold
from cchc.text._vocab import DocumentKind, vietnamese_words

__all__ = ["SPACE", "Core", "find_cores"]

_KIND_WORDS = sorted(vietnamese_words(DocumentKind), key=len, reverse=True)
_KIND_PATTERN = "|".join(
    r"\s+".join(re.escape(part) for part in word.split()) for word in _KIND_WORDS
)
_SPACE = r"[ \t\u00a0]"
# The kind word just before "số"; searched only in a short window ending at "số".
_KIND_BEFORE = re.compile(rf"(?<!\w)(?P<kind>{_KIND_PATTERN})\s+\Z", re.IGNORECASE)
_KIND_WINDOW = max(len(word) for word in _KIND_WORDS) + 12
# The last letter of some kind word, case as _KIND_BEFORE ignores it: a cheap first test of
# the character before the spaces before "số", which most often rules a kind word out.
_KIND_LAST = re.compile(
    "[" + "".join(sorted({re.escape(word[-1]) for word in _KIND_WORDS})) + "]", re.IGNORECASE
)
_SO = re.compile(r"(?<!\w)[sS][ốỐ](?!\w)")
# A reference is read within this many characters after "số" (spaces and a colon, then at
# most MAX_REF_LENGTH): a longer run of symbol parts is no reference, and reading it whole
# would cost as much as the text.
_REF_WINDOW = MAX_REF_LENGTH + 16
_PART = r"[\w&]+(?:\.[\w&]+)*"
_SYMBOL_TEXT = rf"[^\W\d_][\w&]*(?:\.[\w&]+)*(?:{_SPACE}?-{_SPACE}?{_PART})*"
_REF_TEXT = re.compile(
    rf"{_SPACE}*(?::{_SPACE}*)?"
    rf"(?:(?P<party>[0-9]+{_SPACE}?-{_SPACE}?[^\W\d_]+{_SPACE}?/{_SPACE}?{_SYMBOL_TEXT})"
    rf"|(?P<state>[0-9]*{_SPACE}?/{_SPACE}?(?:[0-9]{{4}}{_SPACE}?/{_SPACE}?)?{_SYMBOL_TEXT})"
    rf"|(?P<bare>[0-9]+)(?![\w/-]))"
)


@attrs.frozen
class Core:
    """A kind word, "số" and a reference: the part every citation has."""

    start: int
    end: int
    kind: DocumentKind
    kind_text: str
    ref: DocumentRef | None


def find_cores(text: str) -> Iterator[Core]:
    """Each citation core of *text*, in order.

    Cores with ``số``, and a kind word right before a number and symbol
    (``Quyết định 35/QĐ-BNV``), which documents also write.
    """
    with_so = _cores_with_so(text)
    without = _cores_without_so(text)
    following = next(without, None)
    for core in with_so:
        while following is not None and following.start < core.start:
            if following.end <= core.start:
                yield following
            following = next(without, None)
        yield core
        while following is not None and following.start < core.end:
            following = next(without, None)
    while following is not None:
        yield following
        following = next(without, None)


# A number with a symbol (35/QĐ-BNV, 63/2022/NĐ-CP, 60-NQ/TU): a bare number after a kind
# word is no reference without "số" ("Kế hoạch 2024" is a year).
_NUMBERED = re.compile(
    rf"(?<![\w/.\-])[0-9]{{1,6}}{_SPACE}?(?:/{_SPACE}?(?:[0-9]{{4}}{_SPACE}?/{_SPACE}?)?"
    rf"|-{_SPACE}?[^\W\d_]+{_SPACE}?/{_SPACE}?)[^\W\d_]"
)


def _cores_without_so(text: str) -> Iterator[Core]:
    """Each kind word directly followed by a number and symbol, in order."""
    for anchor in _NUMBERED.finditer(text):
        start = anchor.start()
        if not _after_kind_word(text, start):
            continue
        kind_match = _KIND_BEFORE.search(text, max(0, start - _KIND_WINDOW), start)
        if kind_match is None:
            continue
        ref_match = _REF_TEXT.match(text, start, start + _REF_WINDOW)
        if ref_match is None or ref_match["bare"] is not None:
            continue
        ref, ref_end = _read_ref(text, ref_match)
        kind = KIND_OF_WORD.get(fold(kind_match["kind"]))
        if kind is None or ref is None:
            continue
        yield Core(
            start=kind_match.start(), end=ref_end, kind=kind, kind_text=kind_match["kind"], ref=ref
        )


def _cores_with_so(text: str) -> Iterator[Core]:
    """Each kind word + ``số`` + reference of *text*, in order."""
    position = 0
    while (anchor := _SO.search(text, position)) is not None:
        position = anchor.end()
        if not _after_kind_word(text, anchor.start()):
            continue
        kind_match = _KIND_BEFORE.search(
            text, max(0, anchor.start() - _KIND_WINDOW), anchor.start()
        )
        if kind_match is None:
            continue
        ref_match = _REF_TEXT.match(text, anchor.end(), anchor.end() + _REF_WINDOW)
        if ref_match is None:
            continue
        ref, ref_end = _read_ref(text, ref_match)
        kind_text = kind_match["kind"]
        kind = KIND_OF_WORD.get(fold(kind_text))
        if kind is None:  # pragma: no cover - every alternative of the pattern is a kind word
            continue
        position = ref_end
        yield Core(start=kind_match.start(), end=ref_end, kind=kind, kind_text=kind_text, ref=ref)


def _after_kind_word(text: str, start: int) -> bool:
    """Whether spaces, then a letter that may end a kind word, come just before *start*."""
    index = start - 1
    floor = max(0, start - _KIND_WINDOW)
    while index >= floor and text[index].isspace():
        index -= 1
    return index >= 0 and index < start - 1 and _KIND_LAST.match(text[index]) is not None


def _read_ref(text: str, match: re.Match[str]) -> tuple[DocumentRef | None, int]:
    """The reference a :data:`_REF_TEXT` match holds, and where it really ends.

    The pattern lets ``-`` join parts with stray spaces (``83/HD- LĐLĐ``); a part after
    a hyphen must start with a capital or a digit, so "54/KH-UBND - tiếp" stops at UBND.
    """
    group = next(name for name in ("party", "state", "bare") if match[name] is not None)
    start, end = match.span(group)
    if group != "bare":
        end = start + _trim_symbol(text[start:end])
    try:
        return parse_ref(text[start:end]), end
    except CchcError:
        return None, end


def _trim_symbol(written: str) -> int:
    """The length of *written* up to its last part that looks like a symbol part."""
    slash = written.rfind("/")
    head, tail = written[: slash + 1], written[slash + 1 :]
    parts = tail.split("-")
    kept = parts[0]
    for part in parts[1:]:
        stripped = part.strip()
        if not stripped or not (stripped[0].isupper() or stripped[0].isdigit()):
            break
        kept += "-" + part
    return len(head) + len(kept.rstrip())


SPACE = _SPACE
"""A space within a line: blank, tab or no-break space."""
