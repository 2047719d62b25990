"""Values of a plan file are kept exactly as written, or refused with one clear line each.

Every row is a YAML or JSON snippet added to a small valid plan, with the value it loads
as or the exact problem lines it gives: numbers YAML 1.1 would rewrite (``06``, ``010``,
``1:30``, ``0x1F`` ...), NaN and infinities, numbers of thousands of digits, control
characters and lone surrogates, blank names, tags; then constructor type checks for
each model class and unit cycles.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc import (
    Anchor,
    Cadence,
    Channel,
    ChannelKind,
    Comparator,
    CorpusError,
    DocumentKind,
    Indicator,
    ItemLink,
    LegalBasis,
    Level,
    Measure,
    Members,
    ModelError,
    Objective,
    Period,
    Plan,
    Record,
    Schedule,
    ScheduleKind,
    Step,
    Task,
    Unit,
    dump_plan,
    load_plan,
)
from cchc.cli import main
from cchc.files._yaml import _COMPOSED, _LOADER, _load_composed, _SafeLoader, yaml_message
from cchc.model import _items as items_module
from cchc.model import _plan as plan_module
from cchc.model import _records as records_module
from cchc.text._normal import forbidden_characters
from tests import strategies

BASE = {"key": "p", "kind": "plan", "title": "Kế hoạch", "issuer": "u"}


def _write(folder: Path, fmt: str, snippet: str) -> Path:
    """A valid plan with *snippet* added (its fields replace the plan's own)."""
    if fmt == "yaml":
        fields = [k for k in BASE if not re.search(f"^{k}:", snippet, re.MULTILINE)]
        base = "".join(f"{k}: {BASE[k]}\n" for k in fields)
        path, text = folder / "plan.yaml", base + snippet
    else:
        fields = [k for k in BASE if not snippet.startswith(f'"{k}":')]
        base = "".join(f'"{k}": "{BASE[k]}", ' for k in fields)
        path, text = folder / "plan.json", "{" + base + snippet + "}"
    path.write_text(text, encoding="utf-8")
    return path


def _load(folder: Path, fmt: str, snippet: str) -> Plan:
    return load_plan(_write(folder, fmt, snippet))


def _problems(folder: Path, fmt: str, snippet: str) -> list[str]:
    path = _write(folder, fmt, snippet)
    with pytest.raises(CorpusError) as caught:
        load_plan(path)
    prefix = f"{path}: "
    lines = [str(p) for p in caught.value.problems]
    assert all(line.startswith(prefix) for line in lines), lines
    return [line.removeprefix(prefix) for line in lines]


def _schedule(fields: str) -> str:
    return f"tasks:\n  - id: t\n    text: a\n    schedules:\n      - {{{fields}}}\n"


def _quota(count: str) -> str:
    return _schedule(f"kind: quota, cadences: [monthly], count: {count}")


def _day(day: str) -> str:
    return _schedule(f"kind: recurring, cadences: [monthly], anchor: day, day: {day}")


def _value(value: str, measure: str = "count") -> str:
    return (
        "indicators:\n  - {id: i, text: a, comparator: at_least, "
        f"value: {value}, measure: {measure}}}\n"
    )


def _json_value(value: str) -> str:
    return (
        '"indicators": [{"id": "i", "text": "a", "comparator": "at_least", '
        f'"value": {value}, "measure": "count"}}]'
    )


def _json_quota(count: str) -> str:
    return (
        '"tasks": [{"id": "t", "text": "a", "schedules": '
        f'[{{"kind": "quota", "cadences": ["monthly"], "count": {count}}}]}}]'
    )


# -- text fields keep the characters written ------------------------------------------------

# Unquoted, YAML 1.1 (PyYAML's own reading) makes numbers, booleans or dates of most of
# these, and the rest look like numbers to someone; cchc keeps each as written.
YAML_11_NUMBERS = ["06", "010", "09", "1:30", "0b101", "0x1F", "0o17", "1_000", "+1", ".5"]
YAML_11_OTHERS = ["1e3", "1.5e3", ".inf", "-.inf", ".nan", ".NaN", "-0.0", "2024-02-08"]
YAML_11_BOOLS = ["yes", "no", "on", "off", "Yes", "NO", "On", "OFF", "y", "n"]


REWRITTEN_BY_YAML_11 = {
    "06": 6,
    "010": 8,
    "1:30": 90,
    "0b101": 5,
    "0x1F": 31,
    "1_000": 1000,
    "+1": 1,
    ".5": 0.5,
    "-0.0": -0.0,
    "yes": True,
    "off": False,
    "2024-02-08": dt.date(2024, 2, 8),
}


@pytest.mark.parametrize(("written", "read"), REWRITTEN_BY_YAML_11.items())
def test_plain_pyyaml_rewrites_what_cchc_keeps(written: str, read: object) -> None:
    # What the rows below guard against: PyYAML's safe loader changes these values.
    assert yaml.safe_load(f"a: {written}") == {"a": read}


@pytest.mark.parametrize("written", [*YAML_11_NUMBERS, *YAML_11_OTHERS, *YAML_11_BOOLS])
def test_a_text_field_keeps_an_unquoted_value_as_written(tmp_path: Path, written: str) -> None:
    plan = _load(tmp_path, "yaml", f"place: {written}\n")
    assert plan.place == written
    assert type(plan.place) is str


@pytest.mark.parametrize("written", ["06", "010", "0049", "49", "2024"])
def test_a_reference_keeps_its_number_as_written(tmp_path: Path, written: str) -> None:
    plan = _load(tmp_path, "yaml", f"ref: {written}\n")
    assert plan.ref is not None
    assert str(plan.ref) == written


@pytest.mark.parametrize(
    ("fmt", "snippet", "field", "expected"),
    [
        pytest.param("yaml", "ref: 06/KH-UBND\n", "ref", "06/KH-UBND", id="yaml-ref-padded"),
        pytest.param("yaml", "title: 2024\n", "title", "2024", id="yaml-number-title"),
        pytest.param("yaml", "place: -1\n", "place", "-1", id="yaml-negative"),
        pytest.param("yaml", "place: 99.50\n", "place", "99.50", id="yaml-decimal-zero"),
        pytest.param("yaml", "place: '06'\n", "place", "06", id="yaml-quoted"),
        pytest.param("yaml", "place: !!str 010\n", "place", "010", id="yaml-str-tag"),
        pytest.param("yaml", "place: ~\n", "place", None, id="yaml-null"),
        pytest.param("yaml", "place:\n", "place", None, id="yaml-empty-is-null"),
        pytest.param("yaml", "place: nULL\n", "place", "nULL", id="yaml-odd-null-is-text"),
        pytest.param("yaml", "notes: tRUE\n", "notes", "tRUE", id="yaml-odd-bool-is-text"),
        pytest.param(
            "yaml",
            "notes: |\n  dòng một\n  \tdòng hai\n",
            "notes",
            "dòng một\n\tdòng hai\n",
            id="yaml-notes-keep-tab-and-newline",
        ),
        pytest.param(
            "yaml",
            "tasks:\n  - {id: t, text: a, products: [06, 010, 1:30, yes]}\n",
            "products",
            ("06", "010", "1:30", "yes"),
            id="yaml-list-of-texts",
        ),
        pytest.param("json", '"ref": 54', "ref", "54", id="json-number-ref"),
        pytest.param("json", '"place": 2024', "place", "2024", id="json-number-text"),
        pytest.param("json", '"place": 1.50', "place", "1.50", id="json-decimal-as-written"),
        pytest.param("json", '"place": 1e3', "place", "1e3", id="json-exponent-as-written"),
        pytest.param("json", '"place": -0', "place", "-0", id="json-minus-zero"),
        pytest.param(
            "json", '"notes": "a\\tb\\nc"', "notes", "a\tb\nc", id="json-notes-tab-newline"
        ),
    ],
)
def test_loaded_value(tmp_path: Path, fmt: str, snippet: str, field: str, expected: Any) -> None:
    plan = _load(tmp_path, fmt, snippet)
    value = plan.tasks[0].products if field == "products" else getattr(plan, field)
    if field == "ref":
        value = str(value)
    assert value == expected
    if isinstance(value, str):
        assert type(value) is str


# -- numbers: plain decimal, bounded, finite --------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "snippet", "read"),
    [
        pytest.param("yaml", _day("05"), lambda p: p.tasks[0].schedules[0].day == 5, id="day-05"),
        pytest.param("yaml", _day("31"), lambda p: p.tasks[0].schedules[0].day == 31, id="day-31"),
        pytest.param(
            "yaml", _quota("010"), lambda p: p.tasks[0].schedules[0].count == 10, id="count-010"
        ),
        pytest.param(
            "yaml", _value("99.5"), lambda p: p.indicators[0].value == 99.5, id="value-99.5"
        ),
        pytest.param(
            "yaml", _value("0.0001"), lambda p: p.indicators[0].value == 0.0001, id="value-small"
        ),
        pytest.param(
            "json", _json_value("99.50"), lambda p: p.indicators[0].value == 99.5, id="json-99.50"
        ),
        pytest.param(
            "json", _json_quota("3"), lambda p: p.tasks[0].schedules[0].count == 3, id="json-3"
        ),
        pytest.param("yaml", "period: 2024\n", lambda p: str(p.period) == "2024", id="period"),
        pytest.param("json", '"period": 2024', lambda p: str(p.period) == "2024", id="json-year"),
    ],
)
def test_a_number_field_reads_plain_decimal_digits(
    tmp_path: Path, fmt: str, snippet: str, read: Callable[[Plan], bool]
) -> None:
    assert read(_load(tmp_path, fmt, snippet))


