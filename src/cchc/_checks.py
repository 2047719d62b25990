"""Checks over a whole corpus, gathered in one place for ``validate`` and ``summary``.

Each check is a named rule that returns :class:`~cchc.Problem` values; loading has
already checked every file on its own.
"""

from __future__ import annotations

from cchc._corpus import Corpus
from cchc._errors import Problem

__all__ = ["check_corpus"]


def check_corpus(corpus: Corpus) -> tuple[Problem, ...]:
    """Run every corpus-wide check and return the problems found, errors first."""
    problems: list[Problem] = []
    return tuple(sorted(problems, key=lambda p: (p.severity.value, p.file or "", p.path)))
