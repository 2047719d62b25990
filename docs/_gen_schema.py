"""Generate the JSON Schemas of the files cchc reads, from the model.

One schema for each kind of file: ``docs/plan.schema.json`` (plan files),
``docs/units.schema.json`` (unit registries) and ``docs/records.schema.json`` (record files).
Run ``python docs/_gen_schema.py`` after changing the model (``src/cchc/model/``); ``--check``
exits 1 when a file on disk is not what the model gives (``tests/test_plan_schema.py`` runs
that check).

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
from cchc.files._load import is_record_file
from cchc.files._walk import UNIT_REGISTRY_STEM
from cchc.model._amend import Addition, Amendment, ItemSet
from cchc.model._checks import MAX_YEAR, MIN_YEAR, FieldCheck
from cchc.model._fingerprint import FINGERPRINT_PATTERN
from cchc.model._items import Channel, Indicator, ItemLink, Objective, Schedule, Step, Task
from cchc.model._plan import LegalBasis, Members, Period, Plan, Unit
from cchc.model._records import Record
from cchc.refs._refs import DocumentRef

DOCS = Path(__file__).resolve().parent
"""Where the schemas are written."""

CLASSES: tuple[type[Any], ...] = (
    Plan,
    LegalBasis,
    Objective,
    Task,
    Schedule,
    Channel,
    Indicator,
    Step,
    Amendment,
    ItemSet,
    Addition,
    Unit,
    Members,
    Record,
)
"""The classes the files spell out, in the order of their ``$defs`` entries."""

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


ID_BASE = "https://cchc.invalid/schemas/files/v1/"
"""Where the ``$id`` of each file schema lives: the project, then the version of the format.

Like the JSON documents' schemas (``docs/schemas/``), the ids are names, not addresses to
fetch (``.invalid`` is never a real host).  ``v1`` moves only when a file valid under one
version no longer is under the next.
"""

_GENERATED = (
    "Generated from the model (src/cchc/model/) by docs/_gen_schema.py; see docs/format.md."
)


@attrs.frozen
class FileSchema:
    """One kind of file cchc reads, and the schema an editor checks it against."""

    name: str
    """The schema's file in ``docs/`` (``plan.schema.json``)."""
    title: str
    """Its title."""
    description: str
    """What the file is and how it is named."""
    root: type[Any] | None
    """The class the whole file spells out, or None for a file holding a list."""
    listed: tuple[str, type[Any]] | None = None
    """For a file holding a list: its one key and the class of its entries."""


FILE_SCHEMAS = (
    FileSchema(
        name="plan.schema.json",
        title="cchc plan file",
        description=(
            "A plan file: one document of a CCHC plan cascade (a plan, or a guidance, decision "
            "or report that acts as one), as read by cchc."
        ),
        root=Plan,
    ),
    FileSchema(
        name="units.schema.json",
        title="cchc unit registry",
        description=(
            "A unit registry, as read by cchc: a file named units.yaml, units.yml or units.json."
        ),
        root=None,
        listed=("units", Unit),
    ),
    FileSchema(
        name="records.schema.json",
        title="cchc record file",
        description=(
            "A file of records (what units did), as read by cchc: named records.yaml or "
            "NAME.records.yaml (.yml, .json)."
        ),
        root=None,
        listed=("records", Record),
    ),
)
"""The schemas written, one for each kind of file, so that an editor judges a file as its kind."""


def _refs(schema: Any) -> set[str]:
    """The names of the ``$defs`` entries *schema* refers to anywhere inside it."""
    if isinstance(schema, dict):
        found = {schema["$ref"].rpartition("/")[2]} if "$ref" in schema else set()
        for value in schema.values():
            found |= _refs(value)
        return found
    if isinstance(schema, list):
        return set().union(*(_refs(value) for value in schema)) if schema else set()
    return set()


def _defs(start: type[Any]) -> dict[str, Any]:
    """The ``$defs`` a schema rooted at *start* needs: *start* and what it refers to, in order."""
    schemas = {cls.__name__: class_schema(cls) for cls in CLASSES}
    needed = {start.__name__}
    pending = [start.__name__]
    while pending:
        for name in _refs(schemas[pending.pop()]) - needed:
            needed.add(name)
            pending.append(name)
    return {name: schema for name, schema in schemas.items() if name in needed}


def build_schema(kind: FileSchema = FILE_SCHEMAS[0]) -> dict[str, Any]:
    """The schema of one kind of file; the plan file's by default."""
    # The root is the file's own object, never a choice between kinds of file: with a choice
    # an editor can only say that the whole file ($) matches none, and a registry would pass
    # as a plan.
    head: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": ID_BASE + kind.name,
        "title": kind.title,
        "description": f"{kind.description} {_GENERATED}",
    }
    if kind.root is not None:
        return {**head, "$ref": f"#/$defs/{kind.root.__name__}", "$defs": _defs(kind.root)}
    assert kind.listed is not None
    key, entry = kind.listed
    return {
        **head,
        "type": "object",
        # The key may be left out, as it may in the file (an empty list), so it is not required.
        "properties": {key: {"type": "array", "items": {"$ref": f"#/$defs/{entry.__name__}"}}},
        "additionalProperties": False,
        "$defs": _defs(entry),
    }


def schema_for(path: Path) -> FileSchema:
    """The kind of file *path* is, by its name as cchc reads it."""
    if path.stem.lower() == UNIT_REGISTRY_STEM:
        return FILE_SCHEMAS[1]
    if is_record_file(path):
        return FILE_SCHEMAS[2]
    return FILE_SCHEMAS[0]


def render(kind: FileSchema = FILE_SCHEMAS[0]) -> str:
    """The schema of one kind of file as the text stored in ``docs/``."""
    return json.dumps(build_schema(kind), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schemas, or with ``--check`` tell whether the stored ones are current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args(argv)
    stale = 0
    for kind in FILE_SCHEMAS:
        path = DOCS / kind.name
        text = render(kind)
        if args.check:
            if not (path.exists() and path.read_text(encoding="utf-8") == text):
                print(f"{path}: stale; run python docs/_gen_schema.py", file=sys.stderr)
                stale = 1
            continue
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    return stale


if __name__ == "__main__":
    sys.exit(main())
