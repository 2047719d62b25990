"""Suspect links: fingerprints of parent items, coverage's suspect status, ``links refresh``."""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.cli import main
from cchc.coverage._coverage import ItemKind, Status, corpus_coverage, edge_coverage, trace
from cchc.draft._derive import derive
from cchc.exceptions import CorpusError
from cchc.files._dump import dump_plan, dumps_plan
from cchc.files._load import load_corpus
from cchc.files._relink import RelinkError, link_changes, relinked_text
from cchc.model import fingerprint
from cchc.model._corpus import Corpus
from cchc.model._fingerprint import FINGERPRINT_PATTERN, normalised_text
from cchc.model._items import (
    _FINGERPRINT_PATTERN,
    Channel,
    Indicator,
    ItemLink,
    Objective,
    Schedule,
    Task,
)
from cchc.model._plan import Period, Plan, Unit
from cchc.report._checks import check_corpus
from cchc.text._vocab import (
    Cadence,
    ChannelKind,
    Comparator,
    DocumentKind,
    Level,
    Measure,
    ScheduleKind,
)

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schemas"

# --- the fingerprint ----------------------------------------------------------------------

WORDS = [
    "tuyên",
    "truyền",
    "cải",
    "cách",
    "hành",
    "chính",
    "Ủy",
    "ban",
    "nhân",
    "dân",
    "hòa",
    "thủy",
    "khỏe",
    "bán",
    "bàn",
    "CCHC",
    "năm",
    "2024",
    "Hà",
    "Nội",
    "đăng",
    "tin",
]
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)
spaces = st.sampled_from([" ", "  ", "\t", " \n ", "\u00a0"])


def _task(text: str, **fields: Any) -> Task:
    return Task(id="nd1", text=text, **fields)


def _old_tones(text: str) -> str:
    """*text* in the old tone placement: hoà, thuỷ, khoẻ, Uỷ."""
    return (
        text.replace("hòa", "hoà")
        .replace("thủy", "thuỷ")
        .replace("khỏe", "khoẻ")
        .replace("Ủy", "Uỷ")
    )


@given(words, st.data())
def test_the_fingerprint_ignores_what_a_reader_would_not_act_on(
    chosen: list[str], data: st.DataObject
) -> None:
    text = " ".join(chosen)
    base = fingerprint(_task(text))
    gaps = [data.draw(spaces) for _ in chosen[1:]]
    spaced = chosen[0] + "".join(g + w for g, w in zip(gaps, chosen[1:], strict=True))
    variants = [
        spaced,
        f"  {text}  ",
        text + ".",
        text + ";",
        text.upper(),
        text.lower(),
        _old_tones(text),
    ]
    for variant in variants:
        assert fingerprint(_task(unicodedata.normalize("NFC", variant))) == base, variant
    # NFD is the same item: it reaches the fingerprint through normalised_text alone, since
    # the model keeps texts in NFC.
    assert normalised_text(unicodedata.normalize("NFD", text)) == normalised_text(text)


@given(words, st.data())
def test_the_fingerprint_changes_with_any_word(chosen: list[str], data: st.DataObject) -> None:
    text = " ".join(chosen)
    base = fingerprint(_task(text))
    index = data.draw(st.integers(0, len(chosen) - 1))
    other = data.draw(
        st.sampled_from(WORDS).filter(lambda w: w.casefold() != chosen[index].casefold())
    )
    replaced = [*chosen[:index], other, *chosen[index + 1 :]]
    added = [*chosen[:index], other, *chosen[index:]]
    edits = [replaced, added]
    if len(chosen) > 1:
        edits.append(chosen[:index] + chosen[index + 1 :])
    for edit in edits:
        assert fingerprint(_task(" ".join(edit))) != base, edit


def test_diacritics_are_words() -> None:
    assert fingerprint(_task("bán hàng")) != fingerprint(_task("bàn hàng"))
    assert fingerprint(_task("đăng tin")) != fingerprint(_task("dang tin"))


