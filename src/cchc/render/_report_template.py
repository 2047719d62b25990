"""The body template of ``progress --docx``: Jinja2 text, untrusted, run in a sandbox.

Jinja2 rather than :class:`string.Template`: a report lists a variable number of duties
under each status, which needs loops and conditions that ``$name`` substitution has not.
The template is run in Jinja2's immutable sandbox, since a template file is untrusted
input: it sees only the plain values of :func:`cchc.render._report_context.report_context`,
cannot reach attributes that start with an underscore nor call methods that change a value,
cannot include or import another template, and ``*`` and ``**`` cannot build huge values.
Whatever goes wrong (a syntax error, an unknown variable, a refused attribute, a division
by zero) is one :class:`ReportTemplateError` naming the file and, where Jinja2 knows it,
the line.  Each line the template puts out is one paragraph (:func:`body_lines`).
"""

from __future__ import annotations

import importlib.resources
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import jinja2
import jinja2.exceptions
import jinja2.runtime
import jinja2.sandbox

from cchc._visible import visible
from cchc.exceptions import CchcError
from cchc.files._reading import ReadError, read_bounded

__all__ = [
    "DEFAULT_TEMPLATE",
    "MAX_BODY",
    "MAX_TEMPLATE",
    "BodyTemplate",
    "Line",
    "ReportTemplateError",
    "body_lines",
]

DEFAULT_TEMPLATE = "progress-report.txt.j2"
"""The body template shipped in ``cchc/data/``."""
MAX_TEMPLATE = 256 * 1024
"""The most bytes a template file may hold."""
MAX_BODY = 2 * 1024 * 1024
"""The most characters a template may put out: a loop gone wild stops here."""
_TEMPLATE_FILE = "<cchc body template>"
"""The file name Jinja2 gives the template's frames, to find a failing line by."""


class ReportTemplateError(CchcError):
    """A body template that cannot be read, compiled or run: file, line and what went wrong."""

    def __init__(self, name: str, line: int | None, reason: str) -> None:
        self.name = name
        """The template file as the user named it."""
        self.line = line
        """The line of the template, counted from 1; None when no line is to blame."""
        self.reason = reason
        """What was wrong, in words that can follow the file and line."""
        where = f"{name}:{line}" if line is not None else name
        super().__init__(visible(f"{where}: {reason}"))


@attrs.frozen
class BodyTemplate:
    """A compiled body template and the name of its file, for errors."""

    name: str
    """The file as the user named it (or the default template's name)."""
    template: jinja2.Template

    @classmethod
    def default(cls) -> BodyTemplate:
        """The body template shipped with cchc."""
        text = (importlib.resources.files("cchc") / "data" / DEFAULT_TEMPLATE).read_text(
            encoding="utf-8"
        )
        return cls.parse(DEFAULT_TEMPLATE, text)

    @classmethod
    def read(cls, path: str) -> BodyTemplate:
        """The template in the file *path*; :class:`ReportTemplateError` for a bad one."""
        try:
            data = read_bounded(path, MAX_TEMPLATE, what="a template file")
        except ReadError as error:
            raise ReportTemplateError(path, None, error.reason) from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ReportTemplateError(path, line, "expected UTF-8 text") from None
        return cls.parse(path, text)

    @classmethod
    def parse(cls, name: str, text: str) -> BodyTemplate:
        """The template *text* compiled; :class:`ReportTemplateError` naming its bad line."""
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
        for number, line in enumerate(text.split("\n"), start=1):
            bad = next((c for c in line if not (c.isprintable() or c == "\t")), None)
            if bad is not None:
                raise ReportTemplateError(
                    name, number, f"expected text, found the control character U+{ord(bad):04X}"
                )
        try:
            template = _environment(text).get_template(_TEMPLATE_FILE)
        except jinja2.TemplateSyntaxError as error:
            raise ReportTemplateError(
                name, error.lineno, f"expected a Jinja2 template: {error.message}"
            ) from None
        return cls(name, template)

    def render(self, context: Mapping[str, Any]) -> str:
        """The body for *context*; :class:`ReportTemplateError` for a template that fails."""
        parts: list[str] = []
        size = 0
        try:
            for part in self.template.generate(context):
                size += len(part)
                if size > MAX_BODY:
                    raise ReportTemplateError(
                        self.name, None, f"puts out more than {MAX_BODY} characters"
                    )
                parts.append(part)
        except ReportTemplateError:
            raise
        except jinja2.UndefinedError as error:
            raise ReportTemplateError(
                self.name,
                _failing_line(error),
                f"{error.message}; the variables are listed in docs/cli.md",
            ) from None
        except jinja2.exceptions.SecurityError as error:
            raise ReportTemplateError(
                self.name, _failing_line(error), f"not allowed in a template: {error}"
            ) from None
        except jinja2.TemplateNotFound:
            raise ReportTemplateError(
                self.name, None, "a template cannot include, import or extend another"
            ) from None
        except Exception as error:
            # Anything a template's own expressions raise (a division by zero, a bad filter
            # argument): the template's fault, reported with its line, never a traceback.
            raise ReportTemplateError(
                self.name, _failing_line(error), f"{type(error).__name__}: {error}"
            ) from None
        return "".join(parts)


class _Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with ``*`` and ``**`` kept from building huge values.

    The sandbox caps ``range`` but not ``"a" * 10**9``, which would fill the memory before
    :data:`MAX_BODY` is reached.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """``left operator right``, refused when it would make a value too large."""
        if operator == "**":
            size = abs(left).bit_length() if isinstance(left, int) else 1
            if isinstance(right, int | float) and size * abs(right) > _MAX_BITS:
                raise jinja2.exceptions.SecurityError(f"a power of more than {_MAX_BITS} bits")
            return left**right
        for count, value in ((right, left), (left, right)):
            if (
                isinstance(count, int)
                and isinstance(value, str | list | tuple)
                and count * len(value) > MAX_BODY
            ):
                raise jinja2.exceptions.SecurityError(f"a value of more than {MAX_BODY} items")
        return left * right


_MAX_BITS = 4096
"""The most bits a power may have: a number no report needs, computed at once."""


def _environment(text: str) -> jinja2.Environment:
    """A sandbox that knows this one template and nothing else."""

    def load(name: str) -> tuple[str, str, Any] | None:
        return (text, _TEMPLATE_FILE, lambda: True) if name == _TEMPLATE_FILE else None

    return _Sandbox(
        loader=jinja2.FunctionLoader(load),
        autoescape=False,  # a Word document is not markup: text goes into runs as it is
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def _failing_line(error: BaseException) -> int | None:
    """The template line Jinja2's rewritten traceback of *error* points at, last one first."""
    line = None
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == _TEMPLATE_FILE:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


@attrs.frozen
class Line:
    """One paragraph of the body: its kind and its text."""

    kind: str
    """``section`` (``# ``), ``item`` (``## ``), ``sub`` (``### ``), ``point`` (``- ``) or
    ``text``."""
    text: str


_MARKS = (("### ", "sub"), ("## ", "item"), ("# ", "section"))


def body_lines(body: str) -> Iterator[Line]:
    """The paragraphs of a rendered body: one per line that is not blank.

    ``# `` starts a section heading (``I. KẾT QUẢ THỰC HIỆN``), ``## `` an item heading,
    ``### `` a sub-heading, each printed without its mark; ``- `` a point, kept as written.
    """
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            continue
        for mark, kind in _MARKS:
            if line.startswith(mark):
                yield Line(kind, line[len(mark) :].strip())
                break
        else:
            yield Line("point" if line.startswith("- ") else "text", line)
