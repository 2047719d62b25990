"""Output under attack: nothing from a file reaches a terminal, JSON or a calendar raw.

Corpora are written at test time: titles, unit names, item texts and file names hold OSC 52
(clipboard), OSC 0 (window title), CSI 2J (clear screen), a C1 CSI (U+009B), BEL, NUL
and bidirectional overrides.  Whatever the loader decides about them, no raw control
byte may come out of any command, ``--json`` must stay strict JSON, and the streams
themselves (ASCII locale, closed or broken stdout, closed stderr) must not crash.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from cchc._visible import HOSTILE, escape_json, is_visible, replacements, visible
from cchc.calendar._ics import to_ics
from cchc.cli import main
from cchc.cli._common import Env, write_json
from cchc.exceptions import Problem
from cchc.render._console import make_console

ROOT = Path(__file__).resolve().parent.parent
POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX file descriptors and sh")

OSC52 = "\x1b]52;c;SGVsbG8=\x07"
TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
CONTROLS = f"{OSC52}|{TITLE}|{CLEAR}|\u009b31m|\x07|\x00|\x7f|\x85"
"""Terminal controls: the loader may refuse them; output must never carry them."""
BIDI = "\u202eabc\u202c|\u2066x\u2069|\u200f"
"""Bidirectional controls: valid text, to be shown visibly.

