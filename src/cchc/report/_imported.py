"""Records from a filled workbook: which rows become records, and every problem at once.

A row of a fill-in workbook (:mod:`cchc.files._workbook`) becomes a :class:`~cchc.Record`
when its keys are those cchc wrote (the hidden check code matches them), name a duty its
unit owes in the corpus for that period, and its open cells say what was done: a result,
a date, evidence, a quantity, a note.  Against the records the corpus holds already:

* the same record again is nothing new (importing a sheet twice changes nothing);
* another record of a duty already recorded is a conflict, never a replacement; of a quota
  (a row giving a quantity) it is one more part, unless one of the same day says otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from cchc.exceptions import ModelError, Problem
from cchc.files._workbook import WAIVED, SheetRow, check_code
from cchc.model._corpus import Corpus
from cchc.model._items import ItemLink
from cchc.model._records import Record
from cchc.report._progress import Obligation
from cchc.text._dates import format_vn_date

__all__ = ["Imported", "imported_records"]

Key = tuple[str, str, str, str | None]


@attrs.frozen(kw_only=True)
class Imported:
    """What a filled workbook gives: its new records, and why any row was refused."""

    records: tuple[Record, ...]
    """The records not in the corpus yet, in sheet and row order."""
    known: int
    """Filled rows whose record the corpus holds already."""
    filled: int
    """Rows with something written in an open column."""
    problems: tuple[Problem, ...]
    """Every problem, each naming its sheet and cell; when any, nothing is to be written."""


def imported_records(
    corpus: Corpus,
    rows: Iterable[SheetRow],
    owed: Iterable[Obligation],
    *,
    label: str,
    today: dt.date,
    places: Sequence[str] | None = None,
) -> Imported:
    """The records *rows* give, checked against *owed* (the corpus' scheduled obligations).

    *label* names the workbook in problems; a date done after *today* is a slip, refused;
    *places* says where each record of the corpus was read (``file``), for the message of
    a conflict.
    """
    duties = {(o.unit, o.plan, o.task, o.period): o for o in owed if o.task is not None}
    where = list(places) if places is not None else [p for p, _ in corpus.record_places]
    held: dict[Key, list[tuple[Record, str]]] = defaultdict(list)
    for index, recorded in enumerate(corpus.records):
        held[recorded.key].append((recorded, where[index] if index < len(where) else ""))
    problems: list[Problem] = []
    found: list[Record] = []
    known = filled = 0
    for row in rows:
        if not row.filled:
            continue
        filled += 1
        checker = _Row(row, label, today)
        record = checker.record(duties)
        problems.extend(row.problems)
        problems.extend(checker.problems)
        if record is None:
            continue
        clash = _clash(record, held[record.key])
        if clash == "same":
            known += 1
        elif clash:
            problems.append(checker.problem("done", clash))
        else:
            found.append(record)
            held[record.key].append((record, f"{row.sheet}!{row.cell('done')}"))
    return Imported(records=tuple(found), known=known, filled=filled, problems=tuple(problems))


def _clash(record: Record, others: list[tuple[Record, str]]) -> str | None:
    """``same`` when *others* hold *record*; why it conflicts with one; None when new."""
    if any(other == record for other, _ in others):
        return "same"
    for other, place in others:
        quota_parts = record.quantity is not None and other.quantity is not None
        if quota_parts and other.done != record.done:
            continue  # one more part of a quota, on another day
        said = _said(other)
        return (
            f"expected one record of {record.unit} for {record.duty} {record.period or ''}".rstrip()
            + f", found another already at {place or 'the corpus'} ({said}); "
            "change or remove that one first"
        )
    return None


def _said(record: Record) -> str:
    if record.waiver is not None:
        return f"waived: {record.waiver}"
    day = format_vn_date(record.done, "numeric") if record.done else "?"
    amount = f", quantity {record.quantity}" if record.quantity is not None else ""
    return f"done {day}{amount}"


class _Row:
    """One filled row checked against the duties owed; its problems named by cell."""

    def __init__(self, row: SheetRow, label: str, today: dt.date) -> None:
        self.row, self.label, self.today = row, label, today
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str) -> Problem:
        where = f"{self.row.sheet}!{self.row.cell(key)}"
        return Problem(file=self.label, path=where, message=message, rule="workbook.row")

    def _add(self, key: str, message: str) -> None:
        self.problems.append(self.problem(key, message))

    def record(self, duties: dict[Key, Obligation]) -> Record | None:
        """The row's record, or None after adding why it cannot be one."""
        row = self.row
        if any(p.rule == "workbook.key_cell" for p in row.problems):
            return None  # the unreadable key cell is the problem already said
        if row.unit is None or row.plan is None or row.task is None or row.deadline is None:
            missing = [k for k in ("unit", "plan", "task", "deadline") if getattr(row, k) is None]
            self._add(
                missing[0],
                "expected the keys cchc wrote (unit, plan, task, deadline), "
                f"found {', '.join(missing)} empty; fill rows only in the open columns",
            )
            return None
        code = check_code(row.unit, row.plan, row.task, row.period, row.deadline)
        if row.check != code:
            self._add(
                "unit",
                "expected the keys cchc wrote (the locked columns A-F), found them edited "
                "or the row added by hand; fill rows only in the open columns",
            )
            return None
        duty = duties.get((row.unit, row.plan, row.task, row.period))
        if duty is None or duty.deadline != row.deadline:
            period = f" for {row.period}" if row.period else ""
            self._add(
                "plan",
                f"expected a duty {row.unit} owes in the corpus, found {row.plan}#{row.task}"
                f"{period}, which it does not owe (is the workbook of another corpus?)",
            )
            return None
        return self._built(duty)

    def _built(self, duty: Obligation) -> Record | None:
        row = self.row
        if row.problems:
            return None  # what is missing is judged once every cell reads
        waived = row.result == WAIVED
        if waived and row.note is None:
            self._add("note", "expected the reason the unit was excused, found nothing")
        if waived and row.quantity is not None:
            self._add("quantity", "expected no quantity for a unit excused, found one")
        if not waived and row.done is None:
            self._add(
                "done",
                "expected the date done, like 20/03/2024 (or the result "
                f"{WAIVED!r} with its reason in the note), found nothing",
            )
        if row.done is not None and row.done > self.today:
            # A date still to come is a typing slip (2025 for 2024), not a record.
            day = format_vn_date(row.done, "numeric")
            self._add("done", f"expected a day that has come, found {day}")
        if self.problems:
            return None
        try:
            return Record(
                unit=row.unit or "",
                duty=ItemLink(plan=duty.plan, item=duty.task or ""),
                period=duty.period,
                done=row.done,
                evidence=row.evidence,
                quantity=row.quantity,
                waiver=row.note if waived else None,
                note=None if waived else row.note,
            )
        except ModelError as error:
            key = {"done": "done", "quantity": "quantity", "waiver": "note"}.get(
                error.field, "evidence"
            )
            self._add(key, f"expected {error.expected}, found {error.got!r}")
            return None
