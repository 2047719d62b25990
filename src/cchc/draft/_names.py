"""Turning the unit names a document writes into unit codes: the registry's, or new units.

A name is looked up in the registry (``--corpus``) the way every cchc command looks units
up (:func:`~cchc.model.find_unit`, relative wordings through
:func:`~cchc.graph.resolve_issuer`: "UBND tỉnh" in a city plan is its province).  A name
the registry does not have becomes a unit the draft declares, with the level its words give
(*xã*, *phường*: commune; *huyện*, *quận*: district; *tỉnh*: province) or, failing that,
the issuer's, which the draft's notes say.  "UBND các phường, xã" is a group: its members
are the units of the levels it names below the issuer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import attrs

from cchc.draft._derive import unit_code
from cchc.exceptions import CchcError
from cchc.model._plan import Members, Unit
from cchc.model._units import find_unit, unit_chain, unit_key, units_named
from cchc.text._normal import fold
from cchc.text._vocab import Level

__all__ = ["Names", "level_of_name"]

_PROVINCE_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")
_LEVEL_WORDS = (
    (r"(?<!thi )\b(?:xa(?! hoi)|phuong|thi tran)\b", Level.COMMUNE),
    (r"\b(?:huyen|(?<!co )quan|thi xa)\b", Level.DISTRICT),
    (r"\btinh\b", Level.PROVINCE),
)
_ASIDE = re.compile(r"\s*\([^)]*\)\s*$")
_ADDRESS = re.compile(r"\s+(?:qua|theo)\s+(?:địa chỉ|email|hộp thư|phòng|Phòng)\b.*$")


def level_of_name(name: str) -> Level | None:
    """The level a unit's name says (``UBND xã Cẩm Duệ``: commune); None when it says none."""
    key = fold(name)
    if re.search(r"\bthanh pho\b", key):
        if any(city in key for city in _PROVINCE_CITIES):
            return Level.PROVINCE
        if not re.search(r"\b(?:xa(?! hoi)|phuong|huyen|(?<!co )quan)\b", key):
            return Level.DISTRICT
    for pattern, level in _LEVEL_WORDS:
        if re.search(pattern, key):
            return level
    return None


def _group_levels(name: str) -> tuple[Level, ...]:
    """For "UBND các phường, xã": the levels of the members the group stands for."""
    key = fold(name)
    position = key.find("cac ")
    if position < 0:
        return ()
    levels: list[Level] = []
    for pattern, level in _LEVEL_WORDS:
        if re.search(pattern, key[position:]) and level not in levels:
            levels.append(level)
    return tuple(levels)


def _loose(name: str) -> str:
    """A name's key with "và" and hyphens as spaces: "HĐND-UBND" and "HĐND và UBND" agree."""
    key = " ".join(re.sub(r"\s*(?:-|\bva\b)\s*", " ", unit_key(name)).split())
    return re.sub(r" (?:thanh pho|huyen|tinh|quan|thi xa)$", "", key)


def _place_part(name: str) -> str:
    """The place a unit's name ends with: ``thanh pho ha noi`` in UBND Thành phố Hà Nội."""
    folded = fold(name)
    match = re.search(r"\b(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran) .+$", folded)
    return match.group() if match else ""


Relative = Callable[[str, str, Mapping[str, Unit]], "str | None"]
"""Reads a relative wording ("UBND tỉnh") as cited by a unit: :func:`cchc.graph.resolve_issuer`."""


