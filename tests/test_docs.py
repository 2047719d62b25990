"""The documentation tells the truth: its commands run, its outputs are theirs, its fields exist.

The README's tour and the tutorial are run command by command in a fresh folder, exactly as
written (the tutorial's file edits included), and their pasted outputs are compared with
what the commands print.  ``...`` in a pasted output stands for any number of lines.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

import cchc
from cchc import (
    Channel,
    Indicator,
    LegalBasis,
    Members,
    Objective,
    Plan,
    Record,
    Schedule,
    Task,
    Unit,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"

DOCUMENTED_CLASSES = (
    Plan,
    LegalBasis,
    Objective,
    Task,
    Schedule,
    Channel,
    Indicator,
    Unit,
    Members,
    Record,
)

# The environment the pasted outputs were made in: English labels, plain 100-column text.
RUN_ENV = {
    **os.environ,
    "CCHC_LANG": "en",
    "COLUMNS": "100",
    "TERM": "dumb",
    "NO_COLOR": "1",
    "PYTHONUNBUFFERED": "1",
    "PYTHONIOENCODING": "utf-8",
}


# -- reading the documents --------------------------------------------------------------

_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)
_INSERT = re.compile(r'<!-- tutorial: insert into (?P<file>\S+) after "(?P<after>[^"]+)" -->\s*$')
_REPLACE = re.compile(
    r'<!-- tutorial: in (?P<file>\S+) replace the line after "(?P<after>[^"]+)" -->\s*$'
)
_WRITE = re.compile(r"<!-- tutorial: write (?P<file>\S+) -->\s*$")


@attrs.frozen
class Step:
    """A command with its pasted output, or an edit of a file."""

    command: str | None = None
    expected: tuple[str, ...] = ()
    file: str | None = None
    after: str | None = None
    text: str = ""
    replace: bool = False
    new: bool = False
    """An edit that writes a new file whole (``after`` is then None)."""


def steps(markdown: str) -> list[Step]:
    """The commands (``$ ...`` lines of console blocks) and edits of a page, in order."""
    found: list[Step] = []
    for match in _FENCE.finditer(markdown):
        language, body = match.group(1), match.group(2)
        before = markdown[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        if language == "yaml" and (insert := _INSERT.search(before)):
            found.append(Step(file=insert["file"], after=insert["after"], text=body))
        elif language == "yaml" and (change := _REPLACE.search(before)):
            found.append(Step(file=change["file"], after=change["after"], text=body, replace=True))
        elif language == "yaml" and (write := _WRITE.search(before)):
            found.append(Step(file=write["file"], text=body, new=True))
        elif language == "console":
            command: str | None = None
            expected: list[str] = []
            for line in body.splitlines():
                if line.startswith("$ "):
                    if command is not None:
                        found.append(Step(command=command, expected=tuple(expected)))
                    command, expected = line[2:], []
                elif command is not None:
                    expected.append(line)
            if command is not None:
                found.append(Step(command=command, expected=tuple(expected)))
    return found


def matches(expected: tuple[str, ...], actual: list[str]) -> bool:
    """Tell whether *actual* lines fit *expected*, where a ``...`` line stands for any lines."""
    if not expected:
        return not actual
    head, rest = expected[0].rstrip(), expected[1:]
    if head == "...":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0].rstrip() == head and matches(rest, actual[1:])


def run_command(command: str, folder: Path) -> tuple[int, list[str]]:
    """Run a documented ``python -m cchc ...`` command in *folder* with this interpreter."""
    words = shlex.split(command)
    assert words[:3] == ["python", "-m", "cchc"], f"not a cchc command: {command}"
    done = subprocess.run(
        [sys.executable, *words[1:]],
        cwd=folder,
        env=RUN_ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    lines = done.stdout.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    return done.returncode, lines


def apply_edit(step: Step, folder: Path) -> None:
    """Insert the step's lines after the one line of its file that reads ``after``.

    A ``replace`` step puts its lines in place of that line's next one instead, and a
    ``new`` step writes a file that must not exist yet.
    """
    assert step.file is not None
    path = folder / step.file
    if step.new:
        assert not path.exists(), f"{step.file}: expected a new file, found one"
        path.write_text(step.text, encoding="utf-8")
        return
    assert step.after is not None
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    places = [i for i, line in enumerate(lines) if line.strip() == step.after]
    assert len(places) == 1, f"{step.file}: expected one line {step.after!r}, found {places}"
    end = places[0] + 2 if step.replace else places[0] + 1
    lines[places[0] + 1 : end] = [step.text]
    path.write_text("".join(lines), encoding="utf-8")


def play(markdown: str, folder: Path) -> int:
    """Follow a page's steps in *folder*; fail on the first output that differs."""
    played = 0
    for step in steps(markdown):
        if step.command is None:
            apply_edit(step, folder)
            continue
        code, output = run_command(step.command, folder)
        shown = "\n".join(output)
        assert code == 0, f"$ {step.command}\nexit {code}\n{shown}"
        assert matches(step.expected, output), (
            f"$ {step.command}\n--- documented\n"
            + "\n".join(step.expected)
            + f"\n--- printed\n{shown}"
        )
        played += 1
    return played


