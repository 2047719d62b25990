from __future__ import annotations

import argparse
import datetime as dt
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.cli import _coverage as coverage_cli
from cchc.cli import _derive as derive_cli
from cchc.cli._common import Env
from cchc.coverage._concreteness import concreteness
from cchc.coverage._coverage import ItemKind, Status, edge_coverage
from cchc.draft._derive import derive, unit_code
from cchc.exceptions import ModelError
from cchc.files._dump import dump_plan, dumps_plan
from cchc.files._load import load_plan
from cchc.model._items import Channel, Indicator, Objective, Task
from cchc.model._plan import Plan, Unit
from cchc.model._units import find_unit
from cchc.refs._refs import parse_ref
from cchc.text._vocab import ChannelKind, Comparator, DocumentKind, Level, Measure

UNITS = {
    "hn.ubnd": Unit(code="hn.ubnd", name="UBND Thành phố Hà Nội", level=Level.PROVINCE),
    "hn.snv": Unit(code="hn.snv", name="Sở Nội vụ", level=Level.PROVINCE, parent="hn.ubnd"),
}

PARENT = Plan(
    key="hn-kh-54-2024",
    kind=DocumentKind.PLAN,
    title="Thông tin, tuyên truyền về cải cách hành chính nhà nước năm 2024",
    issuer="hn.ubnd",
    ref=parse_ref("54/KH-UBND"),
    issued=dt.date(2024, 2, 8),
    objectives=(Objective(id="mt1", text="Cung cấp thông tin về CCHC"),),
    tasks=(
        Task(id="nd1", text="Tuyên truyền các văn bản chỉ đạo của Trung ương"),
        Task(id="nd2", text="Đẩy mạnh tuyên truyền các Chỉ số PAR INDEX, SIPAS"),
    ),
    channels=(Channel(id="ht1", kind=ChannelKind.SOCIAL_MEDIA, text="mạng xã hội Zalo"),),
    indicators=(
        Indicator(
            id="ct1",
            text="100% đơn vị có kế hoạch",
            comparator=Comparator.AT_LEAST,
            value=100.0,
            measure=Measure.PERCENT,
        ),
    ),
    units=tuple(UNITS.values()),
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("hn.snv", "hn.snv", id="code"),
        pytest.param("SO NOI VU", "hn.snv", id="folded-name"),
        pytest.param("Ủy ban nhân dân Thành phố Hà Nội", "hn.ubnd", id="abbreviation"),
        pytest.param("Phòng Nội vụ", None, id="unknown"),
    ],
)
def test_find_unit(text: str, code: str | None) -> None:
    found = find_unit(text, UNITS)
    assert (found.code if found else None) == code


def test_a_name_two_units_share_is_refused_not_guessed() -> None:
    shared = {
        **UNITS,
        "ht.snv": Unit(code="ht.snv", name="Sở Nội vụ", level=Level.PROVINCE),
    }
    with pytest.raises(ModelError, match=r"hn\.snv, ht\.snv") as caught:
        derive(PARENT, "Sở Nội vụ", 2024, units=shared)
    assert caught.value.field == "unit"
    assert derive(PARENT, "ht.snv", 2024, units=shared).issuer == "ht.snv"


def test_the_citation_of_the_parent_dates_it_day_first() -> None:
    (basis,) = derive(PARENT, "hn.snv", 2024, units=UNITS).legal_bases
    assert basis.citation == (
        "Kế hoạch số 54/KH-UBND ngày 08/02/2024 của UBND Thành phố Hà Nội về "
        "Thông tin, tuyên truyền về cải cách hành chính nhà nước năm 2024"
    )


def test_unit_code_is_folded_and_unique() -> None:
    assert unit_code("UBND phường Đông Kinh") == "ubnd-phuong-dong-kinh"
    assert unit_code("Sở Nội vụ", {"so-noi-vu": 1}) == "so-noi-vu-2"


def test_derived_child_of_known_unit() -> None:
    child = derive(PARENT, "Sở Nội vụ", 2024, units=UNITS)
    assert child.issuer == "hn.snv"
    assert child.units == ()
    assert child.parents == ("hn-kh-54-2024",)
    assert child.key == "hn.snv.kh-2024"
    assert [t.text for t in child.tasks] == [t.text for t in PARENT.tasks]
    edge = edge_coverage(PARENT, child, kinds=tuple(ItemKind))
    assert edge.percent == 100
    gaps = concreteness(child)
    assert [(g.item, g.missing) for g in gaps] == [
        ("nd1", ("lead", "products", "schedule")),
        ("nd2", ("lead", "products", "schedule")),
    ]
    assert gaps[1].vague == ("đẩy mạnh",)


def test_new_unit_is_declared_one_level_down() -> None:
    child = derive(PARENT, "UBND phường Đông Kinh", 2024, units=UNITS)
    assert [(u.code, u.name, u.level) for u in child.units] == [
        ("ubnd-phuong-dong-kinh", "UBND phường Đông Kinh", Level.DISTRICT)
    ]


def test_written_skeleton_loads_back(tmp_path: Path) -> None:
    child = derive(PARENT, "hn.snv", 2024, units=UNITS)
    path = dump_plan(child, tmp_path / "child.yaml")
    assert load_plan(path) == child


