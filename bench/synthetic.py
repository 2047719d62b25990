"""A seeded, deterministic synthetic corpus for benchmarks: ``generate(n_plans, seed)``.

The shape follows the 2026 cascade after the 2025 two-level local government reform: one national
plan of the Ministry of Home Affairs, the plans of the 34 provinces below it, and below each
province the plans of its departments (Sở) and of its communes.  Every plan has about 20
items (objectives, requirements, tasks, channels, indicators); a child carries most of its
parent's items down with ``inherits`` links, drops a few, waives a few and adds its own.

Parents are linked the three ways real files do: explicit ``parents`` keys, legal bases
with a unit code, and legal bases that only word their issuer ("UBND tỉnh").  A few
communes issue before their province (real data does), and a few declared communes issue
nothing (so expected-children shares fall short of 100%).

Usage: ``python bench/synthetic.py N OUT_DIR`` writes N plan files and ``units.yaml``.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import sys
from pathlib import Path

import attrs

from cchc import (
    Anchor,
    Cadence,
    Channel,
    ChannelKind,
    Comparator,
    Corpus,
    DocumentKind,
    DocumentRef,
    Indicator,
    ItemLink,
    LegalBasis,
    Level,
    Measure,
    Objective,
    Period,
    Plan,
    ReformArea,
    Relation,
    Schedule,
    ScheduleKind,
    Task,
    Unit,
)

YEAR = 2026
ITEM_KEEP = 0.92
"""Share of a parent's items a child carries down; the rest are dropped."""
WAIVE = 0.02
"""Share of carried tasks the child waives (the duty does not apply to it)."""
EARLY = 0.005
"""Share of child plans dated before their parent."""
SILENT = 0.03
"""Extra communes declared as expected children that issue no plan."""
TWO_PARENTS = 10
"""Every N-th commune also implements its province's Home Affairs department plan."""

# The 34 provinces and centrally-run cities from 1 July 2025 (Nghị quyết 202/2025/QH15).
PROVINCES = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
CITIES = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}

