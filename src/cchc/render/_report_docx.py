"""``progress --docx``: the skeleton of a unit's report on the plans it owes duties under.

The document is laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I sets out an administrative
document: A4 with margins of mục I.2 (top and bottom 20 mm, left 30 mm, right 15 mm), Times
New Roman (mục I.1), a header table of two columns (the issuing body, and below it
``Số: .../BC-...``; the national title, the motto and the place and date line), the type
name ``BÁO CÁO`` and its trích yếu naming the plans by their references, the body, then
``Nơi nhận:`` beside the signer block.  Number, date, signer and name are left as
placeholders for the office to fill in.

The body comes from a template (:data:`DEFAULT_TEMPLATE`, or a file of the office's own):
Jinja2 text run in Jinja2's immutable sandbox, since a template file is untrusted input.
Jinja2 rather than :class:`string.Template`: a report lists a variable number of duties
under each status, which needs loops and conditions that ``$name`` substitution has not.
The sandbox gives the template plain values only (text, numbers, lists and mappings built
here), refuses attributes that start with an underscore and methods that change a value,
and no template can include or import another.  Each line the template puts out is one
paragraph (see :func:`body_lines`).

The same input gives the same bytes: the document's dates are the day asked about, and
every member of the zip archive is dated 1 January 1980 (python-docx dates them now).
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import docx
import jinja2
import jinja2.exceptions
import jinja2.runtime
import jinja2.sandbox
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from cchc._visible import visible
from cchc.exceptions import CchcError
from cchc.files._reading import ReadError, read_bounded
from cchc.model._corpus import Corpus
from cchc.model._items import Task
from cchc.model._plan import Plan
from cchc.model._records import parse_period_label
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.report._progress import Obligation, Progress, Rates, Standing
from cchc.text._dates import format_vn_date

__all__ = [
    "DEFAULT_TEMPLATE",
    "MAX_BODY",
    "MAX_TEMPLATE",
    "BodyTemplate",
    "ReportTemplateError",
    "body_lines",
    "in_period",
    "period_span",
    "period_words",
    "report_context",
    "report_docx_bytes",
]

DEFAULT_TEMPLATE = "progress-report.txt.j2"
"""The body template shipped in ``cchc/data/``."""
MAX_TEMPLATE = 256 * 1024
"""The most bytes a template file may hold."""
MAX_BODY = 2 * 1024 * 1024
"""The most characters a template may put out: a loop gone wild stops here."""

_FONT = "Times New Roman"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_ROMAN = ("I", "II", "III", "IV")
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


# --- periods -------------------------------------------------------------------------------


def period_span(label: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the period *label* (``2024``, ``2024-03``, ``2024-Q1`` ...)."""
    year, part = parse_period_label(label)
    first, last = 1, 12
    if part is not None:
        if part.startswith("Q"):
            quarter = int(part[1:])
            first, last = 3 * quarter - 2, 3 * quarter
        elif part.startswith("H"):
            first, last = (1, 6) if part == "H1" else (7, 12)
        elif part == "9M":
            first, last = 1, 9
        else:
            first = last = int(part)
    end = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
    return dt.date(year, first, 1), end - dt.timedelta(days=1)


def period_words(label: str) -> str:
    """The period *label* in the words of a report: ``quý I năm 2024``, ``tháng 3 năm 2024``."""
    year, part = parse_period_label(label)
    if part is None:
        return f"năm {year}"
    if part.startswith("Q"):
        return f"quý {_ROMAN[int(part[1:]) - 1]} năm {year}"
    if part == "H1":
        return f"6 tháng đầu năm {year}"
    if part == "H2":
        return f"6 tháng cuối năm {year}"
    if part == "9M":
        return f"9 tháng năm {year}"
    return f"tháng {int(part)} năm {year}"


def in_period(obligation: Obligation, label: str, corpus: Corpus) -> bool:
    """Tell whether a report for the period *label* accounts for *obligation*.

    A report of a year accounts for its quarters and months too: an obligation counts
    when its own period lies within *label*'s, a due date when it falls within it, and the
    duty to issue a plan of one's own when the parent plan runs in the period (or, with no
    period stated, was issued by its end).
    """
    start, end = period_span(label)
    if obligation.period is not None:
        own_start, own_end = period_span(obligation.period)
        return start <= own_start and own_end <= end
    if obligation.deadline is not None:
        return start <= obligation.deadline <= end
    plan = corpus.get(obligation.plan)
    if plan is not None and plan.period is not None:
        return plan.period.start <= end and start <= plan.period.end
    return obligation.since is None or obligation.since <= end


