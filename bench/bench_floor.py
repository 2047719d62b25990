"""Every command's cold cost as a ratio to the physical floor of the same files, in one run.

Usage: ``python bench/bench_floor.py [N] [--keep DIR] [--format json|yaml] [--calendar M]
[--repeat R]``.
N plans (default 5,000; 50,000 or 100,000 on demand) from ``synthetic.generate`` are written
once as JSON and once as YAML.  Then, on this machine and in this run, each of these is
timed as a fresh process, in CPU time (user + system, from ``os.wait4``) with its peak
resident memory:

- the floor: the fastest load of the same files (``json.load``, libyaml's ``CSafeLoader``)
  plus a plain set-difference coverage pass over the ``inherits`` links;
- ``coverage --json``, ``coverage --json --suggest``, ``validate``, ``summary``;
- ``calendar`` as text and as ``--json``, on the first M plans (default 500: the text is
  the slow one, and what is compared is the ratio of the two);
- ``python -m cchc --help`` against ``python -c pass``.

Every run has its bytecode cached, as an installed package has it (pip compiles it):
``PYTHONDONTWRITEBYTECODE`` is dropped and cchc is compiled once, untimed, into a folder
of this run's (``PYTHONPYCACHEPREFIX``); else each run would time the compiler too.
Each time is the best of R runs (the floor's of at least 3): by default 3 up to
:data:`SMALL` plans, where a single run can be off by a fifth, and 1 above, where a run
takes minutes.  Cold runs have the output cache off (``CCHC_NO_CACHE``).  Warm runs are
a second run of ``validate``, ``summary`` and ``coverage --json`` on unchanged files with
the cache in a folder of this run's (``CCHC_CACHE_DIR``): the first run fills it and is
not timed.

The goals (each a ratio measured here, never an absolute time but for the 100k goals)
are printed with pass or FAIL.  The exactness check compares cchc's missing items with
the floor's set difference, edge by edge, and the warm output must be the cold one.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MIB = 1024 * 1024
COLD = 3.0
"""Cold ``coverage --json``, ``validate``, ``summary``: at most 3x the floor of the format."""
SUGGEST = 1.5
"""``coverage --json --suggest``: at most 1.5x the same command without it."""
CALENDAR = 2.0
"""``calendar`` text: at most 2x ``calendar --json``."""
HELP = 5.0
"""``python -m cchc --help``: at most 5x ``python -c pass``."""
WARM = {"validate": 1.0, "summary": 1.0, "coverage --json": 2.0}
"""A second run on unchanged files: at most these times the JSON floor, for any format."""
SMALL = 10_000
"""Up to this many plans, each command is timed as the best of three runs by default."""
BIG = 100_000
"""From this many plans, the absolute goals apply too."""
BIG_GOALS = {"coverage --json": (60.0, 4096.0), "summary": (30.0, 2048.0)}
"""At 100k plans: (seconds of CPU, MiB of peak memory) at most."""


def _files(folder: Path) -> Iterator[Path]:
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        yield Path(entry.path)


def floor(fmt: str, folder: Path) -> None:
    """The floor itself (run in a child): load every file, then a set-difference coverage.

    Edges are a plan's ``parents`` plus every plan its items inherit from; a gap is a task
    of the parent (waived there or not: cchc asks a child to carry or waive it too) that no
    item of the child inherits.  Prints the gaps of each edge and the tasks of each plan.
    """
    if fmt == "json":
        load: Any = json.load
    else:
        import yaml

        def load(stream: Any) -> Any:
            return yaml.load(stream, Loader=yaml.CSafeLoader)

    plans: dict[str, Any] = {}
    for path in _files(folder):
        with path.open("rb") as stream:
            data = load(stream)
        if path.stem != "units":
            plans[data["key"]] = data
    tasks = {key: {t["id"] for t in plan.get("tasks", ())} for key, plan in plans.items()}
    gaps: dict[str, int] = {}
    for key, plan in plans.items():
        linked: dict[str, set[str]] = {parent: set() for parent in plan.get("parents", ())}
        for field in ("tasks", "objectives", "requirements", "channels", "indicators"):
            for item in plan.get(field, ()):
                for link in item.get("inherits", ()):
                    # A link is written "plan#item" or as a mapping {plan, item}.
                    plan_key, _, item_id = (
                        link.rpartition("#")
                        if isinstance(link, str)
                        else (link["plan"], "", link["item"])
                    )
                    linked.setdefault(plan_key, set()).add(item_id)
        for parent, ids in linked.items():
            if parent in tasks:
                gaps[f"{parent} {key}"] = len(tasks[parent] - ids)
    print(json.dumps({"gaps": gaps, "tasks": {key: len(ids) for key, ids in tasks.items()}}))


_CACHE: dict[str, str] = {"CCHC_NO_CACHE": "1"}
"""How the runs use the output cache: off, until :func:`warm` sets a folder."""


def _run(argv: list[str], out: Path | None = None) -> tuple[float, float, int]:
    """CPU seconds, peak MiB and exit code of *argv* run as a fresh process."""
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "100", **_CACHE}
    if "CCHC_CACHE_DIR" in _CACHE:
        env.pop("CCHC_NO_CACHE", None)
    with open(out or os.devnull, "wb") as stdout:
        child = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode


def _best(argv: list[str], repeat: int, out: Path | None = None) -> tuple[float, float, int]:
    runs = [_run(argv, out) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def _generate(n_plans: int, root: Path, calendar: int, formats: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cchc.model._corpus import Corpus
    from synthetic import generate, write

    missing = [
        (folder, fmt)
        for fmt in sorted({*formats, "json"})  # the warm goals are ratios to the JSON floor
        for folder in (root / fmt, root / f"calendar-{fmt}")
        if not (folder / f"units.{fmt}").exists()  # written last: the folder is whole
    ]
    if not missing:
        return
    corpus = generate(n_plans)
    small = Corpus(plans=corpus.plans[:calendar], units=corpus.units)
    for folder, fmt in missing:
        write(small if folder.name.startswith("calendar-") else corpus, folder, fmt)


def _verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def _missing(document: Path) -> dict[str, int]:
    data = json.loads(document.read_text(encoding="utf-8"))
    return {
        f"{e['parent']} {e['child']}": sum(i["status"] == "missing" for i in e["items"])
        for e in data["edges"]
    }


def _exact(fmt: str, ours: dict[str, int], floor: dict[str, Any]) -> str:
    """Whether cchc's missing items are the floor's set difference, edge by edge.

    cchc also finds edges from legal bases alone; on those the child links nothing of its
    parent (else the floor would see the edge), so every task of the parent is missing.
    """
    theirs: dict[str, int] = floor["gaps"]
    only_ours = {edge: n for edge, n in ours.items() if edge not in theirs}
    same = all(ours.get(edge) == n for edge, n in theirs.items()) and all(
        n == floor["tasks"][edge.split()[0]] for edge, n in only_ours.items()
    )
    return (
        f"{fmt} exact: cchc {sum(ours.values())} missing tasks on {len(ours)} edges, floor "
        f"{sum(theirs.values())} on {len(theirs)} (+{len(only_ours)} edges from legal bases, "
        f"{sum(only_ours.values())} tasks) {_verdict(same)}"
    )


def warm(
    root: Path,
    fmt: str,
    commands: dict[str, list[str]],
    json_floor: float,
    repeat: int,
    *,
    codes: dict[str, int],
) -> list[str]:
    """Time a second run of each warm goal's command; its output must be the cold run's.

    Both runs through the cache must end as the cold run did (*codes*), and the kept
    ``coverage --json`` must be the cold run's document byte for byte.
    """
    _CACHE.clear()
    _CACHE["CCHC_CACHE_DIR"] = str(root / "cache")
    lines = []
    try:
        for name, most in WARM.items():
            cold, hot = root / f"warm-{fmt}-0.out", root / f"warm-{fmt}-1.out"
            _, _, filled = _run(commands[name], cold)  # fills the cache
            cpu, _, shown = _best(commands[name], repeat, hot)
            same = cold.read_bytes() == hot.read_bytes() and filled == shown == codes[name]
            if name == "coverage --json":
                same = same and hot.read_bytes() == (root / f"coverage-{fmt}.json").read_bytes()
            ratio = cpu / json_floor
            print(f"  warm {name:22s} {cpu:6.2f} s  {ratio:5.2f}x JSON floor  same output: {same}")
            ok = ratio <= most and same
            verdict = _verdict(ok)
            lines.append(f"{fmt} warm {name}: {ratio:.2f}x JSON floor (<= {most:g}x) {verdict}")
    finally:
        _CACHE.clear()
        _CACHE["CCHC_NO_CACHE"] = "1"
    return lines


def measure(root: Path, fmt: str, repeat: int, floors: dict[str, float]) -> list[str]:
    """Time the floor and every command on the *fmt* corpus; return the goal lines."""
    py = sys.executable
    folder = root / fmt
    cchc = [py, "-m", "cchc"]
    floor_out = root / f"floor-{fmt}.json"
    floor_argv = [py, __file__, "--floor", fmt, str(folder)]
    base, base_mib, _ = _best(floor_argv, max(repeat, 3), floor_out)
    floors[fmt] = base
    print(f"\n{fmt.upper()}: floor {base:6.2f} s {base_mib:7.0f} MiB")
    times: dict[str, tuple[float, float]] = {}
    codes: dict[str, int] = {}
    commands = {
        "coverage --json": [*cchc, "coverage", str(folder), "--json"],
        "coverage --json --suggest": [*cchc, "coverage", str(folder), "--json", "--suggest"],
        "validate": [*cchc, "validate", str(folder)],
        "summary": [*cchc, "summary", str(folder), "--as-of", "2026-06-01"],
    }
    covered = root / f"coverage-{fmt}.json"
    for name, argv in commands.items():
        out = covered if name == "coverage --json" else None
        cpu, mib, code = _best(argv, repeat, out)
        times[name] = (cpu, mib)
        codes[name] = code
        print(f"  {name:27s} {cpu:6.2f} s {mib:7.0f} MiB  {cpu / base:5.1f}x floor  exit {code}")
    lines = []
    for name in ("coverage --json", "validate", "summary"):
        ratio = times[name][0] / base
        lines.append(f"{fmt} {name}: {ratio:.1f}x floor (<= {COLD:g}x) {_verdict(ratio <= COLD)}")
    ratio = times["coverage --json --suggest"][0] / times["coverage --json"][0]
    lines.append(
        f"{fmt} --suggest: {ratio:.2f}x without (<= {SUGGEST:g}x) {_verdict(ratio <= SUGGEST)}"
    )
    n_plans = sum(1 for _ in _files(folder)) - 1
    if n_plans >= BIG:
        for name, (seconds, mib) in BIG_GOALS.items():
            cpu, peak = times[name]
            ok = cpu < seconds and peak < mib
            lines.append(
                f"{fmt} {name} at {n_plans} plans: {cpu:.0f} s, {peak:.0f} MiB "
                f"(< {seconds:g} s, < {mib:g} MiB) {_verdict(ok)}"
            )
    lines.append(_exact(fmt, _missing(covered), json.loads(floor_out.read_text(encoding="utf-8"))))
    small = root / f"calendar-{fmt}"
    calendar = [*cchc, "calendar", str(small), "--as-of", "2026-06-01"]
    text, _, _ = _best(calendar, repeat)
    as_json, _, _ = _best([*calendar, "--json"], repeat)
    ratio = text / as_json
    print(f"  calendar text / --json      {text:6.2f} s / {as_json:.2f} s")
    ok = ratio <= CALENDAR
    lines.append(f"{fmt} calendar text: {ratio:.2f}x --json (<= {CALENDAR:g}x) {_verdict(ok)}")
    if "json" not in floors:
        json_argv = [py, __file__, "--floor", "json", str(root / "json")]
        floors["json"] = _best(json_argv, max(repeat, 3), root / "floor-json.json")[0]
    lines.extend(warm(root, fmt, commands, floors["json"], repeat, codes=codes))
    return lines


@contextlib.contextmanager
def compiled_bytecode() -> Iterator[None]:
    """Within the block, every child reads its bytecode from a folder filled here, untimed.

    As for a package pip installed: ``PYTHONDONTWRITEBYTECODE`` is dropped and cchc is
    compiled first (bench/bench_startup.py says why), into a folder of this run's.
    """
    names = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    saved = {name: os.environ.get(name) for name in names}
    # Found, not imported: the floor, run from this file, imports nothing of cchc.
    spec = importlib.util.find_spec("cchc")
    if spec is None or spec.origin is None:
        raise SystemExit("bench_floor: cchc is not importable (set PYTHONPATH to its src)")
    package = str(Path(spec.origin).parent)
    with tempfile.TemporaryDirectory(prefix="cchc-pyc-") as cache:
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = cache
        try:
            compiling = [sys.executable, "-m", "compileall", "-q", package]
            subprocess.run(compiling, check=True, stdout=subprocess.DEVNULL)
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def startup(repeat: int) -> str:
    """``--help`` against a bare interpreter, best of *repeat* runs each (bytecode cached)."""
    bare_argv = [sys.executable, "-c", "pass"]
    help_argv = [sys.executable, "-m", "cchc", "--help"]
    for warm in (bare_argv, help_argv):  # fill the operating system's file cache, untimed
        _run(warm)
    bare, _, _ = _best(bare_argv, repeat)
    helped, _, _ = _best(help_argv, repeat)
    ratio = helped / bare
    print(f"\nstart-up: python -c pass {bare * 1000:.0f} ms, --help {helped * 1000:.0f} ms")
    return f"--help: {ratio:.1f}x python -c pass (<= {HELP:g}x) {_verdict(ratio <= HELP)}"


def main(argv: list[str]) -> int:
    if argv[:1] == ["--floor"]:
        floor(argv[1], Path(argv[2]))
        return 0
    args = list(argv)
    keep = calendar = None
    formats = ["json", "yaml"]
    repeat = None
    for flag in ("--keep", "--format", "--calendar", "--repeat"):
        if flag in args:
            at = args.index(flag)
            value = args[at + 1]
            del args[at : at + 2]
            if flag == "--keep":
                keep = Path(value)
            elif flag == "--format":
                formats = [value]
            elif flag == "--calendar":
                calendar = int(value)
            else:
                repeat = int(value)
    n_plans = int(args[0]) if args and args[0].isdigit() else 5_000
    if repeat is None:
        repeat = 3 if n_plans <= SMALL else 1
    root = keep or Path(tempfile.mkdtemp(prefix="cchc-floor-"))
    try:
        _generate(n_plans, root, calendar or 500, formats)
        print(f"{n_plans} plans, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        floors: dict[str, float] = {}
        with compiled_bytecode():
            lines = [line for fmt in formats for line in measure(root, fmt, repeat, floors)]
            lines.append(startup(max(repeat, 5)))
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print("\ngoals (same-run ratios):")
    for line in lines:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
