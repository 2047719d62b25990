"""Draft a plan file from a published document, every field with where the text says it.

:func:`draft_plan` reads a :class:`~cchc.draft.Source` the way NĐ 30/2020/NĐ-CP lays a
document out (:mod:`cchc.draft._preamble`, :mod:`cchc.draft._body`) and builds a
:class:`~cchc.Plan` of status ``draft`` from what the text says and nothing else: a field
the text does not give stays empty.  Each field drafted has a :class:`Provenance` (the
blocks and characters it was read from); each passage read but not placed is
:class:`Unplaced`, so that the author checks the first and places the second.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from cchc._faces import rehome
from cchc.draft._body import read_body
from cchc.draft._items import ItemBuilder
from cchc.draft._names import Names, Relative
from cchc.draft._preamble import (
    Opening,
    Spanned,
    header_date,
    header_kind,
    header_ref,
    read_opening,
)
from cchc.draft._segments import Piece, Segmented, segments
from cchc.draft._source import DocumentError, Source
from cchc.exceptions import CchcError
from cchc.model._plan import LegalBasis, Period, Plan, Unit
from cchc.text._vocab import DocumentKind, PlanStatus, Relation

__all__ = ["Draft", "Provenance", "Unplaced", "draft_plan"]


@attrs.frozen(kw_only=True)
class Provenance:
    """Where one drafted field was read: the places in the source and the words there."""

    field: str
    """The field's path in the plan file: ``title``, ``tasks[3].lead[0]``, ``legal_bases[1]``."""
    pieces: tuple[Piece, ...]
    """The blocks and character spans it was read from."""
    text: str
    """The words read, as the source writes them."""
    note: str | None = None
    """How it was read when that is not plain (``the headline``, ``suggested by the matcher``)."""


@attrs.frozen(kw_only=True)
class Unplaced:
    """A passage the drafter read and could not place in the plan."""

    pieces: tuple[Piece, ...]
    text: str


@attrs.frozen(kw_only=True)
class Draft:
    """A drafted plan with the provenance of its fields and the passages left unplaced."""

    plan: Plan
    provenance: tuple[Provenance, ...]
    unplaced: tuple[Unplaced, ...]
    source: str
    """The document drafted from, as named (``-``: standard input)."""
    format: str
    """What it was read as: ``docx``, ``pdf`` or ``text``."""


_YEAR = re.compile(r"\bnăm\s+(?P<year>(?:19|20)[0-9]{2})\b", re.IGNORECASE)
_YEARS = re.compile(
    r"\bgiai\s+đoạn\s+(?P<first>(?:19|20)[0-9]{2})\s*[-–]\s*(?P<last>(?:19|20)[0-9]{2})\b",
    re.IGNORECASE,
)


class _Record:
    """The provenance and unplaced passages of one draft, as they are found."""

    def __init__(self, seg: Segmented) -> None:
        self.seg = seg
        self.provenance: list[Provenance] = []

    def add(self, field: str, span: tuple[int, int], note: str | None = None) -> None:
        """Record that *field* was read from *span* of the joined text."""
        start, end = span
        if end <= start:
            return
        self.provenance.append(
            Provenance(
                field=field,
                pieces=self.seg.locate_text(start, end),
                text=self.seg.text[start:end],
                note=note,
            )
        )


def draft_plan(
    source: Source,
    *,
    units: Mapping[str, Unit] | None = None,
    taken: Sequence[str] = (),
    key: str | None = None,
    relative: Relative | None = None,
) -> Draft:
    """Draft a plan from *source*; *units* is the registry names are looked up in.

    *taken* are keys the new plan must not have (a corpus' plans): a draft whose key
    would be one of them gets ``-draft`` after it.  *relative* reads relative wordings
    ("UBND tỉnh") against the draft's issuer; :func:`cchc.report.draft_in_corpus` passes
    :func:`cchc.graph.resolve_issuer`.  Raises :class:`DocumentError` when
    the text has nothing a plan is made of (no title, or no item and no basis).
    """
    seg = segments(source)
    record = _Record(seg)
    opening = read_opening(seg)
    names = Names(units or {}, relative)
    fields = opening.fields
    title = fields.get("title")
    if title is None:
        raise DocumentError(source.name, "has no title (trích yếu) cchc can find: not a plan?")
    place = str(fields["place"].value) if "place" in fields else None
    issuer = _issuer(source, opening, names, place, record)
    items, unplaced_indexes = read_body(seg, opening.body, opening.used)
    year = _plan_year(opening)
    builder = ItemBuilder(seg, names, record, year)
    built = builder.build(items, unplaced_indexes, opening.used)
    bases = _bases(opening, names, record)
    if not built.has_items and not bases:
        raise DocumentError(
            source.name,
            "holds no legal basis and no item cchc can read (no Căn cứ / Thực hiện, "
            "no numbered Mục đích, Nội dung or Tổ chức thực hiện): not a plan?",
        )
    kind = header_kind(fields["kind"].value) if "kind" in fields else None
    ref = header_ref(fields["ref"].value) if "ref" in fields else None
    issued = header_date(fields["issued"].value) if "issued" in fields else None
    period = _period(str(title.value), title.span, record)
    plan_key = key or _key(issuer, kind, ref, issued, period, taken)
    for name, spanned in fields.items():
        if name in ("title", "ref", "place", "issued", "kind"):
            record.add(name, spanned.span, spanned.note)
    record.add("key", fields["title"].span, "made by cchc from the issuer, kind, number and year")
    notes = _notes(names, built.notes)
    declared = list(names.declared.values())
    plan = Plan(
        key=plan_key,
        kind=kind or DocumentKind.PLAN,
        title=str(title.value),
        issuer=issuer,
        status=PlanStatus.DRAFT,
        ref=ref,
        place=place,
        issued=issued,
        period=period,
        legal_bases=tuple(bases),
        objectives=built.objectives,
        requirements=built.requirements,
        tasks=built.tasks,
        channels=built.channels,
        indicators=built.indicators,
        units=tuple(declared),
        implementers=built.implementers,
        source=f"Drafted by cchc from {source.name} ({source.format}); check every field.",
        notes=notes,
    )
    unplaced = [
        Unplaced(
            pieces=seg.locate(index, 0, len(seg.items[index].text)), text=seg.items[index].text
        )
        for index in sorted(set(unplaced_indexes) - built.placed)
    ]
    return Draft(
        plan=plan,
        provenance=tuple(record.provenance),
        unplaced=tuple(unplaced),
        source=source.name,
        format=source.format,
    )


