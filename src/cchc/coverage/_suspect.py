"""Suspect links: links whose parent item changed since they recorded its fingerprint.

A link may record the fingerprint (and text) of the parent item it was made against
(:mod:`cchc.model._fingerprint`).  When the item's fingerprint now differs, the link is
*suspect*: the parent item was reworded, or its products, schedules or target changed,
and whoever wrote the child item has to read it again.  Coverage then gives the parent
item the status ``suspect`` (:mod:`cchc.coverage._edge`), still carried, and ``validate``
warns of each such link (rule ``coverage.suspect_link``).  A link that recorded no
fingerprint is *unchecked*: counted, never suspect.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from cchc._faces import rehome
from cchc.exceptions import Problem, Severity
from cchc.files._paths import item_path
from cchc.model._fingerprint import fingerprint
from cchc.model._items import Channel, Indicator, ItemLink, Objective, Task
from cchc.model._plan import Plan

__all__ = ["ChangedLink", "changed_links", "suspect_of"]

Item = Task | Objective | Channel | Indicator


@attrs.frozen(kw_only=True)
class ChangedLink:
    """A child item's link to a parent item that changed since the link recorded it."""

    by: str
    """The id of the child item whose link it is."""
    recorded: str
    """The fingerprint the link recorded."""
    current: str
    """The parent item's fingerprint now."""
    recorded_text: str | None
    """The parent item's text the link recorded; None when it recorded only the fingerprint."""
    current_text: str
    """The parent item's text now."""


def changed_links(item: Item, links: Sequence[tuple[str, ItemLink]]) -> tuple[ChangedLink, ...]:
    """The links of *links* (child item id, link) whose recorded fingerprint is not *item*'s."""
    recorded = [(by, link, link.fingerprint) for by, link in links if link.fingerprint]
    if not recorded:
        return ()  # the fingerprint is worked out only for an item some link recorded
    current = fingerprint(item)
    return tuple(
        ChangedLink(
            by=by,
            recorded=old,
            current=current,
            recorded_text=link.text,
            current_text=item.text,
        )
        for by, link, old in recorded
        if old != current
    )


def suspect_of(parent: Plan, child: Plan) -> tuple[Problem, ...]:
    """The links of *child* to items of *parent* changed since (``coverage.suspect_link``).

    One warning a link, at the link's own path; like
    :func:`~cchc.coverage._edge.dangling_of`, each names the child plan, not its file.
    """
    current: dict[str, str] = {}
    found: list[Problem] = []
    for item in child.items():
        for index, link in enumerate(item.inherits):
            if link.plan != parent.key or link.fingerprint is None:
                continue
            target = parent.item(link.item)
            if target is None:
                continue  # dangling: coverage.dangling says so
            now = current.get(link.item)
            if now is None:
                now = current[link.item] = fingerprint(target)
            if now != link.fingerprint:
                found.append(
                    Problem(
                        file=None,
                        path=f"{item_path(child, item.id) or '$'}.inherits[{index}]",
                        message=(
                            f"links to {link}, which changed since the link recorded it "
                            f"(fingerprint {link.fingerprint}, now {now}): check the item, then "
                            "run links refresh"
                        ),
                        severity=Severity.WARNING,
                        rule="coverage.suspect_link",
                        plan=child.key,
                    )
                )
    return tuple(found)


# Users import these from their public face; they say so in their __module__.
rehome("cchc.coverage", ChangedLink)
