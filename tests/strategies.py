"""Hypothesis strategies for cchc's domain objects, shared by every property test."""

from __future__ import annotations

import datetime as dt
import unicodedata

import attrs
from hypothesis import strategies as st

from cchc import (
    Anchor,
    Cadence,
    Channel,
    ChannelKind,
    Comparator,
    DocumentKind,
    DocumentRef,
    Indicator,
    ItemLink,
    LegalBasis,
    Level,
    Measure,
    Objective,
    Period,
    Plan,
    PlanStatus,
    ReformArea,
    Relation,
    Schedule,
    ScheduleKind,
    Task,
    TaskKind,
    Unit,
)

# Letters Vietnamese text is made of, with the five tone marks on several vowels.
VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)

words = st.text(alphabet=VIETNAMESE_LETTERS, min_size=1, max_size=12)
vietnamese_text = st.lists(words, min_size=1, max_size=12).map(" ".join)
"""Non-empty Vietnamese-looking text in NFC."""

nfd_text = vietnamese_text.map(lambda s: unicodedata.normalize("NFD", s))
"""The same text decomposed, as pasted from some Word and PDF sources."""

any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)
"""Arbitrary text, combining marks and control characters included."""

one_line_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
    max_size=120,
).map(lambda s: unicodedata.normalize("NFC", s))
"""Any one line of text a plan may hold: no control character, surrogate or line break."""

multiline_text = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=["Cc", "Cs"], include_characters="\t\n"
    ),
    max_size=200,
).map(lambda s: unicodedata.normalize("NFC", s))
"""Any text a plan's item text or notes may hold: one line's characters, tabs and line breaks."""

keys = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)
item_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,8}", fullmatch=True)
unit_codes = keys

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """A period of whole years or of two dates."""
    if draw(st.booleans()):
        first = draw(st.integers(1990, 2040))
        return Period.years(first, draw(st.integers(first, 2045)))
    start = draw(dates)
    return Period(start=start, end=draw(st.dates(min_value=start, max_value=dt.date(2045, 12, 31))))


type_codes = st.sampled_from(
    sorted(k.abbreviation for k in DocumentKind if k.abbreviation is not None)
)
issuer_symbols = st.sampled_from(["UBND", "HĐND", "CP", "TTg", "BNV", "LĐLĐ", "SNV", "VPCP"])
numbers = st.integers(1, 9999).map(lambda n: f"{n:02d}")


@st.composite
def refs(draw: st.DrawFn) -> DocumentRef:
    """A canonical document reference of any form cchc reads."""
    form = draw(st.sampled_from(["state", "normative", "letter", "party", "draft", "bare"]))
    if form == "party":
        return DocumentRef(
            number=draw(numbers),
            code=draw(st.sampled_from(["NQ", "CT", "CTr", "KL", "HD", "CV", "QĐ"])),
            issuer=draw(st.sampled_from(["TU", "TW", "VPTW", "BTCTW"])),
            party=True,
        )
    if form == "bare":
        return DocumentRef(number=draw(numbers))
    if form == "letter":
        return DocumentRef(
            number=draw(numbers),
            issuer=draw(issuer_symbols),
            unit=draw(st.sampled_from(["VXNV", "CCHC&PC", "KT", "NC"])),
        )
    return DocumentRef(
        number=None if form == "draft" else draw(numbers),
        code=draw(type_codes),
        issuer=draw(issuer_symbols),
        year=draw(st.integers(1990, 2040)) if form == "normative" else None,
    )


@st.composite
def units(draw: st.DrawFn, code: str | None = None) -> Unit:
    """A unit, optionally with a given code."""
    valid_from = draw(st.none() | dates)
    valid_to = draw(
        st.none()
        | st.dates(min_value=valid_from or dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))
    )
    unit_code = code or draw(unit_codes)
    return Unit(
        code=unit_code,
        name=draw(vietnamese_text),
        level=draw(st.sampled_from(Level)),
        parent=draw(st.none() | unit_codes.filter(lambda c: c != unit_code)),
        symbol=draw(st.none() | issuer_symbols),
        aliases=tuple(draw(st.lists(vietnamese_text, max_size=2))),
        valid_from=valid_from,
        valid_to=valid_to,
    )


