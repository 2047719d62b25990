"""Checks of the corpus' records: each names a real unit, a real duty and a period it has.

A record that cannot be placed would silently count for nothing; one that contradicts
another would make a unit's standing depend on which is read first.  Both are errors;
what is merely unusual (a unit that does not owe the duty, a record dated outside the
unit's existence) is a warning.  Each problem names the record's file and place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from cchc.calendar._expand import Occurrence, expand
from cchc.exceptions import Problem, Severity
from cchc.model._corpus import Corpus
from cchc.model._items import Task
from cchc.model._records import Record, period_label
from cchc.text._dates import format_vn_date

__all__ = ["RECORD_RULES", "check_records"]

RECORD_RULES: dict[str, Severity] = {
    "records.unknown_unit": Severity.ERROR,
    "records.unknown_duty": Severity.ERROR,
    "records.no_such_period": Severity.ERROR,
    "records.conflict": Severity.ERROR,
    "records.duplicate": Severity.WARNING,
    "records.not_owed": Severity.WARNING,
    "records.unit_inactive": Severity.WARNING,
}
"""Every rule :func:`check_records` applies, with its severity."""


def check_records(corpus: Corpus, *, max_occurrences: int | None = None) -> tuple[Problem, ...]:
    """Every problem of the records of *corpus*, each located in its record file."""
    if not corpus.records:
        return ()
    periods = _Periods(corpus, max_occurrences)
    problems: list[Problem] = []
    places = _places(corpus)
    for (file, path), record in zip(places, corpus.records, strict=True):
        for rule, field, message in _problems(corpus, periods, record):
            problems.append(
                Problem(
                    file=file,
                    path=f"{path}.{field}",
                    message=message,
                    severity=RECORD_RULES[rule],
                    rule=rule,
                )
            )
    problems.extend(_conflicts(corpus))
    return tuple(problems)


def _places(corpus: Corpus) -> tuple[tuple[str | None, str], ...]:
    """Where each record was read; records built in code were read nowhere."""
    if corpus.record_places:
        return corpus.record_places
    return tuple((None, f"records[{index}]") for index in range(len(corpus.records)))


class _Periods:
    """The period labels each duty has, and who owes each, worked out once per plan."""

    def __init__(self, corpus: Corpus, max_occurrences: int | None) -> None:
        self._corpus = corpus
        self._budget = max_occurrences
        self._of: dict[str, dict[tuple[str, str | None], list[Occurrence]]] = {}

    def of(self, plan: str) -> dict[tuple[str, str | None], list[Occurrence]]:
        found = self._of.get(plan)
        if found is None:
            found = self._of[plan] = defaultdict(list)
            for o in expand((self._corpus.plan(plan),), max_occurrences=self._budget):
                found[o.task, period_label(o.cadence, o.period.start)].append(o)
        return found


def _problems(corpus: Corpus, periods: _Periods, record: Record) -> Iterator[tuple[str, str, str]]:
    """The problems of one *record*: (rule, field, message) each."""
    unit = corpus.unit(record.unit)
    if unit is None:
        yield (
            "records.unknown_unit",
            "unit",
            f"expected a unit declared in a registry or a plan's units, found {record.unit!r}",
        )
    plan = corpus.get(record.duty.plan)
    item = plan.item(record.duty.item) if plan is not None else None
    if plan is None or not isinstance(item, Task):
        yield (
            "records.unknown_duty",
            "duty",
            f"expected a task of a plan of the corpus, found {str(record.duty)!r}",
        )
        return
    known = periods.of(plan.key)
    occurrences = known.get((item.id, record.period))
    if not occurrences:
        labels = sorted({label or "(none: a due date)" for t, label in known if t == item.id})
        has = ", ".join(labels[:6]) + (" ..." if len(labels) > 6 else "")
        yield (
            "records.no_such_period",
            "period",
            f"expected a period {record.duty} has ({has}), found {record.period or 'none'}"
            if labels
            else f"expected a duty with a schedule, found {record.duty}, which has none",
        )
        return
    groups = corpus.groups
    owed = any(
        record.unit == owner
        or (groups.is_group(owner) and record.unit in groups.members(owner, o.date))
        for o in occurrences
        for owner in o.units
    )
    if not owed and unit is not None:
        when = record.period or "its date"
        yield (
            "records.not_owed",
            "unit",
            f"expected a unit that owes {record.duty} for {when}, found {record.unit}",
        )
    if unit is not None and record.done is not None and not unit.is_valid_on(record.done):
        day = format_vn_date(record.done, "numeric")
        yield (
            "records.unit_inactive",
            "done",
            f"expected a day the unit existed, found {day}, outside {record.unit}'s dates",
        )


def _conflicts(corpus: Corpus) -> Iterator[Problem]:
    """Two records of one unit, duty and period: parts of a quota, a repeat, or a conflict."""
    places = _places(corpus)
    first: dict[tuple[str, str, str, str | None], int] = {}
    for index, record in enumerate(corpus.records):
        earlier = first.setdefault(record.key, index)
        if earlier == index or record.quantity is not None:
            continue
        other = corpus.records[earlier]
        if other.quantity is not None:
            continue
        file, path = places[index]
        where = f"{places[earlier][0] or ''} {places[earlier][1]}".strip()
        same = other == record
        rule = "records.duplicate" if same else "records.conflict"
        message = (
            f"expected one record of {record.unit} for {record.duty} {record.period or ''}".rstrip()
            + (f", found it again (as at {where})" if same else f", found another at {where}")
        )
        yield Problem(file=file, path=path, message=message, severity=RECORD_RULES[rule], rule=rule)