# --- what the template sees ----------------------------------------------------------------

_GROUPS: Mapping[Standing, str] = {
    Standing.DONE_ON_TIME: "done_on_time",
    Standing.DONE_LATE: "done_late",
    Standing.OVERDUE: "not_done",
    Standing.NOT_STATED: "not_done",
    Standing.DUE_SOON: "pending",
    Standing.NOT_YET_DUE: "pending",
    Standing.WAIVED: "waived",
}
"""Where each standing is reported: done on time, done late, not done, not yet due, waived."""
_GROUP_NAMES = ("done_on_time", "done_late", "not_done", "pending", "waived")

_STATUS_WORDS: Mapping[Standing, str] = {
    Standing.DONE_ON_TIME: "hoàn thành đúng hạn",
    Standing.DONE_LATE: "hoàn thành trễ hạn",
    Standing.OVERDUE: "quá hạn, chưa hoàn thành",
    Standing.NOT_STATED: "chưa hoàn thành (văn bản không nêu thời hạn)",
    Standing.DUE_SOON: "đang thực hiện, sắp đến hạn",
    Standing.NOT_YET_DUE: "đang thực hiện, chưa đến hạn",
    Standing.WAIVED: "được miễn",
}


def plan_reference(plan: Plan, issuer: str) -> str:
    """A plan as a report names it: ``Kế hoạch số 12/KH-UBND ngày 17/01/2024 của UBND ...``."""
    words = [plan.kind.vietnamese]
    if plan.ref is not None and not plan.ref.is_blank:
        words.append(f"số {plan.ref}")
    else:
        # No number to name it by (a draft): its title says which plan it is.
        words.append(f"“{plan.title}”")
    if plan.issued is not None:
        words.append(f"ngày {format_vn_date(plan.issued, 'numeric')}")
    words.append(f"của {issuer}")
    return " ".join(words)


def _short_reference(plan: Plan) -> str:
    if plan.ref is not None and not plan.ref.is_blank:
        return f"{plan.kind.vietnamese} số {plan.ref}"
    return f"{plan.kind.vietnamese} “{plan.title}”"


def _percent(value: float | None) -> str:
    """``28,6%`` as Vietnamese writes it; ``—`` when nothing is expected yet."""
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") + "%"


def _rates(rates: Rates) -> dict[str, Any]:
    return {
        "expected": rates.expected,
        "done": rates.done,
        "on_time": rates.on_time,
        "late": rates.late,
        "overdue": rates.overdue,
        "waived": rates.waived,
        "reporting_rate": _percent(rates.reporting_rate),
        "on_time_rate": _percent(rates.on_time_rate),
    }


def _day(day: dt.date | None) -> str:
    return format_vn_date(day, "numeric") if day is not None else ""


def _duty(obligation: Obligation, corpus: Corpus, illustrative: bool) -> dict[str, Any]:
    """What the template knows of one obligation, and :func:`_line`'s sentence for it."""
    plan = corpus.get(obligation.plan)
    if obligation.task is None:
        parent = _short_reference(plan) if plan is not None else obligation.plan
        text = f"Ban hành kế hoạch của đơn vị để thực hiện {parent}"
        evidence = [_evidence_plan(key, corpus) for key in obligation.evidence]
    else:
        item = plan.item(obligation.task) if plan is not None else None
        text = item.text if isinstance(item, Task) else obligation.task
        evidence = list(obligation.evidence)
    duty: dict[str, Any] = {
        "plan": obligation.plan,
        "task": obligation.task or "",
        "text": " ".join(text.split()),
        "period": obligation.period or "",
        "period_text": period_words(obligation.period) if obligation.period else "",
        "deadline": _day(obligation.deadline),
        "deadline_stated": obligation.status is not Standing.NOT_STATED,
        "status": obligation.status.value,
        "status_text": _STATUS_WORDS[obligation.status],
        "done": _day(obligation.done),
        "late_by": obligation.late_by,
        "quantity": obligation.quantity,
        "count": obligation.count,
        "evidence": evidence,
        "evidence_text": "; ".join(evidence),
        "illustrative": illustrative,
    }
    duty["line"] = _line(duty, obligation)
    return duty


