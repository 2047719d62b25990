"""``progress`` gives exactly what it gave before it was made fast, to the last field.

The fast paths of ``progress`` and of the expansion (obligations and occurrences built by
their slots, work shared by the units of one occurrence, tallies summed per unit, plan and
period) must not change one value or one place in any order.  Each case below is a whole
:class:`~cchc.report.Progress`, every obligation with its occurrence and every rate map in
its order, written out and hashed.  The hashes in ``tests/data/progress-fingerprint.txt``
were computed by the code before the speed-up (see that file): a change of any value or
order fails here.  After a change of results made on purpose, regenerate the file with
``python tests/test_progress_exact.py --write`` and say why in the commit.

The cases: the bundled corpus (groups owed member by member, records, waivers) on three
days, and a synthetic corpus of the benchmark's kind (``bench/synthetic.py``, records made
as ``bench/bench_progress.py`` makes them, seeded: early, late, waived, quotas in parts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from cchc import bundled_corpus_path, load_corpus
from cchc.calendar import expand
from cchc.calendar._occurrence import Occurrence
from cchc.model import Corpus
from cchc.report import Obligation, Progress, Rates, Standing, progress
from tests.test_coverage import _plain

ROOT = Path(__file__).resolve().parent.parent
FINGERPRINTS = ROOT / "tests" / "data" / "progress-fingerprint.txt"
SYNTHETIC_PLANS = 120
SYNTHETIC_RECORDS = 3000
BUNDLED_DAYS = (dt.date(2024, 3, 1), dt.date(2024, 12, 31), dt.date(2026, 12, 2))


def _bench() -> ModuleType:
    """``bench/bench_progress.py``, which makes the synthetic corpus and its records."""
    path = ROOT / "bench" / "bench_progress.py"
    spec = importlib.util.spec_from_file_location("_bench_progress_for_tests", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lines(result: Progress) -> Iterator[str]:
    """Every value of *result*, one line each, in its order."""
    yield f"as_of {result.as_of!r}"
    for obligation in result.obligations:
        yield repr(obligation)
    for name in ("units", "below", "plans", "cascade", "periods"):
        for key, rates in getattr(result, name).items():
            yield f"{name} {key!r} {rates!r}"


def _fingerprint(result: Progress) -> str:
    """The hash of every value of *result*, and how many obligations it holds."""
    digest = hashlib.sha256()
    for line in _lines(result):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return f"{len(result.obligations)} {digest.hexdigest()}"


def _synthetic() -> tuple[Corpus, dt.date]:
    bench = _bench()
    corpus: Corpus = bench._corpus(SYNTHETIC_PLANS, SYNTHETIC_RECORDS)
    as_of: dt.date = bench.AS_OF
    return corpus, as_of


def _cases() -> dict[str, Progress]:
    found: dict[str, Progress] = {}
    bundled = load_corpus(bundled_corpus_path())
    for day in BUNDLED_DAYS:
        found[f"bundled {day.isoformat()}"] = progress(bundled, day)
    corpus, as_of = _synthetic()
    found[f"synthetic {as_of.isoformat()}"] = progress(corpus, as_of)
    early = as_of - dt.timedelta(days=120)
    found[f"synthetic {early.isoformat()}"] = progress(corpus, early, within_days=45)
    unit = corpus.records[len(corpus.records) // 2].unit
    found[f"synthetic {as_of.isoformat()} unit"] = progress(corpus, as_of, units=(unit,))
    return found


def _stored() -> dict[str, str]:
    stored: dict[str, str] = {}
    for line in FINGERPRINTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(": ")
            stored[name] = value
    return stored


@pytest.fixture(scope="module")
def cases() -> dict[str, Progress]:
    return _cases()


def test_every_case_has_a_stored_fingerprint(cases: dict[str, Progress]) -> None:
    assert set(cases) == set(_stored())


@pytest.mark.parametrize(
    "name",
    [
        *(f"bundled {day.isoformat()}" for day in BUNDLED_DAYS),
        "synthetic 2026-09-01",
        "synthetic 2026-05-04",
        "synthetic 2026-09-01 unit",
    ],
)
def test_progress_gives_what_it_gave_before(cases: dict[str, Progress], name: str) -> None:
    assert _fingerprint(cases[name]) == _stored()[name], (
        f"{name}: progress changed; if on purpose, run python tests/test_progress_exact.py "
        "--write and review why"
    )


def test_occurrences_given_in_order_give_what_progress_expands_itself() -> None:
    # progress sorts unsorted occurrences of its own by their keys; occurrences passed in
    # are taken in the order given.  Both ways must agree on the bundled corpus.
    bundled = load_corpus(bundled_corpus_path())
    given = expand(bundled.plans)
    for day in BUNDLED_DAYS:
        assert progress(bundled, day, occurrences=given) == progress(bundled, day)
    corpus, as_of = _synthetic()
    assert progress(corpus, as_of, occurrences=expand(corpus.plans)) == progress(corpus, as_of)


def test_the_cases_hold_every_kind_of_standing(cases: dict[str, Progress]) -> None:
    # A fingerprint of a corpus where nothing is late or waived would prove little.
    seen = {o.status for result in cases.values() for o in result.obligations}
    assert seen == set(Standing)
    grouped = [o for result in cases.values() for o in result.obligations if o.group]
    quotas = [o for result in cases.values() for o in result.obligations if o.count]
    assert grouped
    assert quotas


def test_an_obligation_built_by_its_slots_equals_one_built_by_keywords(
    cases: dict[str, Progress],
) -> None:
    # _new_obligation skips attrs' __init__; Obligation has no validator, converter or
    # post-init step to skip, so the two must build equal values, field by field.
    # Imported here: the fingerprints are made by the old code, which has no such builder.
    from cchc.report._standing import _new_obligation

    for result in cases.values():
        for obligation in result.obligations[:500]:
            values = attrs.astuple(obligation, recurse=False)
            fast = _new_obligation(values)
            assert fast == obligation
            assert attrs.astuple(fast, recurse=False) == values
    assert not any(f.validator or f.converter for f in attrs.fields(Obligation))
    assert not hasattr(Obligation, "__attrs_post_init__")


def test_the_json_of_an_obligation_is_plain_and_laid_out_as_checked(
    cases: dict[str, Progress],
) -> None:
    # progress --json streams its obligations as plain, skipping json.dumps's check.
    from cchc.files._json import encode_document, encode_indented
    from cchc.render._streamed import _obligation, progress_document, progress_parts

    for result in cases.values():
        assert all(_plain(_obligation(o, ())) for o in result.obligations)
    result = cases["bundled 2024-12-31"]
    names = {code: code.upper() for code in result.units}
    streamed = b"".join(encode_document(progress_parts(result, names)))
    assert streamed == encode_indented(progress_document(result, names))


def test_rates_sum_over_the_obligations(cases: dict[str, Progress]) -> None:
    # An independent check of the tallies: each unit's own rates, counted afresh.
    for result in cases.values():
        counted: dict[str, Rates] = {}
        for obligation in result.obligations:
            counted[obligation.unit] = counted.get(obligation.unit, Rates()).add(
                obligation, result.as_of
            )
        assert counted == dict(result.units)
        occurrences = [o.occurrence for o in result.obligations if o.occurrence is not None]
        assert all(isinstance(o, Occurrence) for o in occurrences)


@pytest.mark.parametrize("width", [60, 100])
def test_the_terminal_tables_are_what_rich_lays_out(cases: dict[str, Progress], width: int) -> None:
    # Without colour the rows are laid out by cchc.render._plain_table; a recording
    # console has rich lay out every table itself.
    from cchc.render._console import Lang, make_console
    from cchc.render._progress import render_progress

    names = {
        code: unit.name
        for corpus in (_synthetic()[0], load_corpus(bundled_corpus_path()))
        for code, unit in corpus.units.items()
    }
    for result in cases.values():
        outputs = []
        for record in (False, True):
            console = make_console(io.StringIO(), {"COLUMNS": str(width)})
            console.record = record
            render_progress(console, result, Lang.VI, names=names)
            outputs.append(console.file.getvalue())  # type: ignore[attr-defined]
        assert outputs[0] == outputs[1]
        assert outputs[0].count("\n") > 20


def main(argv: list[str]) -> int:
    """Print the fingerprints (``--write``: store them), run from the repository's root."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    lines = [f"{name}: {_fingerprint(result)}" for name, result in _cases().items()]
    if "--write" in argv:
        header = FINGERPRINTS.read_text(encoding="utf-8").splitlines()
        kept = [line for line in header if line.startswith("#")]
        FINGERPRINTS.write_text("\n".join([*kept, *lines]) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
