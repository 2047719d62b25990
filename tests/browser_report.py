"""The HTML report in a real browser: ``nox -s browser`` (not part of the default run).

Playwright drives the system's Chromium (``/usr/bin/chromium`` on Debian, or
``CCHC_CHROMIUM``); no browser is downloaded.  The page is loaded from a file with every
request that is not the file itself refused and recorded, so "works offline" is tested,
not assumed; then the console must stay free of errors, the matrix cells must agree with
``coverage --json``, the filters must hide what they should, and the page must print to
PDF without its filters.  Named so that the default run does not collect it: pytest
runs it when given its path.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright

from cchc.cli import main

CHROMIUM = os.environ.get("CCHC_CHROMIUM", "/usr/bin/chromium")
AS_OF = ("--as-of", "2024-03-01")


def _run(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, environ={"COLUMNS": "100"})
    assert code in (0, 1), err.getvalue()
    return out.getvalue()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("browser") / "report.html"
    _run("report", "-o", str(target), *AS_OF, "--lang", "vi")
    return target


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """The system's Chromium, driven by Playwright for every test of the module."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def loaded(chromium: Browser, report: Path) -> Iterator[tuple[Page, list[str], list[str]]]:
    """The page in Chromium, with the console's errors and every request refused."""
    errors: list[str] = []
    requests: list[str] = []
    url = report.resolve().as_uri()

    def route(found: Route, request: Request) -> None:
        if request.url == url:
            found.continue_()
        else:
            requests.append(request.url)
            found.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            errors.append(f"{message.type}: {message.text}")

    page = chromium.new_page()
    page.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.goto(url, wait_until="load")
    yield page, errors, requests
    page.close()


def test_the_page_loads_offline_with_no_console_error(
    loaded: tuple[Page, list[str], list[str]],
) -> None:
    page, errors, requests = loaded
    assert page.title().startswith("Báo cáo kế hoạch CCHC")
    assert errors == []
    assert requests == []  # nothing but the file itself was asked for
    assert page.is_visible("#filters")  # the script ran and showed its filters


_CELLS = """() => {
  const cells = {};
  for (const matrix of document.querySelectorAll("section.matrix")) {
    const parent = matrix.dataset.parent;
    const children = [...matrix.querySelectorAll("th.col")].map((th) => th.dataset.child);
    for (const row of matrix.querySelectorAll("tr[data-item]")) {
      [...row.querySelectorAll("td")].slice(0, children.length).forEach((td, i) => {
        cells[[parent, children[i], row.dataset.item].join("|")] = {
          state: td.className, colour: getComputedStyle(td).backgroundColor };
      });
    }
  }
  return cells;
}"""


def test_matrix_cells_agree_with_coverage_json(
    loaded: tuple[Page, list[str], list[str]],
) -> None:
    page, _, _ = loaded
    coverage = json.loads(_run("coverage", "--json"))
    expected = {
        f"{edge['parent']}|{edge['child']}|{item['item']}": item["status"]
        for edge in coverage["edges"]
        for item in edge["items"]
    }
    cells: dict[str, dict[str, str]] = page.evaluate(_CELLS)
    assert {key: cell["state"] for key, cell in cells.items()} == expected
    # Each state has a colour of its own on the screen.
    colours: dict[str, set[str]] = {}
    for cell in cells.values():
        colours.setdefault(cell["state"], set()).add(cell["colour"])
    assert all(len(found) == 1 for found in colours.values()), colours
    assert len({next(iter(found)) for found in colours.values()}) == len(colours)
    assert "rgba(0, 0, 0, 0)" not in {c for found in colours.values() for c in found}


def _visible(page: Page, selector: str) -> list[Any]:
    return list(
        page.evaluate(
            "(s) => [...document.querySelectorAll(s)].map((e) => e.offsetParent !== null)",
            selector,
        )
    )


def test_filters_hide_what_they_should(loaded: tuple[Page, list[str], list[str]]) -> None:
    page, errors, _ = loaded
    units = page.eval_on_selector_all("section.unit", "(all) => all.map((e) => e.dataset.unit)")
    assert len(units) > 1
    chosen = units[1]
    page.select_option("#f-unit", chosen)
    shown = _visible(page, "section.unit")
    assert shown == [unit == chosen for unit in units]
    # A filter by unit leaves the matrices (which name no unit) alone.
    assert all(_visible(page, "section.matrix"))

    page.click("#f-reset")
    page.select_option("#f-status", "missing")
    rows = page.eval_on_selector_all(
        "tr[data-item]", "(all) => all.map((e) => e.dataset.status.split(' '))"
    )
    assert any("missing" in row for row in rows)
    assert any("missing" not in row for row in rows)
    assert _visible(page, "tr[data-item]") == ["missing" in row for row in rows]
    # Agenda rows carry timings only: a coverage state hides every one of them.
    assert not any(_visible(page, "section.unit tr[data-status]"))

    page.click("#f-reset")
    assert all(_visible(page, "section.unit"))
    assert all(_visible(page, "tr[data-item]"))
    assert errors == []


def test_the_page_prints_to_pdf_without_its_filters(
    loaded: tuple[Page, list[str], list[str]], tmp_path: Path
) -> None:
    page, errors, _ = loaded
    page.emulate_media(media="print")
    assert not page.is_visible("#filters")
    assert page.is_visible("section.matrix td.missing")  # colours and marks are kept
    colour = page.eval_on_selector(
        "section.matrix td.missing", "(td) => getComputedStyle(td).backgroundColor"
    )
    assert colour != "rgba(0, 0, 0, 0)"
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert pages >= 2, pages
    page.emulate_media(media="screen")
    assert errors == []
    print(f"report.pdf: {len(data)} bytes, {pages} page(s)")


def test_a_thousand_plans_make_a_small_page_that_works(chromium: Browser, tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    corpus = tmp_path / "synthetic"
    script = Path(__file__).resolve().parent.parent / "bench" / "synthetic.py"
    subprocess.run([sys.executable, str(script), "1000", str(corpus)], check=True)
    target = tmp_path / "report.html"
    _run("report", str(corpus), "-o", str(target), "--as-of", "2026-06-30", "--lang", "en")
    size = target.stat().st_size
    assert size < 1_000_000, size  # a 1,000-plan `calendar --json` is 64 MB
    errors: list[str] = []
    page = chromium.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    start = time.perf_counter()
    page.goto(target.resolve().as_uri(), wait_until="load")
    loaded = time.perf_counter() - start
    notes = page.eval_on_selector_all("p.left-out", "(all) => all.length")
    assert notes > 0  # the cut sections say what they leave out
    rows = "#problems tr[data-status]"
    severities = page.eval_on_selector_all(rows, "(all) => all.map((e) => e.dataset.status)")
    assert len(severities) == 100
    page.select_option("#f-status", severities[-1])
    shown = page.eval_on_selector_all(rows, "(all) => all.map((e) => e.offsetParent !== null)")
    assert shown == [severity == severities[-1] for severity in severities]
    page.close()
    assert errors == []
    # A figure to read, not a limit: speed goals live in bench/.
    print(f"1,000 plans: {size} bytes, loaded in {loaded:.2f} s")