WHOLE = "expected a whole number in decimal digits, such as 5"
DECIMAL = "expected a number in decimal digits, such as 95 or 99.5"
COUNT = "$.tasks[0].schedules[0].count"
DAY = "$.tasks[0].schedules[0].day"
VALUE = "$.indicators[0].value"
LONG = "9" * 4000
LONG_QUOTED = "9" * 57 + "..."
HEX = "0x" + "F" * 4000


@pytest.mark.parametrize(
    ("fmt", "snippet", "expected"),
    [
        pytest.param("yaml", _quota("0x1F"), f"{COUNT}: {WHOLE}, found text '0x1F'", id="hex"),
        pytest.param("yaml", _quota("0o17"), f"{COUNT}: {WHOLE}, found text '0o17'", id="octal"),
        pytest.param("yaml", _quota("0b101"), f"{COUNT}: {WHOLE}, found text '0b101'", id="bin"),
        pytest.param("yaml", _quota("1:30"), f"{COUNT}: {WHOLE}, found text '1:30'", id="base60"),
        pytest.param(
            "yaml", _quota("1_000"), f"{COUNT}: {WHOLE}, found text '1_000'", id="underscores"
        ),
        pytest.param("yaml", _quota("+1"), f"{COUNT}: {WHOLE}, found text '+1'", id="plus"),
        pytest.param("yaml", _quota("1.5"), f"{COUNT}: {WHOLE}, found a number 1.5", id="frac"),
        pytest.param(
            "yaml",
            _quota('"5"'),
            f"{COUNT}: expected a number without quotes, found text '5'",
            id="quoted-number",
        ),
        pytest.param(
            "yaml",
            _quota("10001"),
            f"{COUNT}: expected a whole number of at most 10000, found a number 10001",
            id="count-too-big",
        ),
        pytest.param(
            "yaml",
            _quota("0"),
            f"{COUNT}: expected a whole number of at least 1 for a quota, found a number 0",
            id="count-zero",
        ),
        pytest.param(
            "yaml",
            _quota(LONG),
            f"{COUNT}: expected a number of at most 30 characters, found a number {LONG_QUOTED}",
            id="yaml-4000-digits",
        ),
        pytest.param(
            "yaml",
            _quota(HEX),
            f"{COUNT}: {WHOLE}, found text {repr(HEX)[:57]}...",
            id="yaml-4000-digit-hex",
        ),
        pytest.param(
            "yaml",
            _day("32"),
            f"{DAY}: expected a day of month from 1 to 31, found a number 32",
            id="day-32",
        ),
        pytest.param(
            "yaml",
            _day("true"),
            f"{DAY}: {WHOLE}, found true/false True",
            id="day-bool",
        ),
        pytest.param("yaml", _value(".5"), f"{VALUE}: {DECIMAL}, found text '.5'", id="dot-5"),
        pytest.param("yaml", _value("1e3"), f"{VALUE}: {DECIMAL}, found text '1e3'", id="1e3"),
        pytest.param("yaml", _value(".inf"), f"{VALUE}: {DECIMAL}, found text '.inf'", id="inf"),
        pytest.param(
            "yaml", _value("-.inf"), f"{VALUE}: {DECIMAL}, found text '-.inf'", id="minus-inf"
        ),
        pytest.param("yaml", _value(".nan"), f"{VALUE}: {DECIMAL}, found text '.nan'", id="nan"),
        pytest.param(
            "yaml",
            _value(".NaN", "percent"),
            f"{VALUE}: {DECIMAL}, found text '.NaN'",
            id="nan-percent",
        ),
        pytest.param(
            "yaml",
            _value("-1"),
            f"{VALUE}: expected a value of at least 0, found a number -1.0",
            id="negative",
        ),
        pytest.param(
            "yaml",
            _value("1000000001"),
            f"{VALUE}: expected a value of at most 1000000000, found a number 1000000001.0",
            id="value-too-big",
        ),
        pytest.param(
            "yaml",
            _value("1.23456"),
            f"{VALUE}: expected a value with at most 4 decimal places, found a number 1.23456",
            id="too-many-decimals",
        ),
        pytest.param(
            "yaml",
            _value("100.5", "percent"),
            "$.indicators[0].value: expected a percentage from 0 to 100, found a number 100.5",
            id="percent-over-100",
        ),
        pytest.param(
            "json",
            _json_value("NaN"),
            f"{VALUE}: {DECIMAL}, found NaN, which is not a JSON value",
            id="json-nan",
        ),
        pytest.param(
            "json",
            _json_value("Infinity"),
            f"{VALUE}: {DECIMAL}, found Infinity, which is not a JSON value",
            id="json-infinity",
        ),
        pytest.param(
            "json",
            _json_value("-Infinity"),
            f"{VALUE}: {DECIMAL}, found -Infinity, which is not a JSON value",
            id="json-minus-infinity",
        ),
        pytest.param(
            "json",
            '"title": NaN',
            "$.title: expected text, found NaN, which is not a JSON value",
            id="json-nan-as-text",
        ),
        pytest.param(
            "json", _json_value("1e3"), f"{VALUE}: {DECIMAL}, found a number 1e3", id="json-1e3"
        ),
        pytest.param(
            "json",
            _json_quota("1" * 5000),
            f"{COUNT}: expected a number of at most 30 characters, found a number {'1' * 57}...",
            id="json-5000-digits",
        ),
        pytest.param(
            "json",
            '"period": ' + "1" * 5000,
            "$.period: expected a year (2024), a range of years (2021-2025) or {start, end} "
            f"dates, found a number {'1' * 57}...",
            id="json-5000-digit-year",
        ),
        pytest.param(
            "yaml",
            "tasks:\n  - {id: t, text: a, inherits: [{to: 'p2#a', editorial: yes}]}\n",
            "$.tasks[0].inherits[0]: expected true or false, found text 'yes'",
            id="yes-is-not-true",
        ),
        pytest.param(
            "yaml",
            "period: ２０２４\n",
            "$.period: expected a year (2024), a range of years (2021-2025) or {start, end} "
            "dates, found text '２０２４'",
            id="full-width-digits",
        ),
    ],
)
def test_a_number_field_refuses_anything_else(
    tmp_path: Path, fmt: str, snippet: str, expected: str
) -> None:
    assert _problems(tmp_path, fmt, snippet) == [expected]


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("place: !!int 010\n", "line 5, column 8: expected valid YAML, found the tag '!!int'"),
        ("place: !!float .inf\n", "line 5, column 8: expected valid YAML, found the tag '!!float'"),
        (
            "issued: !!timestamp 2024-02-08\n",
            "line 5, column 9: expected valid YAML, found the tag '!!timestamp'",
        ),
        (
            "notes: !!binary aGk=\n",
            "line 5, column 8: expected valid YAML, found the tag '!!binary'",
        ),
        ("notes: !!set {a}\n", "line 5, column 8: expected valid YAML, found the tag '!!set'"),
        (
            "notes: !!python/object/apply:os.system [ls]\n",
            "line 5, column 8: expected valid YAML, found the tag "
            "'!!python/object/apply:os.system'",
        ),
        ("notes: !local x\n", "line 5, column 8: expected valid YAML, found the tag '!local'"),
    ],
)
def test_tags_that_bring_yaml_typing_back_are_refused(
    tmp_path: Path, snippet: str, expected: str
) -> None:
    assert _problems(tmp_path, "yaml", snippet) == [f"{expected}; plan files use no tags but !!str"]


