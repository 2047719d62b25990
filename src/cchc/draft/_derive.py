"""Derive the skeleton of a child plan from its parent: every parent item carried by a link.

Hà Nội KH 54/KH-UBND (2024) orders every department and district to build its own plan from
the city's "đảm bảo cụ thể nội dung, nhiệm vụ, sản phẩm, thời gian thực hiện".  The skeleton
does the first half: one child item per parent item, with the parent's id, text and an
``inherits`` link, so that its coverage is 100% from the start.  The other half is left as
visible placeholders: each task has no lead unit, no product and no schedule, which is exactly
what :func:`cchc.coverage.concreteness` reports as gaps until the author fills them in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

import attrs

from cchc.exceptions import ModelError
from cchc.model._fingerprint import fingerprint
from cchc.model._groups import Groups
from cchc.model._items import Channel, Indicator, ItemLink, Objective, Task
from cchc.model._plan import LegalBasis, Period, Plan, Unit
from cchc.model._units import find_unit
from cchc.text._dates import format_vn_date
from cchc.text._normal import fold, nfc
from cchc.text._vocab import DocumentKind, Level, PlanStatus, Relation

__all__ = ["derive", "unit_code"]


def unit_code(name: str, taken: Mapping[str, object] = {}) -> str:
    """A unit code invented from *name*: folded, ASCII, words joined by ``-``; unique in *taken*.

    ``UBND phường Đông Kinh`` gives ``ubnd-phuong-dong-kinh``.
    """
    base = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    if not base:
        raise ModelError("unit", "a unit name with at least one letter or digit", name)
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def _lower(level: Level) -> Level:
    levels = list(Level)
    return levels[min(level.rank + 1, len(levels) - 1)]


# A trích yếu often starts "Về việc" or "V/v" (about); a citation says "về" itself.
_ABOUT = re.compile(r"^\s*(?:về\s+việc|v/v|về)\s+", re.IGNORECASE)
_ENACTING = re.compile(r"^\s*ban\s+hành\s+", re.IGNORECASE)


def _subject(parent: Plan) -> str:
    """The parent's trích yếu without a leading "Về việc", "V/v" or "Về"."""
    return _ABOUT.sub("", parent.title, count=1) or parent.title


def _enacted(parent: Plan) -> str | None:
    """For a decision that issues a plan: the issued document's title (``Kế hoạch ...``)."""
    if parent.enacts is None:
        return None
    subject = _subject(parent)
    rest = _ENACTING.sub("", subject, count=1)
    return rest if rest != subject else None


def _citation(parent: Plan, issuer_name: str) -> str:
    words = [parent.kind.vietnamese]
    if parent.ref is not None and not parent.ref.is_blank:
        words.append(f"số {parent.ref}")
    if parent.issued is not None:
        words.append(f"ngày {format_vn_date(parent.issued, 'numeric')}")
    words.append(f"của {issuer_name}")
    enacted = _enacted(parent)
    # "Quyết định ... ban hành Kế hoạch ...", not "về Về việc ban hành Kế hoạch ...".
    words.append(f"ban hành {enacted}" if enacted else f"về {_subject(parent)}")
    return " ".join(words)


def _short(parent: Plan) -> str:
    if parent.ref is not None and not parent.ref.is_blank:
        return f"{parent.kind.vietnamese} số {parent.ref}"
    enacted = _enacted(parent)
    if enacted:
        return enacted
    return f"{parent.kind.vietnamese} “{_subject(parent)}”"


def _title(parent: Plan, year: int) -> str:
    """``Kế hoạch thực hiện Kế hoạch số 54/KH-UBND năm 2024``, the year said once."""
    short = _short(parent)
    when = f"năm {year}"
    return f"Kế hoạch thực hiện {short}" + ("" if short.endswith(when) else f" {when}")


def _issuing_unit(
    parent: Plan, unit: str, known: Mapping[str, Unit], level: Level | None
) -> tuple[Unit, tuple[Unit, ...]]:
    """The unit *unit* names, and the units the child must declare: it, when it is new.

    A new unit joins the group the parent addresses at its level (the one group of the
    parent's expected children, else of its implementers, whose members are of that
    level), so that the parent counts the child's plan among those it expects: below the
    group's ``under`` when the group has a rule, else below the group itself.
    """
    found = find_unit(unit, known)
    if found is not None:
        return found, ()
    if level is None:
        issuer = known.get(parent.issuer)
        level = _lower(issuer.level) if issuer is not None else Level.DISTRICT
    new = Unit(
        code=unit_code(unit, known),
        name=nfc(unit.strip()),
        level=level,
        parent=_joining(parent, known, level),
    )
    return new, (new,)


