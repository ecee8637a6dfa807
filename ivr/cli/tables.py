"""How the commands print what they list: aligned columns under headers, and times, durations and
CallSids written the same way everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

SID_PREFIX = 10  # "CA" and 8 hex digits: unique among any plausible number of calls


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Rows under headers, each column as wide as its widest cell; the last column is not padded,
    so long text runs on instead of pushing the others apart. None shows as "-"."""
    cells = [list(headers), *([_cell(value) for value in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]).rstrip()
        for row in cells
    )


def short_sids(sids: Iterable[str]) -> dict[str, str]:
    """Each CallSid's prefix, long enough to tell apart those shown (`ivr transcript` takes any
    unique prefix)."""
    sids = list(sids)
    length = SID_PREFIX
    while length < max(map(len, sids), default=0) and len({sid[:length] for sid in sids}) < len(set(sids)):
        length += 2
    return {sid: sid[:length] for sid in sids}


def when(moment: datetime | None, seconds: bool = False) -> str | None:
    """A UTC time as operators read it: 2026-11-30 10:02 (or 10:02:11)."""
    if moment is None:
        return None
    return f"{moment:%Y-%m-%d %H:%M:%S}" if seconds else f"{moment:%Y-%m-%d %H:%M}"


def duration(seconds: float | None) -> str | None:
    """42s, 1m 05s, 1h 02m."""
    if seconds is None:
        return None
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m {whole % 60:02d}s"
    return f"{whole // 3600}h {whole % 3600 // 60:02d}m"


def offset(since: timedelta) -> str:
    """A time into a call: 0:04, 12:30, 1:02:03."""
    whole = max(0, int(since.total_seconds()))
    minutes, seconds = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}:{seconds:02d}"
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"


def milliseconds(ms: int | None) -> str | None:
    return None if ms is None else f"{ms:,} ms"


def _cell(value: object) -> str:
    return "-" if value is None or value == "" else str(value)