def test_an_explicit_bool_tag_takes_only_true_or_false(tmp_path: Path) -> None:
    assert _problems(
        tmp_path,
        "yaml",
        "tasks:\n  - {id: t, text: a, inherits: [{to: 'p2#a', editorial: !!bool yes}]}\n",
    ) == [
        "line 6, column 57: expected valid YAML, found !!bool on a value that is not true or false"
    ]


# -- control characters, lone surrogates, blanks --------------------------------------------

LINE = "expected one line of text without control characters, found"
TEXT = "expected text without control characters, found"


@pytest.mark.parametrize(
    ("fmt", "snippet", "expected"),
    [
        pytest.param(
            "yaml", 'title: "a\\ab"\n', f"$.title: {LINE} U+0007 at character 2", id="bel"
        ),
        pytest.param("yaml", 'title: "\\0"\n', f"$.title: {LINE} U+0000 at character 1", id="nul"),
        pytest.param(
            "yaml",
            'title: "\\e]52;c;eA==\\a"\n',
            f"$.title: {LINE} U+001B at character 1",
            id="osc",
        ),
        pytest.param(
            "yaml", 'title: "x\\x9b2J"\n', f"$.title: {LINE} U+009B at character 2", id="c1-csi"
        ),
        pytest.param(
            "yaml", 'title: "a\\Nb"\n', f"$.title: {LINE} U+0085 at character 2", id="nel"
        ),
        pytest.param(
            "yaml", 'title: "a\\nb"\n', f"$.title: {LINE} U+000A at character 2", id="title-newline"
        ),
        pytest.param(
            "yaml", 'title: "a\\tb"\n', f"$.title: {LINE} U+0009 at character 2", id="title-tab"
        ),
        pytest.param(
            "yaml", 'title: "a\\Lb"\n', f"$.title: {LINE} U+2028 at character 2", id="title-u2028"
        ),
        pytest.param(
            "yaml", 'title: "a\\x7f"\n', f"$.title: {LINE} U+007F at character 2", id="del"
        ),
        pytest.param(
            "yaml",
            'title: "a\\ud800"\n',
            "line 4, column 12: expected valid YAML, found invalid Unicode character escape code",
            id="yaml-surrogate-escape",
        ),
        pytest.param(
            "yaml", 'notes: "a\\r\\nb"\n', f"$.notes: {TEXT} U+000D at character 2", id="notes-cr"
        ),
        pytest.param(
            "yaml", 'notes: "\\e[2J"\n', f"$.notes: {TEXT} U+001B at character 1", id="notes-esc"
        ),
        pytest.param(
            "yaml",
            'units: [{code: v, name: "UBND\\a", level: commune}]\n',
            f"$.units[0].name: {LINE} U+0007 at character 5",
            id="unit-name",
        ),
        pytest.param(
            "yaml",
            'units: [{code: v, name: U, level: commune, aliases: [ok, "b\\ec"]}]\n',
            f"$.units[0].aliases[1]: {LINE} U+001B at character 2",
            id="alias",
        ),
        pytest.param(
            "yaml",
            'tasks: [{id: t, text: "a\\x08"}]\n',
            f"$.tasks[0].text: {TEXT} U+0008 at character 2",
            id="task-text",
        ),
        pytest.param(
            "yaml",
            'issuer_x: 1\n"\\e[31m": 2\n',
            None,
            id="keys",
        ),
        pytest.param(
            "yaml",
            "issuer2: 1\n",
            None,
            id="plain-unknown-key",
        ),
        pytest.param(
            "json",
            '"title": "x\\ud800y"',
            f"$.title: {LINE} U+D800 (a lone surrogate) at character 2",
            id="json-surrogate",
        ),
        pytest.param(
            "json",
            '"notes": "\\u001b]0;pwned\\u0007"',
            f"$.notes: {TEXT} U+001B at character 1",
            id="json-window-title",
        ),
        pytest.param(
            "json",
            '"place": "\\u0000"',
            f"$.place: {LINE} U+0000 at character 1",
            id="json-nul",
        ),
        pytest.param(
            "json",
            '"issuer": "u\\u0007"',
            "$.issuer: expected a unit code of lower-case ASCII letters, digits, '.', '_' or '-', "
            "found U+0007 at character 2",
            id="json-code",
        ),
        pytest.param(
            "yaml",
            'title: ""\n',
            "$.title: expected one line of text that is not blank, found text ''",
            id="empty-title",
        ),
        pytest.param(
            "yaml",
            'title: "  \\u3000"\n',
            "$.title: expected one line of text that is not blank, found text '  \\u3000'",
            id="blank-title",
        ),
        pytest.param(
            "yaml",
            'units: [{code: v, name: " ", level: commune}]\n',
            "$.units[0].name: expected one line of text that is not blank, found text ' '",
            id="blank-unit-name",
        ),
        pytest.param(
            "yaml",
            'objectives: [{id: o, text: ""}]\n',
            "$.objectives[0].text: expected text that is not blank, found text ''",
            id="blank-objective",
        ),
        pytest.param(
            "yaml",
            'channels: [{id: c, kind: other, text: "  "}]\n',
            "$.channels[0].text: expected text that is not blank, found text '  '",
            id="blank-channel",
        ),
        pytest.param(
            "yaml",
            'indicators: [{id: i, text: "", comparator: at_least, value: 1, measure: count}]\n',
            "$.indicators[0].text: expected text that is not blank, found text ''",
            id="blank-indicator",
        ),
        pytest.param(
            "yaml",
            'tasks: [{id: t, text: " "}]\n',
            "$.tasks[0].text: expected the item's text (it may be empty only when waived), "
            "found text ' '",
            id="blank-task",
        ),
    ],
)
def test_text_refuses_control_characters_and_blanks(
    tmp_path: Path, fmt: str, snippet: str, expected: str | None
) -> None:
    lines = _problems(tmp_path, fmt, snippet)
    if expected is not None:
        assert lines == [expected]
        return
    known = ", ".join(f.name for f in attrs.fields(Plan))
    if "31m" in snippet:
        assert lines == [
            f"$: unknown field whose name holds U+001B at character 1; expected one of: {known}",
            f"$.issuer_x: unknown field; expected one of: {known}",
        ]
    else:
        assert lines == [f"$.issuer2: unknown field; expected one of: {known}"]


