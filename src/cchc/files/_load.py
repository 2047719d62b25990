"""Reading plan files: one file or a whole corpus, every problem of every file at once.

One plan a file, YAML or JSON with the same schema (``docs/format.md``).  A corpus is a
folder read recursively (:mod:`cchc.files._walk`).  Reading never stops at the first
problem: every file is read and every problem is reported, one line each, as
``file: $.path: message``.  A file goes through these steps: bounded reading of a regular
file as UTF-8 text, parsing (:mod:`cchc.files._yaml`, :mod:`cchc.files._json`), NFC
normalisation, and structuring into the model (:mod:`cchc.files._convert`).

Plan files are untrusted input: only regular files are read, each at most
:data:`MAX_FILE_BYTES` (:mod:`cchc.files._reading`); a symbolic link is followed only when it
stays inside the corpus folder; a folder that cannot be listed is an error, never skipped.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from cchc._collector import collector_paused
from cchc.exceptions import CorpusError, Problem, Severity, TextPosition
from cchc.files._convert import CONVERTER, DATA_ERRORS, error_lines
from cchc.files._gather import FileResult, Reading
from cchc.files._json import DuplicateKeyError, json_too_deep, load_json
from cchc.files._reading import ReadError, read_bounded, size_problem
from cchc.files._values import MAX_DEPTH, describe, normalise_text, parses_to_nfc, quote
from cchc.files._walk import (
    UNIT_REGISTRY_STEM,
    Entry,
    corpus_files,
    path_kind,
    single_file,
)
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan, Unit
from cchc.model._records import Record

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_REGISTRY_BYTES",
    "bundled_corpus_path",
    "load_corpus",
    "load_plan",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Plan files larger than this are refused: a real plan is a few dozen kilobytes."""
MAX_REGISTRY_BYTES = 64 * 1024 * 1024
"""Unit registries larger than this are refused.

A registry may list every unit of the country: about 3,300 communes and wards, 34
provinces and their departments, some 10 MB written out; this leaves room for six times
that, and still bounds what one file can make cchc read.
"""
RECORDS_STEM = "records"
"""A record file is named ``records.yaml`` or ``*.records.yaml`` (or ``.yml``, ``.json``)."""


def is_record_file(path: Path) -> bool:
    """Tell whether *path* is named as a file of records (``records.yaml``, ``q1.records.json``)."""
    stem = path.stem.lower()
    return stem == RECORDS_STEM or stem.endswith("." + RECORDS_STEM)


def _cap(path: Path) -> tuple[int, str]:
    """The most bytes the file *path* names may hold, and what it is called in a refusal."""
    if path.stem.lower() == UNIT_REGISTRY_STEM:
        return MAX_REGISTRY_BYTES, "a unit registry"
    return MAX_FILE_BYTES, "a plan file"


def bundled_corpus_path() -> Path:
    """The folder of the example corpus shipped with cchc (the five seed documents)."""
    return Path(str(resources.files("cchc") / "data" / "corpus"))


class _Problems:
    """Collects the problems of one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []

    def add(
        self, where: str | TextPosition, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        """Record a problem at *where*: a path in the file's data, or a position in its text."""
        if isinstance(where, TextPosition):
            found = Problem(file=self.file, position=where, message=message, severity=severity)
        else:
            found = Problem(file=self.file, path=where, message=message, severity=severity)
        self.items.append(found)

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)

    def result(
        self,
        *,
        plan: Plan | None = None,
        units: tuple[Unit, ...] = (),
        records: tuple[Record, ...] = (),
    ) -> FileResult:
        """What the file gave, with the problems collected."""
        return FileResult(plan=plan, units=units, records=records, problems=tuple(self.items))


