"""The console every command prints through, and the choice of label language."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TextIO

from rich.console import Console

__all__ = ["Lang", "choose_lang", "make_console", "t"]


class Lang(enum.Enum):
    """The language of labels; content text is always shown exactly as written."""

    VI = "vi"
    EN = "en"


def choose_lang(explicit: str | None, environ: Mapping[str, str]) -> Lang:
    """Pick the label language: ``--lang``, then ``CCHC_LANG``, then the locale, then Vietnamese.

    The locale is read from the environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) that
    the caller passes, never from process-wide state; ``C`` and ``POSIX`` say nothing.
    """
    for candidate in (explicit, environ.get("CCHC_LANG")):
        if candidate:
            return Lang(candidate.strip().lower()[:2])
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return Lang.EN if value.lower().startswith("en") else Lang.VI
    return Lang.VI


def t(lang: Lang, vi: str, en: str) -> str:
    """The label in the chosen language."""
    return vi if lang is Lang.VI else en


def make_console(file: TextIO, environ: Mapping[str, str], *, width: int | None = None) -> Console:
    """A console writing to *file* that honours ``NO_COLOR``, ``TERM=dumb`` and ``COLUMNS``.

    When *file* is not a terminal, output has no colour and no box drawing beyond plain
    ASCII-safe characters rich chooses for the encoding; the width comes from ``COLUMNS``
    or defaults to 100 so that output is the same everywhere.
    """
    is_terminal = file.isatty()
    no_color = "NO_COLOR" in environ or environ.get("TERM") == "dumb" or not is_terminal
    columns = environ.get("COLUMNS", "")
    if width is None and columns.isdigit():
        width = int(columns)
    if width is None and not is_terminal:
        width = 100
    return Console(
        file=file,
        width=width,
        color_system=None if no_color else "auto",
        no_color=no_color,
        force_terminal=is_terminal,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        soft_wrap=False,
    )
