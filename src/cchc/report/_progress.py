"""Follow-through: what each unit owes, what it did, and the reporting rates of DHIS2.

Every occurrence of a plan's schedules is owed by the units responsible for it, a group's
by each of its members on the occurrence's day (:class:`~cchc.model.Groups`); each such
pair is an :class:`Obligation`.  Records (:class:`~cchc.Record`) say what was done: an
obligation is done when a record of its unit, duty and period says so (a quota when the
quantities recorded reach its count), on time when done by its deadline, late by the
working days after it.  An expected child's own plan is the record of its duty to issue
one, dated by its date of issue.

The rates follow DHIS2's reporting rates: of the obligations *expected* by a day (due by
then, or done already; waived ones are not expected), the *reporting rate* is the share
done and the *on-time rate* the share done by the deadline.  Deadlines are on Vietnamese
working days: one that falls on a day off moves to the next working day (Bộ luật Dân sự
2015, Điều 148.5), so a report received that day is on time.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from cchc._collector import collector_paused
from cchc._faces import rehome
from cchc.calendar._done import by_key, done_on, known_on
from cchc.calendar._expand import Occurrence, expand
from cchc.calendar._occurrence import UPCOMING_DAYS
from cchc.calendar._workdays import WorkCalendar, count_working_days
from cchc.graph._expected import expected_children
from cchc.graph._graph import PlanGraph
from cchc.model._corpus import Corpus
from cchc.model._records import Record, period_label
from cchc.model._units import unit_chain
from cchc.report._standing import (
    _FIELDS,
    Obligation,
    Rates,
    Standing,
    _counts_of,
    _new_obligation,
)
from cchc.text._vocab import Cadence, ScheduleKind

__all__ = ["Obligation", "Progress", "Rates", "Standing", "progress"]


@attrs.frozen(kw_only=True)
class Progress:
    """Follow-through on a day: every obligation, and the rates by unit, plan and period."""

    as_of: dt.date
    """The day asked about."""
    obligations: tuple[Obligation, ...]
    """Every obligation, late and overdue ones first, then by deadline."""
    units: Mapping[str, Rates]
    """The rates of each unit's own obligations, by code: every unit an obligation names."""
    below: Mapping[str, Rates]
    """The rates of each unit with those of every unit below it (through ``parent``)."""
    plans: Mapping[str, Rates]
    """The rates of each plan's obligations, by key."""
    cascade: Mapping[str, Rates]
    """The rates of each plan with those of every plan implementing it, below."""
    periods: Mapping[str, Rates]
    """The rates by period label (due dates and expected plans under ``""``)."""


_ORDER = {
    Standing.OVERDUE: 0,
    Standing.DONE_LATE: 1,
    Standing.DUE_SOON: 2,
    Standing.NOT_STATED: 3,
    Standing.NOT_YET_DUE: 4,
    Standing.DONE_ON_TIME: 5,
    Standing.WAIVED: 6,
}


def progress(
    corpus: Corpus,
    as_of: dt.date,
    *,
    graph: PlanGraph | None = None,
    occurrences: Sequence[Occurrence] | None = None,
    units: Iterable[str] | None = None,
    period: str | None = None,
    max_occurrences: int | None = None,
    within_days: int = UPCOMING_DAYS,
) -> Progress:
    """Where every unit stands with every duty of *corpus* on *as_of*, and the rates.

    *occurrences* are the plans' occurrences when the caller has them (else every one is
    worked out, at most *max_occurrences*); *units* keeps the obligations of those units,
    *period* those of one period label.
    """
    # An obligation, its occurrence and the rates are values without cycles, a million
    # of them for a large cascade: the cyclic collector would only slow their making.
    with collector_paused():
        graph = graph if graph is not None else PlanGraph.from_corpus(corpus)
        if occurrences is None:
            occurrences = expand(corpus.plans, max_occurrences=max_occurrences)
        day = _Day(as_of, within_days, _calendar(occurrences, corpus.records, as_of))
        found = _scheduled(corpus, occurrences, day)
        found.extend(_expected_plans(corpus, graph))
        if units is not None:
            wanted = frozenset(units)
            found = [o for o in found if o.unit in wanted]
        if period is not None:
            found = [o for o in found if o.period == period]
        found.sort(key=lambda o: (_ORDER[o.status], o.deadline or dt.date.max, o.plan, o.unit))
        return _rated(corpus, graph, tuple(found), as_of)


def _calendar(
    occurrences: Sequence[Occurrence], records: Sequence[Record], as_of: dt.date
) -> WorkCalendar:
    """Vietnam's working days over every year a deadline or a record falls in."""
    years = {as_of.year}
    years.update(o.date.year for o in occurrences)
    years.update(r.done.year for r in records if r.done is not None)
    return WorkCalendar.vietnam(min(years), max(years))


