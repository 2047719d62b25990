"""cchc: model, link and check cascades of Vietnamese administrative-reform (CCHC) plans.

The domain types are imported eagerly; the verbs that need heavier libraries (YAML,
cattrs, networkx ...) are imported on first use, so that ``python -m cchc --help``
stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cchc._corpus import Corpus
from cchc._errors import CchcError, CorpusError, ModelError, ParseError, Problem, Severity
from cchc._model import (
    Channel,
    Indicator,
    ItemLink,
    LegalBasis,
    Objective,
    Period,
    Plan,
    Schedule,
    Task,
    Unit,
)
from cchc._refs import DocumentRef, parse_ref
from cchc._version import __version__
from cchc._vocab import (
    Anchor,
    Cadence,
    ChannelKind,
    Comparator,
    DocumentKind,
    Level,
    Measure,
    PlanStatus,
    ReformArea,
    Relation,
    ScheduleKind,
    TaskKind,
)

if TYPE_CHECKING:
    from cchc._files import bundled_corpus_path, dump_plan, dumps_plan, load_corpus, load_plan

__all__ = [
    "Anchor",
    "Cadence",
    "CchcError",
    "Channel",
    "ChannelKind",
    "Comparator",
    "Corpus",
    "CorpusError",
    "DocumentKind",
    "DocumentRef",
    "Indicator",
    "ItemLink",
    "LegalBasis",
    "Level",
    "Measure",
    "ModelError",
    "Objective",
    "ParseError",
    "Period",
    "Plan",
    "PlanStatus",
    "Problem",
    "ReformArea",
    "Relation",
    "Schedule",
    "ScheduleKind",
    "Severity",
    "Task",
    "TaskKind",
    "Unit",
    "__version__",
    "bundled_corpus_path",
    "dump_plan",
    "dumps_plan",
    "load_corpus",
    "load_plan",
    "parse_ref",
]

# Verbs imported on first use: name -> module.
_LAZY = {
    "bundled_corpus_path": "cchc._files",
    "dump_plan": "cchc._files",
    "dumps_plan": "cchc._files",
    "load_corpus": "cchc._files",
    "load_plan": "cchc._files",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cchc' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
