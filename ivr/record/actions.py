"""Calls to the business's declared actions in the record: claimed by their idempotency key before
the request goes out, finished with what came back, and replayed instead of sent again."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ivr.record.models import ActionRun, Call, utcnow

RUNNING = "running"


@dataclass(frozen=True)
class Stored:
    """An action run found under its key: finished (replay it) or still marked running (the
    worker that sent it died, or hangs: send again under the same key, which the business dedupes)."""

    status: str
    http_status: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    detail: str = ""

    @property
    def finished(self) -> bool:
        return self.status != RUNNING


def begin(
    session: Session, call_id: int, seq: int | None, moment: str, name: str, key: str, parameters: str
) -> Stored | None:
    """Record that the action is about to be sent under `key`; None if this is the first time,
    otherwise the run stored under that key before."""
    run = ActionRun(
        call_id=call_id, seq=seq, moment=moment, name=name, key=key, parameters=parameters, status=RUNNING
    )
    session.add(run)
    try:
        session.commit()
        return None
    except IntegrityError:
        session.rollback()
    found = session.scalars(select(ActionRun).where(ActionRun.key == key)).one()
    session.commit()
    return Stored(found.status, found.http_status, _fields(found.answer), found.detail or "")


def finish(
    session: Session,
    key: str,
    status: str,
    http_status: int | None,
    elapsed_ms: int | None,
    fields: dict[str, Any],
    detail: str = "",
) -> None:
    session.execute(
        update(ActionRun)
        .where(ActionRun.key == key)
        .values(
            status=status,
            http_status=http_status,
            elapsed_ms=elapsed_ms,
            answer=json.dumps(fields, ensure_ascii=False, default=str) if fields else None,
            detail=detail[:300] or None,
            finished_at=utcnow(),
        )
    )
    session.commit()


def refused(
    session: Session,
    call_id: int,
    seq: int | None,
    moment: str,
    name: str,
    key: str,
    parameters: str,
    why: str,
) -> None:
    """Keep an action the line refused to send (its values broke the schema), once per key."""
    if begin(session, call_id, seq, moment, name, key, parameters) is None:
        finish(session, key, "refused", None, None, {}, why)


def note_spoken(session: Session, key: str, names: Sequence[str]) -> None:
    """Which fields of the answer the caller heard."""
    session.execute(update(ActionRun).where(ActionRun.key == key).values(spoken=json.dumps(list(names))))
    session.commit()


_RUNS_OF_CALL = select(ActionRun).where(ActionRun.call_id == bindparam("call_id")).order_by(ActionRun.id)


def runs_of(session: Session, call_id: int) -> list[ActionRun]:
    """A call's action runs, in the order they began."""
    return list(session.scalars(_RUNS_OF_CALL, {"call_id": call_id}))


def call_of(session: Session, call_id: int) -> Call:
    return session.get_one(Call, call_id)


def _fields(answer: str | None) -> dict[str, Any]:
    if not answer:
        return {}
    try:
        data = json.loads(answer)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
