"""Vietnamese text handling: normalisation, diacritics folding and tokens.

Text is data in cchc: it is stored exactly as written, in Unicode NFC.  Comparisons
go through :func:`fold`, which removes case and diacritics (``đ`` becomes ``d``) so
that ``Cải cách`` and ``CAI CACH`` compare equal while the stored text stays intact.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "ABBREVIATIONS",
    "expand_abbreviations",
    "fold",
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


# Characters whose base letter is not what NFD decomposition leaves behind.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold *text* for comparison: lower case, no diacritics, ``đ`` as ``d``, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


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
