"""``report -o FILE``: the HTML page, read back with the standard library's parser.

The page must agree with the JSON of the commands it gathers (the matrix cells with
``coverage --json``, the marks with ``summary --json``), escape every text of the plans,
stand alone (nothing fetched), and cut large sections while saying how much is left out.
A real browser loads it in ``nox -s browser`` (tests/browser_report.py).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest

from cchc.cli import main

AS_OF = ("--as-of", "2024-03-01")


@attrs.define
class Element:
    """One element of the page: its tag, attributes, children and text."""

    tag: str
    attributes: dict[str, str]
    children: list[Element] = attrs.Factory(list)
    text: list[str] = attrs.Factory(list)

    def classes(self) -> set[str]:
        return set(self.attributes.get("class", "").split())

    def all(self, tag: str | None = None, **wanted: str) -> list[Element]:
        """Every element below (itself included) with *tag* and the attributes *wanted*."""
        found: list[Element] = []
        stack = [self]
        while stack:
            element = stack.pop()
            if (tag is None or element.tag == tag) and all(
                (value in element.classes())
                if key == "class_"
                else element.attributes.get(key.replace("_", "-")) == value
                for key, value in wanted.items()
            ):
                found.append(element)
            stack.extend(reversed(element.children))
        return found

    def content(self) -> str:
        """All the text inside, in order."""
        parts = list(self.text)
        for child in self.children:
            parts.append(child.content())
        return "".join(parts)


_VOID = {"meta", "br", "img", "input", "link", "hr"}


class _Tree(HTMLParser):
    """The page as a tree of :class:`Element`; fails on a closing tag that was never opened."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attributes})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, (tag, [e.tag for e in self.stack])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].text.append(data)


def parse(html: str) -> Element:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == [tree.root], "an element is never closed"
    return tree.root


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    return code, out.getvalue(), err.getvalue()


def _report(tmp_path: Path, *argv: str, lang: str = "vi") -> tuple[str, Element]:
    target = tmp_path / f"report-{lang}.html"
    code, _, err = _run("report", *argv, "-o", str(target), *AS_OF, "--lang", lang)
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    return html, parse(html)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Element]]:
    folder = tmp_path_factory.mktemp("report")
    return {lang: _report(folder, lang=lang) for lang in ("vi", "en")}


def _json(*argv: str) -> Any:
    code, out, err = _run(*argv, "--json")
    assert code in (0, 1), err
    return json.loads(out)


# --- structure ---------------------------------------------------------------------------------

SECTIONS = ("tree", "coverage", "expected", "agenda", "progress", "problems")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_has_every_section_in_its_language(
    bundled: dict[str, tuple[str, Element]], lang: str
) -> None:
    html, page = bundled[lang]
    assert html.startswith("<!DOCTYPE html>")
    (root,) = page.all("html")
    assert root.attributes["lang"] == lang
    ids = [s.attributes["id"] for s in page.all("section") if "id" in s.attributes]
    assert ids == list(SECTIONS)
    heading = page.all("h1")[0].content()
    assert heading == {"vi": "Báo cáo kế hoạch CCHC", "en": "CCHC plans report"}[lang]
    (as_of,) = page.all("p", id="as-of")
    assert as_of.attributes["data-as-of"] == "2024-03-01"
    assert "01/03/2024" in as_of.content()


def test_the_page_stands_alone(bundled: dict[str, tuple[str, Element]]) -> None:
    html, page = bundled["vi"]
    assert page.all("link") == []
    assert page.all("img") == []
    assert page.all("iframe") == []
    (script,) = page.all("script")
    assert "src" not in script.attributes
    assert "fetch(" not in script.content()
    assert all(a.attributes["href"].startswith("#") for a in page.all("a"))
    assert "http://" not in html
    assert "https://" not in html
    assert "@import" not in html
    (style,) = page.all("style")
    css = style.content()
    # A system font stack whose every font carries Vietnamese, no web font.
    assert 'font-family: "Noto Sans", "Segoe UI"' in css
    assert "@font-face" not in css
    assert "@media print" in css