def test_no_problem_line_holds_the_bad_character(tmp_path: Path) -> None:
    snippet = (
        'title: "\\e]52;c;eA==\\a"\nnotes: "\\x9b\\0"\nplace: "\\x85"\n"\\e[2J": 1\n'
        'tasks: [{id: t, text: "\\e[31m", products: ["\\a", ok, "\\x85"]}]\n'
    )
    lines = _problems(tmp_path, "yaml", snippet)
    assert len(lines) == 7
    for line in lines:
        assert not list(forbidden_characters(line)), line


def test_every_problem_of_a_file_at_once(tmp_path: Path) -> None:
    snippet = (
        'title: "\\a"\nplace: "a\\nb"\nperiod: 0x7E8\n'
        "tasks:\n"
        '  - {id: t1, text: "\\e", products: ["\\a", "b", "\\0"]}\n'
        "  - {id: t2, text: ok, schedules: [{kind: quota, cadences: [monthly], count: .inf}]}\n"
        "indicators:\n"
        "  - {id: i1, text: '', comparator: at_least, value: .nan, measure: percent}\n"
    )
    assert _problems(tmp_path, "yaml", snippet) == [
        f"$.title: {LINE} U+0007 at character 1",
        f"$.place: {LINE} U+000A at character 2",
        "$.period: expected a year (2024), a range of years (2021-2025) or {start, end} dates, "
        "found text '0x7E8'",
        f"$.tasks[0].text: {TEXT} U+001B at character 1",
        f"$.tasks[0].products[0]: {LINE} U+0007 at character 1",
        f"$.tasks[0].products[2]: {LINE} U+0000 at character 1",
        f"$.tasks[1].schedules[0].count: {WHOLE}, found text '.inf'",
        "$.indicators[0].text: expected text that is not blank, found text ''",
        f"$.indicators[0].value: {DECIMAL}, found text '.nan'",
    ]


