"""Reading and writing plan files: every problem at once, exact messages, lossless round trips."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import HealthCheck, given, settings

from cchc import (
    CchcError,
    CorpusError,
    ItemLink,
    Plan,
    Severity,
    dump_plan,
    dumps_plan,
    load_corpus,
    load_plan,
)
from tests import strategies

VALID = """\
key: hn-kh-54-2024
kind: plan
title: Thông tin, tuyên truyền về cải cách hành chính nhà nước năm 2024
issuer: hn.ubnd
ref: 54/KH-UBND
issued: 2024-02-08
period: 2024
tasks:
  - id: nd1
    text: Tuyên truyền các văn bản chỉ đạo của Trung ương, của Thành phố
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param(
            "syntax.yaml",
            "key: [unclosed\n",
            "line 2, column 1: expected ',' or ']' in YAML, found the end of the file",
            id="yaml-syntax",
        ),
        pytest.param(
            "tabs.yaml",
            "key: a\n\tkind: plan\n",
            "line 2, column 1: expected spaces for indentation, found a tab character",
            id="tabs",
        ),
        pytest.param(
            "type.yaml",
            VALID.replace("period: 2024", "period: [2024]"),
            "$.period: expected a year (2024), a range of years (2021-2025) or {start, end} dates, "
            "found a list",
            id="wrong-type",
        ),
        pytest.param(
            "unknown.yaml",
            VALID + "colour: red\n",
            "$.colour: unknown field; expected one of: key, kind, title, issuer, status, ref, "
            "place, issued, period, legal_bases, parents, objectives, requirements, tasks, "
            "channels, indicators, units, implementers, expected_children, source, notes, "
            "illustrative, enacts, amends",
            id="unknown-field",
        ),
        pytest.param(
            "duplicate-item.yaml",
            VALID + "  - id: nd1\n    text: again\n",
            "$.items: expected unique item ids within a plan, found text 'nd1'",
            id="duplicate-item-id",
        ),
        pytest.param(
            "date.yaml",
            VALID.replace("2024-02-08", "2024-02-31"),
            "$.issued: expected a real date like 2024-03-31, found text '2024-02-31'",
            id="impossible-date",
        ),
        pytest.param(
            "missing.yaml",
            VALID.replace("issuer: hn.ubnd\n", ""),
            "$.issuer: a required field is missing",
            id="missing-field",
        ),
        pytest.param(
            "latin1.yaml",
            VALID.encode("utf-8").replace("Thông".encode(), "Thông".encode("latin-1")),
            "line 3, column 10: expected UTF-8 text, found a byte that is not UTF-8 (legacy "
            "Vietnamese encodings such as TCVN3 or VNI, or Windows-1258, must be converted to "
            "UTF-8)",
            id="not-utf8",
        ),
        pytest.param(
            "dupkey.yaml",
            "key: a\nkey: b\n",
            "line 2, column 1: expected valid YAML, found duplicate key 'key' (first at line 1)",
            id="duplicate-key",
        ),
        pytest.param(
            "alias.yaml",
            "a: &x [1, 2]\nb: *x\n",
            "line 2, column 4: expected valid YAML, found anchors and aliases (*name) are not "
            "allowed in plan files",
            id="alias",
        ),
        pytest.param(
            "empty.yaml",
            "",
            "$: expected a plan (a mapping of fields), found an empty file",
            id="empty",
        ),
        pytest.param(
            "list.yaml",
            "- a\n- b\n",
            "$: expected a mapping of fields, found a list",
            id="top-list",
        ),
        pytest.param(
            "utf16.yaml",
            VALID.encode("utf-16"),
            "$: expected UTF-8 text, found UTF-16 (save the file as UTF-8)",
            id="utf-16",
        ),
        pytest.param(
            "bad.json",
            '{"key": "a", "key": "b"}',
            "$: duplicate key 'key'",
            id="json-duplicate-key",
        ),
        pytest.param(
            "item.yaml",
            VALID.replace("  - id: nd1\n    text:", "  - Tuyên truyền\n  - id: nd1\n    text:"),
            "$.tasks[0]: expected a mapping of fields, found text 'Tuyên truyền'",
            id="item-not-a-mapping",
        ),
    ],
)
def test_each_problem_has_its_exact_message(
    tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    path = write(tmp_path, name, content)
    assert problems_of(tmp_path) == [f"{path}: {expected}"]


def test_every_problem_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a/one.yaml",
        VALID.replace("2024-02-08", "2024-13-01").replace("kind: plan", "kind: kh"),
    )
    write(tmp_path, "b/two.yaml", "key: [\n")
    lines = problems_of(tmp_path)
    assert len(lines) == 3
    assert lines[0].endswith("$.kind: expected one of " + lines[0].split("expected one of ")[1])
    assert "$.issued" in lines[1]
    assert "two.yaml" in lines[2]


