"""Exceptions and problem reports of cchc.

Every exception cchc raises on purpose derives from :class:`CchcError`, itself a
:class:`ValueError`, so callers can catch broadly.  Problems found in a corpus are
collected as :class:`Problem` values and reported all at once rather than raised one
by one.
"""

from __future__ import annotations

import enum

import attrs

from cchc._visible import visible


class CchcError(ValueError):
    """Base class of every error cchc raises on purpose."""


class ModelError(CchcError):
    """A domain object was built with a value that breaks one of its invariants."""

    def __init__(self, field: str, expected: str, got: object) -> None:
        self.field = field
        self.expected = expected
        self.got = got
        super().__init__(f"{field}: expected {expected}, got {got!r}")


class ParseError(CchcError):
    """Text that should hold a reference, a date or a period could not be read."""

    def __init__(self, what: str, text: str, expected: str) -> None:
        self.what = what
        self.text = text
        self.expected = expected
        super().__init__(f"cannot read {what} from {text!r}: expected {expected}")


class Severity(enum.Enum):
    """How serious a problem is: errors make a corpus unusable, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class TextPosition:
    """A place in the text of a file, for a problem met before the file is data: line, column.

    Both count from 1, as editors show them; ``str()`` gives ``line 3, column 7``.
    """

    line: int
    """The line, from 1."""
    column: int
    """The column (a character of the line), from 1."""

    def __str__(self) -> str:
        """``line L, column C``."""
        return f"line {self.line}, column {self.column}"


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in a file or a corpus, located as precisely as possible.

    A problem is located either in the file's data, by a JSON :attr:`path`, or in its text,
    by a :attr:`position` when the text could not be read as data: exactly one of the two.
    """

    file: str | None
    """The file the problem is in, as given by the user; None for corpus-wide problems, and
    for a problem of a :attr:`plan` not yet located."""
    path: str | None = None
    """Where in the file's data: a path such as ``$.tasks[2].due``; ``$`` for the whole file."""
    position: TextPosition | None = None
    """Where in the file's text, for a file that could not be parsed."""
    message: str
    """What was expected and what was found, in plain words."""
    severity: Severity = Severity.ERROR
    """Whether the corpus can still be used despite the problem."""
    rule: str = "load"
    """A short stable name of the check that found it, such as ``load`` or ``graph.cycle``."""
    plan: str | None = None
    """The key of the plan it is in, when a check of plans found it: the check need not know
    the file, :meth:`cchc.Corpus.locate` finds it."""

    def __attrs_post_init__(self) -> None:
        if (self.path is None) == (self.position is None):
            raise ValueError("a problem is located by a path or by a position, exactly one")

    @property
    def where(self) -> str:
        """The location as shown: the path, or ``line L, column C``."""
        return str(self.position) if self.path is None else self.path

    def __str__(self) -> str:
        """The problem as one line: ``file: where: [warning: ]message``.

        The file name, the location and the message (which may quote the file) pass
        :func:`cchc._visible.visible`, so a control character shows as ``<U+001B>`` and
        a newline in a file name cannot forge a second problem line.
        """
        where = f"{visible(self.file)}: " if self.file else ""
        level = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        return f"{where}{visible(self.where)}: {level}{visible(self.message)}"


class CorpusError(CchcError):
    """A file or corpus could not be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{len(problems)} problem(s):\n{lines}")
