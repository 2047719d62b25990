"""Reading published documents: Word with its numbering, PDF text layers, text, hostile files."""

from __future__ import annotations

import io
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.draft._docx import MAX_UNPACKED
from cchc.draft._source import DocumentError, read_document

DATA = Path(__file__).parent / "data" / "draft"
SEED_001 = Path(__file__).parent / "data" / "seeds" / "001_3940132143a2bbd2.txt"


def _reason(path: Path | None, data: bytes | None = None) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path, data)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- Word -------------------------------------------------------------------------------------


def test_docx_blocks_come_in_document_order_with_the_header_table_first() -> None:
    source = read_document(DATA / "ls-tp-2024.docx")
    assert source.format == "docx"
    texts = [block.text for block in source.blocks[:7]]
    assert texts[:2] == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ LẠNG SƠN"]
    assert "Số: /KH-UBND" in texts
    assert source.blocks[0].where == "table 1, row 1, cell 1, line 1"
    assert texts[-1] == "KẾ HOẠCH"


def test_docx_automatic_numbering_is_recovered_from_numbering_xml() -> None:
    # The numbers are not in the paragraphs' text: Word draws them from numbering.xml.
    source = read_document(DATA / "ls-tp-2024.docx")
    labelled = [(block.label, block.text) for block in source.blocks if block.label]
    assert ("I.", "MỤC TIÊU, YÊU CẦU") in labelled
    assert ("II.", "NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN") in labelled
    assert ("III.", "TỔ CHỨC THỰC HIỆN") in labelled
    # Level 2 restarts under each section: "1. Mục tiêu", "2. Yêu cầu", then "1." again.
    seconds = [label for label, _ in labelled if label and label[0].isdigit()]
    assert seconds[:3] == ["1.", "2.", "1."]
    assert ("9.", next(t for lb, t in labelled if t.startswith("Đề nghị Ủy ban"))) in labelled
    assert sum(label == "-" for label, _ in labelled) > 30
    assert all(not text.startswith(("I.", "1.", "- ")) for _, text in labelled)


def test_docx_task_table_rows_keep_their_cells() -> None:
    source = read_document(DATA / "annex-minh-hoa.docx")
    rows = [block for block in source.blocks if block.cells]
    assert rows[0].cells[:3] == ("STT", "Nội dung", "Cơ quan chủ trì")
    assert rows[1].cells[2] == "Phòng Nội vụ"
    assert rows[1].where == "table 2, row 2"


