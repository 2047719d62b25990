"""Time the expansion of a year of 10,000 plans with a few tasks of varied schedules.

Run: /work/venv/bin/python bench/bench_calendar.py [PLANS]
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from cchc.calendar import calendar_for, check_cascade, expand
from cchc.calendar._ics import to_ics
from cchc.model._items import Schedule, Task
from cchc.model._plan import Period, Plan
from cchc.text._vocab import Anchor, Cadence, DocumentKind, ScheduleKind

SCHEDULES = (
    Schedule(kind=ScheduleKind.QUOTA, cadences=(Cadence.MONTHLY,), count=1, what="tin, bài"),
    Schedule(
        kind=ScheduleKind.REPORT,
        cadences=(Cadence.QUARTERLY, Cadence.HALF_YEARLY, Cadence.YEARLY),
        to="ubnd",
    ),
    Schedule(
        kind=ScheduleKind.RECURRING,
        cadences=(Cadence.MONTHLY,),
        anchor=Anchor.FOLLOWING_DAY,
        day=5,
    ),
    Schedule(kind=ScheduleKind.RECURRING, cadences=(Cadence.QUARTERLY,), anchor=Anchor.START),
    Schedule(kind=ScheduleKind.DUE, due=dt.date(2025, 4, 30)),
    Schedule(kind=ScheduleKind.REPORT, cadences=(Cadence.NINE_MONTHLY,), anchor=Anchor.DAY, day=20),
)


def make_plans(count: int) -> list[Plan]:
    plans = []
    for i in range(count):
        tasks = tuple(
            Task(
                id=f"nd{j}",
                text=f"Nhiệm vụ {j} của kế hoạch {i}",
                lead=(f"unit-{i % 97}",),
                schedules=(SCHEDULES[(i + j) % len(SCHEDULES)],),
            )
            for j in range(3 + i % 3)
        )
        plans.append(
            Plan(
                key=f"kh-{i}",
                kind=DocumentKind.PLAN,
                title=f"Kế hoạch {i}",
                issuer="ubnd",
                period=Period.years(2025),
                parents=(f"kh-{i // 10}",) if i >= 10 else (),
                tasks=tasks,
            )
        )
    return plans


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    plans = make_plans(count)
    tasks = sum(len(p.tasks) for p in plans)
    start = time.perf_counter()
    work = calendar_for(plans)
    built = time.perf_counter()
    occurrences = expand(plans, calendar=work)
    expanded = time.perf_counter()
    by_key = {p.key: p for p in plans}
    pairs = [(by_key[p.parents[0]], p) for p in plans if p.parents]
    problems = check_cascade(pairs, calendar=work)
    checked = time.perf_counter()
    data = to_ics(occurrences[:20_000], as_of=dt.date(2025, 1, 1))
    exported = time.perf_counter()
    print(f"plans: {count}, tasks: {tasks}, occurrences: {len(occurrences)}")
    print(f"working-day calendar: {built - start:.3f} s")
    print(f"expand one year: {expanded - built:.3f} s (target < 5 s)")
    print(
        f"cascade check of {len(pairs)} pairs: {checked - expanded:.3f} s, {len(problems)} warnings"
    )
    print(f"iCalendar of 20,000 events: {exported - checked:.3f} s, {len(data) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