def test_a_surrogate_in_a_title_stops_at_validate(tmp_path: Path) -> None:
    # It used to pass validate and crash summary, graph and calendar.
    path = _write(tmp_path, "json", '"title": "\\ud800"')
    for command in ("validate", "summary", "graph", "calendar"):
        out, err = io.StringIO(), io.StringIO()
        assert main([command, str(path)], stdout=out, stderr=err) == 2
        assert err.getvalue() == (
            f"{path}: $.title: {LINE} U+D800 (a lone surrogate) at character 1\n"
        ), command


@pytest.mark.parametrize(
    ("text", "multiline", "found"),
    [
        ("Kế hoạch số 54/KH-UBND", False, []),
        ("a\tb\nc", True, []),
        ("a\u2028b\u2029", True, []),
        ("a\tb\nc", False, ["U+0009 at character 2", "U+000A at character 4"]),
        ("\u2028\u2029", False, ["U+2028 at character 1", "U+2029 at character 2"]),
        (
            "\x00\x1f\x7f\x80\x9f",
            True,
            [f"U+{c:04X} at character {i + 1}" for i, c in enumerate([0, 0x1F, 0x7F, 0x80, 0x9F])],
        ),
        ("\r", True, ["U+000D at character 1"]),
        ("\udfff", True, ["U+DFFF (a lone surrogate) at character 1"]),
        ("\u202e\u200b\ufeff\xa0", False, []),
    ],
)
def test_forbidden_characters(text: str, multiline: bool, found: list[str]) -> None:
    assert [str(f) for f in forbidden_characters(text, multiline=multiline)] == found


