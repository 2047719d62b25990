"""``progress --docx``: a unit's report skeleton, read back with python-docx.

The plan, the units and the records are invented for these tests (marked "thử"); the
standings were worked out by hand on the 2024 calendar: the quarterly report is due on the
20th of the quarter's last month, Q1 received on the day (on time), Q2 on Fri 21/6 (one
working day late), Q3 not received by 15/10 (overdue), Q4 not yet due.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from cchc.cli import main
from cchc.render._report_context import period_span, period_words
from cchc.render._report_template import BodyTemplate

AS_OF = "2024-10-15"

PLAN = """\
key: kh-p
kind: plan
title: Triển khai cải cách hành chính năm 2024 (dữ liệu thử)
issuer: p
ref: 12/KH-UBND
issued: 2024-01-17
period: 2024
tasks:
  - id: bc
    text: Báo cáo kết quả cải cách hành chính hằng quý
    lead: [a]
    schedules:
      - {kind: report, cadences: [quarterly], anchor: day, day: 20, bound: by, to: p}
  - id: tr
    text: Phát hành tờ rơi về thủ tục hành chính
    lead: [a]
    schedules:
      - {kind: due, due: 2024-08-30}
units:
  - {code: p, name: UBND tỉnh P (thử), level: province, symbol: UBND}
  - {code: a, name: Sở Nội vụ A (thử), level: province, parent: p, symbol: SNV}
  - {code: b, name: Sở Tư pháp B (thử), level: province, parent: p}
