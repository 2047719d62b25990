"""From a document's blocks to its paragraphs, with every character traced back to its block.

A PDF breaks paragraphs into lines, and a text copied from a web page or a PDF breaks them at
page ends ("... năm 2024" / "của thành phố; ..."): :func:`segments` joins such lines back
into the paragraph they belong to.  Each :class:`Segment` knows the blocks it was made of, so
that :meth:`Segmented.locate` turns a span of the joined text into the places of the source
(``page 2, line 7``, characters 4 to 60) that a draft's provenance gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from cchc._faces import rehome
from cchc.draft._source import Block, Source

__all__ = ["LABEL", "Piece", "Segment", "Segmented", "segments"]

LABEL = re.compile(
    r"(?P<label>(?:[IVXL]{1,6}|[0-9]{1,2}(?:\.[0-9]{1,2}){0,3})\.(?=\s|\Z)"
    r"|[0-9]{1,2}\)(?=\s)|[a-zđ]\)(?=\s)|[-+•–*](?=\s|[^\W\d_]))[ \t]*"
)
"""The number or mark that opens an item: ``II.``, ``1.``, ``1.2.``, ``a)``, ``-``, ``+``."""
_TERMINAL = (".", ";", ":", "!", "?", "./.", "”", '"')
_HEADING_LENGTH = 90


@attrs.frozen
class Piece:
    """Where a span of a segment lies in the source: a block and characters of its text."""

    where: str
    start: int
    end: int


@attrs.frozen
class Segment:
    """A paragraph: one or more blocks joined by spaces, with its number or mark."""

    text: str
    """The paragraph's text, its label included when the label is typed."""
    label: str | None
    """``II.``, ``1.``, ``a)``, ``-``; Word's automatic number when it gives one."""
    body: int
    """Where the text after the label starts."""
    parts: tuple[tuple[int, int], ...]
    """Each joined block: its index in the source, and where its text starts here."""
    cells: tuple[str, ...] = ()
    """The cells of a table row."""

    @property
    def content(self) -> str:
        """The text after the label."""
        return self.text[self.body :]


@attrs.frozen
class Segmented:
    """A source's paragraphs, and the text they make joined by line feeds."""

    source: Source
    items: tuple[Segment, ...]
    starts: tuple[int, ...]
    """Where each segment starts in :attr:`text`."""
    text: str

    def locate(self, index: int, start: int, end: int) -> tuple[Piece, ...]:
        """The places in the source of characters *start* to *end* of segment *index*."""
        segment = self.items[index]
        pieces = []
        parts = segment.parts
        for number, (block_index, offset) in enumerate(parts):
            block = self.source.blocks[block_index]
            part_end = offset + len(block.text)
            next_offset = parts[number + 1][1] if number + 1 < len(parts) else len(segment.text)
            if end <= offset or start >= max(part_end, next_offset):
                continue
            first = max(start, offset) - offset
            last = min(end, part_end) - offset
            if last > first:
                pieces.append(Piece(block.where, first, last))
        return tuple(pieces)

    def at(self, position: int) -> tuple[int, int]:
        """The segment holding *position* of :attr:`text`, and the offset in it."""
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= position:
                low = middle
            else:
                high = middle - 1
        return low, position - self.starts[low]

    def locate_text(self, start: int, end: int) -> tuple[Piece, ...]:
        """The places in the source of characters *start* to *end* of :attr:`text`."""
        first, offset = self.at(start)
        last, last_offset = self.at(max(start, end - 1))
        if first == last:
            return self.locate(first, offset, offset + (end - start))
        pieces = list(self.locate(first, offset, len(self.items[first].text)))
        for index in range(first + 1, last):
            pieces.extend(self.locate(index, 0, len(self.items[index].text)))
        pieces.extend(self.locate(last, 0, last_offset + 1))
        return tuple(pieces)


def _label(block: Block) -> tuple[str | None, int]:
    if block.label is not None:
        return block.label, 0
    match = LABEL.match(block.text)
    if match is None:
        return None, 0
    rest = block.text[match.end() :]
    if block.wraps and match["label"] in "-–" and rest[:1].islower():
        # "chính trị -" / "- xã hội; ...": a hyphenated phrase wrapped, not a list item.
        return None, 0
    return match["label"], match.end()


_OPENS = re.compile(r"(?:Số\s*:|Căn cứ|Thực hiện|Triển khai|Kính gửi|Nơi nhận|KT\.|TM\.)(?!\w)")


def _is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


_LEAD_IN = re.compile(r"(?:sau|như sau|sau đây|gồm|bao gồm|cụ thể)\s*:$", re.IGNORECASE)
"""A sentence that opens a list (``... các nội dung sau:``): each line after it is an item."""


def _continues(
    previous: Segment, block: Block, label: str | None, *, listing: bool = False
) -> bool:
    """Whether *block* carries on the paragraph *previous* (a wrapped or page-broken line).

    *listing* says whether *previous* is in a list a lead-in opened; there, a PDF line after
    one that ends with a semicolon is the list's next item, whatever its first letter.
    """
    if label is not None or block.cells or previous.cells or block.label is not None:
        return False
    first = block.text[0]
    tail = previous.text.rstrip()
    if _OPENS.match(block.text) or (
        block.wraps and (_LEAD_IN.search(tail) or (listing and tail.endswith(";")))
    ):
        return False
    if not block.wraps:
        # Text and Word: only a line that starts in lower case carries on (page breaks).
        return first.islower() and not _is_caps(previous.text)
    if tail.endswith(_TERMINAL) or _is_caps(previous.content) or _is_caps(block.text):
        return first.islower() and not _is_caps(previous.content)
    if previous.label is not None and previous.label[0].isdigit() and first.isupper():
        # "2. Phòng Nội vụ" then "Theo dõi ...": a short numbered heading is a line of its own.
        return len(previous.text) > _HEADING_LENGTH
    return True


def segments(source: Source) -> Segmented:
    """The paragraphs of *source*, wrapped lines joined back."""
    items: list[Segment] = []
    listing = False
    for index, block in enumerate(source.blocks):
        label, body = _label(block)
        if items:
            tail = items[-1].text.rstrip()
            # A list a lead-in opens runs over its ";" items and ends with its last, with ".".
            listing = _LEAD_IN.search(tail) is not None or (
                listing and items[-1].label is None and not tail.endswith((".", ":"))
            )
        if items and _continues(items[-1], block, label, listing=listing):
            previous = items[-1]
            joined = previous.text.rstrip() + " "
            items[-1] = attrs.evolve(
                previous,
                text=joined + block.text,
                parts=(*previous.parts, (index, len(joined))),
            )
            continue
        items.append(
            Segment(text=block.text, label=label, body=body, parts=((index, 0),), cells=block.cells)
        )
    starts: list[int] = []
    position = 0
    for segment in items:
        starts.append(position)
        position += len(segment.text) + 1
    return Segmented(
        source=source,
        items=tuple(items),
        starts=tuple(starts),
        text="\n".join(segment.text for segment in items),
    )


def pieces_json(pieces: Sequence[Piece]) -> list[dict[str, object]]:
    """Pieces as JSON values: ``{"where": ..., "start": ..., "end": ...}``."""
    return [{"where": p.where, "start": p.start, "end": p.end} for p in pieces]


# Users import these from their public face; they say so in their __module__.
rehome("cchc.draft", Piece)