(A line separator, U+2028, is refused in one-line fields at load, as a newline is.)
"""
MARKUP = "[red]đỏ[/red] [link=https://example.org]x[/link]"

# A raw control as UTF-8 bytes: C0 but tab and newline, DEL, C1, bidirectional controls,
# line separators, and encoded surrogates.
RAW = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]"
    rb"|\xe2\x81[\xa6-\xa9]|\xed[\xa0-\xbf]"
)


def _raw_controls(data: bytes) -> list[bytes]:
    return RAW.findall(data.replace(b"\r\n", b"\n"))


# --- the sanitiser ----------------------------------------------------------------------------

_C0_C1 = [*range(0x20), *range(0x7F, 0xA0)]
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]


@pytest.mark.parametrize("code", [c for c in _C0_C1 if c != 0x09])
def test_every_c0_and_c1_control_is_named(code: int) -> None:
    assert visible(f"a{chr(code)}b") == f"a<U+{code:04X}>b"


@pytest.mark.parametrize("code", [*_BIDI, 0x2028, 0x2029, 0xD800, 0xDBFF, 0xDC80, 0xDFFF])
def test_bidirectional_controls_separators_and_surrogates_are_named(code: int) -> None:
    assert visible(chr(code), multiline=True) == f"<U+{code:04X}>"


def test_the_hostile_set_is_exactly_what_is_named() -> None:
    named = {c for c in range(0x110000) if visible(chr(c)) != chr(c)}
    assert named == set(HOSTILE)
    assert set(HOSTILE) == {*_C0_C1, *_BIDI, 0x2028, 0x2029, *range(0xD800, 0xE000)} - {0x09}


def test_tab_is_kept_and_newlines_only_where_text_may_have_them() -> None:
    assert visible("a\tb") == "a\tb"
    assert visible("a\nb") == "a<U+000A>b"
    assert visible("a\nb", multiline=True) == "a\nb"
    assert visible("a\r\nb\rc", multiline=True) == "a\nb<U+000D>c"


def test_vietnamese_and_combining_marks_are_kept_exactly() -> None:
    text = "Kế hoạch cải cách hành chính năm 2024 — Đoàn, “tin, bài”"
    decomposed = unicodedata.normalize("NFD", text)
    assert visible(text) is text
    assert visible(decomposed) == decomposed  # NFD stays NFD: normalising is not our job
    assert visible(f"Kê\u0301{CLEAR}") == "Kê\u0301<U+001B>[2J"


_HOSTILE_CHARS = st.sampled_from(sorted(map(chr, HOSTILE)))
_ANY = st.text(alphabet=st.characters(codec=None, exclude_categories=()) | _HOSTILE_CHARS)
"""Any text, lone surrogates included, with a good share of hostile characters."""


@given(_ANY, st.booleans())
def test_visible_is_idempotent_and_leaves_nothing_hostile(text: str, multiline: bool) -> None:
    shown = visible(text, multiline=multiline)
    assert visible(shown, multiline=multiline) == shown
    assert is_visible(shown, multiline=multiline)
    assert is_visible(text, multiline=multiline) == (shown == text)
    kept = {ord("\n")} if multiline else set()
    assert not {ord(c) for c in shown} & (HOSTILE - kept)
    # Nothing else is lost: joining the untouched stretches and the replacements gives it.
    pieces: list[str] = []
    done = 0
    for index, replacement in replacements(text, multiline=multiline):
        pieces += (text[done:index], replacement)
        done = index + 1
    assert "".join(pieces) + text[done:] == shown


@given(_ANY)
@example("\ud800\udc00")  # two lone surrogates that JSON reads back as one character
def test_json_escaping_keeps_the_data_and_nothing_hostile(text: str) -> None:
    dumped = escape_json(json.dumps({"t": text}, ensure_ascii=False))
    # JSON reads a high then a low surrogate escape as one character (RFC 8259, section 7):
    # the only way two lone surrogates of a text come back other than as written.
    paired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    assert json.loads(dumped) == {"t": paired}
    assert not {ord(c) for c in dumped} & HOSTILE
    assert dumped.encode("utf-8")  # lone surrogates are escapes, so it always encodes


def test_every_hostile_character_is_non_printable() -> None:
    # visible() takes str.isprintable() as its quick test for clean text.
    assert not any(chr(code).isprintable() for code in HOSTILE)


def test_the_visible_form_is_plain_ascii_without_markup() -> None:
    assert visible(chr(0x9B)).isascii()
    assert visible(chr(0x9B)).isprintable()
    assert "[" not in visible("".join(map(chr, HOSTILE)))


# --- the console: the choke point of every rich renderer --------------------------------------


class _RawSegments:
    """A renderable that yields a raw segment, as a careless future renderer might."""

    def __rich_console__(self, console: object, options: object) -> Iterator[Segment]:
        yield Segment(f"raw {CLEAR}{OSC52}\u202e")
        yield Segment.line()


def _printed(*renderables: Any, environ: dict[str, str] | None = None) -> str:
    out = io.StringIO()
    console = make_console(out, environ or {}, width=80)
    for renderable in renderables:
        console.print(renderable)
    return out.getvalue()


def test_no_renderable_can_emit_a_control_character() -> None:
    styled = Text("a")
    styled.append(f"{CLEAR}b", style="bold")
    styled.append(f"c{TITLE}d", style="red")
    table = Table("cột")
    table.add_row(Text(f"ô{OSC52}"))
    table.add_row(f"chuỗi {CLEAR}")
    tree = Tree(Text(f"gốc {TITLE}"))
    tree.add(f"lá \u202e{CLEAR}")
    printed = _printed(styled, table, tree, _RawSegments(), f"str {OSC52}\u202e")
    assert not _raw_controls(printed.encode("utf-8", "surrogatepass"))
    assert "<U+001B>[2J" in printed
    assert "<U+001B>]52;c;SGVsbG8=" in printed
    assert "<U+202E>" in printed
    assert "raw <U+001B>[2J" in printed


@pytest.mark.timeout(60)
def test_a_long_word_opening_with_a_combining_mark_is_folded_not_hung() -> None:
    # rich before 14.3.3 loops forever folding a word that opens with a mark and has no
    # base character, so a plan title such as this one hung every text command.
    word = "\u0301" + "x" * 100
    printed = _printed(Text(word), word)
    assert printed.replace("\n", "") == word * 2
    assert max(cell_len(line) for line in printed.splitlines()) <= 80


def test_styles_stay_on_the_characters_they_marked() -> None:
    text = Text("a")
    text.append(f"{CLEAR}b", style="bold")
    text.append("c")
    segments = list(make_console(io.StringIO(), {}, width=80).render(text))
    bold = "".join(s.text for s in segments if s.style is not None and s.style.bold)
    assert bold == "<U+001B>[2Jb"
    assert "".join(s.text for s in segments) == "a<U+001B>[2Jbc\n"


def test_markup_in_content_still_prints_literally() -> None:
    escaped = MARKUP.replace("[", "\\[")
    assert _printed(Text(MARKUP), escaped).splitlines() == [MARKUP, MARKUP]


def test_every_console_comes_from_make_console() -> None:
    # A console built elsewhere would bypass the sanitiser.
    offenders = [
        path.relative_to(ROOT)
        for path in (ROOT / "src" / "cchc").rglob("*.py")
        if path.name != "_console.py" and re.search(r"\bConsole\(", path.read_text("utf-8"))
    ]
    assert offenders == []


def test_problem_lines_are_one_line_whatever_the_file_name() -> None:
    problem = Problem(file=f"a{TITLE}\nb.yaml: $: forged", path="$.x\n", message=f"bad {CLEAR}\n")
    line = str(problem)
    assert line.splitlines() == [line]
    assert line == (
        "a<U+001B>]0;pwned<U+0007><U+000A>b.yaml: $: forged: $.x<U+000A>: bad <U+001B>[2J<U+000A>"
    )


# --- every command on a hostile corpus --------------------------------------------------------


def _plan_files(folder: Path, bad: str) -> None:
    """A parent and a child plan whose every text holds *bad*, as JSON (which can say it)."""
    folder.mkdir()
    parent = {
        "key": "x-kh-1-2024",
        "kind": "plan",
        "title": f"Tiêu đề {bad} {MARKUP}",
        "issuer": "x.ubnd",
        "ref": "1/KH-UBND",
        "issued": "2024-02-08",
        "period": "2024",
        "place": f"Nơi {bad}",
        "legal_bases": [
            {"ref": None, "kind": "plan", "citation": f"Căn cứ {bad}", "issuer_text": f"Cơ {bad}"}
        ],
        "units": [
            {"code": "x.ubnd", "name": f"UBND {bad}", "level": "province"},
            {"code": "x.snv", "name": f"Sở {bad}", "level": "province", "parent": "x.ubnd"},
        ],
        "objectives": [{"id": "mt1", "text": f"Mục tiêu {bad}"}],
        "tasks": [
            {
                "id": "nd1",
                "text": f"Nhiệm vụ {bad}",
                "lead": ["x.snv"],
                "products": [f"sản phẩm {bad}"],
                "schedules": [
                    {
                        "kind": "quota",
                        "cadences": ["monthly"],
                        "count": 1,
                        "what": f"tin {bad}",
                        "text": f"Hằng tháng {bad}",
                    },
                    {"kind": "report", "cadences": ["quarterly"], "to": "x.ubnd"},
                ],
            },
            {"id": "nd2", "text": f"Việc hai {bad}", "lead": ["x.snv"]},
        ],
        "indicators": [
            {
                "id": "ct1",
                "text": f"Chỉ tiêu {bad}",
                "comparator": "at_least",
                "value": 5,
                "measure": "count",
            }
        ],
        "expected_children": ["x.snv"],
    }
    child = {
        "key": "x-snv-kh-2-2024",
        "kind": "plan",
        "title": f"Con {bad}",
        "issuer": "x.snv",
        "ref": "2/KH-SNV",
        "issued": "2024-03-01",
        "period": "2024",
        "parents": ["x-kh-1-2024"],
        "tasks": [
            {"id": "nd1", "text": f"Con {bad}", "inherits": ["x-kh-1-2024#nd1"]},
            {"id": "nd9", "text": "", "inherits": ["x-kh-1-2024#nd2"], "waiver": f"Miễn {bad}"},
        ],
    }
    for name, plan in (("parent.json", parent), ("child.json", child)):
        (folder / name).write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``bidi``: loads, and must be shown visibly; ``controls``: shown or refused, never raw."""
    root = tmp_path_factory.mktemp("hostile")
    _plan_files(root / "bidi", BIDI)
    _plan_files(root / "controls", CONTROLS)
    cite = root / f"cite {CLEAR}\u202e.txt"
    cite.write_text(
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về [red]đỏ[/red] "
        f"{CLEAR} {BIDI} công tác văn thư;\r\nThực hiện Kế hoạch số 54/KH-UBND ngày "
        f"08/02/2024 của UBND Thành phố {TITLE} về việc {OSC52};\n",
        encoding="utf-8",
    )
    return {"bidi": root / "bidi", "controls": root / "controls", "cite": cite}


