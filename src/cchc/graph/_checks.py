"""Checks of a corpus seen as a cascade: cycles, duplicates, dates, levels and unit codes.

:func:`check` returns every problem at once as :class:`~cchc.Problem` values, each naming
its plan and file (found by :meth:`cchc.Corpus.locate`), where in it, and a stable rule
name (``graph.cycle`` ...).
Real cascades are untidy (Gia Lâm's labour federation guidance 83/HD-LĐLĐ of 11/6/2021
implements the city's 12/HD-LĐLĐ of 18/6/2021), so only what makes the corpus wrong is an
error; what is merely unusual is a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from cchc.exceptions import Problem, Severity
from cchc.graph._graph import EdgeKind, ExternalDocument, PlanGraph
from cchc.graph._validity import VALIDITY_RULES, validity_problems
from cchc.model._plan import Plan, Unit
from cchc.refs._identity import RefIdentity, identity_on
from cchc.text._dates import format_vn_date
from cchc.text._suggest import did_you_mean
from cchc.text._vocab import DocumentKind, Level

__all__ = ["REFORM_DAY", "RULES", "check"]

REFORM_DAY = dt.date(2025, 7, 1)
"""Districts ended on 1 July 2025, when local government became two levels, province and
commune (Luật Tổ chức chính quyền địa phương 2025, in force that day)."""

RULES: dict[str, Severity] = {
    "graph.cycle": Severity.ERROR,
    "graph.duplicate": Severity.ERROR,
    "graph.unknown_unit": Severity.ERROR,
    "graph.unit_cycle": Severity.ERROR,
    "graph.unknown_parent": Severity.ERROR,
    "graph.unresolved_parent": Severity.WARNING,
    "graph.child_before_parent": Severity.WARNING,
    "graph.period_outside_parent": Severity.WARNING,
    "graph.issuer_above_parent": Severity.WARNING,
    "graph.district_after_reform": Severity.WARNING,
    "graph.district_parent_after_reform": Severity.WARNING,
    "graph.issuer_inactive": Severity.WARNING,
    **VALIDITY_RULES,
}
"""Every rule :func:`check` applies, with its severity."""

_RANK = {level: level.rank for level in Level}


def check(graph: PlanGraph) -> tuple[Problem, ...]:
    """Every problem of the corpus behind *graph*: errors and warnings, rule by rule."""
    found = (
        *_cycles(graph),
        *_duplicates(graph),
        *_unknown_units(graph),
        *_unknown_members(graph),
        *_unit_cycles(graph),
        *_parent_links(graph),
        *_issuer_dates(graph),
        *validity_problems(graph),
    )
    return tuple(graph.corpus.locate(problem) for problem in found)


def _problem(graph: PlanGraph, key: str, path: str, rule: str, message: str) -> Problem:
    # The plan's key, not its file: Corpus.locate is the one place that finds the file.
    return Problem(
        file=None,
        plan=key if key in graph.corpus else None,
        path=path,
        message=message,
        severity=RULES[rule],
        rule=rule,
    )


def _cycles(graph: PlanGraph) -> Iterator[Problem]:
    for cycle in graph.cycles():
        loop = " -> ".join((*cycle, cycle[0]))
        second = cycle[1] if len(cycle) > 1 else cycle[0]
        yield _problem(
            graph,
            cycle[0],
            graph.via(cycle[0], second),
            "graph.cycle",
            f"expected no plan to implement itself through its parents, found the cycle {loop}",
        )


# -- identity -------------------------------------------------------------------------------


def _identity(graph: PlanGraph, plan: Plan) -> RefIdentity | None:
    """What makes *plan* one document and no other, or None when that is not known for sure.

    The :class:`~cchc.refs.RefIdentity` of its reference, issuer and date: a draft with a
    blank number, a state document without a year, or a party document whose term is
    unknown (no date, or a date in a congress window) has no identity beyond its key, so
    that it is never reported as a duplicate of another.
    """
    if plan.ref is None:
        return None
    unit = graph.corpus.unit(plan.issuer)
    level = unit.level if unit is not None else None
    found = identity_on(plan.ref, plan.issuer, plan.issued, kind=plan.kind, level=level)
    return found if found is not None and found.is_complete else None


def _duplicates(graph: PlanGraph) -> Iterator[Problem]:
    first: dict[RefIdentity, Plan] = {}
    for plan in graph.corpus.plans:
        found = _identity(graph, plan)
        if found is None:
            continue
        if found not in first:
            first[found] = plan
            continue
        other = first[found]
        where = graph.corpus.files.get(other.key, other.key)
        yield _problem(
            graph,
            plan.key,
            "$.ref",
            "graph.duplicate",
            f"expected one file per document, found {plan.ref} of {plan.issuer} "
            f"({_year_text(plan)}) also in {where} as {other.key!r}",
        )


def _year_text(plan: Plan) -> str:
    if plan.issued is not None:
        return plan.issued.isoformat()
    return str(plan.ref.year if plan.ref is not None else "")


# -- unit codes -----------------------------------------------------------------------------


def _unit_uses(plan: Plan) -> Iterator[tuple[str, str]]:
    """Every unit code *plan* uses, with where: (path, code)."""
    yield "$.issuer", plan.issuer
    for i, basis in enumerate(plan.legal_bases):
        if basis.issuer is not None:
            yield f"$.legal_bases[{i}].issuer", basis.issuer
    for i, task in enumerate(plan.tasks):
        for field in ("lead", "cooperating"):
            for j, code in enumerate(getattr(task, field)):
                yield f"$.tasks[{i}].{field}[{j}]", code
        for j, schedule in enumerate(task.schedules):
            if schedule.to is not None:
                yield f"$.tasks[{i}].schedules[{j}].to", schedule.to
    for field in ("implementers", "expected_children"):
        for j, code in enumerate(getattr(plan, field)):
            yield f"$.{field}[{j}]", code


def _codes(plan: Plan) -> set[str]:
    """Every unit code *plan* uses, without where: the quick test before locating any."""
    codes = {plan.issuer, *plan.implementers, *plan.expected_children}
    codes.update(b.issuer for b in plan.legal_bases if b.issuer is not None)
    for task in plan.tasks:
        codes.update(task.lead)
        codes.update(task.cooperating)
        codes.update(s.to for s in task.schedules if s.to is not None)
    return codes


def _unknown_units(graph: PlanGraph) -> Iterator[Problem]:
    units = graph.corpus.units
    for plan in graph.corpus.plans:
        if all(code in units for code in _codes(plan)):
            continue
        for path, code in _unit_uses(plan):
            if code not in units:
                yield _problem(
                    graph,
                    plan.key,
                    path,
                    "graph.unknown_unit",
                    f"expected a unit declared in a registry or a plan's units, found {code!r}"
                    + did_you_mean(code, units),
                )


def _unknown_members(graph: PlanGraph) -> Iterator[Problem]:
    """Codes a group's members name (``under``, ``units``) that no file declares."""
    units = graph.corpus.units
    for code, unit in units.items():
        if unit.members is None:
            continue
        named = [("under", unit.members.under)] if unit.members.under is not None else []
        named += [(f"units[{j}]", member) for j, member in enumerate(unit.members.units)]
        for field, member in named:
            if member not in units:
                plan, path = _declaration(graph, code)
                yield Problem(
                    file=None,
                    plan=plan,
                    path=f"{path}.members.{field}",
                    message=f"expected a unit declared in a registry or a plan's units, "
                    f"found {member!r}",
                    severity=RULES["graph.unknown_unit"],
                    rule="graph.unknown_unit",
                )


