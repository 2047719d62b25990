"""Vocabulary tables and Vietnamese text folding."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given

from cchc import Cadence, ChannelKind, DocumentKind, Level, ParseError, ReformArea
from cchc.text._normal import expand_abbreviations, fold, nfc, same_text, tokens
from cchc.text._vocab import from_vietnamese
from tests import strategies


@pytest.mark.parametrize(
    ("vocabulary", "word", "member"),
    [
        (Cadence, "hằng quý", Cadence.QUARTERLY),
        (Cadence, "HÀNG THÁNG", Cadence.MONTHLY),
        (Cadence, "6 tháng", Cadence.HALF_YEARLY),
        (DocumentKind, "Kế hoạch", DocumentKind.PLAN),
        (DocumentKind, "hướng dẫn", DocumentKind.GUIDANCE),
        (Level, "xã", Level.COMMUNE),
        (Level, "Quận", Level.DISTRICT),
        (ReformArea, "Cải cách thủ tục hành chính", ReformArea.PROCEDURES),
        (ChannelKind, "Zalo", ChannelKind.SOCIAL_MEDIA),
    ],
    ids=str,
)
def test_from_vietnamese(vocabulary: type, word: str, member: object) -> None:
    assert from_vietnamese(vocabulary, word) is member


def test_unknown_word_is_reported_with_what_is_known() -> None:
    with pytest.raises(ParseError, match="hằng quý"):
        from_vietnamese(Cadence, "thỉnh thoảng")


@pytest.mark.parametrize(
    ("kind", "abbreviation"),
    [
        (DocumentKind.PLAN, "KH"),
        (DocumentKind.DECISION, "QĐ"),
        (DocumentKind.PROGRAMME, "CTr"),
        (DocumentKind.RULES, "QyĐ"),
        (DocumentKind.LETTER, None),
    ],
)
def test_abbreviations_follow_decree_30(kind: DocumentKind, abbreviation: str | None) -> None:
    assert kind.abbreviation == abbreviation
    if abbreviation:
        assert DocumentKind.from_abbreviation(abbreviation) is kind


def test_fold_removes_case_and_diacritics() -> None:
    assert fold("Đẩy mạnh  CẢI CÁCH") == "day manh cai cach"
    assert same_text("Ủy ban nhân dân", "uy ban nhan dan")
    assert not same_text("cải cách", "cải tạo")


def test_tokens_keep_symbols_whole() -> None:
    assert tokens("SNV-CCHC&PC, Zalo") == ("snv-cchc&pc", "zalo")


def test_expand_abbreviations() -> None:
    assert expand_abbreviations("Tuyên truyền CCHC, TTHC") == (
        "Tuyên truyền cải cách hành chính, thủ tục hành chính"
    )


@given(strategies.vietnamese_text)
def test_fold_is_the_same_for_nfc_and_nfd(text: str) -> None:
    assert fold(text) == fold(unicodedata.normalize("NFD", text))
    assert nfc(unicodedata.normalize("NFD", text)) == text


def test_the_fold_cache_keeps_short_texts_only_and_at_most_its_size() -> None:
    from cchc.text import _normal

    _normal._fold_short.cache_clear()
    long_text = "Đẩy mạnh " * 200
    assert fold(long_text) == "day manh " * 199 + "day manh"
    assert _normal._fold_short.cache_info().currsize == 0
    for n in range(_normal._FOLD_CACHE_SIZE + 10):
        fold(f"Đơn vị {n}")
    info = _normal._fold_short.cache_info()
    assert info.currsize == info.maxsize == _normal._FOLD_CACHE_SIZE
