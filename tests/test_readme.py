"""The README's set-up commands are the ones CI runs, and they are the documented pair."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    spec = importlib.util.spec_from_file_location(
        "readme_commands", ROOT / ".ci" / "readme_commands.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    commands: list[str] = module.quickstart_commands(
        (ROOT / "README.md").read_text(encoding="utf-8")
    )
    return commands


def test_quickstart_holds_exactly_the_two_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    run, test = commands
    assert run.endswith("python -m cchc summary")
    assert "pip install" in run
    assert test == "python -m pip install nox && nox"


def test_ci_runs_the_readme_commands() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_commands.py" in script
    for which, expected in zip(("run", "test"), _readme_commands(), strict=True):
        printed = subprocess.run(
            [sys.executable, str(ROOT / ".ci" / "readme_commands.py"), which],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout.strip()
        assert printed == expected
        assert which in script
