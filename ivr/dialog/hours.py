"""Opening hours and holidays: whether the business is open at a moment, and when it opens next,
in words a caller hears. Pure, except `now`, the one place the line reads the clock (a fixed
moment, IVR_CLOCK, stands in for it in tests and when trying the line)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from ivr.assistant import Assistant

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SPAN = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
LOOK_AHEAD_DAYS = 366  # a week of closed days and a year of holidays at most


class HoursError(ValueError):
    """A day's hours are not written as the file format wants; the message says how to write them."""


@dataclass(frozen=True)
class Hours:
    """[hours]: each weekday's open spans in minutes from midnight (Monday first), holidays, what
    a caller hears while closed, and the directory names reachable whatever the hour."""

    timezone: str
    week: tuple[tuple[tuple[int, int], ...], ...]
    holidays: tuple[tuple[date, str], ...] = ()
    closed_greeting: str = ""
    always_reachable: frozenset[str] = frozenset()

    def holiday(self, day: date) -> str | None:
        return next((name for when, name in self.holidays if when == day), None)


@dataclass(frozen=True)
class Closed:
    """The business is closed at this moment: the holiday's name, if it is one, and when it opens
    next, in words ("tomorrow at 8 AM"); empty if it never does within a year."""

    reopens: str
    holiday: str | None = None
    # For words in other languages: the moment it opens next, and the business's day it is now.
    opening: datetime | None = field(default=None, compare=False)
    today: date | None = field(default=None, compare=False)


def now(fixed: datetime | None = None) -> datetime:
    """The moment it is: the one place the line reads the clock."""
    return fixed if fixed is not None else datetime.now(UTC)


def spans(text: str) -> tuple[tuple[int, int], ...]:
    """A day's hours: "08:00-12:00, 13:00-18:00", or "closed"."""
    if text.strip().lower() == "closed":
        return ()
    found: list[tuple[int, int]] = []
    for piece in text.split(","):
        matched = SPAN.match(piece.strip())
        if matched is None:
            raise HoursError(f"'{piece.strip()}' is not a span like 08:00-12:00; or write \"closed\"")
        h1, m1, h2, m2 = (int(g) for g in matched.groups())
        if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
            raise HoursError(f"'{piece.strip()}' is not a time of day (00:00 to 24:00)")
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:
            raise HoursError(
                f"'{piece.strip()}' ends before it starts; a night open past midnight is two days' spans"
            )
        if found and start < found[-1][1]:
            raise HoursError(f"'{piece.strip()}' overlaps or comes before the span before it")
        found.append((start, end))
    return tuple(found)


def closed_at(hours: Hours, moment: datetime) -> Closed | None:
    """None while the business is open at `moment`; else why not and when it opens again. A naive
    moment is taken in the business's time zone."""
    local = _local(hours, moment)
    if _open(hours, local):
        return None
    opening = next_opening(hours, local)
    return Closed(_spoken_opening(local, opening), hours.holiday(local.date()), opening, local.date())


def as_of(assistant: Assistant, moment: datetime) -> Assistant:
    """The assistant as a call hears it at `moment`: `closed` set while the business is closed."""
    if assistant.hours is None:
        return assistant
    return replace(assistant, closed=closed_at(assistant.hours, moment))


def reachable(assistant: Assistant, target: str) -> bool:
    """Whether a directory name can be dialed now: always while open, and always-reachable lines
    (an on-call number) while closed."""
    hours = assistant.hours
    return assistant.closed is None or hours is None or target in hours.always_reachable


def next_opening(hours: Hours, local: datetime) -> datetime | None:
    minute = local.hour * 60 + local.minute
    for ahead in range(LOOK_AHEAD_DAYS):
        day = local.date() + timedelta(days=ahead)
        if hours.holiday(day) is not None:
            continue
        for start, _end in hours.week[day.weekday()]:
            if ahead or start > minute:
                return datetime.combine(day, time(start // 60, start % 60), local.tzinfo)
    return None


def _open(hours: Hours, local: datetime) -> bool:
    if hours.holiday(local.date()) is not None:
        return False
    minute = local.hour * 60 + local.minute
    return any(start <= minute < end for start, end in hours.week[local.weekday()])


def _local(hours: Hours, moment: datetime) -> datetime:
    zone = ZoneInfo(hours.timezone)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _spoken_opening(local: datetime, opening: datetime | None) -> str:
    """ "today at 1 PM", "tomorrow at 8 AM", "on Monday at 8:30 AM", "on Tuesday, January 2 at 8 AM"."""
    if opening is None:
        return ""
    days = (opening.date() - local.date()).days
    if days == 0:
        when = "today"
    elif days == 1:
        when = "tomorrow"
    elif days < 7:
        when = f"on {DAYS[opening.weekday()].capitalize()}"
    else:
        when = f"on {DAYS[opening.weekday()].capitalize()}, {opening:%B} {opening.day}"
    return f"{when} at {_clock(opening)}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'AM' if moment.hour < 12 else 'PM'}"
