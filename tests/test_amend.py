"""Amendments: a plan that replaces, adds and removes items of another, and the content in force.

Every plan here is ILLUSTRATIVE: written by hand to show the checks, not issued documents.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.cli import main
from cchc.draft._derive import derive
from cchc.exceptions import ModelError
from cchc.files._convert import CONVERTER
from cchc.files._dump import dumps_plan
from cchc.files._load import load_corpus
from cchc.files._yaml import load_yaml
from cchc.graph import check_amendments, effective_corpus, effective_plan
from cchc.model import Addition, Amendment, ItemSet
from cchc.model._corpus import Corpus
from cchc.model._items import Schedule, Task
from cchc.model._plan import Period, Plan, Unit
from cchc.refs._refs import parse_ref
from cchc.report._checks import check_corpus
from cchc.text._vocab import DocumentKind, Level, ScheduleKind
from tests.strategies import plans

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"

UNITS = {
    "tp.ubnd": Unit(code="tp.ubnd", name="UBND thành phố", level=Level.PROVINCE),
    "q1.ubnd": Unit(code="q1.ubnd", name="UBND quận 1", level=Level.DISTRICT, parent="tp.ubnd"),
}


def _due(day: dt.date) -> tuple[Schedule, ...]:
    return (Schedule(kind=ScheduleKind.DUE, due=day, text=f"chậm nhất ngày {day:%d/%m/%Y}"),)


PARENT = Plan(
    key="tp-kh-1-2024",
    kind=DocumentKind.PLAN,
    title="Kế hoạch tuyên truyền cải cách hành chính năm 2024 (minh họa)",
    issuer="tp.ubnd",
    ref=parse_ref("1/KH-UBND"),
    issued=dt.date(2024, 1, 15),
    period=Period.years(2024),
    illustrative=True,
    tasks=(
        Task(
            id="nd1",
            text="Tuyên truyền các văn bản chỉ đạo về cải cách hành chính.",
            schedules=_due(dt.date(2024, 4, 30)),
        ),
        Task(
            id="nd2",
            text="Tuyên truyền về cơ chế một cửa, một cửa liên thông.",
            schedules=_due(dt.date(2024, 6, 28)),
        ),
        Task(id="nd3", text="Tổ chức hội thi tìm hiểu về cải cách hành chính."),
    ),
)

NEW_ND2 = Task(
    id="nd2",
    text="Tuyên truyền về cơ chế một cửa, một cửa liên thông và dịch vụ công trực tuyến.",
    schedules=_due(dt.date(2024, 9, 30)),
)
ND4 = Task(id="nd4", text="Tuyên truyền về chuyển đổi số trong cải cách hành chính.")

AMENDING = Plan(
    key="tp-kh-9-2024",
    kind=DocumentKind.PLAN,
    title="Kế hoạch điều chỉnh, bổ sung Kế hoạch số 1/KH-UBND (minh họa)",
    issuer="tp.ubnd",
    ref=parse_ref("9/KH-UBND"),
    issued=dt.date(2024, 3, 1),
    illustrative=True,
    amends=Amendment(
        plan="tp-kh-1-2024",
        replace=ItemSet(tasks=(NEW_ND2,)),
        add=(Addition(after="nd1", tasks=(ND4,)),),
        remove=("nd3",),
    ),
)

BEFORE = dt.date(2024, 2, 1)
AFTER = dt.date(2024, 3, 15)


def _child() -> Plan:
    # Derived from the plan as first issued: its links record the items' fingerprints then.
    return attrs.evolve(derive(PARENT, "q1.ubnd", 2024, units=UNITS), illustrative=True)


def _corpus() -> Corpus:
    return Corpus(plans=(PARENT, AMENDING, _child()), units=UNITS)


def _write(folder: Path) -> Path:
    folder.mkdir()
    (folder / "units.yaml").write_text(
        "# ILLUSTRATIVE units\nunits:\n"
        "  - {code: tp.ubnd, name: UBND thành phố, level: province}\n"
        "  - {code: q1.ubnd, name: UBND quận 1, level: district, parent: tp.ubnd}\n",
        encoding="utf-8",
    )
    for name, plan in (("parent", PARENT), ("amending", AMENDING), ("child", _child())):
        (folder / f"{name}.yaml").write_text(dumps_plan(plan), encoding="utf-8")
    return folder


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--no-cache", *argv], stdout=out, stderr=err, environ={"COLUMNS": "120"})
    return code, out.getvalue(), err.getvalue()


def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


# --- the content in force -----------------------------------------------------------------


def test_the_content_in_force_applies_the_amendment_from_its_date() -> None:
    corpus = _corpus()
    before, none = effective_plan(corpus, PARENT.key, BEFORE)
    assert before == PARENT
    assert none == {}
    after, changes = effective_plan(corpus, PARENT.key, AFTER)
    assert [t.id for t in after.tasks] == ["nd1", "nd4", "nd2"]
    assert after.item("nd2") == NEW_ND2
    assert after.item("nd3") is None
    assert {k: c.action for k, c in changes.items()} == {
        "nd2": "replaced",
        "nd4": "added",
        "nd3": "removed",
    }
    assert {c.by for c in changes.values()} == {AMENDING.key}
    assert changes["nd2"].ref == parse_ref("9/KH-UBND")
    assert changes["nd2"].effective == AMENDING.issued


def test_an_effective_day_later_than_the_issue_date_is_kept() -> None:
    later = attrs.evolve(
        AMENDING,
        amends=attrs.evolve(AMENDING.amends, effective=dt.date(2024, 4, 1)),  # type: ignore[misc]
    )
    corpus = Corpus(plans=(PARENT, later), units=UNITS)
    assert effective_plan(corpus, PARENT.key, AFTER)[0] == PARENT
    assert effective_plan(corpus, PARENT.key, dt.date(2024, 4, 1))[0].item("nd3") is None


def test_amendments_apply_in_order_of_effective_day_then_key() -> None:
    second = Plan(
        key="tp-kh-12-2024",
        kind=DocumentKind.PLAN,
        title="Kế hoạch sửa đổi lần hai (minh họa)",
        issuer="tp.ubnd",
        issued=dt.date(2024, 5, 2),
        illustrative=True,
        amends=Amendment(
            plan=PARENT.key, replace=ItemSet(tasks=(attrs.evolve(ND4, text="Chuyển đổi số."),))
        ),
    )
    # The second amendment changes nd4, which only the first one added.
    corpus = Corpus(plans=(second, PARENT, AMENDING), units=UNITS)
    plan, changes = effective_plan(corpus, PARENT.key, dt.date(2024, 6, 1))
    assert plan.item("nd4") == attrs.evolve(ND4, text="Chuyển đổi số.")
    assert changes["nd4"].by == second.key
    assert changes["nd2"].by == AMENDING.key
    assert check_amendments(corpus) == []


def test_the_corpus_in_force_keeps_the_amending_plan_as_a_document_without_items() -> None:
    corpus, amended = effective_corpus(_corpus(), AFTER)
    amending = corpus.plan(AMENDING.key)
    assert amending.items() == ()
    assert amending.amends is None
    assert amending.ref == AMENDING.ref
    assert set(amended) == {PARENT.key}
    assert corpus.plan(PARENT.key).item("nd4") == ND4
    unchanged = Corpus(plans=(PARENT, _child()), units=UNITS)
    assert effective_corpus(unchanged, AFTER) == (unchanged, {})


@given(plans(), st.dates())
def test_no_amendment_leaves_the_plan_as_it_is(plan: Plan, on: dt.date) -> None:
    corpus = Corpus(plans=(plan,))
    assert effective_plan(corpus, plan.key, on) == (plan, {})
    assert effective_corpus(corpus, on) == (corpus, {})


# --- the commands on two dates ------------------------------------------------------------


def _items(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    edges = [e for e in document["edges"] if e["parent"] == PARENT.key]
    assert len(edges) == 1
    return {item["item"]: item for item in edges[0]["items"]}


def test_coverage_before_and_after_the_amendment(tmp_path: Path) -> None:
    folder = str(_write(tmp_path / "c"))
    code, out, _ = _run("coverage", folder, "--json", "--as-of", BEFORE.isoformat())
    document = json.loads(out)
    jsonschema.validate(document, _schema("coverage.json"))
    before = _items(document)
    assert code == 0
    assert {k: i["status"] for k, i in before.items()} == {
        "nd1": "covered",
        "nd2": "covered",
        "nd3": "covered",
    }
    assert not any("amended_by" in i for i in before.values())

    code, out, _ = _run("coverage", folder, "--json", "--as-of", AFTER.isoformat())
    document = json.loads(out)
    jsonschema.validate(document, _schema("coverage.json"))
    after = _items(document)
    assert code == 1  # the added item is missing in the child
    # The reworded item's link is suspect; the removed one need not be carried; the added
    # one is missing; the amending plan is no parent of the child.
    assert {k: i["status"] for k, i in after.items()} == {
        "nd1": "covered",
        "nd4": "missing",
        "nd2": "suspect",
    }
    assert after["nd2"]["amended_by"] == {
        "plan": AMENDING.key,
        "ref": "9/KH-UBND",
        "issued": "2024-03-01",
        "effective": "2024-03-01",
        "action": "replaced",
    }
    assert after["nd4"]["amended_by"]["action"] == "added"
    assert "amended_by" not in after["nd1"]
    assert [e["parent"] for e in document["edges"]] == [PARENT.key]


def test_coverage_text_says_which_amendment_a_change_came_from(tmp_path: Path) -> None:
    folder = str(_write(tmp_path / "c"))
    _, out, _ = _run("coverage", folder, "--lang", "en", "--as-of", AFTER.isoformat())
    assert "tp-kh-1-2024#nd2: as amended by document 9/KH-UBND of 01/03/2024 (replaced)" in out
    assert "tp-kh-1-2024#nd3: as amended by document 9/KH-UBND of 01/03/2024 (removed)" in out
    _, out, _ = _run("coverage", folder, "--lang", "vi", "--as-of", AFTER.isoformat())
    assert "tp-kh-1-2024#nd2: theo văn bản số 9/KH-UBND ngày 01/03/2024 (sửa đổi)" in out
    _, out, _ = _run("coverage", folder, "--lang", "en", "--as-of", BEFORE.isoformat())
    assert "amended" not in out


def test_the_calendar_shows_the_new_deadline_only_once_in_force(tmp_path: Path) -> None:
    folder = str(_write(tmp_path / "c"))

    def dates(day: dt.date) -> set[tuple[str, str]]:
        _, out, _ = _run("calendar", folder, "--json", "--as-of", day.isoformat())
        document = json.loads(out)
        jsonschema.validate(document, _schema("calendar.json"))
        return {
            (o["task"], o["original_date"])
            for o in document["occurrences"]
            if o["plan"] == PARENT.key
        }

    assert dates(BEFORE) == {("nd1", "2024-04-30"), ("nd2", "2024-06-28")}
    assert dates(AFTER) == {("nd1", "2024-04-30"), ("nd2", "2024-09-30")}
    _, out, _ = _run("calendar", folder, "--lang", "en", "--as-of", AFTER.isoformat())
    assert "nd2: as amended by document 9/KH-UBND" in out


def test_validate_and_summary_see_the_amendment(tmp_path: Path) -> None:
    folder = str(_write(tmp_path / "c"))
    code, out, err = _run("validate", folder)
    assert code == 0, out + err
    _, out, _ = _run("summary", folder, "--lang", "vi", "--as-of", AFTER.isoformat())
    assert "Liên kết cần rà soát: 1" in out
    _, out, _ = _run("summary", folder, "--lang", "vi", "--as-of", BEFORE.isoformat())
    assert "Liên kết cần rà soát" not in out


# --- validation ---------------------------------------------------------------------------


def _problems(*amending: Plan) -> list[tuple[str, str | None, str]]:
    corpus = Corpus(plans=(PARENT, *amending), units=UNITS)
    return [(p.rule, p.path, p.message) for p in check_amendments(corpus)]


def _amending(key: str = "tp-kh-20-2024", **changes: Any) -> Plan:
    amendment = Amendment(**{"plan": PARENT.key, **changes})
    return attrs.evolve(AMENDING, key=key, amends=amendment)


def test_an_unknown_amended_plan_is_named_with_the_key_meant() -> None:
    found = _problems(_amending(plan="tp-kh-1-2042", remove=("nd3",)))
    assert found == [
        (
            "amendments.unknown_plan",
            "$.amends.plan",
            "expected the key of a plan of the corpus, found 'tp-kh-1-2042' "
            "(did you mean 'tp-kh-1-2024'?)",
        )
    ]


def test_ids_replaced_and_removed_must_be_in_force_and_added_ids_new() -> None:
    found = _problems(
        _amending(
            replace=ItemSet(tasks=(attrs.evolve(NEW_ND2, id="nd22"),)),
            add=(Addition(after="nd7", tasks=(attrs.evolve(ND4, id="nd1"),)),),
            remove=("nd9",),
        )
    )
    assert [(rule, path) for rule, path, _ in found] == [
        ("amendments.unknown_item", "$.amends.replace.tasks[0].id"),
        ("amendments.unknown_after", "$.amends.add[0].after"),
        ("amendments.existing_item", "$.amends.add[0].tasks[0].id"),
        ("amendments.unknown_item", "$.amends.remove[0]"),
    ]
    assert "(did you mean 'nd2'?)" in found[0][2]
    assert "found 'nd1', one of its tasks" in found[2][2]


def test_an_id_removed_by_an_earlier_amendment_is_no_longer_in_force() -> None:
    later = _amending(remove=("nd3",))
    later = attrs.evolve(later, issued=dt.date(2024, 5, 1))
    found = _problems(AMENDING, later)
    assert [(rule, path) for rule, path, _ in found] == [
        ("amendments.unknown_item", "$.amends.remove[0]")
    ]
    assert "in force on 2024-05-01" in found[0][2]


def test_two_amendments_of_one_day_must_not_change_an_item_two_ways() -> None:
    other = _amending(replace=ItemSet(tasks=(attrs.evolve(NEW_ND2, text="Khác."),)))
    rules = [rule for rule, _, _ in _problems(AMENDING, other)]
    assert "amendments.conflict" in rules
    same = _amending(replace=ItemSet(tasks=(NEW_ND2,)))
    assert [rule for rule, _, _ in _problems(AMENDING, same)] == []


def test_an_amendment_loop_and_an_amendment_of_an_amendment_are_refused() -> None:
    a = attrs.evolve(_amending("tp-kh-30-2024", remove=("nd1",)), amends=None)
    a = attrs.evolve(a, amends=Amendment(plan="tp-kh-31-2024", remove=("x",)))
    b = attrs.evolve(a, key="tp-kh-31-2024", amends=Amendment(plan="tp-kh-30-2024", remove=("y",)))
    assert {(rule, path) for rule, path, _ in _problems(a, b)} == {
        ("amendments.cycle", "$.amends.plan")
    }
    c = _amending("tp-kh-32-2024", plan=AMENDING.key, remove=("nd3",))
    assert [rule for rule, _, _ in _problems(AMENDING, c)] == ["amendments.of_amendment"]
    # A loop changes nothing in force.
    corpus = Corpus(plans=(PARENT, a, b), units=UNITS)
    assert effective_corpus(corpus, AFTER)[0].plan(PARENT.key) == PARENT


def test_an_amendment_needs_a_day_and_a_draft_amends_nothing() -> None:
    undated = attrs.evolve(AMENDING, issued=None)
    assert [rule for rule, _, _ in _problems(undated)] == ["amendments.no_date"]
    from cchc.text._vocab import PlanStatus

    draft = attrs.evolve(AMENDING, status=PlanStatus.DRAFT)
    corpus = Corpus(plans=(PARENT, draft), units=UNITS)
    assert effective_plan(corpus, PARENT.key, AFTER) == (PARENT, {})


def test_check_corpus_reports_the_amendment_problems_in_the_amending_file(
    tmp_path: Path,
) -> None:
    folder = _write(tmp_path / "c")
    text = (folder / "amending.yaml").read_text(encoding="utf-8")
    (folder / "amending.yaml").write_text(text.replace("- nd3", "- nd33"), encoding="utf-8")
    problems = check_corpus(load_corpus(folder))
    found = [p for p in problems if p.rule.startswith("amendments.")]
    assert [(Path(p.file or "").name, p.where) for p in found] == [
        ("amending.yaml", "$.amends.remove[0]")
    ]
    code, out, err = _run("validate", str(folder))
    assert code == 2  # an error in the corpus' data
    assert "amending.yaml: $.amends.remove[0]: expected the id of an item" in out + err


# --- the model and the file format --------------------------------------------------------


def test_an_amendment_changes_something_and_each_id_once() -> None:
    with pytest.raises(ModelError, match="at least one item"):
        Amendment(plan=PARENT.key)
    with pytest.raises(ModelError, match="each item id changed once"):
        Amendment(plan=PARENT.key, add=(Addition(tasks=(ND4,)),), remove=("nd4",))
    with pytest.raises(ModelError, match="other than the plan itself"):
        attrs.evolve(AMENDING, key=PARENT.key, amends=Amendment(plan=PARENT.key, remove=("a",)))


def test_the_file_form_reads_and_writes_back() -> None:
    text = dumps_plan(AMENDING)
    assert "amends:\n  plan: tp-kh-1-2024\n" in text
    assert CONVERTER.structure(load_yaml(text), Plan) == AMENDING


def test_bad_amendments_in_a_file_are_named_at_their_paths(tmp_path: Path) -> None:
    folder = _write(tmp_path / "c")
    text = (folder / "amending.yaml").read_text(encoding="utf-8")
    bad = text.replace("- nd3", "- nd 3").replace("after: nd1", "after: [nd1]")
    (folder / "amending.yaml").write_text(bad, encoding="utf-8")
    code, out, err = _run("validate", str(folder))
    assert code == 2
    assert "$.amends.remove[0]: expected an item id" in out + err
    assert "$.amends.add[0].after: expected text" in out + err


def test_progress_says_which_items_an_amendment_changed(tmp_path: Path) -> None:
    folder = str(_write(tmp_path / "c"))
    code, out, _ = _run("progress", folder, "--lang", "en", "--as-of", AFTER.isoformat())
    assert code == 0
    assert "tp-kh-1-2024#nd4: as amended by document 9/KH-UBND of 01/03/2024 (added)" in out
    _, out, _ = _run("progress", folder, "--lang", "en", "--as-of", BEFORE.isoformat())
    assert "as amended" not in out


def test_links_refresh_records_the_items_in_force(tmp_path: Path) -> None:
    folder = str(_write(tmp_path / "c"))
    code, _, err = _run("links", "refresh", folder, "--plan", "q1.ubnd.kh-2024")
    assert code == 0, err
    code, out, _ = _run("coverage", folder, "--json", "--as-of", AFTER.isoformat())
    after = _items(json.loads(out))
    # The district looked and refreshed: the link to the reworded item is current again.
    assert after["nd2"]["status"] == "covered"
    assert after["nd4"]["status"] == "missing"
