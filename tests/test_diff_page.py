"""``diff OLD NEW --html FILE``: the comparison as one self-contained, escaped HTML page."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import attrs
import pytest

from cchc import bundled_corpus_path
from cchc.files._dump import dump_plan
from cchc.files._load import load_plan
from cchc.report._changes import ChangeKind, WordOp
from cchc.report._diff import ItemStatus, diff_plans
from tests.test_diff import REGEN, _run
from tests.test_report import Element, parse


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """Two versions of the seed plan with every kind of change, as files of *tmp_path*."""
    seed = tmp_path / "seed.yaml"
    shutil.copyfile(bundled_corpus_path() / REGEN.DIFF_SEED, seed)
    old = REGEN.old_version(load_plan(seed))
    paths = (tmp_path / "old.yaml", tmp_path / "new.yaml")
    dump_plan(old, paths[0])
    dump_plan(REGEN.new_version(old), paths[1])
    return paths


def _page(paths: tuple[Path, Path], target: Path, *more: str) -> tuple[str, Element]:
    code, out, err = _run("diff", *map(str, paths), "--html", str(target), *more)
    assert code == 1, err  # the versions differ, page or not
    assert out  # the terminal output is printed as without --html
    html = target.read_text(encoding="utf-8")
    return html, parse(html)


@pytest.mark.parametrize(
    ("lang", "title", "reworded"),
    [("vi", "So sánh kế hoạch", "sửa lời văn"), ("en", "Plan comparison", "reworded")],
)
def test_the_page_lists_every_change_in_its_language(
    versions: tuple[Path, Path], tmp_path: Path, lang: str, title: str, reworded: str
) -> None:
    html, page = _page(versions, tmp_path / "diff.html", "--lang", lang)
    assert html.startswith("<!DOCTYPE html>")
    (root,) = page.all("html")
    assert root.attributes["lang"] == lang
    assert page.all("h1")[0].content() == title
    # Self-contained: the report's style inline, nothing fetched, no script at all.
    assert len(page.all("style")) == 1
    assert not page.all("script")
    assert not page.all("link")
    assert "http://" not in html
    assert "https://" not in html
    diff = diff_plans(load_plan(versions[0]), load_plan(versions[1]))
    sections = [s.attributes["id"] for s in page.all("section")]
    wanted = [s.value for s in ItemStatus if diff.count(s)]
    assert sorted(sections) == sorted(["header", *wanted] if diff.header else wanted)
    for status in wanted:
        (section,) = page.all("section", id=status)
        shown = [li.attributes["data-id"] for li in section.all("li", class_="item")]
        assert len(shown) == diff.count(ItemStatus(status))
    # Each rewording: its deleted words in <del>, inserted ones in <ins>, diacritics whole.
    rewordings = [
        change
        for item in diff.items
        for change in item.changes
        if change.kind is ChangeKind.REWORDED
    ]
    assert rewordings
    lines = page.all("li", class_="reworded")
    assert len(lines) == len(rewordings)
    spans = re.findall(r'<span class="words">(.*?)</span>', html, flags=re.DOTALL)
    assert len(spans) == len(rewordings)
    for line, span, change in zip(lines, spans, rewordings, strict=True):
        assert line.content().startswith(f"{reworded}: ")
        deleted = [w.text.rstrip() for w in change.words if w.op is WordOp.DELETE]
        inserted = [w.text.rstrip() for w in change.words if w.op is WordOp.INSERT]
        assert [d.content() for d in line.all("del")] == deleted
        assert [i.content() for i in line.all("ins")] == inserted
        # In reading order, the words of both texts with their spacing, nothing else.
        read = unescape(re.sub(r"</?(?:del|ins)>", "", span))
        assert read == "".join(w.text for w in change.words).rstrip()


def test_hostile_text_is_escaped_and_shown_visibly(tmp_path: Path) -> None:
    plan = load_plan(bundled_corpus_path() / REGEN.DIFF_SEED)
    task = plan.tasks[0]
    attack = '</li></ul><script>alert("x")</script><img src=x onerror=alert(1)> \u202eabc\u202c'
    hostile = attrs.evolve(task, text=f"{task.text} {attack}")
    added = attrs.evolve(task, id="x9", text="<b onclick=alert(2)>mới</b> & “Đoàn”")
    paths = (tmp_path / "old.yaml", tmp_path / "new.yaml")
    dump_plan(plan, paths[0])
    dump_plan(attrs.evolve(plan, tasks=(hostile, *plan.tasks[1:], added)), paths[1])
    html, page = _page(paths, tmp_path / "diff.html", "--lang", "en")
    assert not page.all("script")
    assert not page.all("img")
    assert not page.all("b")
    assert "\u202e" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    (inserted,) = [i for i in page.all("ins") if "script" in i.content()]
    assert "<script>" in inserted.content()  # the words, as text
    assert "<U+202E>abc<U+202C>" in page.content()
    (section,) = page.all("section", id="added")
    (item,) = section.all("li", class_="item")
    assert item.attributes["data-id"] == "x9"
    assert "<b onclick=alert(2)>mới</b> & “Đoàn”" in item.content()


def test_the_page_is_written_through_the_writer(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    target = tmp_path / "diff.html"
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = _run("diff", *map(str, versions), "--html", str(target))
    assert code == 2
    assert "--force" in err
    assert out == ""  # refused before any work
    assert target.read_text(encoding="utf-8") == "mine\n"
    html, _ = _page(versions, target, "--force")
    assert html.startswith("<!DOCTYPE html>")


def test_the_same_file_twice_makes_a_page_that_says_so(
    versions: tuple[Path, Path], tmp_path: Path
) -> None:
    target = tmp_path / "same.html"
    code, _, err = _run("diff", str(versions[0]), str(versions[0]), "--html", str(target))
    assert code == 0, err
    page = parse(target.read_text(encoding="utf-8"))
    assert not page.all("section")
    assert "do not differ" in page.content() or "không có khác biệt" in page.content()