def _joining(parent: Plan, known: Mapping[str, Unit], level: Level) -> str | None:
    """Where a new unit of *level* belongs to join the group *parent* addresses; None if unsure."""
    for codes in (parent.expected_children, parent.implementers):
        groups = [
            group
            for code in dict.fromkeys(codes)
            if (group := known.get(code)) is not None
            and group.members is not None
            and (level in group.members.levels or group.level is level)
        ]
        if len(groups) == 1:
            (group,) = groups
            assert group.members is not None
            rule = group.members.under is not None and level in group.members.levels
            return group.members.under if rule else group.code
        if groups:
            # Several groups of that level: which one is the author's to say.
            return None
    return None


def _implementing_basis(parent: Plan, known: Mapping[str, Unit]) -> LegalBasis:
    """The child's one legal basis: *parent*, cited as the plan it implements."""
    issuer_name = known[parent.issuer].name if parent.issuer in known else parent.issuer
    return LegalBasis(
        ref=parent.ref,
        kind=parent.kind,
        relation=Relation.IMPLEMENTS,
        date=parent.issued,
        issuer=parent.issuer,
        plan=parent.key,
        citation=_citation(parent, issuer_name),
    )


# Each item is copied whole (so no field is lost as the model grows) and linked to its
# parent; tasks lose what the child must decide: its units, products and times.
_Linked = TypeVar("_Linked", Objective, Channel, Indicator)


def _link(parent: str, item: Task | Objective | Channel | Indicator) -> tuple[ItemLink]:
    """The link to *item* of plan *parent*, recording the item's fingerprint and text.

    Coverage then tells when the parent item changes after the child was derived.
    """
    return (ItemLink(plan=parent, item=item.id, fingerprint=fingerprint(item), text=item.text),)


def _linked(items: tuple[_Linked, ...], parent: str) -> tuple[_Linked, ...]:
    """*items* of plan *parent*, each inheriting from the item of the same id."""
    return tuple(attrs.evolve(i, inherits=_link(parent, i)) for i in items)


def _open_tasks(
    tasks: tuple[Task, ...], parent: str, issuer: str, known: Mapping[str, Unit]
) -> tuple[Task, ...]:
    """*tasks* of plan *parent*, each linked to it, with no unit, product or time yet.

    A duty the parent gives the child's issuer itself, or a group it belongs to ("UBND
    các quận, huyện báo cáo trước ngày 10/12"), is the child's already: it keeps its
    products and schedules, led by the issuer, so the child's calendar keeps the
    parent's deadlines.
    """
    groups = Groups({**known}) if known else None
    found: list[Task] = []
    for task in tasks:
        link = _link(parent, task)
        owed = any(
            code == issuer or (groups is not None and groups.belongs(issuer, code))
            for code in task.lead
        )
        if owed:
            found.append(attrs.evolve(task, lead=(issuer,), cooperating=(), inherits=link))
        else:
            found.append(
                attrs.evolve(
                    task, lead=(), cooperating=(), products=(), schedules=(), inherits=link
                )
            )
    return tuple(found)


def derive(
    parent: Plan,
    unit: str,
    year: int,
    *,
    units: Mapping[str, Unit] | None = None,
    key: str | None = None,
    level: Level | None = None,
) -> Plan:
    """A draft child plan of *unit* for *year* carrying every item of *parent* by a link.

    *unit* is a unit of *units* (code, name or alias, matched by
    :func:`~cchc.model.find_unit`; a name several units share is a :class:`ModelError`) or
    the name of a new unit, which the skeleton then declares with a code invented from the
    folded name and *level* (default: one level below the parent's issuer when that unit is
    known, a district otherwise).

    Every item keeps the parent's id and text: ``inherits`` links the two, tasks get empty
    ``lead``, ``products`` and ``schedules`` (placeholders that concreteness reports as gaps),
    indicators keep the parent's target (a child may raise it, never lower it), and an item
    the parent waived stays waived with the same reason.
    """
    known = dict(units or {})
    if parent.period is not None and not parent.period.start.year <= year <= parent.period.end.year:
        raise ModelError("year", f"a year within the parent's period {parent.period}", year)
    issuer, declared = _issuing_unit(parent, unit, known, level)
    all_units = {**known, **{u.code: u for u in declared}}
    return Plan(
        key=key or f"{issuer.code}.kh-{year}",
        kind=DocumentKind.PLAN,
        title=_title(parent, year),
        issuer=issuer.code,
        status=PlanStatus.DRAFT,
        period=Period.years(year),
        legal_bases=(_implementing_basis(parent, known),),
        parents=(parent.key,),
        objectives=_linked(parent.objectives, parent.key),
        requirements=_linked(parent.requirements, parent.key),
        tasks=_open_tasks(parent.tasks, parent.key, issuer.code, all_units),
        channels=_linked(parent.channels, parent.key),
        indicators=_linked(parent.indicators, parent.key),
        units=declared,
        notes=(
            f"Khung kế hoạch sinh tự động từ {parent.key}: bổ sung đơn vị chủ trì, sản phẩm, "
            "thời gian thực hiện cho từng nhiệm vụ."
        ),
    )
