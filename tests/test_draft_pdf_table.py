"""A PDF annex's ruled task table is read row by row into cells, the text around it as lines.

The PDF is made here with PDFium's own page-object calls: text in a standard font (whose
encoding has no Vietnamese letters, so the words are written without their marks, the way
the folded column names are matched) and the table's borders as separate thin lines, the way
word processors draw a bordered table; one table is drawn without lines, its columns set by
where its text stands.  The plans in them are made up (synthetic).
"""

from __future__ import annotations

import ctypes
import io
import warnings

from cchc.draft._source import read_document

with warnings.catch_warnings():
    warnings.simplefilter("ignore", EncodingWarning)
    import pypdfium2
    import pypdfium2.raw as pdfium_c

_COLUMNS = (40.0, 70.0, 250.0, 360.0, 460.0, 560.0)
_ROWS = (700.0, 670.0, 630.0, 590.0)
_CELLS = (
    ("STT", "Noi dung", "Co quan chu tri", "Co quan phoi hop", "Thoi gian"),
    ("1", "Xay dung chuyen muc CCHC", "Van phong UBND", "Phong Noi vu", "Quy II/2025"),
    ("2", "To chuc hoi thi tim hieu", "Phong Noi vu", "Huyen doan", "Thang 9/2025"),
)


