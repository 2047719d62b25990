"""Tables laid out without rich are exactly what rich prints (cchc.render._plain_table)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rich.console import Console, JustifyMethod, OverflowMethod
from rich.table import Table
from rich.text import Text

from cchc.render import _plain_table
from cchc.render._console import make_console, strip_line_ends
from cchc.render._laid_out import wrapped_lines
from cchc.render._plain_table import Cell, print_table
from tests import strategies

_TEXTS = st.one_of(
    strategies.vietnamese_text,
    st.sampled_from(["", " ", "0", "100%", "–", "✔", "Sở Nội vụ", "  lề trái", "lề phải  "]),
    st.text(alphabet="ab漢字 \u0301\t", max_size=30),  # wide, combining, tab
    st.text(alphabet="x", min_size=40, max_size=120),  # a word wider than its column
    st.text(alphabet="ab \n", max_size=20),  # several lines
    st.just("\x1b[31mđỏ\x1b[0m"),  # control characters, shown not obeyed
    st.just("[bold]không phải markup[/bold]"),
)
_CELLS = st.one_of(_TEXTS, _TEXTS.map(lambda text: Text(text, style="bold")))


@st.composite
def _tables(draw: st.DrawFn) -> tuple[Callable[[], Table], list[list[Cell]]]:
    count = draw(st.integers(1, 5))
    specs = [
        (
            draw(_TEXTS),
            draw(st.sampled_from(["left", "right", "center", "default"])),
            draw(st.sampled_from(["fold", "crop", "ellipsis"])),
            draw(st.booleans()),
            draw(st.one_of(st.none(), st.integers(1, 12))),
            draw(st.one_of(st.none(), st.integers(1, 3))),
        )
        for _ in range(count)
    ]
    title = draw(st.one_of(st.none(), _TEXTS.filter(bool)))

    def build() -> Table:
        table = Table(title=title, title_justify="left")
        for header, justify, overflow, no_wrap, min_width, ratio in specs:
            table.add_column(
                Text(header),
                justify=justify,  # type: ignore[arg-type]
                overflow=overflow,  # type: ignore[arg-type]
                no_wrap=no_wrap,
                min_width=min_width,
                ratio=ratio,
            )
        return table

    rows = draw(st.lists(st.lists(_CELLS, min_size=count, max_size=count), max_size=12))
    return build, rows


def _columns(count: int) -> Callable[[], Table]:
    def build() -> Table:
        table = Table()
        for _ in range(count):
            table.add_column("")
        return table

    return build


def _printed(
    build: Callable[[], Table], rows: Sequence[Sequence[Cell]], width: int, *, rich: bool
) -> str:
    console = make_console(io.StringIO(), {"COLUMNS": str(width)})
    console.record = rich  # a recording console has rich lay out the table itself
    print_table(console, build, rows)
    out: str = console.file.getvalue()  # type: ignore[attr-defined]
    return out


@given(_tables(), st.integers(8, 140))
@example(  # a column too narrow for anything but its padding, and a lone combining mark
    (_columns(2), [["A", "A"], ["A", "\u0301"], ["", ""]]), 8
)
def test_a_table_is_laid_out_as_rich_lays_it_out(
    table: tuple[Callable[[], Table], list[list[Cell]]], width: int
) -> None:
    build, rows = table
    assert _printed(build, rows, width, rich=False) == _printed(build, rows, width, rich=True)


def _units() -> tuple[Callable[[], Table], list[list[Cell]]]:
    def build() -> Table:
        table = Table(title="Theo đơn vị")
        table.add_column("Đơn vị", overflow="fold", ratio=1)
        table.add_column("Phải làm", justify="right")
        table.add_column("Kỳ", justify="center", no_wrap=True, min_width=7)
        return table

    names = ["Sở Nội vụ", "Ủy ban nhân dân phường Hòa Khánh Bắc, quận Liên Chiểu", "Sở Tư pháp"]
    rows: list[list[Cell]] = [
        [names[index % 3], str(index), Text("✔", style="green")] for index in range(300)
    ]
    return build, rows


def test_a_long_table_is_laid_out_here_not_by_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    build, rows = _units()
    rendered: list[int] = []
    original = Console.render_lines

    def counted(self: Console, *args: object, **kwargs: object) -> object:
        rendered.append(1)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Console, "render_lines", counted)
    out = _printed(build, rows, 60, rich=False)
    laid_out_here = len(rendered)
    rendered.clear()
    assert out == _printed(build, rows, 60, rich=True)
    # rich lays out only the rows that decide the widths and the long names that wrap.
    assert laid_out_here < len(rendered) / 2
    assert out.count("Sở Tư pháp") == 100


def test_a_table_rich_would_lay_out_otherwise_goes_to_rich(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build, rows = _units()
    expected = _printed(build, rows, 60, rich=True)

    def shifted(self: object, row: Sequence[Cell], edges: tuple[str, str, str]) -> list[str]:
        return [edges[0] + " " + " ".join(map(str, row)) + edges[2]]

    monkeypatch.setattr(_plain_table._Layout, "row", shifted)
    fallen_back: list[object] = []
    monkeypatch.setattr(
        _plain_table, "_filled", _spy(_plain_table._filled, fallen_back), raising=True
    )
    assert _printed(build, rows, 60, rich=False) == expected
    # Once for the rows that decide the widths, once for the whole table given to rich.
    assert len(fallen_back) == 2


def _spy(function: Callable[..., Table], calls: list[object]) -> Callable[..., Table]:
    def spied(*args: object) -> Table:
        calls.append(args)
        return function(*args)

    return spied


@given(st.text(alphabet=" \n\r\tá漢", max_size=40))
def test_plain_output_drops_the_spaces_that_end_its_lines_and_nothing_else(text: str) -> None:
    # The rule as written before it was made quicker: spaces before a newline or the end.
    assert strip_line_ends(text) == re.sub(r" +(?=\n)| +$", "", text)


_WRAPPED = st.one_of(
    strategies.vietnamese_text,
    st.text(alphabet="ab đỏ\u00a0", max_size=60),  # runs of spaces, a no-break space
    st.text(alphabet="x ", min_size=20, max_size=80),  # words wider than the line
    st.text(alphabet="ab漢 \t\n\u0301", max_size=30),  # what rich wraps itself
)


_WRAPS = st.tuples(
    st.sampled_from([None, "default", "left", "right", "center", "full"]),
    st.sampled_from([None, "fold", "crop", "ellipsis", "ignore"]),
    st.sampled_from([None, False, True]),
)
"""How a text is wrapped: its justify, its overflow and its no_wrap."""


@given(_WRAPPED, st.integers(1, 30), _WRAPS, st.one_of(st.none(), _WRAPS))
@example("ab  cd   ", 4, ("left", None, None), None)  # spaces past the width
@example("  xxxxxxxxxx yy", 3, (None, "fold", None), None)  # a long word folded
@example("ab cd ef", 5, (None, None, None), ("right", None, None))  # the Text's own justify
def test_wrapped_lines_are_the_lines_rich_wraps(
    text: str,
    width: int,
    wrap: tuple[JustifyMethod | None, OverflowMethod | None, bool | None],
    own: tuple[JustifyMethod | None, OverflowMethod | None, bool | None] | None,
) -> None:
    # *own*: a styled Text with its own justify, overflow and no_wrap; None: a str.
    justify, overflow, no_wrap = wrap
    console = make_console(io.StringIO(), {"COLUMNS": "80"})
    shown: str | Text = text
    if own is not None:
        shown = Text(text, style="bold", justify=own[0], overflow=own[1], no_wrap=own[2])
    rich_text = Text(text) if isinstance(shown, str) else shown.copy()
    expected = rich_text.wrap(console, width, justify=justify, overflow=overflow, no_wrap=no_wrap)
    assert wrapped_lines(
        console, shown, width, justify=justify, overflow=overflow, no_wrap=no_wrap
    ) == [line.plain for line in expected]


def test_a_name_of_one_cell_letters_is_wrapped_without_rich(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("wrapped by Text.wrap")

    console = make_console(io.StringIO(), {"COLUMNS": "80"})
    # A name, spaces past the width, a word folded.
    cases = [("Ủy ban nhân dân phường Hòa Khánh Bắc", 12), ("ab  cd     ef", 4), ("x" * 9, 4)]
    justifies: tuple[JustifyMethod, ...] = ("left", "default")
    expected = {
        (text, width, justify): [
            line.plain for line in Text(text).wrap(console, width, justify=justify)
        ]
        for text, width in cases
        for justify in justifies
    }
    monkeypatch.setattr(Text, "wrap", refuse)
    for (text, width, justify), lines in expected.items():
        assert (
            wrapped_lines(console, text, width, justify=justify, overflow="fold", no_wrap=None)
            == lines
        )
    assert expected["Ủy ban nhân dân phường Hòa Khánh Bắc", 12, "left"] == [
        "Ủy ban nhân ",
        "dân phường  ",
        "Hòa Khánh   ",
        "Bắc         ",
    ]
