"""Make the Word and PDF files the draft tests read (run by hand; the tests never run it).

``python tests/data/draft/make_fixtures.py`` writes, next to this script:

* ``ls-tp-2024.docx``: the full text of seed 001 (UBND thành phố Lạng Sơn's 2024 CCHC
  communication plan) laid out as NĐ 30/2020 Phụ lục I lays a plan out: the header in a
  two-column table, then the kind, the title and the body.  The section and item numbers
  (``I.``, ``1.``, ``-``) are Word's automatic numbering (``numbering.xml``), not typed text.
* ``annex-minh-hoa.docx``: an invented (*minh họa*) plan of UBND quận Ba Đình implementing
  Hà Nội's KH 54/KH-UBND, with tasks in an annex table (STT | Nội dung | Cơ quan chủ trì |
  Cơ quan phối hợp | Sản phẩm | Thời gian).

The PDF files are made from these by LibreOffice, an independent tool::

    soffice --headless --convert-to pdf ls-tp-2024.docx
    soffice --headless --convert-to doc ls-tp-2024.docx   # the old binary format

and the scan-like PDF (a page holding only an image) by :func:`scan_pdf`.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HERE = Path(__file__).parent
_NUM_ID = "90"

_ABSTRACT = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
    <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%2."/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="%3)"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
    <w:lvlText w:val="-"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>
"""
_NUM = f'<w:num {nsdecls("w")} w:numId="{_NUM_ID}"><w:abstractNumId w:val="90"/></w:num>'


def _numbered(document: docx.document.Document) -> None:
    """Add the four-level NĐ 30 list (I. / 1. / a) / -) to the document's numbering part."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    numbering.insert(list(numbering).index(first_num), parse_xml(_ABSTRACT))
    numbering.append(parse_xml(_NUM))


def _paragraph(document: docx.document.Document, text: str, level: int | None) -> None:
    paragraph = document.add_paragraph(text)
    if level is None:
        return
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{_NUM_ID}"/></w:numPr>'
        )
    )


_LABELS = (
    (re.compile(r"^[IVX]+\.\s+"), 0),
    (re.compile(r"^[0-9]+\.\s+"), 1),
    (re.compile(r"^[a-zđ]\)\s+"), 2),
    (re.compile(r"^-\s*"), 3),
)


def _header(document: docx.document.Document, issuer: str, number: str, date_line: str) -> None:
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = issuer
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = number
    table.cell(1, 1).text = date_line


def seed_plan() -> None:
    """``ls-tp-2024.docx`` from seed 001, numbers turned into Word numbering."""
    lines = [
        line.strip()
        for line in (HERE.parent / "seeds" / "001_3940132143a2bbd2.txt")
        .read_text("utf-8")
        .splitlines()
    ]
    lines = [line for line in lines if line]
    document = docx.Document()
    _numbered(document)
    # The seed starts at the number line; the issuer block is the plan's own "UBND thành phố
    # Lạng Sơn" in the capitals NĐ 30 prints it in.
    _header(document, "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ LẠNG SƠN", lines[0], lines[1])
    body = lines[2:]
    for line in body:
        for pattern, level in _LABELS:
            if (match := pattern.match(line)) is not None:
                _paragraph(document, line[match.end() :], level)
                break
        else:
            _paragraph(document, line, None)
    document.save(str(HERE / "ls-tp-2024.docx"))


def annex_plan() -> None:
    """``annex-minh-hoa.docx``: an invented district plan implementing Hà Nội's KH 54/KH-UBND.

    Its tasks are in the body and in an annex table; its text is made up (*minh họa*), in
    the words such a plan uses, so that ``draft --corpus`` has a parent to link it to.
    """
    document = docx.Document()
    _numbered(document)
    _header(
        document,
        "ỦY BAN NHÂN DÂN\nQUẬN BA ĐÌNH",
        "Số: 12/KH-UBND",
        "Ba Đình, ngày 15 tháng 3 năm 2024",
    )
    _paragraph(document, "KẾ HOẠCH", None)
    _paragraph(document, "Thông tin, tuyên truyền về cải cách hành chính năm 2024 (minh họa)", None)
    _paragraph(
        document,
        "Thực hiện Kế hoạch số 54/KH-UBND ngày 08/02/2024 của UBND Thành phố về thông tin, "
        "tuyên truyền về cải cách hành chính nhà nước năm 2024;",
        None,
    )
    _paragraph(document, "MỤC ĐÍCH, YÊU CẦU", 0)
    _paragraph(document, "Mục đích", 1)
    _paragraph(
        document,
        "Cung cấp thông tin, phổ biến tới các tầng lớp nhân dân, cán bộ, công chức về công "
        "tác cải cách hành chính của quận.",
        3,
    )
    _paragraph(document, "NỘI DUNG", 0)
    _paragraph(
        document,
        "Tuyên truyền các văn bản chỉ đạo của Trung ương, của Thành phố, của quận về công tác "
        "cải cách hành chính.",
        3,
    )
    _paragraph(
        document,
        "Tuyên truyền về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ "
        "tục hành chính trên địa bàn quận.",
        3,
    )
    _paragraph(document, "TỔ CHỨC THỰC HIỆN", 0)
    _paragraph(document, "Phòng Nội vụ", 1)
    _paragraph(
        document,
        "Chủ trì, phối hợp với Phòng Văn hóa và Thông tin theo dõi, đôn đốc việc thực hiện "
        "Kế hoạch; báo cáo kết quả về Sở Nội vụ trước ngày 10/12/2024.",
        3,
    )
    _paragraph(document, "UBND các phường", 1)
    _paragraph(
        document,
        "Hằng tháng, có ít nhất 01 tin, bài về cải cách hành chính đăng trên Trang thông tin "
        "điện tử của phường.",
        3,
    )
    _paragraph(document, "Nhiệm vụ cụ thể tại Phụ lục kèm theo./.", None)
    _paragraph(document, "PHỤ LỤC", None)
    rows = [
        ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian"),
        (
            "1",
            "Tổ chức Hội thi tìm hiểu về cải cách hành chính",
            "Phòng Nội vụ",
            "Phòng Tư pháp; Phòng Văn hóa và Thông tin",
            "Hội thi",
            "Quý III/2024",
        ),
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(HERE / "annex-minh-hoa.docx"))


def scan_pdf() -> None:
    """``scan.pdf``: one A4 page holding a grey image and no text, as a scanner makes it."""
    width, height = 120, 170
    pixels = bytes((x * 2 + y) % 256 for y in range(height) for x in range(width))
    image = zlib.compress(pixels)
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (width, height, len(image), image),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    (HERE / "scan.pdf").write_bytes(bytes(out))


if __name__ == "__main__":
    import sys

    wanted = set(sys.argv[1:]) or {"seed", "annex", "scan"}
    if "seed" in wanted:
        seed_plan()
    if "annex" in wanted:
        annex_plan()
    if "scan" in wanted:
        scan_pdf()
