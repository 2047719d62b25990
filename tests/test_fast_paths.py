"""The short cuts of loading and writing give what the long way gives, value for value."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from unittest import mock

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cchc.exceptions import CorpusError, ModelError, Severity
from cchc.files import _json
from cchc.files._json import Streamed, dumps_indented, encode_document, encode_indented, load_json
from cchc.files._load import bundled_corpus_path, load_corpus
from cchc.files._values import normalise_text, parses_to_nfc
from cchc.files._yaml import load_yaml
from cchc.model._checks import FieldCheck
from cchc.model._items import Objective

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
    assert encode_indented(data) == _slow(data).encode("utf-8")


@given(
    st.dictionaries(st.text(), st.tuples(_JSON_VALUES, st.integers(-1, 5)), max_size=5),
    st.integers(1, 3),
)
def test_a_document_with_streamed_lists_is_the_document_made_whole(
    fields: dict[str, tuple[object, int]], batch: int
) -> None:
    # A value with a count of members is a list made member by member (a batch at a time),
    # as coverage and progress make theirs; one with -1 is written as it is.
    made = {key: [value] * count if count >= 0 else value for key, (value, count) in fields.items()}
    parts = {
        key: Streamed(iter([value] * count)) if count >= 0 else value
        for key, (value, count) in fields.items()
    }
    with mock.patch.object(_json, "STREAM_BATCH", batch):
        assert b"".join(encode_document(parts)) == _slow(made).encode("utf-8")


# Every value of _JSON_VALUES is plain: no NaN, no infinity, text keys alone.
@given(st.lists(_JSON_VALUES, max_size=6), st.integers(1, 3))
def test_a_plain_streamed_list_is_laid_out_as_the_checked_one(
    members: list[object], batch: int
) -> None:
    # Skipping json.dumps's check changes no byte: huge numbers and lone surrogates still
    # go the standard library's way.
    with mock.patch.object(_json, "STREAM_BATCH", batch):
        plain = b"".join(encode_document({"items": Streamed(iter(members), plain=True)}))
    assert plain == _slow({"items": members}).encode("utf-8")


def test_a_plain_streamed_list_is_not_checked_by_the_standard_library() -> None:
    # The check is skipped only where the members are said plain (the keys of the
    # document are still encoded one by one, checked).
    members = [{"a": 1, "b": ["x", None, True]}]
    for plain in (True, False):
        with mock.patch.object(json, "dumps", wraps=json.dumps) as dumps:
            encode_document({"items": Streamed(iter(members), plain=plain)})
        batches = [call for call in dumps.call_args_list if call.args[0] == members]
        assert len(batches) == (0 if plain else 1)


def test_a_nan_in_a_streamed_list_raises_before_anything_is_encoded() -> None:
    with pytest.raises(ValueError, match="Out of range float"):
        encode_document({"items": Streamed(iter([1, {"x": float("nan")}]))})


@pytest.mark.parametrize(
    "data",
    [
        {"tiny": 1.5e-05, "small": 2.5e-07, "at the edge": 0.0001, "big": 1e16},
        {"huge": 2**70, "negative": -(2**64)},
        {"surrogate": "bad\udcff.yaml", "bidi": "Hà Nội \u202e", "nul": "\x00\x7f\x85"},
        {"bidi": "Hà Nội \u202e\u2066", "controls": "\x00\x7f\x85\u2028", "dash": "–“”"},
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
    assert encode_indented(data) == _slow(data).encode("utf-8", "surrogatepass")


def test_a_nan_or_a_type_json_cannot_hold_raises_as_json_dumps_does() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        dumps_indented({"percent": float("inf")})
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"when": object()})


def _composed_the_long_way(text: str) -> object:
    """What cchc's libyaml path gave before it built values in one pass."""
    from cchc.files._yaml import _COMPOSED, _check_depth

    assert _COMPOSED is not None
    loader = _COMPOSED(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_depth(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _outcome(load: object, text: str) -> tuple[str, object]:
    try:
        value = load(text)  # type: ignore[operator]
    except yaml.YAMLError as error:
        return "error", str(error)
    return type(value).__name__, value


_YAML_DOCUMENTS = [
    "",
    "key: k\nn: 06\nf: -1.50\nb: true\nc: False\nnothing: ~\nempty:\ns: 'quoted 06'\n",
    "a: [1, {b: c}, [], {}]\n'd': \"e\"\n",
    "key: k\nkey: again\n",
    "1: one\n'1': text one\n",
    "? [a, b]\n: complex key\n",
    "? {a: b}\n: complex key\n",
    "a: !!str 010\nb: !!int 010\n",
    "a: !!null x\nb: !!bool yes\n",
    "a: !!set {x, y}\n",
    "!!merge : {a: b}\n",
    "a: !!seq [x]\nb: !!map {c: d}\nc: !!str [x]\n",
    "a: !local x\n",
    "- " * 70 + "deep\n",
    "[" * 63 + "]" * 63 + "\n",
    "[" * 64 + "]" * 64 + "\n",
    "{a: " * 40 + "x" + "}" * 40 + "\n",
    "a: [1, 2\n",
    "title: |\n  line one\n  line two\n",
]


@pytest.mark.parametrize("text", _YAML_DOCUMENTS)
def test_yaml_built_in_one_pass_is_what_pyyaml_builds(text: str) -> None:
    assert _outcome(load_yaml, text) == _outcome(_composed_the_long_way, text)


@given(_JSON_VALUES.filter(lambda v: not isinstance(v, float)))
def test_yaml_of_any_values_builds_alike(data: object) -> None:
    for text in (yaml.safe_dump(data, allow_unicode=True), yaml.safe_dump(data, width=10)):
        if "*" not in text and "&" not in text:
            assert _outcome(load_yaml, text) == _outcome(_composed_the_long_way, text)


def test_coverage_without_concreteness_has_the_same_edges() -> None:
    from cchc.coverage._coverage import corpus_coverage
    from cchc.graph._graph import PlanGraph

    corpus = load_corpus(bundled_corpus_path())
    edges = PlanGraph.from_corpus(corpus).implements_edges()
    full = corpus_coverage(corpus, edges, suggest=False)
    short = corpus_coverage(corpus, edges, suggest=False, concrete=False)
    assert short.edges == full.edges
    assert full.concreteness  # the bundled corpus has gaps: the short cut drops something
    assert (short.concreteness, short.weakened) == ((), ())


_SCHEDULED = """\
key: {key}
kind: plan
title: Kế hoạch
issuer: u
tasks:
  - id: nd1
    text: Báo cáo
    schedules:
      - {{kind: report, cadences: [quarterly], anchor: following_day, day: {day}, to: u}}
"""


def test_records_repeated_across_files_are_shared_and_told_apart_by_type(
    tmp_path: Path,
) -> None:
    for key in ("a", "b"):
        (tmp_path / f"{key}.yaml").write_text(_SCHEDULED.format(key=key, day=5), "utf-8")
    a, b = load_corpus(tmp_path).plans
    assert a.tasks[0].schedules[0] is b.tasks[0].schedules[0]
    assert a.tasks[0].schedules[0].day == 5
    # The same record with the day quoted is text where a number belongs: still refused.
    (tmp_path / "c.yaml").write_text(_SCHEDULED.format(key="c", day='"5"'), "utf-8")
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path)
    (problem,) = raised.value.problems
    assert problem.file == str(tmp_path / "c.yaml")
    assert problem.message == "expected a number without quotes, found text '5'"


def test_records_that_seldom_repeat_are_no_longer_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc.files import _shared

    @attrs.frozen
    class Flat:
        text: str

    monkeypatch.setattr(_shared, "TRIAL", 32)
    made: list[str] = []

    def structure(value: dict[str, str], _: object) -> Flat:
        made.append(value["text"])
        return Flat(value["text"])

    repeating = _shared.shared(structure, Flat)
    first = repeating({"text": "Hằng tháng"}, Flat)
    for number in range(100):  # one in four met before: kept
        assert repeating({"text": "Hằng tháng" if number % 4 else f"{number}"}, Flat) is not None
    assert repeating({"text": "Hằng tháng"}, Flat) is first
    made.clear()
    unique = _shared.shared(structure, Flat)
    early = unique({"text": "r0"}, Flat)
    for number in range(1, 100):  # each met once: after the trial, none is kept
        unique({"text": f"r{number}"}, Flat)
    again = unique({"text": "r0"}, Flat)
    assert again == early
    assert again is not early
    assert made.count("r0") == 2


def _records_text(count: int) -> str:
    rows = "".join(
        f"  - unit: u{n}\n    duty: p#nd{n}\n    period: 2024-Q1\n"
        f"    done: 2024-03-{n % 28 + 1:02d}\n"
        for n in range(count)
    )
    return "records:\n" + rows


def test_a_long_shallow_file_is_composed_by_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """10,000 records have far more nesting indicators than levels: still the fast path."""
    from cchc.files import _yaml

    text = _records_text(10_000)
    expected = yaml.load(text, Loader=_yaml._SafeLoader)  # the pure-Python reading

    def refuse(*_: object, **__: object) -> object:
        raise AssertionError("the long shallow file went the slow way")

    monkeypatch.setattr(yaml, "load", refuse)
    assert _yaml._COMPOSED is None or load_yaml(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "- " * 6_000 + "x\n",  # deep on one line
        "a:\n" + "".join("  " * i + "- \n" for i in range(6_000)),  # deep by indentation
        "[" * 6_000 + "]" * 6_000 + "\n",  # deep in flow
        _records_text(2_000) + "deep: " + "[" * 6_000 + "]" * 6_000 + "\n",  # long and deep
    ],
)
def test_a_file_that_may_nest_deep_is_never_composed_by_libyaml(text: str) -> None:
    from cchc.files import _yaml

    assert not _yaml._shallow(text)


