"""validate's corpus checks: graph rules, links outside parents, dangling links, all at once."""

from __future__ import annotations

import io
from pathlib import Path

import attrs

from cchc import PlanGraph, Severity, load_corpus
from cchc.cli import main
from cchc.coverage import dangling_links
from cchc.report._checks import check_corpus

UNITS = """\
units:
  - {code: hn.ubnd, name: UBND Thành phố Hà Nội, level: province}
  - {code: hn-bd.ubnd, name: UBND quận Ba Đình, level: district, parent: hn.ubnd}
"""
PARENT = """\
key: parent
kind: plan
title: Kế hoạch của Thành phố
issuer: hn.ubnd
issued: 2024-02-08
period: 2024
tasks:
  - {id: nd1, text: Tuyên truyền các văn bản chỉ đạo về cải cách hành chính}
"""
CHILD = """\
key: child
kind: plan
title: Kế hoạch của quận
issuer: hn-bd.ubnd
issued: 2024-03-01
period: 2024
parents: [parent]
tasks:
  - id: a
    text: Tuyên truyền văn bản chỉ đạo
    inherits: [parent#nd1, parent#nd9, other#x, nowhere#y]
"""
OTHER = PARENT.replace("key: parent", "key: other").replace("nd1", "x")


def write_corpus(folder: Path) -> Path:
    for name, text in {
        "units.yaml": UNITS,
        "p.yaml": PARENT,
        "c.yaml": CHILD,
        "o.yaml": OTHER,
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_links_are_checked_against_parents_and_items(tmp_path: Path) -> None:
    corpus = load_corpus(write_corpus(tmp_path))
    found = {(p.rule, p.severity, p.path, p.file) for p in check_corpus(corpus)}
    child = str(tmp_path / "c.yaml")
    assert found == {
        ("coverage.dangling", Severity.ERROR, "$.tasks[0].inherits", child),
        ("links.not_parent", Severity.WARNING, "$.tasks[0].inherits", child),
        ("links.unknown_plan", Severity.ERROR, "$.tasks[0].inherits", child),
    }


def test_errors_come_first(tmp_path: Path) -> None:
    problems = check_corpus(load_corpus(write_corpus(tmp_path)))
    severities = [p.severity for p in problems]
    assert severities == sorted(severities, key=lambda s: s is not Severity.ERROR)


def test_validate_reports_corpus_errors_with_exit_2(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(write_corpus(tmp_path))], stdout=out, stderr=err)
    assert code == 2
    assert len(err.getvalue().splitlines()) == 3
    assert "2 error(s), 1 warning(s)" in out.getvalue()


def test_bundled_corpus_has_only_the_known_warning() -> None:
    from cchc import bundled_corpus_path

    problems = check_corpus(load_corpus(bundled_corpus_path()))
    # HD 83/HD-LĐLĐ runs to 2025, but the Gia Lâm district federation that leads its
    # duties and receives its reports ended on 30 June 2025, with the district level.
    lead = ("graph.lead_inactive", Severity.WARNING)
    assert [(p.rule, p.severity) for p in problems] == [
        ("graph.child_before_parent", Severity.WARNING),
        lead,
        lead,
        ("graph.recipient_inactive", Severity.WARNING),
        lead,
        lead,
    ]


def test_problems_of_plans_carry_their_key_and_one_place_finds_their_file(
    tmp_path: Path,
) -> None:
    corpus = load_corpus(write_corpus(tmp_path))
    edges = PlanGraph.from_corpus(corpus).implements_edges()
    # Coverage finds the dangling link in plan "child", and the corpus knows its file.
    (dangling,) = dangling_links(corpus, edges)
    assert (dangling.plan, dangling.file) == ("child", str(tmp_path / "c.yaml"))
    unplaced = attrs.evolve(dangling, file=None)
    assert corpus.locate(unplaced) == dangling
    # A problem with a file keeps it; one of a plan the corpus lacks stays without.
    elsewhere = attrs.evolve(dangling, file="given.yaml")
    assert corpus.locate(elsewhere) is elsewhere
    stranger = attrs.evolve(unplaced, plan="nowhere")
    assert corpus.locate(stranger) is stranger
    assert {p.plan for p in check_corpus(corpus)} == {"child"}


def test_checks_take_the_graph_a_command_built(tmp_path: Path) -> None:
    graph = PlanGraph.from_corpus(load_corpus(write_corpus(tmp_path)))
    rules = [p.rule for p in check_corpus(graph)]
    assert rules == ["links.unknown_plan", "coverage.dangling", "links.not_parent"]
