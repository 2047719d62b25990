"""Vietnamese text handling: normalisation, diacritics folding and tokens.

Text is data in cchc: it is stored exactly as written, in Unicode NFC.  Comparisons
go through :func:`fold`, which removes case and diacritics (``đ`` becomes ``d``) so
that ``Cải cách`` and ``CAI CACH`` compare equal while the stored text stays intact.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from cchc._faces import rehome

__all__ = [
    "ABBREVIATIONS",
    "Forbidden",
    "expand_abbreviations",
    "first_forbidden_character",
    "fold",
    "forbidden_characters",
    "is_nfc",
    "nfc",
    "same_text",
    "tokens",
]


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC, the form Vietnamese text is stored in."""
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    """Tell whether *text* is already in NFC."""
    return unicodedata.is_normalized("NFC", text)


class Forbidden(NamedTuple):
    """A character plan text may not hold, and where: shown as ``U+0007``, never raw."""

    position: int
    """Where it stands in the text, from 0."""
    char: str
    """The character itself."""

    def __str__(self) -> str:
        code = f"U+{ord(self.char):04X}"
        if 0xD800 <= ord(self.char) <= 0xDFFF:
            code += " (a lone surrogate)"
        return f"{code} at character {self.position + 1}"

    def __repr__(self) -> str:
        return str(self)


# Control characters (C0, DEL and C1) can drive a terminal or forge a line of output, and a
# lone surrogate cannot be written as UTF-8 at all: JSON and YAML escapes (\u0007, \ud800)
# are the only way in.  Text that may run over several lines keeps its tabs and line breaks.
_FORBIDDEN_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def forbidden_characters(text: str, *, multiline: bool = False) -> Iterator[Forbidden]:
    """The characters of *text* that plan text may not hold, in order.

    Those are control characters (C0, DEL and C1: general category Cc) and lone surrogates
    (Cs).  Text of one line (a title, a name, a code) may not hold a tab or a line break
    either (LF, or the Unicode separators U+2028 and U+2029); *multiline* text keeps tab and
    line feed, and the two separators.
    """
    pattern = _FORBIDDEN_IN_TEXT if multiline else _FORBIDDEN_IN_LINE
    for match in pattern.finditer(text):
        yield Forbidden(match.start(), match.group())


def first_forbidden_character(text: str, *, multiline: bool = False) -> Forbidden | None:
    """The first of :func:`forbidden_characters`, or None: the quick test of every text read."""
    match = (_FORBIDDEN_IN_TEXT if multiline else _FORBIDDEN_IN_LINE).search(text)
    return None if match is None else Forbidden(match.start(), match.group())


# Characters whose base letter is not what NFD decomposition leaves behind.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


_FOLD_CACHE_SIZE = 4096
"""How many folded texts :func:`fold` keeps, least recently used first out.

The texts folded again and again are short and few (words of item texts, unit names,
issuer and vocabulary words): coverage of 3,000 plans of 20 tasks folds about 8,000
distinct texts 200,000 times, as fast with 1,024 entries kept as with 65,536, and in a
fifth to a quarter less time than with none (``bench/bench_coverage.py``).  A larger
cache would only keep long item texts alive for the life of the process.
"""

_FOLD_CACHE_LENGTH = 100
"""Only texts of at most this many characters are kept: words, codes and unit names.

An item text is folded once or twice a computation, so keeping it saves nothing; with the
length bounded too, the cache holds a few mebibytes at most whatever the corpus (a hostile
file may hold texts of a million characters).  Texts prepared for matching are kept only
by the computation that prepared them (:class:`cchc.coverage._match.PreparedTexts`).
"""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_fold_short = functools.lru_cache(maxsize=_FOLD_CACHE_SIZE)(_fold)


def fold(text: str) -> str:
    """Fold *text* for comparison: lower case, no diacritics, ``đ`` as ``d``, single spaces."""
    return _fold(text) if len(text) > _FOLD_CACHE_LENGTH else _fold_short(text)


def same_text(left: str, right: str) -> bool:
    """Compare two texts diacritics- and case-insensitively."""
    return fold(left) == fold(right)


_WORD = re.compile(r"\w+(?:[&/.-]\w+)*", re.UNICODE)


def tokens(text: str) -> tuple[str, ...]:
    """Split *text* into folded word tokens (abbreviations such as ``CCHC&PC`` stay whole)."""
    return tuple(_WORD.findall(fold(text)))


# Abbreviations that CCHC documents use in running text, with their full form.  The
# list follows the seeds and common usage in plans issued under NQ 76/NQ-CP.
ABBREVIATIONS: dict[str, str] = {
    "CCHC": "cải cách hành chính",
    "TTHC": "thủ tục hành chính",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "CB, CC, VC": "cán bộ, công chức, viên chức",
    "CNVCLĐ": "công nhân, viên chức, lao động",
    "DVCTT": "dịch vụ công trực tuyến",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "LĐLĐ": "Liên đoàn Lao động",
    "CĐCS": "công đoàn cơ sở",
    "CNTT": "công nghệ thông tin",
    "VBQPPL": "văn bản quy phạm pháp luật",
    "TTĐT": "thông tin điện tử",
    "KT-XH": "kinh tế - xã hội",
    "PBGDPL": "phổ biến, giáo dục pháp luật",
}

_ABBREVIATION_RE = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)"
)


def expand_abbreviations(text: str) -> str:
    """Replace the known abbreviations in *text* by their full Vietnamese form."""
    return _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], nfc(text))


# Users import these from their public face; they say so in their __module__.
rehome("cchc.text", Forbidden)
