"""The shape of the package: its faces, the homes of its classes, module sizes, examples.

The layers themselves (which package may import which) are checked by import-linter in
the ``lint`` session; these tests pin what a user of the library sees.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType

import pytest

import cchc

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "cchc"
EXAMPLES = ROOT / "examples"

FACES = (
    "cchc",
    "cchc.text",
    "cchc.refs",
    "cchc.model",
    "cchc.files",
    "cchc.graph",
    "cchc.coverage",
    "cchc.calendar",
    "cchc.draft",
    "cchc.report",
    "cchc.render",
)
"""The public faces: ``cchc`` and the package of each layer a user calls."""

PUBLIC_MODULES = ("cchc.exceptions",)
"""Public modules that are not faces: exceptions is the documented home of the errors."""

MAX_LINES = 400
LONG_TABLES = {
    # One closed vocabulary an enum, each member with its Vietnamese wordings and its
    # legal source: a table read row by row, which splitting would only scatter.
    "text/_vocab.py",
}
"""Modules allowed over MAX_LINES lines: cohesive tables, not code."""

HEAVY = (
    *("networkx", "pendulum", "holidays", "icalendar", "rapidfuzz", "cattrs", "yaml", "rich"),
    *("attrs", "attr", "orjson"),
    *("openpyxl", "xlsxwriter"),
)
"""Libraries ``--help`` must not import: each costs more than the whole of cchc's start-up."""


def face(name: str) -> ModuleType:
    return importlib.import_module(name)


def public_classes() -> list[tuple[str, str, type]]:
    """(face, name, class) for every class in the ``__all__`` of a face."""
    found = []
    for name in FACES:
        module = face(name)
        for attribute in module.__all__:
            value = getattr(module, attribute)
            if isinstance(value, type):
                found.append((name, attribute, value))
    return found


# --- faces ------------------------------------------------------------------------------------