def test_the_fingerprint_follows_what_the_child_carries() -> None:
    daily = Schedule(kind=ScheduleKind.RECURRING, cadences=(Cadence.MONTHLY,), text="Hằng tháng")
    task = _task("Đăng tin", products=("tin, bài",), schedules=(daily,), lead=("a",))
    base = fingerprint(task)
    # Who does it in the parent and how it is classified do not matter to the child...
    assert fingerprint(attrs.evolve(task, lead=("b",), cooperating=("c",))) == base
    assert fingerprint(attrs.evolve(task, id="nd9")) == base
    assert fingerprint(attrs.evolve(task, schedules=(attrs.evolve(daily, text="x"),))) == base
    # ...what it delivers and when do.
    assert fingerprint(attrs.evolve(task, products=("báo cáo",))) != base
    quarterly = attrs.evolve(daily, cadences=(Cadence.QUARTERLY,))
    assert fingerprint(attrs.evolve(task, schedules=(quarterly,))) != base
    assert fingerprint(attrs.evolve(task, schedules=())) != base
    target = Indicator(
        id="ct1",
        text="100% đơn vị",
        comparator=Comparator.AT_LEAST,
        value=100,
        measure=Measure.PERCENT,
    )
    assert fingerprint(attrs.evolve(target, value=90)) != fingerprint(target)
    channel = Channel(id="ht1", kind=ChannelKind.MEETING, text="Hội nghị")
    assert fingerprint(attrs.evolve(channel, kind=ChannelKind.PRESS)) != fingerprint(channel)
    # An objective and a task of the same words are different items.
    assert fingerprint(Objective(id="mt1", text="Đăng tin")) != fingerprint(_task("Đăng tin"))


def test_the_fingerprint_is_twelve_hex_digits_as_the_model_checks() -> None:
    assert FINGERPRINT_PATTERN == _FINGERPRINT_PATTERN
    assert len(fingerprint(_task("Đăng tin"))) == 12
    with pytest.raises(ValueError, match="fingerprint"):
        ItemLink(plan="p", item="nd1", fingerprint="XYZ")
    with pytest.raises(ValueError, match="text"):
        ItemLink(plan="p", item="nd1", text="Đăng tin")


# --- coverage -----------------------------------------------------------------------------

UNITS = {
    "tp.ubnd": Unit(code="tp.ubnd", name="UBND thành phố", level=Level.PROVINCE),
    "q1.ubnd": Unit(code="q1.ubnd", name="UBND quận 1", level=Level.DISTRICT, parent="tp.ubnd"),
}
PARENT = Plan(
    key="tp-kh-1-2024",
    kind=DocumentKind.PLAN,
    title="Kế hoạch tuyên truyền cải cách hành chính năm 2024",
    issuer="tp.ubnd",
    issued=dt.date(2024, 1, 15),
    period=Period.years(2024),
    illustrative=True,
    objectives=(Objective(id="mt1", text="Nâng cao nhận thức về cải cách hành chính."),),
    tasks=(
        Task(id="nd1", text="Tuyên truyền các văn bản chỉ đạo về cải cách hành chính."),
        Task(id="nd2", text="Tuyên truyền về cơ chế một cửa, một cửa liên thông."),
        Task(id="nd3", text="Tổ chức hội thi tìm hiểu về cải cách hành chính."),
    ),
)


def _derived() -> Plan:
    return attrs.evolve(derive(PARENT, "q1.ubnd", 2024, units=UNITS), illustrative=True)


def _reworded(plan: Plan, item: str, text: str) -> Plan:
    tasks = tuple(attrs.evolve(t, text=text) if t.id == item else t for t in plan.tasks)
    return attrs.evolve(plan, tasks=tasks)


NEW_TEXT = "Tuyên truyền về cơ chế một cửa, một cửa liên thông và dịch vụ công trực tuyến."