def _text(
    document: pypdfium2.PdfDocument, page: pypdfium2.PdfPage, x: float, y: float, words: str
) -> None:
    item = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", 9.0)
    encoded = ctypes.create_string_buffer((words + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(item, ctypes.cast(encoded, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(item, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, item)


def _line(page: pypdfium2.PdfPage, start: tuple[float, float], end: tuple[float, float]) -> None:
    path = pdfium_c.FPDFPageObj_CreateNewPath(*start)
    pdfium_c.FPDFPath_LineTo(path, *end)
    pdfium_c.FPDFPageObj_SetStrokeWidth(path, 0.5)
    pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_NONE, True)
    pdfium_c.FPDFPage_InsertObject(page.raw, path)


def _saved(document: pypdfium2.PdfDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _annex_pdf() -> bytes:
    document = pypdfium2.PdfDocument.new()
    page = document.new_page(595, 842)
    _text(document, page, 40, 760, "PHU LUC")
    _text(document, page, 40, 740, "Danh muc nhiem vu (minh hoa)")
    for x in _COLUMNS:
        _line(page, (x, _ROWS[-1]), (x, _ROWS[0]))
    for y in _ROWS:
        _line(page, (_COLUMNS[0], y), (_COLUMNS[-1], y))
    for row, cells in enumerate(_CELLS):
        for column, words in enumerate(cells):
            _text(document, page, _COLUMNS[column] + 3, _ROWS[row] - 15, words)
    _text(document, page, 40, 560, "Noi nhan: nhu tren")
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    return _saved(document)


def test_a_ruled_table_gives_one_block_per_row_with_its_cells_in_place() -> None:
    source = read_document(None, _annex_pdf())
    assert source.format == "pdf"
    rows = [block.cells for block in source.blocks if block.cells]
    assert rows == list(_CELLS)
    texts = [block.text for block in source.blocks]
    assert texts.index("Danh muc nhiem vu (minh hoa)") < texts.index(" | ".join(_CELLS[0]))
    assert texts[-1] == "Noi nhan: nhu tren"
    assert all("table row" in b.where for b in source.blocks if b.cells)


def test_a_page_without_ruling_is_read_as_lines() -> None:
    document = pypdfium2.PdfDocument.new()
    page = document.new_page(595, 842)
    for number, words in enumerate(("STT Noi dung Co quan chu tri", "1 Xay dung chuyen muc")):
        _text(document, page, 40, 700 - 20 * number, words)
    _line(page, (40, 690), (300, 690))  # an underline, not a table
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    source = read_document(None, _saved(document))
    assert not any(block.cells for block in source.blocks)
    assert [block.text for block in source.blocks] == [
        "STT Noi dung Co quan chu tri",
        "1 Xay dung chuyen muc",
    ]


def _table_page(
    document: pypdfium2.PdfDocument, cells: tuple[tuple[str, ...], ...], top: float
) -> None:
    """A page holding one ruled table of *cells*, its top border at *top*."""
    page = document.new_page(595, 842)
    rows = [top - 40.0 * number for number in range(len(cells) + 1)]
    for x in _COLUMNS:
        _line(page, (x, rows[-1]), (x, rows[0]))
    for y in rows:
        _line(page, (_COLUMNS[0], y), (_COLUMNS[-1], y))
    for row, line in enumerate(cells):
        for column, words in enumerate(line):
            if words:
                _text(document, page, _COLUMNS[column] + 3, rows[row] - 15, words)
    _text(document, page, 290, 30, str(len(document)))  # the page number in the footer
    pdfium_c.FPDFPage_GenerateContent(page.raw)


def test_a_row_the_page_break_cuts_is_one_row_and_later_pages_add_rows() -> None:
    document = pypdfium2.PdfDocument.new()
    _table_page(document, (*_CELLS, ("3", "Tuyen truyen tren", "Phong Van hoa", "", "")), 200)
    _table_page(
        document,
        (("", "dai truyen thanh", "", "UBND cac xa", "Hang thang"), ("4", "Hoi nghi", "", "", "")),
        800,
    )
    source = read_document(None, _saved(document))
    rows = [block.cells for block in source.blocks if block.cells]
    assert rows == [
        *_CELLS,
        ("3", "Tuyen truyen tren dai truyen thanh", "Phong Van hoa", "UBND cac xa", "Hang thang"),
        ("4", "Hoi nghi", "", "", ""),
    ]
    cut = next(block for block in source.blocks if block.cells and block.cells[0] == "3")
    assert cut.where == "page 1, table row 4 and page 2, table row 1"


def test_a_table_drawn_without_lines_is_read_by_its_columns_and_numbered_rows() -> None:
    document = pypdfium2.PdfDocument.new()
    page = document.new_page(595, 842)
    _text(document, page, 40, 780, "Danh muc nhiem vu duoc giao cho cac co quan, don vi (minh hoa)")
    columns = (42.0, 75.0, 255.0, 365.0, 465.0)
    lines = (
        ("STT", "Noi dung", "Co quan", "Co quan", "Thoi gian"),
        ("", "", "chu tri", "phoi hop", ""),
        ("1", "Xay dung chuyen muc CCHC", "Van phong UBND", "Phong Noi vu", "Quy II/2025"),
        ("", "tren Cong thong tin", "", "", ""),
        ("2", "To chuc hoi thi tim hieu", "Phong Noi vu", "Huyen doan", "Thang 9/2025"),
    )
    for number, line in enumerate(lines):
        for x, words in zip(columns, line, strict=True):
            if words:
                _text(document, page, x, 740 - 14 * number, words)
    _text(document, page, 40, 640, "Noi nhan: nhu tren, luu van thu va cac co quan lien quan.")
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    source = read_document(None, _saved(document))
    rows = [block.cells for block in source.blocks if block.cells]
    assert rows == [
        ("STT", "Noi dung", "Co quan chu tri", "Co quan phoi hop", "Thoi gian"),
        (
            "1",
            "Xay dung chuyen muc CCHC tren Cong thong tin",
            "Van phong UBND",
            "Phong Noi vu",
            "Quy II/2025",
        ),
        ("2", "To chuc hoi thi tim hieu", "Phong Noi vu", "Huyen doan", "Thang 9/2025"),
    ]
    texts = [block.text for block in source.blocks if not block.cells]
    assert texts == [
        "Danh muc nhiem vu duoc giao cho cac co quan, don vi (minh hoa)",
        "Noi nhan: nhu tren, luu van thu va cac co quan lien quan.",
    ]