links = st.builds(ItemLink, plan=keys, item=item_ids, editorial=st.booleans())


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    """A valid schedule of any kind."""
    kind = draw(st.sampled_from(ScheduleKind))
    text = draw(st.just("") | vietnamese_text)
    if kind is ScheduleKind.DUE:
        return Schedule(kind=kind, due=draw(dates), text=text)
    if kind is ScheduleKind.CONTINUOUS:
        return Schedule(kind=kind, text=text)
    cadences = tuple(draw(st.lists(st.sampled_from(Cadence), min_size=1, max_size=3, unique=True)))
    anchor = draw(st.none() | st.sampled_from(Anchor))
    day = draw(st.integers(1, 31)) if anchor in (Anchor.DAY, Anchor.FOLLOWING_DAY) else None
    return Schedule(
        kind=kind,
        cadences=cadences,
        anchor=None if kind is ScheduleKind.QUOTA else anchor,
        day=None if kind is ScheduleKind.QUOTA else day,
        count=draw(st.integers(1, 10)) if kind is ScheduleKind.QUOTA else None,
        what=draw(st.none() | vietnamese_text) if kind is ScheduleKind.QUOTA else None,
        to=draw(st.none() | unit_codes) if kind is ScheduleKind.REPORT else None,
        text=text,
    )


@st.composite
def tasks(draw: st.DrawFn, item_id: str | None = None) -> Task:
    """A task with any mix of units, products, schedules and links."""
    inherits = tuple(
        draw(st.lists(links, max_size=3, unique_by=lambda link: (link.plan, link.item)))
    )
    waived = bool(inherits) and draw(st.booleans())
    return Task(
        id=item_id or draw(item_ids),
        text=draw(st.just("") if waived else vietnamese_text),
        kind=draw(st.sampled_from(TaskKind)),
        area=draw(st.none() | st.sampled_from(ReformArea)),
        lead=tuple(draw(st.lists(unit_codes, max_size=2))),
        cooperating=tuple(draw(st.lists(unit_codes, max_size=2))),
        products=tuple(draw(st.lists(vietnamese_text, max_size=2))),
        schedules=tuple(draw(st.lists(schedules(), max_size=2))),
        inherits=inherits,
        waiver=draw(vietnamese_text) if waived else None,
    )


@st.composite
def indicators(draw: st.DrawFn, item_id: str) -> Indicator:
    """An indicator whose value fits its measure."""
    measure = draw(st.sampled_from(Measure))
    value = draw(st.integers(0, 100) if measure is Measure.PERCENT else st.integers(0, 1000))
    return Indicator(
        id=item_id,
        text=draw(vietnamese_text),
        comparator=draw(st.sampled_from(Comparator)),
        value=float(value),
        measure=measure,
        per=draw(st.none() | st.sampled_from(Cadence)),
        scope=draw(st.none() | vietnamese_text),
    )


legal_bases = st.builds(
    LegalBasis,
    ref=st.none() | refs(),
    kind=st.sampled_from(DocumentKind),
    relation=st.sampled_from(Relation),
    date=st.none() | dates,
    issuer=st.none() | unit_codes,
    issuer_text=st.none() | vietnamese_text,
    plan=st.none() | keys,
    citation=st.just("") | vietnamese_text,
)