def _parse(text: str, suffix: str, problems: _Problems, encoded: bytes) -> object:
    """Parse *text* as JSON or YAML; on failure record a problem and return None.

    *encoded* is the file's bytes, which *text* was decoded from.
    """
    if suffix == ".json":
        if (deep := json_too_deep(text, encoded)) is not None:
            problems.add(deep, f"expected valid JSON, found nesting deeper than {MAX_DEPTH} levels")
            return None
        try:
            return load_json(text)
        except json.JSONDecodeError as error:
            at = TextPosition(error.lineno, error.colno)
            problems.add(at, f"expected valid JSON, {error.msg}")
        except DuplicateKeyError as error:
            problems.add("$", f"duplicate key {quote(error.args[0])}")
        except RecursionError:
            problems.add("$", "nesting too deep")
        return None
    # PyYAML is loaded for the first YAML file: a corpus of JSON files never needs it.
    import yaml  # noqa: PLC0415

    from cchc.files._yaml import load_yaml, yaml_message  # noqa: PLC0415

    try:
        return load_yaml(text)
    except yaml.YAMLError as error:
        mark, message = yaml_message(error, text)
        problems.add("$" if mark is None else mark, message)
    except RecursionError:
        problems.add("$", f"nesting deeper than {MAX_DEPTH} levels")
    except ValueError as error:
        problems.add("$", f"expected valid YAML values, found {error}")
    return None


def _read_text(path: Path, problems: _Problems, cap: tuple[int, str]) -> tuple[str, bytes] | None:
    """Read a regular file as UTF-8 text, and its bytes; record why it cannot be read.

    *path* is never a symbolic link here: links are resolved and checked first
    (:func:`cchc.files._walk.corpus_files`), so one swapped in afterwards is refused, not followed.
    *cap* is the most bytes it may hold and what it is called (:func:`_cap`).
    """
    limit, what = cap
    try:
        data = read_bounded(path, limit, what=what, follow_symlinks=False)
    except ReadError as error:
        problems.add("$", error.reason)
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add("$", "expected UTF-8 text, found UTF-16 (save the file as UTF-8)")
        return None
    if b"\x00" in data:
        problems.add("$", "expected UTF-8 text, found binary data (NUL bytes)")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.add(
            TextPosition(line, column),
            "expected UTF-8 text, found a byte that is not UTF-8 (legacy Vietnamese "
            "encodings such as TCVN3 or VNI, or Windows-1258, must be converted to UTF-8)",
        )
        return None
    if text.startswith("\ufeff"):
        problems.add("$", "a byte-order mark at the start was ignored", Severity.WARNING)
        text = text[1:]
    return text, data


def _structure(data: object, cls: type[Any], problems: _Problems) -> Any:
    """*data* as a *cls*; on bad data, record every problem and return None.

    Only bad data is caught (:data:`~cchc.files._convert.DATA_ERRORS`); any other
    exception, even one cattrs gathered with the problems, is a bug and propagates.
    """
    try:
        return CONVERTER.structure(data, cls)
    except DATA_ERRORS as error:
        failure = error
    # Outside the handler, so that a bug raised from the group is not shown as raised
    # while handling the group.
    for path, message in list(error_lines(failure)):
        problems.add(path, message)
    return None


def _load_file(path: Path, label: str, source: Path | None = None) -> FileResult:
    """Read one file: a plan, or a unit registry.

    *path* is the name the user sees (its suffix says YAML or JSON); *source*, when given,
    the real file a symbolic link of that name leads to.
    """
    problems = _Problems(label)
    read = _read_text(path if source is None else source, problems, _cap(path))
    if read is None:
        return problems.result()
    text, encoded = read
    if not text.strip():
        problems.add("$", "expected a plan (a mapping of fields), found an empty file")
        return problems.result()
    data = _parse(text, path.suffix.lower(), problems, encoded)
    if problems.has_errors:
        return problems.result()
    # Most files are NFC throughout: a test of the text in C spares a walk over the data.
    data, changed = (data, 0) if parses_to_nfc(text) else normalise_text(data)
    if changed:
        problems.add(
            "$",
            f"{changed} text value(s) were not in Unicode NFC and were normalised",
            Severity.WARNING,
        )
    if not isinstance(data, dict):
        problems.add("$", f"expected a mapping of fields, found {_kind(data)}")
        return problems.result()
    return _structured(path, data, problems)


