"""The JSON Schemas of the files cchc reads: current, one a kind of file, as editors use them.

An editor checks a file against one schema and shows the best error at the place it names,
so each kind of file (plan, unit registry, record file) has a schema of its own, and an error
in a plan points at its field, not at the whole file.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import jsonschema
import pytest
import yaml

import cchc
from cchc import (
    Channel,
    Indicator,
    LegalBasis,
    Members,
    Objective,
    Plan,
    Record,
    Schedule,
    Task,
    Unit,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CORPUS = ROOT / "src" / "cchc" / "data" / "corpus"
BAD = ROOT / "tests" / "data" / "bad"
NAMES = ("plan.schema.json", "units.schema.json", "records.schema.json")

DOCUMENTED_CLASSES = (
    Plan,
    LegalBasis,
    Objective,
    Task,
    Schedule,
    Channel,
    Indicator,
    Unit,
    Members,
    Record,
)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_schema", DOCS / "_gen_schema.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _TextDates(yaml.SafeLoader):
    """YAML as cchc reads it: dates stay text, so the schema sees what the file says."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((DOCS / name).read_text(encoding="utf-8"))
    return schema


def _validator(name: str = "plan.schema.json") -> jsonschema.Draft202012Validator:
    schema = _schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDates)


def _bundled() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in {".yaml", ".yml", ".json"})


# -- generated, one for each kind of file ------------------------------------------------


def test_the_generator_writes_the_three_schemas() -> None:
    assert tuple(kind.name for kind in _generator().FILE_SCHEMAS) == NAMES


@pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
def test_each_schema_is_generated_from_the_current_model(index: int) -> None:
    generator = _generator()
    kind = generator.FILE_SCHEMAS[index]
    stored = (DOCS / kind.name).read_text(encoding="utf-8")
    assert stored == generator.render(kind), "run: python docs/_gen_schema.py"


def test_the_check_mode_passes_on_the_stored_schemas() -> None:
    assert _generator().main(["--check"]) == 0


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_has_its_own_id_and_one_root(name: str) -> None:
    schema = _schema(name)
    # Shaped like the ids of the JSON documents' schemas (docs/schemas/), with the format's
    # version in it.
    assert schema["$id"] == f"https://cchc.invalid/schemas/files/v1/{name}"
    # A choice at the root is what made editors blame the whole file for every error.
    assert not {"anyOf", "oneOf", "allOf"} & set(schema)


def test_the_ids_differ_from_each_other_and_from_the_documents_schemas() -> None:
    ids = [_schema(name)["$id"] for name in NAMES]
    ids += [
        json.loads(path.read_text(encoding="utf-8")).get("$id")
        for path in sorted((DOCS / "schemas").glob("*.json"))
    ]
    named = [i for i in ids if i is not None]
    assert len(named) == len(set(named))


def test_the_schemas_describe_every_field_of_the_model() -> None:
    defs: dict[str, Any] = {}
    for name in NAMES:
        defs.update(_schema(name)["$defs"])
    for cls in DOCUMENTED_CLASSES:
        properties = defs[cls.__name__]["properties"]
        assert list(properties) == [f.name for f in attrs.fields(cls)]
        assert all(p.get("description") for p in properties.values()), cls.__name__


def test_each_schema_holds_only_the_definitions_it_uses() -> None:
    assert "Record" not in _schema("plan.schema.json")["$defs"]
    assert set(_schema("units.schema.json")["$defs"]) == {"Unit", "Members"}
    assert set(_schema("records.schema.json")["$defs"]) == {"Record"}


# -- a file is judged as its name says ----------------------------------------------------


@pytest.mark.parametrize(
    ("file_name", "schema"),
    [
        ("kh-54-2024.yaml", "plan.schema.json"),
        ("units.yaml", "units.schema.json"),
        ("Units.yml", "units.schema.json"),
        ("units.json", "units.schema.json"),
        ("my-units.yaml", "plan.schema.json"),
        ("records.yaml", "records.schema.json"),
        ("q1.records.json", "records.schema.json"),
        ("records-2024.yaml", "plan.schema.json"),
    ],
)
def test_a_file_gets_the_schema_its_name_says_as_cchc_reads_it(file_name: str, schema: str) -> None:
    assert _generator().schema_for(Path(file_name)).name == schema


@pytest.mark.parametrize("path", _bundled(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_bundled_file_validates_against_the_schema_its_name_says(path: Path) -> None:
    name = _generator().schema_for(path).name
    errors = [f"{e.json_path}: {e.message}" for e in _validator(name).iter_errors(_read(path))]
    assert errors == []


def test_the_bundled_corpus_has_every_kind_of_file() -> None:
    kinds = {_generator().schema_for(path).name for path in _bundled()}
    assert kinds == set(NAMES)


def test_a_dumped_plan_validates_as_json() -> None:
    corpus = cchc.load_corpus(cchc.bundled_corpus_path())
    validator = _validator()
    for plan in corpus.plans:
        data = json.loads(cchc.dumps_plan(plan, fmt="json"))
        assert list(validator.iter_errors(data)) == [], plan.key


@pytest.mark.parametrize("name", ["unknown-field.yaml", "wrong-types.yaml"])
def test_the_schema_rejects_bad_plan_files(name: str) -> None:
    assert list(_validator().iter_errors(_read(BAD / name)))


# -- as an editor shows an error -----------------------------------------------------------


def test_a_misspelt_status_is_shown_at_its_field() -> None:
    plan = _read(CORPUS / "hanoi" / "kh-54-2024.yaml")
    assert plan["status"] == "issued"
    plan["status"] = "isued"
    validator = _validator()
    # An editor marks each error it is given, and underlines the best one: both at the field.
    errors = list(validator.iter_errors(plan))
    assert [e.json_path for e in errors] == ["$.status"]
    best = jsonschema.exceptions.best_match(validator.iter_errors(plan))
    assert best is not None
    assert best.json_path == "$.status"
    assert "isued" in best.message


def test_an_unknown_field_of_a_task_is_shown_in_that_task() -> None:
    plan = _read(CORPUS / "hanoi" / "kh-54-2024.yaml")
    tasks = [i for i, task in enumerate(plan["tasks"]) if "lead" in task]
    assert tasks
    broken = copy.deepcopy(plan)
    broken["tasks"][tasks[0]]["leed"] = "hn.snv"
    errors = list(_validator().iter_errors(broken))
    assert [e.json_path for e in errors] == [f"$.tasks[{tasks[0]}]"]
    assert "leed" in errors[0].message


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        (CORPUS / "units.yaml", "plan.schema.json"),
        (CORPUS / "illustrative" / "records.yaml", "plan.schema.json"),
        (CORPUS / "hanoi" / "kh-54-2024.yaml", "units.schema.json"),
        (CORPUS / "hanoi" / "kh-54-2024.yaml", "records.schema.json"),
        (CORPUS / "units.yaml", "records.schema.json"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_a_file_of_one_kind_fails_the_schema_of_another(path: Path, schema: str) -> None:
    errors = list(_validator(schema).iter_errors(_read(path)))
    assert errors
    # Told as a field that does not belong, or one that is missing: what an editor shows.
    assert all(e.validator in {"additionalProperties", "required"} for e in errors)


# -- the format page tells how to hook them in --------------------------------------------


def test_the_format_page_links_each_schema_and_maps_it_by_file_name() -> None:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"]({name})" in text, name
    for pattern in ('"**/units.yaml"', '"**/records.yaml"', '"**/*.records.yaml"'):
        assert pattern in text, pattern
