"""The bundled corpus says what the seed documents say.

Every transcribed text must occur in its seed (``tests/data/seeds/``) once the seed's page
breaks are joined, so faithfulness is proved without hard-coding the texts; counts and
places (six content items, nine units, monthly quotas) are read from the seeds as well.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc import Indicator, Plan
from cchc.files._dump import dumps_plan
from cchc.files._load import bundled_corpus_path, load_corpus
from cchc.model._corpus import Corpus
from cchc.refs._refs import parse_ref
from cchc.text._vocab import Cadence, Measure, PlanStatus, Relation, ScheduleKind, from_vietnamese

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")

# A blank line followed by a lower-case letter is a page break in the middle of a sentence.
_PAGE_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*(?=\S)")
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


def joined(text: str) -> str:
    """The seed text as the corpus transcribes it (README of the corpus).

    Page breaks inside a sentence become one space, web-page non-breaking spaces ordinary
    spaces, and a run of spaces between words one space.
    """
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = _PAGE_BREAK.sub(lambda m: " " if text[m.end()].islower() else m.group(0), text)
    return _SPACES.sub(" ", text)


@cache
def seed(name: str) -> str:
    return joined((SEEDS / name).read_text(encoding="utf-8"))


def between(text: str, start: str, end: str) -> str:
    """The part of *text* from the one occurrence of *start* to the next *end*."""
    assert text.count(start) == 1, f"{start!r} occurs {text.count(start)} times"
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def bullets(section: str) -> list[str]:
    """The texts of the ``- `` bullets of a section, dashes removed."""
    return [line[1:].strip() for line in section.splitlines() if line.startswith("-")]


@cache
def corpus() -> Corpus:
    return load_corpus(bundled_corpus_path())


def plans() -> list[Plan]:
    """The transcribed plans: every plan of the corpus but the illustrative ones."""
    return [p for p in corpus().plans if not p.illustrative]


def illustrative() -> list[Plan]:
    """The plans written by hand to show cchc's checks (``illustrative/``)."""
    return [p for p in corpus().plans if p.illustrative]


def seed_of(plan: Plan) -> str:
    assert plan.source is not None
    names = SEED_NAME.findall(plan.source)
    assert len(names) == 1, f"{plan.key}: source names {names}"
    return seed(names[0])


def texts(plan: Plan) -> Iterator[tuple[str, str]]:
    """Every text of *plan* that is copied from its seed, with where it is."""
    for item in plan.items():
        yield item.id, item.text
    for task in plan.tasks:
        for index, schedule in enumerate(task.schedules):
            yield f"{task.id}.schedules[{index}]", schedule.text
    for index, basis in enumerate(plan.legal_bases):
        yield f"legal_bases[{index}]", basis.citation


KEY_IDS = [p.key for p in plans()]


# -- the corpus as a whole ------------------------------------------------------------------


def test_bundled_corpus_loads_without_problems() -> None:
    loaded = corpus()
    assert loaded.problems == ()
    assert len(plans()) == 10
    assert len(loaded) == 10 + len(illustrative())


def test_the_seeds_are_here() -> None:
    names = {path.name for path in SEEDS.glob("*.txt")}
    cited = {SEED_NAME.findall(plan.source or "")[0] for plan in plans()}
    assert cited == names


@pytest.mark.parametrize("plan", plans(), ids=KEY_IDS)
def test_every_text_occurs_in_the_seed(plan: Plan) -> None:
    text = seed_of(plan)
    missing = [where for where, value in texts(plan) if value not in text]
    assert missing == []


@pytest.mark.parametrize("plan", plans(), ids=KEY_IDS)
def test_title_occurs_in_the_seed(plan: Plan) -> None:
    # The first letter of a title taken from a "về ..." clause is capitalised, and a title
    # printed on two lines is joined (notes say so).
    assert plan.title[1:] in " ".join(seed_of(plan).split())


