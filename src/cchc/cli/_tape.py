"""What a command writes, kept as it goes for the output cache, and written again from it.

:class:`Tape` stands between a command and its stream: everything written passes through
at once, and the same bytes are kept, in order, text and binary writes alike, so that
:func:`replay` can later write exactly those bytes to a stream of the same kind.
"""

from __future__ import annotations

import zlib
from typing import Any, TextIO

from cchc.cli._cache import MAX_KEPT_BYTES

__all__ = ["Tape", "replay"]


class _TapeBuffer:
    """The binary face of a :class:`Tape`: writes go through, and are kept."""

    def __init__(self, target: Any, tape: Tape) -> None:
        self.target = target
        self.tape = tape

    def write(self, data: bytes) -> int:
        """Write *data* to the stream, and keep it."""
        written: int = self.target.write(data)
        self.tape.keep(bytes(data))
        return written

    def flush(self) -> None:
        """Flush the stream."""
        self.target.flush()


class Tape:
    """A text stream that writes through to *target* and keeps, in order, what was written."""

    def __init__(self, target: TextIO) -> None:
        self.target = target
        # What is kept is compressed as it comes: a coverage document of 100,000 plans
        # is 600 MB of JSON, a tenth of it compressed.
        self.chunks: list[bytes] = []
        self._packer = zlib.compressobj(1)
        self.size = 0
        self.overflow = False
        """True once more than :data:`MAX_KEPT_BYTES` came: nothing is kept then."""
        self.encoding: str = getattr(target, "encoding", None) or "utf-8"
        self.errors: str = getattr(target, "errors", None) or "strict"
        raw = getattr(target, "buffer", None)
        self.buffer = None if raw is None else _TapeBuffer(raw, self)

    def write(self, text: str) -> int:
        """Write *text* to the stream and keep its bytes (only once the stream took it)."""
        written = self.target.write(text)
        if not self.overflow:
            self.keep(text.encode(self.encoding, self.errors))
        return written

    def keep(self, data: bytes) -> None:
        """Keep *data*, unless more than :data:`MAX_KEPT_BYTES` came: then keep nothing."""
        if self.overflow:
            return
        self.size += len(data)
        if self.size > MAX_KEPT_BYTES:
            # Output this large is not kept: holding it all in memory would cost more.
            self.overflow, self.chunks = True, []
            return
        packed = self._packer.compress(data)
        if packed:
            self.chunks.append(packed)

    def flush(self) -> None:
        """Flush the stream."""
        self.target.flush()

    def isatty(self) -> bool:
        """Whether the stream is a terminal."""
        isatty = getattr(self.target, "isatty", None)
        return bool(isatty()) if callable(isatty) else False

    def fileno(self) -> int:
        """The stream's file descriptor."""
        return self.target.fileno()

    def packed(self) -> bytes:
        """Everything written, as bytes compressed with zlib (:attr:`size` of them); once."""
        return b"".join([*self.chunks, self._packer.flush()])


def replay(target: TextIO, data: bytes) -> None:
    """Write kept bytes *data* to the stream *target*, as the run that kept them wrote them."""
    if not data:
        return
    buffer = getattr(target, "buffer", None)
    if buffer is not None:
        target.flush()
        buffer.write(data)
        buffer.flush()
        return
    encoding = getattr(target, "encoding", None) or "utf-8"
    errors = getattr(target, "errors", None) or "strict"
    target.write(data.decode(encoding, errors))
    target.flush()
