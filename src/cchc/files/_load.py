"""Plan files: reading a corpus from a folder, writing a plan back, all problems at once.

One plan a file, YAML or JSON with the same schema (``docs/format.md``).  A corpus is a
folder read recursively.  Reading never stops at the first problem: every file is read
and every problem is reported, one line each, as ``file: $.path: message``.

Plan files are untrusted input: only regular files are read, each at most
:data:`MAX_FILE_BYTES` (:mod:`cchc.files._reading`); a symbolic link is followed only when it
stays inside the corpus folder; a folder that cannot be listed is an error, never skipped.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import yaml

from cchc._visible import escape_json, is_visible
from cchc.exceptions import CchcError, CorpusError, Problem, Severity
from cchc.files._convert import (
    CONVERTER,
    JsonConstant,
    Numeral,
    describe,
    error_lines,
    normalise_text,
)
from cchc.files._reading import ReadError, read_bounded
from cchc.files._write import write_text
from cchc.files._yaml_schema import CONSTRUCTORS, IMPLICIT_RESOLVERS
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan, Unit

__all__ = [
    "MAX_FILE_BYTES",
    "bundled_corpus_path",
    "dump_plan",
    "dumps_plan",
    "load_corpus",
    "load_plan",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Plan files larger than this are refused: a real plan is a few dozen kilobytes."""
MAX_DEPTH = 64
"""Deeper nesting than any plan needs is refused before it can exhaust the stack."""
MAX_QUOTE = 40
"""The longest quote of a file's content a parse error may carry, quotes included."""
PLAN_SUFFIXES = (".yaml", ".yml", ".json")
UNIT_REGISTRY_STEM = "units"


def bundled_corpus_path() -> Path:
    """The folder of the example corpus shipped with cchc (the five seed documents)."""
    return Path(str(resources.files("cchc") / "data" / "corpus"))


# -- reading ---------------------------------------------------------------------------


class _Problems:
    """Collects the problems of one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []

    def add(self, path: str, message: str, severity: Severity = Severity.ERROR) -> None:
        self.items.append(Problem(file=self.file, path=path, message=message, severity=severity))

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)


class _Strict:
    """What cchc adds to YAML's safe loading: no aliases, no duplicate keys, bounded depth.

    Scalars are typed and tags constructed by the tables of :mod:`cchc.files._yaml_schema`, set
    here at class level (where PyYAML keeps them) so that every loader built on this class
    uses them: the pure-Python one and the libyaml ones alike, since libyaml only scans and
    parses and resolving and constructing stay in Python.
    """

    depth = 0
    yaml_implicit_resolvers = IMPLICIT_RESOLVERS
    yaml_path_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's own class-level table
    yaml_constructors = CONSTRUCTORS
    yaml_multi_constructors: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's own table
    check_event: Any
    peek_event: Any
    construct_object: Any

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                "anchors and aliases (*name) are not allowed in plan files",
                event.start_mark,
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"nesting deeper than {MAX_DEPTH} levels", event.start_mark
            )
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be text", key_node.start_mark
                ) from None
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first at line {first.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc, no-any-return]


class _SafeLoader(_Strict, yaml.SafeLoader):
    """The strict loader on PyYAML's pure-Python scanner and parser."""


def _fast_loader() -> type[_Strict] | None:
    """The strict loader on libyaml's scanner and parser (about ten times faster), if built.

    Only the events come from libyaml; composing nodes stays in Python so that the
    checks of :class:`_Strict` (aliases, depth) still see every node.
    """
    try:
        from yaml._yaml import CParser  # noqa: PLC0415 - libyaml is optional in PyYAML
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return None

    class FastLoader(
        _Strict,
        yaml.composer.Composer,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
        CParser,
    ):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    return FastLoader


_LOADER: type[_Strict] = _fast_loader() or _SafeLoader

C_NESTING_LIMIT = 5000
"""Files that could nest deeper than this are never composed by libyaml.

libyaml's composer (in PyYAML's C extension) recurses on the C stack: 20 000 levels were
seen to work and 100 000 to crash the interpreter, so only files whose count of nesting
indicators bounds their depth well below that take the fast path.
"""
# Every collection opens with one of these: a flow bracket, or a block indicator
# followed by a blank.  Their count bounds the depth of nesting from above.
_NESTING_INDICATOR = re.compile(r"[\[{]|[-?:](?=[ \t\r\n]|\Z)")


def _composed_loader() -> type[yaml.SafeLoader] | None:
    composed = getattr(yaml, "CSafeLoader", None)
    if composed is None:  # pragma: no cover - PyYAML built without libyaml
        return None
    return type("ComposedLoader", (_Strict, composed), {})


