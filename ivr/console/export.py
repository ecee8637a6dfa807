"""The call list as CSV: the same rows and filters as the page, one line per call."""

from __future__ import annotations

from ivr.console import formats
from ivr.console.queries import BADGES, OUTCOMES, CallRow

CSV_HEADER = (
    "call_sid",
    "started",
    "from",
    "caller_name",
    "to",
    "duration_s",
    "outcome",
    "detail",
    "engine",
    "turns",
    *BADGES,
    "test",
)


def csv_fields(row: CallRow, zone: str) -> list[object]:
    return [
        row.call_sid,
        formats.local(row.started_at, zone).isoformat(timespec="seconds"),
        row.from_number or "",
        row.caller_name or "",
        row.to_number or "",
        "" if row.duration_s is None else round(row.duration_s),
        OUTCOMES[row.outcome],
        row.detail,
        " ".join(row.engines),
        row.turns,
        *(row.badges.get(key, 0) for key in BADGES),
        "yes" if row.test else "",
    ]