def _isort_key(name: str) -> tuple[int, list[int | str]]:
    """The order ruff keeps ``__all__`` in (RUF022): CONSTANTS, then Classes, then the rest.

    Within each group a natural sort: digits compare as numbers.
    """
    group = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return group, [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


@pytest.mark.parametrize("name", FACES)
def test_each_face_has_a_sorted_all_whose_names_resolve(name: str) -> None:
    module = face(name)
    names = module.__all__
    assert names == sorted(names, key=_isort_key), f"{name}.__all__ is not sorted"
    assert len(set(names)) == len(names), f"{name}.__all__ repeats a name"
    missing = [n for n in names if not hasattr(module, n)]
    assert missing == [], f"{name}.__all__ names what {name} does not have"


@pytest.mark.parametrize("name", FACES)
def test_dir_of_each_face_lists_its_public_names(name: str) -> None:
    module = face(name)
    assert set(module.__all__) <= set(dir(module)), sorted(set(module.__all__) - set(dir(module)))


@pytest.mark.parametrize("name", FACES)
def test_a_face_refuses_a_name_it_does_not_have(name: str) -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        getattr(face(name), "no_such_name")  # noqa: B009 - the name is the point


def test_the_faces_share_one_object_per_name() -> None:
    # A name exported by cchc and by a face is the same object, not a copy.
    for name in FACES[1:]:
        module = face(name)
        for attribute in set(module.__all__) & set(cchc.__all__):
            assert getattr(module, attribute) is getattr(cchc, attribute), (name, attribute)


# --- classes ----------------------------------------------------------------------------------


def _home(face_name: str, name: str, cls: type) -> str:
    """The module *cls* should report: ``cchc`` for what cchc exports, else its face."""
    if cls.__module__ in PUBLIC_MODULES:
        return cls.__module__
    return "cchc" if getattr(cchc, name, None) is cls else face_name


@pytest.mark.parametrize(
    ("face_name", "name", "cls"),
    public_classes(),
    ids=[f"{f}.{n}" for f, n, _ in public_classes()],
)
def test_each_public_class_reports_its_public_home(face_name: str, name: str, cls: type) -> None:
    assert cls.__module__ == _home(face_name, name, cls)
    assert cls.__qualname__ == name
    assert cls.__doc__, f"{face_name}.{name} has no docstring"


@pytest.mark.parametrize(
    ("face_name", "name", "cls"),
    public_classes(),
    ids=[f"{f}.{n}" for f, n, _ in public_classes()],
)
def test_the_annotations_of_each_public_class_resolve(face_name: str, name: str, cls: type) -> None:
    # cattrs and typing.get_type_hints look names up in the module the class reports.
    hints = typing.get_type_hints(cls)
    assert set(hints) >= set(inspect.get_annotations(cls)), (face_name, name)


# --- module sizes -----------------------------------------------------------------------------


def test_no_module_is_over_400_lines_but_the_tables() -> None:
    sizes = {
        path.relative_to(SRC).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in SRC.rglob("*.py")
    }
    over = {path: lines for path, lines in sorted(sizes.items()) if lines > MAX_LINES}
    assert set(LONG_TABLES) <= set(sizes), "a module of LONG_TABLES is gone: drop it from the list"
    assert {p: n for p, n in over.items() if p not in LONG_TABLES} == {}
    assert set(LONG_TABLES) <= set(over), "a table came under the limit: drop it from the list"


# --- examples ---------------------------------------------------------------------------------


def _imports(path: Path) -> list[str]:
    """Every module an example imports and every ``cchc`` attribute chain it reaches into."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Attribute):
            chain = [node.attr]
            value = node.value
            while isinstance(value, ast.Attribute):
                chain.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name):
                found.append(".".join([value.id, *reversed(chain)]))
    return found


def _private(dotted: str) -> bool:
    parts = dotted.split(".")
    return parts[0] == "cchc" and any(
        p.startswith("_") and not (p.startswith("__") and p.endswith("__")) for p in parts[1:]
    )


@pytest.mark.parametrize("script", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_examples_use_only_public_names(script: Path) -> None:
    private = sorted({name for name in _imports(script) if _private(name)})
    assert private == [], f"{script.name} reaches into internal modules"


def _unexported(dotted: str) -> str | None:
    """The part of a ``cchc`` chain that no face exports (None: every link is public).

    ``cchc.X`` must be in ``cchc.__all__`` or be a public module; a name taken from a
    face or a public module must be in its ``__all__``.  What follows an exported name
    (``cchc.Level.DISTRICT``) is that object's own business.
    """
    parts = dotted.split(".")
    if parts[0] != "cchc" or len(parts) == 1:
        return None
    module = "cchc"
    for part in parts[1:]:
        child = f"{module}.{part}"
        if child in FACES or child in PUBLIC_MODULES:
            module = child
            continue
        found = importlib.import_module(module)
        # A public module without __all__ (exceptions) exports what it does not hide.
        exported = getattr(found, "__all__", [n for n in vars(found) if not n.startswith("_")])
        return None if part in exported or part == "__version__" else child
    return None


@pytest.mark.parametrize("script", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_examples_use_only_names_a_face_exports(script: Path) -> None:
    # Public-looking is not enough: a name a face does not list may move or go.
    unexported = sorted({u for name in _imports(script) if (u := _unexported(name)) is not None})
    assert unexported == [], f"{script.name} uses names no face exports"


@pytest.mark.parametrize(
    ("dotted", "unexported"),
    [
        ("cchc.load_corpus", None),
        ("cchc.Level.DISTRICT", None),
        ("cchc.calendar.describe_period", None),
        ("cchc.exceptions.CchcError", None),
        ("cchc.graph", None),
        ("cchc.graph.link_corpus", "cchc.graph.link_corpus"),
        ("cchc.calendar._expand.timing", "cchc.calendar._expand"),
        ("cchc.no_such_name", "cchc.no_such_name"),
        ("other.name", None),
    ],
)
def test_unexported_names_are_found(dotted: str, unexported: str | None) -> None:
    assert _unexported(dotted) == unexported


@pytest.mark.parametrize(
    ("names", "ordered"),
    [
        (["ND09", "UPCOMING_DAYS", "Occurrence", "agenda"], True),
        (["Occurrence", "ND09"], False),
        (["agenda", "Occurrence"], False),
        (["Task2", "Task10"], True),
        (["Gap", "__version__", "bundled_corpus_path"], True),
    ],
)
def test_the_order_of_all_is_rufs(names: list[str], ordered: bool) -> None:
    assert (names == sorted(names, key=_isort_key)) is ordered


@pytest.mark.parametrize(
    ("dotted", "private"),
    [
        ("cchc.load_corpus", False),
        ("cchc.calendar.expand_plan", False),
        ("cchc.__version__", False),
        ("cchc.calendar._expand.timing", True),
        ("cchc._faces", True),
        ("other._x", False),
    ],
)
def test_private_names_are_told_apart(dotted: str, private: bool) -> None:
    assert _private(dotted) is private


# --- start-up ---------------------------------------------------------------------------------


def test_help_imports_no_heavy_library() -> None:
    # The whole entry point (cchc, its __main__ and every command's parser), as a user runs
    # it; -X importtime lists on standard error every module the interpreter imported.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cchc", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "cchc" in imported  # the probe sees cchc itself, so it would see the others
    assert sorted(imported & set(HEAVY)) == []


@pytest.mark.parametrize("command", ["validate", "summary --json", "coverage --json", "--help"])
def test_commands_import_no_workbook_reader_and_no_drafter(command: str) -> None:
    # openpyxl (numpy and PIL with it) and the drafter serve progress --xlsx, records and
    # draft only: a name kept for an annotation once loaded them for every --json and
    # every validate.  --help, which loads every command's module, needs no dataclasses.
    argv = ["cchc", *command.split(), "--no-cache"]
    probe = (
        f"import runpy, sys; sys.argv = {argv!r}\n"
        "try:\n    runpy.run_module('cchc', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8", check=False
    )
    imported = set(result.stderr.splitlines()[-1].split())
    assert "cchc.cli" in imported  # the probe sees the command ran
    unwanted = {m for m in imported if m.split(".")[0] == "openpyxl" or m.startswith("cchc.draft")}
    if command == "--help":
        unwanted |= imported & {"dataclasses", "pathlib", "datetime"}
    assert sorted(unwanted) == []


def test_the_reports_know_no_json() -> None:
    # Every --json document is written by cchc.render._json: report/ gives values only.
    for path in sorted((SRC / "report").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        } | {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
        }
        assert not imported & {"json", "cattrs"}, path.name
        functions = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        assert not [f for f in functions if f.endswith("_json")], path.name