def test_duplicate_keys_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", VALID)
    second = write(tmp_path, "b.yaml", VALID)
    assert problems_of(tmp_path) == [
        f"{second}: $.key: expected a key unique in the corpus, found 'hn-kh-54-2024' "
        f"already used by {first}"
    ]


def test_conflicting_unit_declarations(tmp_path: Path) -> None:
    registry = write(
        tmp_path,
        "units.yaml",
        "units:\n  - {code: hn.ubnd, name: UBND Thành phố Hà Nội, level: province}\n",
    )
    plan = write(
        tmp_path,
        "p.yaml",
        VALID + "units:\n  - {code: hn.ubnd, name: UBND Hà Nội, level: district}\n",
    )
    # Files are read in sorted order, so the registry's declaration is the one that differs.
    assert problems_of(tmp_path) == [
        f"{registry}: $.units: expected unit 'hn.ubnd' to be declared as in {plan}, "
        "found a different declaration"
    ]


def test_nfd_text_is_normalised_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "nfd.yaml", unicodedata.normalize("NFD", VALID))
    corpus = load_corpus(tmp_path)
    plan = corpus.plan("hn-kh-54-2024")
    assert plan.title == unicodedata.normalize("NFC", plan.title)
    assert plan.title.startswith("Thông tin")
    (warning,) = corpus.problems
    assert warning.severity is Severity.WARNING
    assert "normalised" in warning.message


def test_hidden_and_underscore_files_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "plan.yaml", VALID)
    write(tmp_path, ".hidden/broken.yaml", "key: [")
    write(tmp_path, "_drafts/broken.yaml", "key: [")
    write(tmp_path, "notes.txt", "not a plan")
    assert [p.key for p in load_corpus(tmp_path)] == ["hn-kh-54-2024"]


def test_symlink_loop_is_not_followed_forever(tmp_path: Path) -> None:
    write(tmp_path, "plan.yaml", VALID)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert len(load_corpus(tmp_path)) == 1


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope") == [
        f"{tmp_path / 'nope'}: $: expected a plan file or a folder, found nothing"
    ]
    assert problems_of(tmp_path) == [f"{tmp_path}: $: expected plan files, found none"]


def test_json_has_the_same_schema(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, "p.yaml", VALID))
    as_json = write(tmp_path, "p2.json", dumps_plan(plan, fmt="json"))
    assert load_plan(as_json) == plan
    assert json.loads(as_json.read_text(encoding="utf-8"))["issued"] == "2024-02-08"


def test_dump_keeps_vietnamese_unescaped_and_in_field_order(tmp_path: Path) -> None:
    text = dumps_plan(load_plan(write(tmp_path, "p.yaml", VALID)))
    assert "Thông tin, tuyên truyền" in text
    assert [line.split(":")[0] for line in text.splitlines() if not line.startswith(" ")][:4] == [
        "key",
        "kind",
        "title",
        "issuer",
    ]