def _section(markdown: str, heading_pattern: str) -> str:
    """The text under the first heading matching *heading_pattern*, to the next heading."""
    match = re.search(rf"^(#+) .*{heading_pattern}.*$", markdown, re.MULTILINE)
    assert match is not None, f"no heading matching {heading_pattern!r}"
    level = len(match.group(1))
    rest = markdown[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[: end.start()] if end else rest


# -- README -----------------------------------------------------------------------------


def test_readme_tour_runs_and_prints_what_it_shows(tmp_path: Path) -> None:
    tour = _section(README.read_text(encoding="utf-8"), "A tour")
    assert play(tour, tmp_path) >= 4


def test_readme_tour_is_about_twenty_lines() -> None:
    tour = _section(README.read_text(encoding="utf-8"), "A tour")
    block = _FENCE.search(tour)
    assert block is not None
    assert 10 <= len(block.group(2).splitlines()) <= 25


def test_quickstart_is_included_in_the_docs_not_copied() -> None:
    readme = README.read_text(encoding="utf-8")
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    assert '--8<-- "README.md:quickstart"' in index
    start = readme.index("--8<-- [start:quickstart]")
    end = readme.index("--8<-- [end:quickstart]")
    included = readme[start:end]
    assert "python -m pip install . && python -m cchc summary" in included
    assert "python -m pip install nox && nox" in included
    assert "pip install nox" not in index


def test_readme_counts_the_bundled_documents() -> None:
    readme = README.read_text(encoding="utf-8")
    seeds = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
    words = {5: "five"}
    assert f"{words[len(seeds)]} real Vietnamese documents" in " ".join(readme.split())


def test_readme_names_every_command() -> None:
    from cchc.cli import COMMANDS

    readme = README.read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"`{name}" in readme, name


# -- tutorial ---------------------------------------------------------------------------


def test_tutorial_runs_as_written_from_an_empty_folder(tmp_path: Path) -> None:
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    played = play(text, tmp_path)
    assert played >= 7
    ics = (tmp_path / "ba-dinh-2024.ics").read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR")
    # The tutorial ends with a plan that carries everything and lacks nothing.
    code, output = run_command("python -m cchc coverage --plan hn-bd.ubnd.kh-2024 vidu", tmp_path)
    assert code == 0
    assert "Not concrete" not in "\n".join(output)


def test_draft_tutorial_runs_as_written_from_its_document(tmp_path: Path) -> None:
    import shutil

    shutil.copy(
        ROOT / "tests" / "data" / "draft" / "annex-minh-hoa.docx",
        tmp_path / "ke-hoach-ba-dinh.docx",
    )
    assert play((DOCS / "tutorial-draft.md").read_text(encoding="utf-8"), tmp_path) >= 5


def test_concepts_outputs_are_real(tmp_path: Path) -> None:
    assert play((DOCS / "concepts.md").read_text(encoding="utf-8"), tmp_path) >= 1


def test_tutorial_edits_are_plain_yaml() -> None:
    text = (DOCS / "tutorial.md").read_text(encoding="utf-8")
    edits = [s for s in steps(text) if s.command is None and not s.new]
    assert len(edits) >= 7
    assert [s.file for s in steps(text) if s.new] == ["vidu/hanoi/kh-54-dc-2024.yaml"]
    for edit in edits:
        assert "\t" not in edit.text
        # Lines of a list item or of a mapping inside one, or a key of the plan itself.
        assert all(
            line.startswith(("    ", "  - ")) or re.fullmatch(r"[a-z_]+:", line)
            for line in edit.text.splitlines()
        )


# -- the plan file format ---------------------------------------------------------------


@pytest.mark.parametrize("cls", DOCUMENTED_CLASSES, ids=lambda c: c.__name__)
def test_format_documents_every_field_in_model_order(cls: type[Any]) -> None:
    section = _section((DOCS / "format.md").read_text(encoding="utf-8"), f"`{cls.__name__}`")
    documented = re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)
    assert documented == [f.name for f in attrs.fields(cls)]


