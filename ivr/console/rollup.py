"""The overview's figures of days long past, kept: a day that ended a day ago or more no longer
changes (its calls have ended, their turns and messages are written), so its tallies are computed
once, by the first overview that covers it, stored as one row, and added up from then on. Days are
the line's (its time zone's), so that a period of days is kept days and today's calls only. Days
before the oldest call left are never kept (`ivr purge` removed some of their calls)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ivr.console.formats import day_start
from ivr.record.models import Call, OverviewDay

SETTLED = timedelta(days=1)  # how long after its end a day is taken as closed
Days = tuple[date, date]  # the line's days, the first included, the second not
Tally = tuple[str, str, str, int]  # UTC hour 'YYYY-MM-DD HH', figure, key, amount
Tallied = defaultdict[str, Counter[str]]  # figure -> key -> amount, hours and days added up


def kept_days(session: Session, start: date, end: date, zone: str, now: datetime) -> Days | None:
    """The days from `start` to `end` (included) whose figures can be kept, if any: those that
    ended SETTLED ago, from the first that began after the oldest call."""
    oldest = session.scalar(select(func.min(Call.started_at)))
    if oldest is None or not _whole_hours(zone, start, end):
        return None
    first = oldest.astimezone(ZoneInfo(zone)).date()
    if day_start(first, zone) < oldest:
        first += timedelta(days=1)
    first = max(first, start)
    last = min(end + timedelta(days=1), (now - SETTLED).astimezone(ZoneInfo(zone)).date())
    return (first, last) if first < last else None


def _whole_hours(zone: str, start: date, end: date) -> bool:
    """Whether the zone's days begin on UTC hours, as the hourly tallies need (not India's)."""
    return all(day_start(start + timedelta(days=n), zone).minute == 0 for n in range((end - start).days + 2))


def keep(
    session: Session, days: Days, zone: str, count: Callable[[datetime, datetime], Iterable[Tally]]
) -> None:
    """Compute and store the tallies of the days not kept yet, a run of days at a time. Two workers
    may do it at once: the second one's insert of the same days fails and is dropped."""
    query = select(OverviewDay.day).where(
        OverviewDay.zone == zone, OverviewDay.day >= days[0], OverviewDay.day < days[1]
    )
    have = set(session.scalars(query))
    tz = ZoneInfo(zone)
    for first, last in _missing_runs(days, have):
        by_day: dict[date, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        local_days: dict[str, date] = {}
        for hour, figure, key, amount in count(day_start(first, zone), day_start(last, zone)):
            if hour not in local_days:
                local_days[hour] = datetime.fromisoformat(f"{hour}:00+00:00").astimezone(tz).date()
            by_day[local_days[hour]][figure][key] += amount
        rows = [
            {"day": day, "zone": zone, "tallies": json.dumps(by_day.get(day, {}), separators=(",", ":"))}
            for day in (first + timedelta(days=n) for n in range((last - first).days))
        ]
        session.rollback()  # end the read: on SQLite a read transaction cannot always turn into a write
        try:
            session.execute(insert(OverviewDay), rows)
            session.commit()
        except (IntegrityError, OperationalError):  # kept by another worker, or the database busy:
            session.rollback()  # the figures were counted all the same, and are kept next time


def _missing_runs(days: Days, have: set[date]) -> list[Days]:
    runs: list[Days] = []
    day = days[0]
    while day < days[1]:
        if day in have:
            day += timedelta(days=1)
            continue
        start = day
        while day < days[1] and day not in have:
            day += timedelta(days=1)
        runs.append((start, day))
    return runs


def added_up(session: Session, days: Days, zone: str) -> Tallied:
    """Each figure's amounts over the kept days, by key."""
    total: Tallied = defaultdict(Counter)
    query = select(OverviewDay.tallies).where(
        OverviewDay.zone == zone, OverviewDay.day >= days[0], OverviewDay.day < days[1]
    )
    for tallies in session.scalars(query):
        for figure, amounts in json.loads(tallies).items():
            total[figure].update(amounts)
    return total


def forget(session: Session) -> None:
    """Drop every kept day (calls were written into the past, as `ivr demo-data` does)."""
    session.execute(delete(OverviewDay))