def test_the_tree_lists_every_document_of_summary(bundled: dict[str, tuple[str, Element]]) -> None:
    summary = _json("summary", *AS_OF)
    _, page = bundled["en"]
    (tree,) = page.all("table", class_="tree")
    rows = tree.all("tr")[1:]
    listed = {row.attributes["data-plan"].split()[0] for row in rows}
    assert listed == {node["key"] for node in summary["documents"]}
    for row in rows:
        key = row.attributes["data-plan"].split()[0]
        node = next(n for n in summary["documents"] if n["key"] == key)
        marks = row.all("span", class_="illus")
        assert bool(marks) == node["illustrative"], key
        assert all(m.content() == "minh họa / illustrative" for m in marks)


def _matrix_cells(page: Element) -> dict[tuple[str, str, str], str]:
    """(parent, child, item) -> the state a cell of the page shows, by its class."""
    cells: dict[tuple[str, str, str], str] = {}
    for matrix in page.all("section", class_="matrix"):
        parent = matrix.attributes["data-parent"]
        (table,) = matrix.all("table")
        children = [th.attributes["data-child"] for th in table.all("th", class_="col")]
        for row in table.all("tr"):
            if "data-item" not in row.attributes:
                continue
            tds = row.all("td")[: len(children)]
            for child, td in zip(children, tds, strict=True):
                (state,) = td.classes()
                cells[parent, child, row.attributes["data-item"]] = state
    return cells


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_matrix_cells_agree_with_coverage_json(
    bundled: dict[str, tuple[str, Element]], lang: str
) -> None:
    coverage = _json("coverage")
    expected = {
        (edge["parent"], edge["child"], item["item"]): item["status"]
        for edge in coverage["edges"]
        for item in edge["items"]
    }
    assert expected  # the bundled corpus has parents with items
    cells = _matrix_cells(bundled[lang][1])
    assert cells == expected
    marks = {"covered": "✔", "waived": "–", "suggested": "?", "missing": "✘"}
    _, page = bundled[lang]
    for td in (td for m in page.all("table", class_="m") for td in m.all("td")):
        state = td.classes() & set(marks)
        if state:
            assert td.content() == marks[state.pop()]


def test_illustrative_children_are_marked_in_the_matrix(
    bundled: dict[str, tuple[str, Element]],
) -> None:
    coverage = _json("coverage")
    marked = {e["child"] for e in coverage["edges"] if e["child_illustrative"]}
    assert marked
    _, page = bundled["vi"]
    for th in page.all("th", class_="col"):
        assert bool(th.all("span", class_="illus")) == (th.attributes["data-child"] in marked)


@pytest.mark.parametrize("day", ["2024-03-01", "2024-07-01"])
def test_each_unit_agenda_agrees_with_the_calendar(tmp_path: Path, day: str) -> None:
    # By mid-2024 the illustrative records show duties done, some of them late.
    calendar = _json("calendar", "--as-of", day)
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for occurrence in calendar["occurrences"]:
        for unit in occurrence["unit"]:
            by_unit.setdefault(unit, []).append(occurrence)
    target = tmp_path / "r.html"
    assert _run("report", "-o", str(target), "--as-of", day, "--lang", "en")[0] == 0
    page = parse(target.read_text(encoding="utf-8"))
    units = page.all("section", class_="unit")
    assert {u.attributes["data-unit"].replace("\u00a0", " ") for u in units} == set(by_unit)
    statuses = {"overdue", "upcoming", "later", "done", "window_passed"}
    seen: set[str] = set()
    for unit in units:
        owed = by_unit[unit.attributes["data-unit"].replace("\u00a0", " ")]
        rows = unit.all("tr")[1:]
        assert 0 < len(rows) <= 12
        for row in rows:
            marks = set(row.attributes["data-status"].split())
            state = marks & statuses
            assert len(state) == 1
            plan = row.attributes["data-plan"]
            cells = [td.content() for td in row.all("td")]
            match = [
                o
                for o in owed
                if o["plan"] == plan
                and o["task"] == cells[2]
                and o["timing"] in state
                and f"{o['date'][8:10]}/{o['date'][5:7]}/{o['date'][:4]}" in cells[0]
            ]
            assert match, (plan, cells)
            seen.update(marks)
            late = any(o["done"] and o["done"]["late"] for o in match)
            assert ("late" in marks) == late
            assert (" · late" in cells[5]) == late
            if "done" in marks:
                assert cells[5].startswith("done")
            if match[0]["illustrative"]:
                assert row.all("span", class_="illus")
            if all(o["estimated"] for o in match):
                assert row.all("span", class_="est")
    if day == "2024-07-01":
        assert {"done", "late", "overdue"} <= seen


