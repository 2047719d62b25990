"""The report regime: each cadence's data cut-off window and sending deadline.

Nghị định 09/2019/NĐ-CP (chế độ báo cáo) is the default regime: its Điều 12 sets the
cut-off day of periodic reports and its Điều 8.5 the working day between receiving data
and sending a report on.  A body with other rules builds its own :class:`ReportRegime`.
"""

from __future__ import annotations

import attrs

from cchc._faces import rehome
from cchc.exceptions import ModelError
from cchc.text._vocab import Cadence

__all__ = ["ND09", "ReportRegime", "ReportRule"]


@attrs.frozen(kw_only=True)
class ReportRule:
    """The cut-off window and sending deadline of one kind of periodic report."""

    cutoff_day: int = 14
    """The window ends on this day of the period's last month and starts the day after it
    in the month before the period's first month (15/12 -> 14/3 for Q1)."""
    send_after: int = 1
    """Working days from the cut-off to the sending deadline (at least 1: NĐ 09, Điều 8.5)."""
    source: str = ""
    """Where the rule comes from."""

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.cutoff_day <= 27:
            raise ModelError("cutoff_day", "a day of month from 1 to 27", self.cutoff_day)
        if self.send_after < 1:
            raise ModelError(
                "send_after", "at least 1 working day (NĐ 09/2019, Điều 8.5)", self.send_after
            )


@attrs.frozen(kw_only=True)
class ReportRegime:
    """The reporting rules a body applies: one :class:`ReportRule` per cadence."""

    name: str
    """A short name for display (``NĐ 09/2019/NĐ-CP``)."""
    rules: tuple[tuple[Cadence, ReportRule], ...]
    """The rule of each cadence; a cadence left out uses the monthly one."""

    def rule(self, cadence: Cadence) -> ReportRule:
        """Return the rule for *cadence*."""
        for key, value in self.rules:
            if key is cadence:
                return value
        return ReportRule()


_ND09 = "Nghị định 09/2019/NĐ-CP, Điều 12 (cut-off) and Điều 8.5 (1 working day)"
ND09 = ReportRegime(
    name="NĐ 09/2019/NĐ-CP",
    rules=(
        (Cadence.MONTHLY, ReportRule(source=_ND09)),
        (Cadence.QUARTERLY, ReportRule(source=_ND09)),
        (Cadence.HALF_YEARLY, ReportRule(source=_ND09)),
        # Nine-month reports are not in NĐ 09; provinces define them (Khánh Hòa: 15/12 ->
        # 14/9, sent within 2 working days).  Keep the decree's shape and its minimum gap.
        (Cadence.NINE_MONTHLY, ReportRule(source="provincial practice (Khánh Hòa), NĐ 09 shape")),
        (Cadence.YEARLY, ReportRule(source=_ND09)),
    ),
)
"""The default regime of Nghị định 09/2019/NĐ-CP (chế độ báo cáo)."""

# Users import these from their public face; they say so in their __module__.
rehome("cchc.calendar", ReportRegime, ReportRule)
