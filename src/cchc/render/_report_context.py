"""What a unit's report on its plans says: the obligations of a period, grouped by standing.

:func:`report_context` turns a :class:`~cchc.report.Progress` into the plain values (text,
numbers, lists and mappings) that the body template of ``progress --docx`` sees and
``docs/cli.md`` lists: each plan named by its reference, each duty with its period,
deadline, standing, the day it was done and the evidence as recorded, and the rates.
Plain values only, so that a template, which is untrusted, reaches nothing of cchc's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from cchc.model._corpus import Corpus
from cchc.model._items import Task
from cchc.model._plan import Plan
from cchc.model._records import parse_period_label
from cchc.render._graph import ILLUSTRATIVE_LABEL
from cchc.render._streamed import rates_record
from cchc.report._progress import Obligation, Progress, Rates, Standing
from cchc.text._dates import format_vn_date

__all__ = [
    "GROUP_NAMES",
    "in_period",
    "period_span",
    "period_words",
    "plan_reference",
    "report_context",
]

_ROMAN = ("I", "II", "III", "IV")

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
GROUP_NAMES = ("done_on_time", "done_late", "not_done", "pending", "waived")

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
    return rates_record(rates, _percent)


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
        groups: dict[str, list[dict[str, Any]]] = {name: [] for name in GROUP_NAMES}
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
        **{name: [duty for plan in plans for duty in plan[name]] for name in GROUP_NAMES},
        "rates": _rates(total),
        "illustrative": any(plan["illustrative"] for plan in plans),
    }


def _plan_order(key: str, corpus: Corpus) -> tuple[dt.date, str]:
    plan = corpus.get(key)
    return (plan.issued if plan is not None and plan.issued else dt.date.max, key)
