"""Generate ``docs/plan.schema.json``, the JSON Schema of plan files, from the model.

Run ``python docs/_gen_schema.py`` after changing the model (``src/cchc/model/``); ``--check``
exits 1 when the file on disk is not what the model gives (``tests/test_docs.py`` runs that check).

The schema follows the model's attrs classes field by field, in their order, with each
field's docstring as its description, so that an editor (VS Code with the YAML extension,
PyCharm) completes field names and explains them while a plan is typed.  It is a help for
editing, not the judge: ``python -m cchc validate`` applies every rule of the model.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import enum
import functools
import inspect
import json
import sys
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

import cchc.model
from cchc.model._checks import MAX_YEAR, MIN_YEAR, FieldCheck
from cchc.model._fingerprint import FINGERPRINT_PATTERN
from cchc.model._items import Channel, Indicator, ItemLink, Objective, Schedule, Step, Task
from cchc.model._plan import LegalBasis, Members, Period, Plan, Unit
from cchc.model._records import Record
from cchc.refs._refs import DocumentRef

SCHEMA_PATH = Path(__file__).resolve().parent / "plan.schema.json"
"""Where the schema is written."""

CLASSES: tuple[type[Any], ...] = (
    Plan,
    LegalBasis,
    Objective,
    Task,
    Schedule,
    Channel,
    Indicator,
    Step,
    Unit,
    Members,
    Record,
)
"""The classes a plan file spells out, each a ``$defs`` entry, in this order."""

_LINK = "^[a-z0-9][a-z0-9._-]*#[A-Za-z0-9][A-Za-z0-9._-]*$"
_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


@functools.cache
def _model_classes() -> dict[str, ast.ClassDef]:
    """The class definitions of the model package's modules, by class name."""
    # A class reports its public face (``cchc``) as its module, so its source is found by
    # reading the modules of the model package, one of which defines it with the field
    # docstrings.
    found: dict[str, ast.ClassDef] = {}
    for path in sorted(Path(cchc.model.__file__).parent.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                if node.name in found:
                    raise SystemExit(f"{path}: a second class {node.name} in the model")
                found[node.name] = node
    return found


def field_docs(cls: type[Any]) -> dict[str, str]:
    """The docstring written under each field of *cls*, by field name."""
    body = _model_classes()[cls.__name__]
    docs: dict[str, str] = {}
    previous: str | None = None
    for node in body.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            previous = node.target.id
            continue
        if (
            previous is not None
            and isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            docs[previous] = inspect.cleandoc(node.value.value)
        previous = None
    return docs


def _date() -> dict[str, Any]:
    return {"type": "string", "pattern": _DATE, "format": "date"}


def _special(kind: Any) -> dict[str, Any] | None:
    """The schema of the value types plan files write in a shorthand."""
    if kind is dt.date:
        return _date()
    if kind is DocumentRef:
        return {
            "description": "A reference as printed: 54/KH-UBND, 60-NQ/TU, /KH-UBND, or a number.",
            "type": ["string", "integer"],
        }
    if kind is Period:
        return {
            "description": "A year (2024), a range of years (2021-2025) or {start, end} dates.",
            "anyOf": [
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                {"type": "string", "pattern": "^[0-9]{4}(\\s*[-–]\\s*[0-9]{4})?$"},
                {
                    "type": "object",
                    "properties": {"start": _date(), "end": _date()},
                    "required": ["start", "end"],
                    "additionalProperties": False,
                },
            ],
        }
    if kind is ItemLink:
        return {
            "description": (
                "plan-key#item-id, or {to: plan-key#item-id, editorial: true, fingerprint: "
                "the parent item's fingerprint, text: the parent item's text}."
            ),
            "anyOf": [
                {"type": "string", "pattern": _LINK},
                {
                    "type": "object",
                    "properties": {
                        "to": {"type": "string", "pattern": _LINK},
                        "editorial": {"type": "boolean"},
                        "fingerprint": {"type": "string", "pattern": f"^{FINGERPRINT_PATTERN}$"},
                        "text": {"type": "string"},
                    },
                    "required": ["to"],
                    "additionalProperties": False,
                },
            ],
        }
    return None


def type_schema(kind: Any) -> dict[str, Any]:
    """The JSON Schema of one annotated type of the model."""
    special = _special(kind)
    if special is not None:
        return special
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        inner = type_schema(options[0]) if len(options) == 1 else {"anyOf": options}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": type_schema(typing.get_args(kind)[0])}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"enum": [member.value for member in kind]}
    if isinstance(kind, type) and attrs.has(kind):
        return {"$ref": f"#/$defs/{kind.__name__}"}
    simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
    if kind in simple:
        return {"type": simple[kind]}
    raise TypeError(f"no JSON Schema for the model type {kind!r}")


def with_keywords(schema: dict[str, Any], keywords: Mapping[str, Any]) -> dict[str, Any]:
    """*schema* with the model's *keywords* (a pattern, a range) on each value it holds.

    The values are the array's items for a tuple, the non-null choice for an optional field.
    """
    if "items" in schema:
        return {**schema, "items": with_keywords(schema["items"], keywords)}
    if "anyOf" in schema:
        first, *rest = schema["anyOf"]
        return {**schema, "anyOf": [with_keywords(first, keywords), *rest]}
    return {**schema, **keywords}


def class_schema(cls: type[Any]) -> dict[str, Any]:
    """The schema of one attrs class: its fields in order, required ones, no others."""
    attrs.resolve_types(cls)
    docs = field_docs(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        schema = dict(type_schema(field.type))
        if isinstance(field.validator, FieldCheck) and field.validator.schema:
            schema = with_keywords(schema, field.validator.schema)
        if field.name in docs:
            schema = {"description": docs[field.name], **schema}
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    result: dict[str, Any] = {
        "type": "object",
        "description": inspect.cleandoc(cls.__doc__ or cls.__name__),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        result["required"] = required
    return result


def build_schema() -> dict[str, Any]:
    """The whole schema: a plan file, a unit registry (``units.yaml``) or a record file."""
    defs = {cls.__name__: class_schema(cls) for cls in CLASSES}
    defs["UnitRegistry"] = {
        "type": "object",
        "description": "A unit registry: a file named units.yaml, units.yml or units.json.",
        "properties": {"units": {"type": "array", "items": {"$ref": "#/$defs/Unit"}}},
        "required": ["units"],
        "additionalProperties": False,
    }
    defs["RecordFile"] = {
        "type": "object",
        "description": "A file of records: named records.yaml or NAME.records.yaml (.yml, .json).",
        "properties": {"records": {"type": "array", "items": {"$ref": "#/$defs/Record"}}},
        "required": ["records"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cchc plan file",
        "description": (
            "A plan file (one document of a CCHC plan cascade), a unit registry or a file of "
            "records, as read by "
            "cchc. Generated from the model (src/cchc/model/) by docs/_gen_schema.py; "
            "see docs/format.md."
        ),
        "anyOf": [
            {"$ref": "#/$defs/Plan"},
            {"$ref": "#/$defs/UnitRegistry"},
            {"$ref": "#/$defs/RecordFile"},
        ],
        "$defs": defs,
    }


def render() -> str:
    """The schema as the text stored in ``docs/plan.schema.json``."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema, or with ``--check`` tell whether the stored one is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = SCHEMA_PATH.exists() and SCHEMA_PATH.read_text(encoding="utf-8") == text
        if not current:
            print(f"{SCHEMA_PATH}: stale; run python docs/_gen_schema.py", file=sys.stderr)
        return 0 if current else 1
    SCHEMA_PATH.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