def test_follow_through_and_problems_agree_with_their_json(
    bundled: dict[str, tuple[str, Element]],
) -> None:
    progress = _json("progress", *AS_OF)
    validate = _json("validate")
    _, page = bundled["en"]
    (by_unit, by_plan) = page.all("table", class_="rates")
    rows = {r.attributes["data-unit"].replace("\u00a0", " "): r for r in by_unit.all("tr")[1:]}
    assert set(rows) == {u["unit"] for u in progress["units"]}
    for unit in progress["units"]:
        numbers = [td.content() for td in rows[unit["unit"]].all("td")[1:7]]
        fields = ("expected", "done", "on_time", "late", "overdue", "waived")
        assert numbers == [str(unit[f]) for f in fields]
    assert len(by_plan.all("tr")) - 1 == len(progress["plans"])
    (problems,) = page.all("section", id="problems")
    listed = problems.all("tr")[1:]
    assert [r.attributes["data-status"] for r in listed] == [
        p["severity"] for p in validate["problems"]
    ]
    assert [r.all("td")[4].content() for r in listed] == [
        p["message"] for p in validate["problems"]
    ]


def test_every_filter_value_names_something_on_the_page(
    bundled: dict[str, tuple[str, Element]],
) -> None:
    _, page = bundled["vi"]
    for key in ("unit", "plan"):
        (select,) = page.all("select", id=f"f-{key}")
        values = {o.attributes["value"] for o in select.all("option")} - {""}
        named = {
            token
            for element in page.all()
            for token in element.attributes.get(f"data-{key}", "").split()
        }
        assert values, key
        assert values <= named, key
    # Units by name as a reader looks for them: Đ among the D's, not after Z.
    from cchc.text._normal import fold

    (units,) = page.all("select", id="f-unit")
    labels = [o.content() for o in units.all("option")[1:]]
    assert labels == sorted(labels, key=fold)
    (status,) = page.all("select", id="f-status")
    assert {"overdue", "missing", "warning"} <= {
        o.attributes["value"] for o in status.all("option")
    }


# --- text is data --------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script> \'q\' "qq" &amp; \u202eabc\u202c'
"""Markup, quotes, an entity and bidirectional controls: plan files may hold them all."""


def _hostile_corpus(folder: Path) -> Path:
    folder.mkdir()
    parent = {
        "key": "x-kh-1-2024",
        "kind": "plan",
        "title": f"Tiêu đề {HOSTILE}",
        "issuer": "x.ubnd",
        "ref": "1/KH-UBND",
        "issued": "2024-02-08",
        "period": "2024",
        "illustrative": True,
        "units": [
            {"code": "x.ubnd", "name": f"UBND {HOSTILE}", "level": "province"},
            {"code": "x.snv", "name": f"Sở {HOSTILE}", "level": "province", "parent": "x.ubnd"},
        ],
        "tasks": [
            {
                "id": "nd1",
                "text": f"Nhiệm vụ {HOSTILE}",
                "lead": ["x.snv"],
                "schedules": [{"kind": "report", "cadences": ["quarterly"], "to": "x.ubnd"}],
            },
            {"id": "nd2", "text": f"Việc hai {HOSTILE}", "lead": ["x.snv"]},
        ],
        "expected_children": ["x.snv"],
    }
    child = {
        "key": "x-snv-kh-2-2024",
        "kind": "plan",
        "title": f"Con {HOSTILE}",
        "issuer": "x.snv",
        "ref": "2/KH-SNV",
        "issued": "2024-03-01",
        "period": "2024",
        "parents": ["x-kh-1-2024"],
        "tasks": [
            {"id": "nd1", "text": f"Con {HOSTILE}", "inherits": ["x-kh-1-2024#nd1"]},
            # Resembles the parent's nd2 without linking to it: `coverage --suggest` would
            # suggest it; the page, like `coverage --json`, calls nd2 missing.
            {"id": "nd5", "text": f"Việc hai {HOSTILE}"},
        ],
    }
    for name, plan in (("parent.json", parent), ("child.json", child)):
        (folder / name).write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return folder


