"""Every task of a child plan is judged concrete or not, whether it carries a parent item or not.

KH 54/KH-UBND asks each unit's plan to be concrete (a unit, a product, a time).  A task
whose ``inherits`` link was deleted is still a task of that plan: it stays under "Not
concrete" until it says who does it, what it delivers and when.  A child whose parents are
known only from a citation gives nothing to check and is not judged.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cchc.cli import main
from cchc.coverage._concreteness import Essential, Gap
from cchc.coverage._coverage import corpus_coverage
from cchc.model._corpus import Corpus
from cchc.model._items import ItemLink, Schedule, Task
from cchc.model._plan import Plan
from cchc.text._vocab import DocumentKind, ScheduleKind

ENV = {"CCHC_LANG": "en", "NO_COLOR": "1", "COLUMNS": "200"}
PARENT = "hn-kh-54-2024"
CHILD = "hn-bd.ubnd.kh-2024"
ALL = (Essential.LEAD, Essential.PRODUCTS, Essential.SCHEDULE)


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ=ENV)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def derived(tmp_path: Path) -> tuple[Path, Path]:
    """A copied corpus with a child plan derived as the tutorial does: (corpus, child file)."""
    corpus = tmp_path / "vidu"
    assert _run("examples", str(corpus))[0] == 0
    child = corpus / "ba-dinh" / "kh-2024.yaml"
    argv = ("derive", PARENT, "--unit", "UBND quận Ba Đình", "-o", str(child), str(corpus))
    assert _run(*argv)[0] == 0
    return corpus, child


def _delete_link(child: Path, item: str) -> None:
    """Delete the ``inherits:`` of *item* in the derived file, as a user would by hand."""
    text = child.read_text(encoding="utf-8")
    # The link and what it records of the parent (text, fingerprint), indented below it.
    link = re.compile(
        rf"    inherits:\n      - (?:to: )?{re.escape(PARENT)}#{re.escape(item)}\n(?:        .*\n)*"
    )
    assert len(link.findall(text)) == 1
    child.write_text(link.sub("", text), encoding="utf-8")


def _gaps(corpus: Path) -> dict[str, Any]:
    code, out, err = _run("coverage", "--plan", CHILD, "--json", str(corpus))
    assert code in (0, 1), err
    document = json.loads(out)
    return {g["item"]: g for g in document["concreteness"] if g["plan"] == CHILD}


def test_an_item_whose_link_was_deleted_stays_not_concrete(derived: tuple[Path, Path]) -> None:
    corpus, child = derived
    before = _gaps(corpus)
    assert before["nd2"]["missing"] == ["lead", "products", "schedule"]
    _delete_link(child, "nd2")
    after = _gaps(corpus)
    # The item is no longer carried (a local addition now), and still not concrete.
    assert after == before
    code, out, _ = _run("coverage", "--plan", CHILD, str(corpus))
    assert code in (0, 1)
    listed = out.split("Not concrete", 1)[1].split("\n\n", 1)[0]
    assert f"{CHILD}#nd2: lacks lead unit, product, time" in listed


def test_the_unlinked_item_leaves_the_list_once_it_is_concrete(
    derived: tuple[Path, Path],
) -> None:
    corpus, child = derived
    _delete_link(child, "nd2")
    text = child.read_text(encoding="utf-8")
    start = text.index("  - id: nd2\n")
    end = text.index("  - id: nd3\n")
    filled = (
        text[start:end]
        + "    lead: [hn-bd.ubnd]\n"
        + "    products: [bản tin]\n"
        + "    schedules:\n      - {kind: due, due: 2024-06-30}\n"
    )
    child.write_text(text[:start] + filled + text[end:], encoding="utf-8")
    assert "nd2" not in _gaps(corpus)


# -- the rule, on plans built here -------------------------------------------------------------


def _plan(key: str, *tasks: Task, parents: tuple[str, ...] = ()) -> Plan:
    return Plan(
        key=key,
        kind=DocumentKind.PLAN,
        title=f"Kế hoạch {key}",
        issuer="u",
        tasks=tasks,
        parents=parents,
    )


PARENT_PLAN = _plan("p", Task(id="nd1", text="Tuyên truyền cải cách hành chính"))
CITED = _plan("q")  # known only from a citation: no items
DUE = (Schedule(kind=ScheduleKind.DUE, due=dt.date(2024, 3, 1)),)


def _judged(child: Plan, parent: Plan = PARENT_PLAN) -> tuple[Gap, ...]:
    corpus = Corpus(plans=(parent, child))
    return corpus_coverage(corpus, [(parent.key, child.key)]).concreteness


def test_a_local_task_of_a_child_is_judged() -> None:
    child = _plan(
        "c",
        Task(id="a", text="Tuyên truyền", inherits=(ItemLink(plan="p", item="nd1"),)),
        Task(id="b", text="Đẩy mạnh tuyên truyền"),  # local: carries nothing
        parents=("p",),
    )
    assert _judged(child) == (
        Gap(plan="c", item="a", missing=ALL),
        Gap(plan="c", item="b", missing=ALL, vague=("đẩy mạnh",)),
    )


def test_a_concrete_local_task_is_not_listed() -> None:
    task = Task(id="b", text="Tuyên truyền", lead=("u",), products=("bản tin",), schedules=DUE)
    assert _judged(_plan("c", task, parents=("p",))) == ()


def test_a_waived_task_is_not_judged() -> None:
    task = Task(
        id="a",
        text="Tuyên truyền",
        inherits=(ItemLink(plan="p", item="nd1"),),
        waiver="Không áp dụng ở cấp xã",
    )
    assert _judged(_plan("c", task, parents=("p",))) == ()


def test_a_child_of_a_parent_known_only_from_a_citation_is_not_judged() -> None:
    # Nothing can be carried from a parent with no items, so the edge is unknown and the
    # child's own tasks are not held to it.
    child = _plan("c", Task(id="b", text="Tuyên truyền"), parents=("q",))
    assert _judged(child, CITED) == ()


def test_a_child_of_a_known_and_a_cited_parent_is_judged_once() -> None:
    child = _plan("c", Task(id="b", text="Tuyên truyền"), parents=("q", "p"))
    corpus = Corpus(plans=(PARENT_PLAN, CITED, child))
    gaps = corpus_coverage(corpus, [("q", "c"), ("p", "c")]).concreteness
    assert gaps == (Gap(plan="c", item="b", missing=ALL),)