"""

RECORDS = """\
records:
  - {unit: a, duty: kh-p#bc, period: 2024-Q1, done: 2024-03-20, evidence: "Báo cáo số 05/BC-SNV"}
  - {unit: a, duty: kh-p#bc, period: 2024-Q2, done: 2024-06-21, evidence: "Báo cáo số 09/BC-SNV"}
"""

REFERENCE = "Kế hoạch số 12/KH-UBND ngày 17/01/2024 của UBND tỉnh P (thử)"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "kh-p.yaml").write_text(PLAN, encoding="utf-8")
    (folder / "a.records.yaml").write_text(RECORDS, encoding="utf-8")
    return folder


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    return code, out.getvalue(), err.getvalue()


def _report(corpus: Path, target: Path, *extra: str, period: str = "2024") -> Path:
    code, _, err = _run(
        "progress",
        str(corpus),
        "--as-of",
        AS_OF,
        "--unit",
        "a",
        "--period",
        period,
        "--docx",
        str(target),
        *extra,
    )
    # The exit code is the terminal table's (1 when it shows an overdue duty).
    assert code in (0, 1), err
    assert err == ""
    return target


def _cells(document: docx.document.Document) -> list[list[list[str]]]:
    # The empty paragraphs are the rules under the issuing body and the motto.
    return [
        [[p.text for p in c.paragraphs if p.text] for c in t.rows[0].cells] for t in document.tables
    ]


def _body(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def _under(lines: list[str], heading_start: str) -> list[str]:
    """The points under the first heading starting with *heading_start*, up to the next."""
    start = next(i for i, line in enumerate(lines) if line.startswith(heading_start))
    points = []
    for line in lines[start + 1 :]:
        if not line.startswith("- "):
            break
        points.append(line)
    return points


def test_header_title_recipients_and_signer_read_back(corpus: Path, tmp_path: Path) -> None:
    document = docx.Document(str(_report(corpus, tmp_path / "bc.docx")))
    header, footer = _cells(document)
    assert header == [
        ["UBND TỈNH P (THỬ)", "SỞ NỘI VỤ A (THỬ)", "Số: .../BC-SNV"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "..., ngày ... tháng ... năm ...",
        ],
    ]
    assert footer == [
        ["Nơi nhận:", "- UBND tỉnh P (thử);", "- Lưu: VT."],
        ["QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", "(Chữ ký, dấu)", "Họ và tên"],
    ]
    lines = _body(document)
    assert lines[:3] == [
        "BÁO CÁO",
        f"Kết quả thực hiện {REFERENCE}, năm 2024",
        "I. KẾT QUẢ THỰC HIỆN",
    ]
    assert f"1. Thực hiện {REFERENCE}" in lines
    for section in (
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ):
        assert section in lines
    # The header and the signer block are bold where the decree sets them bold.
    unit_run = document.tables[0].rows[0].cells[0].paragraphs[1].runs[0]
    assert unit_run.bold
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold


def test_each_duty_is_listed_under_its_standing(corpus: Path, tmp_path: Path) -> None:
    lines = _body(docx.Document(str(_report(corpus, tmp_path / "bc.docx"))))
    task = "Báo cáo kết quả cải cách hành chính hằng quý"
    assert _under(lines, "a) Nhiệm vụ hoàn thành đúng hạn") == [
        f"- {task} (kỳ quý I năm 2024; hạn 20/03/2024): hoàn thành ngày 20/03/2024. "
        "Kết quả: Báo cáo số 05/BC-SNV."
    ]
    assert _under(lines, "b) Nhiệm vụ hoàn thành nhưng trễ hạn") == [
        f"- {task} (kỳ quý II năm 2024; hạn 20/06/2024): hoàn thành ngày 21/06/2024, "
        "trễ 1 ngày làm việc. Kết quả: Báo cáo số 09/BC-SNV."
    ]
    assert _under(lines, "c) Nhiệm vụ chưa hoàn thành") == [
        "- Phát hành tờ rơi về thủ tục hành chính (hạn 30/08/2024): quá hạn, chưa hoàn thành.",
        f"- {task} (kỳ quý III năm 2024; hạn 20/09/2024): quá hạn, chưa hoàn thành.",
    ]
    assert _under(lines, "d) Nhiệm vụ đang thực hiện") == [
        f"- {task} (kỳ quý IV năm 2024; hạn 20/12/2024): đang thực hiện, chưa đến hạn."
    ]
    assert (
        "- Số nhiệm vụ phải thực hiện đến ngày 15/10/2024: 4; đã hoàn thành: 2 (đúng hạn: 1, "
        "trễ hạn: 1); quá hạn chưa hoàn thành: 2." in lines
    )
    assert "- Tỷ lệ hoàn thành: 50%; tỷ lệ hoàn thành đúng hạn: 25%." in lines


def test_a_quarter_keeps_its_own_duties_only(corpus: Path, tmp_path: Path) -> None:
    lines = _body(docx.Document(str(_report(corpus, tmp_path / "q3.docx", period="2024-Q3"))))
    assert lines[1] == f"Kết quả thực hiện {REFERENCE}, quý III năm 2024"
    assert _under(lines, "a) Nhiệm vụ hoàn thành đúng hạn") == ["- Không có."]
    not_done = _under(lines, "c) Nhiệm vụ chưa hoàn thành")
    assert [line.split(" (")[1].split(")")[0] for line in not_done] == [
        "hạn 30/08/2024",
        "kỳ quý III năm 2024; hạn 20/09/2024",
    ]
    assert not any("quý I năm" in line or "quý IV" in line for line in lines)


def test_page_margins_and_fonts_as_the_decree_sets(corpus: Path, tmp_path: Path) -> None:
    document = docx.Document(str(_report(corpus, tmp_path / "bc.docx")))
    section = document.sections[0]
    lengths = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    width, height, top, bottom, left, right = (length.mm for length in lengths if length)
    # Word keeps lengths in twentieths of a point: 210 mm reads back as 210.008 mm.
    assert (round(width), round(height)) == (210, 297)
    assert 20 <= round(top) <= 25
    assert 20 <= round(bottom) <= 25
    assert 30 <= round(left) <= 35
    assert 15 <= round(right) <= 20
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    sizes = {run.font.size for p in document.paragraphs for run in p.runs}
    assert sizes <= {Pt(13), Pt(14)}


def test_the_same_input_gives_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    first = _report(corpus, tmp_path / "one.docx").read_bytes()
    second = _report(corpus, tmp_path / "two.docx").read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {m.date_time for m in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = docx.Document(io.BytesIO(first)).core_properties
    # Older python-docx reads the stamp back without its time zone (it is written as UTC).
    created = properties.created
    assert created is not None
    assert created.replace(tzinfo=dt.UTC) == dt.datetime(2024, 10, 15, tzinfo=dt.UTC)
    assert properties.modified == properties.created


def test_vietnamese_text_is_kept_in_nfc(corpus: Path, tmp_path: Path) -> None:
    # A template saved decomposed (NFD, as some editors do) still gives composed text.
    template = tmp_path / "nfd.txt"
    template.write_text(
        unicodedata.normalize("NFD", "# PHẦN THỨ NHẤT: {{ unit.name }}\n"), encoding="utf-8"
    )
    document = docx.Document(
        str(_report(corpus, tmp_path / "bc.docx", "--template", str(template)))
    )
    texts = [p.text for p in document.paragraphs] + [
        p.text for t in document.tables for c in t.rows[0].cells for p in c.paragraphs
    ]
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)
    assert "PHẦN THỨ NHẤT: Sở Nội vụ A (thử)" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts


def test_a_template_of_ones_own_changes_the_body_only(corpus: Path, tmp_path: Path) -> None:
    template = tmp_path / "outline.txt"
    template.write_text(
        "# A. TÌNH HÌNH CHUNG\n"
        "Kỳ {{ period.text }} ({{ period.start }} - {{ period.end }}), {{ unit.code }}.\n"
        "{% for duty in duties %}\n"
        "- {{ duty.task }} {{ duty.period }} {{ duty.status }} {{ duty.late_by or '' }}\n"
        "{% endfor %}\n"
        "# B. {{ plans[0].short }}: {{ rates.reporting_rate }}\n",
        encoding="utf-8",
    )
    document = docx.Document(
        str(_report(corpus, tmp_path / "bc.docx", "--template", str(template)))
    )
    lines = _body(document)
    assert lines[2:] == [
        "A. TÌNH HÌNH CHUNG",
        "Kỳ năm 2024 (01/01/2024 - 31/12/2024), a.",
        "- bc 2024-Q1 done_on_time",
        "- bc 2024-Q2 done_late 1",
        "- tr  overdue",
        "- bc 2024-Q3 overdue",
        "- bc 2024-Q4 not_yet_due",
        "B. Kế hoạch số 12/KH-UBND: 50%",
    ]
    # The header and the signer block do not depend on the template.
    assert _cells(document)[0][1][0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert _cells(document)[1][0][0] == "Nơi nhận:"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# I\n\n{% for x in %}\n", 3, "expected a Jinja2 template"),
        ("# I\n{{ no_such_thing }}\n", 2, "'no_such_thing' is undefined"),
        ("# I\n\n{{ unit.__class__.__mro__ }}\n", 3, "__class__"),
        ("{{ plans.append(1) }}\n", 1, "not allowed in a template"),
        ("ok\n{{ 1 // 0 }}\n", 2, "ZeroDivisionError"),
        ("ok\n\x1b[31m\n", 2, "control character U+001B"),
        ("ok\n\n{{ 'a' * 1000000000 }}\n", 3, "more than 2097152 items"),
        ("{{ 3 ** 3000 }}\n", 1, "a power of more than 4096 bits"),
        ("{% for i in range(100000) %}{{ lipsum() }}{% endfor %}\n", None, "puts out more"),
    ],
)
def test_a_bad_template_is_one_line_naming_file_and_line(
    corpus: Path, tmp_path: Path, text: str, line: int | None, words: str
) -> None:
    template = tmp_path / "bad.txt"
    template.write_text(text, encoding="utf-8")
    target = tmp_path / "bc.docx"
    code, _, err = _run(
        "progress", str(corpus), "--as-of", AS_OF, "--unit", "a", "--period", "2024",
        "--docx", str(target), "--template", str(template),
    )  # fmt: skip
    assert code == 2
    where = f"{template}:{line}" if line is not None else str(template)
    assert err.startswith(f"progress: --template: {where}: ")
    assert words in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "\x1b" not in err
    assert not target.exists()


def test_a_template_may_not_include_another(corpus: Path, tmp_path: Path) -> None:
    (tmp_path / "other.txt").write_text("secret\n", encoding="utf-8")
    template = tmp_path / "bad.txt"
    template.write_text('{% include "other.txt" %}\n', encoding="utf-8")
    code, _, err = _run(
        "progress", str(corpus), "--as-of", AS_OF, "--unit", "a", "--period", "2024",
        "--docx", str(tmp_path / "bc.docx"), "--template", str(template),
    )  # fmt: skip
    assert code == 2
    assert "cannot include, import or extend another" in err


def test_a_template_that_is_not_utf8_or_not_a_file(corpus: Path, tmp_path: Path) -> None:
    template = tmp_path / "latin.txt"
    template.write_bytes(b"# I\n# B\xe1o c\xe1o\n")
    base = ["progress", str(corpus), "--unit", "a", "--period", "2024"]
    code, _, err = _run(*base, "--docx", str(tmp_path / "x.docx"), "--template", str(template))
    assert (code, err) == (2, f"progress: --template: {template}:2: expected UTF-8 text\n")
    code, _, err = _run(*base, "--docx", str(tmp_path / "x.docx"), "--template", str(tmp_path))
    assert code == 2
    assert err.startswith(f"progress: --template: {tmp_path}: expected a regular file")


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--unit", "a"], "expected exactly one --unit and one --period"),
        (["--period", "2024"], "expected exactly one --unit and one --period"),
        (["--unit", "a", "--unit", "b", "--period", "2024"], "exactly one --unit"),
    ],
)
def test_docx_needs_one_unit_and_one_period(
    corpus: Path, tmp_path: Path, extra: list[str], words: str
) -> None:
    target = tmp_path / "bc.docx"
    code, out, err = _run("progress", str(corpus), "--docx", str(target), *extra)
    assert code == 2
    assert out == ""
    assert err.startswith("progress: --docx: ")
    assert words in err
    assert not target.exists()


def test_template_needs_docx(corpus: Path, tmp_path: Path) -> None:
    code, _, err = _run("progress", str(corpus), "--template", str(tmp_path / "t.txt"))
    assert (code, err) == (2, "progress: --template: expected --docx FILE as well\n")


def test_an_existing_file_is_kept_without_force(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "bc.docx"
    target.write_bytes(b"mine")
    code, _, err = _run(
        "progress", str(corpus), "--as-of", AS_OF, "--unit", "a", "--period", "2024",
        "--docx", str(target),
    )  # fmt: skip
    assert code == 2
    assert err.startswith("progress: --docx: ")
    assert "--force" in err
    assert target.read_bytes() == b"mine"
    _report(corpus, target, "--force")
    assert docx.Document(str(target)).paragraphs


def test_a_unit_with_nothing_to_report_gets_a_skeleton(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.docx"
    code, _, err = _run(
        "progress", str(corpus), "--as-of", AS_OF, "--unit", "b", "--period", "2024",
        "--docx", str(target),
    )  # fmt: skip
    assert code == 0, err
    document = docx.Document(str(target))
    lines = _body(document)
    assert lines[1] == "Kết quả thực hiện nhiệm vụ năm 2024"
    assert any("không có nhiệm vụ nào" in line for line in lines)
    # Its issuing body has no symbol: the number line leaves it to fill in.
    assert _cells(document)[0][0] == ["UBND TỈNH P (THỬ)", "SỞ TƯ PHÁP B (THỬ)", "Số: .../BC-..."]
    assert _cells(document)[1][0] == ["Nơi nhận:", "- Lưu: VT."]


def test_the_bundled_corpus_marks_illustrative_plans(tmp_path: Path) -> None:
    target = tmp_path / "cl.docx"
    code, _, err = _run(
        "progress", "--as-of", "2024-07-01", "--unit", "ls-tp-cl.ubnd", "--period", "2024-Q2",
        "--docx", str(target),
    )  # fmt: skip
    assert code in (0, 1), err
    lines = _body(docx.Document(str(target)))
    # The ward reports on the city's plan (1.) and on its own illustrative plan (2.).
    own = next(i for i, line in enumerate(lines) if line.startswith("2. Thực hiện"))
    assert lines[own].endswith("của UBND phường Chi Lăng [minh họa / illustrative]")
    late = _under(lines[own:], "b) Nhiệm vụ hoàn thành nhưng trễ hạn")
    assert any("trễ 4 ngày làm việc" in line for line in late)
    assert all(line.endswith("[minh họa / illustrative]") for line in late)


@pytest.mark.parametrize(
    ("label", "span", "words"),
    [
        ("2024", ((2024, 1, 1), (2024, 12, 31)), "năm 2024"),
        ("2024-02", ((2024, 2, 1), (2024, 2, 29)), "tháng 2 năm 2024"),
        ("2024-Q4", ((2024, 10, 1), (2024, 12, 31)), "quý IV năm 2024"),
        ("2024-H1", ((2024, 1, 1), (2024, 6, 30)), "6 tháng đầu năm 2024"),
        ("2024-H2", ((2024, 7, 1), (2024, 12, 31)), "6 tháng cuối năm 2024"),
        ("2024-9M", ((2024, 1, 1), (2024, 9, 30)), "9 tháng năm 2024"),
    ],
)
def test_period_spans_and_words(
    label: str, span: tuple[tuple[int, int, int], tuple[int, int, int]], words: str
) -> None:
    assert period_span(label) == (dt.date(*span[0]), dt.date(*span[1]))
    assert period_words(label) == words


def test_the_default_template_is_packaged() -> None:
    body = BodyTemplate.default().render(
        {
            "unit": {"code": "a", "name": "Sở A"},
            "period": {"label": "2024", "text": "năm 2024", "start": "", "end": ""},
            "as_of": "01/07/2024",
            "plans": [],
            "issuers": [],
            "duties": [],
            "rates": {
                "expected": 0,
                "done": 0,
                "on_time": 0,
                "late": 0,
                "overdue": 0,
                "reporting_rate": "—",
                "on_time_rate": "—",
            },
        }
    )
    assert "# I. KẾT QUẢ THỰC HIỆN" in body
    assert "cơ quan cấp trên" in body


CHILD = """\
key: kh-a
kind: plan
title: Thực hiện Kế hoạch số 12/KH-UBND (dữ liệu thử)
issuer: a
ref: 20/KH-SNV
issued: 2024-02-01
period: 2024
parents: [kh-p]
"""


def test_a_plan_of_its_own_is_the_evidence_of_its_duty_to_issue_one(
    corpus: Path, tmp_path: Path
) -> None:
    (corpus / "kh-p.yaml").write_text(PLAN + "expected_children: [a]\n", encoding="utf-8")
    (corpus / "kh-a.yaml").write_text(CHILD, encoding="utf-8")
    lines = _body(docx.Document(str(_report(corpus, tmp_path / "bc.docx"))))
    assert _under(lines, "a) Nhiệm vụ hoàn thành đúng hạn")[-1] == (
        "- Ban hành kế hoạch của đơn vị để thực hiện Kế hoạch số 12/KH-UBND: hoàn thành ngày "
        "01/02/2024. Kết quả: Kế hoạch số 20/KH-SNV ngày 01/02/2024 của Sở Nội vụ A (thử)."
    )


def test_rules_under_the_issuing_body_and_the_motto(corpus: Path, tmp_path: Path) -> None:
    document = docx.Document(str(_report(corpus, tmp_path / "bc.docx")))
    body, nation = document.tables[0].rows[0].cells
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    ruled = [
        [p.text for p in cell.paragraphs if p._p.find(f"{w}pPr/{w}pBdr/{w}bottom") is not None]
        for cell in (body, nation)
    ]
    assert ruled == [[""], [""]]
    # The rule follows the line it underlines.
    texts = [[p.text for p in cell.paragraphs] for cell in (body, nation)]
    assert texts[0][texts[0].index("") - 1] == "SỞ NỘI VỤ A (THỬ)"
    assert texts[1][texts[1].index("") - 1] == "Độc lập - Tự do - Hạnh phúc"
    # Word lays out the fixed table by its grid: the columns are as wide as the cells.
    grid = [column.width for column in document.tables[0].columns]
    assert grid == [cell.width for cell in (body, nation)]
    assert grid[0] is not None
    assert grid[1] is not None
    assert grid[0] < grid[1]
