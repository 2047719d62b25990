"""Deadlines on Vietnamese working days: NĐ 09/2019 reports, expansion, the cascade, iCalendar.

The public face of ``cchc.calendar``: every name below is documented in the API reference;
the underscore modules behind it are internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc._faces import lazy

if TYPE_CHECKING:
    from cchc.calendar._cascade import check_cascade
    from cchc.calendar._days import calendar_for
    from cchc.calendar._done import DoneByRecords
    from cchc.calendar._expand import expand, expand_plan
    from cchc.calendar._ics import (
        event_uid,
        to_ics,
        write_ics,
    )
    from cchc.calendar._limits import Reading
    from cchc.calendar._members import agenda_units, owed_by
    from cchc.calendar._occurrence import (
        UPCOMING_DAYS,
        Done,
        Occurrence,
        Timing,
        agenda,
        describe_period,
        in_range,
        overdue,
        timing,
        upcoming,
    )
    from cchc.calendar._regime import ND09, ReportRegime, ReportRule
    from cchc.calendar._workdays import (
        ANNOUNCED,
        CULTURE_DAY,
        CalendarRangeError,
        ChangeKind,
        DayChange,
        Policy,
        WorkCalendar,
        add_working_days,
        adjust,
        changes_for,
        count_working_days,
        is_working_day,
        next_working_day,
        previous_working_day,
    )

__all__ = [
    "ANNOUNCED",
    "CULTURE_DAY",
    "ND09",
    "UPCOMING_DAYS",
    "CalendarRangeError",
    "ChangeKind",
    "DayChange",
    "Done",
    "DoneByRecords",
    "Occurrence",
    "Policy",
    "Reading",
    "ReportRegime",
    "ReportRule",
    "Timing",
    "WorkCalendar",
    "add_working_days",
    "adjust",
    "agenda",
    "agenda_units",
    "calendar_for",
    "changes_for",
    "check_cascade",
    "count_working_days",
    "describe_period",
    "event_uid",
    "expand",
    "expand_plan",
    "in_range",
    "is_working_day",
    "next_working_day",
    "overdue",
    "owed_by",
    "previous_working_day",
    "timing",
    "to_ics",
    "upcoming",
    "write_ics",
]

# Only at run time: to a type checker a face has exactly the names imported above.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy(
        __name__,
        {
            "ANNOUNCED": "cchc.calendar._workdays",
            "CULTURE_DAY": "cchc.calendar._workdays",
            "CalendarRangeError": "cchc.calendar._workdays",
            "ChangeKind": "cchc.calendar._workdays",
            "DayChange": "cchc.calendar._workdays",
            "Done": "cchc.calendar._occurrence",
            "DoneByRecords": "cchc.calendar._done",
            "ND09": "cchc.calendar._regime",
            "Reading": "cchc.calendar._limits",
            "Occurrence": "cchc.calendar._occurrence",
            "Policy": "cchc.calendar._workdays",
            "ReportRegime": "cchc.calendar._regime",
            "ReportRule": "cchc.calendar._regime",
            "Timing": "cchc.calendar._occurrence",
            "UPCOMING_DAYS": "cchc.calendar._occurrence",
            "WorkCalendar": "cchc.calendar._workdays",
            "add_working_days": "cchc.calendar._workdays",
            "adjust": "cchc.calendar._workdays",
            "agenda": "cchc.calendar._occurrence",
            "agenda_units": "cchc.calendar._members",
            "calendar_for": "cchc.calendar._days",
            "changes_for": "cchc.calendar._workdays",
            "check_cascade": "cchc.calendar._cascade",
            "count_working_days": "cchc.calendar._workdays",
            "describe_period": "cchc.calendar._occurrence",
            "event_uid": "cchc.calendar._ics",
            "expand": "cchc.calendar._expand",
            "expand_plan": "cchc.calendar._expand",
            "in_range": "cchc.calendar._occurrence",
            "is_working_day": "cchc.calendar._workdays",
            "next_working_day": "cchc.calendar._workdays",
            "overdue": "cchc.calendar._occurrence",
            "owed_by": "cchc.calendar._members",
            "previous_working_day": "cchc.calendar._workdays",
            "timing": "cchc.calendar._occurrence",
            "to_ics": "cchc.calendar._ics",
            "upcoming": "cchc.calendar._occurrence",
            "write_ics": "cchc.calendar._ics",
        },
    )