# -- every loader types scalars alike ------------------------------------------------------


def _every_loader(text: str) -> list[object]:
    def typed(data: object) -> object:
        if isinstance(data, dict):
            return {typed(k): typed(v) for k, v in data.items()}
        if isinstance(data, list):
            return [typed(v) for v in data]
        return (type(data).__name__, data)

    results: list[object] = []
    loads: list[Callable[[], object]] = [
        lambda: yaml.load(text, Loader=_SafeLoader),
        lambda: yaml.load(text, Loader=_LOADER),  # type: ignore[arg-type]
    ]
    if _COMPOSED is not None:
        loads.append(lambda: _load_composed(_COMPOSED, text))
    for load in loads:
        try:
            results.append(typed(load()))
        except yaml.YAMLError as error:
            results.append(yaml_message(error, text))
    return results


@pytest.mark.parametrize(
    "written",
    [*YAML_11_NUMBERS, *YAML_11_OTHERS, *YAML_11_BOOLS, "true", "False", "~", "null", "", "-12"],
)
def test_every_loader_types_a_scalar_alike(written: str) -> None:
    results = _every_loader(f"a: {written}\nb: [{written}]\n")
    assert all(result == results[0] for result in results), results
    assert len(results) >= 2


@pytest.mark.parametrize("text", ["a: !!int 1\n", "a: !!bool on\n", "? [x]\n: 1\n"])
def test_every_loader_refuses_alike(text: str) -> None:
    results = _every_loader(text)
    assert all(result == results[0] for result in results), results
    assert isinstance(results[0], tuple)


# -- round trips -------------------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(
    texts=st.fixed_dictionaries(
        {
            "title": strategies.one_line_text.filter(str.strip),
            "place": strategies.one_line_text,
            "notes": strategies.multiline_text,
            "text": strategies.multiline_text.filter(str.strip),
            "products": st.lists(strategies.one_line_text, max_size=3),
        }
    )
)
def test_any_text_without_control_characters_round_trips(
    tmp_path: Path, texts: dict[str, Any]
) -> None:
    task = Task(id="t", text=texts["text"], products=tuple(texts["products"]))
    plan = _plan(title=texts["title"], place=texts["place"], notes=texts["notes"], tasks=(task,))
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"plan{suffix}"
        dump_plan(plan, path, force=True)
        assert load_plan(path) == plan


@pytest.mark.parametrize("written", [*YAML_11_NUMBERS, *YAML_11_OTHERS, *YAML_11_BOOLS])
def test_number_like_text_round_trips(tmp_path: Path, written: str) -> None:
    plan = Plan(key="p", kind=DocumentKind.PLAN, title=written, issuer="u", place=written)
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"plan{suffix}"
        dump_plan(plan, path, force=True)
        assert load_plan(path) == plan


# -- constructors check types ------------------------------------------------------------------


VALID: dict[type[Any], dict[str, Any]] = {
    Period: {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)},
    Unit: {"code": "v", "name": "V", "level": Level.COMMUNE},
    ItemLink: {"plan": "p", "item": "a"},
    LegalBasis: {"kind": DocumentKind.PLAN},
    Objective: {"id": "o", "text": "a"},
    Schedule: {"kind": ScheduleKind.RECURRING, "cadences": (Cadence.MONTHLY,)},
    Task: {"id": "t", "text": "a"},
    Channel: {"id": "c", "kind": ChannelKind.OTHER, "text": "a"},
    Indicator: {
        "id": "i",
        "text": "a",
        "comparator": Comparator.AT_LEAST,
        "value": 1,
        "measure": Measure.COUNT,
    },
    Plan: {"key": "p", "kind": DocumentKind.PLAN, "title": "t", "issuer": "u"},
    Step: {"year": 2024, "value": 60},
    Members: {"levels": (Level.DISTRICT,), "under": "u"},
    Record: {"unit": "u", "duty": ItemLink(plan="p", item="a"), "done": dt.date(2024, 3, 1)},
}
"""Every model class, with the arguments of a valid instance."""

