"""Two versions of a plan compared item by item: this year's and last year's, an amendment.

Items are paired first by id, then, among those left, by text with the matcher of
``coverage --suggest`` (:func:`cchc.coverage.best_match`, items of the same family only):
two items pair when each is the other's best match, round after round, so that swapping
the versions swaps the pairs.  A pair whose fields differ
is *changed*, with one :class:`Change` a difference: reworded (with a word diff), moved (another
id, section, parent item or place among the items both versions keep), its units, products,
schedules, target or other details.  A change that asks less than before (a lower target, a
later deadline, fewer articles a month) names how it weakens.  Items left unpaired are
*added* or *removed*.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Sequence

import attrs

from cchc._faces import rehome
from cchc.coverage._edge import Family, ItemKind
from cchc.coverage._match import PreparedTexts, best_match
from cchc.model._items import Task
from cchc.model._plan import Plan
from cchc.report._changes import (
    Change,
    ChangeKind,
    Item,
    field_changes,
    value_text,
)

__all__ = [
    "HEADER_FIELDS",
    "HeaderChange",
    "ItemDiff",
    "ItemStatus",
    "MatchedBy",
    "PlanDiff",
    "diff_plans",
]


class ItemStatus(enum.StrEnum):
    """What became of an item between the two versions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class MatchedBy(enum.StrEnum):
    """How an old item was paired with a new one."""

    ID = "id"
    TEXT = "text"


@attrs.frozen(kw_only=True)
class ItemDiff:
    """One item added, removed or changed."""

    status: ItemStatus
    """Added, removed or changed."""
    section: ItemKind
    """The section it stands in (the new version's for a changed item)."""
    old_id: str | None
    """Its id in the old version; None when added."""
    new_id: str | None
    """Its id in the new version; None when removed."""
    text: str
    """Its text: the new version's, the old one's when removed."""
    matched_by: MatchedBy | None = None
    """For a changed item: whether it was paired by id or by text."""
    score: float | None = None
    """For a pair found by text: the matcher's similarity, 0-100."""
    changes: tuple[Change, ...] = ()
    """For a changed item: each difference, in field order."""

    @property
    def weakened(self) -> tuple[Change, ...]:
        """The changes that ask less than before."""
        return tuple(c for c in self.changes if c.weakened is not None)


@attrs.frozen(kw_only=True)
class HeaderChange:
    """A difference in what the document says about itself: title, number, date, issuer."""

    field: str
    """``title``, ``ref``, ``issued``, ``issuer``, ``kind``, ``status`` or ``period``."""
    old: str | None
    """The old value as text."""
    new: str | None
    """The new value as text."""


@attrs.frozen(kw_only=True)
class PlanDiff:
    """Everything that differs between two versions of a plan."""

    old: str
    """Key of the old version."""
    new: str
    """Key of the new version."""
    old_illustrative: bool
    """True when the old version is marked illustrative."""
    new_illustrative: bool
    """True when the new version is marked illustrative."""
    header: tuple[HeaderChange, ...]
    """Differences of the document's header, in the order of :data:`HEADER_FIELDS`."""
    items: tuple[ItemDiff, ...]
    """Items changed (in the new version's order), then removed, then added."""

    @property
    def same(self) -> bool:
        """True when nothing differs (the keys aside)."""
        return not self.header and not self.items

    def count(self, status: ItemStatus) -> int:
        """How many items have *status*."""
        return sum(1 for item in self.items if item.status is status)

    @property
    def weakenings(self) -> int:
        """How many changes ask less than before."""
        return sum(len(item.weakened) for item in self.items)

    def counts(self) -> dict[str, int]:
        """Items changed, removed and added, and the changes that weaken, by name."""
        found = {status.value: self.count(status) for status in ItemStatus}
        return {**found, "weakened": self.weakenings}


HEADER_FIELDS = ("title", "ref", "issued", "issuer", "kind", "status", "period")
"""The header fields compared, in the order they are reported."""

