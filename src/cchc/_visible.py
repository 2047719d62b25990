r"""Text from files made safe to show: the one sanitiser every output path uses.

A plan file, a file name or a text given to ``cite`` may hold characters that a terminal,
a log viewer or a calendar client obeys instead of showing: ESC and the C1 controls start
escape sequences (OSC 52 writes the clipboard, OSC 0 the window title, CSI 2J clears the
screen), BEL rings, NUL cuts C strings, bidirectional controls reorder what is shown
(the "Trojan Source" trick), a newline or a line separator forges a second line in a
line-oriented report, and a lone surrogate cannot even be encoded.

:func:`visible` replaces each such code point by its name in a visible, plain ASCII form,
``<U+001B>`` for ESC, so it is shown and never obeyed.  The replacement holds no control
character and no markup, so it passes every later layer (rich, DOT, Mermaid, iCalendar)
unchanged, and :func:`visible` is idempotent.  Everything else, Vietnamese letters and
combining marks included, is kept exactly as written; normalisation is not touched.

:func:`escape_json` is the JSON twin: in JSON the same code points are written as
``\uXXXX`` escapes, which keep the data exact for a parser and inert for a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["HOSTILE", "escape_json", "escape_json_bytes", "is_visible", "replacements", "visible"]

_C0 = range(0x20)
_C1 = range(0x7F, 0xA0)  # DEL, then the C1 controls (U+0085 NEL, U+009B CSI ...)
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SEPARATORS = (0x2028, 0x2029)  # LINE and PARAGRAPH SEPARATOR: line breaks to many tools
_SURROGATES = range(0xD800, 0xE000)

HOSTILE: frozenset[int] = frozenset(
    c for c in (*_C0, *_C1, *_BIDI, *_SEPARATORS, *_SURROGATES) if c != 0x09
)
"""Every code point :func:`visible` replaces in a single-line context.

C0 controls except tab, DEL, C1 controls, the bidirectional controls (ALM, LRM, RLM,
LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI), LINE and PARAGRAPH SEPARATOR, and lone
surrogates.  In a multi-line context the newline (U+000A) is kept.
"""


def _name(code: int) -> str:
    return f"<U+{code:04X}>"


def _table(codes: Iterable[int]) -> dict[int, str]:
    return {code: _name(code) for code in codes}


def _pattern(codes: Iterable[int]) -> re.Pattern[str]:
    ranges: list[tuple[int, int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    parts = (re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]")


class _Tables:
    """The patterns and tables of this module, made on first use.

    They take a few milliseconds to build, which ``python -m cchc --help`` (that imports
    this module and needs none of them) would otherwise spend on every run.
    """

    def __getattr__(self, name: str) -> Any:
        single, multi = _table(HOSTILE), _table(HOSTILE - {0x0A})
        json = {code: f"\\u{code:04x}" for code in HOSTILE if code >= 0x7F}
        self.SINGLE_LINE, self.MULTI_LINE, self.JSON = single, multi, json
        self.FIND_SINGLE, self.FIND_MULTI = _pattern(single), _pattern(multi)
        self.FIND_JSON = _pattern(json)
        # The same code points in UTF-8, for JSON that is bytes already (surrogates have no
        # UTF-8 form: such text never is).
        encoded = [chr(code).encode() for code in sorted(json) if not 0xD800 <= code < 0xE000]
        self.FIND_JSON_BYTES = re.compile(b"|".join(re.escape(piece) for piece in encoded))
        # Every byte but those the characters to escape start with, dropped at once.
        leads = {piece[0] for piece in encoded}
        self.NOT_JSON_LEADS = bytes(b for b in range(256) if b not in leads)
        return self.__dict__[name]


_T = _Tables()


def visible(text: str, *, multiline: bool = False) -> str:
    """*text* with every :data:`HOSTILE` code point shown as ``<U+XXXX>``, never emitted.

    With *multiline*, newlines are kept (a ``CR LF`` pair counts as one newline); without
    it they are shown too, so a newline in a file name cannot forge a second problem
    line.  Tabs are kept.  Text without such characters comes back as it is (a quick
    search, then one ``str.translate`` only when needed); the result is idempotent.
    """
    # Every hostile code point is non-printable, and isprintable() is the quickest test.
    if text.isprintable() or (_T.FIND_MULTI if multiline else _T.FIND_SINGLE).search(text) is None:
        return text
    if multiline and "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text.translate(_T.MULTI_LINE if multiline else _T.SINGLE_LINE)


def replacements(text: str, *, multiline: bool = False) -> Iterator[tuple[int, str]]:
    """Where :func:`visible` changes *text*: each index, in order, with what it puts there.

    For a caller that must move marks kept beside the text (rich's style spans).
    Joining the untouched stretches and these replacements gives ``visible(text)``.
    """
    find, table = (_T.FIND_MULTI, _T.MULTI_LINE) if multiline else (_T.FIND_SINGLE, _T.SINGLE_LINE)
    for match in find.finditer(text):
        index = match.start()
        char = text[index]
        if multiline and char == "\r" and text.startswith("\n", index + 1):
            yield index, ""
        else:
            yield index, table[ord(char)]


def is_visible(text: str, *, multiline: bool = False) -> bool:
    """Tell whether *text* holds no code point that :func:`visible` would replace."""
    find = _T.FIND_MULTI if multiline else _T.FIND_SINGLE
    return text.isprintable() or find.search(text) is None


def escape_json(dumped: str) -> str:
    r"""JSON text from ``json.dumps(..., ensure_ascii=False)`` with hostile characters escaped.

    ``json.dumps`` escapes the C0 controls already; DEL, the C1 and bidirectional controls,
    the line separators and lone surrogates it writes raw.  They can only occur inside
    strings, where ``\uXXXX`` means the same character: a parser reads back exactly the
    same data, and nothing in the text can drive a terminal (or break a JavaScript
    reader, for U+2028 and U+2029).  Vietnamese stays unescaped.
    """
    if _T.FIND_JSON.search(dumped) is None:
        return dumped
    return dumped.translate(_T.JSON)


def escape_json_bytes(dumped: bytes) -> bytes:
    """:func:`escape_json` for JSON text encoded in UTF-8: the bytes as they are if clean."""
    # A table lookup in C drops every byte that starts none of those characters: most
    # documents keep no byte at all, and the expression (four times slower) is not run.
    if not dumped.translate(None, _T.NOT_JSON_LEADS) or _T.FIND_JSON_BYTES.search(dumped) is None:
        return dumped
    return escape_json(dumped.decode("utf-8")).encode("utf-8")
