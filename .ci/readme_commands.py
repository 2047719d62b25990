"""Print one of the two set-up commands of the README's Quickstart: ``run`` or ``test``.

CI runs the README's own words, so the README cannot drift from what CI checks.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def quickstart_commands(text: str) -> list[str]:
    """The lines of the first fenced code block after the Quickstart heading."""
    section = text.split("## Quickstart", 1)[1]
    block = re.search(r"```(?:console|bash|sh)?\n(.*?)```", section, re.DOTALL)
    if block is None:
        raise SystemExit("README.md: no code block under ## Quickstart")
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


if __name__ == "__main__":
    commands = quickstart_commands(README.read_text(encoding="utf-8"))
    which = {"run": 0, "test": 1}[sys.argv[1]]
    print(commands[which])
