"""Score `draft` against the bundled corpus' hand transcriptions, field by field.

Each seed text (tests/data/seeds/) was transcribed by hand into a plan file of the bundled
corpus: that file is the answer key.  Every seed is drafted with the bundled corpus minus
its own transcription (and the units only that transcription declares) as ``--corpus``,
then compared with the transcription: precision (how much of what was drafted is right) and
recall (how much of the answer was drafted), per field over all seeds.  Also times the
drafting of a 50-page PDF.  Run: ``python bench/bench_draft.py``.
"""

from __future__ import annotations

import difflib
import io
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from cchc import bundled_corpus_path, load_corpus
from cchc.draft._drafter import draft_plan
from cchc.draft._source import read_document
from cchc.model._corpus import Corpus
from cchc.model._plan import Plan, Unit
from cchc.model._units import unit_key
from cchc.report._drafting import draft_in_corpus
from cchc.text._vocab import PlanStatus, TaskKind

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
DOCX = ROOT / "tests" / "data" / "draft" / "ls-tp-2024.docx"
_SAME_TEXT = 0.9
"""Two item texts are the same item from this similarity up (page breaks, stray spaces)."""


@attrs.define
class Score:
    """Counts of one field over every seed."""

    right: int = 0
    drafted: int = 0
    expected: int = 0

    def add(self, drafted: Iterable[object], expected: Iterable[object]) -> None:
        """Count two multisets of values: what was drafted and what the answer holds."""
        got, want = Counter(drafted), Counter(expected)
        self.right += sum((got & want).values())
        self.drafted += sum(got.values())
        self.expected += sum(want.values())

    @property
    def precision(self) -> float | None:
        return self.right / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return self.right / self.expected if self.expected else None


def _answer_for(seed: Path, corpus: Corpus) -> Plan:
    found = [
        plan
        for plan in corpus
        if plan.source
        and seed.name in plan.source
        and plan.status is not PlanStatus.CITED
        and not plan.illustrative
    ]
    assert len(found) == 1, (seed.name, [p.key for p in found])
    return found[0]


def _without(corpus: Corpus, answer: Plan) -> Corpus:
    """*corpus* without *answer* and the units only it declares."""
    own = {unit.code for unit in answer.units}
    units = {code: unit for code, unit in corpus.units.items() if code not in own}
    return Corpus(plans=tuple(p for p in corpus if p.key != answer.key), units=units)


def _name(code: str | None, *registries: Mapping[str, Unit]) -> str | None:
    if code is None:
        return None
    for units in registries:
        if code in units:
            return unit_key(units[code].name)
    return code


def _norm(text: str) -> str:
    return " ".join(text.replace("./.", ".").split()).strip(" .;")


def _pairs(drafted: Sequence[str], expected: Sequence[str]) -> list[tuple[int, int]]:
    """Each expected text paired with the drafted one most like it, one to one."""
    pairs = []
    taken: set[int] = set()
    for j, want in enumerate(expected):
        best, score = None, 0.0
        for i, got in enumerate(drafted):
            if i in taken:
                continue
            ratio = difflib.SequenceMatcher(None, _norm(got), _norm(want), autojunk=False).ratio()
            if ratio > score:
                best, score = i, ratio
        if best is not None and score >= _SAME_TEXT:
            taken.add(best)
            pairs.append((best, j))
    return pairs