_COMPOSED = _composed_loader()


def _load_yaml(text: str) -> object:
    """Load *text* with the fastest loader that is safe for it.

    A file without anchors or aliases whose nesting is bounded is composed by libyaml
    and its depth checked afterwards; anything else goes through :data:`_LOADER`, which
    refuses aliases and deep nesting as it composes.
    """
    try:
        if _COMPOSED is None or "*" in text or "&" in text or not _shallow(text):
            # _LOADER constructs with SafeConstructor only: no Python objects from tags.
            return yaml.load(text, Loader=_LOADER)  # type: ignore[arg-type]
        return _load_composed(_COMPOSED, text)
    except yaml.YAMLError as error:
        if not _is_libyaml_depth_error(error):
            raise
    # libyaml 0.2.6 and later stop at their own nesting limit (1000) with their own words,
    # before cchc's check can speak.  The pure-Python parser has no such limit and composes
    # through _Strict, so it reports the same line as every other PyYAML: depth bounded by
    # MAX_DEPTH, at the node that crosses it.
    return yaml.load(text, Loader=_SafeLoader)


def _load_composed(loader_class: type[yaml.SafeLoader], text: str) -> object:
    """Compose *text* with libyaml, check its depth, then construct it in Python."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_depth(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _is_libyaml_depth_error(error: yaml.YAMLError) -> bool:
    """Whether *error* is libyaml's own nesting limit ("exceeded maximum nesting depth")."""
    problem = getattr(error, "problem", None) or str(error)
    return "nesting depth" in problem and "levels" not in problem


def _shallow(text: str) -> bool:
    for count, _ in enumerate(_NESTING_INDICATOR.finditer(text), start=1):
        if count > C_NESTING_LIMIT:
            return False
    return True


