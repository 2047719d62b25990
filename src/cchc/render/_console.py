"""The console every command prints through, the choice of label language, progress bars."""

from __future__ import annotations

import enum
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Span, Text

from cchc._visible import is_visible, replacements, visible
from cchc.render._bar import is_plain, progress_bar

__all__ = [
    "Lang",
    "choose_lang",
    "is_plain",
    "make_console",
    "progress_bar",
    "strip_line_ends",
    "t",
    "visible_text",
    "write_laid_out",
]

DEFAULT_WIDTH = 100
"""The width of output that goes to a file or a pipe when ``COLUMNS`` does not say."""


class Lang(enum.Enum):
    """The language of labels; content text is always shown exactly as written."""

    VI = "vi"
    EN = "en"


def choose_lang(explicit: str | None, environ: Mapping[str, str]) -> Lang:
    """Pick the label language: ``--lang``, then ``CCHC_LANG``, then the locale, then Vietnamese.

    The locale is read from the environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) that
    the caller passes, never from process-wide state; ``C`` and ``POSIX`` say nothing.
    An unknown ``CCHC_LANG`` is ignored rather than fatal: it is the user's shell, not
    the command line, that is wrong.
    """
    if explicit:
        return Lang(explicit.strip().lower()[:2])
    wanted = environ.get("CCHC_LANG", "").strip().lower()[:2]
    if wanted in ("vi", "en"):
        return Lang(wanted)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return Lang.EN if value.lower().startswith("en") else Lang.VI
    return Lang.VI


def t(lang: Lang, vi: str, en: str) -> str:
    """The label in the chosen language."""
    return vi if lang is Lang.VI else en


def ref_label(ref: str | None, lang: Lang) -> str:
    """A document's reference as a listing shows it.

    A draft prints its number blank (``Số: /KH-UBND``): shown ``…/KH-UBND (chưa điền số)``,
    not a bare ``/KH-UBND`` that reads as a typo.
    """
    if ref is None:
        return t(lang, "không số", "unnumbered")
    if ref.startswith("/"):
        return f"…{ref} " + t(lang, "(chưa điền số)", "(number left blank)")
    return ref


def visible_text(text: Text) -> Text:
    """*text* with :func:`cchc.text.visible` applied, its styles kept on the same characters.

    A replaced character grows from one to several characters, so every span boundary
    after it moves by as much.
    """
    plain = text.plain
    if is_visible(plain, multiline=True):
        return text
    positions: list[int] = []  # where a replaced character was, in the old text
    growth: list[int] = []  # how much longer the text is up to and including it
    pieces: list[str] = []
    done = grown = 0
    for index, replacement in replacements(plain, multiline=True):
        pieces += (plain[done:index], replacement)
        done = index + 1
        grown += len(replacement) - 1
        positions.append(index)
        growth.append(grown)
    pieces.append(plain[done:])

    def moved(offset: int) -> int:
        before = bisect_left(positions, offset)  # replaced characters before *offset*
        return offset + (growth[before - 1] if before else 0)

    copy = text.blank_copy("".join(pieces))
    copy.spans = [Span(moved(s.start), moved(s.end), s.style) for s in text.spans]
    return copy


class _VisibleConsole(Console):
    """A console that shows control characters instead of emitting them, whatever is printed.

    This is the choke point of every terminal output of cchc: all of rich's output,
    tables and trees included, is rendered through :meth:`render`, recursively, so no
    renderer can bypass it.  A ``str`` is made visible before markup is parsed, a
    :class:`~rich.text.Text` before it is laid out (so it wraps at its true width), and
    every segment of text on the way out once more, for renderables that yield raw
    segments.  Colour and cursor codes are rich's own control segments, never text, so
    they go through.  (rich itself drops BEL, BS, VT, FF and CR from a ``Text`` built
    from a string: those are not shown, but never emitted either.)
    """

    def render_str(self, text: str, **options: Any) -> Text:
        """Make *text* visible, then let rich read its markup."""
        return super().render_str(visible(text, multiline=True), **options)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        """Render as rich does, with every character of text visible."""
        if isinstance(renderable, Text):
            renderable = visible_text(renderable)
        for segment in super().render(renderable, options):
            text = segment.text
            if segment.control or text.isprintable() or is_visible(text, multiline=True):
                yield segment
            else:
                yield Segment(visible(text, multiline=True), segment.style)


def strip_line_ends(text: str) -> str:
    """*text* without the spaces that pad each of its lines to the width.

    Plain output drops them.  A split and a strip of each line run in C: a regular
    expression tried at every space of a wide table took a quarter of a second on 4 MB.
    """
    return "\n".join([line.rstrip(" ") for line in text.split("\n")])


def write_laid_out(console: Console, text: str) -> None:
    """Write *text*, lines a renderer laid out itself, to *console*'s file, made visible.

    For the few renderers that lay out plain text without rich, for speed: the text goes
    out through the same sanitiser as everything rich prints, so they cannot bypass it.
    """
    # Laid out without styles only: the padding of a line is plain spaces, and goes.
    console.file.write(strip_line_ends(visible(text, multiline=True)))


class _PlainConsole(_VisibleConsole):
    """A console whose renderables use ASCII guides and boxes only.

    rich picks ASCII tree guides and table boxes when the console's encoding is not a
    UTF encoding (``ConsoleOptions.ascii_only``); claiming ASCII here gets exactly that,
    while text, written as ``str``, still goes out in full (Vietnamese included).
    """

    @property
    def encoding(self) -> str:
        return "ascii"

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        # rich pads every line of a table or a wrapped text to the width with spaces:
        # on a terminal they are invisible, in a file or a pipe they are noise. Without
        # colour there is no escape code among them, so they go.
        return strip_line_ends(super()._render_buffer(buffer))


def make_console(file: TextIO, environ: Mapping[str, str], *, width: int | None = None) -> Console:
    """A console writing to *file* that honours ``NO_COLOR``, ``TERM=dumb`` and ``COLUMNS``.

    Every console of cchc comes from here, and shows control characters of the text it
    prints (``<U+001B>``) instead of emitting them; see :class:`_VisibleConsole`.  A
    stream that filters the lines written to it offers its unfiltered self as
    ``unfiltered``: rich output is safe already, and the filter would break its colours.

    When *file* is not a terminal or colour is refused, output has no colour, no styles
    and no box drawing: trees use ``|``, ``+--`` and ``` `-- ``` guides, tables ASCII
    borders.  The width is *width*, else ``COLUMNS``, else the terminal's, else 100.
    """
    file = getattr(file, "unfiltered", file)
    plain = is_plain(file, environ)
    columns = environ.get("COLUMNS", "")
    if width is None and columns.isdigit() and int(columns) > 0:
        width = int(columns)
    isatty = getattr(file, "isatty", None)
    terminal = bool(isatty()) if callable(isatty) else False
    if width is None and not terminal:
        width = DEFAULT_WIDTH
    cls = _PlainConsole if plain else _VisibleConsole
    return cls(
        file=file,
        width=width,
        color_system=None if plain else "auto",
        no_color=plain,
        force_terminal=terminal and not plain,
        highlight=False,
        emoji=False,
        markup=True,
        legacy_windows=False,
        soft_wrap=False,
        _environ={},  # the environment that counts is the one passed in
    )
