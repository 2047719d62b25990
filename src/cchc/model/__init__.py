"""The domain model: frozen values, their invariants, units by name and chain; no files or graphs.

The public face of ``cchc.model``: every name below is documented in the API reference;
the underscore modules behind it are internal.
"""

from __future__ import annotations

from cchc.model._amend import (
    Addition,
    Amendment,
    ItemSet,
)
from cchc.model._corpus import (
    Corpus,
)
from cchc.model._fingerprint import (
    fingerprint,
)
from cchc.model._groups import (
    Groups,
)
from cchc.model._items import (
    Channel,
    Indicator,
    ItemLink,
    Objective,
    Schedule,
    Step,
    Task,
)
from cchc.model._plan import (
    LegalBasis,
    Members,
    Period,
    Plan,
    Unit,
)
from cchc.model._records import (
    Record,
    period_label,
)
from cchc.model._units import (
    find_unit,
    unit_chain,
    unit_key,
    units_named,
)

__all__ = [
    "Addition",
    "Amendment",
    "Channel",
    "Corpus",
    "Groups",
    "Indicator",
    "ItemLink",
    "ItemSet",
    "LegalBasis",
    "Members",
    "Objective",
    "Period",
    "Plan",
    "Record",
    "Schedule",
    "Step",
    "Task",
    "Unit",
    "find_unit",
    "fingerprint",
    "period_label",
    "unit_chain",
    "unit_key",
    "units_named",
]