def test_plan_text_is_escaped_and_shown_visibly(tmp_path: Path) -> None:
    corpus = _hostile_corpus(tmp_path / "hostile")
    html, page = _report(tmp_path, str(corpus), lang="en")
    # Only the page's own script runs; the plan's prints as text.
    assert len(page.all("script")) == 1
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&amp;amp;" in html  # an entity in the data stays the data
    # Bidirectional controls never reach the page, only their names.
    assert "\u202e" not in html
    assert "\u202c" not in html
    assert "&lt;U+202E&gt;abc&lt;U+202C&gt;" in html
    # In an attribute too: the parent item's text is the title of its matrix row.
    (row,) = [r for r in page.all("tr") if r.attributes.get("data-item") == "nd2"]
    title = row.all("th")[0].attributes["title"]
    assert title == 'Việc hai <script>alert("x")</script> \'q\' "qq" &amp; <U+202E>abc<U+202C>'
    coverage = _json("coverage", str(corpus))
    assert _matrix_cells(page) == {
        (e["parent"], e["child"], i["item"]): i["status"]
        for e in coverage["edges"]
        for i in e["items"]
    }
    assert _matrix_cells(page)["x-kh-1-2024", "x-snv-kh-2-2024", "nd2"] == "missing"
    # The unit's name and the task's text in the agenda, with the illustrative mark.
    (unit,) = page.all("section", class_="unit")
    assert "Sở <script>" in unit.all("h3")[0].content()
    assert all(r.all("span", class_="illus") for r in unit.all("tr")[1:])


def test_control_characters_are_shown_never_written() -> None:
    # Plan files cannot hold them (loading refuses), but a file name can: problems name it.
    from cchc.exceptions import Problem, Severity
    from cchc.files._load import bundled_corpus_path, load_corpus
    from cchc.render._console import Lang
    from cchc.render._html import render_html
    from cchc.render._page import build_page

    page = build_page(load_corpus(bundled_corpus_path()), dt.date(2024, 3, 1))
    bad = Problem(
        file="a\x1b]0;pwned\x07.yaml",
        path="$",
        message="bad \x1b[2J\x00 \u2066x\u2069",
        severity=Severity.WARNING,
        rule="load",
    )
    html = render_html(attrs.evolve(page, problems=(bad,)), Lang.VI)
    assert not any(ord(c) < 32 and c not in "\n" for c in html)
    assert "\u2066" not in html
    assert "a&lt;U+001B&gt;]0;pwned&lt;U+0007&gt;.yaml" in html
    assert "bad &lt;U+001B&gt;[2J&lt;U+0000&gt; &lt;U+2066&gt;x&lt;U+2069&gt;" in html


# --- large corpora -------------------------------------------------------------------------------


def test_sections_are_cut_and_say_how_much_is_left_out() -> None:
    from cchc.files._load import bundled_corpus_path, load_corpus
    from cchc.render._console import Lang
    from cchc.render._html import render_html
    from cchc.render._page import Limits, build_page

    corpus = load_corpus(bundled_corpus_path())
    limits = Limits(
        tree=3,
        matrices=1,
        matrix_rows=2,
        matrix_columns=1,
        agenda_units=2,
        agenda_rows=1,
        rates=4,
        problems=2,
    )
    page = build_page(corpus, dt.date(2024, 3, 1), limits=limits)
    full = build_page(corpus, dt.date(2024, 3, 1))
    for name, section in page.sections.items():
        whole = full.sections[name]
        assert section.shown + section.left_out == whole.shown, name
        assert whole.left_out == 0, name
    assert page.sections["tree"].left_out == full.sections["tree"].shown - 3
    tree = parse(render_html(page, Lang.EN))
    notes = [p.content() for p in tree.all("p", class_="left-out")]
    assert f"{page.sections['tree'].left_out} more row(s) not listed" in " ".join(notes)
    (matrix,) = tree.all("section", class_="matrix")
    assert len(matrix.all("th", class_="col")) == 1
    assert any("item(s) and" in n and "child plan(s) not listed" in n for n in notes)
    units = tree.all("section", class_="unit")
    assert len(units) == 2
    assert all(len(u.all("tr")) == 2 for u in units)
    assert len(tree.all("section", id="problems")[0].all("tr")) == 3