_COMMANDS: dict[str, tuple[list[str], bool]] = {
    # name: (arguments after the corpus, whether content text is part of the output)
    "summary": (["summary", "--as-of", "2024-05-01"], True),
    "summary-plan": (["summary", "--plan", "x-kh-1-2024", "--as-of", "2024-05-01"], True),
    "validate": (["validate"], False),
    "graph": (["graph"], True),
    "graph-dot": (["graph", "--format", "dot"], True),
    "graph-mermaid": (["graph", "--format", "mermaid"], True),
    "coverage": (["coverage"], True),
    "coverage-matrix": (["coverage", "--matrix"], False),
    "coverage-trace": (["coverage", "--plan", "x-kh-1-2024", "--item", "nd1"], False),
    "calendar": (["calendar", "--as-of", "2024-05-01"], True),
    "derive": (["derive", "x-kh-1-2024", "--unit", "x.snv", "--key", "x-snv-kh-3-2024"], True),
}
_CASES = [
    pytest.param(name, flag, id=f"{name}-{'json' if flag else 'text'}")
    for name, (argv, _) in _COMMANDS.items()
    for flag in (False, True)
    # --format dot and mermaid are not JSON; coverage --item prints its tree either way.
    if not (flag and ("--format" in argv or "--item" in argv))
]