_SECTIONS = (
    ItemKind.OBJECTIVES,
    ItemKind.REQUIREMENTS,
    ItemKind.TASKS,
    ItemKind.CHANNELS,
    ItemKind.INDICATORS,
)


def _sections(plan: Plan) -> list[tuple[ItemKind, Item]]:
    """Every item with its section, in document order."""
    by_kind: dict[ItemKind, Sequence[Item]] = {
        ItemKind.OBJECTIVES: plan.objectives,
        ItemKind.REQUIREMENTS: plan.requirements,
        ItemKind.TASKS: plan.tasks,
        ItemKind.CHANNELS: plan.channels,
        ItemKind.INDICATORS: plan.indicators,
    }
    return [(kind, item) for kind in _SECTIONS for item in by_kind[kind]]


def _header(old: Plan, new: Plan) -> tuple[HeaderChange, ...]:
    found = []
    for field in HEADER_FIELDS:
        before, after = value_text(getattr(old, field)), value_text(getattr(new, field))
        if before != after:
            found.append(HeaderChange(field=field, old=before, new=after))
    return tuple(found)


# --- pairing ----------------------------------------------------------------------------------


@attrs.frozen
class _Pair:
    old: tuple[ItemKind, Item]
    new: tuple[ItemKind, Item]
    by: MatchedBy
    score: float | None = None


Entry = tuple[ItemKind, Item]


def _pairs(old: list[Entry], new: list[Entry]) -> tuple[list[_Pair], list[Entry], list[Entry]]:
    """Pairs by id, then by text within a family; the old and new items left unpaired."""
    new_by_id = {item.id: (kind, item) for kind, item in new}
    pairs = [_Pair(o, new_by_id[o[1].id], MatchedBy.ID) for o in old if o[1].id in new_by_id]
    paired = {p.old[1].id for p in pairs}
    left_old = [o for o in old if o[1].id not in paired]
    left_new = [n for n in new if n[1].id not in paired]
    texts = PreparedTexts()
    while True:
        found = [
            pair
            for family in Family
            for pair in _mutual(
                [o for o in left_old if o[0].family is family],
                [n for n in left_new if n[0].family is family],
                texts,
            )
        ]
        if not found:
            return pairs, left_old, left_new
        pairs.extend(found)
        left_old = [o for o in left_old if all(o is not p.old for p in found)]
        left_new = [n for n in left_new if all(n is not p.new for p in found)]


def _mutual(old: list[Entry], new: list[Entry], texts: PreparedTexts) -> list[_Pair]:
    """The pairs of items that are each other's best match, as coverage suggests one.

    Each side is the other's choices, sorted by id as coverage sorts them, so that the
    order of the file never matters and swapping the versions swaps the pairs.  A pair
    taken leaves the others free for the next round (:func:`_pairs`).
    """
    if not old or not new:
        return []
    old, new = sorted(old, key=_id), sorted(new, key=_id)
    old_texts = [texts(item.text) for _, item in old]
    new_texts = [texts(item.text) for _, item in new]
    found = []
    for i, text in enumerate(old_texts):
        forward = best_match(text, new_texts)
        if forward is None:
            continue
        j, match = forward
        backward = best_match(new_texts[j], old_texts)
        if backward is not None and backward[0] == i:
            found.append(_Pair(old[i], new[j], MatchedBy.TEXT, round(match.score, 1)))
    return found


def _id(entry: Entry) -> str:
    return entry[1].id


