"""The bytes of one entry of the output cache: a header, the output compressed, a digest.

An entry is the format line (:data:`FORMAT`), the length of its header, the header (JSON:
the run's looks, its exit code, the sizes of its two streams and of their compressed
forms), the two streams compressed with zlib, and a BLAKE2b digest of all that.  Anything
else (another format, a damaged byte, sizes that do not add up, a stream that unpacks to
more or less than its size) is no entry: :func:`unpack` and :func:`unpack_output` say so
with None, and the cache runs the command afresh.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any

__all__ = ["DIGEST_SIZE", "FORMAT", "Kept", "pack", "unpack", "unpack_output"]

FORMAT = b"cchc output cache 2\n"
"""The first bytes of every entry; another format is ignored, never misread."""
DIGEST_SIZE = 32
"""Bytes of the BLAKE2b digest that ends an entry."""


class Kept:
    """A command's kept output: its exit code and the bytes of its two streams."""

    __slots__ = ("code", "stderr", "stdout")

    def __init__(self, code: int, stdout: bytes, stderr: bytes) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr


def pack(header: dict[str, Any], stdout: bytes, stderr: bytes) -> bytes:
    """The entry of *header* and the two streams, already compressed, with its digest."""
    written = json.dumps(header, ensure_ascii=True).encode("ascii")
    content = b"".join((FORMAT, len(written).to_bytes(8, "big"), written, stdout, stderr))
    return content + hashlib.blake2b(content, digest_size=DIGEST_SIZE).digest()


def unpack(data: bytes) -> tuple[dict[str, Any], bytes] | None:
    """The header and the body of an entry, or None when it is not a whole, sound one."""
    if len(data) < len(FORMAT) + 8 + DIGEST_SIZE or not data.startswith(FORMAT):
        return None
    content, check = data[:-DIGEST_SIZE], data[-DIGEST_SIZE:]
    if hashlib.blake2b(content, digest_size=DIGEST_SIZE).digest() != check:
        return None
    start = len(FORMAT)
    size = int.from_bytes(content[start : start + 8], "big")
    header_end = start + 8 + size
    if header_end > len(content):
        return None
    try:
        header = json.loads(content[start + 8 : header_end])
    except ValueError:
        return None
    if not isinstance(header, dict):
        return None
    return header, content[header_end:]


def unpack_output(header: dict[str, Any], body: bytes) -> Kept | None:
    """The output an entry's *body* holds as its *header* says, or None if it does not."""
    sizes = _sizes(header, len(body))
    if sizes is None:
        return None
    code, out, err, split = sizes
    stdout, stderr = _unpacked(body[:split], out), _unpacked(body[split:], err)
    if stdout is None or stderr is None:
        return None
    return Kept(code, stdout, stderr)


def _sizes(header: dict[str, Any], length: int) -> tuple[int, int, int, int] | None:
    """The exit code, the two streams' sizes and where the second starts in the body.

    None when *header* does not say them all, as whole numbers that fit a body of *length*.
    """
    out, err, code = header.get("stdout"), header.get("stderr"), header.get("code")
    packed = header.get("packed")
    numbers = (out, err, code, *(packed if isinstance(packed, list) else ()))
    if len(numbers) != 5 or not all(type(n) is int and n >= 0 for n in numbers):
        return None
    assert isinstance(packed, list)  # for the type checker: numbers holds its two
    if packed[0] + packed[1] != length:
        return None
    return code, out, err, packed[0]  # type: ignore[return-value]


def _unpacked(data: bytes, size: int) -> bytes | None:
    """The *size* bytes *data* holds compressed, or None when it holds anything else."""
    unpacker = zlib.decompressobj()
    try:
        # Never more than was kept: a damaged entry cannot unpack to gigabytes.
        found = unpacker.decompress(data, size + 1)
    except zlib.error:
        return None
    if len(found) != size or not unpacker.eof or unpacker.unconsumed_tail:
        return None
    return found