def _argv(name: str, corpus: Path, json_flag: bool) -> list[str]:
    argv, _ = _COMMANDS[name]
    return [*argv, str(corpus), *(["--json"] if json_flag else [])]


def _run(*argv: str) -> tuple[int, bytes, bytes]:
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="surrogatepass", newline="")
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="surrogatepass", newline="")
    code = main(list(argv), stdout=stdout, stderr=stderr, environ={"COLUMNS": "100"})
    stdout.flush()
    stderr.flush()
    return code, out.getvalue(), err.getvalue()


def _strings(document: Any) -> Iterator[str]:
    """Every string in a JSON document, keys included."""
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for key, value in document.items():
            yield key
            yield from _strings(value)
    elif isinstance(document, list):
        for value in document:
            yield from _strings(value)


def _holds(document: Any, text: str) -> bool:
    return any(text in string for string in _strings(document))


def _strict_json(data: bytes) -> Any:
    def refuse(name: str) -> None:
        raise AssertionError(f"not JSON: {name}")

    return json.loads(data.decode("utf-8"), parse_constant=refuse)


@pytest.mark.parametrize(("name", "json_flag"), _CASES)
def test_bidirectional_text_reaches_every_output_visibly(
    corpora: dict[str, Path], name: str, json_flag: bool
) -> None:
    code, out, err = _run(*_argv(name, corpora["bidi"], json_flag))
    assert code in (0, 1), err.decode()
    assert not _raw_controls(out), out[:300]
    assert not _raw_controls(err), err[:300]
    shows_text = _COMMANDS[name][1]
    if json_flag:
        document = _strict_json(out)
        if shows_text:
            assert _holds(document, BIDI)  # the data, exactly
    elif name == "derive":  # the skeleton itself, as YAML that reads back the same
        assert "\\u202E" in out.decode("utf-8")
    elif name == "graph-mermaid":  # Mermaid's own escapes of < and >
        assert "#lt;U+202E#gt;abc#lt;U+202C#gt;" in out.decode("utf-8")
    elif shows_text:
        assert "<U+202E>abc<U+202C>" in out.decode("utf-8")