def _docx_with(extra: dict[str, bytes], *, document: bytes | None = None) -> bytes:
    original = zipfile.ZipFile(DATA / "annex-minh-hoa.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "word/document.xml" and document is not None:
                data = document
            target.writestr(info, data)
        for name, data in extra.items():
            target.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = b"\0" * (MAX_UNPACKED // 50)
    data = _docx_with({"word/media/bomb.bin": bomb})
    assert "zip bomb" in _reason(None, data)


def test_xml_entities_are_never_expanded() -> None:
    original = zipfile.ZipFile(DATA / "annex-minh-hoa.docx").read("word/document.xml")
    hostile = original.replace(
        b"?>",
        b'?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
        1,
    )
    assert "entities" in _reason(None, _docx_with({}, document=hostile))


def test_a_broken_docx_and_a_plain_zip_get_one_line() -> None:
    data = (DATA / "annex-minh-hoa.docx").read_bytes()
    assert "broken" in _reason(None, data[: len(data) // 2])
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert "not a Word document" in _reason(None, plain.getvalue())


def test_broken_document_xml_is_one_line() -> None:
    assert "not a Word document cchc can read" in _reason(
        None, _docx_with({}, document=b"<w:document>")
    )


def test_an_old_binary_doc_says_how_to_convert_it() -> None:
    reason = _reason(DATA / "ls-tp-2024.doc")
    assert ".doc" in reason
    assert "soffice --headless --convert-to docx" in reason


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_text_layer_keeps_vietnamese_words_whole_and_in_nfc() -> None:
    source = read_document(DATA / "ls-tp-2024.pdf")
    assert source.format == "pdf"
    text = "\n".join(block.text for block in source.blocks)
    assert unicodedata.is_normalized("NFC", text)
    seed_words = set(SEED_001.read_text(encoding="utf-8").split())
    pdf_words = text.split()
    # Every word LibreOffice laid out comes back as the seed spells it (no split syllables).
    strange = [word for word in pdf_words if word not in seed_words]
    assert len(strange) <= len(pdf_words) // 100, strange[:20]
    assert source.blocks[0].where == "page 1, line 1"
    assert any(block.where.startswith("page 3,") for block in source.blocks)


def test_a_scan_says_to_run_ocr() -> None:
    reason = _reason(DATA / "scan.pdf")
    assert "no text layer" in reason
    assert "OCR" in reason


def test_an_encrypted_pdf_says_so() -> None:
    assert "encrypted" in _reason(DATA / "encrypted.pdf")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n%garbage\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n"],
    ids=["garbage", "no-pages"],
)
def test_a_broken_pdf_is_one_line(data: bytes) -> None:
    assert "PDF" in _reason(None, data)


def test_a_truncated_pdf_is_one_line() -> None:
    data = (DATA / "ls-tp-2024.pdf").read_bytes()
    assert "PDF" in _reason(None, data[: len(data) // 3])


# --- text -------------------------------------------------------------------------------------


def test_text_lines_keep_their_line_numbers_and_are_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Số: 07/KH-UBND\n\nKẾ HOẠCH\n")
    source = read_document(None, decomposed.encode("utf-8"))
    assert [(b.where, b.text) for b in source.blocks] == [
        ("line 1", "Số: 07/KH-UBND"),
        ("line 3", "KẾ HOẠCH"),
    ]


def test_markdown_marks_are_dropped() -> None:
    source = read_document(None, "## **KẾ HOẠCH**\n> Về việc x\n".encode())
    assert [b.text for b in source.blocks] == ["KẾ HOẠCH", "Về việc x"]


def test_tcvn3_text_is_refused_with_the_conversion_to_make() -> None:
    # "Kế hoạch tuyên truyền cải cách hành chính" as TCVN3 (.VnTime) bytes show it in Unicode.
    tcvn3 = "KÕ ho¹ch tuyªn truyÒn c¶i c¸ch hµnh chÝnh n¨m 2024 trªn ®Þa bµn thµnh phè " * 3
    reason = _reason(None, tcvn3.encode("utf-8"))
    assert "TCVN3" in reason
    assert "Unicode" in reason


def test_legacy_bytes_that_are_not_utf8_are_refused() -> None:
    assert "TCVN3" in _reason(None, "KÕ ho¹ch tuyªn truyÒn".encode("latin-1"))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "no text"),
        (b"   \n\n", "no text"),
        ("x".encode("utf-16"), "UTF-16"),
        (b"abc\x00def", "binary"),
        (b"{\\rtf1 hello}", "RTF"),
    ],
    ids=["empty", "blank", "utf16", "binary", "rtf"],
)
def test_files_that_hold_no_text_get_one_line(data: bytes, words: str) -> None:
    assert words in _reason(None, data)


def test_a_missing_file_and_a_folder_are_one_line(tmp_path: Path) -> None:
    assert "nowhere" in _reason(tmp_path / "nowhere.docx")
    assert str(tmp_path) in _reason(tmp_path)


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    from cchc.draft._source import MAX_DOCUMENT_BYTES

    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    assert "MB" in _reason(huge)


_LINES = st.sampled_from(
    [
        "ỦY BAN NHÂN DÂN",
        "HUYỆN MINH HỌA",
        "Số: 12/KH-UBND",
        "Minh Họa, ngày 31 tháng 02 năm 2024",
        "KẾ HOẠCH",
        "Tuyên truyền cải cách hành chính năm 2024",
        "Thực hiện Kế hoạch số 5/KH-UBND ngày 01/02/2024 của UBND tỉnh;",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Hằng tháng, có ít nhất 01 tin, bài về CCHC.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Nội vụ:",
        "- Chủ trì, phối hợp với Phòng Tư pháp, Văn hóa báo cáo về Sở Nội vụ trước ngày 10/12.",
        "STT | Nội dung | Cơ quan chủ trì",
        "100% các cơ quan xây dựng kế hoạch; ít nhất 2 lần/năm",
        "Nơi nhận:",
        "./.",
    ]
)


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=25))
def test_any_text_drafts_a_valid_plan_or_is_refused_in_one_line(lines: list[str]) -> None:
    from cchc.draft._drafter import draft_plan
    from cchc.files._dump import dump_plan
    from cchc.files._load import load_plan

    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    try:
        drafted = draft_plan(read_document(None, data))
    except DocumentError as error:
        message = str(error)
    else:
        message = ""
        assert drafted.plan.status.value == "draft"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "draft.yaml"
            dump_plan(drafted.plan, path)
            assert load_plan(path) == drafted.plan
    assert "\n" not in message