def test_dump_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, "p.yaml", VALID))
    target = write(tmp_path, "out.yaml", "mine")
    with pytest.raises(CchcError, match="exists; pass --force"):
        dump_plan(plan, target)
    assert target.read_text(encoding="utf-8") == "mine"
    dump_plan(plan, target, force=True)
    assert load_plan(target) == plan
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(strategies.plans())
def test_yaml_and_json_round_trip_is_lossless(tmp_path: Path, plan: Plan) -> None:
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"plan{suffix}"
        dump_plan(plan, path, force=True)
        assert load_plan(path) == plan


def _both_loaders(text: str) -> tuple[object, object]:
    """What the strict pure loader and the fast path make of *text* (value or message)."""
    import yaml

    from cchc.files._yaml import _LOADER, load_yaml

    def run(load: object) -> object:
        try:
            return load()  # type: ignore[operator]
        except yaml.YAMLError as error:
            return str(error)

    return run(lambda: yaml.load(text, Loader=_LOADER)), run(lambda: load_yaml(text))  # type: ignore[arg-type]


@pytest.mark.parametrize("depth", [60, 64, 65, 70, 300])
def test_fast_path_refuses_deep_nesting_like_the_strict_loader(depth: int) -> None:
    text = "key: " + "[" * depth + "]" * depth + "\n"
    strict, fast = _both_loaders(text)
    assert strict == fast
    assert ("nesting deeper than 64 levels" in str(fast)) == (depth > 63)


def test_fast_path_reads_the_bundled_corpus_as_the_strict_loader_does() -> None:
    from cchc import bundled_corpus_path

    for path in sorted(bundled_corpus_path().rglob("*.yaml")):
        strict, fast = _both_loaders(path.read_text(encoding="utf-8"))
        assert strict == fast, path


def test_item_path_says_where_an_item_stands_in_the_file(tmp_path: Path) -> None:
    from cchc.files import item_path

    plan = load_plan(
        write(
            tmp_path,
            "plan.yaml",
            VALID
            + "  - id: nd2\n    text: Hội nghị\n"
            + "requirements:\n  - id: yc1\n    text: Kịp thời\n"
            + "channels:\n  - {id: ht1, kind: meeting, text: Hội nghị}\n",
        )
    )
    assert item_path(plan, "yc1") == "$.requirements[0]"
    assert item_path(plan, "nd2") == "$.tasks[1]"
    assert item_path(plan, "ht1") == "$.channels[0]"
    assert item_path(plan, "nd9") is None


# -- a bug in cchc is a bug, never a problem of the user's file ----------------------------


def _zero_division(*args: object, **kwargs: object) -> NoReturn:
    raise ZeroDivisionError("a planted bug")


def test_a_bug_in_a_hook_propagates_instead_of_becoming_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cchc.files._scalars

    path = write(tmp_path, "plan.yaml", VALID)
    monkeypatch.setattr(cchc.files._scalars, "parse_ref", _zero_division)
    with pytest.raises(ZeroDivisionError, match="a planted bug"):
        load_plan(path)


def test_a_bug_deep_in_a_list_propagates_from_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "plan.yaml", VALID + "    inherits: [parent#a]\n")
    monkeypatch.setattr(ItemLink, "parse", _zero_division)
    with pytest.raises(ZeroDivisionError, match="a planted bug"):
        load_corpus(tmp_path)


def test_a_bug_in_a_list_member_is_not_gathered_with_the_problems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cchc.files._convert import CONVERTER

    monkeypatch.setattr(ItemLink, "parse", _zero_division)
    with pytest.raises(ZeroDivisionError, match="a planted bug"):
        CONVERTER.structure(["parent#a"], tuple[ItemLink, ...])


def test_a_key_error_of_a_bug_is_not_a_missing_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cchc.files._scalars

    def lookup(text: str) -> NoReturn:
        raise KeyError("ref")  # named like the field, but raised by a hook

    path = write(tmp_path, "plan.yaml", VALID)
    monkeypatch.setattr(cchc.files._scalars, "parse_ref", lookup)
    with pytest.raises(KeyError, match="ref"):
        load_plan(path)


def test_a_missing_field_is_still_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", VALID.replace("title: ", "place: "))
    assert problems_of(path) == [f"{path}: $.title: a required field is missing"]
