"""The report regime: each cadence's data cut-off window and sending deadline.

Nghị định 09/2019/NĐ-CP (chế độ báo cáo) is the default regime: its Điều 12 sets the
cut-off day of periodic reports, its Điều 8.5 the working day between receiving data and
sending a report on, and its Điều 13.1 the last day (the 25th of the period's last month)
for ministries and provinces.  A report whose document names no day gets that window,
not a date of cchc's choosing.  A body with other rules builds its own :class:`ReportRegime`.
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
    """Working days from the cut-off to the first day a report may be sent (at least 1:
    NĐ 09, Điều 8.5)."""
    source: str = ""
    """Where the rule comes from."""
    latest_day: int | None = 25
    """The last day to send a report: this day of the period's last month (NĐ 09, Điều
    13.1: ministries and provinces report to the Government by the 25th); None to count
    ``latest_after`` working days instead."""
    latest_after: int | None = None
    """With no ``latest_day``: the last day to send is this many working days after the
    cut-off."""
    cite: str = "NĐ 09/2019/NĐ-CP"
    """How output names the rule when it gives the window of a report with no date."""

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.cutoff_day <= 27:
            raise ModelError("cutoff_day", "a day of month from 1 to 27", self.cutoff_day)
        if self.send_after < 1:
            raise ModelError(
                "send_after", "at least 1 working day (NĐ 09/2019, Điều 8.5)", self.send_after
            )
        if self.latest_day is None and self.latest_after is None:
            raise ModelError("latest_day", "a last day (latest_day or latest_after)", None)
        if self.latest_day is not None and not 1 <= self.latest_day <= 31:
            raise ModelError("latest_day", "a day of month from 1 to 31", self.latest_day)
        if self.latest_after is not None and self.latest_after < self.send_after:
            raise ModelError(
                "latest_after", f"at least send_after ({self.send_after})", self.latest_after
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


_ND09 = (
    "Nghị định 09/2019/NĐ-CP, Điều 12 (cut-off), Điều 8.5 (1 working day) and Điều 13.1 "
    "(by the 25th of the period's last month)"
)
ND09 = ReportRegime(
    name="NĐ 09/2019/NĐ-CP",
    rules=(
        (Cadence.MONTHLY, ReportRule(source=_ND09)),
        (Cadence.QUARTERLY, ReportRule(source=_ND09)),
        (Cadence.HALF_YEARLY, ReportRule(source=_ND09)),
        # Nine-month reports are not in NĐ 09; provinces define them (Khánh Hòa: 15/12 ->
        # 14/9, sent within 2 working days).  The decree's cut-off shape and minimum gap,
        # and the province's last day: the 25th of Điều 13.1 is for the decree's periods.
        (
            Cadence.NINE_MONTHLY,
            ReportRule(
                source="provincial practice (Khánh Hòa: 15/12 -> 14/9, within 2 working days)",
                latest_day=None,
                latest_after=2,
                cite="Khánh Hòa (báo cáo 9 tháng)",
            ),
        ),
        (Cadence.YEARLY, ReportRule(source=_ND09)),
        # The first half alone is the decree's first half-year (15/12 -> 14/6).
        (Cadence.FIRST_HALF, ReportRule(source=_ND09)),
    ),
)
"""The default regime of Nghị định 09/2019/NĐ-CP (chế độ báo cáo)."""

# Users import these from their public face; they say so in their __module__.
rehome("cchc.calendar", ReportRegime, ReportRule)