@pytest.mark.parametrize(("name", "json_flag"), _CASES)
def test_terminal_controls_never_come_out_raw(
    corpora: dict[str, Path], name: str, json_flag: bool
) -> None:
    code, out, err = _run(*_argv(name, corpora["controls"], json_flag))
    assert not _raw_controls(out), out[:300]
    assert not _raw_controls(err), err[:300]
    assert b"Traceback" not in err
    shows_text = _COMMANDS[name][1]
    if code == 2:  # refused at load: one visible line a problem, naming the place
        assert err or name == "validate"
        assert all(b": $" in line for line in err.splitlines()), err.decode()
        if json_flag and name == "validate":
            assert _strict_json(out)["problems"]
        return
    if json_flag:
        document = _strict_json(out)
        if shows_text:
            assert _holds(document, CLEAR)  # the data, exactly
    elif name == "derive":
        assert "\\e[2J" in out.decode("utf-8")
    elif name == "graph-mermaid":
        assert "#lt;U+001B#gt;[2J" in out.decode("utf-8")
    elif shows_text:
        assert "<U+001B>[2J" in out.decode("utf-8")


@pytest.mark.parametrize("json_flag", [False, True], ids=["text", "json"])
def test_cite_shows_the_text_and_its_file_name_visibly(
    corpora: dict[str, Path], json_flag: bool
) -> None:
    code, out, err = _run("cite", str(corpora["cite"]), *(["--json"] if json_flag else []))
    assert (code, err) == (0, b"")
    assert not _raw_controls(out)
    if json_flag:
        citations = _strict_json(out)["citations"]
        assert [c["ref"] for c in citations] == ["30/2020/NĐ-CP", "54/KH-UBND"]
        assert _holds(citations, CLEAR)
        assert _holds(citations, BIDI)
        assert citations[1]["issuer_text"] == "UBND Thành phố \x1b"  # cut where names end
    else:
        shown = out.decode("utf-8")
        assert "<U+001B>[2J" in shown
        assert "<U+202E>" in shown
        assert shown.count("<U+001B>") == 2  # the title's CSI 2J, the issuer's cut OSC 0
        assert "[red]đỏ[/red]" in shown
    code, out, err = _run("cite", str(corpora["cite"]) + ".missing")
    assert code == 2
    assert not _raw_controls(err)
    assert "cite <U+001B>[2J<U+202E>.txt.missing" in err.decode("utf-8")


def test_the_ics_file_holds_no_control_character(corpora: dict[str, Path], tmp_path: Path) -> None:
    for name in ("bidi", "controls"):
        target = tmp_path / f"{name}.ics"
        code, out, err = _run("calendar", str(corpora[name]), "--ics", str(target))
        assert not _raw_controls(out + err)
        if code == 2:
            assert not target.exists()
            continue
        data = target.read_bytes()
        assert not _raw_controls(data.replace(b"\r\n", b"\n"))
        assert b"<U+202E>" in data or b"<U+001B>" in data


def test_the_calendar_name_of_an_ics_file_is_visible_too() -> None:
    data = to_ics([], as_of=dt.date(2024, 1, 1), name=f"Lịch {OSC52}")
    assert not _raw_controls(data.replace(b"\r\n", b"\n"))
    assert "X-WR-CALNAME:Lịch <U+001B>]52".encode() in data.replace(b"\r\n ", b"")


