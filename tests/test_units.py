"""Units by name and by chain of parents: the one matcher and the one walker of the model."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.exceptions import ModelError
from cchc.model._plan import Unit
from cchc.model._units import find_unit, unit_chain, unit_key, units_named
from cchc.text._vocab import Level

UNITS = {
    u.code: u
    for u in (
        Unit(
            code="hn.ubnd",
            name="UBND Thành phố Hà Nội",
            level=Level.PROVINCE,
            aliases=("UBND Thành phố",),
        ),
        Unit(code="hn.snv", name="Sở Nội vụ", level=Level.PROVINCE, parent="hn.ubnd"),
        Unit(code="hn.tu", name="Thành ủy Hà Nội", level=Level.PROVINCE),
        Unit(code="ls.ubnd", name="UBND tỉnh Lạng Sơn", level=Level.PROVINCE),
        Unit(
            code="ls-tp.ubnd",
            name="UBND thành phố Lạng Sơn",
            level=Level.DISTRICT,
            parent="ls.ubnd",
            aliases=("UBND thành phố",),
        ),
        Unit(code="ls-tp.pnv", name="Phòng Nội vụ", level=Level.DISTRICT, parent="ls-tp.ubnd"),
    )
}


@pytest.mark.parametrize(
    ("wording", "key"),
    [
        ("Ủy ban nhân dân thành phố Hà Nội", "ubnd thanh pho ha noi"),
        ("của UBND TP. Hà Nội", "ubnd thanh pho ha noi"),
        ("UBND  Thành phố   Hà Nội", "ubnd thanh pho ha noi"),
        ("Thành ủy Hà Nội khóa XVII", "thanh uy ha noi"),
        ("Liên đoàn Lao động huyện Gia Lâm", "ldld huyen gia lam"),
        ("Hội đồng nhân dân tỉnh", "hdnd tinh"),
    ],
)
def test_every_wording_of_a_name_has_one_key(wording: str, key: str) -> None:
    assert unit_key(wording) == key


def test_names_are_matched_without_case_or_marks_and_whole() -> None:
    assert units_named("UỶ BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", UNITS) == ("hn.ubnd",)
    assert units_named("so noi vu", UNITS) == ("hn.snv",)
    # A wording that merely starts like a name is another name: whole keys are compared.
    assert units_named("Sở Nội vụ Hà Nội", UNITS) == ()
    assert units_named("UBND thành phố", UNITS) == ("hn.ubnd", "ls-tp.ubnd")
    assert units_named("", UNITS) == ()
    assert units_named("của", UNITS) == ()


def test_find_unit_takes_a_code_or_one_name() -> None:
    assert find_unit("ls-tp.pnv", UNITS) is UNITS["ls-tp.pnv"]
    assert find_unit("LS-TP.PNV", UNITS) is UNITS["ls-tp.pnv"]
    assert find_unit("Phòng Nội vụ", UNITS) is UNITS["ls-tp.pnv"]
    assert find_unit("Phòng Tư pháp", UNITS) is None
    with pytest.raises(ModelError, match=r"hn\.ubnd, ls-tp\.ubnd") as caught:
        find_unit("UBND Thành phố", UNITS)
    assert caught.value.got == "UBND Thành phố"


def test_unit_chain_walks_parents_nearest_first() -> None:
    assert unit_chain(UNITS, "ls-tp.pnv") == ("ls-tp.pnv", "ls-tp.ubnd", "ls.ubnd")
    assert unit_chain(UNITS, "hn.ubnd") == ("hn.ubnd",)
    assert unit_chain(UNITS, "nowhere") == ("nowhere",)
    orphan = {"a": Unit(code="a", name="Phòng A", level=Level.COMMUNE, parent="gone")}
    assert unit_chain(orphan, "a") == ("a", "gone")


def _looped(size: int) -> dict[str, Unit]:
    """Units 0 -> 1 -> ... -> size-1 -> 0 through ``parent``: a cycle no registry should hold."""
    codes = [f"u{i}" for i in range(size)]
    return {
        code: Unit(
            code=code, name=f"Phòng {code}", level=Level.COMMUNE, parent=codes[(i + 1) % size]
        )
        for i, code in enumerate(codes)
    }


@given(st.integers(2, 40), st.data())
def test_unit_chain_ends_on_a_cycle_of_parents(size: int, data: st.DataObject) -> None:
    units = _looped(size)
    start = data.draw(st.sampled_from(sorted(units)))
    chain = unit_chain(units, start)
    assert chain[0] == start
    assert sorted(chain) == sorted(units)  # every unit of the loop once, then it stops


def test_the_unit_key_cache_keeps_short_wordings_only() -> None:
    from cchc.model import _units

    _units._unit_key_short.cache_clear()
    long_wording = "Ủy ban nhân dân " * 100
    assert unit_key(long_wording) == " ".join(["ubnd"] * 100)
    assert _units._unit_key_short.cache_info().currsize == 0
    assert unit_key("Ủy ban nhân dân tỉnh") == "ubnd tinh"
    assert _units._unit_key_short.cache_info().currsize == 1
