"""Recording the parent items' fingerprints in the links of plan files, editing nothing else.

``links refresh`` writes, into each ``inherits`` link whose parent item exists, the item's
fingerprint and text as they are now (:mod:`cchc.model._fingerprint`): a person has looked,
and the link is checked again from here on.  The file is edited in place, not dumped again:
its comments, key order, quoting and line breaks are the author's, so only the characters
of the links that change are replaced, at the positions a YAML parser gives for them
(JSON is YAML, so a JSON plan file is edited the same way, in JSON syntax).

Every edit is checked before anything is written: the edited text must read back as the
same plan with exactly the new links.  A file that cannot be edited so (a link written as a
block scalar, a file that is not UTF-8 or not NFC, a parser that sees the file otherwise
than cchc's loader) is refused with :class:`RelinkError`, naming why; nothing is written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence

import attrs
import yaml

from cchc.exceptions import CchcError
from cchc.files._convert import CONVERTER, DATA_ERRORS
from cchc.files._json import json_too_deep, load_json
from cchc.files._values import normalise_text
from cchc.files._yaml import load_yaml
from cchc.model._corpus import Corpus
from cchc.model._fingerprint import fingerprint
from cchc.model._items import ItemLink
from cchc.model._plan import Plan

__all__ = ["LinkChange", "RelinkError", "link_changes", "relinked_text"]

_ITEM_FIELDS = ("objectives", "requirements", "tasks", "channels", "indicators")
"""The lists of a plan file that hold items with links, in the file format's order."""


class RelinkError(CchcError):
    """A plan file whose links cannot be edited safely; :attr:`reason` says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@attrs.frozen(kw_only=True)
class LinkChange:
    """One link of a child plan to record the parent item's fingerprint and text in."""

    plan: str
    """Key of the child plan."""
    field: str
    """The list of the plan the child item is in (``tasks``, ``objectives`` ...)."""
    index: int
    """The child item's place in that list, from 0."""
    item: str
    """The child item's id."""
    position: int
    """The link's place in the item's ``inherits``, from 0."""
    old: ItemLink
    """The link as the file has it."""
    new: ItemLink
    """The link with the parent item's fingerprint and text now."""

    @property
    def path(self) -> str:
        """Where the link stands in its file: ``$.tasks[3].inherits[0]``."""
        return f"$.{self.field}[{self.index}].inherits[{self.position}]"

    @property
    def suspect(self) -> bool:
        """True when the link recorded another fingerprint: its parent item changed since."""
        return self.old.fingerprint is not None and self.old.fingerprint != self.new.fingerprint


def link_changes(corpus: Corpus, plan: str | None = None) -> tuple[LinkChange, ...]:
    """The links of *corpus* (of plan *plan* only) whose record of the parent item is not current.

    A link is changed when its parent item exists and the link records no fingerprint, or
    another one, or another text; links to items or plans the corpus lacks are left alone
    (``validate`` reports them).
    """
    changes: list[LinkChange] = []
    prints: dict[tuple[str, str], str] = {}
    for child in corpus.plans:
        if plan is not None and child.key != plan:
            continue
        for field in _ITEM_FIELDS:
            for index, item in enumerate(getattr(child, field)):
                for position, link in enumerate(item.inherits):
                    parent = corpus.get(link.plan)
                    target = None if parent is None else parent.item(link.item)
                    if target is None:
                        continue
                    key = (link.plan, link.item)
                    now = prints.get(key)
                    if now is None:
                        now = prints[key] = fingerprint(target)
                    if link.fingerprint == now and link.text == target.text:
                        continue
                    changes.append(
                        LinkChange(
                            plan=child.key,
                            field=field,
                            index=index,
                            item=item.id,
                            position=position,
                            old=link,
                            new=attrs.evolve(link, fingerprint=now, text=target.text),
                        )
                    )
    return tuple(changes)


