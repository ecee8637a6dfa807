"""The messages callers left, as the business reads them: newest first, each with its caller and
call, marked handled once someone has seen to it. The `ivr messages` command and a console share
these queries."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from ivr.record.models import Call, Message


class UnknownMessages(LookupError):
    """Some of the ids asked for are not messages; nothing was changed."""

    def __init__(self, ids: list[int]) -> None:
        super().__init__(f"No message {', '.join(map(str, ids))}")
        self.ids = ids


@dataclass(frozen=True)
class CallerMessage:
    id: int
    left_at: datetime
    text: str
    caller_number: str | None  # the number the call came from
    caller_name: str | None  # the name the caller gave, else the one the business knows them by
    callback_number: str | None
    handled_at: datetime | None
    call_sid: str
    test: bool  # left on a test call (`ivr test-calls --url`)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "left_at": self.left_at.isoformat(timespec="seconds"),
            "text": self.text,
            "caller_number": self.caller_number,
            "caller_name": self.caller_name,
            "callback_number": self.callback_number,
            "handled_at": self.handled_at.isoformat(timespec="seconds") if self.handled_at else None,
            "call_sid": self.call_sid,
            "test": self.test,
        }


@dataclass(frozen=True)
class Marked:
    newly: list[int]  # marked handled now
    already: list[int]  # handled before: left as they were


def recent(
    session: Session, *, include_handled: bool, include_tests: bool, limit: int
) -> list[CallerMessage]:
    """The newest messages first: by default those nobody has handled, from real calls."""
    query = _messages().order_by(Message.created_at.desc(), Message.id.desc()).limit(limit)
    if not include_handled:
        query = query.where(Message.handled_at.is_(None))
    if not include_tests:
        query = query.where(Call.test.is_(False))
    return [_message(row, call) for row, call in session.execute(query)]


def get(session: Session, id: int) -> CallerMessage | None:
    found = session.execute(_messages().where(Message.id == id)).first()
    return _message(*found) if found is not None else None


def mark_handled(session: Session, ids: Collection[int], now: datetime) -> Marked:
    """Mark messages handled at `now`, all or none: UnknownMessages if any id is not a message.
    A message handled before keeps the time it was first handled."""
    wanted = set(ids)
    found = dict(session.execute(select(Message.id, Message.handled_at).where(Message.id.in_(wanted))).all())
    unknown = sorted(wanted - found.keys())
    if unknown:
        raise UnknownMessages(unknown)
    newly = sorted(id for id, handled_at in found.items() if handled_at is None)
    if newly:
        session.execute(
            update(Message).where(Message.id.in_(newly), Message.handled_at.is_(None)).values(handled_at=now)
        )
    session.commit()
    return Marked(newly, sorted(wanted - set(newly)))


def _messages() -> Select[Message, Call]:
    return select(Message, Call).join(Call, Message.call_id == Call.id)


def _message(row: Message, call: Call) -> CallerMessage:
    return CallerMessage(
        id=row.id,
        left_at=row.created_at,
        text=row.text,
        caller_number=call.from_number,
        caller_name=row.name or _known_name(call.contact),
        callback_number=row.callback_number,
        handled_at=row.handled_at,
        call_sid=call.call_sid,
        test=call.test,
    )


def _known_name(contact: str | None) -> str | None:
    """The name in the contact stored with the call (the business's JSON, as looked up)."""
    try:
        name = json.loads(contact).get("name") if contact else None
    except (ValueError, AttributeError):
        return None
    return name if isinstance(name, str) and name else None
