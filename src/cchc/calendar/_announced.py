"""cchc's own table of the state sector's days off: each year's breaks and swaps, with sources.

Bộ luật Lao động 2019 (45/2019/QH14), Điều 112.1 lists the public holidays; the Prime
Minister fixes the Tết and Quốc khánh days each year (Điều 112.3), a holiday that falls
on the weekly rest day gives a day off on the next working day (Điều 111.3), and for the
state sector the Government announces swaps (a weekday off, a Saturday worked).
:data:`ANNOUNCED` holds one row per change, with the document that announces it and
whether it is official.  From 2022 to 2023 it holds every day off itself, so that the
calendar of those years does not rest on the ``holidays`` package; later years hold
what the package does not know.  A year after the last official row, or with an
estimated row, is an *estimated* year (:func:`estimated_years`): its dates are marked.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator

import attrs

from cchc.exceptions import CchcError

__all__ = [
    "ANNOUNCED",
    "ChangeKind",
    "DayChange",
    "Status",
    "changes_for",
    "estimated_years",
    "last_announced_year",
]


class ChangeKind(enum.Enum):
    """What an announced change does to a day."""

    DAY_OFF = "day_off"
    """A weekday given off (nghỉ bù, hoán đổi) or a holiday break day."""
    WORKED = "worked"
    """A weekend day worked in exchange (làm bù)."""


class Status(enum.Enum):
    """How sure a row of the table is."""

    OFFICIAL = "official"
    """Announced by the Government, the Prime Minister or the ministry in charge."""
    ESTIMATED = "estimated"
    """Expected from the pattern of earlier years, not announced yet."""


@attrs.frozen(kw_only=True)
class DayChange:
    """One announced change to the working-day calendar, over one day or a run of days."""

    start: dt.date
    """First day concerned."""
    end: dt.date
    """Last day concerned (inclusive); equal to ``start`` for a single day."""
    kind: ChangeKind
    """A day off or a worked weekend day."""
    name: str
    """What the change is, in Vietnamese, as the announcement words it."""
    source: str
    """The announcing document, or the article of law the day comes from."""
    status: Status = Status.OFFICIAL
    """Whether the change is announced or only expected."""

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            raise CchcError(f"end: expected a date on or after {self.start}, got {self.end}")

    def days(self) -> Iterator[dt.date]:
        """Yield every day from ``start`` to ``end``."""
        day = self.start
        while day <= self.end:
            yield day
            day += dt.timedelta(days=1)


def _one(day: dt.date, kind: ChangeKind, name: str, source: str) -> DayChange:
    return DayChange(start=day, end=day, kind=kind, name=name, source=source)


def _off(start: dt.date, end: dt.date, name: str, source: str) -> DayChange:
    return DayChange(start=start, end=end, kind=ChangeKind.DAY_OFF, name=name, source=source)


_OFF = ChangeKind.DAY_OFF
_WORKED = ChangeKind.WORKED
_D = dt.date

# The holidays the Labour Code fixes, with the day off a rest day gives (Điều 111.3).
_LAW = "Bộ luật Lao động 2019, Điều 112.1 (ngày lễ) và Điều 111.3 (nghỉ bù)"
# The Prime Minister's choice of the Tết and Quốc khánh days (Điều 112.3).  For 2022 and
# 2023 the announcing document's number is not recorded: the source says no more than
# what is known.
_PM_2022 = "Thủ tướng Chính phủ (Bộ luật Lao động 2019, Điều 112.3): lịch nghỉ năm 2022 cho CBCCVC"
_PM_2023 = "Thủ tướng Chính phủ (Bộ luật Lao động 2019, Điều 112.3): lịch nghỉ năm 2023 cho CBCCVC"
_SRC_2024 = (
    "Văn phòng Chính phủ, công văn 2450/VPCP-KGVX: hoán đổi ngày làm việc dịp 30/4-1/5/2024 "
    "cho CBCCVC"
)
_SRC_2025 = (
    "Văn phòng Chính phủ, công văn 8726/VPCP-KGVX; Bộ LĐ-TB&XH, thông báo 6150/TB-BLĐTBXH: "
    "lịch nghỉ năm 2025 cho CBCCVC"
)
_SRC_2026 = (
    "Văn phòng Chính phủ, công văn 12729/VPCP-KGVX và công văn ngày 13/10/2025: "
    "lịch nghỉ năm 2026 cho CBCCVC"
)

ANNOUNCED: tuple[DayChange, ...] = (
    # 2022: no swap; Tết Nhâm Dần runs Saturday 29/1 to Sunday 6/2 (its five days 31/1-4/2).
    _off(_D(2022, 1, 1), _D(2022, 1, 3), "Tết Dương lịch (thứ Bảy), nghỉ bù thứ Hai 3/1", _LAW),
    _off(_D(2022, 1, 29), _D(2022, 2, 6), "Nghỉ Tết Âm lịch Nhâm Dần", _PM_2022),
    _off(_D(2022, 4, 10), _D(2022, 4, 11), "Giỗ Tổ Hùng Vương (Chủ nhật), nghỉ bù thứ Hai", _LAW),
    _off(
        _D(2022, 4, 30), _D(2022, 5, 3), "30/4 và 1/5 (thứ Bảy, Chủ nhật), nghỉ bù 2/5, 3/5", _LAW
    ),
    _off(_D(2022, 9, 1), _D(2022, 9, 2), "Quốc khánh 2/9 và ngày liền kề 1/9", _PM_2022),
    # 2023: no swap; Tết Quý Mão runs Friday 20/1 to Thursday 26/1; Giỗ Tổ (Saturday
    # 29/4), 30/4 (Sunday) and 1/5 give five days; 2/9 is a Saturday, paid back on 4/9.
    _off(_D(2023, 1, 1), _D(2023, 1, 2), "Tết Dương lịch (Chủ nhật), nghỉ bù thứ Hai 2/1", _LAW),
    _off(_D(2023, 1, 20), _D(2023, 1, 26), "Nghỉ Tết Âm lịch Quý Mão", _PM_2023),
    _off(_D(2023, 4, 29), _D(2023, 5, 3), "Giỗ Tổ Hùng Vương, 30/4, 1/5 và nghỉ bù 2/5, 3/5", _LAW),
    _off(_D(2023, 9, 1), _D(2023, 9, 4), "Quốc khánh 2/9 và 1/9, nghỉ bù thứ Hai 4/9", _PM_2023),
    # 2024: the 30/4 bridge Monday is paid back on the following Saturday.
    _one(_D(2024, 4, 29), _OFF, "Nghỉ hoán đổi dịp 30/4-1/5", _SRC_2024),
    _one(_D(2024, 5, 4), _WORKED, "Làm bù cho thứ Hai 29/4", _SRC_2024),
    # 2025: Tết break of 9 days; the 2/5 bridge Friday is paid back on Saturday 26/4.
    _off(_D(2025, 1, 25), _D(2025, 2, 2), "Nghỉ Tết Âm lịch Ất Tỵ", _SRC_2025),
    _one(_D(2025, 5, 2), _OFF, "Nghỉ hoán đổi dịp 30/4-1/5", _SRC_2025),
    _one(_D(2025, 4, 26), _WORKED, "Làm bù cho thứ Sáu 2/5", _SRC_2025),
    # 2026: the 2/1 bridge Friday is paid back on Saturday 10/1; Tết break of 9 days;
    # the 31/8 bridge Monday before Quốc khánh is paid back on Saturday 22/8.
    _one(_D(2026, 1, 2), _OFF, "Nghỉ hoán đổi dịp Tết Dương lịch", _SRC_2026),
    _one(_D(2026, 1, 10), _WORKED, "Làm bù cho thứ Sáu 2/1", _SRC_2026),
    _off(_D(2026, 2, 14), _D(2026, 2, 22), "Nghỉ Tết Âm lịch Bính Ngọ", _SRC_2026),
    _one(_D(2026, 8, 31), _OFF, "Nghỉ hoán đổi dịp Quốc khánh", _SRC_2026),
    _one(_D(2026, 8, 22), _WORKED, "Làm bù cho thứ Hai 31/8", _SRC_2026),
)
"""Days off and swaps of the state sector (Bộ luật Lao động 2019, Điều 111-112).

