"""The YAML schema of plan files: how unquoted scalars are typed, and which tags are allowed.

YAML 1.1, which PyYAML follows, reads ``06`` as 6, ``010`` as 8, ``1:30`` as 90, ``0x1F``,
``0b101`` and ``1_000`` as numbers, ``.inf`` and ``.nan`` as floats, ``yes``, ``no``,
``on`` and ``off`` as true and false, and ``2024-02-08`` as a date: what the user wrote
would be silently rewritten.  Plan files follow the YAML 1.2 core schema for null
(``~``, ``null``, nothing) and booleans (``true``, ``false``) and keep every other scalar
as the characters written.  Plain decimal numbers (``06``, ``-1``, ``99.5``) become a
:class:`~cchc.files._values.Numeral`, which the converter reads as a number where a number
belongs and as text where text belongs; dates stay text, so that cchc reads them and
reports an impossible date such as ``2024-02-31`` with its field path.

Tags that would bring YAML 1.1 typing back (``!!int 010``, ``!!float .inf``,
``!!timestamp``, ``!!binary``, ``!!set``) or build objects are refused; ``!!str`` stays,
as the standard way to say "this is text".  Both tables are PyYAML's own format
(``yaml_implicit_resolvers`` and ``yaml_constructors``).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from cchc.files._values import Numeral

__all__ = ["BOOLS", "CONSTRUCTORS", "IMPLICIT_RESOLVERS", "NULLS", "NUMERAL_TAG"]

NUMERAL_TAG = "tag:cchc,2024:numeral"
"""The tag of an unquoted plain decimal number, kept as written."""

_YAML = "tag:yaml.org,2002:"
NULLS = ("~", "null", "Null", "NULL", "")
"""The ways to write null."""
BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
"""The ways to write true and false."""

Resolvers = dict[str | None, list[tuple[str, re.Pattern[str]]]]


def _resolvers() -> Resolvers:
    table: Resolvers = {}
    rules = (
        (_YAML + "null", r"(?:~|null|Null|NULL|)\Z", "~nN", True),
        (_YAML + "bool", r"(?:true|True|TRUE|false|False|FALSE)\Z", "tTfF", False),
        (NUMERAL_TAG, r"-?[0-9]+(?:\.[0-9]+)?\Z", "-0123456789", False),
    )
    for tag, pattern, firsts, empty in rules:
        regexp = re.compile(pattern)
        # PyYAML looks resolvers up by the scalar's first character ('' for an empty one).
        for first in [*firsts, ""] if empty else firsts:
            table.setdefault(first, []).append((tag, regexp))
    return table


IMPLICIT_RESOLVERS: Resolvers = _resolvers()
"""How a plain scalar is typed, by its first character: null, true/false, a numeral, or text."""


def _refuse(problem: str, node: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, node.start_mark)


def _tag_name(tag: str) -> str:
    name = "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag
    return repr(name if len(name) <= 40 else name[:37] + "...")


def _scalar(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _refuse(f"{_tag_name(node.tag)} on something that is not a single value", node)
    return str(node.value)


def _construct_null(loader: Any, node: yaml.Node) -> None:
    if _scalar(node) not in NULLS:
        raise _refuse("!!null on a value that is not null or ~", node)


def _construct_bool(loader: Any, node: yaml.Node) -> bool:
    value = _scalar(node)
    if value not in BOOLS:
        raise _refuse("!!bool on a value that is not true or false", node)
    return BOOLS[value]


def _construct_numeral(loader: Any, node: yaml.Node) -> Numeral:
    return Numeral(_scalar(node))


def _construct_other(loader: Any, node: yaml.Node) -> None:
    raise _refuse(f"the tag {_tag_name(node.tag)}; plan files use no tags but !!str", node)


_SAFE = yaml.constructor.SafeConstructor

CONSTRUCTORS: dict[str | None, Any] = {
    _YAML + "null": _construct_null,
    _YAML + "bool": _construct_bool,
    _YAML + "str": _SAFE.construct_yaml_str,
    _YAML + "seq": _SAFE.construct_yaml_seq,
    _YAML + "map": _SAFE.construct_yaml_map,
    NUMERAL_TAG: _construct_numeral,
    None: _construct_other,
}
"""What each tag is built into; any other tag (the ``None`` entry) is refused."""
