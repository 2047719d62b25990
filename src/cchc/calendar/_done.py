"""What the records say was done: a duty's completion day, and each occurrence's tally.

Shared by :mod:`cchc.report._progress` (each unit's standing) and by the summary, the
agenda and the calendar file, which mark an occurrence done when every unit owing it
did it (:attr:`~cchc.Occurrence.done`, :attr:`~cchc.Timing.DONE`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs

from cchc._faces import rehome
from cchc.calendar._occurrence import Done, Occurrence
from cchc.model._corpus import Corpus
from cchc.model._records import Record, period_label
from cchc.text._vocab import ScheduleKind

__all__ = ["DoneByRecords", "by_key", "done_on", "known_on"]


def known_on(records: Iterable[Record], as_of: dt.date | None) -> tuple[Record, ...]:
    """The *records* known on *as_of*: those done by then, and waivers (which have no day)."""
    return tuple(r for r in records if as_of is None or r.done is None or r.done <= as_of)


def by_key(records: Iterable[Record]) -> dict[tuple[str, str, str, str | None], list[Record]]:
    """The records of *records* by :attr:`~cchc.Record.key`, each list by day done."""
    found: dict[tuple[str, str, str, str | None], list[Record]] = defaultdict(list)
    for record in records:
        found[record.key].append(record)
    for group in found.values():
        group.sort(key=lambda r: r.done or dt.date.min)
    return found


def done_on(occurrence: Occurrence, records: Sequence[Record]) -> tuple[dt.date | None, int]:
    """The day *records* complete *occurrence*, and the quantity they record.

    A quota is complete on the day its recorded quantities reach its count; any other
    duty on the first record of it.  Records come sorted by day.
    """
    dated = [r for r in records if r.done is not None]
    if occurrence.kind is not ScheduleKind.QUOTA:
        return (dated[0].done if dated else None), 0
    total, reached = 0, None
    for record in dated:
        total += record.quantity or 1
        if reached is None and total >= (occurrence.count or 1):
            reached = record.done
    return reached, total


class DoneByRecords:
    """What the records of a corpus say of each occurrence: who of its owing units did it.

    Used to mark what is done in agendas, calendars and the summary: an occurrence with
    records is shown done when :attr:`Done.complete`, and is then not overdue.
    """

    def __init__(self, corpus: Corpus, as_of: dt.date | None = None) -> None:
        # A record of a day after as_of had not happened yet on that day.
        self._records = by_key(known_on(corpus.records, as_of))
        self._groups = corpus.groups
        self.touched: frozenset[tuple[str, str]] = frozenset(
            (plan, task) for _, plan, task, _ in self._records
        )
        """The (plan, task) pairs some record is about: no other occurrence can be done."""

    def mark(self, occurrences: Iterable[Occurrence]) -> tuple[Occurrence, ...]:
        """*occurrences*, each with what the records say of it (:attr:`Occurrence.done`)."""
        return tuple(
            o if (found := self(o)) is None else attrs.evolve(o, done=found) for o in occurrences
        )

    def __call__(self, occurrence: Occurrence) -> Done | None:
        """What the records say of *occurrence*; None when no record is about it."""
        if (occurrence.plan, occurrence.task) not in self.touched:
            return None
        label = period_label(occurrence.cadence, occurrence.period.start)
        groups = self._groups
        owing: list[str] = []
        for owner in occurrence.units:
            members = groups.members(owner, occurrence.date) if groups.is_group(owner) else ()
            owing.extend(members or (owner,))
        found = [self._records.get((u, occurrence.plan, occurrence.task, label), []) for u in owing]
        if not any(found):
            return None
        waived = done = late = 0
        last: dt.date | None = None
        for found_here in found:
            if any(r.waiver is not None for r in found_here):
                waived += 1
                continue
            day, _ = done_on(occurrence, found_here)
            if day is not None:
                done += 1
                late += day > occurrence.date
                last = day if last is None else max(last, day)
        return Done(owing=len(owing), done=done, late=late, waived=waived, last=last)


# Users import these from their public face; they say so in their __module__.
rehome("cchc.calendar", DoneByRecords)