2027 is not announced yet: its days are estimated from the ``holidays`` package."""


def changes_for(year: int, changes: Iterable[DayChange] = ANNOUNCED) -> tuple[DayChange, ...]:
    """Return the announced changes touching *year*, in date order."""
    return tuple(
        sorted(
            (c for c in changes if year in (c.start.year, c.end.year)),
            key=lambda c: (c.start, c.end, c.kind.value),
        )
    )


def last_announced_year(changes: Iterable[DayChange] = ANNOUNCED) -> int | None:
    """The last year with an official row in *changes*; None when none is official."""
    return max((c.end.year for c in changes if c.status is Status.OFFICIAL), default=None)


def estimated_years(
    first_year: int, last_year: int, changes: Iterable[DayChange] = ANNOUNCED
) -> frozenset[int]:
    """The years of *first_year* to *last_year* whose days off are not announced.

    Those after :func:`last_announced_year` and those with a :attr:`Status.ESTIMATED` row.
    Without any official row cchc cannot tell which years are announced, and marks none.
    """
    rows = tuple(changes)
    last = last_announced_year(rows)
    if last is None:
        return frozenset()
    guessed = {
        year
        for c in rows
        if c.status is Status.ESTIMATED
        for year in range(c.start.year, c.end.year + 1)
    }
    return frozenset(
        year for year in range(first_year, last_year + 1) if year > last or year in guessed
    )
