"""Citations and headers as real texts write them: broken lines, no "số", bad dates, tables."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from cchc.cli import main
from cchc.refs import find_citations, parse_ref, read_header


def test_a_citation_split_by_line_breaks_keeps_its_date_issuer_and_title() -> None:
    text = (
        "Căn cứ Nghị định số 63/2022/NĐ-CP ngày\n28/01/2022 của\nChính phủ quy định chức năng, "
        "nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Nội vụ;"
    )
    (citation,) = find_citations(text)
    assert citation.date == dt.date(2022, 1, 28)
    assert citation.issuer_text == "Chính phủ"
    assert citation.title is not None
    assert citation.title.startswith("quy định chức năng")


def test_a_blank_line_still_ends_a_citation() -> None:
    (citation,) = find_citations("Kế hoạch số 5/KH-UBND ngày\n\n28/01/2022")
    assert citation.date is None


def test_a_reference_without_so_is_found() -> None:
    found = find_citations(
        "Thực hiện Quyết định 35/QĐ-BNV ngày 10/01/2024 của Bộ Nội vụ về việc x;"
    )
    assert [str(c.ref) for c in found] == ["35/QĐ-BNV"]
    assert found[0].date == dt.date(2024, 1, 10)
    assert found[0].issuer_text == "Bộ Nội vụ"


def test_a_year_after_a_kind_word_is_no_reference() -> None:
    assert find_citations("Kế hoạch 2024 của tỉnh và Nghị quyết 76 đã nêu") == ()


def test_with_and_without_so_in_one_text_come_in_order_once_each() -> None:
    text = "Căn cứ Nghị định số 30/2020/NĐ-CP; Quyết định 35/QĐ-BNV; Kế hoạch số 12/KH-UBND."
    assert [str(c.ref) for c in find_citations(text)] == [
        "30/2020/NĐ-CP",
        "35/QĐ-BNV",
        "12/KH-UBND",
    ]


def test_the_issuer_stops_where_the_title_starts() -> None:
    (citation,) = find_citations(
        "Nghị định số 63/2022/NĐ-CP ngày 28/01/2022 của Chính phủ quy định chức năng của Bộ"
    )
    assert citation.issuer_text == "Chính phủ"
    assert citation.title == "quy định chức năng của Bộ"


def test_an_impossible_date_is_kept_as_written_and_warned_about(tmp_path: Path) -> None:
    (citation,) = find_citations("Kế hoạch số 12/KH-UBND ngày 31/02/2024 của UBND tỉnh")
    assert citation.date is None
    assert citation.impossible_date == "31/02/2024"
    path = tmp_path / "bad-date.txt"
    path.write_text("Kế hoạch số 12/KH-UBND ngày 31/02/2024 của UBND tỉnh\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["cite", str(path), "--json"], stdout=out, stderr=err, environ={}) == 0
    assert "31/02/2024" in err.getvalue()
    assert "warning" in err.getvalue()
    assert json.loads(out.getvalue())["citations"][0]["impossible_date"] == "31/02/2024"


def test_cite_json_reports_the_documents_own_header(tmp_path: Path) -> None:
    path = tmp_path / "header.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH QUẢNG NGÃI | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 07/KH-UBND | Quảng Ngãi, ngày 17 tháng 01\nnăm 2024 |\n"
        "KẾ HOẠCH\nTriển khai công tác cải cách hành chính năm 2024\n\n"
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert main(["cite", str(path), "--json"], stdout=out, stderr=io.StringIO(), environ={}) == 0
    header = json.loads(out.getvalue())["header"]
    assert header == {
        "reference": "07/KH-UBND",
        "number": "07",
        "symbol": "KH-UBND",
        "issuer": None,
        "place": "Quảng Ngãi",
        "date": "2024-01-17",
        "title": "Triển khai công tác cải cách hành chính năm 2024",
    }


def test_read_header_reads_a_copied_table_and_the_issuer_block() -> None:
    header = read_header(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ LẠNG SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: /KH-UBND TP. Lạng Sơn, ngày 27 tháng 02\nnăm 2024\n"
        "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\ntrên địa bàn thành phố Lạng Sơn\n"
        "Căn cứ Nghị quyết số 60-NQ/TU ..."
    )
    assert header.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ LẠNG SƠN"
    assert header.ref == parse_ref("/KH-UBND")
    assert (header.place, header.date) == ("TP. Lạng Sơn", dt.date(2024, 2, 27))
    assert (
        header.title == "Tuyên truyền cải cách hành chính năm 2024 trên địa bàn thành phố Lạng Sơn"
    )


def test_a_symbol_with_a_space_is_not_taken_for_the_place() -> None:
    header = read_header("Số: 83/HD- LĐLĐ Gia Lâm, ngày 11 tháng 6 năm 2021\nHƯỚNG DẪN\nThông tin")
    assert str(header.ref) == "83/HD-LĐLĐ"
    assert header.place == "Gia Lâm"


def test_capitals_without_a_number_line_are_no_issuer() -> None:
    assert read_header("TIN TỨC - SỰ KIỆN\nHà Nội ban hành Kế hoạch").issuer is None