def test_a_file_name_cannot_forge_a_problem_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    evil = f"evil{TITLE}\nfake.yaml: $.key: expected nothing"
    (corpus / f"{evil}.yaml").write_text("key: [", encoding="utf-8")
    (corpus / "b\u202e.yaml").write_text("key: [", encoding="utf-8")
    code, out, err = _run("validate", str(corpus))
    assert (code, out) == (2, b"")
    lines = err.decode("utf-8").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{corpus / 'b<U+202E>.yaml'}: line 2, column 1: ")
    assert lines[1].startswith(
        f"{corpus}/evil<U+001B>]0;pwned<U+0007><U+000A>fake.yaml: $.key: expected nothing.yaml: "
    )
    code, out, err = _run("validate", str(corpus), "--json")
    assert code == 2
    files = sorted(p["file"] for p in _strict_json(out)["problems"])
    assert files == sorted([str(corpus / f"{evil}.yaml"), str(corpus / "b\u202e.yaml")])


def test_a_warning_names_a_hostile_file_visibly_and_the_command_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    plan = {
        "key": "w-kh-1-2024",
        "kind": "plan",
        "title": unicodedata.normalize("NFD", "Kế hoạch năm 2024"),  # normalised, with a warning
        "issuer": "w.ubnd",
        "period": "2024",
        "units": [{"code": "w.ubnd", "name": "UBND", "level": "province"}],
    }
    (corpus / f"{CLEAR}\nx.json").write_text(json.dumps(plan), encoding="utf-8")
    code, out, err = _run("summary", str(corpus), "--as-of", "2024-01-01", "--json")
    assert code == 0
    _strict_json(out)
    assert err.decode("utf-8").splitlines() == [
        f"{corpus}/<U+001B>[2J<U+000A>x.json: $: warning: "
        "1 text value(s) were not in Unicode NFC and were normalised"
    ]