class Names:
    """The units one draft names: those of the registry, and those it declares."""

    def __init__(self, registry: Mapping[str, Unit], relative: Relative | None = None) -> None:
        self.registry = registry
        self.relative = relative
        self.declared: dict[str, Unit] = {}
        self.issuer: str | None = None
        self.place: str | None = None
        """The place of the date line, which relative names ("UBND huyện") are read in."""
        self.guessed: list[str] = []
        """Codes of declared units whose level is the issuer's, not their name's."""

    def known(self, code: str) -> Unit | None:
        """The unit *code*, declared here or in the registry."""
        return self.declared.get(code) or self.registry.get(code)

    def lookup(  # noqa: PLR0911, PLR0912 - each way a name can be found returns at once
        self, name: str, place: str | None = None
    ) -> str | None:
        """The code of the unit *name* names in the registry or among the declared; or None."""
        name = _ASIDE.sub("", name).strip(" ,:;")
        if not name:
            return None
        loose = _loose(name)
        for code, unit in self.declared.items():
            if _loose(unit.name) == loose:
                return code
        issuer = self.known(self.issuer) if self.issuer else None
        key = unit_key(name)
        if issuer is not None and key and unit_key(issuer.name).startswith(key + " "):
            # "UBND thành phố" in a plan of UBND thành phố Lạng Sơn: the issuer itself.
            rest = unit_key(issuer.name)[len(key) :].split()
            if rest and not level_of_name(" ".join(rest)):
                return self.issuer
        for units in (self.declared, self.registry):
            try:
                found = find_unit(name, units)
            except CchcError:
                found = None
                codes = units_named(name, units)
                if place is not None:
                    near = [c for c in codes if fold(place) in fold(units[c].name)]
                    if len(near) == 1:
                        return near[0]
                if self.issuer is not None and units is self.registry:
                    relative = self._relative(name)
                    if relative is not None:
                        return relative
            if found is not None and (units is self.declared or self._near(found, name)):
                return found.code
        if self.issuer is not None and self.issuer in self.registry:
            return self._relative(name)
        return None

    def _near(self, unit: Unit, name: str) -> bool:
        """Whether a registry unit found by *name* can be the one this document means.

        "Phòng Nội vụ" in a plan of quận Ba Đình is not Lạng Sơn's Phòng Nội vụ: a name
        without its place names a unit of the issuer's chain or one directly below it.
        """
        if self.issuer is None or self.issuer not in self.registry or _place_part(name):
            return True
        chain = unit_chain(self.registry, self.issuer)
        return unit.code in chain or unit.parent in chain

    def _relative(self, name: str) -> str | None:
        assert self.issuer is not None
        if self.relative is None:
            return None
        code = self.relative(name, self.issuer, self.registry)
        if code is None or not self._near(self.registry[code], name):
            return None
        return code

    def code_for(self, name: str, place: str | None = None, *, heading: bool = False) -> str:
        """The code of *name*: found, or a new unit declared with the draft.

        A unit's *heading* in the implementation section names it as the document does:
        a unit first declared from a mention in a sentence takes the heading's wording.
        """
        name = _ADDRESS.sub("", _ASIDE.sub("", name)).strip(" ,:;")
        place = place or self.place
        found = self.lookup(name, place)
        if found is None and place and level_of_name(name) and not _place_part(name):
            # "UBND huyện" in a plan of Gia Lâm: UBND huyện Gia Lâm.
            found = self.lookup(f"{name} {place}", place)
        if found is not None:
            if heading and found in self.declared and self.declared[found].name != name:
                self.declared[found] = attrs.evolve(self.declared[found], name=name)
            return found
        prefix = self.issuer.rsplit(".", 1)[0] if self.issuer and "." in self.issuer else None
        base = unit_code(name)
        code = f"{prefix}.{base}" if prefix else base
        candidate, number = code, 2
        while candidate in self.registry or candidate in self.declared or candidate == self.issuer:
            candidate, number = f"{code}-{number}", number + 1
        code = candidate
        level = level_of_name(name) or (Level.PROVINCE if name.startswith("Sở ") else None)
        issuer_unit = self.known(self.issuer) if self.issuer else None
        if level is None:
            level = issuer_unit.level if issuer_unit is not None else Level.PROVINCE
            self.guessed.append(code)
        members = None
        levels = _group_levels(name)
        if levels and self.issuer is not None:
            members = Members(levels=levels, under=self.issuer)
        self.declared[code] = Unit(code=code, name=name, level=level, members=members)
        return code

    def issuer_code(self, name: str, place: str | None, text: str = "") -> str:
        """The code of the issuer *name*; a registry unit when one matches, else a new one.

        A name several units share ("UBND Thành phố") is the one whose place the
        document's *text* names ("thành phố Hà Nội").
        """
        codes = units_named(name, self.registry)
        if len(codes) > 1 and text:
            folded = fold(text)
            near = [
                code
                for code in codes
                if (where := _place_part(self.registry[code].name)) and where in folded
            ]
            if len(near) == 1:
                self.issuer = near[0]
                return near[0]
        self.place = place
        candidates = [name]
        if name.startswith("Ban Thường vụ "):
            candidates.append(name.removeprefix("Ban Thường vụ "))
        if place:
            candidates += [f"{candidate} {place}" for candidate in list(candidates)]
        for candidate in candidates:
            found = self.lookup(candidate, place)
            if found is not None:
                self.issuer = found
                return found
        key = unit_key(name)
        code = unit_code(key.replace(" ", "-")) if key else unit_code(name)
        level = level_of_name(name) or level_of_name(place or "") or Level.PROVINCE
        if level_of_name(name) is None:
            self.guessed.append(code)
        self.declared[code] = Unit(code=code, name=name, level=level)
        self.issuer = code
        return code