def test_derive_records_the_fingerprint_and_text_of_every_link() -> None:
    child = _derived()
    links = [link for item in child.objectives for link in item.inherits]
    links += [link for item in child.tasks for link in item.inherits]
    assert len(links) == 4
    for link in links:
        parent_item = PARENT.item(link.item)
        assert parent_item is not None
        assert (link.fingerprint, link.text) == (fingerprint(parent_item), parent_item.text)


def test_rewording_a_parent_item_makes_exactly_its_links_suspect() -> None:
    child = _derived()
    parent = _reworded(PARENT, "nd2", NEW_TEXT)
    edge = edge_coverage(parent, child, kinds=(ItemKind.TASKS, ItemKind.OBJECTIVES))
    statuses = {i.item: i.status for i in edge.items}
    assert statuses == {
        "mt1": Status.COVERED,
        "nd1": Status.COVERED,
        "nd2": Status.SUSPECT,
        "nd3": Status.COVERED,
    }
    (suspect,) = (i for i in edge.items if i.status is Status.SUSPECT)
    (changed,) = suspect.changed
    assert changed.by == "nd2"
    assert changed.recorded_text == PARENT.tasks[1].text
    assert changed.current_text == NEW_TEXT
    assert changed.current == fingerprint(parent.tasks[1]) != changed.recorded
    assert edge.percent == 100  # still carried
    assert edge.suspect_links == 1
    assert edge.unchecked_links == 0
    # validate warns once, at the link.
    corpus = Corpus(plans=(parent, child), units=UNITS)
    found = [p for p in check_corpus(corpus) if p.rule == "coverage.suspect_link"]
    assert [(p.plan, p.path, p.severity.value) for p in found] == [
        (child.key, "$.tasks[1].inherits[0]", "warning")
    ]


def test_a_trivial_edit_of_the_parent_makes_nothing_suspect() -> None:
    child = _derived()
    parent = _reworded(PARENT, "nd2", "  tuyên truyền  về cơ chế một cửa, một cửa liên thông  ")
    edge = edge_coverage(parent, child)
    assert {i.status for i in edge.items} == {Status.COVERED}
    assert check_corpus(Corpus(plans=(parent, child), units=UNITS)) == ()


def test_links_without_a_fingerprint_are_unchecked_not_suspect() -> None:
    child = _derived()
    bare = tuple(
        attrs.evolve(t, inherits=tuple(ItemLink(plan=k.plan, item=k.item) for k in t.inherits))
        for t in child.tasks
    )
    child = attrs.evolve(child, tasks=bare)
    parent = _reworded(PARENT, "nd2", NEW_TEXT)
    edge = edge_coverage(parent, child)
    assert {i.status for i in edge.items} == {Status.COVERED}
    assert [i.unchecked for i in edge.items] == [("nd1",), ("nd2",), ("nd3",)]
    assert edge.unchecked_links == 3
    assert check_corpus(Corpus(plans=(parent, child), units=UNITS)) == ()


def test_a_waived_item_whose_parent_changed_is_suspect_and_stops_a_trace() -> None:
    child = _derived()
    tasks = tuple(
        attrs.evolve(t, waiver="Quận không có đơn vị này.", text="") if t.id == "nd3" else t
        for t in child.tasks
    )
    child = attrs.evolve(child, tasks=tasks)
    parent = _reworded(_reworded(PARENT, "nd3", "Tổ chức hội thi."), "nd2", NEW_TEXT)
    edge = edge_coverage(parent, child)
    nd3 = next(i for i in edge.items if i.item == "nd3")
    assert nd3.status is Status.SUSPECT
    assert nd3.reason == "Quận không có đơn vị này."
    plans = {p.key: p for p in (parent, child)}
    edges = [(parent.key, child.key)]
    (step,) = trace(plans, edges, parent.key, "nd3")
    assert step.breaks
    (step,) = trace(plans, edges, parent.key, "nd2")
    assert step.status is Status.SUSPECT
    assert not step.breaks