@st.composite
def plans(draw: st.DrawFn, key: str | None = None) -> Plan:
    """A valid plan with items of every kind and unique item ids."""
    plan_key = key or draw(keys)
    ids = draw(st.lists(item_ids, unique=True, max_size=12))
    # Hand the unique ids out to the item kinds in turn.
    kinds = [draw(st.sampled_from("ortci")) for _ in ids]
    pick = {k: [i for i, kind in zip(ids, kinds, strict=True) if kind == k] for k in "ortci"}
    declared = draw(st.lists(unit_codes, unique=True, max_size=3))
    return Plan(
        key=plan_key,
        kind=draw(st.sampled_from(DocumentKind)),
        title=draw(vietnamese_text),
        issuer=draw(unit_codes),
        status=draw(st.sampled_from(PlanStatus)),
        ref=draw(st.none() | refs()),
        place=draw(st.none() | vietnamese_text),
        issued=draw(st.none() | dates),
        period=draw(st.none() | periods()),
        legal_bases=tuple(draw(st.lists(legal_bases, max_size=3))),
        parents=tuple(
            draw(st.lists(keys.filter(lambda k: k != plan_key), unique=True, max_size=2))
        ),
        objectives=tuple(Objective(id=i, text=draw(vietnamese_text)) for i in pick["o"]),
        requirements=tuple(Objective(id=i, text=draw(vietnamese_text)) for i in pick["r"]),
        tasks=tuple(draw(tasks(item_id=i)) for i in pick["t"]),
        channels=tuple(
            Channel(id=i, kind=draw(st.sampled_from(ChannelKind)), text=draw(vietnamese_text))
            for i in pick["c"]
        ),
        indicators=tuple(draw(indicators(item_id=i)) for i in pick["i"]),
        units=tuple(draw(units(code=c)) for c in declared),
        implementers=tuple(draw(st.lists(unit_codes, max_size=3))),
        expected_children=tuple(draw(st.lists(unit_codes, max_size=3))),
        source=draw(st.none() | vietnamese_text),
        notes=draw(st.none() | vietnamese_text),
    )


@st.composite
def forests(draw: st.DrawFn, max_plans: int = 8) -> tuple[tuple[Unit, ...], tuple[Plan, ...]]:
    """A valid corpus: units in a hierarchy and plans implementing earlier plans.

    Each plan may implement some of the plans before it (so there is no cycle) and links
    some of its tasks to its parents' tasks with ``inherits``; dates and periods follow the
    parents so that nothing but coverage gaps can be found wrong.
    """
    count = draw(st.integers(1, max_plans))
    # One year for the whole cascade, so that children never fall outside their parents.
    year = draw(st.integers(2021, 2024))
    levels = list(Level)
    units_: list[Unit] = []
    plans_: list[Plan] = []
    for index in range(count):
        parents = draw(
            st.lists(st.sampled_from(range(index)), unique=True, max_size=2)
            if index
            else st.just([])
        )
        level = levels[
            min(len(levels) - 1, 1 + max((_depth(p, plans_) for p in parents), default=0))
        ]
        parent_unit = units_[parents[0]].code if parents else None
        unit = Unit(code=f"u{index}", name=draw(vietnamese_text), level=level, parent=parent_unit)
        units_.append(unit)
        task_ids = [f"nd{i}" for i in range(draw(st.integers(0, 5)))]
        parent_tasks = [ItemLink(plan=f"p{p}", item=t.id) for p in parents for t in plans_[p].tasks]
        links = draw(st.lists(st.sampled_from(parent_tasks), unique=True)) if parent_tasks else []
        tasks_ = [
            Task(
                id=task_id,
                text=draw(vietnamese_text),
                lead=(unit.code,),
                schedules=tuple(draw(st.lists(_unit_free_schedules(), max_size=2))),
                inherits=tuple(links[i :: len(task_ids)]) if task_ids else (),
            )
            for i, task_id in enumerate(task_ids)
        ]
        plans_.append(
            Plan(
                key=f"p{index}",
                kind=DocumentKind.PLAN,
                title=draw(vietnamese_text),
                issuer=unit.code,
                issued=dt.date(year, 1, 1) + dt.timedelta(days=index),
                period=Period.years(year),
                parents=tuple(f"p{p}" for p in parents),
                tasks=tuple(tasks_),
            )
        )
    return tuple(units_), tuple(plans_)


def _depth(index: int, plans_: list[Plan]) -> int:
    parents = [int(key[1:]) for key in plans_[index].parents]
    return 1 + max((_depth(p, plans_) for p in parents), default=0)


@st.composite
def _unit_free_schedules(draw: st.DrawFn) -> Schedule:
    """A schedule that names no unit (``to`` empty), so a forest declares every unit it uses."""
    return attrs.evolve(draw(schedules()), to=None)