@pytest.mark.parametrize("cls", DOCUMENTED_CLASSES, ids=lambda c: c.__name__)
def test_format_gives_an_example_for_every_field(cls: type[Any]) -> None:
    section = _section((DOCS / "format.md").read_text(encoding="utf-8"), f"`{cls.__name__}`")
    for row in re.findall(r"^\| `\w+` \|.*$", section, re.MULTILINE):
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[-1], f"{cls.__name__}: no example in {row}"


# -- the site ---------------------------------------------------------------------------


def _nav_pages() -> list[str]:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r"^  - [^:]+: (\S+\.md)$", config, re.MULTILINE)


def test_every_page_in_the_nav_exists() -> None:
    pages = _nav_pages()
    assert "tutorial.md" in pages
    for page in pages:
        assert (DOCS / page).is_file(), page


def test_the_site_names_code_fonts_with_every_vietnamese_letter_and_fetches_none() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False  # no font is fetched at build or reading time
    sheets = config["extra_css"]
    assert sheets
    for sheet in sheets:
        css = (DOCS / sheet).read_text(encoding="utf-8")
        assert "url(" not in css, sheet
        assert "@import" not in css, sheet
    css = (DOCS / "stylesheets" / "cchc.css").read_text(encoding="utf-8")
    stack = re.search(r"--md-code-font:\s*([^;]+);", css)
    assert stack is not None
    fonts = [font.strip().strip('"') for font in stack[1].split(",")]
    # Each platform's monospace font with every precomposed Vietnamese letter is named;
    # DejaVu Sans Mono, which lacks "ố" (U+1ED1) and misplaces its accent, is not.
    assert {"Consolas", "SF Mono", "Noto Mono", "Liberation Mono"} <= set(fonts)
    assert "DejaVu Sans Mono" not in fonts


def test_api_reference_lists_every_public_name() -> None:
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    listed = re.findall(r"^::: cchc\.(\w+)$", api, re.MULTILINE)
    public = [name for name in cchc.__all__ if not name.startswith("_")]
    faces = [
        "text",
        "refs",
        "model",
        "files",
        "graph",
        "coverage",
        "calendar",
        "draft",
        "report",
        "render",
    ]
    assert sorted(listed) == sorted([*public, *faces])


def test_docs_stand_on_their_own() -> None:
    owned = [README, *DOCS.glob("*.md"), *(ROOT / "examples").glob("*.py")]
    for path in owned:
        text = path.read_text(encoding="utf-8")
        assert "DOMAIN.md" not in text, path
        assert "../shared" not in text, path
        assert "/work/" not in text, path