def _evidence_plan(key: str, corpus: Corpus) -> str:
    """The plan a unit issued, as evidence of its duty to issue one."""
    plan = corpus.get(key)
    if plan is None:
        return key
    return plan_reference(plan, corpus.unit_name(plan.issuer))


def _line(duty: Mapping[str, Any], obligation: Obligation) -> str:
    """One sentence for a duty: what, for which period, by when, and what came of it."""
    when = [f"kỳ {duty['period_text']}"] if duty["period_text"] else []
    if duty["deadline"] and duty["deadline_stated"]:
        when.append(f"hạn {duty['deadline']}")
    elif duty["deadline"]:
        # A report whose document gives no day: the date is the end of its legal window.
        when.append(f"hết khung thời gian báo cáo {duty['deadline']}")
    head = duty["text"].rstrip(" .;:") + (f" ({'; '.join(when)})" if when else "")
    status = obligation.status
    if status is Standing.DONE_ON_TIME:
        result = f"hoàn thành ngày {duty['done']}" if duty["done"] else "đã hoàn thành"
    elif status is Standing.DONE_LATE:
        late = f", trễ {obligation.late_by} ngày làm việc" if obligation.late_by else ""
        result = f"hoàn thành ngày {duty['done']}{late}"
    else:
        result = str(duty["status_text"])
    if obligation.count is not None:
        result += f"; đạt {obligation.quantity or 0}/{obligation.count}"
    if status.done:
        result += (
            f". Kết quả: {duty['evidence_text']}"
            if duty["evidence_text"]
            else ". Kết quả: chưa ghi nhận văn bản, sản phẩm"
        )
    mark = f" [{ILLUSTRATIVE_LABEL}]" if duty["illustrative"] else ""
    return f"{head}: {result}.{mark}"