ANCHOR_DAY: dict[str, Any] = {"anchor": Anchor.DAY}

WRONG_TYPES: list[Any] = [
    pytest.param(Period, {"start": "2024-01-01"}, "start", id="period-text"),
    pytest.param(Period, {"start": dt.datetime(2024, 1, 1)}, "start", id="period-datetime"),
    pytest.param(Unit, {"level": "commune"}, "level", id="unit-level-text"),
    pytest.param(Unit, {"name": 1}, "name", id="unit-name-number"),
    pytest.param(Unit, {"aliases": ["a"]}, "aliases", id="unit-aliases-list"),
    pytest.param(Unit, {"parent": "V X"}, "parent", id="unit-parent-code"),
    pytest.param(Unit, {"successor": "v"}, "successor", id="unit-own-successor"),
    pytest.param(Unit, {"members": {"units": ["a"]}}, "members", id="unit-members-dict"),
    pytest.param(Unit, {"members": Members(units=("v",))}, "members", id="unit-own-member"),
    pytest.param(Members, {"levels": ("district",)}, "levels[0]", id="members-level-text"),
    pytest.param(Members, {"levels": ()}, "levels", id="members-under-without-levels"),
    pytest.param(Members, {"levels": (), "under": None}, "members", id="members-empty"),
    pytest.param(Members, {"units": ("A B",)}, "units[0]", id="members-unit-code"),
    pytest.param(
        Members, {"levels": (Level.DISTRICT, Level.DISTRICT)}, "levels", id="members-level-twice"
    ),
    pytest.param(Members, {"under": None, "units": ("a", "a")}, "units", id="members-unit-twice"),
    pytest.param(Record, {"unit": "U V"}, "unit", id="record-unit-code"),
    pytest.param(Record, {"duty": "p#a"}, "duty", id="record-duty-text"),
    pytest.param(Record, {"period": "2024-13"}, "period", id="record-period-month-13"),
    pytest.param(Record, {"period": "Q1/2024"}, "period", id="record-period-written"),
    pytest.param(Record, {"done": "2024-03-01"}, "done", id="record-done-text"),
    pytest.param(Record, {"done": None}, "done", id="record-neither-done-nor-waived"),
    pytest.param(Record, {"quantity": 0}, "quantity", id="record-quantity-zero"),
    pytest.param(Record, {"quantity": True}, "quantity", id="record-quantity-bool"),
    pytest.param(
        Record, {"waiver": "miễn", "quantity": 2}, "quantity", id="record-waived-quantity"
    ),
    pytest.param(ItemLink, {"editorial": "yes"}, "editorial", id="link-editorial-text"),
    pytest.param(ItemLink, {"plan": 1}, "plan", id="link-plan-number"),
    pytest.param(LegalBasis, {"kind": "plan"}, "kind", id="basis-kind-text"),
    pytest.param(LegalBasis, {"ref": "54/KH-UBND"}, "ref", id="basis-ref-text"),
    pytest.param(LegalBasis, {"date": "2024-01-01"}, "date", id="basis-date-text"),
    pytest.param(LegalBasis, {"issuer_text": "a\nb"}, "issuer_text", id="basis-two-lines"),
    pytest.param(Objective, {"text": None}, "text", id="objective-text-none"),
    pytest.param(Objective, {"inherits": ("p#a",)}, "inherits[0]", id="objective-link-text"),
    pytest.param(Schedule, {"kind": "recurring"}, "kind", id="schedule-kind-text"),
    pytest.param(Schedule, {**ANCHOR_DAY, "day": 1.5}, "day", id="schedule-day-float"),
    pytest.param(Schedule, {**ANCHOR_DAY, "day": True}, "day", id="schedule-day-bool"),
    pytest.param(Schedule, {**ANCHOR_DAY, "day": 32}, "day", id="schedule-day-32"),
    pytest.param(Schedule, {"cadences": ("monthly",)}, "cadences[0]", id="schedule-cadence-text"),
    pytest.param(Schedule, {"count": 10**6}, "count", id="schedule-count-too-big"),
    pytest.param(Schedule, {"count": -1}, "count", id="schedule-count-negative"),
    pytest.param(Task, {"lead": "u.a"}, "lead", id="task-lead-text"),
    pytest.param(Task, {"lead": ("U A",)}, "lead[0]", id="task-lead-code"),
    pytest.param(Task, {"products": ("a\x1b[2J",)}, "products[0]", id="task-product-esc"),
    pytest.param(Task, {"schedules": ({"kind": "due"},)}, "schedules[0]", id="task-schedule-dict"),
    pytest.param(Task, {"text": "a\x00"}, "text", id="task-text-nul"),
    pytest.param(Channel, {"kind": "other"}, "kind", id="channel-kind-text"),
    pytest.param(Channel, {"text": ""}, "text", id="channel-blank"),
    pytest.param(Indicator, {"value": float("nan")}, "value", id="indicator-nan"),
    pytest.param(Indicator, {"value": float("inf")}, "value", id="indicator-inf"),
    pytest.param(Indicator, {"value": "100"}, "value", id="indicator-text"),
    pytest.param(Indicator, {"value": True}, "value", id="indicator-bool"),
    pytest.param(Indicator, {"comparator": "at_least"}, "comparator", id="indicator-comparator"),
    pytest.param(Step, {"year": "2024"}, "year", id="step-year-text"),
    pytest.param(Step, {"year": 2101}, "year", id="step-year-too-late"),
    pytest.param(Step, {"value": float("nan")}, "value", id="step-nan"),
    pytest.param(Indicator, {"by_year": 2024.0}, "by_year", id="indicator-by-year-float"),
    pytest.param(Indicator, {"steps": ({"year": 2024},)}, "steps[0]", id="indicator-step-dict"),
    pytest.param(Plan, {"title": "\ud800"}, "title", id="plan-surrogate"),
    pytest.param(Plan, {"title": " "}, "title", id="plan-blank-title"),
    pytest.param(Plan, {"tasks": [Task(id="t", text="a")]}, "tasks", id="plan-tasks-list"),
    pytest.param(Plan, {"period": 2024}, "period", id="plan-period-int"),
    pytest.param(Plan, {"issuer": None}, "issuer", id="plan-issuer-none"),
    pytest.param(Plan, {"parents": ("p2", 3)}, "parents[1]", id="plan-parent-number"),
    pytest.param(Plan, {"issued": dt.datetime(2024, 1, 1, 8)}, "issued", id="plan-datetime"),
]