@attrs.frozen
class _Day:
    """What a standing is judged against: the day, the horizon and the working days."""

    as_of: dt.date
    within_days: int
    days: WorkCalendar


def _scheduled(corpus: Corpus, occurrences: Sequence[Occurrence], day: _Day) -> list[Obligation]:
    """The obligations of the occurrences: each owing unit's, a group's by its members."""
    # Judged as of the day: a record dated later had not happened yet.
    records = by_key(known_on(corpus.records, day.as_of))
    # Most obligations have no record: only a (plan, task) some record names can have one.
    touched = {(plan, task) for _, plan, task, _ in records}
    groups = corpus.groups
    # A period's label, and a group's members on a day, are the same for every occurrence
    # that shares them: worked out once each.
    labels: dict[tuple[dt.date, Cadence | None], str | None] = {}
    members_on: dict[tuple[str, dt.date], tuple[str, ...]] = {}
    # The standing of a duty not done depends on its date alone, once it is stated: the
    # deadlines of a cascade are a few hundred days for a million obligations.
    undone: dict[dt.date, Standing] = {}
    not_stated = Standing.NOT_STATED
    found: list[Obligation] = []
    append = found.append
    quota_kind = ScheduleKind.QUOTA
    is_group = groups.is_group
    for occurrence in occurrences:
        plan, task, date = occurrence.plan, occurrence.task, occurrence.date
        cadence, start = occurrence.cadence, occurrence.period.start
        label_key = (start, cadence)
        if label_key in labels:
            label = labels[label_key]
        else:
            label = labels[label_key] = period_label(cadence, start)
        owed = records if (plan, task) in touched else None
        # What every owing unit without a record shares: done nothing, judged on the date.
        quota = occurrence.kind is quota_kind
        status = undone.get(date) if occurrence.stated else not_stated
        if status is None:
            status = undone[date] = _status(occurrence, None, day)
        quantity = 0 if quota else None
        count = (occurrence.count or 1) if quota else None
        for owner in occurrence.units:
            members: tuple[str, ...] = ()
            if is_group(owner):
                group_key = (owner, date)
                if group_key in members_on:
                    members = members_on[group_key]
                else:
                    members = members_on[group_key] = groups.members(owner, date)
            group = owner if members else None
            for unit in members or (owner,):
                mine = owed.get((unit, plan, task, label)) if owed is not None else None
                if mine:
                    append(_standing(occurrence, unit, label, mine, day, group=group))
                else:
                    # The fields of _standing's obligation when there is no record.
                    append(
                        _new_obligation(
                            (
                                unit,
                                plan,
                                task,
                                label,
                                date,
                                status,
                                None,
                                None,
                                quantity,
                                count,
                                (),
                                occurrence,
                                group,
                                None,
                            )
                        )
                    )
    return found


def _standing(
    occurrence: Occurrence,
    unit: str,
    label: str | None,
    records: Sequence[Record],
    day: _Day,
    *,
    group: str | None,
) -> Obligation:
    """Where *unit* stands with *occurrence* on the day, from its *records*."""
    quota = occurrence.kind is ScheduleKind.QUOTA
    done, quantity = done_on(occurrence, records) if records else (None, 0)
    if records and any(r.waiver is not None for r in records):
        status, done = Standing.WAIVED, None
    else:
        status = _status(occurrence, done, day)
    late = (
        count_working_days(occurrence.date + dt.timedelta(days=1), done, day.days)
        if status is Standing.DONE_LATE and done is not None
        else None
    )
    return Obligation(
        unit=unit,
        plan=occurrence.plan,
        task=occurrence.task,
        period=label,
        deadline=occurrence.date,
        status=status,
        done=done,
        late_by=late,
        quantity=quantity if quota else None,
        count=(occurrence.count or 1) if quota else None,
        evidence=tuple(r.evidence for r in records if r.evidence),
        occurrence=occurrence,
        group=group,
    )


def _status(occurrence: Occurrence, done: dt.date | None, day: _Day) -> Standing:
    if done is not None:
        return Standing.DONE_ON_TIME if done <= occurrence.date else Standing.DONE_LATE
    if not occurrence.stated:
        return Standing.NOT_STATED
    if occurrence.date < day.as_of:
        return Standing.OVERDUE
    if (occurrence.date - day.as_of).days <= day.within_days:
        return Standing.DUE_SOON
    return Standing.NOT_YET_DUE


