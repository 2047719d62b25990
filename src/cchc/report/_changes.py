"""What differs in one item between two versions of a plan, and how a change weakens it.

:mod:`cchc.report._diff` pairs the items; this module compares the fields of one pair:
the text, word by word (:func:`word_diff`), the parent items it carries, its units,
products and schedules, its target.  Values are given as short, language-neutral text
(ISO dates, the vocabulary's values), which the renderers label.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Sequence

import attrs

from cchc.model._items import Channel, Indicator, Objective, Schedule, Task
from cchc.model._plan import Period, Plan
from cchc.text._normal import nfc
from cchc.text._vocab import Comparator, Measure, ScheduleKind

__all__ = [
    "Change",
    "ChangeKind",
    "Weakened",
    "Word",
    "WordOp",
    "field_changes",
    "value_text",
    "word_diff",
]

Item = Task | Objective | Channel | Indicator


class ChangeKind(enum.StrEnum):
    """What kind of difference one :class:`Change` is."""

    REWORDED = "reworded"
    MOVED = "moved"
    UNITS = "units"
    PRODUCTS = "products"
    SCHEDULES = "schedules"
    TARGET = "target"
    DETAILS = "details"


class Weakened(enum.StrEnum):
    """How a change asks less than before."""

    LOWER_TARGET = "lower_target"
    """A target that allows what the old one did not (100% → 90%, at least 2 → 1)."""
    LATER_YEAR = "later_year"
    """The same target reached a later year."""
    LATER_DEADLINE = "later_deadline"
    """A deadline moved later."""
    FEWER = "fewer"
    """A quota asking fewer times a month (at least 02 a month → 01, monthly → quarterly)."""


class WordOp(enum.StrEnum):
    """One step of a word diff."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@attrs.frozen(kw_only=True)
class Word:
    """A run of words kept, deleted or inserted, with the spacing that follows it."""

    op: WordOp
    """Kept in both, only in the old text, or only in the new."""
    text: str
    """The words as written (NFC), never a word or a combining mark cut apart."""


@attrs.frozen(kw_only=True)
class Change:
    """One difference of a paired item: what changed, from what to what."""

    kind: ChangeKind
    """The kind of difference."""
    field: str
    """The field that differs (``text``, ``lead``, ``schedules[0]``, ``target``, ``id``...)."""
    old: str | None
    """The old value as text; None when the field had none (a schedule added)."""
    new: str | None
    """The new value as text; None when the field has none any more."""
    weakened: Weakened | None = None
    """How the new value asks less, when it does."""
    words: tuple[Word, ...] = ()
    """For ``reworded``: the word diff of the old text to the new."""


def value_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


# --- words ------------------------------------------------------------------------------------

# Combining marks stay with the letter before them: an NFD "ơ" + hook is one word's letters.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TOKEN = re.compile(rf"(?:[\w{_MARKS}])+|[^\s{_MARKS}][{_MARKS}]*")


def _tokens(text: str) -> list[tuple[str, str]]:
    """The words and punctuation marks of *text*, each with the spacing after it."""
    found = list(_TOKEN.finditer(text))
    return [
        (m.group(), text[m.end() : found[i + 1].start() if i + 1 < len(found) else len(text)])
        for i, m in enumerate(found)
    ]


