"""What real callers said that the line did not understand, most frequent first: the owner's list
of phrases to add to the assistant file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from ivr.dialog.notes import Note
from ivr.record.models import Call, Turn, utcnow

REASKED = (Note.NO_MATCH.value, Note.LOW_CONFIDENCE.value)


@dataclass(frozen=True)
class Unmatched:
    said: str  # as the caller said it, the last time
    times: int
    calls: int
    last_at: datetime
    last_call_sid: str
    low_confidence: int  # of `times`, how many were re-asked because recognition was unsure

    def as_dict(self) -> dict[str, object]:
        return {**self.__dict__, "last_at": self.last_at.isoformat()}


def normalised(text: str) -> str:
    """Said alike: lower case, words only ("Billing?" and "billing" are one line of the list)."""
    return " ".join(re.findall(r"[\w']+", text.lower()))


def unmatched(session: Session, within: timedelta, limit: int = 50) -> list[Unmatched]:
    """Caller speech the line answered by asking again, on real calls (not tests) since `within`
    ago, grouped by what was said."""
    answer = aliased(Turn)
    rows = session.execute(
        select(Turn.text, Turn.created_at, Call.call_sid, answer.note)
        .join(Call, Call.id == Turn.call_id)
        .join(answer, and_(answer.call_id == Turn.call_id, answer.seq == Turn.seq + 1))
        .where(
            Turn.role == "caller",
            Turn.input_kind == "speech",
            answer.note.in_(REASKED),
            ~Call.test,
            Call.started_at >= utcnow() - within,
        )
        .order_by(Turn.created_at)
    ).all()
    groups: dict[str, list] = {}
    for row in rows:
        if normalised(row.text):
            groups.setdefault(normalised(row.text), []).append(row)
    found = [
        Unmatched(
            said=said[-1].text,
            times=len(said),
            calls=len({row.call_sid for row in said}),
            last_at=said[-1].created_at,
            last_call_sid=said[-1].call_sid,
            low_confidence=sum(row.note == Note.LOW_CONFIDENCE.value for row in said),
        )
        for said in groups.values()
    ]
    found.sort(key=lambda u: (-u.times, -u.last_at.timestamp()))
    return found[:limit]
