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
    from cchc._calendar import Occurrence, expand
    from cchc._checks import check_corpus
    from cchc._citations import Citation, find_citations
    from cchc._concreteness import concreteness
    from cchc._coverage import corpus_coverage, edge_coverage
    from cchc._dates import parse_date
    from cchc._derive import derive
    from cchc._files import bundled_corpus_path, dump_plan, dumps_plan, load_corpus, load_plan
    from cchc._graph import PlanGraph
    from cchc._header import read_header
    from cchc._ics import write_ics
    from cchc._workdays import WorkCalendar

__all__ = [
    "Anchor",
    "Cadence",
    "CchcError",
    "Channel",
    "ChannelKind",
    "Citation",
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
    "Occurrence",
    "ParseError",
    "Period",
    "Plan",
    "PlanGraph",
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
    "WorkCalendar",
    "__version__",
    "bundled_corpus_path",
    "check_corpus",
    "concreteness",
    "corpus_coverage",
    "derive",
    "dump_plan",
    "dumps_plan",
    "edge_coverage",
    "expand",
    "find_citations",
    "load_corpus",
    "load_plan",
    "parse_date",
    "parse_ref",
    "read_header",
    "write_ics",
]

# Verbs imported on first use: name -> module.
_LAZY = {
    "Citation": "cchc._citations",
    "Occurrence": "cchc._calendar",
    "PlanGraph": "cchc._graph",
    "WorkCalendar": "cchc._workdays",
    "bundled_corpus_path": "cchc._files",
    "check_corpus": "cchc._checks",
    "concreteness": "cchc._concreteness",
    "corpus_coverage": "cchc._coverage",
    "derive": "cchc._derive",
    "dump_plan": "cchc._files",
    "dumps_plan": "cchc._files",
    "edge_coverage": "cchc._coverage",
    "expand": "cchc._calendar",
    "find_citations": "cchc._citations",
    "load_corpus": "cchc._files",
    "load_plan": "cchc._files",
    "parse_date": "cchc._dates",
    "read_header": "cchc._header",
    "write_ics": "cchc._ics",
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
