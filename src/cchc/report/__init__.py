"""Whole-corpus verbs that combine the layers below: every check, the summary's values.

The public face of ``cchc.report``: every name below is documented in the API reference;
the underscore modules behind it are internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc._faces import lazy

if TYPE_CHECKING:
    from cchc.report._checks import (
        check_corpus,
    )
    from cchc.report._deadlines import (
        DEFAULT_LIMIT,
        Deadlines,
    )
    from cchc.report._detail import (
        PlanDetail,
        plan_detail,
    )
    from cchc.report._diff import (
        HeaderChange,
        ItemDiff,
        ItemStatus,
        PlanDiff,
        diff_plans,
    )
    from cchc.report._drafting import (
        draft_in_corpus,
        link_draft,
    )
    from cchc.report._progress import (
        Obligation,
        Progress,
        Rates,
        Standing,
        progress,
    )
    from cchc.report._records import (
        RECORD_RULES,
        check_records,
    )
    from cchc.report._summary import (
        CorpusSummary,
        Counts,
        LateUnit,
        Node,
        PastPlans,
        ProblemCounts,
        corpus_summary,
    )
    from cchc.report._tree import (
        EdgeShare,
        TreeNode,
    )

__all__ = [
    "DEFAULT_LIMIT",
    "RECORD_RULES",
    "CorpusSummary",
    "Counts",
    "Deadlines",
    "EdgeShare",
    "HeaderChange",
    "ItemDiff",
    "ItemStatus",
    "LateUnit",
    "Node",
    "Obligation",
    "PastPlans",
    "PlanDetail",
    "PlanDiff",
    "ProblemCounts",
    "Progress",
    "Rates",
    "Standing",
    "TreeNode",
    "check_corpus",
    "check_records",
    "corpus_summary",
    "diff_plans",
    "draft_in_corpus",
    "link_draft",
    "plan_detail",
    "progress",
]

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(
        __name__,
        {
            "CorpusSummary": "cchc.report._summary",
            "Counts": "cchc.report._summary",
            "DEFAULT_LIMIT": "cchc.report._deadlines",
            "Deadlines": "cchc.report._deadlines",
            "EdgeShare": "cchc.report._tree",
            "HeaderChange": "cchc.report._diff",
            "ItemDiff": "cchc.report._diff",
            "ItemStatus": "cchc.report._diff",
            "LateUnit": "cchc.report._summary",
            "Node": "cchc.report._summary",
            "Obligation": "cchc.report._progress",
            "PastPlans": "cchc.report._summary",
            "PlanDetail": "cchc.report._detail",
            "PlanDiff": "cchc.report._diff",
            "ProblemCounts": "cchc.report._summary",
            "Progress": "cchc.report._progress",
            "RECORD_RULES": "cchc.report._records",
            "Rates": "cchc.report._progress",
            "Standing": "cchc.report._progress",
            "TreeNode": "cchc.report._tree",
            "check_corpus": "cchc.report._checks",
            "check_records": "cchc.report._records",
            "corpus_summary": "cchc.report._summary",
            "diff_plans": "cchc.report._diff",
            "draft_in_corpus": "cchc.report._drafting",
            "link_draft": "cchc.report._drafting",
            "plan_detail": "cchc.report._detail",
            "progress": "cchc.report._progress",
        },
    )
