"""Expand a plan's schedules into deadlines on Vietnamese working days and write an .ics file.

Usage: python examples/calendar_ics.py [OUTPUT.ics]   (default: a temporary folder)

``cchc.expand`` and ``cchc.write_ics`` come from ``cchc``; the wording and timing of a
deadline from its face ``cchc.calendar``.  ``python -m cchc calendar --ics FILE`` does the same.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import cchc
from cchc.calendar import describe_period, timing

AS_OF = dt.date(2024, 3, 1)  # "today" is always explicit, so the output never changes


def main(argv: list[str]) -> int:
    corpus = cchc.load_corpus(cchc.bundled_corpus_path())
    plan = corpus.plan("ls-tp-kh-tuyen-truyen-2024")
    occurrences = cchc.expand([plan])
    overdue = [o for o in occurrences if timing(o, AS_OF) is cchc.Timing.OVERDUE]
    print(f"{plan.key}: {len(occurrences)} deadlines in {plan.period}, {len(overdue)} overdue")
    print(f"as of {AS_OF}")
    for occurrence in occurrences[:3]:
        moved = f" (written {occurrence.original_date})" if occurrence.moved else ""
        print(
            f"  {occurrence.date}{moved} {occurrence.kind.value} "
            f"{describe_period(occurrence)} {plan.key}#{occurrence.task}"
        )

    names = {code: unit.name for code, unit in corpus.units.items()}
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(argv[1]) if len(argv) > 1 else Path(scratch) / "lang-son-2024.ics"
        cchc.write_ics(target, occurrences, as_of=AS_OF, unit_names=names, force=True)
        events = target.read_text(encoding="utf-8").count("BEGIN:VEVENT")
        print(f"wrote {target.name}: {events} events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
