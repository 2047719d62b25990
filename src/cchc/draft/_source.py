"""Reading a published document: Word, PDF or text in, blocks of text with their place out.

Plans are written in Word and published as PDF; cchc reads both, and plain text or Markdown
(a file, or standard input).  Every reader returns the same thing: the document's
:class:`Block` values in reading order, each with where it stands (``paragraph 12``,
``page 2, line 7``, ``line 30``), so that each field a draft takes from it can be checked
against the source.  A file that cannot be read as a document (a scan with no text layer,
an old binary ``.doc``, an encrypted PDF, text typed in the TCVN3 or VNI fonts, a broken or
huge file) raises :class:`DocumentError`, whose one line says what the file is and what to do.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import attrs

from cchc._faces import rehome
from cchc.exceptions import CchcError
from cchc.files._reading import ReadError, read_bounded

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Block",
    "DocumentError",
    "Source",
    "legacy_font_hint",
    "read_document",
    "read_text_document",
]

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""The largest file ``draft`` reads: a plan, even with annexes, is far smaller."""


class DocumentError(CchcError):
    """A file that cannot be read as a published document; the message says why and what to do."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        """The file as the caller named it (``-`` for standard input)."""
        self.reason = reason
        """What the file is and what to do, in one line."""
        super().__init__(f"{name}: {reason}")


@attrs.frozen(kw_only=True)
class Block:
    """One paragraph, line or table row of a document, with where it stands."""

    text: str
    """The text as read, in NFC (a table row: its cells joined by `` | ``)."""
    where: str
    """Where it stands: ``paragraph 12``, ``table 1, row 2``, ``page 2, line 7``, ``line 30``."""
    label: str | None = None
    """The number Word's automatic numbering shows before it (``II.``, ``1.``, ``a)``, ``-``)."""
    cells: tuple[str, ...] = ()
    """The cells of a table row, as read; empty for a paragraph or line."""
    wraps: bool = False
    """Whether the line may be the continuation of the one before (a PDF's wrapped lines)."""


@attrs.frozen(kw_only=True)
class Source:
    """A document read: its name, what it was read as, and its blocks in reading order."""

    name: str
    """The file as named (``-`` for standard input)."""
    format: str
    """``docx``, ``pdf`` or ``text``."""
    blocks: tuple[Block, ...]
    """The paragraphs, lines and table rows, in reading order."""


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_RTF_MAGIC = b"{\\rtf"


def read_document(path: str | os.PathLike[str] | None, data: bytes | None = None) -> Source:
    """Read the document at *path* (or *data*, the bytes of standard input when *path* is None).

    What it is comes from its first bytes, not its name: a ``.docx`` renamed ``.txt`` is
    still read as Word.  Raises :class:`DocumentError` for what cannot be read.
    """
    name = "-" if path is None else os.fspath(path)
    if data is None:
        if path is None:  # pragma: no cover - the command line always passes stdin's bytes
            raise DocumentError(name, "no input given")
        data = _read_file(Path(path), name)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(name, f"is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
    if data.startswith(_OLE_MAGIC):
        raise DocumentError(
            name,
            "is an old binary Word document (.doc), which cchc does not read: convert it "
            "with `soffice --headless --convert-to docx FILE` and draft the .docx",
        )
    if data.startswith(_ZIP_MAGIC):
        from cchc.draft._docx import read_docx  # noqa: PLC0415 - it imports this module

        return read_docx(name, data)
    if data.lstrip()[:5] == _PDF_MAGIC or data[:1024].find(_PDF_MAGIC) >= 0:
        from cchc.draft._pdf import read_pdf  # noqa: PLC0415 - it imports this module

        return read_pdf(name, data)
    if data.startswith(_RTF_MAGIC):
        raise DocumentError(
            name,
            "is an RTF document, which cchc does not read: convert it with "
            "`soffice --headless --convert-to docx FILE`",
        )
    return read_text_document(name, data)


def _read_file(path: Path, name: str) -> bytes:
    try:
        return read_bounded(path, MAX_DOCUMENT_BYTES, what="a document")
    except ReadError as error:
        raise DocumentError(name, error.reason) from None


def read_text_document(name: str, data: bytes) -> Source:
    """The lines of UTF-8 text or Markdown, one :class:`Block` per non-blank line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(name, "is UTF-16 text: save it as UTF-8 and draft it again")
    if b"\x00" in data:
        raise DocumentError(name, "is binary data, not a Word, PDF or text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DocumentError(
            name,
            "is not UTF-8 text: text in a legacy Vietnamese encoding (TCVN3, VNI or "
            "Windows-1258) must be converted to Unicode first (for example with UniKey's "
            "converter, Công cụ chuyển mã), then saved as UTF-8",
        ) from None
    text = text.removeprefix("\ufeff")
    blocks = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = _clean(line)
        if stripped:
            blocks.append(Block(text=stripped, where=f"line {number}"))
    return finish(Source(name=name, format="text", blocks=tuple(blocks)))


_MARKDOWN_LEAD = re.compile(r"^(?:#{1,6}\s+|>\s*)")
_EMPHASIS = re.compile(r"^(?:\*\*|__)(?=\S)|(?<=\S)(?:\*\*|__)$")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")


def _clean(line: str) -> str:
    """One line in NFC, Markdown heading and emphasis marks and control characters removed."""
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\t", " ")
    line = _CONTROL.sub("", line)
    line = _MARKDOWN_LEAD.sub("", line.strip())
    return _EMPHASIS.sub("", line).strip()


def clean(line: str) -> str:
    """A line or paragraph as blocks hold it: NFC, no control characters, trimmed."""
    return _clean(line)


# Characters that text typed in the TCVN3 (ABC) fonts shows when read as Unicode: the
# Vietnamese letters of those fonts sit on Latin-1 code points (``µ`` for à, ``Ö`` for ệ).
_TCVN3 = frozenset("µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâäåæçèéêëìíîïóòôõöøùúûüýþ¡¢£¤¥¦§")
# VNI fonts put the tone marks after the letter as ASCII-range or Latin-1 characters.
_VNI = re.compile(r"[aeiouyAEIOUY][øùúûüõïôóòñ]|[ôöÔÖ][ùøûõï]")
_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323]|[àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]")


def legacy_font_hint(text: str) -> str | None:
    """Why *text* looks typed in a legacy Vietnamese font (TCVN3, VNI); None when it does not."""
    sample = text[:20000]
    letters = sum(char.isalpha() for char in sample)
    if letters < 40:
        return None
    vietnamese = len(_VIETNAMESE.findall(unicodedata.normalize("NFD", sample)))
    tcvn3 = sum(char in _TCVN3 for char in sample)
    vni = len(_VNI.findall(sample))
    if tcvn3 > letters / 30 and tcvn3 > vietnamese:
        font = "TCVN3 (.VnTime)"
    elif vni > letters / 40 and vni > vietnamese:
        font = "VNI (VNI-Times)"
    else:
        return None
    return (
        f"holds text typed in the legacy {font} font, which reads as garbled letters: "
        "convert it to Unicode first (UniKey's converter, Công cụ chuyển mã, or Word with "
        "the font converted), then draft the converted file"
    )


def finish(source: Source) -> Source:
    """*source* checked: refused when it holds no text, or text in a legacy font."""
    text = "\n".join(block.text for block in source.blocks)
    if not text.strip():
        raise DocumentError(source.name, "holds no text to draft from")
    hint = legacy_font_hint(text)
    if hint is not None:
        raise DocumentError(source.name, hint)
    return source


# Users import these from their public face; they say so in their __module__.
rehome("cchc.draft", Block, DocumentError, Source)