@pytest.mark.parametrize("cls", list(VALID), ids=lambda cls: cls.__name__)
def test_the_valid_arguments_build(cls: type[Any]) -> None:
    assert attrs.evolve(cls(**VALID[cls])) == cls(**VALID[cls])


@pytest.mark.parametrize(("cls", "changes", "field"), WRONG_TYPES)
def test_constructors_check_types_naming_the_field(
    cls: type[Any], changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ModelError) as caught:
        cls(**{**VALID[cls], **changes})
    assert caught.value.field == field


def test_every_model_class_has_its_type_checks_tested() -> None:
    records = {n for n in records_module.__all__ if isinstance(getattr(records_module, n), type)}
    assert {cls.__name__ for cls in VALID} == {
        *plan_module.__all__,
        *items_module.__all__,
        *records,
    }
    assert {param.values[0] for param in WRONG_TYPES} == set(VALID)


def test_a_link_is_parsed_from_text_only() -> None:
    with pytest.raises(ModelError) as caught:
        ItemLink.parse(5)  # type: ignore[arg-type]
    assert caught.value.field == "inherits"


@pytest.mark.parametrize("year", [2024.5, "2024", True])
def test_period_years_takes_whole_years_only(year: Any) -> None:
    with pytest.raises(ModelError) as caught:
        Period.years(year)
    assert caught.value.field == "year"


def _plan(**changes: Any) -> Plan:
    return Plan(**{**VALID[Plan], **changes})


def test_a_plan_built_in_code_hashes_and_round_trips(tmp_path: Path) -> None:
    quota = Schedule(kind=ScheduleKind.QUOTA, cadences=(Cadence.MONTHLY,), count=1)
    plan = _plan(tasks=(Task(id="t", text="a", lead=("u.a",), schedules=(quota,)),))
    assert hash(plan) == hash(attrs.evolve(plan))
    assert load_plan(dump_plan(plan, tmp_path / "p.yaml")) == plan


# -- unit cycles ---------------------------------------------------------------------------------


def test_unit_parent_and_successor_cycles_are_errors(tmp_path: Path) -> None:
    (tmp_path / "units.yaml").write_text(
        "units:\n"
        "  - {code: a, name: A, level: province, parent: b}\n"
        "  - {code: b, name: B, level: province, parent: c}\n"
        "  - {code: c, name: C, level: province, parent: a}\n"
        "  - {code: d, name: D, level: province, successor: e}\n"
        "  - {code: e, name: E, level: province, successor: d}\n"
        "  - {code: f, name: F, level: province, parent: a, successor: g}\n",
        encoding="utf-8",
    )
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "key: p\nkind: plan\ntitle: T\nissuer: f\nunits:\n"
        "  - {code: g, name: G, level: commune}\n"
        "  - {code: y, name: Y, level: commune, parent: x}\n"
        "  - {code: x, name: X, level: commune, parent: y}\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(tmp_path)], stdout=out, stderr=err) == 2
    assert err.getvalue().splitlines() == [
        "units['a'].parent: expected no unit to belong to itself through its parents, found "
        "the cycle a -> b -> c -> a",
        "units['d'].successor: expected no unit to take over from itself through its "
        "successors, found the cycle d -> e -> d",
        f"{plan}: $.units[2].parent: expected no unit to belong to itself through its parents, "
        "found the cycle x -> y -> x",
    ]
