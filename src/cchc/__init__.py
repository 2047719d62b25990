"""cchc: model, link and check cascades of Vietnamese administrative-reform (CCHC) plans.

The domain model, its vocabularies, the exceptions, the result types of the verbs below and
about a dozen pipeline verbs, from loading a corpus to writing a calendar.  Everything else
is reached through the package faces (``cchc.text``, ``cchc.refs``, ``cchc.model``,
``cchc.files``, ``cchc.graph``, ``cchc.coverage``, ``cchc.calendar``, ``cchc.draft``,
``cchc.report``).  Names are imported on first use, so that ``python -m cchc --help`` and
``import cchc`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc._faces import lazy
from cchc._version import __version__

if TYPE_CHECKING:
    from cchc.calendar._expand import Occurrence, Timing, expand
    from cchc.calendar._ics import write_ics
    from cchc.calendar._workdays import WorkCalendar
    from cchc.coverage._concreteness import Gap, concreteness
    from cchc.coverage._coverage import (
        CorpusCoverage,
        EdgeCoverage,
        ItemCoverage,
        Status,
        corpus_coverage,
        edge_coverage,
    )
    from cchc.draft._derive import derive
    from cchc.exceptions import CchcError, CorpusError, ModelError, ParseError, Problem, Severity
    from cchc.files._dump import dump_plan, dumps_plan
    from cchc.files._load import bundled_corpus_path, load_corpus, load_plan
    from cchc.graph._graph import PlanGraph
    from cchc.model._corpus import Corpus
    from cchc.model._items import Channel, Indicator, ItemLink, Objective, Schedule, Step, Task
    from cchc.model._plan import LegalBasis, Members, Period, Plan, Unit
    from cchc.model._records import Record
    from cchc.refs._citations import Citation, find_citations
    from cchc.refs._header import Header, read_header
    from cchc.refs._refs import DocumentRef, parse_ref
    from cchc.report._checks import check_corpus
    from cchc.text._dates import parse_date
    from cchc.text._vocab import (
        Anchor,
        Bound,
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

_WHERE = {
    **dict.fromkeys(
        ("CchcError", "CorpusError", "ModelError", "ParseError", "Problem", "Severity"),
        "cchc.exceptions",
    ),
    **dict.fromkeys(
        ("Channel", "Indicator", "ItemLink", "Objective", "Schedule", "Step", "Task"),
        "cchc.model._items",
    ),
    **dict.fromkeys(("LegalBasis", "Members", "Period", "Plan", "Unit"), "cchc.model._plan"),
    "Record": "cchc.model._records",
    **dict.fromkeys(
        (
            "Anchor",
            "Bound",
            "Cadence",
            "ChannelKind",
            "Comparator",
            "DocumentKind",
            "Level",
            "Measure",
            "PlanStatus",
            "ReformArea",
            "Relation",
            "ScheduleKind",
            "TaskKind",
        ),
        "cchc.text._vocab",
    ),
    **dict.fromkeys(("Occurrence", "Timing", "expand"), "cchc.calendar._expand"),
    **dict.fromkeys(
        (
            "CorpusCoverage",
            "EdgeCoverage",
            "ItemCoverage",
            "Status",
            "corpus_coverage",
            "edge_coverage",
        ),
        "cchc.coverage._coverage",
    ),
    **dict.fromkeys(("Gap", "concreteness"), "cchc.coverage._concreteness"),
    **dict.fromkeys(("bundled_corpus_path", "load_corpus", "load_plan"), "cchc.files._load"),
    **dict.fromkeys(("dump_plan", "dumps_plan"), "cchc.files._dump"),
    **dict.fromkeys(("Citation", "find_citations"), "cchc.refs._citations"),
    **dict.fromkeys(("Header", "read_header"), "cchc.refs._header"),
    **dict.fromkeys(("DocumentRef", "parse_ref"), "cchc.refs._refs"),
    "Corpus": "cchc.model._corpus",
    "PlanGraph": "cchc.graph._graph",
    "WorkCalendar": "cchc.calendar._workdays",
    "check_corpus": "cchc.report._checks",
    "derive": "cchc.draft._derive",
    "parse_date": "cchc.text._dates",
    "write_ics": "cchc.calendar._ics",
}

__all__ = [
    "Anchor",
    "Bound",
    "Cadence",
    "CchcError",
    "Channel",
    "ChannelKind",
    "Citation",
    "Comparator",
    "Corpus",
    "CorpusCoverage",
    "CorpusError",
    "DocumentKind",
    "DocumentRef",
    "EdgeCoverage",
    "Gap",
    "Header",
    "Indicator",
    "ItemCoverage",
    "ItemLink",
    "LegalBasis",
    "Level",
    "Measure",
    "Members",
    "ModelError",
    "Objective",
    "Occurrence",
    "ParseError",
    "Period",
    "Plan",
    "PlanGraph",
    "PlanStatus",
    "Problem",
    "Record",
    "ReformArea",
    "Relation",
    "Schedule",
    "ScheduleKind",
    "Severity",
    "Status",
    "Step",
    "Task",
    "TaskKind",
    "Timing",
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

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(__name__, _WHERE)
