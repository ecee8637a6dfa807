"""How the console writes times, numbers and durations for people: times in the line's time zone,
thousands separated, durations as 1 min 05 s. Registered as Jinja filters."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Flask


def register(app: Flask) -> None:
    app.add_template_filter(number)
    app.add_template_filter(duration)
    app.add_template_filter(milliseconds)
    app.add_template_filter(percent)


def local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def when(moment: datetime | None, zone: str, today: date | None = None) -> str:
    """`14:05:09` today, `Mon 28 Nov 14:05` this year, `28 Nov 2025 14:05` before."""
    if moment is None:
        return ""
    at = local(moment, zone)
    today = today or datetime.now(ZoneInfo(zone)).date()
    if at.date() == today:
        return at.strftime("%H:%M:%S")
    if at.year == today.year:
        return at.strftime("%a %d %b %H:%M")
    return at.strftime("%d %b %Y %H:%M")


def day_start(day: date, zone: str) -> datetime:
    """Midnight at the start of `day` in the zone, in UTC."""
    return datetime.combine(day, time(), ZoneInfo(zone)).astimezone(UTC)


def day_after(day: date, zone: str) -> datetime:
    return day_start(day + timedelta(days=1), zone)


def number(value: float | int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def milliseconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{round(value):,} ms"


def percent(part: float, whole: float) -> str:
    if not whole:
        return "–"
    share = 100 * part / whole
    return f"{share:.1f}%" if share < 10 else f"{share:.0f}%"