DEPARTMENTS = (
    ("snv", "Sở Nội vụ", "SNV"),
    ("stp", "Sở Tư pháp", "STP"),
    ("stc", "Sở Tài chính", "STC"),
    ("sxd", "Sở Xây dựng", "SXD"),
    ("sct", "Sở Công Thương", "SCT"),
    ("snnmt", "Sở Nông nghiệp và Môi trường", "SNNMT"),
    ("sgddt", "Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("syt", "Sở Y tế", "SYT"),
    ("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("skhcn", "Sở Khoa học và Công nghệ", "SKHCN"),
    ("sdttg", "Sở Dân tộc và Tôn giáo", "SDTTG"),
    ("sngv", "Sở Ngoại vụ", "SNgV"),
    ("vp", "Văn phòng UBND", "VP"),
    ("tt", "Thanh tra", "TTT"),
)

TASKS = (
    ("Tuyên truyền các văn bản chỉ đạo của Trung ương về cải cách hành chính",
     ReformArea.INSTITUTIONS),
    ("Tuyên truyền kết quả rà soát, đơn giản hóa thủ tục hành chính", ReformArea.PROCEDURES),
    ("Tuyên truyền việc sắp xếp tổ chức bộ máy hành chính nhà nước", ReformArea.APPARATUS),
    ("Tuyên truyền về xây dựng đội ngũ cán bộ, công chức, viên chức", ReformArea.CIVIL_SERVICE),
    ("Tuyên truyền cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập",
     ReformArea.PUBLIC_FINANCE),
    ("Tuyên truyền dịch vụ công trực tuyến và chính quyền số", ReformArea.DIGITAL_GOVERNMENT),
    ("Đưa tin, bài về cải cách hành chính trên cổng thông tin điện tử", None),
    ("Tổ chức hội nghị đối thoại với người dân và doanh nghiệp", None),
    ("Tuyên truyền Chỉ số PAR INDEX, SIPAS, PAPI và PCI", None),
    ("Tổ chức cuộc thi tìm hiểu về cải cách hành chính", None),
    ("Biểu dương mô hình, sáng kiến hay trong cải cách hành chính", None),
    ("Báo cáo kết quả thực hiện kế hoạch tuyên truyền", None),
)  # fmt: skip
OWN_TASKS = (
    "Tuyên truyền trên hệ thống loa truyền thanh cơ sở",
    "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa",
)
OBJECTIVES = (
    "Nâng cao nhận thức của cán bộ, công chức, viên chức về cải cách hành chính",
    "Nâng cao sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan nhà nước",
)
REQUIREMENTS = (
    "Việc tuyên truyền phải gắn với lộ trình thực hiện các mục tiêu cải cách hành chính",
    "Nội dung tuyên truyền thiết thực, hình thức đa dạng, phù hợp với từng đối tượng",
)
CHANNELS = (
    (ChannelKind.PORTAL, "Cổng thông tin điện tử"),
    (ChannelKind.SOCIAL_MEDIA, "mạng xã hội Zalo, Facebook"),
)
INDICATORS = (
    ("100% cơ quan, đơn vị xây dựng kế hoạch tuyên truyền", Comparator.AT_LEAST, 100.0,
     Measure.PERCENT, None),
    ("Ít nhất 01 tin, bài mỗi tháng", Comparator.AT_LEAST, 1.0, Measure.COUNT, Cadence.MONTHLY),
)  # fmt: skip

QUOTA = Schedule(
    kind=ScheduleKind.QUOTA,
    cadences=(Cadence.MONTHLY,),
    count=1,
    what="tin, bài",
    text="Hằng tháng, ít nhất 01 tin, bài",
)
NQ76 = LegalBasis(
    ref=DocumentRef(number="76", code="NQ", issuer="CP"),
    kind=DocumentKind.RESOLUTION,
    date=dt.date(2021, 7, 15),
    issuer="vn.cp",
    issuer_text="Chính phủ",
    citation="Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
)


REPORT_DAY = {Level.CENTRAL: 10, Level.PROVINCE: 5, Level.DISTRICT: 3, Level.COMMUNE: 1}
"""The day of the following month by which a report to a unit of each level is due."""


class _Builder:
    """Builds one corpus; holds the random generator and the shared values."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.plans: list[Plan] = []
        self.units: dict[str, Unit] = {}
        self._links: dict[tuple[str, str], ItemLink] = {}
        self._reports: dict[str, Schedule] = {}

    def unit(self, code: str, name: str, level: Level, **kw: object) -> str:
        self.units[code] = Unit(code=code, name=name, level=level, **kw)  # type: ignore[arg-type]
        return code

    def link(self, plan: str, item: str) -> ItemLink:
        # Siblings link to the same parent items: share the values, as a loader could not.
        key = (plan, item)
        found = self._links.get(key)
        if found is None:
            found = self._links[key] = ItemLink(plan=plan, item=item)
        return found

    def report(self, to: str) -> Schedule:
        found = self._reports.get(to)
        if found is None:
            found = self._reports[to] = Schedule(
                kind=ScheduleKind.REPORT,
                cadences=(Cadence.QUARTERLY, Cadence.HALF_YEARLY, Cadence.YEARLY),
                anchor=Anchor.FOLLOWING_DAY,
                # Each level sets earlier deadlines for the level below it (Nghị định
                # 09/2019/NĐ-CP, Điều 13.2), so a unit reports before its recipient does.
                day=REPORT_DAY[self.units[to].level],
                to=to,
                text="Định kỳ hằng quý, 6 tháng, năm",
            )
        return found

    def items(self, issuer: str, parent: Plan | None, extra: Plan | None) -> dict[str, object]:
        """The items of a plan: the parent's carried down (most of them) plus its own."""
        rng = self.rng
        if parent is None:
            objectives = [Objective(id=f"mt{i + 1}", text=t) for i, t in enumerate(OBJECTIVES)]
            requirements = [Objective(id=f"yc{i + 1}", text=t) for i, t in enumerate(REQUIREMENTS)]
            channels = [
                Channel(id=f"ht{i + 1}", kind=k, text=t) for i, (k, t) in enumerate(CHANNELS)
            ]
            indicators = [
                Indicator(id=f"ct{i + 1}", text=t, comparator=c, value=v, measure=m, per=p)
                for i, (t, c, v, m, p) in enumerate(INDICATORS)
            ]
            root_tasks = [
                self.task(f"nd{i + 1}", text, area=area, issuer=issuer, parent=None, index=i)
                for i, (text, area) in enumerate(TASKS)
            ]
            return {
                "objectives": tuple(objectives),
                "requirements": tuple(requirements),
                "tasks": tuple(root_tasks),
                "channels": tuple(channels),
                "indicators": tuple(indicators),
            }
        kept: dict[str, list[object]] = {}
        for field in ("objectives", "requirements", "channels", "indicators"):
            kept[field] = [
                attrs.evolve(item, inherits=(self.link(parent.key, item.id),))
                for item in getattr(parent, field)
                if rng.random() < ITEM_KEEP
            ]
        tasks: list[Task] = []
        for index, task in enumerate(parent.tasks):
            if task.waiver is not None or rng.random() >= ITEM_KEEP:
                continue  # dropped: the child does not carry this item
            links = [self.link(parent.key, task.id)]
            if extra is not None and index == 0:
                links.append(self.link(extra.key, extra.tasks[0].id))
            if rng.random() < WAIVE:
                tasks.append(
                    Task(
                        id=task.id,
                        text="",
                        inherits=tuple(links),
                        waiver="Không thuộc chức năng, nhiệm vụ của đơn vị",
                    )
                )
            else:
                tasks.append(
                    self.task(
                        task.id,
                        task.text,
                        area=task.area,
                        issuer=issuer,
                        parent=parent,
                        index=index,
                        links=tuple(links),
                    )
                )
        base = max(int(t.id.removeprefix("nd")) for t in parent.tasks)
        for i, text in enumerate(OWN_TASKS):
            tasks.append(
                self.task(
                    f"nd{base + i + 1}", text, area=None, issuer=issuer, parent=parent, index=i
                )
            )
        kept["tasks"] = tasks  # type: ignore[assignment]
        return {field: tuple(values) for field, values in kept.items()}

    def task(
        self,
        item_id: str,
        text: str,
        *,
        area: ReformArea | None,
        issuer: str,
        parent: Plan | None,
        index: int,
        links: tuple[ItemLink, ...] = (),
    ) -> Task:
        if index % 3 == 0:
            schedules: tuple[Schedule, ...] = (QUOTA,)
        elif index % 3 == 1 and parent is not None:
            schedules = (self.report(parent.issuer),)
        else:
            due = dt.date(YEAR, 3 + index % 9, 28)
            schedules = (Schedule(kind=ScheduleKind.DUE, due=due),)
        return Task(
            id=item_id,
            text=text,
            area=area,
            lead=(issuer,),
            products=("tin, bài",) if index % 3 == 0 else (),
            schedules=schedules,
            inherits=links,
        )

    def plan(
        self,
        key: str,
        issuer: str,
        symbol: str,
        issued: dt.date,
        parent: Plan | None,
        *,
        how: str = "parents",
        extra: Plan | None = None,
        title: str,
        implementers: tuple[str, ...] = (),
        expected: tuple[str, ...] = (),
    ) -> Plan:
        number = self.rng.randint(1, 400)
        bases: list[LegalBasis] = [NQ76]
        parents: tuple[str, ...] = ()
        for target in (parent, extra):
            if target is None:
                continue
            if how == "parents":
                parents = (*parents, target.key)
                continue
            bases.append(
                LegalBasis(
                    ref=target.ref,
                    kind=target.kind,
                    relation=Relation.IMPLEMENTS,
                    date=target.issued,
                    issuer=target.issuer if how == "code" or target is extra else None,
                    issuer_text=self.wording(target)
                    if how == "words" and target is parent
                    else None,
                )
            )
        plan = Plan(
            key=key.format(number=number),
            kind=DocumentKind.PLAN,
            title=title,
            issuer=issuer,
            ref=DocumentRef(number=f"{number:02d}", code="KH", issuer=symbol),
            issued=issued,
            period=Period.years(YEAR),
            legal_bases=tuple(bases),
            parents=parents,
            implementers=implementers,
            expected_children=expected,
            **self.items(issuer, parent, extra),  # type: ignore[arg-type]
        )
        self.plans.append(plan)
        return plan

    def wording(self, target: Plan) -> str:
        """How a commune words its province's UBND: relative, as real citations do."""
        name = self.units[target.issuer].name
        return "UBND thành phố" if name.startswith("UBND thành phố") else "UBND tỉnh"

    def child_day(self, *parents: Plan | None) -> dt.date:
        latest = max(p.issued for p in parents if p is not None and p.issued is not None)
        if self.rng.random() < EARLY:
            return latest - dt.timedelta(days=self.rng.randint(1, 10))
        return min(latest + dt.timedelta(days=self.rng.randint(1, 45)), dt.date(YEAR, 12, 31))


TITLE = "Tuyên truyền cải cách hành chính năm 2026"


def generate(n_plans: int, seed: int = 0) -> Corpus:
    """A synthetic corpus of exactly *n_plans* plans, the same for the same arguments."""
    if n_plans < 1:
        raise ValueError(f"n_plans: expected at least 1, got {n_plans}")
    # Millions of small acyclic objects: the cyclic collector only slows their making down.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(n_plans, seed)
    finally:
        if enabled:
            gc.enable()


def _generate(n_plans: int, seed: int) -> Corpus:
    b = _Builder(seed)
    b.unit("vn.cp", "Chính phủ", Level.CENTRAL, symbol="CP")
    b.unit("vn.bnv", "Bộ Nội vụ", Level.CENTRAL, symbol="BNV")
    n_provinces = min(len(PROVINCES), n_plans - 1)
    province_units = [
        b.unit(
            f"p{i + 1:02d}.ubnd",
            f"UBND {'thành phố' if name in CITIES else 'tỉnh'} {name}",
            Level.PROVINCE,
            symbol="UBND",
        )
        for i, name in enumerate(PROVINCES[:n_provinces])
    ]
    root = b.plan(
        "vn-bnv-kh-{number}-2026",
        "vn.bnv",
        "BNV",
        dt.date(YEAR, 1, 10),
        None,
        title=TITLE,
        expected=tuple(province_units),
    )
    rest = n_plans - 1 - n_provinces
    for p, code in enumerate(province_units):
        prefix = code.removesuffix(".ubnd")
        count = rest // n_provinces + (1 if p < rest % n_provinces else 0) if n_provinces else 0
        n_departments = min(len(DEPARTMENTS), max(1, count // 10)) if count else 0
        n_communes = count - n_departments
        departments = [
            b.unit(f"{prefix}.{c}", name, Level.PROVINCE, parent=code, symbol=symbol)
            for c, name, symbol in DEPARTMENTS[:n_departments]
        ]
        silent = round(n_communes * SILENT)
        communes = [
            b.unit(f"{prefix}.x{j + 1:04d}", f"UBND xã {j + 1} ({PROVINCES[p]})", Level.COMMUNE,
                   parent=code, symbol="UBND")
            for j in range(n_communes + silent)
        ]  # fmt: skip
        province = b.plan(
            f"{prefix}-kh-{{number}}-2026",
            code,
            "UBND",
            dt.date(YEAR, 1, 12) + dt.timedelta(days=b.rng.randint(0, 30)),
            root,
            title=TITLE,
            implementers=tuple(departments),
            expected=(*departments, *communes),
        )
        home_affairs: Plan | None = None
        for d, unit_code in enumerate(departments):
            symbol = DEPARTMENTS[d][2]
            made = b.plan(
                f"{unit_code.replace('.', '-')}-kh-{{number}}-2026",
                unit_code,
                symbol,
                b.child_day(province),
                province,
                how="code",
                title=TITLE,
                implementers=(unit_code,),
            )
            home_affairs = made if d == 0 else home_affairs
        for j, unit_code in enumerate(communes[:n_communes]):
            extra = home_affairs if j % TWO_PARENTS == 0 else None
            b.plan(
                f"{unit_code.replace('.', '-')}-kh-{{number}}-2026",
                unit_code,
                "UBND",
                b.child_day(province, extra),
                province,
                how=("parents", "code", "words")[j % 3],
                extra=extra,
                title=TITLE,
                implementers=(unit_code,),
            )
    return Corpus(
        plans=tuple(b.plans),
        units=b.units,
        files={p.key: f"synthetic/{p.key}.yaml" for p in b.plans},
    )


def write(corpus: Corpus, folder: Path, fmt: str = "yaml") -> int:
    """Write *corpus* as one file a plan plus a unit registry; return the files written.

    *fmt* is ``yaml`` (``units.yaml`` and ``KEY.yaml``) or ``json`` (``.json`` files).
    """
    import json

    import yaml

    from cchc.files._convert import CONVERTER
    from cchc.files._dump import dumps_plan

    folder.mkdir(parents=True, exist_ok=True)
    units = {"units": [CONVERTER.unstructure(u, Unit) for u in corpus.units.values()]}
    if fmt == "json":
        registry = json.dumps(units, ensure_ascii=False, indent=2) + "\n"
    else:
        registry = yaml.safe_dump(units, allow_unicode=True, sort_keys=False)
    for plan in corpus.plans:
        (folder / f"{plan.key}.{fmt}").write_text(dumps_plan(plan, fmt=fmt), encoding="utf-8")
    # The registry last: once it is there, the folder is whole (bench_floor.py reuses it).
    (folder / f"units.{fmt}").write_text(registry, encoding="utf-8")
    return len(corpus.plans) + 1


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python bench/synthetic.py N OUT_DIR", file=sys.stderr)
        return 2
    corpus = generate(int(argv[0]))
    print(f"{write(corpus, Path(argv[1]))} files written to {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
