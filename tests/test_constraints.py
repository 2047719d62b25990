"""The oldest-versions constraints file pins exactly the lower bounds pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
CONSTRAINTS = ROOT / "constraints" / "oldest.txt"

# name, optional [extras], specifiers, optional ; marker
_REQUIREMENT = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?P<spec>[^;]*)(?:;.*)?"
)


def _name(name: str) -> str:
    """A distribution name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lower_bounds(requirements: list[str]) -> dict[str, str | None]:
    """Each requirement's name and its ``>=`` bound as written (None when it has none)."""
    bounds: dict[str, str | None] = {}
    for requirement in requirements:
        match = _REQUIREMENT.fullmatch(requirement.strip())
        assert match, f"cannot read the requirement {requirement!r}"
        found = [s.strip()[2:].strip() for s in match["spec"].split(",") if s.strip()[:2] == ">="]
        bounds[_name(match["name"])] = found[0] if found else None
    return bounds


def declared() -> dict[str, str | None]:
    """The lower bounds of the package's dependencies and of the ``tests`` group."""
    data = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    tests = [r for r in data["dependency-groups"]["tests"] if isinstance(r, str)]
    return lower_bounds([*data["project"]["dependencies"], *tests])


def pinned(text: str) -> dict[str, str]:
    """The ``name==version`` lines of a constraints file."""
    pins: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, separator, version = line.partition("==")
        assert separator, f"{CONSTRAINTS.name}: expected name==version, found {line!r}"
        pins[_name(name.strip())] = version.strip()
    return pins


def test_every_dependency_has_a_lower_bound() -> None:
    missing = sorted(name for name, bound in declared().items() if bound is None)
    assert missing == [], f"pyproject.toml: give these a >= lower bound: {missing}"


def test_constraints_pin_exactly_the_lower_bounds() -> None:
    bounds = declared()
    pins = pinned(CONSTRAINTS.read_text(encoding="utf-8"))
    assert pins == bounds, (
        f"{CONSTRAINTS.relative_to(ROOT)} must pin each lower bound of pyproject.toml "
        "(project dependencies and the tests group), as written there"
    )


@pytest.mark.parametrize(
    ("requirements", "expected"),
    [
        (["PyYAML>=6.0.1"], {"pyyaml": "6.0.1"}),
        (["a_b.c >= 1.2, <2"], {"a-b-c": "1.2"}),
        (["mkdocstrings[python]>=0.26"], {"mkdocstrings": "0.26"}),
        (["x<2", "y; python_version < '3.12'"], {"x": None, "y": None}),
    ],
)
def test_lower_bounds_are_read_as_written(
    requirements: list[str], expected: dict[str, str | None]
) -> None:
    assert lower_bounds(requirements) == expected


def test_a_missing_or_different_pin_is_noticed() -> None:
    pins = pinned("attrs==25.4\n# a comment\nrich==14.3  # why\n")
    assert pins == {"attrs": "25.4", "rich": "14.3"}
    assert pins != {"attrs": "25.4"}
    assert pins != {"attrs": "25.4", "rich": "14.2"}