def _expected_plans(corpus: Corpus, graph: PlanGraph) -> Iterable[Obligation]:
    """The duty of each expected child to issue its own plan: its plan is the record."""
    for status in expected_children(graph):
        group_of = {m: g for g, members in status.groups.items() for m in members}
        for unit in status.expected:
            keys = status.issued.get(unit, ())
            dates = [p.issued for k in keys if (p := corpus.get(k)) and p.issued is not None]
            done = min(dates) if dates else None
            parent = corpus.get(status.plan)
            yield Obligation(
                unit=unit,
                plan=status.plan,
                task=None,
                period=None,
                deadline=None,
                status=Standing.DONE_ON_TIME if keys else Standing.NOT_STATED,
                done=done,
                evidence=keys,
                group=group_of.get(unit),
                since=parent.issued if parent is not None else None,
            )


def _rated(
    corpus: Corpus, graph: PlanGraph, found: tuple[Obligation, ...], as_of: dt.date
) -> Progress:
    # The tallies an obligation counts in depend on its unit, plan and period only, and
    # what it adds to them on its status, deadline and start (_counts_of): obligations
    # are first counted by those (in C: its status by value, since an enum member hashes
    # in Python code).  What each adds is one of a few vectors of counts: each unit,
    # plan and period first counts how many times each vector was added, and sums them
    # once.  The tallies of a unit with those below it, and of a plan with those of the
    # cascade below it, are then sums of those of units and plans, not of obligations.
    # The sums are whole numbers, so the order of adding changes nothing; the tallies
    # are made, and shown, in the order the obligations first name their units and plans.
    counted = Counter(map(_TALLIED, found))
    adds_of: dict[tuple[str, dt.date | None, dt.date | None], tuple[int, ...] | None] = {}
    times_of: tuple[dict[str, dict[tuple[int, ...] | None, int]], ...] = ({}, {}, {})
    of_unit, of_plan, of_period = times_of
    for (unit, plan, label, value, deadline, since), times in counted.items():
        judged = (value, deadline, since)
        if judged in adds_of:
            adds = adds_of[judged]
        else:
            adds = adds_of[judged] = _counts_of(_BY_VALUE[value], deadline, since, as_of)
        for tallies, key in ((of_unit, unit), (of_plan, plan), (of_period, label or "")):
            vectors = tallies.get(key)
            if vectors is None:
                vectors = tallies[key] = {}
            vectors[adds] = vectors.get(adds, 0) + times
    units, plans, periods = ({key: _summed(v) for key, v in m.items()} for m in times_of)
    below = _rolled_up(units, lambda unit: unit_chain(corpus.units, unit))
    above = _plans_above(graph)
    cascade = _rolled_up(plans, lambda plan: above.get(plan, (plan,)))
    return Progress(
        as_of=as_of,
        obligations=found,
        units={key: _rates(tally) for key, tally in units.items()},
        below={key: _rates(tally) for key, tally in below.items()},
        plans={key: _rates(tally) for key, tally in plans.items()},
        cascade={key: _rates(tally) for key, tally in cascade.items()},
        periods={key: _rates(tally) for key, tally in sorted(periods.items())},
    )


def _summed(vectors: Mapping[tuple[int, ...] | None, int]) -> list[int]:
    """The tally of obligations adding each of *vectors* (None: nothing) so many times."""
    tally = [0] * len(_FIELDS)
    for adds, times in vectors.items():
        if adds is not None:
            tally = [t + n * times for t, n in zip(tally, adds, strict=True)]
    return tally


def _rolled_up(
    own: Mapping[str, list[int]], up: Callable[[str], Iterable[str]]
) -> dict[str, list[int]]:
    """Each key's tally with those of every key below it: each of *own* counts in *up* of it.

    *up* of a key is the key itself and those above it.
    """
    rolled: dict[str, list[int]] = {}
    for key, tally in own.items():
        for higher in up(key):
            total = rolled.get(higher)
            rolled[higher] = (
                tally.copy() if total is None else list(map(operator.add, total, tally))
            )
    return rolled


_TALLIED = operator.attrgetter("unit", "plan", "period", "status._value_", "deadline", "since")
"""What the tallies and counts of an obligation depend on."""
_BY_VALUE = {standing.value: standing for standing in Standing}


def _rates(tally: list[int]) -> Rates:
    """The rates of a tally of :data:`_FIELDS`."""
    expected, done, on_time, late, overdue, waived = tally
    return Rates(
        expected=expected, done=done, on_time=on_time, late=late, overdue=overdue, waived=waived
    )


def _plans_above(graph: PlanGraph) -> dict[str, tuple[str, ...]]:
    """Each plan with every plan of the corpus it implements, up the cascade, itself first."""
    found: dict[str, tuple[str, ...]] = {}
    for plan in graph.corpus.plans:
        seen = {plan.key: None}
        todo = [plan.key]
        while todo:
            for parent in graph.parents(todo.pop()):
                if parent not in seen and parent in graph.corpus:
                    seen[parent] = None
                    todo.append(parent)
        found[plan.key] = tuple(seen)
    return found


# Users import these from their public face; they say so in their __module__.
rehome("cchc.report", Obligation, Progress, Rates, Standing)
