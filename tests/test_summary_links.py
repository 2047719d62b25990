"""``summary --json`` counts the suspect and the unchecked links, of every kind of item."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema

from cchc import bundled_corpus_path, load_corpus
from cchc.cli import main
from cchc.files._dump import dumps_plan
from cchc.model._corpus import Corpus
from cchc.model._items import ItemLink
from cchc.model._plan import Plan
from cchc.report._summary import corpus_summary
from tests.test_suspect import NEW_TEXT, PARENT, UNITS, _derived, _reworded

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "schemas" / "summary.json"
AS_OF = dt.date(2024, 3, 1)


def _bare(plan: Plan, item_id: str) -> Plan:
    """*plan* whose item *item_id* (an objective or a task) links without a fingerprint."""

    def strip(item: Any) -> Any:
        if item.id != item_id:
            return item
        return attrs.evolve(
            item, inherits=tuple(ItemLink(plan=k.plan, item=k.item) for k in item.inherits)
        )

    return attrs.evolve(
        plan,
        objectives=tuple(strip(o) for o in plan.objectives),
        tasks=tuple(strip(t) for t in plan.tasks),
    )


def _summary_json(folder: Path, *plans: Plan) -> dict[str, Any]:
    folder.mkdir()
    (folder / "units.yaml").write_text(
        "# ILLUSTRATIVE units\nunits:\n"
        "  - {code: tp.ubnd, name: UBND thành phố, level: province}\n"
        "  - {code: q1.ubnd, name: UBND quận 1, level: district, parent: tp.ubnd}\n",
        encoding="utf-8",
    )
    for number, plan in enumerate(plans):
        (folder / f"plan-{number}.yaml").write_text(dumps_plan(plan), encoding="utf-8")
    out = io.StringIO()
    code = main(
        ["summary", str(folder), "--json", "--as-of", AS_OF.isoformat()],
        stdout=out,
        stderr=io.StringIO(),
        environ={"COLUMNS": "100"},
    )
    assert code == 0
    document: dict[str, Any] = json.loads(out.getvalue())
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    return document


def test_summary_json_counts_a_suspect_link_and_no_unchecked_one(tmp_path: Path) -> None:
    document = _summary_json(tmp_path / "c", _reworded(PARENT, "nd2", NEW_TEXT), _derived())
    assert (document["suspect_links"], document["unchecked_links"]) == (1, 0)
    # The same count as the warnings of validate, by rule.
    assert document["problems"]["rules"]["coverage.suspect_link"] == 1


def test_links_without_a_fingerprint_are_unchecked_whatever_their_item(tmp_path: Path) -> None:
    # The objective's link is bare: summary's coverage judges tasks only, the count does not.
    child = _bare(_bare(_derived(), "mt1"), "nd2")
    document = _summary_json(tmp_path / "c", _reworded(PARENT, "nd2", NEW_TEXT), child)
    assert (document["suspect_links"], document["unchecked_links"]) == (0, 2)


def test_the_counts_are_those_of_the_summary_object() -> None:
    parent = _reworded(PARENT, "nd1", "Tuyên truyền các văn bản chỉ đạo và các kết quả đạt được.")
    child = _bare(_derived(), "nd3")
    summary = corpus_summary(Corpus(plans=(parent, child), units=UNITS), AS_OF)
    assert (summary.suspect_links, summary.unchecked_links) == (1, 1)
    # A link to an item the parent lacks is dangling, neither suspect nor unchecked.
    lost = attrs.evolve(
        child,
        tasks=(
            *child.tasks,
            attrs.evolve(
                child.tasks[0], id="nd9", inherits=(ItemLink(plan=parent.key, item="nd9"),)
            ),
        ),
    )
    summary = corpus_summary(Corpus(plans=(parent, lost), units=UNITS), AS_OF)
    assert (summary.suspect_links, summary.unchecked_links) == (1, 1)


def test_the_bundled_corpus_counts_its_links() -> None:
    corpus = load_corpus(bundled_corpus_path())
    summary = corpus_summary(corpus, AS_OF)
    bare = sum(
        1
        for plan in corpus.plans
        for item in plan.items()
        for link in item.inherits
        if link.fingerprint is None
        and link.plan in plan.parents
        and (parent := corpus.get(link.plan)) is not None
        and parent.item(link.item) is not None
    )
    assert bare > 0  # the bundled plans were linked by hand, before fingerprints
    assert summary.unchecked_links == bare
