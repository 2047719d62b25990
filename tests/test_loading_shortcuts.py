"""The short cuts of reading a corpus give what the long way gives, answer for answer."""

from __future__ import annotations

import json
from unittest import mock

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


@st.composite
def _nested_json(draw: st.DrawFn) -> tuple[str, int]:
    """A valid JSON text, its strings holding brackets, and how deep it nests."""
    levels = draw(st.integers(MAX_DEPTH - 3, MAX_DEPTH + 3))
    # Bracket-laden strings without quotes or backslashes keep the quick way to the end.
    words = st.text(alphabet="[]{}aệ: ,", max_size=4).map(lambda word: f'"{word}"')
    values = st.sampled_from(["[]", "{}"]) | words
    closers: list[str] = []
    text = ""
    depth = 0
    for level in range(1, levels + 1):
        before = draw(st.lists(values, max_size=2))
        if draw(st.booleans()):
            text += "[" + "".join(f"{value}, " for value in before)
            closers.append("]")
        else:
            text += "{" + "".join(f'"k{i}": {value}, ' for i, value in enumerate(before))
            text += '"in": '
            closers.append("}")
        # An empty array or object beside the next level is as deep as that level.
        depth = max(depth, level + 1 if any(v in ("[]", "{}") for v in before) else level)
    text += draw(words) + "".join(reversed(closers))
    return text, depth


@given(_nested_json())
def test_valid_json_near_the_depth_allowed_is_told_apart_the_quick_way(
    drawn: tuple[str, int],
) -> None:
    text, depth = drawn
    json.loads(text)  # valid, so that the quick way can answer on its own
    found = json_too_deep(text)
    assert found == _bracket_scan(text)
    assert (found is None) == (depth <= MAX_DEPTH)
    assert json_too_deep(text, text.encode("utf-8")) == found
    if found is None:
        # Told without the long way's scan.
        with mock.patch("cchc.files._json._bracket_scan", side_effect=AssertionError):
            assert json_too_deep(text) is None