def test_the_link_form_reads_back_and_bad_fingerprints_are_named(tmp_path: Path) -> None:
    child = _derived()
    path = dump_plan(child, tmp_path / "child.yaml")
    text = path.read_text(encoding="utf-8")
    assert "fingerprint: " in text
    assert load_corpus(path).plans == (child,)
    bad = text.replace(f"fingerprint: {child.tasks[0].inherits[0].fingerprint}", "fingerprint: 12")
    (tmp_path / "child.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    assert "$.tasks[0].inherits[0].fingerprint" in str(caught.value)


# --- the command line ---------------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    return code, out.getvalue(), err.getvalue()


def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


def _corpus(folder: Path) -> tuple[Path, Path]:
    """A parent and its derived child, as files of *folder*; the parent's item nd2 reworded."""
    folder.mkdir()
    (folder / "units.yaml").write_text(
        "# ILLUSTRATIVE units\nunits:\n"
        "  - {code: tp.ubnd, name: UBND thành phố, level: province}\n"
        "  - {code: q1.ubnd, name: UBND quận 1, level: district, parent: tp.ubnd}\n",
        encoding="utf-8",
    )
    parent_file = folder / "parent.yaml"
    parent_file.write_text(dumps_plan(_reworded(PARENT, "nd2", NEW_TEXT)), encoding="utf-8")
    child_file = folder / "child.yaml"
    child_file.write_text("# Kế hoạch của quận (minh họa)\n" + dumps_plan(_derived()), "utf-8")
    return parent_file, child_file


def test_coverage_validate_and_summary_report_the_suspect_link(tmp_path: Path) -> None:
    _corpus(tmp_path / "c")
    code, out, _ = _run("coverage", str(tmp_path / "c"), "--lang", "en")
    assert code == 0
    assert "! suspect" in out
    assert "was: “Tuyên truyền về cơ chế một cửa, một cửa liên thông.”" in out
    assert f"now: “{NEW_TEXT}”" in out
    assert "Links: 3 checked, 1 of them suspect; 0 unchecked" in out
    code, out, _ = _run("coverage", str(tmp_path / "c"), "--json")
    document = json.loads(out)
    jsonschema.validate(document, _schema("coverage.json"))
    items = {i["item"]: i for i in document["edges"][0]["items"]}
    assert items["nd2"]["status"] == "suspect"
    assert items["nd2"]["changed"][0]["current_text"] == NEW_TEXT
    assert items["nd1"]["status"] == "covered"
    code, out, err = _run("validate", str(tmp_path / "c"))
    assert code == 0
    assert "$.tasks[1].inherits[0]: warning: links to tp-kh-1-2024#nd2, which changed" in out + err
    code, out, _ = _run("summary", str(tmp_path / "c"), "--lang", "vi", "--as-of", "2024-03-01")
    assert "Liên kết cần rà soát: 1" in out


def test_links_refresh_clears_every_suspect_link(tmp_path: Path) -> None:
    _, child_file = _corpus(tmp_path / "c")
    code, out, err = _run("links", "refresh", str(tmp_path / "c"), "--dry-run", "--json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    jsonschema.validate(document, _schema("links.json"))
    assert [(c["path"], c["suspect"]) for c in document["changes"]] == [
        ("$.tasks[1].inherits[0]", True)
    ]
    assert document["written"] is False
    before = child_file.read_bytes()
    code, out, err = _run("links", "refresh", str(tmp_path / "c"), "--lang", "en")
    assert (code, err) == (0, "")
    assert "1 link(s) in 1 file(s) (written)." in out
    after = child_file.read_text(encoding="utf-8")
    assert after.startswith("# Kế hoạch của quận (minh họa)\n")
    corpus = load_corpus(tmp_path / "c")
    result = corpus_coverage(corpus, [(PARENT.key, _derived().key)])
    assert {i.status for e in result.edges for i in e.items} == {Status.COVERED}
    assert not [p for p in check_corpus(corpus) if p.rule == "coverage.suspect_link"]
    # Nothing but that link changed: the lines before and after it are as they were.
    old_lines, new_lines = before.decode("utf-8").splitlines(), after.splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b]
    assert changed
    assert len(old_lines) == len(new_lines)
    assert all("text: " in new_lines[i] or "fingerprint: " in new_lines[i] for i in changed)
    code, out, _ = _run("links", "refresh", str(tmp_path / "c"), "--lang", "en")
    assert "nothing to refresh" in out
    assert child_file.read_text(encoding="utf-8") == after


def test_links_refresh_needs_a_path_and_a_known_plan(tmp_path: Path) -> None:
    _corpus(tmp_path / "c")
    code, _, err = _run("links", "refresh")
    assert code == 2
    code, _, err = _run("links", "refresh", str(tmp_path / "c"), "--plan", "tp-kh-9")
    assert code == 2
    assert "no plan with key 'tp-kh-9'" in err


HAND_WRITTEN = """\
# ILLUSTRATIVE: a ward plan written by hand.
key: p-kh-2024   # the key
kind: plan
title: 'Kế hoạch (minh họa)'
issuer: u
parents: [tp-kh-1-2024]
tasks:
  - id: a
    text: "Phổ biến văn bản chỉ đạo"
    inherits: [tp-kh-1-2024#nd1, tp-kh-1-2024#nd9]   # nd9 does not exist
  - id: b
    text: Cơ chế một cửa
    inherits:
      - tp-kh-1-2024#nd2    # the one-stop shop
  - id: c
    text: Hội thi
    inherits:
      - to: tp-kh-1-2024#nd3
        editorial: true     # our reading
  - {id: d, text: Văn bản, inherits: ['tp-kh-1-2024#nd1']}
"""


def _expected_edit(parent: Plan) -> str:
    def q(item: str) -> str:
        found = parent.item(item)
        assert found is not None
        return json.dumps(found.text, ensure_ascii=False)

    def fp(item: str) -> str:
        found = parent.item(item)
        assert found is not None
        return fingerprint(found)

    return f"""\
# ILLUSTRATIVE: a ward plan written by hand.
key: p-kh-2024   # the key
kind: plan
title: 'Kế hoạch (minh họa)'
issuer: u
parents: [tp-kh-1-2024]
tasks:
  - id: a
    text: "Phổ biến văn bản chỉ đạo"
    inherits:
      - to: tp-kh-1-2024#nd1
        text: {q("nd1")}
        fingerprint: {fp("nd1")}
      - tp-kh-1-2024#nd9   # nd9 does not exist
  - id: b
    text: Cơ chế một cửa
    inherits:
      - to: tp-kh-1-2024#nd2
        text: {q("nd2")}
        fingerprint: {fp("nd2")}    # the one-stop shop
  - id: c
    text: Hội thi
    inherits:
      - to: tp-kh-1-2024#nd3
        editorial: true     # our reading
        text: {q("nd3")}
        fingerprint: {fp("nd3")}
  - {{id: d, text: Văn bản, inherits: [{{to: tp-kh-1-2024#nd1, text: {q("nd1")}, \
fingerprint: {fp("nd1")}}}]}}
"""


def _hand_corpus(text: str, suffix: str = ".yaml") -> tuple[Corpus, Plan]:
    from cchc.files._convert import CONVERTER
    from cchc.files._json import load_json
    from cchc.files._yaml import load_yaml

    data = load_json(text) if suffix == ".json" else load_yaml(text)
    child: Plan = CONVERTER.structure(data, Plan)
    return Corpus(plans=(PARENT, child)), child


def test_refresh_edits_only_the_links_and_keeps_every_other_byte() -> None:
    corpus, child = _hand_corpus(HAND_WRITTEN)
    changes = link_changes(corpus, child.key)
    assert [c.path for c in changes] == [
        "$.tasks[0].inherits[0]",
        "$.tasks[1].inherits[0]",
        "$.tasks[2].inherits[0]",
        "$.tasks[3].inherits[0]",
    ]
    edited = relinked_text(HAND_WRITTEN, ".yaml", child, changes)
    assert edited == _expected_edit(PARENT)
    crlf = HAND_WRITTEN.replace("\n", "\r\n")
    assert relinked_text(crlf, ".yaml", child, changes) == _expected_edit(PARENT).replace(
        "\n", "\r\n"
    )


def test_refresh_edits_json_in_json() -> None:
    data = {
        "key": "p-kh-2024",
        "kind": "plan",
        "title": "Kế hoạch (minh họa)",
        "issuer": "u",
        "parents": ["tp-kh-1-2024"],
        "tasks": [{"id": "a", "text": "Phổ biến", "inherits": ["tp-kh-1-2024#nd1"]}],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    corpus, child = _hand_corpus(text, ".json")
    edited = relinked_text(text, ".json", child, link_changes(corpus))
    link = json.loads(edited)["tasks"][0]["inherits"][0]
    assert link == {
        "to": "tp-kh-1-2024#nd1",
        "text": PARENT.tasks[0].text,
        "fingerprint": fingerprint(PARENT.tasks[0]),
    }
    assert edited.replace(json.dumps(link, ensure_ascii=False), '"tp-kh-1-2024#nd1"') == text


def test_refresh_refuses_a_link_it_cannot_edit_safely(tmp_path: Path) -> None:
    text = HAND_WRITTEN.replace(
        "        editorial: true     # our reading\n",
        "        editorial: true\n        text: |\n          Cũ\n"
        "        fingerprint: 000000000000\n",
    )
    corpus, child = _hand_corpus(text)
    with pytest.raises(RelinkError, match="block scalar"):
        relinked_text(text, ".yaml", child, link_changes(corpus))
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "parent.yaml").write_text(dumps_plan(PARENT), encoding="utf-8")
    (folder / "units.yaml").write_text(
        "units:\n  - {code: tp.ubnd, name: UBND thành phố, level: province}\n"
        "  - {code: u, name: UBND phường (minh họa), level: commune, parent: tp.ubnd}\n",
        encoding="utf-8",
    )
    (folder / "child.yaml").write_text(text, encoding="utf-8")
    (folder / "other.yaml").write_text(
        HAND_WRITTEN.replace("p-kh-2024", "q-kh-2024"), encoding="utf-8"
    )
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, _, err = _run("links", "refresh", str(folder))
    assert code == 2
    assert "child.yaml: a link written over several lines as a block scalar" in err
    assert "nothing was written" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_refresh_refuses_a_file_not_in_nfc() -> None:
    corpus, child = _hand_corpus(HAND_WRITTEN)
    nfd = unicodedata.normalize("NFD", HAND_WRITTEN)
    with pytest.raises(RelinkError, match="NFC"):
        relinked_text(nfd, ".yaml", child, link_changes(corpus))
    changed = HAND_WRITTEN.replace("Hội thi", "Hội diễn")
    with pytest.raises(RelinkError, match="changed since it was read"):
        relinked_text(changed, ".yaml", child, link_changes(corpus))


def test_links_refresh_never_wraps_a_file_name(tmp_path: Path) -> None:
    """However long the corpus path, each file's name stays whole on its own line."""
    deep = tmp_path / ("a" * 60) / ("b" * 70)
    assert main(["examples", str(deep)], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    out = io.StringIO()
    argv = ["links", "refresh", str(deep), "--plan", "mh-ls-tp-cl-kh-2024", "--dry-run"]
    assert main(argv, stdout=out, stderr=io.StringIO(), environ={"COLUMNS": "80"}) == 0
    first = out.getvalue().splitlines()[0]
    assert first == str(deep / "illustrative" / "mh-ls-tp-cl-kh-2024.yaml")
