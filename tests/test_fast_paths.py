"""The short cuts of loading and writing give what the long way gives, value for value."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cchc.exceptions import Severity
from cchc.files._json import dumps_indented, load_json
from cchc.files._load import load_corpus
from cchc.files._values import normalise_text, parses_to_nfc
from cchc.files._yaml import load_yaml

# Letters, Vietnamese letters precomposed and decomposed, combining marks alone, blanks
# and the characters the two formats delimit or escape with.
_PIECES = st.sampled_from(
    [
        *("a", "e", "ệ", "ê\u0323", "e\u0302\u0323", "\u0301", "\u0323", "đ", " ", "\n", '"'),
        *("'", ":", "-", "#", "[", "{", "\\", "\t", "ư\u0300", "\u0300", "A", "1"),
    ]
)
_TEXTS = st.lists(_PIECES, max_size=12).map("".join)
_DATA = st.dictionaries(
    _TEXTS.filter(lambda t: t.strip() == t and t != ""),
    st.one_of(_TEXTS, st.lists(_TEXTS, max_size=3)),
    max_size=4,
)


@given(_DATA)
def test_a_text_found_nfc_parses_to_nfc_strings(data: dict[str, object]) -> None:
    texts = [
        (json.dumps(data, ensure_ascii=False), load_json),
        (json.dumps(data), load_json),
        (yaml.safe_dump(data, allow_unicode=True), load_yaml),
        (yaml.safe_dump(data, allow_unicode=True, default_style='"'), load_yaml),
        (yaml.safe_dump(data, allow_unicode=True, default_style="|"), load_yaml),
        (yaml.safe_dump(data, allow_unicode=True, width=4), load_yaml),
    ]
    for text, load in texts:
        if parses_to_nfc(text):
            assert normalise_text(load(text))[1] == 0, text


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("json escape", '{"key": "k", "title": "Ke\\u0301 hoa\\u0323ch"}'),
        ("yaml escape", 'key: k\ntitle: "Ke\\u0301 hoạch"\n'),
        # An escaped line break joins "Ke" to the mark that opens the next line.
        ("yaml joined lines", 'key: k\ntitle: "Ke\\\n  \u0301 hoạch"\n'),
    ],
)
def test_text_made_by_an_escape_is_still_normalised(tmp_path: Path, name: str, text: str) -> None:
    assert unicodedata.is_normalized("NFC", text)
    path = tmp_path / ("plan.json" if name.startswith("json") else "plan.yaml")
    path.write_text(
        text.replace("key: k\n", "key: k\nkind: plan\nissuer: u\n").replace(
            '"key": "k",', '"key": "k", "kind": "plan", "issuer": "u",'
        ),
        encoding="utf-8",
    )
    corpus = load_corpus(path)
    assert corpus.plans[0].title == "Ké hoạch"
    assert [(p.severity, p.message) for p in corpus.problems] == [
        (Severity.WARNING, "1 text value(s) were not in Unicode NFC and were normalised")
    ]


def _slow(data: object) -> str:
    from cchc._visible import escape_json

    return escape_json(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_JSON_VALUES)
def test_indented_json_is_the_standard_librarys_byte_for_byte(data: object) -> None:
    assert dumps_indented(data) == _slow(data)


@pytest.mark.parametrize(
    "data",
    [
        {"tiny": 1.5e-05, "small": 2.5e-07, "at the edge": 0.0001, "big": 1e16},
        {"huge": 2**70, "negative": -(2**64)},
        {"surrogate": "bad\udcff.yaml", "bidi": "Hà Nội \u202e", "nul": "\x00\x7f\x85"},
        {1: "a key that is not text", None: True},
        [
            [
                [
                    [
                        [
                            [
                                [
                                    [
                                        [
                                            [
                                                [
                                                    [
                                                        [
                                                            [
                                                                [
                                                                    [
                                                                        [
                                                                            [
                                                                                [
                                                                                    [
                                                                                        [
                                                                                            [
                                                                                                [
                                                                                                    [
                                                                                                        [
                                                                                                            [
                                                                                                                [
                                                                                                                    [
                                                                                                                        [
                                                                                                                            [
                                                                                                                                [
                                                                                                                                    [
                                                                                                                                        [
                                                                                                                                            [
                                                                                                                                                [
                                                                                                                                                    [
                                                                                                                                                        [
                                                                                                                                                            [
                                                                                                                                                                [
                                                                                                                                                                    [
                                                                                                                                                                        [
                                                                                                                                                                            [
                                                                                                                                                                                [
                                                                                                                                                                                    [
                                                                                                                                                                                        [
                                                                                                                                                                                            [
                                                                                                                                                                                                [
                                                                                                                                                                                                    [
                                                                                                                                                                                                        [
                                                                                                                                                                                                            [
                                                                                                                                                                                                                [
                                                                                                                                                                                                                    [
                                                                                                                                                                                                                        [
                                                                                                                                                                                                                            [
                                                                                                                                                                                                                                [
                                                                                                                                                                                                                                    [
                                                                                                                                                                                                                                        [
                                                                                                                                                                                                                                            [
                                                                                                                                                                                                                                                [
                                                                                                                                                                                                                                                    [
                                                                                                                                                                                                                                                        [
                                                                                                                                                                                                                                                            [
                                                                                                                                                                                                                                                                []
                                                                                                                                                                                                                                                            ]
                                                                                                                                                                                                                                                        ]
                                                                                                                                                                                                                                                    ]
                                                                                                                                                                                                                                                ]
                                                                                                                                                                                                                                            ]
                                                                                                                                                                                                                                        ]
                                                                                                                                                                                                                                    ]
                                                                                                                                                                                                                                ]
                                                                                                                                                                                                                            ]
                                                                                                                                                                                                                        ]
                                                                                                                                                                                                                    ]
                                                                                                                                                                                                                ]
                                                                                                                                                                                                            ]
                                                                                                                                                                                                        ]
                                                                                                                                                                                                    ]
                                                                                                                                                                                                ]
                                                                                                                                                                                            ]
                                                                                                                                                                                        ]
                                                                                                                                                                                    ]
                                                                                                                                                                                ]
                                                                                                                                                                            ]
                                                                                                                                                                        ]
                                                                                                                                                                    ]
                                                                                                                                                                ]
                                                                                                                                                            ]
                                                                                                                                                        ]
                                                                                                                                                    ]
                                                                                                                                                ]
                                                                                                                                            ]
                                                                                                                                        ]
                                                                                                                                    ]
                                                                                                                                ]
                                                                                                                            ]
                                                                                                                        ]
                                                                                                                    ]
                                                                                                                ]
                                                                                                            ]
                                                                                                        ]
                                                                                                    ]
                                                                                                ]
                                                                                            ]
                                                                                        ]
                                                                                    ]
                                                                                ]
                                                                            ]
                                                                        ]
                                                                    ]
                                                                ]
                                                            ]
                                                        ]
                                                    ]
                                                ]
                                            ]
                                        ]
                                    ]
                                ]
                            ]
                        ]
                    ]
                ]
            ]
        ],
    ],
)
def test_what_orjson_cannot_write_alike_is_written_the_slow_way(data: object) -> None:
    assert dumps_indented(data) == _slow(data)


def test_a_nan_or_a_type_json_cannot_hold_raises_as_json_dumps_does() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        dumps_indented({"percent": float("inf")})
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"when": object()})