# --- the command ---------------------------------------------------------------------------------


def test_report_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("mine", encoding="utf-8")
    code, out, err = _run("report", "-o", str(target), *AS_OF)
    assert (code, out) == (2, "")
    assert err == f"report: -o: {target}: the file exists; pass --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "mine"
    code, out, _ = _run("report", "-o", str(target), *AS_OF, "--force", "--lang", "en")
    assert code == 0
    assert out.startswith(f"Report written to {target} (")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_refuses_a_folder_and_a_missing_corpus(tmp_path: Path) -> None:
    code, _, err = _run("report", "-o", str(tmp_path), *AS_OF)
    assert code == 2
    assert "is a folder" in err
    missing = str(tmp_path / "nowhere")
    code, _, err = _run("report", missing, "-o", str(tmp_path / "r.html"), *AS_OF)
    assert code == 2
    assert missing in err
    assert "Traceback" not in err
    assert not (tmp_path / "r.html").exists()
    assert _run("report", *AS_OF)[0] == 2  # -o is required


def test_report_json_says_what_the_page_holds(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    document = _json("report", "-o", str(target), *AS_OF)
    assert document["output"] == str(target)
    assert document["bytes"] == len(target.read_bytes())
    page = parse(target.read_text(encoding="utf-8"))
    assert document["sections"]["problems"]["shown"] == len(
        page.all("section", id="problems")[0].all("tr")[1:]
    )
    assert document["sections"]["matrices"]["shown"] == len(page.all("section", class_="matrix"))


def test_the_templates_are_package_data() -> None:
    templates = files("cchc.render") / "templates"
    names = {entry.name for entry in templates.iterdir()}
    assert {"report.html.j2", "report.css", "report.js"} <= names


def test_an_agenda_cut_short_lists_what_needs_doing_now() -> None:
    from cchc.calendar._occurrence import Timing
    from cchc.files._load import bundled_corpus_path, load_corpus
    from cchc.render._page import Limits, build_page

    day = dt.date(2024, 7, 1)
    corpus = load_corpus(bundled_corpus_path())
    full = build_page(corpus, day, limits=Limits(agenda_rows=10_000))
    cut = build_page(corpus, day, limits=Limits(agenda_rows=2))
    checked = 0
    for whole, short in zip(full.agenda, cut.agenda, strict=True):
        assert whole.unit == short.unit
        assert short.left_out == len(whole.entries) - len(short.entries)
        overdue = [o for o, state in whole.entries if state is Timing.OVERDUE]
        if len(overdue) >= 2:
            # The two most recently missed, in date order.
            assert [o for o, _ in short.entries] == overdue[-2:]
            checked += 1
        elif not overdue:
            upcoming = [o for o, state in whole.entries if state is Timing.UPCOMING]
            assert set(upcoming[:2]) <= {o for o, _ in short.entries}
    assert checked


def test_expected_plans_count_groups_member_by_member(
    bundled: dict[str, tuple[str, Element]],
) -> None:
    coverage = _json("coverage")
    summary = _json("summary", *AS_OF, "--lang", "en")
    _, page = bundled["vi"]
    (section,) = page.all("section", id="expected")
    rows = section.all("tr")[1:]
    assert [r.attributes["data-plan"].split()[0] for r in rows] == [
        e["plan"] for e in coverage["expected_children"]
    ]
    for row, expected in zip(rows, coverage["expected_children"], strict=True):
        issued, missing = len(expected["issued"]), len(expected["missing"])
        assert row.all("td")[3].content() == f"{issued}/{issued + missing}"
        assert ("data-status" in row.attributes) == bool(missing)
        # The first missing units by name, as summary names them.
        shown = row.all("td")[2].content()
        for code in expected["missing"][:5]:
            assert summary["units"][code] in shown