@pytest.mark.parametrize("plan", plans(), ids=KEY_IDS)
def test_issuer_wording_occurs_in_its_citation(plan: Plan) -> None:
    for basis in plan.legal_bases:
        assert basis.issuer_text is not None
        assert basis.issuer_text in basis.citation


@pytest.mark.parametrize("plan", plans(), ids=KEY_IDS)
def test_every_plan_explains_itself(plan: Plan) -> None:
    assert plan.source
    assert plan.notes


@pytest.mark.parametrize("plan", plans(), ids=KEY_IDS)
def test_item_ids_follow_the_conventions(plan: Plan) -> None:
    patterns = {
        "objectives": r"mt\d+",
        "requirements": r"yc\d+",
        "tasks": r"nd\d+|tc\d+(\.\d+)?",
        "channels": r"ht\d+",
        "indicators": r"ct\d+",
    }
    for field, pattern in patterns.items():
        for item in getattr(plan, field):
            assert re.fullmatch(pattern, item.id), f"{field}: {item.id}"


@pytest.mark.parametrize("plan", plans(), ids=KEY_IDS)
def test_units_named_by_a_plan_are_declared(plan: Plan) -> None:
    units = corpus().units
    used = {plan.issuer, *plan.implementers, *plan.expected_children}
    for task in plan.tasks:
        used |= {*task.lead, *task.cooperating}
        used |= {s.to for s in task.schedules if s.to is not None}
    used |= {b.issuer for b in plan.legal_bases if b.issuer is not None}
    assert used - set(units) == set()


@pytest.mark.parametrize("plan", plans(), ids=KEY_IDS)
def test_parents_are_cited_and_cited_plans_agree_with_their_citation(plan: Plan) -> None:
    cited = {b.plan: b for b in plan.legal_bases if b.plan is not None}
    assert set(plan.parents) <= set(cited)
    for key, basis in cited.items():
        parent = corpus().plan(key)
        assert parent.ref == basis.ref
        assert parent.issued == basis.date
        assert parent.issuer == basis.issuer
        assert parent.kind is basis.kind


@pytest.mark.parametrize(
    "plan", [p for p in plans() if p.status is PlanStatus.CITED], ids=lambda p: p.key
)
def test_cited_plans_hold_only_their_citation(plan: Plan) -> None:
    assert plan.items() == ()
    assert plan.parents == ()
    assert plan.legal_bases == ()
    citing = [
        b
        for p in plans()
        for b in p.legal_bases
        if b.plan == plan.key and plan.title[1:] in b.citation
    ]
    assert citing, f"no plan cites {plan.key} with its title"


