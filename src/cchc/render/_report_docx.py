"""``progress --docx``: the skeleton of a unit's report on the plans it owes duties under.

The document is laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I sets out an administrative
document: A4 with margins of mục I.2 (top and bottom 20 mm, left 30 mm, right 15 mm), Times
New Roman (mục I.1), a header table of two columns (the issuing body, and below it
``Số: .../BC-...``; the national title, the motto and the place and date line), the type
name ``BÁO CÁO`` and its trích yếu naming the plans by their references, the body, then
``Nơi nhận:`` beside the signer block.  Number, date, signer and name are left as
placeholders for the office to fill in.  The body is the text of the body template
(:mod:`cchc.render._report_template`) for the values of
:func:`~cchc.render._report_context.report_context`.

The same input gives the same bytes: the document's dates are the day asked about, and
every member of the zip archive is dated 1 January 1980 (python-docx dates them now).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from cchc._visible import visible
from cchc.model._corpus import Corpus
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.render._report_template import Line, body_lines
from cchc.text._dates import format_vn_date

__all__ = ["report_docx_bytes"]

_FONT = "Times New Roman"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
"""What follows ``w:pBdr`` in a paragraph's properties: Word reads them in schema order."""
_EM_MM = 25.4 / 72 * 0.55
"""The mean width of a Times New Roman capital or bold letter, in millimetres per point."""


def _text_width(text: str, size: float) -> float:
    """About how wide *text* prints at *size* points, in millimetres (for a rule under it)."""
    return len(text) * size * _EM_MM


def report_docx_bytes(
    context: Mapping[str, Any],
    corpus: Corpus,
    body: str,
    *,
    as_of: dt.date,
) -> bytes:
    """The ``.docx`` of the report of *context* with the rendered *body*, always the same bytes.

    *as_of* dates the document's properties; the header names the unit of *context* under
    its superior body, from the units of *corpus*.
    """
    document = docx.Document()
    section = document.sections[0]
    # Phụ lục I, mục I.2: A4, top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _styles(document)
    writer = _Writer(document)
    writer.header(_header_left(context, corpus))
    writer.title(_trich_yeu(context))
    for line in body_lines(body):
        writer.body(line)
    writer.footer(_recipients(context))
    _properties(document, context, as_of)
    stream = io.BytesIO()
    document.save(stream)
    return _pinned_zip(stream.getvalue())


def _header_left(context: Mapping[str, Any], corpus: Corpus) -> tuple[str | None, str, str]:
    """The superior body, the issuing unit (both in capitals) and the number line."""
    code = context["unit"]["code"]
    unit = corpus.unit(code)
    name = str(context["unit"]["name"])
    superior = None
    # A people's committee heads its level and prints no body above it (Phụ lục I, mục
    # II.3: the superior is printed for a body under a managing one, a Sở under its UBND).
    if unit is not None and unit.parent and not _is_committee(name):
        superior = corpus.unit_name(unit.parent).upper()
    symbol = unit.symbol if unit is not None and unit.symbol else "..."
    return superior, name.upper(), f"Số: .../BC-{symbol}"


def _is_committee(name: str) -> bool:
    folded = name.casefold()
    return folded.startswith(("ubnd", "ủy ban nhân dân", "uỷ ban nhân dân"))


def _trich_yeu(context: Mapping[str, Any]) -> str:
    """``Kết quả thực hiện Kế hoạch số ... ngày ... của ...`` and the period."""
    plans = context["plans"]
    period = context["period"]["text"]
    if not plans:
        return f"Kết quả thực hiện nhiệm vụ {period}"
    names = [plan["reference"] for plan in plans]
    joined = names[0] if len(names) == 1 else "; ".join(names[:-1]) + " và " + names[-1]
    return f"Kết quả thực hiện {joined}, {period}"


def _recipients(context: Mapping[str, Any]) -> list[str]:
    """``Nơi nhận:``: each plan's issuer, then the office's own copy (Lưu: VT)."""
    lines = [f"- {issuer};" for issuer in context["issuers"]]
    return [*lines, "- Lưu: VT."]


def _styles(document: Any) -> None:
    """Times New Roman 14 for the body (Phụ lục I, mục I.1 and II.8: 13 to 14), in Vietnamese."""
    normal = document.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), _FONT)
    language = normal.element.get_or_add_rPr().find(qn("w:lang"))
    if language is None:
        language = normal.element.get_or_add_rPr().makeelement(qn("w:lang"), {})
        normal.element.get_or_add_rPr().append(language)
    language.set(qn("w:val"), "vi-VN")
    paragraph = normal.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(6)
    paragraph.line_spacing = 1.0