def test_a_file_name_that_is_not_utf8_is_shown_and_kept(tmp_path: Path) -> None:
    if sys.platform == "darwin":
        pytest.skip("macOS refuses file names that are not UTF-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    Path(os.fsdecode(os.fsencode(corpus) + b"/bad\xff.yaml")).write_text("key: [", "utf-8")
    code, out, err = _run("validate", str(corpus), "--json")
    assert code == 2
    (problem,) = _strict_json(out)["problems"]
    assert os.fsencode(problem["file"]).endswith(b"/bad\xff.yaml")
    code, out, err = _run("validate", str(corpus))
    assert err.decode("utf-8").startswith(f"{corpus}/bad<U+DCFF>.yaml: ")


# --- JSON -----------------------------------------------------------------------------------


def test_a_nan_reaching_the_json_writer_raises_and_prints_nothing() -> None:
    out = io.StringIO()
    env = Env(stdout=out, stderr=io.StringIO(), environ={})
    with pytest.raises(ValueError, match="JSON compliant"):
        write_json(env, {"percent": float("nan")})
    assert out.getvalue() == ""


def test_json_goes_out_as_utf8_bytes_whatever_the_stream_encoding() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    write_json(Env(stdout=stream, stderr=io.StringIO(), environ={}), {"t": f"Hà Nội {BIDI}"})
    assert _strict_json(raw.getvalue()) == {"t": f"Hà Nội {BIDI}"}
    assert "Hà Nội".encode() in raw.getvalue()


def test_json_on_a_text_stream_that_is_not_utf8_is_ascii() -> None:
    class Latin(io.StringIO):
        encoding = "cp1252"

    out = Latin()
    # DEL is ASCII too, and must come out escaped all the same.
    write_json(Env(stdout=out, stderr=io.StringIO(), environ={}), {"t": "Hà Nội\x7f"})
    assert out.getvalue().isascii()
    assert "\x7f" not in out.getvalue()
    assert json.loads(out.getvalue()) == {"t": "Hà Nội\x7f"}


# --- the streams ----------------------------------------------------------------------------


class _Failing(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


@pytest.mark.parametrize("argv", [["summary"], ["summary", "--json"], ["graph", "--format", "dot"]])
def test_a_full_stdout_is_exit_2_with_one_line(argv: list[str]) -> None:
    err = io.StringIO()
    full = _Failing(OSError(errno.ENOSPC, "No space left on device"))
    assert main(argv, stdout=full, stderr=err, environ={}) == 2
    assert err.getvalue() == (
        f"python -m cchc {argv[0]}: cannot write standard output: No space left on device\n"
    )


def test_a_broken_pipe_is_exit_2_quietly() -> None:
    err = io.StringIO()
    assert main(["summary"], stdout=_Failing(BrokenPipeError(errno.EPIPE, "x")), stderr=err) == 2
    assert err.getvalue() == ""


def test_a_failing_stderr_never_stops_a_command_or_leaks_into_stdout(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("key: [", encoding="utf-8")
    out = io.StringIO()
    broken = _Failing(BrokenPipeError(errno.EPIPE, "x"))
    assert main(["summary", str(tmp_path), "--json"], stdout=out, stderr=broken) == 2
    assert out.getvalue() == ""


def _python(
    *argv: str, shell_redirect: str = "", **options: Any
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m cchc ARGV`` in a fresh process, through sh for fd redirections."""
    env = {**os.environ, "COLUMNS": "100", **options.pop("env", {})}
    env.pop("PYTHONWARNINGS", None)
    command = [sys.executable, "-m", "cchc", *argv]
    if shell_redirect:
        command = ["sh", "-c", f'"$@" {shell_redirect}', "sh", *command]
    options.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        command, env=env, stderr=subprocess.PIPE, timeout=120, check=False, **options
    )


@POSIX
@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_a_stdout_that_is_not_utf8_degrades_visibly(encoding: str) -> None:
    result = _python("summary", "--as-of", "2024-03-01", env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    text = result.stdout.decode(encoding)
    assert "\\u1ea1ch" in text  # "Kế hoạch": what the encoding cannot carry, escaped
    result = _python(
        "summary", "--as-of", "2024-03-01", "--json", env={"PYTHONIOENCODING": encoding}
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "Hà Nội" in json.dumps(_strict_json(result.stdout), ensure_ascii=False)


@POSIX
def test_a_closed_stdout_is_exit_2_with_a_line_on_stderr() -> None:
    result = _python("summary", shell_redirect=">&-")
    assert result.returncode == 2
    assert result.stderr == b"python -m cchc summary: cannot write standard output: it is closed\n"


@POSIX
def test_a_broken_pipe_leaves_no_traceback_and_no_noise_at_exit() -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        result = _python("calendar", "--as-of", "2024-03-01", stdout=write)
    finally:
        os.close(write)
    assert result.returncode == 2
    assert result.stderr == b""


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_line() -> None:
    result = _python("summary", shell_redirect=">/dev/full")
    assert result.returncode == 2
    assert result.stderr == (
        b"python -m cchc summary: cannot write standard output: No space left on device\n"
    )


@POSIX
def test_with_stderr_closed_problems_never_end_up_in_stdout(
    corpora: dict[str, Path], tmp_path: Path
) -> None:
    (tmp_path / "bad.yaml").write_text("key: [", encoding="utf-8")
    result = _python("summary", str(tmp_path), "--json", shell_redirect="2>&-")
    assert (result.returncode, result.stdout) == (2, b"")
    result = _python("validate", str(tmp_path), "--json", shell_redirect="2>&-")
    assert result.returncode == 2
    assert len(_strict_json(result.stdout)["problems"]) == 1
    warned = tmp_path / "warned"
    warned.mkdir()
    plan = {
        "key": "w-kh-1-2024",
        "kind": "plan",
        "title": unicodedata.normalize("NFD", "Kế hoạch"),
        "issuer": "w.ubnd",
        "units": [{"code": "w.ubnd", "name": "UBND", "level": "province"}],
    }
    (warned / "w.json").write_text(json.dumps(plan), encoding="utf-8")
    for command in (["summary", "--as-of", "2024-01-01"], ["graph"], ["calendar"]):
        result = _python(*command, str(warned), "--json", shell_redirect="2>&-")
        assert result.returncode == 0, command
        _strict_json(result.stdout)
