"""``draft --corpus``: each suggested link records the parent item's fingerprint, as derive does."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

from cchc import bundled_corpus_path, load_corpus
from cchc.cli import main
from cchc.coverage._edge import ItemKind, Status, edge_coverage
from cchc.draft._drafter import Draft
from cchc.draft._source import read_document
from cchc.files._load import load_plan
from cchc.model import fingerprint
from cchc.model._plan import Plan
from cchc.report._drafting import draft_in_corpus

ANNEX = Path(__file__).parent / "data" / "draft" / "annex-minh-hoa.docx"
PARENT = "hn-kh-54-2024"
CHILD = "hn-bd.ubnd.kh-12-2024"


@pytest.fixture(scope="module")
def drafted() -> Draft:
    return draft_in_corpus(read_document(ANNEX), load_corpus(bundled_corpus_path()))


def _links(plan: Plan) -> list[tuple[str, str, str | None, str | None, bool]]:
    return [
        (item.id, link.item, link.fingerprint, link.text, link.editorial)
        for item in plan.items()
        for link in item.inherits
    ]


def _reworded(plan: Plan, item_id: str) -> Plan:
    """*plan* with item *item_id*, of whichever list, saying more than it did."""
    lists = ("objectives", "requirements", "tasks", "channels", "indicators")
    changes = {
        name: tuple(
            attrs.evolve(i, text=i.text + " và dịch vụ công trực tuyến") if i.id == item_id else i
            for i in getattr(plan, name)
        )
        for name in lists
    }
    return attrs.evolve(plan, **changes)  # type: ignore[arg-type]


def test_every_suggested_link_records_the_parent_item_as_derive_would(drafted: Draft) -> None:
    parent = load_corpus(bundled_corpus_path()).plan(PARENT)
    links = _links(drafted.plan)
    assert links  # the annex carries items of the city's plan
    for _, item_id, recorded, text, editorial in links:
        item = parent.item(item_id)
        assert item is not None
        assert (recorded, text) == (fingerprint(item), item.text)
        assert editorial  # still the matcher's reading, to confirm
    # ... and each link is still offered as a suggestion to confirm.
    suggested = [p for p in drafted.provenance if ".inherits[" in p.field]
    assert len(suggested) == len(links)
    assert all("confirm or remove" in (p.note or "") for p in suggested)


def test_rewording_the_parent_makes_the_drafted_links_on_it_suspect(drafted: Draft) -> None:
    parent = load_corpus(bundled_corpus_path()).plan(PARENT)
    edge = edge_coverage(parent, drafted.plan, kinds=tuple(ItemKind))
    assert Status.SUSPECT not in {i.status for i in edge.items}
    assert edge.unchecked_links == 0
    assert edge.suspect_links == 0
    target = next(link for _, link, *_ in _links(drafted.plan))
    changed = edge_coverage(_reworded(parent, target), drafted.plan, kinds=tuple(ItemKind))
    suspect = {i.item for i in changed.items if i.status is Status.SUSPECT}
    assert suspect == {target}
    carried_by = sum(1 for _, item_id, *_ in _links(drafted.plan) if item_id == target)
    assert changed.suspect_links == carried_by


def test_the_written_draft_keeps_its_fingerprints(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_path(), corpus)
    out = corpus / "ba-dinh.yaml"
    assert main(["draft", str(ANNEX), "--corpus", str(corpus), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "fingerprint: " in text
    written = load_plan(out)
    assert written.key == CHILD
    parent = load_corpus(bundled_corpus_path()).plan(PARENT)
    for _, item_id, recorded, _, editorial in _links(written):
        item = parent.item(item_id)
        assert item is not None
        assert recorded == fingerprint(item)
        assert editorial