def _check_depth(root: yaml.Node) -> None:
    """Refuse a composed document nested deeper than :data:`MAX_DEPTH`, as _LOADER does."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nesting deeper than {MAX_DEPTH} levels", node.start_mark
            )
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))


def _yaml_message(error: yaml.YAMLError, text: str) -> tuple[str, str]:
    """A location and one-line message for a YAML error (libyaml's or PyYAML's wording)."""
    mark = getattr(error, "problem_mark", None)
    problem = _short_quotes(getattr(error, "problem", None) or str(error))
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "$"
    if "tab" in problem or "'\\t'" in problem:
        return where, "expected spaces for indentation, found a tab character"
    if match := _YAML_EXPECTED.fullmatch(problem):
        found = _found_at(text, mark) if match["found"] is None else match["found"]
        found = found.replace("'<stream end>'", "the end of the file")
        return where, f"expected {match['expected']} in YAML, found {found}"
    return where, f"expected valid YAML, found {problem.removeprefix('found ')}"


_YAML_EXPECTED = re.compile(
    r"(?:did not find )?expected (?P<expected>.+?)(?:,? but (?:found|got) (?P<found>.+))?"
)


# A quoted piece of the file in a parser's message: a key, a tag, an escape.
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_MAX_PROBLEM = 160


def _short_quotes(problem: str) -> str:
    """*problem* on one line, each quote of the file cut to :data:`MAX_QUOTE` characters.

    Parsers quote what they stumbled on, and the file may be anything (a secret, a binary
    named like a plan): a problem line shows a short excerpt of it, never a whole line.
    """
    first = problem.split("\n", 1)[0]
    first = _QUOTED.sub(lambda m: _shorten(m[0], m[0][0]), first)
    return first if len(first) <= _MAX_PROBLEM else first[: _MAX_PROBLEM - 3] + "..."


def _shorten(quoted: str, mark: str) -> str:
    return quoted if len(quoted) <= MAX_QUOTE else quoted[: MAX_QUOTE - 4] + "..." + mark


def _quote(value: object) -> str:
    """``repr(value)`` cut to :data:`MAX_QUOTE` characters."""
    quoted = repr(value)
    return _shorten(quoted, quoted[-1])


def _found_at(text: str, mark: yaml.Mark | None) -> str:
    """Describe what stands at *mark* in *text*: a character, or the end of a line or file."""
    if mark is None:
        return "something else"
    lines = text.split("\n")
    if mark.line >= len(lines) or (mark.line == len(lines) - 1 and mark.column >= len(lines[-1])):
        return "the end of the file"
    line = lines[mark.line]
    return repr(line[mark.column]) if mark.column < len(line) else "the end of the line"


def _parse(text: str, suffix: str, problems: _Problems) -> object:
    """Parse *text* as JSON or YAML; on failure record a problem and return None."""
    if suffix == ".json":
        if (deep := _json_too_deep(text)) is not None:
            problems.add(deep, f"expected valid JSON, found nesting deeper than {MAX_DEPTH} levels")
            return None
        try:
            # Numbers stay the characters written, as in YAML, and NaN and the infinities
            # (which Python's json reads though JSON has no such values) are marked so that
            # the field holding one reports it.  Nothing converts a number here, so a number
            # of thousands of digits costs nothing.
            return json.loads(
                text,
                object_pairs_hook=_json_pairs,
                parse_int=Numeral,
                parse_float=Numeral,
                parse_constant=JsonConstant,
            )
        except json.JSONDecodeError as error:
            problems.add(
                f"line {error.lineno}, column {error.colno}", f"expected valid JSON, {error.msg}"
            )
        except _DuplicateKeyError as error:
            problems.add("$", f"duplicate key {_quote(error.args[0])}")
        except RecursionError:
            problems.add("$", "nesting too deep")
        return None
    try:
        return _load_yaml(text)
    except yaml.YAMLError as error:
        problems.add(*_yaml_message(error, text))
    except RecursionError:
        problems.add("$", f"nesting deeper than {MAX_DEPTH} levels")
    except ValueError as error:
        problems.add("$", f"expected valid YAML values, found {error}")
    return None


# A JSON string (its closing quote optional, so that an unclosed string hides no brackets),
# or a bracket that opens or closes an array or an object.
_JSON_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"?'
_JSON_TOKEN = re.compile(rf"{_JSON_STRING}|[\[\]{{}}]", re.DOTALL)
_JSON_STRINGS = re.compile(_JSON_STRING, re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


def _json_too_deep(text: str) -> str | None:
    """Where *text* first nests deeper than :data:`MAX_DEPTH`, as ``line L, column C``.

    A bracket count outside strings, without recursion: deeper JSON is refused before
    :func:`json.loads` and cchc's own walks over the value could recurse that deep.  The
    regular expressions drop strings and everything but brackets at C speed; only a file
    found too deep is scanned again, token by token, for the place to report.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for bracket in _NOT_BRACKETS.sub("", _JSON_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_DEPTH:
            break
    else:
        return None
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        first = token[0][0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                start = token.start()
                line = text.count("\n", 0, start) + 1
                column = start - (text.rfind("\n", 0, start) + 1) + 1
                return f"line {line}, column {column}"
        elif first in "]}":
            depth -= 1
    return "$"  # pragma: no cover - both scans count the same brackets


class _DuplicateKeyError(ValueError):
    pass


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _read_text(path: Path, problems: _Problems) -> str | None:
    """Read a regular file as UTF-8 text, recording why it cannot be read.

    *path* is never a symbolic link here: links are resolved and checked first
    (:func:`_resolve_link`), so one swapped in afterwards is refused, not followed.
    """
    try:
        data = read_bounded(path, MAX_FILE_BYTES, what="a plan file", follow_symlinks=False)
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
            f"line {line}, column {column}",
            "expected UTF-8 text, found a byte that is not UTF-8 (legacy Vietnamese "
            "encodings such as TCVN3 or VNI, or Windows-1258, must be converted to UTF-8)",
        )
        return None
    if text.startswith("\ufeff"):
        problems.add("$", "a byte-order mark at the start was ignored", Severity.WARNING)
        text = text[1:]
    return text


def _structure(data: object, cls: type[Any], problems: _Problems) -> Any:
    try:
        return CONVERTER.structure(data, cls)
    except Exception as error:
        for path, message in error_lines(error):
            problems.add(path, message)
        return None


def _load_file(
    path: Path, label: str, source: Path | None = None
) -> tuple[list[Plan], list[Unit], list[Problem]]:
    """Read one file: a plan, or a unit registry.

    *path* is the name the user sees (its suffix says YAML or JSON); *source*, when given,
    the real file a symbolic link of that name leads to.
    """
    problems = _Problems(label)
    text = _read_text(path if source is None else source, problems)
    if text is None:
        return [], [], problems.items
    if not text.strip():
        problems.add("$", "expected a plan (a mapping of fields), found an empty file")
        return [], [], problems.items
    data = _parse(text, path.suffix.lower(), problems)
    if problems.has_errors:
        return [], [], problems.items
    data, changed = normalise_text(data)
    if changed:
        problems.add(
            "$",
            f"{changed} text value(s) were not in Unicode NFC and were normalised",
            Severity.WARNING,
        )
    if not isinstance(data, dict):
        problems.add("$", f"expected a mapping of fields, found {_kind(data)}")
        return [], [], problems.items
    if path.stem.lower() == UNIT_REGISTRY_STEM:
        registry = _structure(data, _UnitRegistry, problems)
        return [], list(registry.units) if registry else [], problems.items
    plan = _structure(data, Plan, problems)
    return [plan] if plan is not None else [], [], problems.items


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


@attrs.frozen
class _Entry:
    """A plan file found in a corpus, or what was found instead of one."""

    path: Path
    """The name as found under the corpus folder (what problem lines name)."""
    source: Path | None = None
    """The real file, when *path* is a symbolic link that stays inside the corpus."""
    problem: str | None = None
    """Why *path* is not read: a link leading outside, a folder that cannot be listed."""


_OUTSIDE = "found a symbolic link that leads outside it (not followed)"


@attrs.frozen
class _Link:
    """Where a symbolic link leads: a real path inside the corpus, or why it is not followed."""

    target: Path | None
    problem: str | None
    folder: bool


def _resolve_link(link: Path, top: Path) -> _Link:
    """Where *link* really leads, if inside *top*; else why it is not followed.

    Nothing of the target is read, and the problem names only the link: a link to a
    secret outside the corpus must not have any of it echoed in a problem line.
    """
    try:
        real = Path(os.path.realpath(link, strict=True))
    except OSError as error:
        return _Link(None, f"cannot read the file: {error.strerror or error}", folder=False)
    folder = real.is_dir()
    if real != top and not real.is_relative_to(top):
        kind = "a folder" if folder else "a file"
        return _Link(None, f"expected {kind} inside the corpus folder, {_OUTSIDE}", folder)
    return _Link(real, None, folder)


def _corpus_files(root: Path) -> list[_Entry]:
    """Plan files below the folder *root*, in sorted order, skipping hidden and ``_`` names.

    The walk is iterative (a tree 1,000 folders deep is fine), visits each folder once
    (symbolic link loops end), follows a symbolic link only when it stays inside *root*,
    and records a folder that cannot be listed instead of skipping it.
    """
    top = Path(os.path.realpath(root))
    seen: set[tuple[int, int]] = set()
    found: list[_Entry] = []

    def listing(folder: Path, real: Path) -> list[os.DirEntry[str]] | None:
        try:
            info = os.stat(real)
            if (info.st_dev, info.st_ino) in seen:
                return []
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(real) as scan:
                return sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            problem = f"cannot read the folder: {error.strerror or error}"
            found.append(_Entry(folder, problem=problem))
            return None

    # Per open folder: its name as found, its real path and the entries left to visit, so
    # that depth costs a list entry, not a stack frame.
    stack: list[tuple[Path, Path, list[os.DirEntry[str]]]] = []
    entries = listing(root, root)
    if entries is not None:
        stack.append((root, root, entries[::-1]))
    while stack:
        folder, real_folder, pending = stack[-1]
        if not pending:
            stack.pop()
            continue
        entry = pending.pop()
        if entry.name.startswith((".", "_")):
            continue
        path, real = folder / entry.name, real_folder / entry.name
        plan_like = Path(entry.name).suffix.lower() in PLAN_SUFFIXES
        if entry.is_symlink():
            link = _resolve_link(real, top)
            if link.target is not None and link.folder:
                folder_entries = listing(path, link.target)
                if folder_entries is not None:
                    stack.append((path, link.target, folder_entries[::-1]))
            elif plan_like or link.folder:
                found.append(_Entry(path, source=link.target, problem=link.problem))
        elif _is_folder(entry):
            folder_entries = listing(path, real)
            if folder_entries is not None:
                stack.append((path, real, folder_entries[::-1]))
        elif plan_like:
            found.append(_Entry(path, source=None if real == path else real))
    return found


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _single_file(path: Path) -> _Entry:
    """A plan file named on its own: a symbolic link must stay inside its own folder."""
    if not path.is_symlink():
        return _Entry(path)
    link = _resolve_link(path, Path(os.path.realpath(path.parent)))
    return _Entry(path, source=link.target, problem=link.problem)


def _load_entry(
    entry: _Entry, label: str | None = None
) -> tuple[list[Plan], list[Unit], list[Problem]]:
    label = str(entry.path) if label is None else label
    if entry.problem is not None:
        return [], [], [Problem(file=label, path="$", message=entry.problem)]
    return _load_file(entry.path, label, entry.source)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read one plan file; raise :class:`CorpusError` with every problem it has."""
    plans, _, problems = _load_entry(_single_file(Path(path)), str(path))
    if not plans or any(p.severity is Severity.ERROR for p in problems):
        raise CorpusError(tuple(problems))
    return plans[0]


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
    root = Path(path)
    try:
        exists, is_folder = root.exists(), root.is_dir()
    except OSError:
        exists, is_folder = True, False  # read_bounded says why it cannot be read
    if not exists:
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
    files = _corpus_files(root) if is_folder else [_single_file(root)]
    plans: list[Plan] = []
    problems: list[Problem] = []
    files_of: dict[str, str] = {}
    declared: dict[str, tuple[Unit, str]] = {}
    for done, file in enumerate(files, start=1):
        label = str(file.path)
        file_plans, units, file_problems = _load_entry(file)
        problems.extend(file_problems)
        for plan in file_plans:
            if plan.key in files_of:
                problems.append(
                    Problem(
                        file=label,
                        path="$.key",
                        message=f"expected a key unique in the corpus, found {plan.key!r} "
                        f"already used by {files_of[plan.key]}",
                    )
                )
                continue
            files_of[plan.key] = label
            plans.append(plan)
            units.extend(plan.units)
        for unit in units:
            _declare(unit, label, declared, problems)
        if progress is not None:
            progress(done, len(files))
    if not files:
        problems.append(
            Problem(file=str(path), path="$", message="expected plan files, found none")
        )
    if any(p.severity is Severity.ERROR for p in problems):
        raise CorpusError(tuple(problems))
    return Corpus(
        plans=tuple(plans),
        units={code: unit for code, (unit, _) in declared.items()},
        files=files_of,
        problems=tuple(problems),
    )


def _declare(
    unit: Unit, label: str, declared: dict[str, tuple[Unit, str]], problems: list[Problem]
) -> None:
    """Record a unit declaration; the same code must always declare the same unit."""
    previous = declared.get(unit.code)
    if previous is None:
        declared[unit.code] = (unit, label)
    elif previous[0] != unit:
        problems.append(
            Problem(
                file=label,
                path="$.units",
                message=f"expected unit {unit.code!r} to be declared as in {previous[1]}, "
                "found a different declaration",
            )
        )


# -- writing ---------------------------------------------------------------------------


def dumps_plan(plan: Plan, *, fmt: str = "yaml") -> str:
    """The plan as YAML (default) or JSON text, keys in the model's field order."""
    data = CONVERTER.unstructure(plan, Plan)
    if fmt == "json":
        dumped = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        return escape_json(dumped) + "\n"
    if fmt != "yaml":
        raise CchcError(f"format: expected 'yaml' or 'json', got {fmt!r}")
    stream = io.StringIO()
    yaml.dump(
        data,
        stream,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return stream.getvalue()


class _Dumper(yaml.SafeDumper):
    r"""Indents lists under their key, which reads better for nested plan items.

    Text holding a control, bidirectional or separator character (see
    :mod:`cchc._visible`) is written double-quoted with escapes (``"\u202E"``), so the
    file reads back the same and, printed on a terminal (``derive`` without ``-o``),
    drives nothing; PyYAML alone would write bidirectional controls raw.
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def analyze_scalar(self, scalar: str) -> Any:
        analysis = super().analyze_scalar(scalar)
        if not is_visible(scalar, multiline=True):
            analysis.allow_flow_plain = analysis.allow_block_plain = False
            analysis.allow_single_quoted = analysis.allow_block = False
        return analysis

    def write_double_quoted(self, text: str, split: bool = True) -> None:
        if is_visible(text, multiline=True):
            super().write_double_quoted(text, split)
            return
        self.allow_unicode = False  # escape every character beyond ASCII in this scalar
        try:
            super().write_double_quoted(text, split)
        finally:
            self.allow_unicode = True


def dump_plan(plan: Plan, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write *plan* to *path* atomically; refuse to overwrite an existing file unless *force*.

    The format follows the suffix (``.json`` or YAML).  Writing follows the rules of
    :mod:`cchc.files._write`: half a plan is never seen, missing folders are created, and with
    *force* only a regular file is replaced.  Raises :class:`~cchc.files._write.WriteError`
    (a :class:`CchcError`) naming *path* when the plan cannot or must not be written.
    """
    fmt = "json" if Path(os.fspath(path)).suffix.lower() == ".json" else "yaml"
    return write_text(path, dumps_plan(plan, fmt=fmt), force=force)