plan_texts = st.sampled_from(["Đăng tin", "Tổ chức hội nghị", "CCHC và TTHC", "Chỉ số PAPI"])


@given(st.lists(plan_texts, min_size=0, max_size=8), st.integers(2000, 2030))
def test_derived_child_covers_everything(texts: list[str], year: int) -> None:
    parent = Plan(
        key="p",
        kind=DocumentKind.PLAN,
        title="t",
        issuer="hn.ubnd",
        tasks=tuple(Task(id=f"t{i}", text=x) for i, x in enumerate(texts)),
    )
    child = derive(parent, "Phòng Văn hóa", year, units=UNITS)
    edge = edge_coverage(parent, child, kinds=tuple(ItemKind))
    assert all(i.status is Status.COVERED for i in edge.items)
    assert edge.percent == (100 if texts else None)


# --- the commands -------------------------------------------------------------------------


def run(module: object, argv: list[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    module.configure(parser)  # type: ignore[attr-defined]
    out, err = io.StringIO(), io.StringIO()
    code = module.execute(parser.parse_args(argv), Env(stdout=out, stderr=err, environ={}))  # type: ignore[attr-defined]
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    dump_plan(PARENT, folder / "hn-kh-54-2024.yaml")
    return folder


def test_derive_command_writes_and_refuses_to_overwrite(corpus_dir: Path, tmp_path: Path) -> None:
    target = corpus_dir / "snv.yaml"
    code, out, _ = run(
        derive_cli,
        [
            "hn-kh-54-2024",
            str(corpus_dir),
            "--unit",
            "Sở Nội vụ",
            "-o",
            str(target),
            "--lang",
            "en",
        ],
    )
    assert code == 0
    # The line names the file, so it wraps where a long temporary path makes it.
    assert "carries 5/5 items" in " ".join(out.split())
    assert load_plan(target).issuer == "hn.snv"
    code, _, err = run(
        derive_cli, ["--unit", "Sở Nội vụ", "-o", str(target), "hn-kh-54-2024", str(corpus_dir)]
    )
    assert code == 2
    assert "--force" in err
    code, _, _ = run(
        coverage_cli, ["--json", "--include", "objectives,channels,indicators", str(corpus_dir)]
    )
    assert code == 0


def test_derive_command_to_stdout(corpus_dir: Path) -> None:
    code, out, err = run(derive_cli, ["hn-kh-54-2024", str(corpus_dir), "--unit", "hn.snv"])
    assert code == 0
    assert out == dumps_plan(derive(PARENT, "hn.snv", 2024, units=UNITS))
    assert "100%" in err


def test_coverage_command_json_and_exit_codes(corpus_dir: Path) -> None:
    child = derive(PARENT, "hn.snv", 2024, units=UNITS)
    cut = Task(id="nd2", text="Tuyên truyền các Chỉ số PAR INDEX, SIPAS, PAPI")
    dump_plan(
        child.__class__(
            **{
                **{
                    f: getattr(child, f)
                    for f in (
                        "key",
                        "kind",
                        "title",
                        "issuer",
                        "status",
                        "period",
                        "legal_bases",
                        "parents",
                    )
                },
                "tasks": (child.tasks[0], cut),
            }
        ),
        corpus_dir / "child.yaml",
    )
    code, out, _ = run(coverage_cli, ["--json", "--suggest", str(corpus_dir)])
    assert code == 1
    data = json.loads(out)
    [edge] = data["edges"]
    assert (edge["parent"], edge["child"], edge["percent"]) == (
        "hn-kh-54-2024",
        "hn.snv.kh-2024",
        50.0,
    )
    statuses = {i["item"]: (i["status"], i["by"]) for i in edge["items"]}
    assert statuses == {"nd1": ("covered", ["nd1"]), "nd2": ("suggested", ["nd2"])}
    assert edge["local"] == ["nd2"]
    assert run(coverage_cli, ["--fail-under", "50", str(corpus_dir)])[0] == 0
    assert run(coverage_cli, ["--plan", "nope", str(corpus_dir)])[0] == 2


def test_duties_stay_duties() -> None:
    from cchc import TaskKind

    parent = Plan(
        key="p",
        kind=DocumentKind.PLAN,
        title="Kế hoạch",
        issuer="u",
        tasks=(
            Task(id="nd1", text="Tuyên truyền"),
            Task(id="tc1", text="Xây dựng kế hoạch", kind=TaskKind.DUTY),
        ),
    )
    child = derive(parent, "UBND xã Cẩm Duệ", 2024)
    assert [t.kind for t in child.tasks] == [TaskKind.CONTENT, TaskKind.DUTY]


def test_derive_command_refuses_a_name_two_units_share(tmp_path: Path) -> None:
    shared = Unit(code="ht.snv", name="Sở Nội vụ", level=Level.PROVINCE)
    folder = tmp_path / "corpus"
    dump_plan(attrs.evolve(PARENT, units=(*PARENT.units, shared)), folder / "hn-kh-54-2024.yaml")
    code, out, err = run(derive_cli, ["hn-kh-54-2024", str(folder), "--unit", "so noi vu"])
    assert (code, out) == (2, "")
    assert err == (
        "derive: unit: expected the code or name of one unit (hn.snv, ht.snv are all named so: "
        "give a code), got 'so noi vu'\n"
    )
