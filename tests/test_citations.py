"""Citations in the five seeds and in hostile text, document headers, issuer wordings, ``cite``."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.cli import _cite
from cchc.cli._common import EXIT_INPUT, EXIT_OK, Env
from cchc.exceptions import ParseError
from cchc.graph._issuers import resolve_issuer
from cchc.model._plan import Unit
from cchc.refs._citations import Citation, find_citations, read_header
from cchc.refs._header import KIND_OF_WORD, Header
from cchc.refs._refs import parse_ref
from cchc.text._dates import parse_date
from cchc.text._normal import fold
from cchc.text._vocab import DocumentKind, Level, Relation
from tests.strategies import any_text, nfd_text, vietnamese_text

SEEDS = Path(__file__).parent / "data" / "seeds"
BASIS, IMPLEMENTS = Relation.BASIS, Relation.IMPLEMENTS


def seed_path(name: str) -> Path:
    # Unpacked, not next() on the glob: an unfinished scandir iterator warns when collected.
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return path


def seed(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# Read from the seeds by hand: every "<kind> số <number>" with what the text says of it.
# (seed, kind, reference as printed, date, issuer as worded, relation)
SEED_CITATIONS: dict[
    str, list[tuple[DocumentKind, str, str | None, str | None, Relation | None]]
] = {
    "000": [
        (DocumentKind.PLAN, "54/KH-UBND", None, None, None),
        (DocumentKind.PLAN, "145/KH-UBND", "2021-06-14", "UBND Thành phố", IMPLEMENTS),
        (DocumentKind.RESOLUTION, "76/NQ-CP", "2021-07-15", "Chính phủ", None),
        (DocumentKind.DIRECTIVE, "23/CT-TTg", "2021-09-02", "Thủ tướng Chính phủ", None),
        (DocumentKind.PROGRAMME, "01-CTr/TU", "2021-03-17", "Thành ủy Hà Nội khóa XVII", None),
        (DocumentKind.PLAN, "136/KH-UBND", "2021-06-01", "UBND Thành phố", None),
        (DocumentKind.DIRECTIVE, "24-CT/TU", "2023-08-07", "Ban Thường vụ Thành ủy Hà Nội", None),
        (DocumentKind.SCHEME, "06", None, None, None),
    ],
    "001": [
        (DocumentKind.RESOLUTION, "60-NQ/TU", "2021-12-15", "Ban Thường vụ Tỉnh ủy", BASIS),
        (DocumentKind.PLAN, "249/KH-UBND", "2021-12-29", "Ủy ban nhân dân tỉnh Lạng Sơn", BASIS),
        (DocumentKind.PLAN, "37/KH-UBND", "2024-02-06", "UBND tỉnh", BASIS),
        (DocumentKind.PLAN, "35/KH-UBND", "2022-01-24", "UBND thành phố", BASIS),
        (DocumentKind.PLAN, "13/KH-UBND", "2024-01-12", "UBND thành phố", BASIS),
        (DocumentKind.DIRECTIVE, "23/CT-TTg", "2021-09-02", "Thủ tướng Chính phủ", None),
        (DocumentKind.RESOLUTION, "60-NQ/TU", "2021-12-15", "Ban Thường vụ Tỉnh ủy", None),
        (DocumentKind.PLAN, "249/KH-UBND", "2021-12-29", "UBND tỉnh", None),
        (DocumentKind.PLAN, "35/KH-UBND", "2022-01-24", "UBND thành phố", None),
        (DocumentKind.PLAN, "13/KH-UBND", "2024-01-12", "UBND thành phố", None),
        (DocumentKind.RESOLUTION, "18-NQ/TW", None, "Ban Chấp hành Trung ương Đảng", None),
        (DocumentKind.RESOLUTION, "19-NQ/TW", None, "Ban Chấp hành Trung ương Đảng", None),
        (DocumentKind.RESOLUTION, "04/NQ-CP", "2022-01-10", "Chính phủ", None),
    ],
    "002": [
        (DocumentKind.PLAN, "523/KH-UBND", "2021-12-28", "UBND tỉnh Hà Tĩnh", IMPLEMENTS),
        (DocumentKind.PLAN, "4256/KH-UBND", "2021-12-31", "UBND huyện Cẩm Xuyên", IMPLEMENTS),
        (DocumentKind.PLAN, "49", "2022-01-25", None, None),
    ],
    "003": [
        (DocumentKind.GUIDANCE, "12/HD-LĐLĐ", "2021-06-18", "LĐLĐ Thành phố Hà Nội", IMPLEMENTS),
    ],
    "004": [
        (DocumentKind.REPORT, "60/BC-UBND", None, None, None),
    ],
}
ROWS = [
    (name, index, *row) for name, rows in SEED_CITATIONS.items() for index, row in enumerate(rows)
]


@pytest.fixture(scope="module")
def found() -> dict[str, tuple[Citation, ...]]:
    return {name: find_citations(seed(name)) for name in SEED_CITATIONS}


def test_each_seed_has_exactly_the_numbered_citations(
    found: dict[str, tuple[Citation, ...]],
) -> None:
    for name, rows in SEED_CITATIONS.items():
        assert [str(c.ref) for c in found[name]] == [row[1] for row in rows], name


@pytest.mark.parametrize("row", ROWS, ids=[f"{row[0]}-{row[1]}-{row[3]}" for row in ROWS])
def test_seed_citation(
    found: dict[str, tuple[Citation, ...]],
    row: tuple[str, int, DocumentKind, str, str | None, str | None, Relation | None],
) -> None:
    name, index, kind, ref, date, issuer, relation = row
    citation = found[name][index]
    expected_ref = parse_ref(ref)
    assert citation.kind is kind
    assert citation.ref == expected_ref
    assert citation.number == expected_ref.number
    assert citation.issuer_symbol == expected_ref.issuer
    assert citation.date == (day(date) if date else None)
    assert citation.issuer_text == issuer
    assert citation.relation is relation
    text = seed(name)
    assert text[citation.span[0] : citation.span[1]] == citation.text
    assert citation.text.startswith(citation.kind_text)


TITLES = [
    (
        "000",
        1,
        "Thông tin, tuyên truyền Cải cách hành chính nhà nước của thành phố Hà Nội giai "
        "đoạn 2021-2025",
    ),
    (
        "000",
        3,
        "đẩy mạnh thực hiện Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030",
    ),
    (
        "000",
        6,
        "“Tăng cường kỷ cương, kỷ luật và trách nhiệm giải quyết công việc trong hệ thống "
        "chính trị thành phố Hà Nội”",
    ),
    ("001", 1, None),
    ("001", 2, "kế hoạch tuyên truyền cải cách hành chính năm 2024 trên địa bàn tỉnh Lạng Sơn"),
    ("002", 1, "tuyên truyền cải cách hành chính trên địa bàn huyện Cẩm Xuyên năm 2022"),
    (
        "003",
        0,
        "thông tin, tuyên truyền Cải cách hành chính nhà nước của thành phố Hà Nội giai "
        "đoạn 2021-2025",
    ),
    ("004", 0, "công tác cải cách hành chính (CCHC) quý I/2020 của thành phố"),
]


@pytest.mark.parametrize(("name", "index", "title"), TITLES, ids=[f"{r[0]}-{r[1]}" for r in TITLES])
def test_seed_titles_end_where_the_sentence_goes_on(
    found: dict[str, tuple[Citation, ...]], name: str, index: int, title: str | None
) -> None:
    assert found[name][index].title == title


def test_the_kind_word_is_kept_as_written(found: dict[str, tuple[Citation, ...]]) -> None:
    bare = found["002"][2]
    assert bare.kind_text == "kế hoạch"
    assert bare.kind_code == "KH"
    assert bare.issuer_symbol is None


# --- constructed texts ------------------------------------------------------------------

TEXTS = [
    (
        "list-after-one-can-cu",
        "Căn cứ Luật số 80/2015/QH13 ngày 22/6/2015; Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 "
        "của Chính phủ; Công văn số 1624/UBND-VXNV ngày 17/01/2024 của UBND tỉnh;\nUBND huyện "
        "ban hành Kế hoạch số 7/KH-UBND về tuyên truyền.",
        [
            ("80/2015/QH13", BASIS),
            ("30/2020/NĐ-CP", BASIS),
            ("1624/UBND-VXNV", BASIS),
            ("7/KH-UBND", None),
        ],
    ),
    (
        "trien-khai",
        "Triển khai Kế hoạch số 37/KH-UBND ngày 06/02/2024 của UBND tỉnh, UBND thành phố ban "
        "hành Kế hoạch số 5/KH-UBND.",
        [("37/KH-UBND", IMPLEMENTS), ("5/KH-UBND", None)],
    ),
    (
        "opener-with-words-before-the-citation",
        "Thực hiện chỉ đạo của UBND tỉnh tại Công văn số 2231/SNV-CCHC&PC ngày 01-10-2023, "
        "phòng Nội vụ đề nghị ...",
        [("2231/SNV-CCHC&PC", IMPLEMENTS)],
    ),
    (
        "mixed-openers",
        "Căn cứ Quyết định số 35/QĐ-BNV ngày 17/01/2024 của Bộ Nội vụ;\nThực hiện Kế hoạch số "
        "54/KH-UBND ngày 08/2/2024 của UBND Thành phố;",
        [("35/QĐ-BNV", BASIS), ("54/KH-UBND", IMPLEMENTS)],
    ),
    (
        "lowercase-opener-inside-a-sentence-is-content",
        "Tuyên truyền về một cửa; triển khai thực hiện Đề án số 06; căn cứ Kế hoạch số 3/KH-UBND.",
        [("06", None), ("3/KH-UBND", None)],
    ),
    (
        "party-circular-and-upper-case",
        "CĂN CỨ CÔNG VĂN SỐ 59-CV/TU NGÀY 3/4/2024 CỦA TỈNH ỦY",
        [("59-CV/TU", BASIS)],
    ),
    (
        "blank-draft-number",
        "Thực hiện Kế hoạch số /KH-UBND của UBND huyện",
        [("/KH-UBND", IMPLEMENTS)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in TEXTS], ids=[r[0] for r in TEXTS])
def test_relations_and_references_from_context(
    text: str, expected: list[tuple[str, Relation | None]]
) -> None:
    citations = find_citations(text)
    assert [(str(c.ref), c.relation) for c in citations] == expected


def test_dates_issuers_and_kinds_of_constructed_citations() -> None:
    first, second, third, _ = find_citations(TEXTS[0][1])
    assert (first.kind, first.date, first.issuer_text) == (
        DocumentKind.LAW,
        dt.date(2015, 6, 22),
        None,
    )
    assert (second.kind, second.issuer_text) == (DocumentKind.DECREE, "Chính phủ")
    assert (third.kind, third.kind_code, third.issuer_text) == (
        DocumentKind.LETTER,
        None,
        "UBND tỉnh",
    )
    upper = find_citations(TEXTS[5][1])[0]
    assert (upper.kind_text, upper.date, upper.issuer_text) == (
        "CÔNG VĂN",
        dt.date(2024, 4, 3),
        "TỈNH ỦY",
    )


def test_an_impossible_date_in_a_citation_is_left_out() -> None:
    (citation,) = find_citations("Kế hoạch số 5/KH-UBND ngày 31/02/2024 của UBND tỉnh về X.")
    assert citation.date is None
    assert citation.issuer_text == "UBND tỉnh"
    assert citation.title == "X"


def test_the_issuer_may_come_before_the_date() -> None:
    (citation,) = find_citations("Kế hoạch số 37/KH-UBND của UBND tỉnh ngày 06/02/2024 về X;")
    assert (citation.issuer_text, citation.date) == ("UBND tỉnh", dt.date(2024, 2, 6))


def test_a_stray_space_in_a_reference_and_a_trailing_dash() -> None:
    (spaced,) = find_citations("Hướng dẫn số 83/HD- LĐLĐ ngày 11/6/2021")
    assert str(spaced.ref) == "83/HD-LĐLĐ"
    assert spaced.date == dt.date(2021, 6, 11)
    (dashed,) = find_citations("Kế hoạch số 54/KH-UBND - tiếp theo")
    assert dashed.text == "Kế hoạch số 54/KH-UBND"


def test_a_dot_after_tp_does_not_end_the_issuer() -> None:
    (citation,) = find_citations("Kế hoạch số 13/KH-UBND của UBND TP. Lạng Sơn về X.")
    assert citation.issuer_text == "UBND TP. Lạng Sơn"


def test_repeated_mentions_are_each_found() -> None:
    text = "Kế hoạch số 13/KH-UBND. Xem Kế hoạch số 13/KH-UBND. Lại Kế hoạch số 13/KH-UBND."
    citations = find_citations(text)
    assert len(citations) == 3
    assert len({c.span for c in citations}) == 3


def test_the_shared_issuer_is_given_only_along_a_plain_list() -> None:
    citations = find_citations(
        "Nghị quyết số 18-NQ/TW và Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương; "
        "Chỉ thị số 5/CT-TTg ngày 1/2/2020, Quyết định số 6/QĐ-TTg của Thủ tướng."
    )
    assert [c.issuer_text for c in citations] == [
        "Ban Chấp hành Trung ương",
        "Ban Chấp hành Trung ương",
        None,
        "Thủ tướng",
    ]


def test_words_that_are_no_citation() -> None:
    assert find_citations("Số: /KH-UBND") == ()
    assert find_citations("chỉ số 5, chuyển đổi số, Kế hoạch số hóa, số lượng 30") == ()
    assert find_citations("Kế hoạch CCHC năm 2024 của thành phố Hà Nội") == ()


def test_decomposed_text_gives_the_same_citations_with_spans_in_its_own_offsets() -> None:
    text = seed("001")
    decomposed = unicodedata.normalize("NFD", text)
    composed = find_citations(text)
    citations = find_citations(decomposed)
    assert [(c.ref, c.date, c.issuer_text, c.relation) for c in citations] == [
        (c.ref, c.date, c.issuer_text, c.relation) for c in composed
    ]
    for citation in citations:
        assert decomposed[citation.span[0] : citation.span[1]] == citation.text
        assert unicodedata.normalize("NFC", citation.text) in text


@given(any_text)
def test_arbitrary_text_never_raises_and_spans_slice_back(text: str) -> None:
    for citation in find_citations(text):
        assert text[citation.span[0] : citation.span[1]] == citation.text


citation_like = st.lists(
    st.one_of(
        vietnamese_text,
        nfd_text,
        st.sampled_from(
            [
                "Kế hoạch số",
                "Nghị quyết số",
                "kế hoạch số",
                "KẾ HOẠCH SỐ",
                "Căn cứ",
                "Thực hiện",
                "54/KH-UBND",
                "60-NQ/TU",
                "/KH-UBND",
                "83/HD- LĐLĐ",
                "49",
                "ngày",
                "14/6/2021",
                "31/02/2024",
                "tháng",
                "năm",
                "của",
                "về",
                "việc",
                "UBND tỉnh",
                ";",
                ",",
                ".",
                "\n",
                "“",
                "”",
                "(",
                ")",
                "TP.",
                "-",
                "/",
                " ",
                "\u0301",
                "\u0323",
                "và",
            ]
        ),
    ),
    max_size=40,
).map(" ".join)


@given(citation_like)
def test_citation_like_text_never_raises_and_spans_slice_back(text: str) -> None:
    previous_end = 0
    for citation in find_citations(text):
        start, end = citation.span
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == citation.text
        previous_end = end


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch số" + " " * 20000 + "x",
        "Kế hoạch số 5/KH-UBND của" + " " * 20000 + "x",
        "Kế hoạch số 5/KH-UBND về" + " a," * 20000,
        "Thực hiện" + " " * 20000 + "Kế hoạch số 5/KH-UBND",
        "Kế hoạch số 5/" + "A-" * 20000,
        "số " * 20000,
        "Kế hoạch số 1; " * 5000,
        ("đ" * 20000 + "—" + unicodedata.normalize("NFD", "Kế\thoạch\tsố\t5/KH-UBND")) * 5,
    ],
    ids=[
        "spaces-after-so",
        "spaces-after-cua",
        "long-title",
        "far-opener",
        "long-symbol",
        "many-so",
        "many-citations",
        "nfd-without-spaces",
    ],
)
def test_hostile_text_is_read_in_linear_time(text: str) -> None:
    # Quadratic patterns would take minutes here; no timing assertion, the run itself checks.
    for citation in find_citations(text):
        assert text[citation.span[0] : citation.span[1]] == citation.text


# --- headers ------------------------------------------------------------------------------


def test_the_header_of_the_lang_son_draft() -> None:
    header = read_header(seed("001"))
    assert header.number_line == "Số: /KH-UBND"
    assert header.ref == parse_ref("/KH-UBND")
    assert header.place == "TP. Lạng Sơn"
    assert header.date == dt.date(2024, 2, 27)
    assert header.kind is DocumentKind.PLAN
    assert header.kind_text == "KẾ HOẠCH"
    assert (
        header.title == "Tuyên truyền cải cách hành chính năm 2024 trên địa bàn thành phố Lạng Sơn"
    )


def test_the_header_of_the_gia_lam_guidance() -> None:
    header = read_header(seed("003"))
    assert header.number_line == "Số: 83/HD- LĐLĐ"
    assert header.ref == parse_ref("83/HD-LĐLĐ")
    assert (header.place, header.date) == ("Gia Lâm", dt.date(2021, 6, 11))
    assert header.kind is DocumentKind.GUIDANCE
    assert header.title_lines == (
        "Thông tin, tuyên truyền về Cải cách hành chính nhà nước của thành phố Hà Nội giai "
        "đoạn 2021 - 2025",
    )


def test_a_header_with_parts_missing() -> None:
    assert read_header(seed("000")).kind is None
    assert read_header("") == read_header("\n\n")
    partial = read_header("ỦY BAN NHÂN DÂN\nHà Nội, ngày    tháng    năm 2024\nKẾ HOẠCH\n")
    assert (partial.place, partial.date, partial.kind) == ("Hà Nội", None, DocumentKind.PLAN)
    assert partial.number_line is None
    assert partial.title is None


header_like = st.lists(
    st.one_of(
        vietnamese_text,
        nfd_text,
        any_text,
        st.sampled_from(
            [
                "Số: 54/KH-UBND",
                "**Số: /KH-UBND**",
                "Số:",
                "Số: 83/HD- LĐLĐ",
                "Số: không rõ",
                "Hà Nội, ngày 08 tháng 02 năm 2024",
                "TP. Lạng Sơn, ngày    tháng    năm 2024",
                "Gia Lâm, ngày 31 tháng 02 năm 2021",
                "KẾ HOẠCH",
                "## HƯỚNG DẪN",
                "Tuyên truyền cải cách hành chính năm 2024",
                "",
                "Căn cứ Luật Tổ chức chính quyền địa phương;",
                "I. MỤC ĐÍCH, YÊU CẦU",
            ]
        ),
    ),
    max_size=20,
).map("\n".join)


def _header_lines(text: str) -> list[str]:
    """The lines of *text* as the header reader sees them: NFC, stripped, emphasis dropped.

    Each with and without a closing bar, which the reader drops as a copied table's.
    """
    lines = [
        unicodedata.normalize("NFC", raw).strip().strip("*_#").strip() for raw in text.splitlines()
    ]
    return [*lines, *(line.rstrip("| \t") for line in lines if line.endswith("|"))]


@given(st.one_of(any_text, header_like))
def test_read_header_keeps_only_what_the_text_says(text: str) -> None:
    header = read_header(text)
    lines = _header_lines(text)
    parts = [header.number_line, header.date_line, header.place, header.kind_text]
    for part in [*(p for p in parts if p is not None), *header.title_lines]:
        assert part
        assert unicodedata.is_normalized("NFC", part)
        assert "\n" not in part
    # The number line is the end of a line of the text; its reference, when it reads.
    if header.number_line is None:
        assert header.ref is None
    else:
        assert any(line.endswith(header.number_line) for line in lines)
        written = header.number_line.partition(":")[2].strip()
        if header.ref is not None:
            assert header.ref == parse_ref(written)
        elif written:
            with pytest.raises(ParseError):
                parse_ref(written)
    # The place-and-date line is a whole line: the place before its comma, then the date.
    if header.date_line is None:
        assert (header.place, header.date) == (None, None)
    else:
        assert header.date_line in lines
        place, _, written_date = header.date_line.partition(",")
        assert header.place == place.strip()
        if header.date is not None:
            assert parse_date(written_date.strip()) == header.date
        else:  # left blank, as in a draft, or no day of the calendar
            with pytest.raises(ParseError):
                parse_date(written_date.strip())
    # The kind is the one its line names; title lines come only under a kind line.
    if header.kind is None:
        assert (header.kind_text, header.title_lines) == (None, ())
    else:
        assert header.kind_text in lines
        assert KIND_OF_WORD[fold(header.kind_text or "")] is header.kind
        assert all(line in lines for line in header.title_lines)
    assert header.title == (" ".join(header.title_lines) or None)
    # Decomposed text reads the same, and a body opener first leaves no header at all.
    assert read_header(unicodedata.normalize("NFD", text)) == header
    assert read_header("Căn cứ Luật Tổ chức chính quyền địa phương;\n" + text) == Header()


# --- issuers --------------------------------------------------------------------------------


def unit(code: str, name: str, level: Level, parent: str | None = None, **extra: object) -> Unit:
    return Unit(code=code, name=name, level=level, parent=parent, **extra)  # type: ignore[arg-type]


UNITS = {
    u.code: u
    for u in [
        unit("cp", "Chính phủ", Level.CENTRAL, symbol="CP"),
        unit("ttg", "Thủ tướng Chính phủ", Level.CENTRAL, symbol="TTg"),
        unit(
            "hn.ubnd",
            "UBND Thành phố Hà Nội",
            Level.PROVINCE,
            symbol="UBND",
            aliases=("UBND Thành phố", "Ủy ban nhân dân thành phố Hà Nội"),
        ),
        unit("hn.tu", "Thành ủy Hà Nội", Level.PROVINCE, symbol="TU"),
        unit("hn.ldld", "LĐLĐ Thành phố Hà Nội", Level.PROVINCE, symbol="LĐLĐ"),
        unit("gl.ubnd", "UBND huyện Gia Lâm", Level.DISTRICT, "hn.ubnd", symbol="UBND"),
        unit("gl.ldld", "LĐLĐ huyện Gia Lâm", Level.DISTRICT, "hn.ldld", symbol="LĐLĐ"),
        unit("ls.ubnd", "UBND tỉnh Lạng Sơn", Level.PROVINCE, symbol="UBND"),
        unit("ls.tu", "Tỉnh ủy Lạng Sơn", Level.PROVINCE, symbol="TU"),
        unit("ls-tp.ubnd", "UBND thành phố Lạng Sơn", Level.DISTRICT, "ls.ubnd", symbol="UBND"),
        unit("ls-tp.pnv", "Phòng Nội vụ", Level.DISTRICT, "ls-tp.ubnd"),
        unit("ls.snv", "Sở Nội vụ tỉnh Lạng Sơn", Level.PROVINCE, "ls.ubnd", symbol="SNV"),
        unit("ht.ubnd", "UBND tỉnh Hà Tĩnh", Level.PROVINCE, symbol="UBND"),
        unit("cx.ubnd", "UBND huyện Cẩm Xuyên", Level.DISTRICT, "ht.ubnd", symbol="UBND"),
        unit("cd.ubnd", "UBND xã Cẩm Duệ", Level.COMMUNE, "cx.ubnd", symbol="UBND"),
    ]
}
ISSUERS = [
    ("UBND tỉnh", "ls-tp.ubnd", "ls.ubnd"),
    ("UBND thành phố", "ls-tp.ubnd", "ls-tp.ubnd"),
    ("UBND thành phố", "ls-tp.pnv", "ls-tp.ubnd"),
    ("Ủy ban nhân dân tỉnh", "ls-tp.ubnd", "ls.ubnd"),
    ("UBND Thành phố", "hn.ubnd", "hn.ubnd"),
    ("UBND Thành phố", "gl.ubnd", "hn.ubnd"),
    ("UBND Thành phố", "gl.ldld", "hn.ubnd"),
    ("UBND tỉnh", "cd.ubnd", "ht.ubnd"),
    ("UBND huyện", "cd.ubnd", "cx.ubnd"),
    ("UBND xã", "cd.ubnd", "cd.ubnd"),
    ("UBND huyện", "ls-tp.ubnd", None),
    ("UBND thành phố", "ls.ubnd", None),
    ("Sở Nội vụ tỉnh", "ls-tp.ubnd", "ls.snv"),
    ("Ban Thường vụ Tỉnh ủy", "ls-tp.ubnd", "ls.tu"),
    ("Tỉnh ủy", "ls-tp.pnv", "ls.tu"),
    ("Thành ủy", "gl.ubnd", "hn.tu"),
    ("Thành ủy Hà Nội khóa XVII", "hn.ubnd", "hn.tu"),
    ("của Thành ủy Hà Nội", "ls.ubnd", "hn.tu"),
    ("UBND tỉnh Hà Tĩnh", "cd.ubnd", "ht.ubnd"),
    ("UBND tỉnh Hà Tĩnh", "ls-tp.ubnd", "ht.ubnd"),
    ("UBND huyện Cẩm Xuyên", "cd.ubnd", "cx.ubnd"),
    ("Ủy ban nhân dân tỉnh Lạng Sơn", "ls-tp.ubnd", "ls.ubnd"),
    ("UBND TP. Lạng Sơn", "ls.ubnd", "ls-tp.ubnd"),
    ("LĐLĐ Thành phố Hà Nội", "gl.ldld", "hn.ldld"),
    ("Liên đoàn Lao động thành phố Hà Nội", "gl.ldld", "hn.ldld"),
    ("Chính phủ", "cd.ubnd", "cp"),
    ("Thủ tướng Chính phủ", "hn.ubnd", "ttg"),
    ("UBND tỉnh Quảng Ninh", "ls.ubnd", None),
    ("UBND tỉnh", "no.such.unit", None),
    ("", "ls.ubnd", None),
]


@pytest.mark.parametrize(
    ("wording", "citing", "expected"),
    ISSUERS,
    ids=[f"{w or 'empty'}@{c}" for w, c, _ in ISSUERS],
)
def test_resolve_issuer(wording: str, citing: str, expected: str | None) -> None:
    assert resolve_issuer(wording, citing, UNITS) == expected


def test_resolve_issuer_survives_a_parent_cycle() -> None:
    units = {
        "a": unit("a", "UBND xã A", Level.COMMUNE, "b"),
        "b": unit("b", "UBND huyện B", Level.DISTRICT, "a"),
    }
    assert resolve_issuer("UBND tỉnh", "a", units) is None
    assert resolve_issuer("UBND huyện", "a", units) == "b"


def test_resolve_issuer_on_the_seed_citations(found: dict[str, tuple[Citation, ...]]) -> None:
    city = [resolve_issuer(c.issuer_text or "", "ls-tp.ubnd", UNITS) for c in found["001"][:5]]
    assert city == ["ls.tu", "ls.ubnd", "ls.ubnd", "ls-tp.ubnd", "ls-tp.ubnd"]
    commune = [resolve_issuer(c.issuer_text or "", "cd.ubnd", UNITS) for c in found["002"][:2]]
    assert commune == ["ht.ubnd", "cx.ubnd"]


# --- the cite command -----------------------------------------------------------------------


def run_cite(argv: list[str], environ: dict[str, str] | None = None) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    _cite.configure(parser)
    out, err = io.StringIO(), io.StringIO()
    env = Env(stdout=out, stderr=err, environ=environ or {"COLUMNS": "160"})
    code = _cite.execute(parser.parse_args(argv), env)
    return code, out.getvalue(), err.getvalue()


def test_cite_json_on_a_seed() -> None:
    path = seed_path("000")
    code, out, err = run_cite(["--json", str(path)])
    assert (code, err) == (EXIT_OK, "")
    records = json.loads(out)["citations"]
    first_parent = records[1]
    assert list(first_parent)[:9] == [
        "kind",
        "number",
        "issuer",
        "date",
        "relation",
        "issuer_text",
        "span",
        "text",
        "title",
    ]
    assert {k: first_parent[k] for k in ("kind", "number", "issuer", "date", "relation")} == {
        "kind": "KH",
        "number": "145",
        "issuer": "UBND",
        "date": "2021-06-14",
        "relation": "implements",
    }
    assert first_parent["issuer_text"] == "UBND Thành phố"
    text = path.read_text(encoding="utf-8")
    start, end = first_parent["span"]
    assert text[start:end] == first_parent["text"]
    scheme = records[-1]
    assert (scheme["kind"], scheme["number"], scheme["issuer"], scheme["date"]) == (
        "ĐA",
        "06",
        None,
        None,
    )
    assert "Thành ủy" in out  # not escaped: ensure_ascii=False


@pytest.mark.parametrize(("lang", "label"), [("vi", "Quan hệ"), ("en", "Relation")])
def test_cite_table(lang: str, label: str) -> None:
    code, out, _ = run_cite(["--lang", lang, str(seed_path("002"))])
    assert code == EXIT_OK
    assert label in out
    assert "4256/KH-UBND" in out
    assert "UBND huyện Cẩm Xuyên" in out


def test_cite_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "Thực hiện Kế hoạch số 523/KH-UBND ngày 28/12/2021 của UBND tỉnh Hà Tĩnh.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run_cite(["--json", "-"])
    assert code == EXIT_OK
    assert json.loads(out)["citations"][0]["number"] == "523"


def test_cite_with_nothing_to_cite(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("Không có gì.", encoding="utf-8")
    assert (
        run_cite(["--json", str(empty)])[1].strip() == '{\n  "citations": [],\n  "header": null\n}'
    )
    assert "No citations" in run_cite(["--lang", "en", str(empty)])[1]


def test_cite_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run_cite([str(missing)])
    assert (code, out) == (EXIT_INPUT, "")
    assert err.count("\n") == 1
    assert str(missing) in err


def test_cite_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Kế hoạch".encode("utf-16"))
    code, _, err = run_cite([str(latin)])
    assert code == EXIT_INPUT
    assert err.count("\n") == 1
    assert str(latin) in err
    assert "UTF-8" in err


def test_cite_a_folder(tmp_path: Path) -> None:
    code, _, err = run_cite([str(tmp_path)])
    assert code == EXIT_INPUT
    assert str(tmp_path) in err
