"""Document references: every printed form reads, prints back, and identifies per the law."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from cchc.exceptions import ModelError, ParseError
from cchc.refs._identity import RefIdentity, document_type, identity, identity_on, party_term
from cchc.refs._refs import DocumentRef, parse_ref
from cchc.text._vocab import DocumentKind, Level
from tests.strategies import refs

# (written, number, code, issuer, unit, year, party, canonical form)
FORMS = [
    ("54/KH-UBND", "54", "KH", "UBND", None, None, False, "54/KH-UBND"),
    ("07/KH-UBND", "07", "KH", "UBND", None, None, False, "07/KH-UBND"),
    ("09/2019/NĐ-CP", "09", "NĐ", "CP", None, 2019, False, "09/2019/NĐ-CP"),
    ("93/2021/NQ-HĐND", "93", "NQ", "HĐND", None, 2021, False, "93/2021/NQ-HĐND"),
    ("202/2025/QH15", "202", None, "QH15", None, 2025, False, "202/2025/QH15"),
    ("1624/UBND-VXNV", "1624", None, "UBND", "VXNV", None, False, "1624/UBND-VXNV"),
    ("2231/SNV-CCHC&PC", "2231", None, "SNV", "CCHC&PC", None, False, "2231/SNV-CCHC&PC"),
    ("60-NQ/TU", "60", "NQ", "TU", None, None, True, "60-NQ/TU"),
    ("01-CTr/TU", "01", "CTr", "TU", None, None, True, "01-CTr/TU"),
    ("59-CV/TU", "59", "CV", "TU", None, None, True, "59-CV/TU"),
    ("23/CT-TTg", "23", "CT", "TTg", None, None, False, "23/CT-TTg"),
    ("83/HD- LĐLĐ", "83", "HD", "LĐLĐ", None, None, False, "83/HD-LĐLĐ"),
    ("Số: /KH-UBND", None, "KH", "UBND", None, None, False, "/KH-UBND"),
    ("Số: 83/HD- LĐLĐ", "83", "HD", "LĐLĐ", None, None, False, "83/HD-LĐLĐ"),
    ("49", "49", None, None, None, None, False, "49"),
    ("54/KH", "54", "KH", None, None, None, False, "54/KH"),
    (" 60 - NQ / TU ", "60", "NQ", "TU", None, None, True, "60-NQ/TU"),
]


@pytest.mark.parametrize("row", FORMS, ids=[row[0] for row in FORMS])
def test_every_printed_form_reads_and_prints_canonically(
    row: tuple[str, str | None, str | None, str | None, str | None, int | None, bool, str],
) -> None:
    written, number, code, issuer, unit, year, party, canonical = row
    ref = parse_ref(written)
    assert ref == DocumentRef(
        number=number, code=code, issuer=issuer, unit=unit, year=year, party=party
    )
    assert str(ref) == canonical
    assert parse_ref(canonical) == ref


def test_a_type_without_its_issuer_is_that_type_with_no_issuer_symbol() -> None:
    # Sloppy text prints "Kế hoạch số 54/KH": the type is kept, the issuer is left unknown
    # (never an issuer called "KH"), and the issuing unit must come from elsewhere.
    ref = parse_ref("54/KH")
    assert ref == DocumentRef(number="54", code="KH", issuer=None)
    assert ref.kind is DocumentKind.PLAN
    assert str(ref) == "54/KH"
    assert identity(ref, "hn.ubnd", 2024) == identity(parse_ref("54/KH-UBND"), "hn.ubnd", 2024)
    # A symbol that is no type abbreviation is still the issuer of a công văn.
    assert parse_ref("1624/UBND") == DocumentRef(number="1624", issuer="UBND")


def test_kinds_of_the_printed_codes() -> None:
    assert parse_ref("54/KH-UBND").kind is DocumentKind.PLAN
    assert parse_ref("60-NQ/TU").kind is DocumentKind.RESOLUTION
    assert parse_ref("59-CV/TU").kind is DocumentKind.LETTER
    assert parse_ref("1624/UBND-VXNV").kind is None
    assert parse_ref("/KH-UBND").is_blank


@pytest.mark.parametrize(
    "text",
    ["", "KH-UBND", "abc", "54/", "54/KH-", "-NQ/TU", "54/KH-UBND/", "ngày 14/6/2021", "x" * 5000],
    ids=[
        "empty",
        "no-number",
        "word",
        "no-symbol",
        "dangling-hyphen",
        "party-no-number",
        "trailing-slash",
        "date",
        "huge",
    ],
)
def test_unreadable_references_are_errors_quoting_the_text(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_ref(text)
    assert repr(text[:50])[:-1] in str(caught.value)


def test_spaces_are_dropped_in_linear_time_on_hostile_input() -> None:
    # A run of spaces with no separator used to cost quadratic time in a regex; this
    # must come back at once (it raises because it is no reference).
    with pytest.raises(ParseError):
        parse_ref("1" + " " * 150 + "x")


@given(refs())
def test_canonical_references_round_trip(ref: DocumentRef) -> None:
    text = str(ref)
    assert parse_ref(text) == ref
    assert str(parse_ref(text)) == text


# --- identity: Nghị định 30/2020/NĐ-CP Điều 15.1 and Hướng dẫn 36-HD/VPTW -------------


def test_state_numbers_restart_every_year() -> None:
    ref = parse_ref("54/KH-UBND")
    assert identity(ref, "hn.ubnd", 2024) != identity(ref, "hn.ubnd", 2023)


def test_state_numbers_are_per_issuer() -> None:
    ref = parse_ref("54/KH-UBND")
    assert identity(ref, "hn.ubnd", 2024) != identity(ref, "ls.ubnd", 2024)


def test_state_numbers_are_per_type() -> None:
    assert identity(parse_ref("54/KH-UBND"), "hn.ubnd", 2024) != identity(
        parse_ref("54/QĐ-UBND"), "hn.ubnd", 2024
    )


def test_padding_does_not_change_identity() -> None:
    assert identity(parse_ref("07/KH-UBND"), "hn.ubnd", 2024) == identity(
        parse_ref("7/KH-UBND"), "hn.ubnd", 2024
    )


def test_a_bare_number_takes_its_type_from_the_kind_word() -> None:
    bare = identity(parse_ref("49"), "cd.ubnd", 2022, kind=DocumentKind.PLAN)
    assert bare == identity(parse_ref("49/KH-UBND"), "cd.ubnd", 2022)


def test_the_year_printed_in_a_normative_reference_is_its_year() -> None:
    ref = parse_ref("09/2019/NĐ-CP")
    assert identity(ref, "cp", None) == RefIdentity(issuer="cp", code="NĐ", number=9, year=2019)
    with pytest.raises(ModelError, match="year"):
        identity(ref, "cp", 2020)


def test_a_state_reference_without_a_year_has_no_identity() -> None:
    with pytest.raises(ModelError, match="year"):
        identity(parse_ref("54/KH-UBND"), "hn.ubnd", None)


def test_a_blank_draft_number_has_no_identity() -> None:
    with pytest.raises(ModelError, match="number"):
        identity(parse_ref("/KH-UBND"), "ls-tp.ubnd", 2024)


def test_party_numbers_run_per_type_within_a_term_not_per_year() -> None:
    ref = parse_ref("60-NQ/TU")
    in_2021 = identity(ref, "ls.tu", 2021, term=2020)
    in_2023 = identity(ref, "ls.tu", 2023, term=2020)
    assert in_2021 == in_2023
    assert in_2021 != identity(ref, "ls.tu", 2021, term=2025)
    assert in_2021 != identity(parse_ref("60-CT/TU"), "ls.tu", 2021, term=2020)
    assert in_2021.party


@pytest.mark.parametrize(
    ("day", "level", "term"),
    [
        pytest.param(dt.date(2021, 3, 1), Level.PROVINCE, 2020, id="local-mid-term"),
        pytest.param(dt.date(2025, 6, 30), Level.DISTRICT, 2020, id="local-before-congress"),
        pytest.param(dt.date(2020, 3, 1), Level.PROVINCE, 2015, id="local-end-of-term"),
        pytest.param(dt.date(2020, 7, 1), Level.PROVINCE, None, id="local-congress-window"),
        pytest.param(dt.date(2020, 12, 31), None, None, id="unknown-level-is-local"),
        pytest.param(dt.date(2023, 5, 1), None, 2020, id="unknown-level-mid-term"),
        pytest.param(dt.date(2021, 2, 28), Level.CENTRAL, None, id="central-congress-window"),
        pytest.param(dt.date(2021, 3, 1), Level.CENTRAL, 2021, id="central-after-congress"),
        pytest.param(dt.date(2020, 11, 1), Level.CENTRAL, 2016, id="central-mid-term"),
    ],
)
def test_party_terms_run_congress_to_congress(
    day: dt.date, level: Level | None, term: int | None
) -> None:
    assert party_term(day, level) == term


def test_identity_on_a_day() -> None:
    ref = parse_ref("54/KH-UBND")
    on = identity_on(ref, "hn.ubnd", dt.date(2024, 2, 8), kind=DocumentKind.PLAN)
    assert on == identity(ref, "hn.ubnd", 2024)
    assert on is not None
    assert (on.is_complete, on.when) == (True, "2024")
    assert identity_on(ref, "hn.ubnd", None) is None  # Điều 15.1: no year, no identity
    assert identity_on(parse_ref("/KH-UBND"), "hn.ubnd", dt.date(2024, 2, 8)) is None
    normative = parse_ref("09/2019/NĐ-CP")
    assert identity_on(normative, "cp", None) == identity(normative, "cp")
    assert identity_on(normative, "cp", dt.date(2020, 1, 3)) is None  # the two years disagree


def test_party_identity_on_a_day_takes_the_term() -> None:
    ref = parse_ref("60-NQ/TU")
    mid = identity_on(ref, "ls.tu", dt.date(2021, 12, 15), level=Level.PROVINCE)
    assert mid == RefIdentity(issuer="ls.tu", code="NQ", number=60, term=2020, party=True)
    assert (mid.is_complete, mid.when) == (True, "2020-2025")
    assert mid == identity_on(ref, "ls.tu", dt.date(2024, 1, 2), level=Level.PROVINCE)
    window = identity_on(ref, "ls.tu", dt.date(2020, 10, 1), level=Level.PROVINCE)
    assert window is not None
    assert (window.term, window.is_complete, window.when) == (None, False, None)
    central = identity_on(parse_ref("05-NQ/TW"), "tw", dt.date(2022, 1, 5), level=Level.CENTRAL)
    assert central is not None
    assert central.when == "2021-2026"


def test_the_type_comes_from_the_code_else_the_kind() -> None:
    assert document_type(parse_ref("49"), DocumentKind.PLAN) == "KH"
    assert document_type(parse_ref("54/KH-UBND"), DocumentKind.REPORT) == "KH"
    assert document_type(parse_ref("49")) is None
    # Neither a law nor a state công văn prints a type: their kinds still tell them apart.
    law = identity(parse_ref("202/2025/QH15"), "qh", kind=DocumentKind.LAW)
    letter = identity(parse_ref("202/QH15"), "qh", 2025, kind=DocumentKind.LETTER)
    assert law != letter