def _structured(path: Path, data: dict[str, Any], problems: _Problems) -> FileResult:
    """What a file's parsed *data* gives by the file's name: units, records or a plan."""
    if path.stem.lower() == UNIT_REGISTRY_STEM:
        registry = _structure(data, _UnitRegistry, problems)
        return problems.result(units=registry.units if registry else ())
    if is_record_file(path):
        found = _structure(data, _Records, problems)
        return problems.result(records=found.records if found else ())
    return problems.result(plan=_structure(data, Plan, problems))


def _kind(data: object) -> str:
    """What a value is, quoting none of it: a file that is not plan-shaped is not echoed."""
    if isinstance(data, str):
        return "text"
    if isinstance(data, bool):
        return "true/false"
    if isinstance(data, int | float):
        return "a number"
    return describe(data) if isinstance(data, list | dict) or data is None else "a value"


@attrs.frozen(kw_only=True)
class _UnitRegistry:
    units: tuple[Unit, ...] = ()


@attrs.frozen(kw_only=True)
class _Records:
    records: tuple[Record, ...] = ()


def _load_entry(entry: Entry, label: str | None = None) -> FileResult:
    label = str(entry.path) if label is None else label
    if entry.problem is not None:
        return FileResult(problems=(Problem(file=label, path="$", message=entry.problem),))
    return _load_file(entry.path, label, entry.source)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read one plan file; raise :class:`CorpusError` with every problem it has."""
    result = _load_entry(single_file(Path(path)), str(path))
    if result.plan is None or any(p.severity is Severity.ERROR for p in result.problems):
        raise CorpusError(result.problems)
    return result.plan


def load_corpus(
    path: str | os.PathLike[str],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Read every plan file under *path* (a folder, or a single file).

    Raises :class:`CorpusError` carrying every error of every file when any file is
    bad; warnings are kept in :attr:`Corpus.problems`.  *progress*, when given, is
    called with (files done, files in all) as reading goes on.
    """
    files = _entries(path)
    _refuse_oversize(files)
    reading = Reading()
    with collector_paused():
        for done, file in enumerate(files, start=1):
            reading.add(str(file.path), _load_entry(file))
            if progress is not None:
                progress(done, len(files))
    if not files:
        reading.problems.append(
            Problem(file=str(path), path="$", message="expected plan files, found none")
        )
    if any(p.severity is Severity.ERROR for p in reading.problems):
        raise CorpusError(tuple(reading.problems))
    return reading.corpus()


def _refuse_oversize(files: list[Entry]) -> None:
    """Refuse the corpus at once when a file is over its cap, before any file is read.

    The corpus could not be loaded anyway, and the caps are there to bound the work: a
    huge file is not worth reading every other file first.  Reading checks the cap
    again, counting, since a file may grow in between.
    """
    oversize: list[Problem] = []
    for entry in files:
        limit, what = _cap(entry.path)
        problem = (
            None
            if entry.problem
            else size_problem(str(entry.source or entry.path), limit, what=what)
        )
        if problem is not None:
            oversize.append(Problem(file=str(entry.path), path="$", message=problem))
    if oversize:
        raise CorpusError(tuple(oversize))


def _entries(path: str | os.PathLike[str]) -> list[Entry]:
    """The plan files *path* names: those of a folder, or the one file it is."""
    root = Path(path)
    kind = path_kind(root)
    if kind == "missing":
        raise CorpusError(
            (
                Problem(
                    file=str(path),
                    path="$",
                    message="expected a plan file or a folder, found nothing",
                ),
            )
        )
    # Anything but a folder is read as one file, and refused there if not a regular one.
    return corpus_files(root) if kind == "folder" else [single_file(root)]
