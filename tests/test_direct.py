"""Records read in one step (cchc.files._direct) are read as the careful way reads them."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.exceptions import CchcError, ModelError
from cchc.files import _convert
from cchc.files._convert import CONVERTER, DATA_ERRORS, error_lines
from cchc.files._direct import direct_structure
from cchc.files._dump import dumps_plan
from cchc.files._json import load_json
from cchc.model._items import Task
from cchc.model._plan import Plan
from tests import strategies


@pytest.fixture(scope="module")
def careful() -> Iterator[cattrs.Converter]:
    """The converter of plan files as it is without the one-step function."""
    with pytest.MonkeyPatch.context() as patch:
        # cattrs makes a class's function when it is first asked for: the patch stays.
        patch.setattr(_convert, "direct_structure", lambda converter, cls: None)
        converter = _convert._make_converter()
        assert converter.structure({"id": "nd1", "text": "x"}, Task) == Task(id="nd1", text="x")
        yield converter


def _outcome(converter: cattrs.Converter, data: object) -> object:
    """The plan *converter* makes of *data*, or its problems as (path, message) lines."""
    try:
        return converter.structure(copy.deepcopy(data), Plan)
    except DATA_ERRORS as error:
        return sorted(error_lines(error))


def test_the_model_classes_read_in_one_step_are_those_whose_constructor_only_checks() -> None:
    assert direct_structure(CONVERTER, Task) is not None
    assert direct_structure(CONVERTER, Plan) is not None

    @attrs.frozen(cache_hash=True)
    class Hashed:
        text: str

    def stripped(text: str) -> str:
        return text.strip()

    @attrs.frozen
    class Converted:
        text: str = attrs.field(converter=stripped)

    @attrs.frozen
    class Hidden:
        text: str
        count: int = attrs.field(init=False, default=0)

    for cls in (Hashed, Converted, Hidden):
        assert direct_structure(CONVERTER, cls) is None


def test_fields_are_set_by_their_slots_or_in_the_instances_dict() -> None:
    # The model's classes are slotted; a class whose fields live in its instances' dict
    # is read in one step too, each field set the general way.
    @attrs.frozen(slots=False)
    class Kept:
        text: str
        count: int = 0

    @attrs.frozen
    class Slotted:
        text: str
        count: int = 0

    for cls in (Kept, Slotted):
        structure = direct_structure(CONVERTER, cls)
        assert structure is not None
        made = structure({"text": "Tuyên truyền", "count": 2}, cls)
        assert made == cls(text="Tuyên truyền", count=2)
        assert structure({"text": "x"}, cls) == cls(text="x")
    assert "text" in vars(Kept(text="x"))


@settings(max_examples=60, deadline=None)
@given(strategies.plans())
def test_a_sound_plan_reads_the_same_in_one_step(careful: cattrs.Converter, plan: Plan) -> None:
    data = load_json(dumps_plan(plan, fmt="json"))
    direct = _outcome(CONVERTER, data)
    assert direct == plan
    assert direct == _outcome(careful, data)


# What a person gets wrong in a task: a field cchc does not know, one left out, text
# where a list belongs, a list of the wrong things, a text not in NFC, a link twice, and
# what only the content checks see: an id or a unit code out of pattern, a product on two
# lines, a control character in the text.
_SPOILS: list[tuple[str, Any]] = [
    ("colour", "đỏ"),
    ("id", None),
    ("text", ["Tuyên truyền"]),
    ("lead", "p01.ubnd"),
    ("lead", [1, 2]),
    ("text", "Tuye\u0302\u0301n truyền"),
    ("products", [""]),
    ("inherits", ["a#nd1", "a#nd1"]),
    ("kind", "không có"),
    ("period", {"start": "2024-12-31", "end": "2024-01-01"}),
    ("id", "nd 1"),
    ("lead", ["Phòng Nội vụ"]),
    ("products", ["tin\nbài"]),
    ("text", "Tuyên\x07truyền"),
]


@settings(max_examples=60, deadline=None)
@given(strategies.plans(), st.data())
def test_a_spoilt_task_gives_the_careful_problems(
    careful: cattrs.Converter, plan: Plan, data: st.DataObject
) -> None:
    written = load_json(dumps_plan(plan, fmt="json"))
    assert isinstance(written, dict)
    tasks = written.get("tasks")
    if not tasks:
        return
    task = tasks[data.draw(st.integers(0, len(tasks) - 1))]
    name, value = data.draw(st.sampled_from(_SPOILS))
    if value is None:
        task.pop(name, None)
    else:
        task[name] = value
    direct, slow = _outcome(CONVERTER, written), _outcome(careful, written)
    assert direct == slow


def test_a_record_that_is_not_sound_is_never_half_made() -> None:
    # The one-step function raises for the careful way to take over; it never returns
    # an object whose field checks did not run.
    structure = direct_structure(CONVERTER, Task)
    assert structure is not None
    with pytest.raises((CchcError, KeyError)):
        structure({"id": "nd1"}, Task)  # no text
    with pytest.raises(CchcError):
        structure({"id": "nd 1", "text": "Tuyên truyền"}, Task)  # an id with a space
    made = structure({"id": "nd1", "text": "Tuyên truyền"}, Task)
    assert made == Task(id="nd1", text="Tuyên truyền")


def test_what_the_one_step_function_answers_itself_is_what_the_check_answers() -> None:
    # It skips the call of a check for a value met before, an allowed None and an empty
    # tuple the check finds fine; a check that refuses them is still called.
    from cchc.model._checks import CODES, OPTIONAL_CODE, FieldCheck, field_check, is_code

    def some(name: str, codes: tuple[Any, ...]) -> ModelError | None:
        return None if codes else ModelError(name, "at least one code", codes)

    @attrs.frozen
    class Owners:
        lead: str = attrs.field(validator=field_check(is_code))
        deputy: str | None = attrs.field(default=None, validator=OPTIONAL_CODE)
        # Read as optional, checked as required: None is the check's to refuse.
        office: str | None = attrs.field(default="vp", validator=field_check(is_code))
        cooperating: tuple[str, ...] = attrs.field(default=(), validator=CODES)
        owners: tuple[str, ...] = attrs.field(
            default=(), validator=FieldCheck(is_code, members="unit codes", whole=some)
        )

    structure = direct_structure(CONVERTER, Owners)
    assert structure is not None
    made = structure({"lead": "snv", "owners": ["snv"]}, Owners)
    assert made == Owners(lead="snv", owners=("snv",))
    assert structure({"lead": "snv", "owners": ["snv"]}, Owners) == made  # "snv" met before
    with pytest.raises(CchcError, match="at least one code"):
        structure({"lead": "snv"}, Owners)  # an empty tuple the check refuses
    assert structure({"lead": "snv", "deputy": None, "owners": ["snv"]}, Owners) == made
    with pytest.raises(CchcError, match="office"):
        structure({"lead": "snv", "office": None, "owners": ["snv"]}, Owners)
