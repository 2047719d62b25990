"""The YAML of plan files: strict loaders, libyaml's fast paths, and YAML errors in words.

cchc reads YAML with PyYAML's safe loading and adds what it lacks for untrusted files: no
anchors or aliases, no duplicate keys, nesting at most :data:`~cchc.files._values.MAX_DEPTH`
deep, and the scalar typing of :mod:`cchc.files._yaml_schema`.  libyaml parses (and, for
files it can safely compose, composes) when PyYAML was built with it; resolving and
constructing stay in Python, constructing in one pass for the plain files most are.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from cchc.exceptions import TextPosition
from cchc.files._values import MAX_DEPTH, Numeral, shorten
from cchc.files._yaml_schema import BOOLS, CONSTRUCTORS, IMPLICIT_RESOLVERS, NULLS, NUMERAL_TAG

__all__ = ["C_NESTING_LIMIT", "load_yaml", "yaml_message"]


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


def _resolve(self: Any, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of a node libyaml composed: :meth:`yaml.resolver.BaseResolver.resolve`, short.

    The same answer for the tables of :mod:`cchc.files._yaml_schema`, which have no
    wildcard and no path resolvers: libyaml calls this once a node, in Python.
    """
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in IMPLICIT_RESOLVERS.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


def _composed_loader() -> type[yaml.SafeLoader] | None:
    composed = getattr(yaml, "CSafeLoader", None)
    if composed is None:  # pragma: no cover - PyYAML built without libyaml
        return None
    return type("ComposedLoader", (_Strict, composed), {"resolve": _resolve})


_COMPOSED = _composed_loader()


def load_yaml(text: str) -> object:
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
    """Compose *text* with libyaml, then build it, checking its depth as it goes.

    :func:`_build` makes the values of a plain file in one pass; a file it finds anything
    unusual in (a tag, a duplicate or complex key, deep nesting) is built again by PyYAML's
    constructor after :func:`_check_depth`, which say what is wrong in their own words.
    """
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(node, 1)
        except _UnusualNodeError:
            pass
        _check_depth(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


_YAML_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _YAML_TAG + "str", _YAML_TAG + "seq", _YAML_TAG + "map"
_NULL, _BOOL = _YAML_TAG + "null", _YAML_TAG + "bool"


class _UnusualNodeError(Exception):
    """A document :func:`_build` leaves to PyYAML's constructor and its messages."""


def _build(node: yaml.Node, depth: int) -> object:
    """The value of *node* (at nesting *depth*) as PyYAML's safe constructor makes it.

    Only the untagged values of the plan-file schema (:mod:`cchc.files._yaml_schema`) are
    built here; a tag, a key that is a collection or comes twice, or nesting deeper than
    :data:`MAX_DEPTH` raise :class:`_UnusualNodeError`.  The recursion is bounded by that depth.
    """
    if depth > MAX_DEPTH:
        raise _UnusualNodeError
    kind, tag = type(node), node.tag
    if kind is yaml.ScalarNode:
        value = node.value
        if tag == _STR:
            return value
        if tag == NUMERAL_TAG:
            return Numeral(value)
        if tag == _NULL and value in NULLS:
            return None
        if tag == _BOOL and value in BOOLS:
            return BOOLS[value]
    elif kind is yaml.SequenceNode and tag == _SEQ:
        return [_build(child, depth + 1) for child in node.value]
    elif kind is yaml.MappingNode and tag == _MAP:
        mapping: dict[object, object] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _UnusualNodeError
            key = _build(key_node, depth + 1)
            if key in mapping:
                raise _UnusualNodeError
            mapping[key] = _build(value_node, depth + 1)
        return mapping
    raise _UnusualNodeError


def _is_libyaml_depth_error(error: yaml.YAMLError) -> bool:
    """Whether *error* is libyaml's own nesting limit ("exceeded maximum nesting depth")."""
    problem = getattr(error, "problem", None) or str(error)
    return "nesting depth" in problem and "levels" not in problem


def _shallow(text: str) -> bool:
    r"""Whether *text* surely nests at most :data:`C_NESTING_LIMIT` deep (safe for libyaml).

    Few nesting indicators bound the depth at once.  A long file (a unit registry, 10,000
    records) has many more indicators than levels, so its depth is bounded line by line
    instead.  A block collection nested in another is indented further, but for a sequence
    that is a mapping's value (``key:`` then ``- item`` at the same column): the block
    collections open before a line number at most two per column of its indentation, plus
    two; those opened on the line at most one per two of its other characters (an indicator
    and its blank); flow collections, which may span lines, at most the brackets of the
    whole text.  So twice the longest line plus four, plus the brackets, bounds the depth.
    Lines are split at ``\n`` only: a line break YAML sees that this does not only makes
    the bound larger.
    """
    count = 0
    for count, _ in enumerate(_NESTING_INDICATOR.finditer(text), start=1):
        if count > C_NESTING_LIMIT:
            break
    if count <= C_NESTING_LIMIT:
        return True
    brackets = text.count("[") + text.count("{")
    longest = max(map(len, text.split("\n")))
    return 2 * longest + 4 + brackets <= C_NESTING_LIMIT


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


def yaml_message(error: yaml.YAMLError, text: str) -> tuple[TextPosition | None, str]:
    """Where a YAML error is (None: nowhere known) and a one-line message for it.

    The message is worded alike whether libyaml's or PyYAML's parser met the error.
    """
    mark = getattr(error, "problem_mark", None)
    problem = _short_quotes(getattr(error, "problem", None) or str(error))
    where = TextPosition(mark.line + 1, mark.column + 1) if mark else None
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
    first = _QUOTED.sub(lambda m: shorten(m[0], m[0][0]), first)
    return first if len(first) <= _MAX_PROBLEM else first[: _MAX_PROBLEM - 3] + "..."


def _found_at(text: str, mark: yaml.Mark | None) -> str:
    """Describe what stands at *mark* in *text*: a character, or the end of a line or file."""
    if mark is None:
        return "something else"
    lines = text.split("\n")
    if mark.line >= len(lines) or (mark.line == len(lines) - 1 and mark.column >= len(lines[-1])):
        return "the end of the file"
    line = lines[mark.line]
    return repr(line[mark.column]) if mark.column < len(line) else "the end of the line"