def _unit_cycles(graph: PlanGraph) -> Iterator[Problem]:
    """Units that belong to themselves through ``parent``, or succeed themselves."""
    units = graph.corpus.units
    for field, words in (
        ("parent", "belong to itself through its parents"),
        ("successor", "take over from itself through its successors"),
    ):
        for cycle in _cycles_of(units, field):
            loop = " -> ".join((*cycle, cycle[0]))
            plan, path = _declaration(graph, cycle[0])
            yield Problem(
                file=None,
                plan=plan,
                path=f"{path}.{field}",
                message=f"expected no unit to {words}, found the cycle {loop}",
                severity=RULES["graph.unit_cycle"],
                rule="graph.unit_cycle",
            )


def _cycles_of(units: Mapping[str, Unit], field: str) -> Iterator[tuple[str, ...]]:
    """Every cycle of the links *field* makes between *units*, each once, from its least code.

    Each unit has at most one such link, so one walk from each unit not yet seen finds
    every cycle, visiting each unit once however long the chains.
    """
    done: set[str] = set()
    for start in sorted(units):
        path: list[str] = []
        on_path: dict[str, int] = {}
        code: str | None = start
        while code is not None and code in units and code not in done:
            on_path[code] = len(path)
            path.append(code)
            done.add(code)
            code = getattr(units[code], field)
        if code is not None and code in on_path:
            cycle = path[on_path[code] :]
            first = cycle.index(min(cycle))
            yield (*cycle[first:], *cycle[:first])


def _declaration(graph: PlanGraph, code: str) -> tuple[str | None, str]:
    """The key and path of a plan declaring the unit *code*; a registry is not named."""
    for plan in graph.corpus.plans:
        for index, unit in enumerate(plan.units):
            if unit.code == code:
                return plan.key, f"$.units[{index}]"
    return None, f"units[{code!r}]"


# -- parent links ---------------------------------------------------------------------------