def report_context(
    result: Progress,
    corpus: Corpus,
    unit: str,
    period: str,
    *,
    illustrative: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The values the body template sees for *unit*'s report of *period* (docs/cli.md).

    *result* is the unit's progress over every period; the report keeps the obligations of
    *period* (:func:`in_period`).  Plans of *illustrative* are marked so in every line.
    """
    kept = [o for o in result.obligations if o.unit == unit and in_period(o, period, corpus)]
    by_plan: dict[str, list[Obligation]] = {}
    for obligation in kept:
        by_plan.setdefault(obligation.plan, []).append(obligation)
    plans: list[dict[str, Any]] = []
    issuers: list[str] = []
    total = Rates()
    for key in sorted(by_plan, key=lambda k: _plan_order(k, corpus)):
        plan = corpus.get(key)
        issuer = corpus.unit_name(plan.issuer) if plan is not None else ""
        # The unit's own plan: it reports to no one on it but itself.
        if issuer and issuer not in issuers and plan is not None and plan.issuer != unit:
            issuers.append(issuer)
        marked = key in illustrative
        rows = sorted(
            by_plan[key],
            key=lambda o: (o.deadline or dt.date.max, o.task or "", o.period or ""),
        )
        groups: dict[str, list[dict[str, Any]]] = {name: [] for name in _GROUP_NAMES}
        duties = []
        rates = Rates()
        for obligation in rows:
            duty = _duty(obligation, corpus, marked)
            duties.append(duty)
            groups[_GROUPS[obligation.status]].append(duty)
            rates = rates.add(obligation, result.as_of)
            total = total.add(obligation, result.as_of)
        reference = plan_reference(plan, issuer) if plan is not None else key
        plans.append(
            {
                "key": key,
                "reference": reference + (f" [{ILLUSTRATIVE_LABEL}]" if marked else ""),
                "short": _short_reference(plan) if plan is not None else key,
                "title": plan.title if plan is not None else "",
                "issuer": issuer,
                "illustrative": marked,
                "duties": duties,
                "rates": _rates(rates),
                **groups,
            }
        )
    start, end = period_span(period)
    everything = [duty for plan in plans for duty in plan["duties"]]
    return {
        "unit": {"code": unit, "name": corpus.unit_name(unit)},
        "period": {
            "label": period,
            "text": period_words(period),
            "start": _day(start),
            "end": _day(end),
        },
        "as_of": _day(result.as_of),
        "plans": plans,
        "issuers": issuers,
        "duties": everything,
        **{name: [duty for plan in plans for duty in plan[name]] for name in _GROUP_NAMES},
        "rates": _rates(total),
        "illustrative": any(plan["illustrative"] for plan in plans),
    }


def _plan_order(key: str, corpus: Corpus) -> tuple[dt.date, str]:
    plan = corpus.get(key)
    return (plan.issued if plan is not None and plan.issued else dt.date.max, key)


# --- the body template ---------------------------------------------------------------------


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


# --- the document --------------------------------------------------------------------------


def report_docx_bytes(
    context: Mapping[str, Any],
    corpus: Corpus,
    body: str,
    *,
    as_of: dt.date,
) -> bytes:
    """The ``.docx`` of the report of *context* with the rendered *body*, always the same bytes.

    *as_of* dates the document's properties; the header names the unit of *context* under
    its superior body, from the units of *corpus*.
    """
    document = docx.Document()
    section = document.sections[0]
    # Phụ lục I, mục I.2: A4, top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _styles(document)
    writer = _Writer(document)
    writer.header(_header_left(context, corpus))
    writer.title(_trich_yeu(context))
    for line in body_lines(body):
        writer.body(line)
    writer.footer(_recipients(context))
    _properties(document, context, as_of)
    stream = io.BytesIO()
    document.save(stream)
    return _pinned_zip(stream.getvalue())


def _header_left(context: Mapping[str, Any], corpus: Corpus) -> tuple[str | None, str, str]:
    """The superior body, the issuing unit (both in capitals) and the number line."""
    code = context["unit"]["code"]
    unit = corpus.unit(code)
    name = str(context["unit"]["name"])
    superior = None
    # A people's committee heads its level and prints no body above it (Phụ lục I, mục
    # II.3: the superior is printed for a body under a managing one, a Sở under its UBND).
    if unit is not None and unit.parent and not _is_committee(name):
        superior = corpus.unit_name(unit.parent).upper()
    symbol = unit.symbol if unit is not None and unit.symbol else "..."
    return superior, name.upper(), f"Số: .../BC-{symbol}"


def _is_committee(name: str) -> bool:
    folded = name.casefold()
    return folded.startswith(("ubnd", "ủy ban nhân dân", "uỷ ban nhân dân"))


def _trich_yeu(context: Mapping[str, Any]) -> str:
    """``Kết quả thực hiện Kế hoạch số ... ngày ... của ...`` and the period."""
    plans = context["plans"]
    period = context["period"]["text"]
    if not plans:
        return f"Kết quả thực hiện nhiệm vụ {period}"
    names = [plan["reference"] for plan in plans]
    joined = names[0] if len(names) == 1 else "; ".join(names[:-1]) + " và " + names[-1]
    return f"Kết quả thực hiện {joined}, {period}"


def _recipients(context: Mapping[str, Any]) -> list[str]:
    """``Nơi nhận:``: each plan's issuer, then the office's own copy (Lưu: VT)."""
    lines = [f"- {issuer};" for issuer in context["issuers"]]
    return [*lines, "- Lưu: VT."]


def _styles(document: Any) -> None:
    """Times New Roman 14 for the body (Phụ lục I, mục I.1 and II.8: 13 to 14), in Vietnamese."""
    normal = document.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), _FONT)
    language = normal.element.get_or_add_rPr().find(qn("w:lang"))
    if language is None:
        language = normal.element.get_or_add_rPr().makeelement(qn("w:lang"), {})
        normal.element.get_or_add_rPr().append(language)
    language.set(qn("w:val"), "vi-VN")
    paragraph = normal.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(6)
    paragraph.line_spacing = 1.0


class _Writer:
    """Adds the parts of the report to *document* in order."""

    def __init__(self, document: Any) -> None:
        self.document = document

    def _paragraph(
        self,
        container: Any,
        text: str,
        *,
        size: float = 14,
        bold: bool = False,
        italic: bool = False,
        align: str = "center",
        indent: bool = False,
        after: float = 0,
        first: bool = False,
    ) -> Any:
        paragraph = container.paragraphs[0] if first else container.add_paragraph()
        paragraph.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
        paragraph.paragraph_format.space_after = Pt(after)
        if indent:
            # Phụ lục I, mục II.8: the first line of a paragraph indented 1 to 1.27 cm.
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        run = paragraph.add_run(visible(text))
        run.font.size = Pt(size)
        run.bold = bold
        run.italic = italic
        return paragraph

    def _table(self, widths: Sequence[float]) -> Any:
        table = self.document.add_table(rows=1, cols=len(widths))
        table.autofit = False
        for cell, width in zip(table.rows[0].cells, widths, strict=True):
            cell.width = Mm(width)
        return table

    def header(self, left: tuple[str | None, str, str]) -> None:
        """The header table: issuing body and number; national title, motto, place and date."""
        superior, unit, number = left
        # The text is 165 mm wide: the issuing body's column about 40 percent (mục II.3).
        table = self._table((70, 95))
        body, nation = table.rows[0].cells
        first = True
        if superior is not None:
            self._paragraph(body, superior, size=13, first=True)
            first = False
        self._paragraph(body, unit, size=13, bold=True, first=first, after=6)
        self._paragraph(body, number, size=13)
        self._paragraph(
            nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, first=True
        )
        self._paragraph(nation, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, after=6)
        self._paragraph(nation, "..., ngày ... tháng ... năm ...", size=14, italic=True)

    def title(self, trich_yeu: str) -> None:
        """The type name ``BÁO CÁO`` and the trích yếu under it (mục II.5)."""
        heading = self._paragraph(self.document, "BÁO CÁO", size=14, bold=True)
        heading.paragraph_format.space_before = Pt(18)
        self._paragraph(self.document, trich_yeu, size=14, bold=True, after=18)

    def body(self, line: Line) -> None:
        """One paragraph of the body, styled by its kind."""
        if line.kind == "section":
            self._paragraph(self.document, line.text, bold=True, align="justify", after=6)
        elif line.kind == "item":
            self._paragraph(
                self.document, line.text, bold=True, align="justify", indent=True, after=6
            )
        elif line.kind == "sub":
            self._paragraph(
                self.document, line.text, italic=True, align="justify", indent=True, after=6
            )
        else:
            self._paragraph(self.document, line.text, align="justify", indent=True, after=6)

    def footer(self, recipients: Iterable[str]) -> None:
        """``Nơi nhận:`` on the left, the signer block on the right (mục II.7 and II.9)."""
        spacer = self.document.add_paragraph()
        spacer.paragraph_format.space_after = Pt(6)
        table = self._table((80, 85))
        where, signer = table.rows[0].cells
        self._paragraph(
            where, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True
        )
        for line in recipients:
            self._paragraph(where, line, size=11, align="left")
        self._paragraph(signer, "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", size=14, bold=True, first=True)
        self._paragraph(signer, "(Chữ ký, dấu)", size=14, italic=True, after=60)
        self._paragraph(signer, "Họ và tên", size=14, bold=True)


def _properties(document: Any, context: Mapping[str, Any], as_of: dt.date) -> None:
    """Pinned properties: python-docx's template would otherwise carry its own."""
    properties = document.core_properties
    midnight = dt.datetime.combine(as_of, dt.time())
    properties.created = midnight
    properties.modified = midnight
    properties.last_modified_by = "cchc"
    properties.author = "cchc"
    properties.revision = 1
    properties.title = visible(f"Báo cáo {_trich_yeu(context)}")[:255]
    properties.subject = ""
    properties.keywords = ""
    comments = f"cchc progress, {format_vn_date(as_of, 'numeric')}"
    if context["illustrative"]:
        comments += f"; {ILLUSTRATIVE_LABEL}"
    properties.comments = comments


def _pinned_zip(data: bytes) -> bytes:
    """*data* repacked with every member dated 1 January 1980, in the same order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