def word_diff(old: str, new: str) -> tuple[Word, ...]:
    """The word diff of *old* to *new* (both put in NFC): runs kept, deleted and inserted.

    Texts are split on spaces and punctuation, never inside a word; a replaced run is
    its deletion followed by its insertion.
    """
    a, b = _tokens(nfc(old)), _tokens(nfc(new))
    matcher = difflib.SequenceMatcher(None, [w for w, _ in a], [w for w, _ in b], autojunk=False)
    found: list[Word] = []

    def add(op: WordOp, tokens: Iterable[tuple[str, str]]) -> None:
        text = "".join(word + space for word, space in tokens)
        if text:
            found.append(Word(op=op, text=text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept = b[j1:j2]
            if not kept[-1][1] and a[i2 - 1][1]:
                # Spaced in the old text alone: a deletion follows, and must not touch it.
                kept = [*kept[:-1], (kept[-1][0], a[i2 - 1][1])]
            add(WordOp.EQUAL, kept)
        else:
            add(WordOp.DELETE, a[i1:i2])
            add(WordOp.INSERT, b[j1:j2])
    return tuple(found)


# --- the fields of a pair ---------------------------------------------------------------------


def _joined(values: Sequence[str], sep: str = ", ") -> str | None:
    return sep.join(values) if values else None


def _schedule(schedule: Schedule) -> str:
    """A schedule as one line: its kind's values, then its wording."""
    parts = [schedule.kind.value]
    if schedule.due is not None:
        parts.append(schedule.due.isoformat())
    if schedule.count is not None:
        parts.append(f"{schedule.count} {schedule.what or ''}".strip())
    parts.extend(c.value for c in schedule.cadences)
    if schedule.anchor is not None:
        parts.append(schedule.anchor.value + (f" {schedule.day}" if schedule.day else ""))
    if schedule.to is not None:
        parts.append(f"→ {schedule.to}")
    wording = f" “{schedule.text}”" if schedule.text else ""
    return " ".join(parts) + wording


def _schedule_weakened(old: Schedule, new: Schedule) -> Weakened | None:
    if old.kind is not new.kind:
        return None
    if old.kind is ScheduleKind.DUE and old.due and new.due and new.due > old.due:
        return Weakened.LATER_DEADLINE
    if old.kind is ScheduleKind.QUOTA and old.cadences and new.cadences:
        # Times a month: "01 a quarter" asks less than "01 a month".
        before = (old.count or 0) / min(c.months for c in old.cadences)
        after = (new.count or 0) / min(c.months for c in new.cadences)
        return Weakened.FEWER if after < before else None
    same = (old.cadences, old.anchor) == (new.cadences, new.anchor)
    if same and old.day is not None and new.day is not None and new.day > old.day:
        return Weakened.LATER_DEADLINE
    return None


def _schedules(old: Task, new: Task) -> list[Change]:
    found = []
    for i in range(max(len(old.schedules), len(new.schedules))):
        a = old.schedules[i] if i < len(old.schedules) else None
        b = new.schedules[i] if i < len(new.schedules) else None
        if a != b:
            weakened = _schedule_weakened(a, b) if a is not None and b is not None else None
            found.append(
                Change(
                    kind=ChangeKind.SCHEDULES,
                    field=f"schedules[{i}]",
                    old=None if a is None else _schedule(a),
                    new=None if b is None else _schedule(b),
                    weakened=weakened,
                )
            )
    if old.period != new.period:
        found.append(_plain(ChangeKind.SCHEDULES, "period", old.period, new.period))
    return found


def _target(indicator: Indicator) -> str:
    sign = {Comparator.AT_LEAST: "≥", Comparator.AT_MOST: "≤", Comparator.EXACTLY: "="}
    unit = "%" if indicator.measure is Measure.PERCENT else f" {indicator.measure.value}"
    per = f" {indicator.per.value}" if indicator.per else ""
    year = f" by {indicator.by_year}" if indicator.by_year else ""
    steps = ", ".join(f"{step.year}: {step.value:g}" for step in indicator.steps)
    stepped = f" ({steps})" if steps else ""
    return f"{sign[indicator.comparator]} {indicator.value:g}{unit}{per}{year}{stepped}"


def _months(period: Period | None) -> int | None:
    if period is None:
        return None
    start, end = period.start, period.end
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


def _range(indicator: Indicator, plan: Plan) -> tuple[float, float] | None:
    """The outcomes a target allows, a month for counts, or None when it cannot tell."""
    value = indicator.value
    if indicator.measure is not Measure.PERCENT:
        months = indicator.per.months if indicator.per else _months(plan.period)
        if months is None:
            return None
        value /= months
    top = 100.0 if indicator.measure is Measure.PERCENT else float("inf")
    if indicator.comparator is Comparator.AT_LEAST:
        return (value, top)
    if indicator.comparator is Comparator.AT_MOST:
        return (0.0, value)
    return (value, value)


def _target_weakened(
    old: Indicator, old_plan: Plan, new: Indicator, new_plan: Plan
) -> Weakened | None:
    if old.measure is not new.measure:
        return None  # another measure: not comparable, reported as a change only
    before, after = _range(old, old_plan), _range(new, new_plan)
    if before is None or after is None:
        return None
    eps = 1e-9
    if after[0] + eps < before[0] or after[1] > before[1] + eps:
        return Weakened.LOWER_TARGET  # the new target allows outcomes the old one did not
    if not (old.by_year or new.by_year):
        return None  # both by the end of their plan: next year's plan ends later by nature
    old_year = old.by_year or (old_plan.period.end.year if old_plan.period else None)
    new_year = new.by_year or (new_plan.period.end.year if new_plan.period else None)
    return Weakened.LATER_YEAR if old_year and new_year and new_year > old_year else None


def _plain(kind: ChangeKind, field: str, old: object, new: object) -> Change:
    return Change(kind=kind, field=field, old=value_text(old), new=value_text(new))


def _indicator(old: Indicator, old_plan: Plan, new: Indicator, new_plan: Plan) -> list[Change]:
    found = []
    if _target(old) != _target(new):
        found.append(
            Change(
                kind=ChangeKind.TARGET,
                field="target",
                old=_target(old),
                new=_target(new),
                weakened=_target_weakened(old, old_plan, new, new_plan),
            )
        )
    if old.scope != new.scope:
        found.append(_plain(ChangeKind.TARGET, "scope", old.scope, new.scope))
    return found


def _task(old: Task, new: Task) -> list[Change]:
    found = [
        Change(kind=kind, field=field, old=_joined(a, sep), new=_joined(b, sep))
        for kind, field, a, b, sep in (
            (ChangeKind.UNITS, "lead", old.lead, new.lead, ", "),
            (ChangeKind.UNITS, "cooperating", old.cooperating, new.cooperating, ", "),
            (ChangeKind.PRODUCTS, "products", old.products, new.products, "; "),
        )
        if a != b
    ]
    found.extend(_schedules(old, new))
    found.extend(
        _plain(ChangeKind.DETAILS, field, getattr(old, field), getattr(new, field))
        for field in ("area", "waiver")
        if getattr(old, field) != getattr(new, field)
    )
    return found


def field_changes(old: Item, old_plan: Plan, new: Item, new_plan: Plan) -> list[Change]:
    """The differences of one pair but its place: text, parent items and its own fields.

    A text differing in spacing only is not reworded.
    """
    found: list[Change] = []
    if " ".join(nfc(old.text).split()) != " ".join(nfc(new.text).split()):
        found.append(
            Change(
                kind=ChangeKind.REWORDED,
                field="text",
                old=old.text,
                new=new.text,
                words=word_diff(old.text, new.text),
            )
        )
    if old.inherits != new.inherits:
        # The parent items it carries: the same item under another parent.
        before, after = (_joined([str(link) for link in i.inherits]) for i in (old, new))
        found.append(Change(kind=ChangeKind.MOVED, field="inherits", old=before, new=after))
    if isinstance(old, Task) and isinstance(new, Task):
        found.extend(_task(old, new))
    elif isinstance(old, Indicator) and isinstance(new, Indicator):
        found.extend(_indicator(old, old_plan, new, new_plan))
    elif isinstance(old, Channel) and isinstance(new, Channel) and old.kind is not new.kind:
        found.append(_plain(ChangeKind.DETAILS, "kind", old.kind, new.kind))
    return found