# Texts with the characters a field may refuse (control characters, a line break, a
# decomposed letter), and tuples of them: what the field checks remember must never
# change what they say.
_CHECKED = st.one_of(
    _TEXTS,
    st.sampled_from(["p01.snv", "kh-54", "bad code", "x\x07", "ệ", "e\u0302\u0323", ""]),
)
# Whole numbers, dates and their look-alikes (True == 1, a datetime is a date), which a
# check remembers too.
_SCALARS = st.one_of(
    st.integers(-2, 3),
    st.sampled_from([10_000, 10_001, 1.0, 2.5, True, False]),
    st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2210, 12, 31)),
    st.datetimes(min_value=dt.datetime(2023, 1, 1), max_value=dt.datetime(2025, 12, 31)),
)
_VALUES = st.one_of(
    _CHECKED,
    _SCALARS,
    st.lists(st.one_of(_CHECKED, _SCALARS), max_size=3).map(tuple),
    st.none(),
    st.just(()),
)


@given(st.lists(_VALUES, max_size=12))
def test_a_check_that_remembers_says_what_it_said_without(values: list[object]) -> None:
    from cchc.model._checks import (
        CODES,
        DATE,
        LINES,
        MAX_COUNT,
        NAMED,
        OPTIONAL_DATE,
        OPTIONAL_LINE,
        TEXT,
        field_check,
        whole_number,
    )
    from cchc.model._items import ItemLink

    fresh = field_check(TEXT.check)  # one that starts with nothing remembered
    count = field_check(whole_number("a count", MAX_COUNT, 1), optional=True)
    links = attrs.fields(Objective).inherits.validator
    link = ItemLink(plan="kh-a", item="1")
    # Always some look-alikes: remembering 1 must not let True pass as a count.
    values = [*values, 1, True, 1.0, dt.datetime(2024, 1, 1), (link,), (link, link), (link, "a")]
    attribute = attrs.fields(Objective).text
    checks = (TEXT, NAMED, OPTIONAL_LINE, CODES, LINES, DATE, OPTIONAL_DATE, count, fresh, links)
    for check in checks:
        assert isinstance(check, FieldCheck)
        # The long way: each member checked by its check, nothing remembered.
        reference = attrs.evolve(check, kind=None)
        for value in [*values, *values]:  # each twice: the second may be remembered
            expected = reference.first("text", value)
            assert str(check.first("text", value)) == str(expected)
            if expected is None:
                check(None, attribute, value)
            else:
                with pytest.raises(ModelError, match=re.escape(str(expected))):
                    check(None, attribute, value)


def test_a_check_remembers_a_bounded_number_of_short_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cchc.model import _checks

    monkeypatch.setattr(_checks, "MAX_PASSED", 3)
    check = _checks.field_check(_checks.TEXT.check)
    attribute = attrs.fields(Objective).text
    check(None, attribute, "ệ" * (_checks.MAX_PASSED_LENGTH + 1))
    assert check.passed == set()
    for number in range(10):
        check(None, attribute, f"nội dung {number}")
    assert check.passed == {"nội dung 0", "nội dung 1", "nội dung 2"}