def _score_plan(
    scores: dict[str, Score], draft: Plan, answer: Plan, units: Mapping[str, Unit]
) -> None:
    mine = {unit.code: unit for unit in draft.units}

    def field(name: str, get: Callable[[Plan], object]) -> None:
        got, want = get(draft), get(answer)
        scores.setdefault(name, Score()).add(
            [got] if got is not None else [], [want] if want is not None else []
        )

    field("header: title", lambda p: _norm(p.title))
    field("header: ref", lambda p: str(p.ref) if p.ref else None)
    field("header: issuer", lambda p: _name(p.issuer, mine if p is draft else {}, units))
    field("header: place", lambda p: p.place)
    field("header: date", lambda p: p.issued)
    field("header: kind", lambda p: p.kind)
    scores.setdefault("bases", Score()).add(
        [str(b.ref) for b in draft.legal_bases], [str(b.ref) for b in answer.legal_bases]
    )
    scores.setdefault("bases: relation", Score()).add(
        [(str(b.ref), b.relation) for b in draft.legal_bases],
        [(str(b.ref), b.relation) for b in answer.legal_bases],
    )
    scores.setdefault("parents", Score()).add(draft.parents, answer.parents)
    lists: dict[str, Callable[[Plan], Sequence[object]]] = {
        "objectives": lambda p: p.objectives,
        "requirements": lambda p: p.requirements,
        "content items": lambda p: [t for t in p.tasks if t.kind is TaskKind.CONTENT],
        "duties": lambda p: [t for t in p.tasks if t.kind is TaskKind.DUTY],
        "channels": lambda p: p.channels,
        "indicators": lambda p: p.indicators,
    }
    for name, get in lists.items():
        got, want = list(get(draft)), list(get(answer))
        pairs = _pairs([g.text for g in got], [w.text for w in want])  # type: ignore[attr-defined]
        scores.setdefault(f"items: {name}", Score()).add(
            [f"{i}" for i, _ in pairs] + ["x"] * (len(got) - len(pairs)),
            [f"{i}" for i, _ in pairs] + ["y"] * (len(want) - len(pairs)),
        )
        if name == "indicators":
            values = Score()
            values.add(
                [(g.value, g.measure) for g in got],  # type: ignore[attr-defined]
                [(w.value, w.measure) for w in want],  # type: ignore[attr-defined]
            )
            _merge(scores, "indicators: value", values)
        if name not in ("content items", "duties"):
            continue
        for role in ("lead", "cooperating"):
            score = Score()
            for i, j in pairs:
                score.add(
                    [_name(c, mine, units) for c in getattr(got[i], role)],
                    [_name(c, units) for c in getattr(want[j], role)],
                )
            _merge(scores, f"{role} units", score)
        quotas, reports = Score(), Score()
        for i, j in pairs:
            for target, kind in ((quotas, "quota"), (reports, "report")):
                target.add(
                    [_schedule(s, mine, units) for s in got[i].schedules if s.kind.value == kind],  # type: ignore[attr-defined]
                    [_schedule(s, units) for s in want[j].schedules if s.kind.value == kind],  # type: ignore[attr-defined]
                )
        _merge(scores, "quotas", quotas)
        _merge(scores, "reports", reports)
    units_got = {
        unit_key(mine[c].name) if c in mine else _name(c, units) for c in draft.implementers
    }
    units_want = {_name(c, units) for c in answer.implementers}
    scores.setdefault("implementers", Score()).add(units_got, units_want)


def _schedule(schedule: object, *registries: Mapping[str, Unit]) -> tuple[object, ...]:
    return (
        tuple(c.value for c in schedule.cadences),  # type: ignore[attr-defined]
        schedule.count,  # type: ignore[attr-defined]
        schedule.what,  # type: ignore[attr-defined]
        _name(schedule.to, *registries),  # type: ignore[attr-defined]
    )


def _merge(scores: dict[str, Score], name: str, score: Score) -> None:
    total = scores.setdefault(name, Score())
    total.right += score.right
    total.drafted += score.drafted
    total.expected += score.expected


def _shown(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def _pdf_seconds() -> tuple[int, float]:
    """Pages and seconds to draft a 50-page PDF made by repeating the seed plan's pages."""
    import pypdfium2

    source = pypdfium2.PdfDocument(str(DOCX.with_suffix(".pdf")))
    target = pypdfium2.PdfDocument.new()
    while len(target) < 50:
        target.import_pages(source)
    buffer = io.BytesIO()
    target.save(buffer)
    start = time.perf_counter()
    draft_plan(read_document(None, buffer.getvalue()))
    return len(target), time.perf_counter() - start


def main() -> None:
    """Draft every seed, score it, print the table and the PDF timing."""
    corpus = load_corpus(bundled_corpus_path())
    scores: dict[str, Score] = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        answer = _answer_for(seed, corpus)
        others = _without(corpus, answer)
        drafted = draft_in_corpus(read_document(seed), others)
        _score_plan(scores, drafted.plan, answer, corpus.units)
    print(f"{'field':<24} {'precision':>9} {'recall':>7} {'right':>6} {'drafted':>8} {'answer':>7}")
    for name, score in scores.items():
        print(
            f"{name:<24} {_shown(score.precision):>9} {_shown(score.recall):>7} "
            f"{score.right:>6} {score.drafted:>8} {score.expected:>7}"
        )
    pages, seconds = _pdf_seconds()
    print(f"a {pages}-page PDF drafts in {seconds:.2f} s")


if __name__ == "__main__":
    main()
