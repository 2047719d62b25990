"""The short cuts of reading a corpus give what the long way gives, answer for answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cchc.files._json import _bracket_scan, json_too_deep
from cchc.files._values import MAX_DEPTH

# Brackets one by one and in runs (to cross the depth), strings' quotes, escapes, letters
# in and outside ASCII.
_JSON_PIECES = st.sampled_from(
    [
        *("[", "{", "]", "}", '"', "\\", '\\"', "a", "ệ", "\n", ":", ","),
        *("[" * 20, "{" * 21, "]" * 20, "}" * 19, '["' * 8, '"]' * 8),
    ]
)


@given(st.lists(_JSON_PIECES, max_size=40).map("".join))
def test_the_quick_depth_check_finds_what_the_bracket_scan_finds(text: str) -> None:
    if text.count("[") + text.count("{") > MAX_DEPTH:
        assert json_too_deep(text) == _bracket_scan(text)
    else:
        assert json_too_deep(text) is None
    # Given the bytes read, with or without a byte-order mark before them: the same answer.
    encoded = text.encode("utf-8")
    assert json_too_deep(text, encoded) == json_too_deep(text)
    assert json_too_deep(text, b"\xef\xbb\xbf" + encoded) == json_too_deep(text)


def test_a_deep_text_without_backslashes_is_found_at_its_place() -> None:
    text = '{"a": "]]]]",\n ' + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "}"
    found = json_too_deep(text)
    assert found is not None
    assert (found.line, found.column) == (2, MAX_DEPTH + 1)