def describe(graph: PlanGraph, key: str) -> str:
    """A document for a message: its key with its reference and date when known."""
    doc = graph.doc(key)
    ref = doc.ref
    day = doc.issued if isinstance(doc, Plan) else doc.date
    kind = doc.kind.vietnamese if isinstance(doc.kind, DocumentKind) else ""
    parts = [p for p in (kind, str(ref) if ref is not None else "") if p]
    parts += [f"of {day.isoformat()}"] if day is not None else []
    return f"{key!r} ({' '.join(parts)})" if parts else repr(key)


def _external_parent(graph: PlanGraph, child: str, parent: str, path: str) -> Problem:
    """The problem of a parent the corpus does not hold.

    A key written in ``parents`` names a plan of the corpus by definition: one that names
    none is a typo, an error with the closest key.  A parent found from a legal basis is
    a document the corpus lacks: a warning, and it stays an external document.
    """
    if path.startswith("$.parents["):
        return _problem(
            graph,
            child,
            path,
            "graph.unknown_parent",
            f"expected the key of a plan of the corpus, found {parent!r}"
            + did_you_mean(parent, (p.key for p in graph.corpus.plans)),
        )
    return _problem(
        graph,
        child,
        path,
        "graph.unresolved_parent",
        f"expected a plan of the corpus as parent, found none matching "
        f"{describe(graph, parent)}: it stays an external document",
    )


def _parent_links(graph: PlanGraph) -> Iterator[Problem]:
    corpus = graph.corpus
    for child_key, parent_key, _ in graph.edges(EdgeKind.IMPLEMENTS):
        child = corpus.get(child_key)
        if child is None:
            continue
        parent = graph.doc(parent_key)
        path = graph.via(child_key, parent_key)
        if isinstance(parent, ExternalDocument):
            yield _external_parent(graph, child_key, parent_key, path)
            parent_day, parent_issuer, parent_period = parent.date, parent.issuer, None
        else:
            parent_day, parent_issuer, parent_period = parent.issued, parent.issuer, parent.period
        if child.issued and parent_day and child.issued < parent_day:
            yield _problem(
                graph,
                child_key,
                path,
                "graph.child_before_parent",
                f"expected a plan dated on or after its parent, found {child.issued.isoformat()}"
                f", before its parent {describe(graph, parent_key)}",
            )
        if child.period and parent_period and not parent_period.contains(child.period):
            yield _problem(
                graph,
                child_key,
                path,
                "graph.period_outside_parent",
                f"expected a period within its parent's ({parent_period}), found {child.period}",
            )
        upper = corpus.unit(parent_issuer) if parent_issuer else None
        lower = corpus.unit(child.issuer)
        if upper and lower and _RANK[lower.level] < _RANK[upper.level]:
            yield _problem(
                graph,
                child_key,
                path,
                "graph.issuer_above_parent",
                f"expected an issuer at or below the parent's level ({upper.level.value}, "
                f"{_name(graph, upper)}), found {_name(graph, lower)} at {lower.level.value} "
                "level",
            )
        if upper and upper.level is Level.DISTRICT and child.issued and child.issued >= REFORM_DAY:
            # From 1 July 2025 local government has two levels, province and commune
            # (Luật Tổ chức chính quyền địa phương 2025): no district plan is left to carry
            # out, so the parent should be the province's (or a commune's) plan.
            yield _problem(
                graph,
                child_key,
                path,
                "graph.district_parent_after_reform",
                f"expected a parent of province or commune level for a plan issued on or "
                f"after {format_vn_date(REFORM_DAY, 'numeric')}, when districts ended "
                f"(Luật Tổ chức chính quyền địa phương 2025), found "
                f"{describe(graph, parent_key)} of {_name(graph, upper)}, a district-level "
                f"unit, for a plan issued on {format_vn_date(child.issued, 'numeric')}",
            )


def _issuer_dates(graph: PlanGraph) -> Iterator[Problem]:
    for plan in graph.corpus.plans:
        unit = graph.corpus.unit(plan.issuer)
        if unit is None or plan.issued is None:
            continue
        if unit.level is Level.DISTRICT and plan.issued >= REFORM_DAY:
            yield _problem(
                graph,
                plan.key,
                "$.issuer",
                "graph.district_after_reform",
                f"expected no district-level issuer from {REFORM_DAY.isoformat()}, when "
                f"districts ended, found {_name(graph, unit)} on {plan.issued.isoformat()}",
            )
        elif not unit.is_valid_on(plan.issued):
            span = f"{unit.valid_from or '…'} to {unit.valid_to or '…'}"
            yield _problem(
                graph,
                plan.key,
                "$.issuer",
                "graph.issuer_inactive",
                f"expected an issuer that existed on {plan.issued.isoformat()}, found "
                f"{_name(graph, unit)}, valid from {span}",
            )


def _name(graph: PlanGraph, unit: Unit) -> str:
    """The unit's name for a message, with its dates when another unit has the same name."""
    return graph.corpus.unit_name(unit.code, english=True)