def relinked_text(text: str, suffix: str, plan: Plan, changes: Sequence[LinkChange]) -> str:
    """*text*, the plan file of *plan*, with the links of *changes* written anew.

    *suffix* is the file's (``.json`` or a YAML one).  Raises :class:`RelinkError` when
    the file cannot be edited safely; the text returned reads back as *plan* with exactly
    the new links.
    """
    is_json = suffix.lower() == ".json"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    read = _read_plan(body, is_json)
    if read is None:
        raise RelinkError(
            "the file does not read as a plan with all its text in Unicode NFC "
            "(validate says why); save it in NFC first"
        )
    if read != plan:
        raise RelinkError("the file changed since it was read; run the command again")
    newline = "\r\n" if "\r\n" in body else "\n"
    try:
        root = yaml.compose(body, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        raise RelinkError("its links cannot be located by a YAML parser") from None
    if root is None:
        raise RelinkError("its links cannot be located by a YAML parser")
    edits: list[tuple[int, int, str]] = []
    by_item: dict[tuple[str, int], list[LinkChange]] = {}
    for change in changes:
        by_item.setdefault((change.field, change.index), []).append(change)
    for (field, index), of_item in by_item.items():
        item = _member(_value(root, field), index)
        unfolded = None if is_json else _unfolded(body, item, of_item, newline)
        if unfolded is not None:
            edits.append(unfolded)
            continue
        for change in of_item:
            entry = _entry(root, change)
            edits.extend(_edits(body, entry, change.new, is_json=is_json, newline=newline))
    edited = _apply(body, edits)
    if _read_plan(edited, is_json) != _expected(plan, changes):
        raise RelinkError("the edited file would not read back as the same plan with new links")
    return bom + edited


def _read_plan(text: str, is_json: bool) -> Plan | None:
    """*text* read as cchc's loader reads a plan file; None when it does not read as one."""
    try:
        if is_json:
            if json_too_deep(text) is not None:
                return None
            data = load_json(text)
        else:
            data = load_yaml(text)
        data, changed = normalise_text(data)
        if changed:
            return None  # text not in NFC: the loader normalised what a byte edit cannot keep
        plan: Plan = CONVERTER.structure(data, Plan)
    except (ValueError, RecursionError, yaml.YAMLError, *DATA_ERRORS):
        return None
    return plan


def _expected(plan: Plan, changes: Sequence[LinkChange]) -> Plan:
    """*plan* with the new links of *changes*."""
    lists: dict[str, list[object]] = {}
    for change in changes:
        items = lists.setdefault(change.field, list(getattr(plan, change.field)))
        item = items[change.index]
        links = list(item.inherits)  # type: ignore[attr-defined]
        links[change.position] = change.new
        items[change.index] = attrs.evolve(item, inherits=tuple(links))  # type: ignore[misc]
    return attrs.evolve(plan, **{k: tuple(v) for k, v in lists.items()})  # type: ignore[arg-type]


def _value(mapping: yaml.Node, key: str) -> yaml.Node | None:
    """The value of *key* in the mapping node *mapping*, or None."""
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            found: yaml.Node = value_node
            return found
    return None


def _member(sequence: yaml.Node | None, index: int) -> yaml.Node | None:
    if not isinstance(sequence, yaml.SequenceNode) or index >= len(sequence.value):
        return None
    member: yaml.Node = sequence.value[index]
    return member


def _entry(root: yaml.Node, change: LinkChange) -> yaml.Node:
    """The node of the link *change* replaces, checked to be that link."""
    item = _member(_value(root, change.field), change.index)
    entry = None if item is None else _member(_value(item, "inherits"), change.position)
    return _entry_checked(entry, change)


def _entry_checked(entry: yaml.Node | None, change: LinkChange) -> yaml.Node:
    """*entry*, checked to be the link *change* replaces."""
    target = _value(entry, "to") if isinstance(entry, yaml.MappingNode) else entry
    if entry is None or not isinstance(target, yaml.ScalarNode) or target.value != str(change.old):
        raise RelinkError(f"{change.path}: the link {change.old} is not where the file says")
    return entry


# Characters a double-quoted scalar must escape: YAML folds a raw line or paragraph
# separator as a line break, and the others would drive a terminal showing the file.
_ESCAPED = re.compile("[\u0085\u2028\u2029\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _quoted(text: str) -> str:
    """*text* as a double-quoted scalar that JSON and YAML read alike."""
    written = json.dumps(text, ensure_ascii=False)
    written = _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", written)
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cs") else c for c in written
    )


_SAFE_PLAIN_PRINT = re.compile("[0-9a-f]*[a-df][0-9a-f]*")
"""A fingerprint that no YAML resolver reads as a number (it holds a letter other than e)."""


def _print(value: str, is_json: bool) -> str:
    return value if not is_json and _SAFE_PLAIN_PRINT.fullmatch(value) else _quoted(value)


def _fields(link: ItemLink, *, is_json: bool) -> Iterator[tuple[str, str]]:
    """The fields of *link* as written: name and written value, in the file format's order."""
    yield "to", _quoted(str(link)) if is_json else str(link)
    if link.editorial:
        yield "editorial", "true"
    if link.text is not None:
        yield "text", _quoted(link.text)
    if link.fingerprint is not None:
        yield "fingerprint", _print(link.fingerprint, is_json)


def _key(name: str, is_json: bool) -> str:
    return f'"{name}"' if is_json else name


def _unfolded(
    body: str, item: yaml.Node | None, changes: Sequence[LinkChange], newline: str
) -> tuple[int, int, str] | None:
    """``inherits: [a, b]`` of a block item written as a block list, the changed links in full.

    A link with its parent's text is too long for one line: a flow list of one line in a
    block item becomes the block list ``derive`` writes, every other entry as written.
    None when the list is not such a list (it is then edited entry by entry).
    """
    if not isinstance(item, yaml.MappingNode) or item.flow_style:
        return None
    key = next((k for k, _ in item.value if getattr(k, "value", None) == "inherits"), None)
    links = _value(item, "inherits")
    if key is None or not isinstance(links, yaml.SequenceNode) or not links.flow_style:
        return None
    start, end = links.start_mark.index, links.end_mark.index
    if "\n" in body[start:end] or start == end:
        return None
    new = {change.position: change for change in changes}
    indent = newline + " " * (key.start_mark.column + 2)
    lines: list[str] = []
    for position, entry in enumerate(links.value):
        change = new.get(position)
        if change is None:
            lines.append(body[entry.start_mark.index : entry.end_mark.index])
            continue
        _entry_checked(entry, change)
        fields = _fields(change.new, is_json=False)
        lines.append((indent + "  ").join(f"{name}: {value}" for name, value in fields))
    while start > 0 and body[start - 1] == " ":
        start -= 1
    return start, end, "".join(f"{indent}- {line}" for line in lines)


def _edits(
    body: str, entry: yaml.Node, link: ItemLink, *, is_json: bool, newline: str
) -> list[tuple[int, int, str]]:
    """The replacements (start, end, text) that write *link* over the node *entry*."""
    start, end = entry.start_mark.index, entry.end_mark.index
    fields = list(_fields(link, is_json=is_json))
    if isinstance(entry, yaml.ScalarNode) or getattr(entry, "flow_style", False):
        line_start = body.rfind("\n", 0, start) + 1
        if (
            not is_json
            and isinstance(entry, yaml.ScalarNode)
            and body[line_start:start].strip() == "-"
        ):
            # A block list entry "- plan#item" becomes a block mapping aligned under it.
            indent = newline + " " * (start - line_start)
            written = indent.join(f"{name}: {value}" for name, value in fields)
        else:
            written = "{" + ", ".join(f"{_key(n, is_json)}: {v}" for n, v in fields) + "}"
        return [(start, end, written)]
    return _block_edits(body, entry, dict(fields), newline)


def _block_edits(
    body: str, entry: yaml.Node, fields: Mapping[str, str], newline: str
) -> list[tuple[int, int, str]]:
    """Replace or add the text and fingerprint of a link written as a block mapping."""
    pairs = entry.value
    for _, value in pairs:
        if not isinstance(value, yaml.ScalarNode) or value.style in ("|", ">"):
            raise RelinkError(
                "a link written over several lines as a block scalar (| or >) or holding a "
                "list cannot be edited safely; write it as {to: ..., ...} on one line"
            )
    edits: list[tuple[int, int, str]] = []
    missing: list[str] = []
    for name in ("text", "fingerprint"):
        node = _value(entry, name)
        if node is None:
            missing.append(name)
        else:
            edits.append((node.start_mark.index, node.end_mark.index, fields[name]))
    if missing:
        first_key = pairs[0][0]
        indent = " " * first_key.start_mark.column
        last = pairs[-1][1].end_mark.index
        line_end = body.find("\n", last)
        at = len(body) if line_end < 0 else line_end
        if at > 0 and body[at - 1] == "\r":
            at -= 1
        added = "".join(f"{newline}{indent}{name}: {fields[name]}" for name in missing)
        edits.append((at, at, added))
    return edits


def _apply(body: str, edits: list[tuple[int, int, str]]) -> str:
    """*body* with *edits* made, from the last to the first; overlapping edits are refused."""
    result = body
    bound = len(body) + 1
    for start, end, written in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        if end > bound:
            raise RelinkError("two links overlap in the file")
        result = result[:start] + written + result[end:]
        bound = start
    return result
