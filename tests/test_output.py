"""Every command's output: golden files at width 100 in both languages, JSON against its schema.

Golden files are written by ``tests/golden/regenerate.py`` and never edited by hand.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from rich.cells import cell_len

from cchc.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"
GOLDEN = ROOT / "tests" / "golden"


def _regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_regenerate", GOLDEN / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regenerate()
CASES: dict[str, tuple[str, ...]] = REGEN.CASES
run_case: Callable[[str], str] = REGEN.run_case


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_the_golden_file(name: str) -> None:
    golden = GOLDEN / f"{name}.txt"
    assert golden.is_file(), f"no golden file {golden.name}: run python tests/golden/regenerate.py"
    expected = golden.read_text(encoding="utf-8")
    actual = run_case(name)
    assert actual == expected, (
        f"{name}: output differs from {golden.relative_to(ROOT)}; if the change is intended, "
        "run `python tests/golden/regenerate.py` and review the diff"
    )


def test_every_golden_file_has_a_case() -> None:
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(CASES)


def test_every_command_has_golden_output_in_both_languages_and_json() -> None:
    # examples writes files into a folder: it is checked by the schema test below instead.
    for command in (c for c in COMMANDS if c != "examples"):
        runs = [argv for argv in CASES.values() if argv[0] == command]
        assert any("--json" in argv for argv in runs), command
        if command != "validate":  # validate's report is in English only (docs/cli.md)
            for lang in ("vi", "en"):
                assert any(argv[-2:] == ("--lang", lang) for argv in runs), (command, lang)


def _stdout(text: str) -> str:
    return text.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0]


# --- plain output -----------------------------------------------------------------------------

_BOX_DRAWING = {chr(c) for c in range(0x2500, 0x2580)}


@pytest.mark.parametrize("name", sorted(n for n in CASES if not n.endswith(".json")))
def test_output_off_a_terminal_has_no_box_drawing_and_fits_the_width(name: str) -> None:
    out = _stdout(run_case(name))
    assert not _BOX_DRAWING.intersection(out), name
    assert "\x1b[" not in out, name  # no colour or style codes
    if not name.startswith(("derive.", "draft.")):  # their stdout is the YAML plan itself
        assert max(cell_len(line) for line in out.splitlines()) <= 100, name
        # No line padded to the width: in a file or a pipe the spaces are noise.
        assert [line for line in out.splitlines() if line.endswith(" ")] == [], name


def test_tables_line_up_with_vietnamese_text() -> None:
    out = _stdout(run_case("cite.vi"))
    table = [line for line in out.splitlines() if line.startswith(("+", "|"))]
    assert len(table) > 5
    assert len({cell_len(line) for line in table}) == 1


@pytest.mark.parametrize(
    "environ",
    [
        pytest.param({"COLUMNS": "72"}, id="columns"),
        pytest.param({"COLUMNS": "72", "NO_COLOR": ""}, id="no-color-empty"),
    ],
)
def test_width_comes_from_columns(environ: dict[str, str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["summary", "--as-of", "2024-03-01", "--lang", "en"],
        stdout=out,
        stderr=err,
        environ=environ,
    )
    assert code == 0
    lines = out.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= 72
    assert max(cell_len(line) for line in lines) > 60


# --- JSON against the schemas -------------------------------------------------------------------


def _schema(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _schema_for(argv: tuple[str, ...]) -> str:
    if argv[0] == "summary" and "--plan" in argv:
        return "summary-plan.json"
    if argv[0] == "coverage" and "--item" in argv:
        return "coverage-trace.json"
    return f"{argv[0]}.json"


@pytest.mark.parametrize("name", sorted(n for n in CASES if n.endswith(".json")))
def test_json_output_follows_its_schema(name: str) -> None:
    document: Any = json.loads(_stdout(run_case(name)))
    errors = [e.message for e in _schema(_schema_for(CASES[name])).iter_errors(document)]
    assert errors == []


def test_every_command_has_a_schema() -> None:
    names = {p.name for p in SCHEMAS.glob("*.json")}
    extra = {"summary-plan.json", "coverage-trace.json"}  # summary --plan, coverage --item
    assert {f"{c}.json" for c in COMMANDS} | extra == names


def test_examples_json_follows_its_schema(tmp_path: Path) -> None:
    out = io.StringIO()
    code = main(["examples", str(tmp_path / "x"), "--json"], stdout=out, stderr=io.StringIO())
    assert code == 0
    document = json.loads(out.getvalue())
    assert list(_schema("examples.json").iter_errors(document)) == []
    assert all((tmp_path / "x" / f).is_file() for f in document["files"])


def test_validate_json_of_a_corpus_that_cannot_load(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("key: [", encoding="utf-8")
    out = io.StringIO()
    code = main(["validate", str(tmp_path), "--json"], stdout=out, stderr=io.StringIO())
    document = json.loads(out.getvalue())
    assert code == 2
    assert document["plans"] is None
    assert document["problems"][0]["severity"] == "error"
    assert list(_schema("validate.json").iter_errors(document)) == []


def test_schemas_reject_a_missing_key() -> None:
    document = json.loads(_stdout(run_case("summary.json")))
    del document["deadlines"]["overdue_total"]
    assert list(_schema("summary.json").iter_errors(document))


def _without_description(schema: Any) -> Any:
    return {k: v for k, v in schema.items() if k != "description"}


SHARE_FIELDS = (
    "parent",
    "child",
    "status",
    "percent",
    "carried",
    "parent_illustrative",
    "child_illustrative",
)
"""What the summary's count of an edge (its share) has in common with coverage's edge."""


def test_a_deadline_has_one_schema_and_a_share_agrees_with_the_edge() -> None:
    def load(name: str) -> Any:
        return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))

    coverage, calendar = load("coverage.json"), load("calendar.json")
    edge = coverage["properties"]["edges"]["items"]["properties"]
    deadline = _without_description(calendar["properties"]["occurrences"]["items"])
    for name in ("summary.json", "summary-plan.json"):
        definitions = load(name)["$defs"]
        assert _without_description(definitions["deadline"]) == deadline, name
        share = definitions["edge"]["properties"]
        assert {field: _without_description(share[field]) for field in SHARE_FIELDS} == {
            field: _without_description(edge[field]) for field in SHARE_FIELDS
        }, name
        assert share["items"]["type"] == "integer", name


def test_a_problem_and_a_gap_have_one_schema_in_every_document() -> None:
    def load(name: str) -> Any:
        return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))

    validate, coverage, derive = load("validate.json"), load("coverage.json"), load("derive.json")
    problem = validate["properties"]["problems"]["items"]
    edge = coverage["properties"]["edges"]["items"]["properties"]
    assert edge["dangling"]["items"] == problem
    assert derive["properties"]["gaps"]["items"] == coverage["properties"]["concreteness"]["items"]


def test_expected_children_have_one_schema_in_every_document() -> None:
    def load(name: str) -> Any:
        return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))

    one = load("summary-plan.json")["properties"]["expected_children"]
    assert "groups" in one["properties"]
    for name in ("summary.json", "coverage.json"):
        assert load(name)["properties"]["expected_children"]["items"] == one, name


def test_every_json_document_comes_from_the_converter() -> None:
    # Only render/_documents.py builds documents (render/_streamed.py the two whose long
    # lists are made as they are written): a command hands write_json what they return.
    calls = [
        (path.name, call)
        for path in sorted((ROOT / "src" / "cchc" / "cli").glob("*.py"))
        for call in re.findall(r"write_json\(\s*env,\s*([^\n]*)", path.read_text(encoding="utf-8"))
    ]
    assert len({name for name, _ in calls}) >= 8, calls  # every command with --json
    assert [c for c in calls if not re.match(r"\w+_(document|parts)\(", c[1])] == []


def test_an_edge_and_a_deadline_read_the_same_in_every_document() -> None:
    summary = json.loads(_stdout(run_case("summary.json")))
    coverage = json.loads(_stdout(run_case("coverage.json")))
    calendar = json.loads(_stdout(run_case("calendar.json")))
    edges = {(e["parent"], e["child"]): e for e in coverage["edges"]}
    assert summary["coverage"]["edges"]
    for share in summary["coverage"]["edges"]:
        edge = edges[share["parent"], share["child"]]
        assert {field: share[field] for field in SHARE_FIELDS} == {
            field: edge[field] for field in SHARE_FIELDS
        }
        assert share["items"] == len(edge["items"])
    assert summary["as_of"] == calendar["as_of"]
    listed = summary["deadlines"]["upcoming"] + summary["deadlines"]["overdue"]
    assert listed
    assert all(deadline in calendar["occurrences"] for deadline in listed)


# --- the same data on the screen and in JSON --------------------------------------------------


def test_summary_screen_shows_what_json_holds() -> None:
    document = json.loads(_stdout(run_case("summary.json")))
    for lang in ("vi", "en"):
        screen = _stdout(run_case(f"summary.{lang}"))
        for node in document["documents"]:
            assert node["key"] in screen
            assert node["issuer_name"] in screen
        for entry in (*document["deadlines"]["upcoming"], *document["deadlines"]["overdue"]):
            day = entry["date"]
            assert f"{day[8:10]}/{day[5:7]}/{day[:4]}" in screen
        counts = document["counts"]
        assert f"{counts['plans']} " in screen
        assert f"{counts['units']} " in screen
        assert f"{document['deadlines']['overdue_total']} " in screen


def test_summary_says_when_coverage_cannot_be_checked() -> None:
    document = json.loads(_stdout(run_case("summary.json")))
    unknown = sum(1 for e in document["coverage"]["edges"] if e["percent"] is None)
    assert unknown > 0  # the bundled corpus's parents are known only from citations
    assert _stdout(run_case("summary.vi")).count("không đánh giá được") >= unknown
    assert _stdout(run_case("summary.en")).count("cannot be checked") >= unknown


# --- exit codes, the same everywhere ----------------------------------------------------------


def _main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    return code, out.getvalue(), err.getvalue()


CORPUS_COMMANDS = {
    "summary": (),
    "validate": (),
    "graph": (),
    "coverage": (),
    "calendar": ("--as-of", "2024-03-01"),
    "derive": ("hn-kh-54-2024", "--unit", "UBND quận Ba Đình"),
}


@pytest.mark.parametrize("command", sorted(CORPUS_COMMANDS))
@pytest.mark.parametrize("json_flag", [(), ("--json",)], ids=["text", "json"])
def test_a_missing_corpus_is_bad_input(
    command: str, json_flag: tuple[str, ...], tmp_path: Path
) -> None:
    missing = str(tmp_path / "nowhere")
    code, _, err = _main(command, *CORPUS_COMMANDS[command], missing, *json_flag)
    assert code == 2
    assert "Traceback" not in err
    if not (command == "validate" and json_flag):  # validate --json reports on stdout
        assert missing in err


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_option_is_a_usage_error(command: str) -> None:
    assert _main(command, "--no-such-option")[0] == 2


@pytest.mark.parametrize("command", COMMANDS)
def test_docs_give_every_command_its_exit_codes_and_schema(command: str) -> None:
    cli_md = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = cli_md.split(f"## `{command}`", 1)[1].split("\n## ", 1)[0]
    assert "Exit:" in section
    assert f"schemas/{command}.json" in section


def test_help_prints_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    from cchc.cli._common import EXIT_CODES_HELP

    for argv in (["--help"], ["summary", "--help"]):
        assert _main(*argv)[0] == 0
        help_text = " ".join(capsys.readouterr().out.split())
        assert " ".join(EXIT_CODES_HELP.split()) in help_text


def test_graph_json_is_format_json() -> None:
    assert _main("graph", "--json")[1] == _main("graph", "--format", "json")[1]
    code, out, err = _main("graph", "--json", "--format", "dot")
    assert (code, out) == (2, "")
    assert "--json" in err


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        pytest.param(("summary", "--as-of", "2024-03-01"), 0, id="summary"),
        pytest.param(("summary", "--plan", "nope"), 2, id="summary-unknown-plan"),
        pytest.param(("summary", "--as-of", "03/31/2024"), 2, id="summary-month-first"),
        # The March quotas (due 29/3/2024) have passed; no quota runs before the plan.
        pytest.param(("calendar", "--as-of", "2024-04-15"), 1, id="calendar-overdue"),
        pytest.param(
            ("calendar", "--as-of", "2020-01-01", "--to", "2020-12-31"), 0, id="calendar-ok"
        ),
        pytest.param(("coverage", "--fail-under", "0"), 0, id="coverage"),
        pytest.param(("validate",), 0, id="validate-warnings-only"),
        pytest.param(("graph", "--plan", "nope"), 2, id="graph-unknown-plan"),
        pytest.param(("cite", "/nonexistent/file.txt"), 2, id="cite-missing-file"),
    ],
)
def test_exit_codes(argv: tuple[str, ...], code: int) -> None:
    assert _main(*argv)[0] == code
