"""Offsets in the NFC form of a text mapped back to offsets in the text as given.

Citations are read from a text in NFC, but their spans must index the text the caller
gave, which may be decomposed (NFD, as some word processors write Vietnamese).
:func:`normalise` composes a text in bounded chunks and keeps what is needed to map an
offset back, so that only the few offsets a citation needs are ever walked.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator

import attrs

__all__ = ["Offsets", "normalise"]

_CHUNK = 512


@attrs.frozen
class Offsets:
    """Maps offsets of the NFC form of a text back to offsets of the text as given.

    The text is normalised in chunks cut before an ASCII character (which composes with
    nothing before it), so NFC offsets and given offsets agree at every chunk start;
    inside a chunk the clusters (a character and its combining marks) are walked, and
    only for the few offsets a citation needs.
    """

    text: str
    normal_starts: list[int]
    given_starts: list[int]

    def start(self, offset: int) -> int:
        """The given offset of the cluster holding NFC character *offset*."""
        chunk = bisect.bisect_right(self.normal_starts, offset) - 1
        walked = self.normal_starts[chunk]
        for first, last in self._clusters(chunk):
            walked += len(unicodedata.normalize("NFC", self.text[first:last]))
            if walked > offset:
                return first
        return self._chunk_end(chunk)

    def end(self, offset: int) -> int:
        """The given end of the cluster holding NFC character ``offset - 1``."""
        chunk = bisect.bisect_right(self.normal_starts, offset) - 1
        walked = self.normal_starts[chunk]
        if walked == offset:
            return self.given_starts[chunk]
        for first, last in self._clusters(chunk):
            walked += len(unicodedata.normalize("NFC", self.text[first:last]))
            if walked >= offset:
                return last
        return self._chunk_end(chunk)

    def _chunk_end(self, chunk: int) -> int:
        following = chunk + 1
        return (
            self.given_starts[following] if following < len(self.given_starts) else len(self.text)
        )

    def _clusters(self, chunk: int) -> Iterator[tuple[int, int]]:
        position, end = self.given_starts[chunk], self._chunk_end(chunk)
        while position < end:
            last = position + 1
            while last < end and unicodedata.combining(self.text[last]):
                last += 1
            yield position, last
            position = last


def normalise(text: str) -> tuple[str, Offsets | None]:
    """*text* in NFC, with the map back to offsets of *text* when the two differ."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    normal_starts: list[int] = []
    given_starts: list[int] = []
    position = length = 0
    while position < len(text):
        cut = _safe_cut(text, position + _CHUNK)
        piece = unicodedata.normalize("NFC", text[position:cut])
        normal_starts.append(length)
        given_starts.append(position)
        pieces.append(piece)
        length += len(piece)
        position = cut
    return "".join(pieces), Offsets(text, normal_starts, given_starts)


# No canonical composition has an ASCII character as its second element, and ASCII
# characters have combining class 0: NFC never joins text across a cut made before one.
_ASCII = re.compile(r"[\x00-\x7f]")


def _safe_cut(text: str, target: int) -> int:
    """The first offset from *target* before an ASCII character (or the text's end)."""
    if target >= len(text):
        return len(text)
    match = _ASCII.search(text, target)
    return match.start() if match is not None else len(text)
