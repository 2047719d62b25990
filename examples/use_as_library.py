"""Use cchc from another project: build plans in code, check them, write them out.

Usage: python examples/use_as_library.py
"""

from __future__ import annotations

import datetime as dt
import sys

import cchc


def province_plan() -> cchc.Plan:
    return cchc.Plan(
        key="demo-kh-10-2024",
        kind=cchc.DocumentKind.PLAN,
        title="Tuyên truyền cải cách hành chính năm 2024",
        issuer="demo.ubnd",
        ref=cchc.parse_ref("10/KH-UBND"),
        issued=dt.date(2024, 1, 15),
        period=cchc.Period.years(2024),
        tasks=(
            cchc.Task(id="nd1", text="Tuyên truyền về cải cách thủ tục hành chính."),
            cchc.Task(id="nd2", text="Tổ chức đối thoại với người dân, doanh nghiệp."),
        ),
        expected_children=("demo-h.ubnd",),
    )


def district_plan() -> cchc.Plan:
    link = cchc.ItemLink.parse
    return cchc.Plan(
        key="demo-h-kh-2024",
        kind=cchc.DocumentKind.PLAN,
        title="Tuyên truyền cải cách hành chính huyện năm 2024",
        issuer="demo-h.ubnd",
        status=cchc.PlanStatus.DRAFT,
        period=cchc.Period.years(2024),
        parents=("demo-kh-10-2024",),
        tasks=(
            cchc.Task(
                id="nd1",
                text="Tuyên truyền về cải cách thủ tục hành chính trên loa truyền thanh.",
                lead=("demo-h.pnv",),
                products=("tin phát trên loa truyền thanh",),
                schedules=(
                    cchc.Schedule(
                        kind=cchc.ScheduleKind.QUOTA,
                        cadences=(cchc.Cadence.MONTHLY,),
                        count=2,
                        what="tin",
                    ),
                ),
                inherits=(link("demo-kh-10-2024#nd1"),),
            ),
            cchc.Task(
                id="nd2",
                text="",
                inherits=(link("demo-kh-10-2024#nd2"),),
                waiver="Đối thoại do UBND tỉnh tổ chức trực tiếp tại huyện.",
            ),
        ),
        units=(
            cchc.Unit(code="demo-h.ubnd", name="UBND huyện Mẫu", level=cchc.Level.DISTRICT),
            cchc.Unit(
                code="demo-h.pnv",
                name="Phòng Nội vụ huyện Mẫu",
                level=cchc.Level.DISTRICT,
                parent="demo-h.ubnd",
            ),
        ),
    )


def main() -> int:
    parent, child = province_plan(), district_plan()
    print(f"built {parent.key} ({parent.ref}) and {child.key} ({child.status.value})")

    # The model refuses what breaks its rules, naming the field, the expectation and the value.
    try:
        cchc.Schedule(kind=cchc.ScheduleKind.QUOTA, cadences=(cchc.Cadence.MONTHLY,), count=0)
    except cchc.ModelError as error:
        print(f"refused: {error}")

    edge = cchc.edge_coverage(parent, child, suggest=False)
    print(f"coverage: {edge.carried}/{len(edge.items)} carried ({edge.percent:.0f}%)")
    for item in edge.items:
        print(f"  {item.item}: {item.status.value}{f' ({item.reason})' if item.reason else ''}")
    print(f"gaps: {len(cchc.concreteness(child))}")

    text = cchc.dumps_plan(child)
    print(f"as YAML: {len(text.splitlines())} lines, starting {text.splitlines()[0]!r}")
    return 0 if edge.percent == 100 else 1


if __name__ == "__main__":
    sys.exit(main())
