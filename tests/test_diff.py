"""``diff``: two versions of a real seed plan, every kind of change found and nothing else.

The versions are made by hand from Lạng Sơn city's 2024 communication plan by
``tests/golden/regenerate.py`` (:func:`old_version`, :func:`new_version`), which also keeps
the golden output; everything they add to the real plan is ILLUSTRATIVE.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import shutil
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import (
    Cadence,
    Comparator,
    DocumentKind,
    Indicator,
    Measure,
    Period,
    Plan,
    Schedule,
    ScheduleKind,
    Task,
    bundled_corpus_path,
    load_plan,
)
from cchc.cli import main
from cchc.files._dump import dump_plan
from cchc.report._changes import ChangeKind, Weakened, WordOp, word_diff
from cchc.report._diff import ItemStatus, MatchedBy, PlanDiff, diff_plans
from tests.strategies import plans, vietnamese_text

GOLDEN = Path(__file__).resolve().parent / "golden"


def _regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_regenerate", GOLDEN / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regenerate()


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """The seed plan copied into *tmp_path*, and its two versions written beside it."""
    seed = tmp_path / "seed.yaml"
    shutil.copyfile(bundled_corpus_path() / REGEN.DIFF_SEED, seed)
    old = REGEN.old_version(load_plan(seed))
    paths = (tmp_path / "old.yaml", tmp_path / "new.yaml")
    dump_plan(old, paths[0])
    dump_plan(REGEN.new_version(old), paths[1])
    return paths


def _diff(paths: tuple[Path, Path]) -> PlanDiff:
    return diff_plans(load_plan(paths[0]), load_plan(paths[1]))


def _found(diff: PlanDiff) -> set[tuple[str, str | None, str | None, str, str, str | None]]:
    """(status, old id, new id, change kind, field, weakened) of every difference."""
    found: set[tuple[str, str | None, str | None, str, str, str | None]] = set()
    for item in diff.items:
        for change in item.changes or (None,):
            kind = "" if change is None else change.kind.value
            field = "" if change is None else change.field
            weakened = None if change is None or change.weakened is None else change.weakened
            found.add((item.status.value, item.old_id, item.new_id, kind, field, weakened))
    return found


CHANGED = ItemStatus.CHANGED.value

EXPECTED = {
    (CHANGED, "nd3", "nd3", ChangeKind.REWORDED, "text", None),
    ("removed", "nd9", None, "", "", None),
    ("added", None, "nd10", "", "", None),
    (CHANGED, "tc2.4", "tc3.5", ChangeKind.MOVED, "id", None),
    (CHANGED, "tc2.4", "tc3.5", ChangeKind.MOVED, "position", None),
    (CHANGED, "tc2.3", "tc2.3", ChangeKind.UNITS, "cooperating", None),
    (CHANGED, "tc1.4", "tc1.4", ChangeKind.REWORDED, "text", None),
    (CHANGED, "tc1.4", "tc1.4", ChangeKind.SCHEDULES, "schedules[0]", Weakened.FEWER),
    (CHANGED, "tc2.2", "tc2.2", ChangeKind.SCHEDULES, "schedules[0]", Weakened.LATER_DEADLINE),
    (CHANGED, "ct1", "ct1", ChangeKind.REWORDED, "text", None),
    (CHANGED, "ct1", "ct1", ChangeKind.TARGET, "target", Weakened.LOWER_TARGET),
}


def test_every_kind_of_change_is_found_and_nothing_else(versions: tuple[Path, Path]) -> None:
    diff = _diff(versions)
    assert _found(diff) == EXPECTED
    assert [(h.field, h.old, h.new) for h in diff.header] == [
        ("ref", "/KH-UBND", "45/KH-UBND"),
        ("issued", "2024-02-27", "2024-03-05"),
        ("status", "draft", "issued"),
    ]
    assert diff.counts() == {"added": 1, "removed": 1, "changed": 6, "weakened": 3}


def test_a_renumbered_item_is_paired_by_text_and_the_others_by_id(
    versions: tuple[Path, Path],
) -> None:
    changed = {i.new_id: i for i in _diff(versions).items if i.status is ItemStatus.CHANGED}
    assert changed["tc3.5"].matched_by is MatchedBy.TEXT
    assert changed["tc3.5"].score == 100
    others = {i.matched_by for key, i in changed.items() if key != "tc3.5"}
    assert others == {MatchedBy.ID}


def test_the_weakenings_name_old_and_new_values(versions: tuple[Path, Path]) -> None:
    weakened = {
        (item.new_id, c.old, c.new) for item in _diff(versions).items for c in item.weakened
    }
    assert ("ct1", "≥ 100% yearly", "≥ 90% yearly") in weakened
    assert (
        "tc2.2",
        "due 2024-06-30 “trước ngày 30/6/2024”",
        "due 2024-09-30 “trước ngày 30/9/2024”",
    ) in weakened
    (quota,) = [w for w in weakened if w[0] == "tc1.4"]
    assert quota[1] is not None
    assert "quota 2 tin, bài monthly" in quota[1]


def test_removing_a_plain_item_moves_nothing() -> None:
    plan = load_plan(bundled_corpus_path() / REGEN.DIFF_SEED)
    fewer = attrs.evolve(plan, tasks=plan.tasks[1:])
    diff = diff_plans(plan, fewer)
    assert _found(diff) == {("removed", plan.tasks[0].id, None, "", "", None)}


def test_the_same_file_twice_is_no_difference_and_exit_0(versions: tuple[Path, Path]) -> None:
    old = str(versions[0])
    code, out, err = _run("diff", old, old, "--lang", "en")
    assert (code, err) == (0, "")
    assert "no differences" in out
    code, out, _ = _run("diff", old, old, "--json")
    document = json.loads(out)
    assert (code, document["same"], document["items"], document["header"]) == (0, True, [], [])


def test_differing_files_are_exit_1(versions: tuple[Path, Path]) -> None:
    code, out, _ = _run("diff", *map(str, versions), "--lang", "vi")
    assert code == 1
    assert "{+về hướng dẫn của Sở Nội vụ+}" in out
    assert "yếu đi: chỉ tiêu thấp hơn" in out


def test_bad_files_are_exit_2_with_every_problem_of_both(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: [", encoding="utf-8")
    missing = tmp_path / "nowhere.yaml"
    for flags in ((), ("--json",)):
        code, out, err = _run("diff", str(bad), str(missing), *flags)
        assert (code, out) == (2, "")
        assert str(bad) in err
        assert str(missing) in err
        assert "Traceback" not in err


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("Phòng Nội vụ chủ trì", "Sở Nội vụ chủ trì", id="replaced"),
        pytest.param("Văn phòng chủ trì.", "Văn phòng, Sở Nội vụ chủ trì.", id="inserted"),
        pytest.param(
            unicodedata.normalize("NFD", "Sở Tư pháp phối hợp"),
            unicodedata.normalize("NFD", "Sở Nội vụ phối hợp"),
            id="nfd",
        ),
    ],
)
def test_the_word_diff_keeps_so_noi_vu_whole_and_nfc(old: str, new: str) -> None:
    words = word_diff(old, new)
    assert all(unicodedata.is_normalized("NFC", w.text) for w in words)
    # No word is cut: every word of every run is a whole word of one of the texts.
    written = unicodedata.normalize("NFC", f"{old} {new}").replace(",", " ").replace(".", " ")
    runs = " ".join(w.text for w in words).replace(",", " ").replace(".", " ")
    assert set(runs.split()) <= set(written.split())
    assert "Sở Nội vụ" in "".join(w.text for w in words if w.op is not WordOp.DELETE)
    assert not [w for w in words if unicodedata.combining(w.text[0])]


def test_a_replaced_word_is_deleted_then_inserted_whole() -> None:
    words = word_diff("Hằng tháng, có ít nhất 02 tin, bài", "Hằng quý, có ít nhất 01 tin, bài")
    assert [(w.op, w.text) for w in words] == [
        (WordOp.EQUAL, "Hằng "),
        (WordOp.DELETE, "tháng"),
        (WordOp.INSERT, "quý"),
        (WordOp.EQUAL, ", có ít nhất "),
        (WordOp.DELETE, "02 "),
        (WordOp.INSERT, "01 "),
        (WordOp.EQUAL, "tin, bài"),
    ]


@given(vietnamese_text, vietnamese_text)
def test_a_word_diff_gives_back_both_texts(old: str, new: str) -> None:
    words = word_diff(old, new)
    kept_old = "".join(w.text for w in words if w.op is not WordOp.INSERT)
    kept_new = "".join(w.text for w in words if w.op is not WordOp.DELETE)
    for kept, text in ((kept_old, old), (kept_new, new)):
        assert kept.split() == unicodedata.normalize("NFC", text).split()


@given(plans())
def test_a_plan_differs_from_itself_in_nothing(plan: Plan) -> None:
    diff = diff_plans(plan, plan)
    assert diff.same
    assert diff.items == ()


@given(plans(key="a"), st.data())
def test_swapping_old_and_new_swaps_added_and_removed(plan: Plan, data: st.DataObject) -> None:
    other = data.draw(st.sampled_from([plan, data.draw(plans(key="b"))]) | _edited(plan))
    forth, back = diff_plans(plan, other), diff_plans(other, plan)

    def ids(diff: PlanDiff, status: ItemStatus) -> set[str | None]:
        return {
            i.new_id if status is ItemStatus.ADDED else i.old_id
            for i in diff.items
            if i.status is status
        }

    assert ids(forth, ItemStatus.ADDED) == ids(back, ItemStatus.REMOVED)
    assert ids(forth, ItemStatus.REMOVED) == ids(back, ItemStatus.ADDED)
    assert forth.count(ItemStatus.CHANGED) == back.count(ItemStatus.CHANGED)
    assert forth.same == back.same


def _edited(plan: Plan) -> st.SearchStrategy[Plan]:
    """*plan* with some tasks dropped and the others renumbered: pairs found by text."""
    return st.lists(st.booleans(), min_size=len(plan.tasks), max_size=len(plan.tasks)).map(
        lambda keep: attrs.evolve(
            plan,
            tasks=tuple(
                attrs.evolve(task, id=f"x{n}")
                for n, (task, kept) in enumerate(zip(plan.tasks, keep, strict=True))
                if kept and not any(i.id == f"x{n}" for i in plan.items())
            ),
        )
    )


def test_json_holds_the_word_diff_in_nfc(versions: tuple[Path, Path]) -> None:
    code, out, _ = _run("diff", *map(str, versions), "--json")
    document = json.loads(out)
    assert code == 1
    (nd3,) = [i for i in document["items"] if i["new_id"] == "nd3"]
    inserted = [w["text"] for w in nd3["changes"][0]["words"] if w["op"] == "insert"]
    assert inserted == ["về hướng dẫn của Sở Nội vụ "]
    assert document["counts"]["weakened"] == 3


def test_hostile_text_is_shown_visibly(tmp_path: Path) -> None:
    plan = load_plan(bundled_corpus_path() / REGEN.DIFF_SEED)
    task = plan.tasks[0]
    hostile = attrs.evolve(task, text=f"{task.text} \u202eabc\u202c [red]đỏ[/red]")
    paths = (tmp_path / "old.yaml", tmp_path / "new.yaml")
    dump_plan(plan, paths[0])
    dump_plan(attrs.evolve(plan, tasks=(hostile, *plan.tasks[1:])), paths[1])
    code, out, _ = _run("diff", *map(str, paths), "--lang", "en")
    assert code == 1
    assert "\u202e" not in out
    assert "<U+202E>abc<U+202C>" in out
    assert "[red]đỏ[/red]" in out  # content, not markup


def _bare(*, indicator: Indicator | None = None, schedule: Schedule | None = None) -> Plan:
    """A plan of one task (with *schedule*) and at most one indicator, for one comparison."""
    task = Task(id="nd1", text="Tuyên truyền CCHC", schedules=(schedule,) if schedule else ())
    return Plan(
        key="kh-1",
        kind=DocumentKind.PLAN,
        title="Kế hoạch tuyên truyền CCHC",
        issuer="ubnd",
        period=Period.years(2024, 2025),
        tasks=(task,),
        indicators=(indicator,) if indicator else (),
    )


def _target(comparator: Comparator, value: float, measure: Measure, **more: Any) -> Indicator:
    return Indicator(
        id="ct1", text="Chỉ tiêu", comparator=comparator, value=value, measure=measure, **more
    )


def _quota(count: int, cadence: Cadence) -> Schedule:
    return Schedule(kind=ScheduleKind.QUOTA, cadences=(cadence,), count=count, what="tin, bài")


def _due(day: dt.date) -> Schedule:
    return Schedule(kind=ScheduleKind.DUE, due=day)


AT_LEAST, AT_MOST = Comparator.AT_LEAST, Comparator.AT_MOST
PERCENT, TIMES = Measure.PERCENT, Measure.TIMES

# (old, new, how it weakens or None), worked out by hand; counts compare a month.
TARGETS = [
    pytest.param(
        _target(AT_LEAST, 100, PERCENT),
        _target(AT_LEAST, 90, PERCENT),
        Weakened.LOWER_TARGET,
        id="100% to 90%",
    ),
    pytest.param(_target(AT_LEAST, 80, PERCENT), _target(AT_LEAST, 90, PERCENT), None, id="up"),
    pytest.param(
        _target(AT_MOST, 5, PERCENT),
        _target(AT_MOST, 10, PERCENT),
        Weakened.LOWER_TARGET,
        id="at most 5% to 10%",
    ),
    pytest.param(
        _target(AT_LEAST, 2, TIMES, per=Cadence.YEARLY),
        _target(AT_LEAST, 1, TIMES, per=Cadence.QUARTERLY),
        None,
        id="2 a year to 1 a quarter",
    ),
    pytest.param(
        _target(AT_LEAST, 1, TIMES, per=Cadence.QUARTERLY),
        _target(AT_LEAST, 2, TIMES, per=Cadence.YEARLY),
        Weakened.LOWER_TARGET,
        id="1 a quarter to 2 a year",
    ),
    pytest.param(
        _target(AT_LEAST, 80, PERCENT, by_year=2024),
        _target(AT_LEAST, 80, PERCENT, by_year=2025),
        Weakened.LATER_YEAR,
        id="a year later",
    ),
]


@pytest.mark.parametrize(("old", "new", "weakened"), TARGETS)
def test_a_target_weakens_when_it_allows_more(
    old: Indicator, new: Indicator, weakened: Weakened | None
) -> None:
    (item,) = diff_plans(_bare(indicator=old), _bare(indicator=new)).items
    (change,) = item.changes
    assert (change.kind, change.weakened) == (ChangeKind.TARGET, weakened)


SCHEDULES = [
    pytest.param(
        _quota(2, Cadence.MONTHLY), _quota(1, Cadence.MONTHLY), Weakened.FEWER, id="02 to 01"
    ),
    pytest.param(
        _quota(1, Cadence.MONTHLY), _quota(1, Cadence.QUARTERLY), Weakened.FEWER, id="a quarter"
    ),
    pytest.param(_quota(1, Cadence.MONTHLY), _quota(2, Cadence.MONTHLY), None, id="more"),
    pytest.param(
        _due(dt.date(2024, 6, 30)),
        _due(dt.date(2024, 9, 30)),
        Weakened.LATER_DEADLINE,
        id="later",
    ),
    pytest.param(_due(dt.date(2024, 6, 30)), _due(dt.date(2024, 3, 31)), None, id="earlier"),
]


@pytest.mark.parametrize(("old", "new", "weakened"), SCHEDULES)
def test_a_schedule_weakens_when_it_asks_less(
    old: Schedule, new: Schedule, weakened: Weakened | None
) -> None:
    (item,) = diff_plans(_bare(schedule=old), _bare(schedule=new)).items
    (change,) = item.changes
    assert (change.kind, change.field, change.weakened) == (
        ChangeKind.SCHEDULES,
        "schedules[0]",
        weakened,
    )


def test_an_item_put_last_is_the_only_one_moved() -> None:
    plan = load_plan(bundled_corpus_path() / REGEN.DIFF_SEED)
    first, *rest = plan.tasks
    diff = diff_plans(plan, attrs.evolve(plan, tasks=(*rest, first)))
    assert _found(diff) == {(CHANGED, first.id, first.id, ChangeKind.MOVED, "position", None)}
    (item,) = diff.items
    assert (item.changes[0].old, item.changes[0].new) == ("1", str(len(plan.tasks)))
