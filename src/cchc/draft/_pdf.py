"""Reading a PDF's text layer with pypdfium2 (PDFium, the engine of Chromium's viewer).

PDFium keeps Vietnamese words whole (its text comes from each font's ``ToUnicode`` map, in
reading order), is fast enough for a 50-page plan in well under a second, and carries a
permissive licence.  A PDF published by a portal is often a scan with no text layer: that
is said, with the OCR step to take, rather than drafted as an empty plan.
"""

from __future__ import annotations

import warnings

from cchc.draft._source import Block, DocumentError, Source, clean, finish

__all__ = ["MAX_PAGES", "read_pdf"]

MAX_PAGES = 1000
"""The most pages read; a plan with its annexes has a few dozen."""
_MIN_CHARACTERS_PER_PAGE = 20
"""Fewer letters than this on every page is a scan (or a document of pictures)."""

_OCR = (
    "has no text layer (a scanned image): run OCR on it first, for example "
    "`ocrmypdf -l vie FILE out.pdf` (or `tesseract` with the Vietnamese language pack), "
    "then draft the result"
)


def read_pdf(name: str, data: bytes) -> Source:
    """The lines of the PDF *data*, page by page; :class:`DocumentError` when it has none."""
    with warnings.catch_warnings():
        # pypdfium2 reads its own version file without naming an encoding when imported.
        warnings.simplefilter("ignore", EncodingWarning)
        import pypdfium2  # noqa: PLC0415 - PDFium is loaded only to read a PDF

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        message = str(error).lower()
        if "password" in message or "security" in message:
            raise DocumentError(
                name,
                "is an encrypted PDF: open it with its password and save an unprotected "
                "copy (or print it to PDF), then draft that copy",
            ) from None
        raise DocumentError(name, "is a broken PDF that cannot be opened") from None
    blocks: list[Block] = []
    letters = 0
    try:
        pages = len(document)
        if pages == 0:
            raise DocumentError(name, "is a PDF with no pages")
        if pages > MAX_PAGES:
            raise DocumentError(name, f"has {pages} pages; cchc reads at most {MAX_PAGES}")
        for number in range(pages):
            page = document[number]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            letters += sum(char.isalpha() for char in text)
            _lines(blocks, text, number + 1)
    except pypdfium2.PdfiumError:
        raise DocumentError(name, "is a broken PDF: a page cannot be read") from None
    finally:
        document.close()
    if letters < _MIN_CHARACTERS_PER_PAGE * max(1, pages // 4) or not blocks:
        raise DocumentError(name, _OCR)
    return finish(Source(name=name, format="pdf", blocks=tuple(blocks)))


def _lines(blocks: list[Block], text: str, page: int) -> None:
    """Add the lines of one page's text; a line after the first may continue the one before."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "").replace("\x02", "")
    number = 0
    for raw in text.split("\n"):
        line = clean(raw)
        number += 1
        if not line:
            continue
        if line.isdigit() and len(line) <= 3:
            continue  # a page number in the header or footer
        blocks.append(Block(text=line, where=f"page {page}, line {number}", wraps=True))
