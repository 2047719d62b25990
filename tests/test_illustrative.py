"""The illustrative plans of the bundled corpus: marked everywhere, and showing every state.

Three plans under ``src/cchc/data/corpus/illustrative/`` are written by hand to show what
cchc checks; they are no real documents.  The states each edge shows were worked out by
hand from the files (which parent item each child item links to) and are checked here, as
is the mark in the tree of ``summary`` and ``graph``, in the node records of ``--json`` and
in the .ics.  Also here: the rule that makes ``summary`` say when every plan is past.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from functools import cache
from pathlib import Path

import icalendar
import pytest
from rich.console import Console

from cchc.calendar._expand import expand
from cchc.calendar._ics import ILLUSTRATIVE_LINE, ILLUSTRATIVE_PREFIX, to_ics
from cchc.coverage._concreteness import concreteness
from cchc.coverage._coverage import Status, edge_coverage
from cchc.files._load import bundled_corpus_path, load_corpus
from cchc.graph._expected import expected_children_status
from cchc.graph._graph import PlanGraph
from cchc.model._corpus import Corpus
from cchc.model._plan import Period, Plan
from cchc.render._console import Lang
from cchc.render._documents import graph_document, summary_document
from cchc.render._graph import ILLUSTRATIVE_LABEL, render_graph_tree
from cchc.render._summary import render_summary
from cchc.report._summary import PastPlans, corpus_summary, past_plans
from cchc.text._vocab import DocumentKind

KH54, LS = "hn-kh-54-2024", "ls-tp-kh-tuyen-truyen-2024"
BD, DD, CL = "mh-hn-hk-kh-2024", "mh-hn-dd-kh-2024", "mh-ls-tp-cl-kh-2024"
# The duties of the city plan's units 2 to 9, with how many bullets each unit has.
_LS_OTHERS = tuple(
    f"tc{unit}.{n}"
    for unit, bullets in ((2, 5), (3, 4), (4, 5), (5, 2), (6, 3), (7, 1), (8, 1), (9, 1))
    for n in range(1, bullets + 1)
)


@cache
def corpus() -> Corpus:
    return load_corpus(bundled_corpus_path())


def test_the_illustrative_plans_are_the_three_of_their_folder() -> None:
    marked = {p.key for p in corpus().plans if p.illustrative}
    assert marked == {BD, DD, CL}
    folder = bundled_corpus_path() / "illustrative"
    assert {path.stem for path in folder.glob("*.yaml")} == {*marked, "records"}


def test_the_illustrative_records_are_about_illustrative_plans_only() -> None:
    # Invented records of a real plan's duties would read as facts about real units.
    plans = {p.key: p for p in corpus().plans}
    assert corpus().records
    for record in corpus().records:
        assert plans[record.duty.plan].illustrative, record
        assert record.note is not None
        assert record.note.startswith("ILLUSTRATIVE")
        assert record.evidence is not None
        assert "(minh họa)" in record.evidence


@pytest.mark.parametrize("key", [BD, DD, CL])
def test_an_illustrative_plan_says_plainly_that_it_is_invented(key: str) -> None:
    plan = corpus().plan(key)
    assert plan.source is not None
    assert "not a real document" in plan.source
    assert plan.notes is not None
    assert plan.notes.startswith("ILLUSTRATIVE")
    assert plan.title.endswith("(minh họa)")
    assert plan.ref is None  # no number that could be taken for a real one


def test_a_plan_is_illustrative_exactly_when_its_file_is_in_the_folder() -> None:
    folder = bundled_corpus_path() / "illustrative"
    for plan in corpus().plans:
        in_folder = Path(corpus().files[plan.key]).parent == folder
        assert plan.illustrative is in_folder, plan.key
    assert sum(1 for p in corpus().plans if not p.illustrative) == 10


# (parent, child, covered, waived, missing, gaps: {child task: what it lacks}), by hand from
# the files: every parent task is linked by one child item or by none.
Row = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], dict[str, tuple[str, ...]]]
"""parent, child, covered, waived, missing, gaps: {child task: what it lacks}."""
EDGES: list[Row] = [
    (KH54, BD, ("nd1", "nd2", "nd3", "nd4", "nd5", "nd6"), ("tc1",), (), {}),
    (
        KH54,
        DD,
        ("nd1", "nd2", "nd3", "nd4"),
        ("tc1",),
        ("nd5", "nd6"),
        {"nd2": ("lead", "products", "schedule")},
    ),
    (
        LS,
        CL,
        (*(f"nd{n}" for n in range(1, 10)), "tc1.1", "tc1.2", "tc1.3", "tc1.4", "tc1.5"),
        _LS_OTHERS,
        (),
        {"tc3": ("products",)},
    ),
]


@pytest.mark.parametrize("row", EDGES, ids=[row[1] for row in EDGES])
def test_each_edge_shows_the_states_worked_out_by_hand(row: Row) -> None:
    parent, child, covered, waived, missing, gaps = row
    edge = edge_coverage(corpus().plan(parent), corpus().plan(child), suggest=False)
    by_status = {s: sorted(i.item for i in edge.items if i.status is s) for s in Status}
    assert by_status[Status.COVERED] == sorted(covered)
    assert by_status[Status.WAIVED] == sorted(waived)
    assert by_status[Status.MISSING] == sorted(missing)
    found = {gap.item: gap.missing for gap in concreteness(corpus().plan(child))}
    assert found == gaps


def test_the_vague_wording_of_the_task_that_names_nothing_is_reported() -> None:
    (gap,) = concreteness(corpus().plan(DD))
    assert gap.vague == ("đẩy mạnh",)


def test_the_districts_count_as_issued_members_of_the_group_kh_54_expects() -> None:
    status = expected_children_status(PlanGraph.from_corpus(corpus()), KH54)
    # Each district of the group owes its own plan: two of the thirty issued one.
    assert status.issued == {"hn-hk.ubnd": (BD,), "hn-dd.ubnd": (DD,)}
    assert len(status.groups["hn.quan-huyen-thi-xa"]) == 30
    done, owing = status.of_group("hn.quan-huyen-thi-xa")
    assert (len(done), len(owing)) == (2, 28)
    assert "hn-bd.ubnd" in owing
    # The departments are declared by none of the corpus' files: the group counts once.
    assert status.groups["hn.so-ban-nganh"] == ()
    assert status.missing[0] == "hn.so-ban-nganh"
    assert len(status.missing) == 29


# -- marked in every output ---------------------------------------------------------------


def _printed(draw: object) -> str:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    draw(console)  # type: ignore[operator]
    return out.getvalue()


@pytest.mark.parametrize("lang", list(Lang))
def test_summary_and_graph_trees_mark_each_illustrative_plan(lang: Lang) -> None:
    summary = corpus_summary(corpus(), dt.date(2024, 6, 30))
    graph = PlanGraph.from_corpus(corpus())
    deadlines = "Hạn sắp tới" if lang is Lang.VI else "Next deadlines"
    for text in (
        # The summary's tree, above its deadlines (which mark their own lines).
        _printed(lambda c: render_summary(c, summary, lang)).partition(deadlines)[0],
        _printed(lambda c: render_graph_tree(c, graph, lang)),
    ):
        marked = [line for line in text.splitlines() if ILLUSTRATIVE_LABEL in line]
        assert len(marked) == 3
        for key in (BD, DD, CL):
            assert sum(key in line for line in text.splitlines()) >= 1


def test_every_node_record_of_json_says_whether_it_is_illustrative() -> None:
    graph = PlanGraph.from_corpus(corpus())
    summary = corpus_summary(corpus(), dt.date(2024, 6, 30))
    records = [
        *graph_document(graph)["nodes"],
        *summary_document(summary)["documents"],
    ]
    assert records
    assert {r["key"] for r in records if r["illustrative"]} == {BD, DD, CL}
    json.dumps(records)  # plain JSON


def test_ics_events_of_illustrative_plans_say_so_and_others_do_not() -> None:
    plans = corpus().plans
    occurrences = expand(plans, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    marked = {p.key for p in plans if p.illustrative}
    data = to_ics(occurrences, as_of=dt.date(2024, 6, 30), illustrative=marked)
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    by_plan = {o.plan for o in occurrences}
    assert marked <= by_plan  # each illustrative plan has deadlines to mark
    flagged = [e for e in events if str(e["summary"]).startswith(ILLUSTRATIVE_PREFIX)]
    assert flagged
    assert len(flagged) == sum(1 for o in occurrences if o.plan in marked)
    for event in events:
        is_flagged = str(event["summary"]).startswith(ILLUSTRATIVE_PREFIX)
        assert (ILLUSTRATIVE_LINE in str(event["description"])) == is_flagged


# -- summary when every plan is past ------------------------------------------------------


def _plan(key: str, issued: dt.date | None, period: Period | None) -> Plan:
    return Plan(
        key=key, kind=DocumentKind.PLAN, title="T", issuer="x.ubnd", issued=issued, period=period
    )


Y2024, Y2021_25 = Period.years(2024), Period.years(2021, 2025)
# (plans as (issued, period), as_of, expected (last day, suggested) or None), by hand:
PAST = [
    ([(dt.date(2024, 2, 8), Y2024)], dt.date(2025, 1, 1), (dt.date(2024, 12, 31), 2024)),
    # the last day covered is not yet past: the plan is current
    ([(dt.date(2024, 2, 8), Y2024)], dt.date(2024, 12, 31), None),
    # the newest plan's year of issue, not the latest end, gives the day to look at
    (
        [(dt.date(2021, 6, 14), Y2021_25), (dt.date(2024, 2, 8), Y2024)],
        dt.date(2026, 12, 2),
        (dt.date(2025, 12, 31), 2024),
    ),
    # one plan still running is enough for the deadlines to be worth listing
    ([(dt.date(2021, 6, 14), Y2021_25), (dt.date(2024, 2, 8), Y2024)], dt.date(2025, 3, 1), None),
    # no period: the date of issue is the plan's last known day
    ([(dt.date(2020, 3, 12), None)], dt.date(2021, 1, 1), (dt.date(2020, 3, 12), 2020)),
    # no period and no date: it could be current, so nothing is said
    ([(None, None), (dt.date(2020, 3, 12), None)], dt.date(2026, 1, 1), None),
    # no date of issue: the period's first year stands for it
    ([(None, Y2021_25)], dt.date(2026, 1, 1), (dt.date(2025, 12, 31), 2021)),
    ([], dt.date(2026, 1, 1), None),
]


@pytest.mark.parametrize(("plans", "as_of", "expected"), PAST)
def test_past_plans(
    plans: list[tuple[dt.date | None, Period | None]],
    as_of: dt.date,
    expected: tuple[dt.date, int] | None,
) -> None:
    found = past_plans([_plan(f"p{n}", *p) for n, p in enumerate(plans)], as_of)
    if expected is None:
        assert found is None
    else:
        last, year = expected
        assert found == PastPlans(last_day=last, suggested=dt.date(year, 6, 30))


@pytest.mark.parametrize(
    ("lang", "words"),
    [(Lang.VI, "mọi kế hoạch đều kết thúc trước"), (Lang.EN, "every plan ends before")],
)
def test_summary_says_the_plans_are_past_and_how_to_see_them(lang: Lang, words: str) -> None:
    summary = corpus_summary(corpus(), dt.date(2026, 12, 2))
    text = _printed(lambda c: render_summary(c, summary, lang))
    assert words in text
    assert "python -m cchc summary --as-of 2024-06-30" in text
    assert "31/12/2025" in text
    # the two lists it replaces are not printed
    assert "Quá hạn" not in text
    assert "Overdue" not in text


def test_summary_lists_deadlines_while_a_plan_is_current() -> None:
    summary = corpus_summary(corpus(), dt.date(2024, 6, 30))
    assert summary.past is None
    text = _printed(lambda c: render_summary(c, summary, Lang.EN))
    assert "Next deadlines" in text
    assert "every plan ends before" not in text


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 12, 2), {"last_day": "2025-12-31", "suggested": "2024-06-30"}),
        (dt.date(2024, 6, 30), None),
    ],
)
def test_summary_json_says_the_same_as_the_terminal(
    as_of: dt.date, expected: dict[str, str] | None
) -> None:
    assert summary_document(corpus_summary(corpus(), as_of))["past"] == expected