class _Writer:
    """Adds the parts of the report to *document* in order."""

    def __init__(self, document: Any) -> None:
        self.document = document

    def _paragraph(
        self,
        container: Any,
        text: str,
        *,
        size: float = 14,
        bold: bool = False,
        italic: bool = False,
        align: str = "center",
        indent: bool = False,
        after: float = 0,
        first: bool = False,
    ) -> Any:
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        paragraph.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        paragraph.paragraph_format.space_after = Pt(after)
        if indent:
            # Phụ lục I, mục II.8: the first line of a paragraph indented 1 to 1.27 cm.
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        run = paragraph.add_run(visible(text))
        run.font.size = Pt(size)
        run.bold = bold
        run.italic = italic
        return paragraph

    def _table(self, widths: Sequence[float]) -> Any:
        table = self.document.add_table(rows=1, cols=len(widths))
        table.autofit = False
        for column, cell, width in zip(table.columns, table.rows[0].cells, widths, strict=True):
            # Word lays out a fixed table by its grid, other readers by the cells: set both.
            column.width = cell.width = Mm(width)
        return table

    def header(self, left: tuple[str | None, str, str]) -> None:
        """The header table: issuing body and number; national title, motto, place and date."""
        superior, unit, number = left
        # The text is 165 mm wide: the issuing body's column about 40 percent (mục II.3).
        table = self._table((70, 95))
        body, nation = table.rows[0].cells
        first = True
        if superior is not None:
            self._paragraph(body, superior, size=13, first=True)
            first = False
        self._paragraph(body, unit, size=13, bold=True, first=first)
        # Under the issuing body a rule of a third to a half of its line (mục II.3).
        self._rule(body, 70, min(70, _text_width(unit, 13)) * 0.4)
        self._paragraph(body, number, size=13)
        self._paragraph(
            nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, first=True
        )
        motto = "Độc lập - Tự do - Hạnh phúc"
        self._paragraph(nation, motto, size=14, bold=True)
        # Under the motto a rule as long as the motto (mục II.1).
        self._rule(nation, 95, _text_width(motto, 14))
        self._paragraph(nation, "..., ngày ... tháng ... năm ...", size=14, italic=True)

    def _rule(self, cell: Any, cell_mm: float, length_mm: float) -> None:
        """A solid horizontal rule *length_mm* long, centred in *cell*.

        It is an empty paragraph's bottom border between indents: a rule without a shape.
        """
        paragraph = cell.add_paragraph()
        fmt = paragraph.paragraph_format
        margin = max(0.0, (cell_mm - length_mm) / 2)
        fmt.left_indent = fmt.right_indent = Mm(margin)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(6)
        fmt.line_spacing = Pt(2)
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
            bottom.set(qn(name), value)
        bottom.set(qn("w:color"), "auto")
        border.append(bottom)
        paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_BORDER)

    def title(self, trich_yeu: str) -> None:
        """The type name ``BÁO CÁO`` and the trích yếu under it (mục II.5)."""
        heading = self._paragraph(self.document, "BÁO CÁO", size=14, bold=True)
        heading.paragraph_format.space_before = Pt(18)
        self._paragraph(self.document, trich_yeu, size=14, bold=True, after=18)

    def body(self, line: Line) -> None:
        """One paragraph of the body, styled by its kind."""
        if line.kind == "section":
            self._paragraph(self.document, line.text, bold=True, align="justify", after=6)
        elif line.kind == "item":
            self._paragraph(
                self.document, line.text, bold=True, align="justify", indent=True, after=6
            )
        elif line.kind == "sub":
            self._paragraph(
                self.document, line.text, italic=True, align="justify", indent=True, after=6
            )
        else:
            self._paragraph(self.document, line.text, align="justify", indent=True, after=6)

    def footer(self, recipients: Iterable[str]) -> None:
        """``Nơi nhận:`` on the left, the signer block on the right (mục II.7 and II.9)."""
        spacer = self.document.add_paragraph()
        spacer.paragraph_format.space_after = Pt(6)
        table = self._table((80, 85))
        where, signer = table.rows[0].cells
        self._paragraph(
            where, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True
        )
        for line in recipients:
            self._paragraph(where, line, size=11, align="left")
        self._paragraph(signer, "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", size=14, bold=True, first=True)
        self._paragraph(signer, "(Chữ ký, dấu)", size=14, italic=True, after=60)
        self._paragraph(signer, "Họ và tên", size=14, bold=True)


def _properties(document: Any, context: Mapping[str, Any], as_of: dt.date) -> None:
    """Pinned properties: python-docx's template would otherwise carry its own."""
    properties = document.core_properties
    midnight = dt.datetime.combine(as_of, dt.time())
    properties.created = midnight
    properties.modified = midnight
    properties.last_modified_by = "cchc"
    properties.author = "cchc"
    properties.revision = 1
    properties.title = visible(f"Báo cáo {_trich_yeu(context)}")[:255]
    properties.subject = ""
    properties.keywords = ""
    comments = f"cchc progress, {format_vn_date(as_of, 'numeric')}"
    if context["illustrative"]:
        comments += f"; {ILLUSTRATIVE_LABEL}"
    properties.comments = comments


def _pinned_zip(data: bytes) -> bytes:
    """*data* repacked with every member dated 1 January 1980, in the same order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
