"""Writing plans and records back: YAML or JSON text, keys in the model's order, one writer."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from cchc._visible import is_visible
from cchc.exceptions import CchcError
from cchc.files._convert import CONVERTER
from cchc.files._json import dumps_indented
from cchc.files._write import write_text
from cchc.model._plan import Plan
from cchc.model._records import Record

__all__ = ["dump_plan", "dumps_plan", "dumps_records"]


def dumps_plan(plan: Plan, *, fmt: str = "yaml") -> str:
    """The plan as YAML (default) or JSON text, keys in the model's field order."""
    data = CONVERTER.unstructure(plan, Plan)
    if fmt == "json":
        return dumps_indented(data, default=str) + "\n"
    if fmt != "yaml":
        raise CchcError(f"format: expected 'yaml' or 'json', got {fmt!r}")
    return _yaml(data)


def dumps_records(records: Iterable[Record], *, header: str = "", fmt: str = "yaml") -> str:
    """A record file's YAML text (``records:`` and the list), after the comment *header*.

    With *fmt* ``json``, the same document as JSON, which has no comments: *header* is left out.
    """
    data = {"records": [CONVERTER.unstructure(r, Record) for r in records]}
    if fmt == "json":
        return dumps_indented(data, default=str) + "\n"
    if fmt != "yaml":
        raise CchcError(f"format: expected 'yaml' or 'json', got {fmt!r}")
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comment + _yaml(data)


def _yaml(data: Any) -> str:
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