def _issuer(
    source: Source, opening: Opening, names: Names, place: str | None, record: _Record
) -> str:
    spanned = opening.fields.get("issuer")
    if spanned is not None:
        code = names.issuer_code(str(spanned.value), place, _sample(source))
        record.add("issuer", spanned.span, spanned.note)
        return code
    ref = opening.fields.get("ref")
    written = header_ref(ref.value) if ref is not None else None
    symbol = written.issuer if written is not None else None
    if symbol and place:
        name = f"{symbol} {place}"
        record.add(
            "issuer", ref.span if ref else (0, 0), "the reference's issuer symbol and the place"
        )
        return names.issuer_code(name, place)
    raise DocumentError(source.name, "names no issuer cchc can find (no issuer block above Số:)")


def _sample(source: Source) -> str:
    return "\n".join(block.text for block in source.blocks[:200])


def _bases(opening: Opening, names: Names, record: _Record) -> list[LegalBasis]:
    own = header_ref(opening.fields["ref"].value) if "ref" in opening.fields else None
    bases: list[LegalBasis] = []
    for citation, span in opening.bases:
        if own is not None and citation.ref == own:
            continue
        try:
            basis = LegalBasis(
                ref=citation.ref,
                kind=citation.kind,
                relation=citation.relation or Relation.BASIS,
                date=citation.date,
                issuer_text=" ".join(citation.issuer_text.split())
                if citation.issuer_text
                else None,
                citation=" ".join(citation.text.split()).rstrip(" ;,"),
            )
        except CchcError:
            continue
        record.add(f"legal_bases[{len(bases)}]", span)
        bases.append(basis)
    return bases


def _plan_year(opening: Opening) -> int | None:
    title = opening.fields.get("title")
    if title is not None:
        years = _YEARS.search(str(title.value))
        if years is None and (match := _YEAR.search(str(title.value))) is not None:
            return int(match["year"])
    issued = opening.fields.get("issued")
    date = header_date(issued.value) if issued is not None else None
    return date.year if date is not None else None


def _period(title: str, span: tuple[int, int], record: _Record) -> Period | None:
    try:
        if (match := _YEARS.search(title)) is not None:
            record.add("period", span, f"from the title's “{match.group()}”")
            return Period.years(int(match["first"]), int(match["last"]))
        if (match := _YEAR.search(title)) is not None:
            record.add("period", span, f"from the title's “{match.group()}”")
            return Period.years(int(match["year"]))
    except CchcError:
        return None
    return None


def _key(  # noqa: PLR0917 - private, called once with every part of a key
    issuer: str,
    kind: DocumentKind | None,
    ref: object,
    issued: object,
    period: Period | None,
    taken: Sequence[str],
) -> str:
    abbreviation = ((kind.abbreviation if kind else None) or "kh").lower()
    number = getattr(ref, "number", None)
    year = getattr(issued, "year", None) or (period.start.year if period else None)
    parts = [abbreviation]
    if number:
        parts.append(re.sub(r"[^0-9a-z]+", "-", str(number).lower()).strip("-"))
    if year:
        parts.append(str(year))
    key = f"{issuer}.{'-'.join(part for part in parts if part)}"
    while key in taken:
        key += "-draft"
    return key


def _notes(names: Names, notes: Sequence[str]) -> str:
    lines = [
        "A draft made by cchc from the published text: every field was read from the "
        "text (see the provenance of `draft --json`); nothing the text does not say was filled in."
    ]
    if names.guessed:
        lines.append(
            "Levels taken from the issuer, not from the unit's name: "
            + ", ".join(names.guessed)
            + "."
        )
    lines.extend(notes)
    return "\n".join(lines)


def spanned_text(value: Spanned) -> str:
    """The value of *value* as text."""
    return str(value.value)


# Users import these from their public face; they say so in their __module__.
rehome("cchc.draft", Draft, Provenance, Unplaced)
