"""Every script under examples/ runs with this interpreter and prints what it is for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Script -> lines (or parts of lines) its output must hold.
EXPECTED: dict[str, tuple[str, ...]] = {
    "load_and_query.py": (
        "13 plans, 62 units",
        "Kế hoạch 54/KH-UBND of UBND Thành phố Hà Nội",
        "implements: 145/KH-UBND",
        "tasks on administrative procedures: nd6",
        "parse_ref: number 54, kind plan, issuer UBND",
    ),
    "graph_mermaid.py": (
        "flowchart BT",
        "lineage: ht-cx-cd-kh-49-2022 -> ht-kh-523-2021",
        "lineage: ht-cx-cd-kh-49-2022 -> ht-cx-kh-4256-2021",
        "54/KH-UBND · 08/02/2024",
        "classDef external",
    ),
    "coverage_report.py": (
        "hn-kh-54-2024 -> hn-bd.ubnd.kh-2024: 6/7 carried",
        "  nd5: missing",
        "  tc1: waived (Kế hoạch này thực hiện nhiệm vụ tc1.)",
        "overall: 86%",
        "not concrete: nd1 lacks lead, products, schedule",
    ),
    "derive_child.py": (
        "derived hn-bd.ubnd.kh-2024: draft, issuer hn-bd.ubnd",
        "nd1 <- hn-kh-54-2024#nd1",
        "read back equal: True",
    ),
    "calendar_ics.py": (
        # Issued on 27/02/2024: its monthly quotas start in March, none overdue on 1 March.
        "ls-tp-kh-tuyen-truyen-2024: 67 deadlines in 2024, 0 overdue",
        "2024-03-25 report quý I/2024",
        "lang-son-2024.ics: 67 events",
    ),
    "use_as_library.py": (
        "built demo-kh-10-2024 (10/KH-UBND) and demo-h-kh-2024 (draft)",
        "refused: count: expected a whole number of at least 1 for a quota, got 0",
        "coverage: 2/2 carried (100%)",
        "  nd2: waived",
        "gaps: 0",
    ),
}


def _run(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_every_example_is_tested() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_example_runs_and_prints_its_key_output(script: str, tmp_path: Path) -> None:
    done = _run(script, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    for expected in EXPECTED[script]:
        assert expected in done.stdout, f"{script}: {expected!r} not in\n{done.stdout}"
    # Examples write only into a temporary folder or a path they are given.
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("script", "name", "start"),
    [
        ("graph_mermaid.py", "cascade.mmd", "flowchart BT"),
        ("derive_child.py", "ba-dinh.yaml", "key: hn-bd.ubnd.kh-2024"),
        ("calendar_ics.py", "lang-son.ics", "BEGIN:VCALENDAR"),
    ],
)
def test_example_writes_to_the_path_it_is_given(
    script: str, name: str, start: str, tmp_path: Path
) -> None:
    target = tmp_path / name
    done = _run(script, str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith(start)
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_load_and_query_reports_a_bad_corpus_in_one_line_per_problem(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("key: x\nkind: nonsense\n", encoding="utf-8")
    done = _run("load_and_query.py", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert "plan.yaml: $.kind" in done.stderr
    assert "Traceback" not in done.stderr
