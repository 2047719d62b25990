"""cchc: model, link and check cascades of Vietnamese administrative-reform (CCHC) plans.

The domain types are imported eagerly; the verbs that need heavier libraries (YAML,
cattrs, networkx ...) are imported on first use, so that ``python -m cchc --help``
stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cchc._version import __version__
from cchc.exceptions import CchcError, CorpusError, ModelError, ParseError, Problem, Severity
from cchc.model._corpus import Corpus
from cchc.model._model import (
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
from cchc.refs._refs import DocumentRef, parse_ref
from cchc.text._vocab import (
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
    from cchc.calendar._expand import Occurrence, expand
    from cchc.calendar._ics import write_ics
    from cchc.calendar._workdays import WorkCalendar
    from cchc.coverage._concreteness import concreteness
    from cchc.coverage._coverage import corpus_coverage, edge_coverage
    from cchc.draft._derive import derive
    from cchc.files._load import bundled_corpus_path, dump_plan, dumps_plan, load_corpus, load_plan
    from cchc.graph._graph import PlanGraph
    from cchc.refs._citations import Citation, find_citations
    from cchc.refs._header import read_header
    from cchc.report._checks import check_corpus
    from cchc.text._dates import parse_date

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
    "Citation": "cchc.refs._citations",
    "Occurrence": "cchc.calendar._expand",
    "PlanGraph": "cchc.graph._graph",
    "WorkCalendar": "cchc.calendar._workdays",
    "bundled_corpus_path": "cchc.files._load",
    "check_corpus": "cchc.report._checks",
    "concreteness": "cchc.coverage._concreteness",
    "corpus_coverage": "cchc.coverage._coverage",
    "derive": "cchc.draft._derive",
    "dump_plan": "cchc.files._load",
    "dumps_plan": "cchc.files._load",
    "edge_coverage": "cchc.coverage._coverage",
    "expand": "cchc.calendar._expand",
    "find_citations": "cchc.refs._citations",
    "load_corpus": "cchc.files._load",
    "load_plan": "cchc.files._load",
    "parse_date": "cchc.text._dates",
    "read_header": "cchc.refs._header",
    "write_ics": "cchc.calendar._ics",
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