def _out_of_place(pairs: Sequence[_Pair], old: list[Entry]) -> set[str]:
    """Old ids of the pairs whose order among the items both versions keep changed.

    The pairs kept in place are a longest run in the same order in both versions; the
    others moved.  Items added or removed around them move nothing.
    """
    where = {item.id: index for index, (_, item) in enumerate(old)}
    sequence = [where[p.old[1].id] for p in pairs]  # pairs come in the new version's order
    tails: list[int] = []  # tails[k]: the index in sequence ending the best run of length k+1
    values: list[int] = []  # values[k]: sequence[tails[k]], kept for the binary search
    before: list[int | None] = [None] * len(sequence)
    for i, value in enumerate(sequence):
        k = bisect.bisect_left(values, value)
        before[i] = tails[k - 1] if k else None
        if k == len(tails):
            tails.append(i)
            values.append(value)
        else:
            tails[k], values[k] = i, value
    kept: set[int] = set()
    at = tails[-1] if tails else None
    while at is not None:
        kept.add(at)
        at = before[at]
    return {pairs[i].old[1].id for i in range(len(pairs)) if i not in kept}


def _changes(
    pair: _Pair, moved: bool, plans: tuple[Plan, Plan], places: tuple[dict[str, str], ...]
) -> tuple[Change, ...]:
    """The differences of a pair: its text, then where it stands, then its other fields."""
    old_plan, new_plan = plans
    (old_kind, old), (new_kind, new) = pair.old, pair.new
    found = field_changes(old, old_plan, new, new_plan)
    at = 1 if found and found[0].kind is ChangeKind.REWORDED else 0
    placed: list[Change] = []
    if old.id != new.id:
        placed.append(_plain(ChangeKind.MOVED, "id", old.id, new.id))
    old_place, new_place = _place(old_kind, old), _place(new_kind, new)
    if old_place != new_place:
        placed.append(_plain(ChangeKind.MOVED, "section", old_place, new_place))
    elif moved:
        placed.append(_plain(ChangeKind.MOVED, "position", places[0][old.id], places[1][new.id]))
    return tuple(found[:at] + placed + found[at:])


def _plain(kind: ChangeKind, field: str, old: str, new: str) -> Change:
    return Change(kind=kind, field=field, old=old, new=new)


def _place(kind: ItemKind, item: Item) -> str:
    """The section an item stands in; a task's part too (content, or a unit's duty)."""
    return f"{kind.value}/{item.kind.value}" if isinstance(item, Task) else kind.value


def _places(items: list[Entry]) -> dict[str, str]:
    """Each item's place in its section, from 1, by id."""
    counted: dict[ItemKind, int] = {}
    places = {}
    for kind, item in items:
        counted[kind] = counted.get(kind, 0) + 1
        places[item.id] = str(counted[kind])
    return places


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """Compare *old* with *new*: the header, then every item added, removed or changed."""
    old_items, new_items = _sections(old), _sections(new)
    pairs, removed, added = _pairs(old_items, new_items)
    order = {item.id: index for index, (_, item) in enumerate(new_items)}
    pairs.sort(key=lambda p: order[p.new[1].id])
    moved = _out_of_place(pairs, old_items)
    places = (_places(old_items), _places(new_items))
    items: list[ItemDiff] = []
    for pair in pairs:
        changes = _changes(pair, pair.old[1].id in moved, (old, new), places)
        if changes:
            kind, item = pair.new
            items.append(
                ItemDiff(
                    status=ItemStatus.CHANGED,
                    section=kind,
                    old_id=pair.old[1].id,
                    new_id=item.id,
                    text=item.text,
                    matched_by=pair.by,
                    score=pair.score,
                    changes=changes,
                )
            )
    items.extend(
        ItemDiff(
            status=ItemStatus.REMOVED, section=kind, old_id=item.id, new_id=None, text=item.text
        )
        for kind, item in removed
    )
    items.extend(
        ItemDiff(status=ItemStatus.ADDED, section=kind, old_id=None, new_id=item.id, text=item.text)
        for kind, item in added
    )
    return PlanDiff(
        old=old.key,
        new=new.key,
        old_illustrative=old.illustrative,
        new_illustrative=new.illustrative,
        header=_header(old, new),
        items=tuple(items),
    )


# Users import these from their public face; they say so in their __module__.
rehome("cchc.report", HeaderChange, ItemDiff, ItemStatus, PlanDiff)
