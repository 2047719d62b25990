"""``summary``: its data (built without rich), its rendering, its command line."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from cchc.calendar._expand import expand
from cchc.cli import _summary as summary_command
from cchc.cli import main
from cchc.cli._common import EXIT_INPUT, EXIT_OK, Env
from cchc.exceptions import Severity
from cchc.model._corpus import Corpus
from cchc.model._items import ItemLink, Schedule, Task
from cchc.model._plan import Period, Plan, Unit
from cchc.render._console import Lang, choose_lang, make_console, progress_bar
from cchc.render._deadlines import deadline_lines
from cchc.render._detail import render_plan_detail
from cchc.render._documents import plan_document, summary_document
from cchc.render._summary import render_summary
from cchc.report._checks import check_corpus
from cchc.report._detail import plan_detail
from cchc.report._summary import CorpusSummary, corpus_summary
from cchc.text._vocab import (
    Anchor,
    Cadence,
    DocumentKind,
    Level,
    PlanStatus,
    ScheduleKind,
    TaskKind,
)

AS_OF = dt.date(2024, 3, 20)
UNITS = {
    u.code: u
    for u in (
        Unit(code="hn.ubnd", name="UBND Thành phố Hà Nội", level=Level.PROVINCE),
        Unit(code="bd", name="UBND quận Ba Đình", level=Level.DISTRICT, parent="hn.ubnd"),
        Unit(code="hk", name="UBND quận Hoàn Kiếm", level=Level.DISTRICT, parent="hn.ubnd"),
        Unit(code="bd.pnv", name="Phòng Nội vụ quận Ba Đình", level=Level.DISTRICT, parent="bd"),
    )
}


def _plan(key: str, issuer: str, **fields: object) -> Plan:
    defaults: dict[str, object] = {
        "kind": DocumentKind.PLAN,
        "title": f"Kế hoạch {key}",
        "issued": dt.date(2024, 2, 8),
        "period": Period.years(2024),
    }
    defaults.update(fields)
    return Plan(key=key, issuer=issuer, **defaults)  # type: ignore[arg-type]


def _task(task_id: str, text: str = "Tuyên truyền cải cách hành chính", **fields: object) -> Task:
    return Task(id=task_id, text=text, **fields)  # type: ignore[arg-type]


def _corpus(*plans: Plan) -> Corpus:
    return Corpus(plans=plans, units=UNITS, files={p.key: f"{p.key}.yaml" for p in plans})


MONTHLY = Schedule(kind=ScheduleKind.QUOTA, cadences=(Cadence.MONTHLY,), count=1, what="tin, bài")
PARENT = _plan(
    "city",
    "hn.ubnd",
    tasks=(_task("nd1"), _task("nd2"), _task("nd3"), _task("tc1", kind=TaskKind.DUTY)),
    expected_children=("bd", "hk"),
)


def _child(key: str, issuer: str, carries: tuple[str, ...]) -> Plan:
    return _plan(
        key,
        issuer,
        parents=("city",),
        issued=dt.date(2024, 3, 1),
        tasks=tuple(
            _task(f"c{i}", inherits=(ItemLink(plan="city", item=item),))
            for i, item in enumerate(carries)
        ),
    )


# --- the data -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("carries", "percent"),
    [
        pytest.param((), 0.0, id="nothing"),
        pytest.param(("nd1",), 25.0, id="one-of-four"),
        pytest.param(("nd1", "nd2", "nd3", "tc1"), 100.0, id="all"),
    ],
)
def test_each_edge_carries_its_share(carries: tuple[str, ...], percent: float) -> None:
    summary = corpus_summary(_corpus(PARENT, _child("bd-kh", "bd", carries)), AS_OF)
    (top,) = summary.tree
    (child,) = top.children
    assert top.edge is None
    assert child.edge is not None
    assert child.edge.percent == percent
    assert summary.percent == percent


def test_an_edge_whose_parent_has_no_items_cannot_be_checked() -> None:
    cited = _plan("city", "hn.ubnd", status=PlanStatus.CITED)
    summary = corpus_summary(_corpus(cited, _child("bd-kh", "bd", ())), AS_OF)
    edge = summary.tree[0].children[0].edge
    assert edge is not None
    assert edge.percent is None
    assert summary.percent is None
    assert summary_document(summary)["tree"][0]["children"][0]["coverage"]["status"] == "unknown"
    for lang, words in ((Lang.VI, "không đánh giá được"), (Lang.EN, "cannot be checked")):
        assert words in _render(summary, lang)


def test_counts_separate_content_items_and_duties() -> None:
    counts = corpus_summary(_corpus(PARENT, _child("bd-kh", "bd", ("nd1",))), AS_OF).counts
    assert (counts.plans, counts.content_items, counts.duties, counts.units) == (2, 4, 1, 4)


def test_a_shared_child_is_expanded_once() -> None:
    other = _plan("party", "hn.ubnd", tasks=(_task("x"),))
    child = _plan(
        "bd-kh", "bd", parents=("city", "party"), issued=dt.date(2024, 3, 1), tasks=(_task("a"),)
    )
    grandchild = _plan("pnv-kh", "bd.pnv", parents=("bd-kh",), issued=dt.date(2024, 3, 5))
    summary = corpus_summary(_corpus(PARENT, other, child, grandchild), AS_OF)
    under = {top.key: top.children for top in summary.tree}
    assert [n.key for n in under["city"]] == ["bd-kh"]
    assert [n.key for n in under["party"]] == ["bd-kh"]
    first, second = under["city"][0], under["party"][0]
    assert (first.repeated, [n.key for n in first.children]) == (False, ["pnv-kh"])
    assert (second.repeated, second.children) == (True, ())


def test_problems_are_the_corpus_checks() -> None:
    dangling = _plan(
        "bd-kh",
        "bd",
        parents=("city",),
        issued=dt.date(2024, 1, 1),  # before its parent: a warning
        tasks=(_task("a", inherits=(ItemLink(plan="city", item="nd9"),)),),  # an error
    )
    corpus = _corpus(PARENT, dangling)
    found = check_corpus(corpus)
    counts = corpus_summary(corpus, AS_OF).problems
    assert counts.errors == sum(p.severity is Severity.ERROR for p in found) > 0
    assert counts.warnings == sum(p.severity is Severity.WARNING for p in found) > 0
    assert sum(counts.rules.values()) == len(found)


SCHEDULED = _plan(
    "sched",
    "bd",
    tasks=(_task("q", lead=("bd.pnv",), schedules=(MONTHLY,)),),
)


@given(
    as_of=st.dates(dt.date(2023, 12, 1), dt.date(2025, 2, 1)),
    limit=st.integers(0, 15),
)
def test_deadlines_split_around_the_day(as_of: dt.date, limit: int) -> None:
    every = expand((SCHEDULED,))
    deadlines = corpus_summary(_corpus(SCHEDULED), as_of, limit=limit).deadlines
    assert deadlines.upcoming_total + deadlines.overdue_total == len(every)
    assert all(o.date >= as_of for o in deadlines.upcoming)
    assert all(o.date < as_of for o in deadlines.overdue)
    assert len(deadlines.upcoming) == min(limit, deadlines.upcoming_total)
    assert len(deadlines.overdue) == min(limit, deadlines.overdue_total)
    late = [o for o in every if o.date < as_of]
    assert list(deadlines.overdue) == (late[-limit:] if limit else [])  # the latest ones
    assert list(deadlines.upcoming) == [o for o in every if o.date >= as_of][:limit]


def test_plan_json_keeps_where_a_recurring_date_falls() -> None:
    report = Schedule(
        kind=ScheduleKind.REPORT,
        cadences=(Cadence.QUARTERLY,),
        anchor=Anchor.FOLLOWING_DAY,
        day=5,
        to="hn.ubnd",
    )
    plan = _plan("bd-kh", "bd", tasks=(_task("bc", lead=("bd.pnv",), schedules=(report,)),))
    document = plan_document(plan_detail(_corpus(plan), "bd-kh", AS_OF))
    (schedule,) = document["content_items"][0]["schedules"]
    assert (schedule["anchor"], schedule["day"]) == ("following_day", 5)
    assert schedule["cadences"] == ["quarterly"]
    assert schedule["to"] == "hn.ubnd"


def test_a_node_holds_its_kind_and_level_as_types_and_json_as_their_values() -> None:
    summary = corpus_summary(_corpus(PARENT, _child("bd-kh", "bd", ("nd1",))), AS_OF)
    node = summary.nodes["bd-kh"]
    assert node.kind is DocumentKind.PLAN
    assert node.level is Level.DISTRICT
    documents = {d["key"]: d for d in summary_document(summary)["documents"]}
    assert (documents["bd-kh"]["kind"], documents["bd-kh"]["level"]) == ("plan", "district")


def test_plan_detail_shows_expected_children_and_duties() -> None:
    corpus = _corpus(PARENT, _child("bd-kh", "bd", ("nd1",)))
    detail = plan_detail(corpus, "city", AS_OF)
    assert detail.expected.issued == {"bd": ("bd-kh",)}
    assert detail.expected.missing == ("hk",)
    document = plan_document(detail)
    assert [t["id"] for t in document["duties"]] == ["tc1"]
    assert [t["id"] for t in document["content_items"]] == ["nd1", "nd2", "nd3"]
    assert document["expected_children"]["share"] == 0.5
    for lang, missing in ((Lang.VI, "chưa có kế hoạch"), (Lang.EN, "no plan yet")):
        console, out = _console()
        render_plan_detail(console, detail, lang)
        text = out.getvalue()
        assert f"UBND quận Hoàn Kiếm: {missing}" in text
        assert "UBND quận Ba Đình: bd-kh" in text


# --- rendering ------------------------------------------------------------------------------


def _console(
    environ: Mapping[str, str] | None = None, width: int = 100
) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return make_console(out, environ or {}, width=width), out


def _render(summary: CorpusSummary, lang: Lang) -> str:
    console, out = _console()
    render_summary(console, summary, lang)
    return out.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("terminal", "environ", "plain"),
    [
        pytest.param(False, {}, True, id="pipe"),
        pytest.param(True, {"NO_COLOR": "1"}, True, id="no-color"),
        pytest.param(True, {"NO_COLOR": ""}, True, id="no-color-empty"),
        pytest.param(True, {"TERM": "dumb"}, True, id="dumb"),
        pytest.param(True, {}, False, id="terminal"),
    ],
)
def test_plain_output_has_no_colour_and_ascii_guides(
    terminal: bool, environ: dict[str, str], plain: bool
) -> None:
    out = _Terminal() if terminal else io.StringIO()
    console = make_console(out, environ, width=100)
    summary = corpus_summary(_corpus(PARENT, _child("bd-kh", "bd", ("nd1",))), AS_OF)
    render_summary(console, summary, Lang.EN)
    text = out.getvalue()
    assert ("\x1b[" in text) is not plain
    assert ("`-- " in text) is plain
    assert ("└── " in text) is not plain


def test_content_text_is_shown_exactly_as_written() -> None:
    text = "Tuyên truyền [bold]không phải markup[/bold] về “CCHC”"
    plan = _plan("odd", "bd", tasks=(_task("a", text=text),))
    console, out = _console(width=200)
    render_plan_detail(console, plan_detail(_corpus(plan), "odd", AS_OF), Lang.VI)
    assert text in out.getvalue()


VIETNAMESE = st.text(
    alphabet=st.sampled_from("aăâeêioôơuưyđAĂÂĐ áàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵ,.-"),
    min_size=1,
    max_size=60,
).map(lambda s: unicodedata.normalize("NFC", s))


@given(rows=st.lists(st.tuples(VIETNAMESE, VIETNAMESE), min_size=1, max_size=6))
def test_vietnamese_columns_line_up(rows: list[tuple[str, str]]) -> None:
    console, out = _console(width=60)
    table = Table(title=None)
    table.add_column("Đơn vị")
    table.add_column("Nội dung")
    for unit, text in rows:
        table.add_row(unit, text)
    console.print(table)
    widths = {cell_len(line) for line in out.getvalue().splitlines()}
    assert len(widths) == 1


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        pytest.param("en", {"CCHC_LANG": "vi"}, Lang.EN, id="option-first"),
        pytest.param(None, {"CCHC_LANG": "en", "LANG": "vi_VN.UTF-8"}, Lang.EN, id="env"),
        pytest.param(None, {"CCHC_LANG": "fr", "LANG": "en_US.UTF-8"}, Lang.EN, id="bad-env"),
        pytest.param(None, {"LC_ALL": "en_GB.UTF-8", "LANG": "vi_VN"}, Lang.EN, id="lc-all"),
        pytest.param(None, {"LANG": "vi_VN.UTF-8"}, Lang.VI, id="locale-vi"),
        pytest.param(None, {"LANG": "C.UTF-8"}, Lang.VI, id="c-locale"),
        pytest.param(None, {}, Lang.VI, id="nothing"),
    ],
)
def test_choose_lang(explicit: str | None, environ: dict[str, str], expected: Lang) -> None:
    assert choose_lang(explicit, environ) is expected


@pytest.mark.parametrize(
    ("terminal", "environ", "drawn"),
    [
        pytest.param(False, {}, False, id="pipe"),
        pytest.param(True, {"NO_COLOR": "1"}, False, id="no-color"),
        pytest.param(True, {}, True, id="terminal"),
    ],
)
def test_progress_bar_only_on_a_terminal(
    terminal: bool, environ: dict[str, str], drawn: bool
) -> None:
    err = _Terminal() if terminal else io.StringIO()
    with progress_bar(err, environ, "loading") as progress:
        assert (progress is not None) is drawn
        if progress is not None:
            progress(1, 2)
    assert bool(err.getvalue()) is drawn


# --- the command ----------------------------------------------------------------------------


def _run(
    monkeypatch: pytest.MonkeyPatch, corpus: Corpus | None, *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(summary_command, "load_for_command", lambda path, env: corpus)
    parser = argparse.ArgumentParser()
    summary_command.configure(parser)
    out, err = io.StringIO(), io.StringIO()
    code = summary_command.execute(
        parser.parse_args(list(argv)), Env(stdout=out, stderr=err, environ={"COLUMNS": "100"})
    )
    return code, out.getvalue(), err.getvalue()


def test_summary_exits_0_even_when_checks_find_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = _plan(
        "bd-kh",
        "bd",
        parents=("city",),
        tasks=(_task("a", inherits=(ItemLink(plan="city", item="nd9"),)),),
    )
    code, out, err = _run(
        monkeypatch, _corpus(PARENT, broken), "--as-of", "2024-03-20", "--lang", "en"
    )
    assert (code, err) == (EXIT_OK, "")
    assert "1 error(s)" in out
    assert "python -m cchc validate" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(("--plan", "nope"), "nope", id="unknown-plan"),
    ],
)
def test_summary_bad_input_exits_2(
    monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...], message: str
) -> None:
    code, out, err = _run(monkeypatch, _corpus(PARENT), *argv)
    assert (code, out) == (EXIT_INPUT, "")
    assert message in err


def test_summary_of_a_corpus_that_does_not_load_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(monkeypatch, None)[0] == EXIT_INPUT


def test_summary_bad_as_of_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    summary_command.configure(parser)
    with pytest.raises(SystemExit) as info:
        parser.parse_args(["--as-of", "31/02/2024"])
    assert info.value.code == 2
    assert "--as-of" in capsys.readouterr().err


@pytest.mark.parametrize("as_of", ["2024-03-20", "20/03/2024", "20/3/2024"])
def test_summary_as_of_is_read_day_first(monkeypatch: pytest.MonkeyPatch, as_of: str) -> None:
    corpus = _corpus(SCHEDULED)
    code, out, _ = _run(monkeypatch, corpus, "--as-of", as_of, "--json")
    assert code == EXIT_OK
    assert json.loads(out)["as_of"] == "2024-03-20"


def test_summary_json_and_screen_come_from_the_same_data(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(PARENT, _child("bd-kh", "bd", ("nd1", "nd2")), SCHEDULED)
    _, out, _ = _run(monkeypatch, corpus, "--as-of", "2024-03-20", "--json")
    document = json.loads(out)
    _, screen, _ = _run(monkeypatch, corpus, "--as-of", "2024-03-20", "--lang", "en")
    (edge,) = document["coverage"]["edges"]
    assert f"carries {edge['percent']:.0f}% ({edge['carried']}/{edge['items']})" in screen
    shown = len(document["deadlines"]["upcoming"])
    assert f"({shown} of {document['deadlines']['upcoming_total']} from 20/03/2024" in screen


def test_units_of_one_name_are_told_apart_in_the_language_of_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Invented data: a province before and after the merger of 1 July 2025, one name.
    (tmp_path / "units.yaml").write_text(
        "units:\n"
        "  - {code: old, name: UBND tỉnh X, level: province, valid_to: 2025-06-30,"
        " successor: new}\n"
        "  - {code: new, name: UBND tỉnh X, level: province, valid_from: 2025-07-01}\n",
        encoding="utf-8",
    )
    for key, issuer, year in (("kh-old", "old", 2024), ("kh-new", "new", 2026)):
        (tmp_path / f"{key}.yaml").write_text(
            f"key: {key}\nkind: plan\ntitle: Kế hoạch (dữ liệu thử)\nissuer: {issuer}\n"
            f"issued: {year}-02-01\nperiod: {year}\n",
            encoding="utf-8",
        )
    for lang, word in (("en", "(until 30/06/2025)"), ("vi", "(đến 30/06/2025)")):
        for extra in ((), ("--plan", "kh-old")):
            code = main(["summary", "--lang", lang, *extra, str(tmp_path)])
            out = capsys.readouterr().out
            assert code == EXIT_OK
            assert f"UBND tỉnh X {word}" in out, (lang, extra)
            other = "(đến " if lang == "en" else "(until "
            assert other not in out, (lang, extra)


@pytest.mark.parametrize("width", [60, 100])
def test_summary_deadlines_give_the_whole_unit_name_and_the_plan(width: int) -> None:
    long_name = "Phòng Văn hóa và Thông tin thành phố Lạng Sơn"
    (occurrence, *_) = expand((SCHEDULED,))
    named = dict.fromkeys(occurrence.units, long_name)
    console, out = _console(width=width)
    table = deadline_lines([occurrence], as_of=AS_OF, lang=Lang.EN, width=width, unit_names=named)
    console.print(table)
    *names, last = out.getvalue().splitlines()
    # The whole name, wrapped when it does not fit beside the date: never cut.
    assert " ".join(line[29:].strip() for line in names) == long_name
    assert (len(names) == 1) is (width == 100)
    whole = f"{occurrence.plan}#{occurrence.task} · {occurrence.text}"
    shown = last.strip()
    assert shown == whole if width == 100 else whole.startswith(shown.removesuffix("…"))
    assert cell_len(last.rstrip()) <= width