@pytest.mark.parametrize("plan", plans(), ids=KEY_IDS)
def test_plans_round_trip_through_their_file_format(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(dumps_plan(plan), encoding="utf-8")
    (again,) = load_corpus(path).plans
    assert again == plan


# -- every item of the full-text seeds is there -----------------------------------------------

LS, CD, GL = "ls-tp-kh-tuyen-truyen-2024", "ht-cx-cd-kh-49-2022", "hn-gl-ldld-hd-83-2021"
SECTIONS: list[tuple[str, str, str, tuple[tuple[str, str], ...]]] = [
    # (plan key, plan field, id prefix, the seed's sections holding those items, in order)
    (LS, "objectives", "mt", (("1. Mục tiêu", "2. Yêu cầu"),)),
    (LS, "requirements", "yc", (("2. Yêu cầu", "II. NỘI DUNG"),)),
    (LS, "tasks", "nd", (("1. Nội dung tuyên truyền", "2. Hình thức"),)),
    (LS, "channels", "ht", (("2. Hình thức tuyên truyền", "III. TỔ CHỨC"),)),
    (LS, "tasks", "tc", (("III. TỔ CHỨC THỰC HIỆN", "Trên đây là"),)),
    (CD, "objectives", "mt", (("1. Mục đích", "2. Yêu cầu"),)),
    (CD, "requirements", "yc", (("2. Yêu cầu", "Tổng số điểm"),)),
    (GL, "objectives", "mt", (("1. Mục đích", "2. Yêu cầu"),)),
    (GL, "requirements", "yc", (("2. Yêu cầu", "II. NỘI DUNG"),)),
    (
        GL,
        "tasks",
        "nd",
        (("1. Nội dung tuyên truyền", "2. Hình thức"), ("3. Các nhiệm vụ", "III. TỔ CHỨC")),
    ),
    (GL, "channels", "ht", (("2. Hình thức tuyên truyền", "3. Các nhiệm vụ"),)),
    (GL, "tasks", "tc", (("III. TỔ CHỨC THỰC HIỆN", "Nơi nhận:"),)),
]


def _paragraphs(section: str) -> list[str]:
    """Bullets of a section; a unit of section III with no bullet counts its paragraph."""
    found: list[str] = []
    for part in re.split(r"\n(?=\d+\. )", section):
        lines = [line for line in part.splitlines()[1:] if line.strip()]
        items = bullets(part)
        found.extend(items or [line.strip() for line in lines])
    return found


@pytest.mark.parametrize(
    ("key", "field", "prefix", "sections"),
    SECTIONS,
    ids=[f"{key}-{field}-{prefix}" for key, field, prefix, _ in SECTIONS],
)
def test_every_item_of_a_section_is_transcribed_in_order(
    key: str, field: str, prefix: str, sections: tuple[tuple[str, str], ...]
) -> None:
    plan = corpus().plan(key)
    expected: list[str] = []
    for start, end in sections:
        section = between(seed_of(plan), start, end)
        expected += _paragraphs(section) if prefix == "tc" else bullets(section)
    items = [i.text for i in getattr(plan, field) if i.id.startswith(prefix)]
    # Closing marks "./." are written "."; nothing else may differ.
    assert items == [e.removesuffix("/.") for e in expected]


# -- Hà Nội -------------------------------------------------------------------------------------


def test_kh_54_has_the_six_content_items_of_the_seed() -> None:
    plan = corpus().plan("hn-kh-54-2024")
    text = seed_of(plan)
    announced = re.search(r"gồm (\d+) nội dung chính", text)
    assert announced is not None
    seed_items = bullets(between(text, "nội dung chính sau:", "Hình thức tuyên truyền"))
    items = [t for t in plan.tasks if t.id.startswith("nd")]
    assert [t.id for t in items] == [f"nd{n}" for n in range(1, int(announced[1]) + 1)]
    assert [t.text for t in items] == seed_items


def test_kh_54_implements_kh_145_and_expects_a_plan_of_every_department_and_district() -> None:
    plan = corpus().plan("hn-kh-54-2024")
    assert plan.parents == ("hn-kh-145-2021",)
    (implements,) = [b for b in plan.legal_bases if b.relation is Relation.IMPLEMENTS]
    assert implements.plan == "hn-kh-145-2021"
    assert plan.expected_children
    order = next(t for t in plan.tasks if t.id.startswith("tc"))
    assert set(order.lead) == set(plan.expected_children)
    for code in plan.expected_children:
        assert corpus().unit_name(code).casefold() in order.text.casefold()


def test_kh_54_has_one_legal_basis_and_keeps_the_documents_of_item_1_in_its_text() -> None:
    plan = corpus().plan("hn-kh-54-2024")
    text = seed_of(plan)
    # The article's one "Thực hiện" sentence gives the basis; item 1 lists what to communicate.
    assert text.count("Thực hiện ") == 1
    (basis,) = plan.legal_bases
    assert basis.relation is Relation.IMPLEMENTS
    assert f"Thực hiện {basis.citation}" in text
    nd1 = plan.item("nd1")
    assert nd1 is not None
    for ref in ("76/NQ-CP", "23/CT-TTg", "01-CTr/TU", "136/KH-UBND", "24-CT/TU"):
        assert ref in nd1.text
        assert all(ref not in b.citation for b in plan.legal_bases)


# (indicator id, the item whose text states it, scope): HD 83's targets on grassroots unions.
HD_83_TARGETS = [("ct1", "yc1", "các CĐCS"), ("ct2", "tc1.1", "Công đoàn cơ sở")]


@pytest.mark.parametrize(("indicator_id", "item_id", "scope"), HD_83_TARGETS)
def test_hd_83_targets_on_grassroots_unions_are_indicators(
    indicator_id: str, item_id: str, scope: str
) -> None:
    plan = corpus().plan("hn-gl-ldld-hd-83-2021")
    indicator, item = plan.item(indicator_id), plan.item(item_id)
    assert isinstance(indicator, Indicator)
    assert item is not None
    assert indicator.text in item.text
    assert f"100% {scope}" in indicator.text
    assert (indicator.value, indicator.measure, indicator.per) == (100, Measure.PERCENT, None)
    assert indicator.scope is not None
    assert indicator.scope.startswith(scope)


def test_grassroots_unions_of_gia_lam_sit_at_district_level_under_its_federation() -> None:
    unit = corpus().units["hn-gl.cdcs"]
    assert unit.parent == "hn-gl.ldld"
    assert unit.level is corpus().units["hn-gl.ldld"].level
    assert unit.level.value == "district"


def test_bc_60_targets_apply_to_the_year_the_report_records_them_for() -> None:
    plan = corpus().plan("hn-bc-60-2020")
    # A Q1 report records the targets of the city's 2020 plans: each is a target per year.
    assert plan.indicators
    assert all(i.per is Cadence.YEARLY for i in plan.indicators)
    assert "năm 2020" in seed_of(plan)


def test_bc_60_covers_the_first_quarter_of_2020() -> None:
    plan = corpus().plan("hn-bc-60-2020")
    assert plan.period is not None
    assert (plan.period.start.isoformat(), plan.period.end.isoformat()) == (
        "2020-01-01",
        "2020-03-31",
    )
    assert "quý I/2020" in plan.title


@pytest.mark.parametrize("indicator", corpus().plan("hn-bc-60-2020").indicators, ids=lambda i: i.id)
def test_bc_60_indicator_values_are_those_of_their_text(indicator: Indicator) -> None:
    written = f"{indicator.value:g}% " if indicator.measure is Measure.PERCENT else ""
    if indicator.measure is Measure.TIMES:
        written = f"{indicator.value:g} lần/năm"
        assert indicator.per is Cadence.YEARLY
    assert written in indicator.text


# -- Lạng Sơn -----------------------------------------------------------------------------------


def _unit_sections() -> list[str]:
    plan = corpus().plan("ls-tp-kh-tuyen-truyen-2024")
    section = between(seed_of(plan), "III. TỔ CHỨC THỰC HIỆN", "Trên đây là")
    return re.split(r"\n(?=\d+\. )", section)[1:]


def test_city_plan_is_a_draft_with_a_blank_number() -> None:
    plan = corpus().plan("ls-tp-kh-tuyen-truyen-2024")
    assert plan.status is PlanStatus.DRAFT
    assert plan.ref is not None
    assert plan.ref.is_blank
    assert str(plan.ref) == "/KH-UBND"
    assert f"Số: {plan.ref}" in seed_of(plan)


def test_city_plan_names_the_units_of_each_heading_of_section_iii() -> None:
    plan = corpus().plan("ls-tp-kh-tuyen-truyen-2024")
    headings = [part.splitlines()[0] for part in _unit_sections()]
    assert len(plan.implementers) == len(headings) == 9
    for code, heading in zip(plan.implementers, headings, strict=True):
        assert corpus().unit_name(code) in heading


def test_city_plan_parent_is_the_province_plan_cited_as_a_basis() -> None:
    plan = corpus().plan("ls-tp-kh-tuyen-truyen-2024")
    assert plan.parents == ("ls-kh-37-2024",)
    assert all(b.relation is Relation.BASIS for b in plan.legal_bases)


def test_monthly_quotas_are_where_the_seed_puts_them() -> None:
    plan = corpus().plan("ls-tp-kh-tuyen-truyen-2024")
    for number, (code, part) in enumerate(zip(plan.implementers, _unit_sections(), strict=True), 1):
        in_seed = [b for b in bullets(part) if b.startswith("Hằng tháng, có ít nhất 01 tin, bài")]
        quotas = [
            t
            for t in plan.tasks
            if any(s.kind is ScheduleKind.QUOTA for s in t.schedules)
            and t.id.startswith(f"tc{number}.")
        ]
        assert [t.text for t in quotas] == in_seed
        for task in quotas:
            assert task.lead == (code,)
            (quota,) = task.schedules
            assert quota.cadences == (Cadence.MONTHLY,)
            assert (quota.count, quota.what) == (1, "tin, bài")
            assert quota.text in task.text


def test_the_reports_of_section_iii_1_go_to_the_city() -> None:
    plan = corpus().plan("ls-tp-kh-tuyen-truyen-2024")
    reports = [(t, s) for t in plan.tasks for s in t.schedules if s.kind is ScheduleKind.REPORT]
    assert len(reports) == 1
    task, report = reports[0]
    assert task.id.startswith("tc1.")
    wording = re.search(r"định kỳ (hằng quý), (6 tháng), (một năm)", report.text)
    assert wording is not None
    assert report.cadences == tuple(from_vietnamese(Cadence, w) for w in wording.groups())
    assert report.to == plan.issuer


# -- Hà Tĩnh and the labour federation ---------------------------------------------------------


def test_cam_due_plan_implements_a_province_and_a_district_plan() -> None:
    plan = corpus().plan("ht-cx-cd-kh-49-2022")
    assert len(plan.parents) == 2
    assert str(plan.ref) == "49"
    assert f"kế hoạch số {plan.ref} ngày" in seed_of(plan)
    assert all(b.relation is Relation.IMPLEMENTS for b in plan.legal_bases)
    levels = [corpus().units[corpus().plan(k).issuer].level.rank for k in plan.parents]
    own = corpus().units[plan.issuer].level.rank
    assert sorted([*levels, own]) == [*sorted(levels), own]
    assert len({*levels, own}) == 3


def test_hd_83_is_dated_before_its_parent_hd_12() -> None:
    plan = corpus().plan("hn-gl-ldld-hd-83-2021")
    (parent_key,) = plan.parents
    parent = corpus().plan(parent_key)
    assert plan.issued is not None
    assert parent.issued is not None
    assert plan.issued < parent.issued


def test_hd_83_reference_is_the_printed_one_without_its_stray_space() -> None:
    plan = corpus().plan("hn-gl-ldld-hd-83-2021")
    printed = re.search(r"Số: (\S+ ?\S+)\n", seed_of(plan))
    assert printed is not None
    assert " " in printed[1]
    assert parse_ref(printed[1]) == plan.ref
    assert str(plan.ref) == printed[1].replace(" ", "")


def test_hd_83_reports_go_up_one_level_each() -> None:
    plan = corpus().plan("hn-gl-ldld-hd-83-2021")
    units = corpus().units
    for task in plan.tasks:
        for schedule in task.schedules:
            assert schedule.kind is ScheduleKind.REPORT
            assert schedule.to is not None
            (lead,) = task.lead
            assert units[lead].parent == schedule.to


# -- the joining rule itself --------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from(list("ab Ắ.\n\u00a0-")), max_size=60))
def test_joining_keeps_every_character_that_is_not_a_space(text: str) -> None:
    def bare(value: str) -> str:
        return "".join(unicodedata.normalize("NFC", value).split())

    assert bare(joined(text)) == bare(text)


@given(st.text(alphabet=st.sampled_from(list("ab Ắ.\n\u00a0-")), max_size=60))
def test_joining_is_idempotent(text: str) -> None:
    assert joined(joined(text)) == joined(text)
